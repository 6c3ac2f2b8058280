#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/*_fuzz.cpp) with clang + ASan/UBSan and runs each for a
# fixed time on its seed corpus. Exits non-zero if any target crashed (a crash-/leak-/timeout-/oom-
# file exists in fuzz-out/<name>/).
#
# usage: scripts/fuzz.sh [seconds-per-target] [target-name...]
#   scripts/fuzz.sh                 # every target, 60 s each
#   scripts/fuzz.sh 300 bytes_fuzz  # one target, 5 minutes
#
# Layout: seeds are read from tests/fuzz/corpus/<name>/ (never written to); inputs libFuzzer finds
# interesting go to fuzz-out/<name>/corpus/, crash reproducers and the log to fuzz-out/<name>/.
# Reproduce a crash: build-fuzz/<name> fuzz-out/<name>/crash-<hash>
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build-fuzz"
OUT="$ROOT/fuzz-out"
SECONDS_PER_TARGET="${1:-60}"
shift $(( $# > 0 ? 1 : 0 ))

# Echo each command before running it.
run() {
  echo "+ $*" >&2
  "$@"
}

if ! [[ "$SECONDS_PER_TARGET" =~ ^[0-9]+$ ]] || (( SECONDS_PER_TARGET < 1 )); then
  echo "fuzz.sh: seconds-per-target must be a positive integer (got '$SECONDS_PER_TARGET')" >&2
  exit 2
fi

# Targets: the ones named on the command line, else every tests/fuzz/*_fuzz.cpp.
TARGETS=("$@")
if (( ${#TARGETS[@]} == 0 )); then
  for src in "$ROOT"/tests/fuzz/*_fuzz.cpp; do
    TARGETS+=("$(basename "$src" .cpp)")
  done
fi
for t in "${TARGETS[@]}"; do
  if [[ ! -f "$ROOT/tests/fuzz/$t.cpp" ]]; then
    echo "fuzz.sh: no fuzz target '$t' (expected tests/fuzz/$t.cpp)" >&2
    exit 2
  fi
done

# 1. Configure with clang and libFuzzer; -O1 without NDEBUG so Eigen's and our asserts stay live.
export CC=clang CXX=clang++
run cmake -S "$ROOT" -B "$BUILD" -DPATHWISE_FUZZ=ON -DPATHWISE_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O1 -g"

# 2. Build only the requested targets (2 cores shared: -j2 at most).
run nice cmake --build "$BUILD" -j2 --target "${TARGETS[@]}"

# 3. Run each target; a failing target does not stop the others.
status=0
for t in "${TARGETS[@]}"; do
  dir="$OUT/$t"
  seeds="$ROOT/tests/fuzz/corpus/$t"
  run mkdir -p "$dir/corpus" "$seeds"
  run rm -f "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* "$dir"/oom-*   # stale artifacts
  if ! run nice "$BUILD/$t" "$dir/corpus" "$seeds" \
      -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 -timeout=10 \
      -artifact_prefix="$dir/" 2>&1 | tee "$dir/log.txt"; then
    status=1
  fi
  execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$dir/log.txt" | grep -o '[0-9]*$' || true)"
  echo "fuzz.sh: $t executed ${execs:-?} inputs in ${SECONDS_PER_TARGET} s" >&2
done

# 4. Any reproducer file means a crash, whatever the exit codes said.
shopt -s nullglob
crashes=()
for t in "${TARGETS[@]}"; do
  crashes+=("$OUT/$t"/crash-* "$OUT/$t"/leak-* "$OUT/$t"/timeout-* "$OUT/$t"/oom-*)
done
if (( ${#crashes[@]} > 0 )); then
  echo "fuzz.sh: crash files:" >&2
  printf '  %s\n' "${crashes[@]}" >&2
  exit 1
fi
if (( status != 0 )); then
  echo "fuzz.sh: a fuzz target exited with an error (see fuzz-out/<name>/log.txt)" >&2
  exit 1
fi
echo "fuzz.sh: no crashes in ${#TARGETS[@]} target(s)" >&2
