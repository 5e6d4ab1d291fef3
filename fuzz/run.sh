#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60) with cargo-fuzz on stable
# (`--sanitizer none`). Crashes are kept in fuzz/artifacts/TARGET/; turn each into a
# regression test before fixing it.
# Usage: fuzz/run.sh [SECONDS]
set -euo pipefail
seconds=${1:-60}
cd "$(dirname "$0")"
for target in $(cargo fuzz list); do
  echo "== $target: $seconds s"
  cargo fuzz run --sanitizer none "$target" -- -max_total_time="$seconds" -max_len=4096 2>&1 \
    | grep -E '^(#[0-9]+ +DONE|Done|==[0-9]+==|thread|SUMMARY|stat::)' || true
done
