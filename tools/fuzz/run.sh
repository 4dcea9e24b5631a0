#!/usr/bin/env bash
# Builds the libFuzzer targets with clang + ASan + UBSan and runs each for a fixed budget.
# Usage: tools/fuzz/run.sh [SECONDS_PER_TARGET]   (default 20; the test command uses this)
# Seeds: the golden vectors plus each target's committed corpus; new finds go to a scratch
# folder, and crashes are written to build-fuzz/findings/ and fail the run.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SECONDS_PER_TARGET=${1:-20}
BUILD="${LOOPHOLE_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}"
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"

if [[ ! -f $BUILD/CMakeCache.txt ]]; then
  CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DLOOPHOLE_FUZZ=ON -DLOOPHOLE_SANITIZE=address,undefined >/dev/null
fi
cmake --build "$BUILD" -j 2 >"$BUILD/build.log" 2>&1 || { tail -n 40 "$BUILD/build.log" >&2; exit 1; }

mkdir -p "$BUILD/findings"
status=0
for target in $(find "$BUILD" -maxdepth 5 -type f -name 'fuzz_*' -perm -u+x | sort); do
  name=$(basename "$target")
  corpus_dirs=()
  for dir in "$ROOT"/*/cpp/fuzz/corpus/"${name#fuzz_}" "$ROOT"/signal/*/fuzz/corpus/"${name#fuzz_}"; do
    [[ -d $dir ]] && corpus_dirs+=("$dir")
  done
  scratch=$(mktemp -d)
  cp "$ROOT"/chorus/ipc/golden/*.bin "$scratch"/ 2>/dev/null || true
  echo "fuzz: $name for ${SECONDS_PER_TARGET}s"
  if ! UBSAN_OPTIONS=halt_on_error=1 "$target" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 \
        -rss_limit_mb=2048 -artifact_prefix="$BUILD/findings/$name-" -print_final_stats=1 \
        "$scratch" "${corpus_dirs[@]+"${corpus_dirs[@]}"}" >"$BUILD/$name.log" 2>&1; then
    echo "fuzz: $name FOUND A PROBLEM (log: $BUILD/$name.log, inputs: $BUILD/findings/)" >&2
    grep -E "ERROR|SUMMARY|runtime error" "$BUILD/$name.log" | head -n 10 >&2
    status=1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|^#.*(DONE|cov:)" "$BUILD/$name.log" | tail -n 3
  rm -rf "$scratch"
done
exit $status
