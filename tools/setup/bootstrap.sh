# Idempotent set-up, sourced by ./loophole: installs what is missing and does nothing,
# quickly, when everything is there already.

bootstrap_packages() {
  local wanted missing=()
  wanted=$(grep -v '^\s*#' "$ROOT/tools/setup/debian-packages.txt" | grep -v '^\s*$')
  for package in $wanted; do
    # nodejs/npm may come from the machine image rather than Debian: a working binary is enough.
    if [[ $package == nodejs || $package == npm ]] && command -v "${package/nodejs/node}" >/dev/null; then continue; fi
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  ((${#missing[@]} == 0)) && return 0
  say "installing Debian packages: ${missing[*]}"
  local sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

bootstrap_node_modules() {
  local stamp="$ROOT/node_modules/.loophole-lock.sha"
  local want; want=$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)
  [[ -f $stamp && $(cat "$stamp") == "$want" ]] && return 0
  say "installing npm packages (npm ci)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error) 
  echo "$want" > "$stamp"
}

bootstrap_native_build() {
  export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
  # Relative paths and no working-directory hash: every checkout and build folder shares the cache.
  export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
  if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  fi
  say "building Signal (incremental)"
  local log="$BUILD_DIR/last-build.log"
  if ! cmake --build "$BUILD_DIR" -j "$(nproc)" >"$log" 2>&1; then
    grep -E -A5 "error|FAILED|chorus/ipc" "$log" | head -n 60 >&2
    die "the native build failed (full log: $log)"
  fi
}

bootstrap() {
  bootstrap_packages
  bootstrap_node_modules
  (cd "$ROOT" && npm run --silent generate)
  bootstrap_native_build
}
