#!/bin/sh
# Builds and runs the learner simulator (issue 8 part 4) natively with g++, then writes
# bench/simulator/RESULTS.md. Usage: bench/simulator/run.sh [students=1000] [steps=40]
set -e
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${TMPDIR:-/tmp}/pathwise-simulate"
# Only the modules the simulator needs: core, model, eval and the knowledge-tracing files.
SOURCES="$ROOT/cpp/core/*.cpp $ROOT/cpp/model/*.cpp $ROOT/cpp/eval/*.cpp
  $ROOT/cpp/personal/attempt_log.cpp $ROOT/cpp/personal/mastery_features.cpp
  $ROOT/cpp/personal/pfa.cpp $ROOT/cpp/personal/mastery.cpp $ROOT/cpp/personal/recommend.cpp"
set -x
g++ -O2 -DNDEBUG -std=c++17 -I "$ROOT/cpp" -I /usr/include/eigen3 "$HERE/simulate.cpp" $SOURCES -o "$OUT"
"$OUT" "${1:-1000}" "${2:-40}" "$HERE/RESULTS.md"
