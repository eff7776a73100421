#!/usr/bin/env bash
# Rebuild static/vendor/ and static/fonts/ from the npm registry (run by hand when bumping versions).
set -euo pipefail
cd "$(dirname "$0")/.."
SARABUN=5.3.0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund \
  "@fontsource/sarabun@$SARABUN" >/dev/null)
mkdir -p static/fonts
for weight in 400 600 700; do
  for subset in thai latin; do
    cp "$work/node_modules/@fontsource/sarabun/files/sarabun-$subset-$weight-normal.woff2" static/fonts/
  done
done
cp "$work/node_modules/@fontsource/sarabun/LICENSE" static/fonts/LICENSE-Sarabun.txt 2>/dev/null || true
echo "vendored: Sarabun $SARABUN"
