#!/usr/bin/env bash
# Times `blueprint validate` over Kanister's 50 published blueprints, in one process
# per run (release build). Prints each run's wall time and the median.
#   Benchmarks/validate-bench.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
swift build -c release --product blueprint >&2
bin=.build/release/blueprint
corpus=../shared/kanister-blueprints
"$bin" validate "$corpus" >/dev/null 2>&1 || true   # warm the page cache
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  "$bin" validate "$corpus" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
median=${sorted[$(( runs / 2 ))]}
printf 'validate %s (%d files), %d runs: min %d µs, median %d µs, max %d µs\n' \
  "$corpus" "$(find "$corpus" -name '*.yaml' | wc -l)" "$runs" "${sorted[0]}" "$median" "${sorted[$((runs - 1))]}"
