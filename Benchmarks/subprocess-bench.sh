#!/usr/bin/env bash
# Issue 11: our ChildProcesses stack (posix_spawn + NIO pipe channels) against
# swift-subprocess 1.0.2, both from one release build of
# Benchmarks/subprocess-bench:
#   - reading SIZE bytes of a child's stdout (`head -c SIZE /dev/zero`, every
#     byte counted, nothing kept): MiB/s and the peak RSS of the reading process;
#   - spawn+reap of /bin/true COUNT times in a row: mean, p50 and p99 µs.
# Peak RSS is "Maximum resident set size" from /usr/bin/time -v; "CPU s" is the
# benchmark process's user + system time (the child's is not included), which
# a busy machine disturbs less than wall time.
#
#   Benchmarks/subprocess-bench.sh
#
# Each mode runs REPEAT times (default 3), the implementations taking turns;
# the table shows medians. Environment: REPEAT, SIZE (default 1G; K/M/G
# suffixes), COUNT (default 500), PIPE_SIZE (default 0: the kernel's 64 KiB;
# e.g. 1M, as DumpStream grows its pipe), READ_MODES and SPAWN_MODES (space
# separated; defaults below, empty skips), BENCH_BIN (skip the build, use this binary).
set -euo pipefail
cd "$(dirname "$0")/.."
repeat="${REPEAT:-3}"
size="${SIZE:-1G}"
count="${COUNT:-500}"
pipe_size="${PIPE_SIZE:-0}"
read_modes="${READ_MODES-ours-read subprocess-read ours-run-read raw-read}"
spawn_modes="${SPAWN_MODES-ours-spawn subprocess-spawn ours-run-spawn subprocess-run-spawn}"
log() { echo "subprocess-bench: $*" >&2; }

if [ ! -x /usr/bin/time ]; then
  log "installing GNU time for peak RSS"
  if [ "$(id -u)" = 0 ]; then apt-get install -y time >&2; else sudo apt-get install -y time >&2; fi
fi

if [ -z "${BENCH_BIN:-}" ]; then
  swift build -c release --package-path Benchmarks/subprocess-bench --scratch-path .build-subprocess-bench >&2
  BENCH_BIN="$(swift build -c release --package-path Benchmarks/subprocess-bench \
    --scratch-path .build-subprocess-bench --show-bin-path)/subprocess-bench"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
results="$tmp/results"   # one line per run: mode key=value ... rss_kib=N
: >"$results"

run_once() { # mode, extra args...
  local mode="$1"; shift
  /usr/bin/time -v -o "$tmp/time" "$BENCH_BIN" "$mode" "$@" >"$tmp/out" 2>"$tmp/err" \
    || { cat "$tmp/err" "$tmp/time" >&2; exit 1; }
  local rss cpu
  rss=$(awk -F': *' '/Maximum resident set size/ {print $2}' "$tmp/time")
  # CPU the benchmark process used (user + system): steadier than wall time on a busy machine.
  cpu=$(awk -F': *' '/User time|System time/ {sum += $2} END {printf "%.2f", sum}' "$tmp/time")
  echo "$(cat "$tmp/out") rss_kib=$rss cpu_s=$cpu" | tee -a "$results" >&2
}

# Taking turns: round r runs every mode once, so drift (other builds, thermal)
# hits each implementation alike.
for ((r = 1; r <= repeat; r++)); do
  log "round $r/$repeat"
  for mode in $read_modes; do run_once "$mode" --size "$size" --pipe-size "$pipe_size"; done
  for mode in $spawn_modes; do run_once "$mode" --count "$count"; done
done

median() { sort -g | awk '{a[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
field() { # mode, key → the values of key over the runs of mode, one a line
  awk -v mode="mode=$1" -v key="$2" '$1 == mode { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) print kv[2] } }' "$results"
}
rss_mib() { field "$1" rss_kib | median | awk '{ if ($1 == "-") print "-"; else printf "%.1f", $1 / 1024 }'; }

echo
echo "Medians of $repeat runs, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
if [ -n "${read_modes// /}" ]; then
  echo "read: $size of head -c through a pipe of $([ "$pipe_size" = 0 ] && echo "64K (kernel default)" || echo "$pipe_size")"
  printf '%-22s %10s %10s %8s %14s\n' "read mode" "MiB/s" "seconds" "CPU s" "peak RSS MiB"
  for mode in $read_modes; do
    printf '%-22s %10s %10s %8s %14s\n' "$mode" "$(field "$mode" mib_per_s | median)" "$(field "$mode" seconds | median)" \
      "$(field "$mode" cpu_s | median)" "$(rss_mib "$mode")"
  done
fi
if [ -n "${spawn_modes// /}" ]; then
  echo
  echo "spawn+reap of /bin/true x $count (\"spawn() p50\": ChildProcess.spawn alone, the rest is wait()'s poll)"
  printf '%-22s %10s %10s %10s %13s %8s %14s\n' "spawn mode" "mean µs" "p50 µs" "p99 µs" "spawn() p50" "CPU s" "peak RSS MiB"
  for mode in $spawn_modes; do
    printf '%-22s %10s %10s %10s %13s %8s %14s\n' "$mode" "$(field "$mode" mean_us | median)" "$(field "$mode" p50_us | median)" \
      "$(field "$mode" p99_us | median)" "$(field "$mode" spawn_call_p50_us | median)" "$(field "$mode" cpu_s | median)" "$(rss_mib "$mode")"
  done
fi
