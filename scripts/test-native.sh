#!/usr/bin/env bash
# test-native.sh — the C++ core's GoogleTest suites, built with the host compiler, run by ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "+ cmake -S . -B build && cmake --build build -j2"
cmake -S . -B build >/dev/null
cmake --build build -j2
echo "+ ctest --test-dir build --output-on-failure"
ctest --test-dir build --output-on-failure
