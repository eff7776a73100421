#!/usr/bin/env bash
# Rebuild static/vendor/ and static/fonts/ from the npm registry (run by hand when bumping versions).
# Also fetches axe-core for the browser tests only (tests/browser/vendor/, never served by the app).
# `scripts/vendor.sh axe` fetches axe-core alone.
set -euo pipefail
cd "$(dirname "$0")/.."
AXE=4.14.1
vendor_axe() {
  local dir
  dir=$(mktemp -d)
  (cd "$dir" && npm init -y >/dev/null && npm install --no-audit --no-fund "axe-core@$AXE" >/dev/null)
  mkdir -p tests/browser/vendor
  cp "$dir/node_modules/axe-core/axe.min.js" tests/browser/vendor/axe.min.js
  cp "$dir/node_modules/axe-core/LICENSE" tests/browser/vendor/LICENSE-axe-core.txt
  rm -rf "$dir"
  echo "vendored for tests: axe-core $AXE"
}
if [ "${1:-}" = axe ]; then
  vendor_axe
  exit 0
fi
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
vendor_axe
echo "vendored: Sarabun $SARABUN, Yjs $YJS, socket.io-client $SOCKETIO," \
  "fractional-indexing $FRACTIONAL_INDEXING (esbuild $ESBUILD)"
