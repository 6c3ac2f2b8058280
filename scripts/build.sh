#!/usr/bin/env bash
# build.sh — the package build: WebAssembly (build-wasm.sh), then the TypeScript wrapper
# (web/src → web/dist, ESM + .d.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-wasm.sh
echo "+ tsc -p web/tsconfig.json"
rm -rf web/dist
npx tsc -p web/tsconfig.json
