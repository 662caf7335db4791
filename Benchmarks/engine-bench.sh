#!/usr/bin/env bash
# Engine overhead benchmark (issue 4).
#
#   1. 1,000 no-op phases run in-process (function that does nothing, journal on):
#      overhead per phase, goal < 1 ms.
#   2. Wall time of `blueprint run --dry-run` of a 100-phase blueprint, as a user
#      runs it (process start, load, validate, render, print).
#
# Usage: Benchmarks/engine-bench.sh [debug|release]   (default: release)
set -euo pipefail
cd "$(dirname "$0")/.."
config="${1:-release}"

echo "== building ($config)"
swift build -c "$config" --product blueprint >/dev/null
echo "== in-process: 1,000 no-op phases"
BLUEPRINT_BENCH=1 BLUEPRINT_BENCH_PHASES=1000 swift test -c "$config" --filter 'EngineBenchmarkTests' 2>&1 | grep 'engine-bench:' || true

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
{
  printf 'apiVersion: cr.kanister.io/v1alpha1\nkind: Blueprint\nmetadata:\n  name: bench\nactions:\n  backup:\n    phases:\n'
  for i in $(seq 0 99); do
    if [ "$i" -eq 0 ]; then prev="start"; else prev="{{ .Phases.p$((i-1)).Output.path }}"; fi
    printf '      - name: p%d\n        func: Exec\n        args:\n          command: [echo, "%s", "{{ .Options.db }}"]\n' "$i" "$prev"
  done
} > "$work/bench.yaml"

bin="$(swift build -c "$config" --show-bin-path)/blueprint"
runs=10
start=$(date +%s.%N)
for _ in $(seq $runs); do
  BLUEPRINT_HOME="$work/home" "$bin" run backup --blueprint "$work/bench.yaml" --option db=app --dry-run >/dev/null
done
end=$(date +%s.%N)
echo "== blueprint run --dry-run, 100 phases: $(echo "($end - $start) * 1000 / $runs" | bc -l | xargs printf '%.1f') ms per run (mean of $runs)"
