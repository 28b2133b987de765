#!/usr/bin/env bash
# Regenerates the README's screenshot of the executive summary: builds the bundled example and
# photographs the first screen of the summary at 1366×768 in headless Chromium.
#   ./scripts/screenshot.sh            → docs/screenshot-summary.png
# Needs Chromium (/usr/bin/chromium, or CHROMIUM=path) and Node; installs the browser test's
# Node packages when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

out=docs/screenshot-summary.png
site=target/screenshot-site
cargo build --locked --quiet
rm -rf "$site"
./target/debug/folio build --content content --output "$site" >/dev/null
[ -d tests/browser/node_modules/playwright-core ] ||
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
node tests/browser/shot.mjs "$site/index.html" "$out" 1366 768 0 light
echo "wrote $out"
