#!/usr/bin/env bash
# Builds the trainer-profiling driver from the core sources (cpp/core, cpp/model): native
# (g++ -O3 -DNDEBUG as CMake Release, plus -g for perf) -> build/driver, and WebAssembly (em++ with
# the package's flags -O3 -msimd128 -fexceptions -DNDEBUG) -> build/driver.cjs (run: node build/driver.cjs).
# Usage: [CPP=dir-with-core-and-model] [OUT=build-dir] build.sh [native|wasm|all]
# (objects are rebuilt only when a source or header changed; CPP/OUT allow A/B builds of a variant)
set -euo pipefail
cd "$(dirname "$0")"
export NODE_PATH=/usr/share/nodejs
ROOT=../..
WHAT=${1:-all}
CPP=${CPP:-$ROOT/cpp}
OUT=${OUT:-build}
SRC=(driver.cpp $CPP/core/*.cpp $CPP/model/*.cpp)
INC=(-I$CPP -isystem /usr/include/eigen3)
NATIVE_FLAGS=(-std=c++17 -O3 -DNDEBUG -g)
WASM_FLAGS=(-std=c++17 -O3 -msimd128 -fexceptions -DNDEBUG)
NEWEST_HEADER=$(ls -t $CPP/core/*.h $CPP/model/*.h | head -1)

# compile CXX OUTDIR FLAGS... : one object per source, skipped when up to date
compile() {
  local cxx=$1 out=$2; shift 2
  mkdir -p "$out"
  local objs=()
  for src in "${SRC[@]}"; do
    local dir; dir=$(basename "$(dirname "$src")"); [[ $dir == . ]] && dir=bench
    local obj="$out/${dir}_$(basename "${src%.cpp}").o"
    if [[ ! -f $obj || $src -nt $obj || $NEWEST_HEADER -nt $obj ]]; then
      echo "+ $cxx $src" >&2
      "$cxx" "$@" "${INC[@]}" -c "$src" -o "$obj" &
      while (( $(jobs -rp | wc -l) >= 2 )); do wait -n; done   # at most 2 compilers (shared machine)
    fi
    objs+=("$obj")
  done
  wait
  OBJS=("${objs[@]}")
}

if [[ $WHAT == native || $WHAT == all ]]; then
  compile g++ $OUT/native "${NATIVE_FLAGS[@]}"
  g++ "${OBJS[@]}" -o $OUT/driver
fi
if [[ $WHAT == wasm || $WHAT == all ]]; then
  compile em++ $OUT/wasm "${WASM_FLAGS[@]}"
  em++ -O3 -fexceptions "${OBJS[@]}" -o $OUT/driver.cjs \
    -s ENVIRONMENT=node -s ALLOW_MEMORY_GROWTH=1 -s EXIT_RUNTIME=1 -s SINGLE_FILE=1
fi
