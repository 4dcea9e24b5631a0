#!/usr/bin/env bash
# Signal's engine and server suites under a sanitizer. Builds them in their own folder and
# runs them with every sanitizer report collected, from the test executables and from the
# loophole-signal processes the server tests start, so that any report fails the suite.
# Usage: tools/sanitize/run.sh address|thread[-engine]
#   address: ASan + UBSan (memory errors, leaks, undefined behaviour)
#   thread:  TSan (data races: the lock-free queues, the plan swap, the clip streamer,
#            the telemetry pump and the connections)
#   -engine: only engine_tests, built against just the JUCE modules the engine uses
#            (-DLOOPHOLE_ENGINE_ONLY=ON): the queues, plan swap and streaming at a fraction
#            of the build time; the server suite is left out.
# The build folder is $LOOPHOLE_SANITIZE_BUILD_DIR (default build-asan, build-tsan-engine, ...).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MODE=${1:?usage: tools/sanitize/run.sh address|thread[-engine]}
case ${MODE%-engine} in
  address) SANITIZERS=address,undefined ;;
  thread) SANITIZERS=thread ;;
  *) echo "sanitize: unknown mode '$MODE' (address, thread, address-engine, thread-engine)" >&2; exit 2 ;;
esac
if [[ $MODE == *-engine ]]; then
  ENGINE_ONLY=ON SUITES=(engine) TARGETS=(engine_tests)
else
  ENGINE_ONLY=OFF SUITES=(engine server) TARGETS=(engine_tests server_tests)
fi
BUILD=${LOOPHOLE_SANITIZE_BUILD_DIR:-$ROOT/build-${MODE:0:1}san${MODE#${MODE%-engine}}}
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}" CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
SUPPRESSIONS="$ROOT/tools/sanitize"

started=$SECONDS
if [[ ! -f $BUILD/CMakeCache.txt ]]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DLOOPHOLE_SANITIZE="$SANITIZERS" -DLOOPHOLE_ENGINE_ONLY=$ENGINE_ONLY >"$BUILD.configure.log" 2>&1 \
    || { tail -n 40 "$BUILD.configure.log" >&2; exit 1; }
fi
cmake --build "$BUILD" -j 2 --target "${TARGETS[@]}" >"$BUILD/build.log" 2>&1 \
  || { tail -n 40 "$BUILD/build.log" >&2; exit 1; }
built=$SECONDS
echo "sanitize($MODE): built in $((built - started)) s"

REPORTS="$BUILD/sanitizer-reports"
rm -rf "$REPORTS" && mkdir -p "$REPORTS"
# log_path: each process writes its reports to REPORTS/<tool>.<pid>, children included.
export ASAN_OPTIONS="log_path=$REPORTS/asan:detect_leaks=1:strict_string_checks=1"
export LSAN_OPTIONS="suppressions=$SUPPRESSIONS/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="log_path=$REPORTS/ubsan:print_stacktrace=1:halt_on_error=1"
export TSAN_OPTIONS="log_path=$REPORTS/tsan:suppressions=$SUPPRESSIONS/tsan.supp:second_deadlock_stack=1:history_size=4"

# Left out, each for a reason:
#  - real-time soaks measure deadlines, which sanitizers make meaningless;
#  - under TSan (5-15x slower), StreamingThreadPrefetchesBeforePlayAndAfterLocate: it expects
#    the streaming thread to refill within 100 ms of wall time after a locate.
EXCLUDE='Soak'
[[ $MODE == thread* ]] && EXCLUDE+='|StreamingThreadPrefetchesBeforePlayAndAfterLocate'
status=0
for suite in "${SUITES[@]}"; do
  ctest --test-dir "$BUILD/signal/$suite" --output-on-failure -j 2 --timeout 900 \
    --exclude-regex "$EXCLUDE" || status=1
done
echo "sanitize($MODE): tests ran in $((SECONDS - built)) s"

shopt -s nullglob
reports=("$REPORTS"/*)
if ((${#reports[@]} > 0)); then
  echo "sanitize($MODE): ${#reports[@]} sanitizer report(s) in $REPORTS:" >&2
  for report in "${reports[@]}"; do
    echo "--- $report" >&2
    grep -E "^(SUMMARY|WARNING|ERROR)|runtime error|^    #[0-5] " "$report" | head -n 30 >&2
  done
  status=1
fi
exit $status
