#!/usr/bin/env bash
# Fails when chorus/ipc breaks wire compatibility with the last released schema without a
# major version bump, or changes at all without a minor bump. See chorus/protocol.md.
# Usage: check-compat.sh SCHEMA_DIR
set -euo pipefail
dir=$(cd "$1" && pwd)
version_of() { sed -n "s/.*\"$2\"[^0-9]*\([0-9][0-9]*\).*/\1/p" "$1"; }
major=$(version_of "$dir/version.json" major)
minor=$(version_of "$dir/version.json" minor)

released=$(ls -1 "$dir/released" | sort -t. -k1,1n -k2,2n | tail -n 1)
[[ -n $released ]] || { echo "chorus/ipc: no released schema under $dir/released" >&2; exit 1; }
rel_major=${released%%.*}
rel_minor=${released#*.}
rel_dir="$dir/released/$released"

if (( major < rel_major || (major == rel_major && minor < rel_minor) )); then
  echo "chorus/ipc: version $major.$minor is older than the released $released" >&2
  exit 1
fi
if (( major > rel_major )); then
  exit 0   # a new major may break anything; it is recorded under released/ when it ships
fi

if ! out=$(flatc --conform "$rel_dir/frame.fbs" --conform-includes "$rel_dir" -I "$dir" "$dir/frame.fbs" 2>&1); then
  reason=$(printf '%s\n' "$out" | sed -n 's/.*schemas don.t conform: //p' | head -n 1)
  echo "chorus/ipc: breaking change against released schema $released: ${reason:-$out}" >&2
  echo "chorus/ipc: make the change additive, or bump \"major\" in chorus/ipc/version.json (chorus/protocol.md)" >&2
  exit 1
fi

# Any change to the wire schema, even an additive one, needs a minor bump.
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
flatc -b --schema -o "$tmp/released" -I "$rel_dir" "$rel_dir/frame.fbs"
flatc -b --schema -o "$tmp/current" -I "$dir" "$dir/frame.fbs"
if ! cmp -s "$tmp/released/frame.bfbs" "$tmp/current/frame.bfbs" && (( minor == rel_minor )); then
  echo "chorus/ipc: the schema differs from released $released but the version is still $major.$minor; bump \"minor\" in chorus/ipc/version.json" >&2
  exit 1
fi
