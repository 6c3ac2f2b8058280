#!/usr/bin/env bash
# Builds the GEMM-ceiling module for the bench: gemm.cpp (+ cpp/model/dense_kernels.h) ->
# build/gemm.mjs + build/gemm.wasm, with the package's release flags (-O3 -msimd128 -DNDEBUG).
set -euo pipefail
cd "$(dirname "$0")"
export NODE_PATH=/usr/share/nodejs   # emscripten's JS optimizer needs acorn from here at -O2+
mkdir -p build
FLAGS=(-O3 -msimd128 -DNDEBUG -std=c++17 -I../../cpp -isystem /usr/include/eigen3)
LINK=(-s MODULARIZE=1 -s EXPORT_ES6=1 -s EXPORT_NAME=createGemmModule -s ENVIRONMENT=web,worker
      -s FILESYSTEM=0 -s ALLOW_MEMORY_GROWTH=1
      -s EXPORTED_FUNCTIONS=_gemm_shape_count,_gemm_dim,_gemm_flops,_gemm_run,_gemm_check)
set -x
em++ "${FLAGS[@]}" gemm.cpp -o build/gemm.mjs "${LINK[@]}"
