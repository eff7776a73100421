#!/usr/bin/env bash
# Rebuild static/vendor/ and static/fonts/ from the npm registry (run by hand when bumping versions).
set -euo pipefail
cd "$(dirname "$0")/.."
SARABUN=5.3.0
YJS=13.6.33
SOCKETIO=4.8.4
FRACTIONAL_INDEXING=4.0.0
ESBUILD=0.28.2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund \
  "@fontsource/sarabun@$SARABUN" "yjs@$YJS" "socket.io-client@$SOCKETIO" \
  "fractional-indexing@$FRACTIONAL_INDEXING" "esbuild@$ESBUILD" >/dev/null)
mkdir -p static/vendor
for lib in yjs socketio fractional-indexing; do
  out=$([ "$lib" = socketio ] && echo socket.io || echo "$lib")
  cp "scripts/vendor/entry-$lib.js" "$work/entry-$lib.js"
  (cd "$work" && ./node_modules/.bin/esbuild "entry-$lib.js" --bundle --format=esm --minify \
     --target=es2020 --legal-comments=eof --outfile="out-$lib.js" --log-level=warning)
  cp "$work/out-$lib.js" "static/vendor/$out.js"
done
mkdir -p static/fonts
for weight in 400 600 700; do
  for subset in thai latin; do
    cp "$work/node_modules/@fontsource/sarabun/files/sarabun-$subset-$weight-normal.woff2" static/fonts/
  done
done
cp "$work/node_modules/@fontsource/sarabun/LICENSE" static/fonts/LICENSE-Sarabun.txt 2>/dev/null || true
echo "vendored: Sarabun $SARABUN, Yjs $YJS, socket.io-client $SOCKETIO," \
  "fractional-indexing $FRACTIONAL_INDEXING (esbuild $ESBUILD)"
