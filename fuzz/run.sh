#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60) with cargo-fuzz on stable
# (`--sanitizer none`), starting from the saved regression inputs, and prints the executions
# per target. A crash stops the run with its output; the input is kept in
# fuzz/artifacts/TARGET/ and belongs in fuzz/regressions/TARGET/ once fixed.
# Usage: fuzz/run.sh [SECONDS]
set -euo pipefail
seconds=${1:-60}
cd "$(dirname "$0")"
for target in $(cargo fuzz list); do
  log=$(mktemp)
  mkdir -p "corpus/$target" "regressions/$target"
  if ! cargo fuzz run --sanitizer none "$target" "corpus/$target" "regressions/$target" \
    -- -max_total_time="$seconds" -max_len=4096 >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "fuzz: $target failed; the input is in fuzz/artifacts/$target/" >&2
    exit 1
  fi
  echo "$target: $(grep -E '^Done [0-9]+ runs' "$log" | tail -n 1)"
  rm -f "$log"
done
