#!/usr/bin/env bash
# Runs the libFuzzer campaign: builds each fuzz target of Fuzz/Package.swift alone
# with -sanitize=fuzzer,address (in .build-fuzz, apart from the normal build),
# runs it for a while on its corpus, and prints a report.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   run (default 600 s each, all targets)
#   scripts/fuzz.sh --minimize TARGET [DIR...]         merge DIRs into Fuzz/Corpus/TARGET, keeping
#                                                      only inputs that add coverage
#
# Targets: blueprint template s3xml kubeconfig execframes phaseoutput.
# Seeds come from Fuzz/Corpus/<target> (committed, small); inputs the fuzzer finds
# go to .build-fuzz/corpus/<target> (kept between runs, not committed). A crash,
# time-out (10 s) or out-of-memory (2 GiB) input is written to Fuzz/Crashes/<target>/;
# fix the bug and commit the file: FuzzEntriesTests replays it in `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(blueprint template s3xml kubeconfig execframes phaseoutput)
scratch=.build-fuzz

product() {
  case "$1" in
    blueprint) echo FuzzBlueprint ;; template) echo FuzzTemplate ;; s3xml) echo FuzzS3XML ;;
    kubeconfig) echo FuzzKubeconfig ;; execframes) echo FuzzExecFrames ;; phaseoutput) echo FuzzPhaseOutput ;;
    *) echo "scripts/fuzz.sh: unknown target '$1' (one of: ${all_targets[*]})" >&2; exit 2 ;;
  esac
}

# The longest input worth trying: a bit above what the seeds need.
max_len() {
  case "$1" in
    blueprint) echo 16384 ;; template) echo 2048 ;; s3xml | kubeconfig | phaseoutput) echo 8192 ;; execframes) echo 4096 ;;
  esac
}

build() {
  swift build -c release --package-path Fuzz --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product "$(product "$1")" >&2
}

binary() { echo "$scratch/release/$(product "$1")"; }

dictionary_flag() {
  if [ -f "Fuzz/Dictionaries/$1.dict" ]; then echo "-dict=Fuzz/Dictionaries/$1.dict"; fi
}

if [ "${1:-}" = --minimize ]; then
  target=${2:?usage: scripts/fuzz.sh --minimize TARGET [DIR...]}
  shift 2
  build "$target"
  merged=$(mktemp -d)
  "$(binary "$target")" -merge=1 -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$target")" -detect_leaks=0 \
    "$merged" "Fuzz/Corpus/$target" "$@" 2>"$scratch/merge-$target.log"
  rm -rf "Fuzz/Corpus/$target"
  mv "$merged" "Fuzz/Corpus/$target"
  chmod 755 "Fuzz/Corpus/$target"
  echo "Fuzz/Corpus/$target: $(ls "Fuzz/Corpus/$target" | wc -l) inputs"
  exit 0
fi

seconds=600
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then seconds=$1; shift; fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do product "$t" >/dev/null; done

for t in "${targets[@]}"; do
  echo "fuzz: building $(product "$t")" >&2
  build "$t"
done

mkdir -p "$scratch/logs"
report=()
for t in "${targets[@]}"; do
  mkdir -p "$scratch/corpus/$t" "Fuzz/Crashes/$t"
  before=$(ls "Fuzz/Crashes/$t" | wc -l)
  log="$scratch/logs/$t.log"
  echo "fuzz: running $t for ${seconds}s (log: $log)" >&2
  start=$(date +%s)
  # The first corpus directory receives new inputs; the seeds are only read.
  # Leak detection is off: LeakSanitizer reports the Swift runtime's lazily
  # initialized globals (a `static let` table) as leaks at exit.
  # shellcheck disable=SC2046
  "$(binary "$t")" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$t")" -detect_leaks=0 \
    -print_final_stats=1 -artifact_prefix="Fuzz/Crashes/$t/" $(dictionary_flag "$t") \
    "$scratch/corpus/$t" "Fuzz/Corpus/$t" >"$log" 2>&1 && status=0 || status=$?
  elapsed=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  corpus=$(ls "$scratch/corpus/$t" | wc -l)
  new=$(( $(ls "Fuzz/Crashes/$t" | wc -l) - before ))
  line=$(printf '%-12s %6ss %12s execs %8s exec/s %6s MB  corpus %5s  new crashes %s' \
    "$t" "$elapsed" "${execs:-?}" "${rate:-?}" "${rss:-?}" "$corpus" "$new")
  if [ "$new" -gt 0 ] || [ "$status" -ne 0 ]; then
    # The first line that says what happened: a Swift trap, a sanitizer report, a time-out or out-of-memory.
    cause=$(grep -m1 -E 'Fatal error|Program crashed|^==[0-9]+==ERROR|deadly signal|ALARM|out-of-memory' "$log" || true)
    line+="  (exit $status: ${cause:-see $log})"
  fi
  report+=("$line")
done

echo
echo "fuzz report (${seconds}s per target; crash inputs in Fuzz/Crashes/<target>/)"
printf '%s\n' "${report[@]}"
for t in "${targets[@]}"; do
  ls -t "Fuzz/Crashes/$t" 2>/dev/null | sed "s|^|  Fuzz/Crashes/$t/|"
done
