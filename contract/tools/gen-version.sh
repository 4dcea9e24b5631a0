#!/usr/bin/env bash
# Turns chorus/ipc/version.json into a constant for one language: gen-version.sh cpp|ts IN OUT
set -euo pipefail
lang=$1 in=$2 out=$3
major=$(sed -n 's/.*"major"[^0-9]*\([0-9][0-9]*\).*/\1/p' "$in")
minor=$(sed -n 's/.*"minor"[^0-9]*\([0-9][0-9]*\).*/\1/p' "$in")
[[ -n $major && -n $minor ]] || { echo "gen-version: cannot read major/minor from $in" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
case $lang in
  cpp) printf '// Generated from chorus/ipc/version.json. Do not edit.\n#pragma once\nnamespace loophole::ipc {\ninline constexpr unsigned short kProtocolMajor = %s;\ninline constexpr unsigned short kProtocolMinor = %s;\n}\n' "$major" "$minor" > "$out" ;;
  ts) printf '// Generated from chorus/ipc/version.json. Do not edit.\nexport const PROTOCOL_MAJOR = %s;\nexport const PROTOCOL_MINOR = %s;\n' "$major" "$minor" > "$out" ;;
  *) echo "gen-version: unknown language $lang" >&2; exit 1 ;;
esac
