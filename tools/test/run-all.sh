#!/usr/bin/env bash
# Runs every suite after ./loophole has bootstrapped and built: the layering lint, the
# native suites (ctest), a fixed-budget fuzz run, Signal's engine under ASan+UBSan and TSan,
# the TypeScript typecheck, the TS unit tests and the browser e2e tests.
# Every suite runs even when an earlier one fails; the last line sums them up.
set -uo pipefail
ROOT=${LOOPHOLE_ROOT:?run through ./loophole test}
BUILD_DIR=${LOOPHOLE_BUILD_DIR:?}
REPORTS="$BUILD_DIR/test-reports"
rm -rf "$REPORTS" && mkdir -p "$REPORTS"
cd "$ROOT"

failed_suites=()
suite() {
  local name=$1; shift
  printf '\n=== %s\n' "$name"
  if "$@"; then printf '=== %s: ok\n' "$name"; else failed_suites+=("$name"); printf '=== %s: FAILED\n' "$name"; fi
}

suite "layering lint" node tools/layering/check-layers.mjs
suite "native tests (ctest)" ctest --test-dir "$BUILD_DIR" --output-on-failure -j 2 \
  --timeout 600 --exclude-regex 'Soak' --output-junit "$REPORTS/ctest.xml"
# Real-time soaks measure deadlines: they run alone, with nothing else competing for the cores.
suite "real-time soak (ctest, alone)" ctest --test-dir "$BUILD_DIR" --output-on-failure -j 1 \
  --timeout 600 --tests-regex 'Soak' --output-junit "$REPORTS/ctest-soak.xml"
suite "fuzzing (fixed budget)" env LOOPHOLE_FUZZ_BUILD_DIR="$BUILD_DIR/fuzz" \
  tools/fuzz/run.sh "${LOOPHOLE_FUZZ_SECONDS:-20}"
# Signal's engine suite again under ASan+UBSan and under TSan (queues, plan swap, clip
# streaming). `tools/sanitize/run.sh address|thread` also runs the server suite (full JUCE build).
suite "Signal engine under ASan+UBSan" env LOOPHOLE_SANITIZE_BUILD_DIR="$BUILD_DIR/asan-engine" \
  tools/sanitize/run.sh address-engine
suite "Signal engine under TSan" env LOOPHOLE_SANITIZE_BUILD_DIR="$BUILD_DIR/tsan-engine" \
  tools/sanitize/run.sh thread-engine
suite "typecheck" npx --no-install tsc -b tsconfig.json
suite "TS unit tests" npx --no-install vitest run --project unit \
  --reporter=default --reporter=junit --outputFile.junit="$REPORTS/unit.xml"
suite "browser e2e tests" npx --no-install vitest run --project e2e --passWithNoTests \
  --reporter=default --reporter=junit --outputFile.junit="$REPORTS/e2e.xml"

node tools/test/summarise.mjs "$REPORTS" "${failed_suites[@]+"${failed_suites[@]}"}"
