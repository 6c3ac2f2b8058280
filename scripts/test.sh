#!/usr/bin/env bash
# test.sh — `npm test`: set up (install what is missing), native tests (ctest), build (wasm + TS),
# the strict type-check of a consumer of the public API, and Vitest against the real .wasm.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p test-results
bash scripts/test-native.sh 2>&1 | tee test-results/ctest.log
bash scripts/build.sh
echo "+ tsc --noEmit -p tests/types && tsc -p tests/web"
npx tsc --noEmit -p tests/types   # the public API as a strict consumer sees it
npx tsc -p tests/web              # the tests themselves (noEmit)
echo "+ vitest run"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?
# Browser end-to-end (issue 5): the dashboard in Debian's Chromium under a strict CSP, worker
# training, cancel, save/load, zero network after load; and the packed tarball in a fresh Vite app.
echo "+ tsc -p tests/e2e && tsc -p examples/dashboard && vitest run -c vitest.e2e.config.ts"
npx tsc -p tests/e2e
npx tsc -p examples/dashboard
npx vitest run -c vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json=test-results/vitest-e2e.json || status=$?
# CI reads ctest's summary or a plain "N passed, N failed" line, not Vitest's: print one for both.
node -e '
  const fs = require("fs");
  const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return { numPassedTests: 0, numFailedTests: 1, numTotalTests: 1 }; } };
  const u = read("test-results/vitest.json"), e = read("test-results/vitest-e2e.json");
  const v = { numPassedTests: u.numPassedTests + e.numPassedTests, numFailedTests: u.numFailedTests + e.numFailedTests,
              numTotalTests: u.numTotalTests + e.numTotalTests };
  const m = /(\d+) tests failed out of (\d+)/.exec(fs.readFileSync("test-results/ctest.log", "utf8"));
  const cFailed = m ? +m[1] : 0, cPassed = m ? +m[2] - +m[1] : 0;
  console.log(`ctest ${cPassed}/${cPassed + cFailed}, vitest ${v.numPassedTests}/${v.numTotalTests}`);
  console.log(`tests: ${cPassed + v.numPassedTests} passed, ${cFailed + v.numFailedTests} failed`);
' || true
exit "$status"
