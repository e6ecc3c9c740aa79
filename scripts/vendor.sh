#!/bin/sh
# Copy the web app's browser assets (installed from npm, pinned in package-lock.json) into
# src/fazhi/web/static/vendor/. Idempotent; needs no network when node_modules is present.
# Without npm the app still runs: charts show a notice and /api/docs links the OpenAPI JSON.
set -eu
cd "$(dirname "$0")/.."
DEST=src/fazhi/web/static/vendor
if [ ! -f node_modules/echarts/dist/echarts.min.js ] || [ ! -f node_modules/swagger-ui-dist/swagger-ui-bundle.js ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "vendor.sh: 未找到 npm，跳过图表库（看板将显示提示）/ npm not found, skipping browser assets" >&2
    exit 0
  fi
  # --ignore-scripts: the assets need no install scripts (and one dependency's script only reports usage)
  if ! npm ci --no-audit --no-fund --ignore-scripts --loglevel=error; then
    echo "vendor.sh: npm ci 失败，跳过图表库（看板将显示提示）/ npm ci failed, skipping browser assets" >&2
    exit 0
  fi
fi
mkdir -p "$DEST"
for f in node_modules/echarts/dist/echarts.min.js \
         node_modules/swagger-ui-dist/swagger-ui-bundle.js \
         node_modules/swagger-ui-dist/swagger-ui.css; do
  cmp -s "$f" "$DEST/$(basename "$f")" 2>/dev/null || cp "$f" "$DEST/"
done
