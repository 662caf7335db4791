#!/usr/bin/env bash
# The data mover against restic (issue 14), in one run, into the same S3 server.
#
#   D1: 4 files, half compressible (text) and half random
#   D2: many small files of 100 B – 64 KiB
#   D3: one large file, then 1% of its 8 KiB pages rewritten at random (second backup)
#
# For each: full-backup MiB/s and peak RSS (`/usr/bin/time -v`), medians of 3
# runs, each into a fresh repository; D3's second backup's new stored bytes; the
# full restore's MiB/s. Both sides read the same local directory (ours through
# the local tar: `blueprint repo backup`).
#
# Usage: [BENCH_SETS="D2 D3"] Benchmarks/datamover-bench.sh [small|full]
#   small (default): D1 4 × 256 MiB, D2 32,000 files (~1 GiB), D3 1 GiB
#   full:            D1 4 × 1 GiB,   D2 200,000 files,         D3 4 GiB
# Needs: restic (apt-get install restic), ../shared/s3, python3. Results: a table on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
size="${1:-small}"
command -v restic >/dev/null || { echo "install restic first: apt-get install -y restic" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "install GNU time first: apt-get install -y time" >&2; exit 2; }

echo "== building (release)" >&2
swift build -c release --product blueprint >/dev/null
bin="$(swift build -c release --show-bin-path)/blueprint"

work="${BENCH_DIR:-$(mktemp -d /tmp/datamover-bench.XXXXXX)}"
export S3_PORT="${S3_PORT:-9061}" S3_DIR="$work/s3"
s3_env=$("$root/../shared/s3/start.sh")
eval "$s3_env"
cleanup() { "$root/../shared/s3/stop.sh" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
bucket=bench
python3 - <<PY
import boto3
boto3.client("s3", endpoint_url="$S3_ENDPOINT").create_bucket(Bucket="$bucket")
PY
cat > "$work/profile.yaml" <<YAML
location: {type: s3Compliant, bucket: $bucket, endpoint: "$S3_ENDPOINT", region: us-east-1}
credential: {type: keyPair, keyPair: {idEnv: AWS_ACCESS_KEY_ID, secretEnv: AWS_SECRET_ACCESS_KEY}}
YAML
echo "bench-key" > "$work/key"
export RESTIC_PASSWORD=bench-key BLUEPRINT_HOME="$work/home"

if [ "$size" = full ]; then d1=1024; d2=200000; d3=4096; else d1=256; d2=32000; d3=1024; fi
echo "== making the data ($size)" >&2
python3 - "$work" "$d1" "$d2" "$d3" <<'PY'
import os, random, sys
work, d1, d2, d3 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(14)
os.makedirs(f"{work}/D1"); os.makedirs(f"{work}/D2"); os.makedirs(f"{work}/D3")
words = [("%x" % rng.getrandbits(40)) for _ in range(5000)]
for i in range(4):
    with open(f"{work}/D1/file{i}", "wb") as f:
        for _ in range(d1 // 2):   # MiB of text
            f.write((" ".join(rng.choice(words) for _ in range(120000)) + "\n").encode()[: 1 << 20].ljust(1 << 20, b"\n"))
        for _ in range(d1 // 2):   # MiB of random
            f.write(os.urandom(1 << 20))
with open(f"{work}/D1/one-mebibyte.bin", "wb") as f: f.write(os.urandom(1 << 20))
for i in range(d2):
    d = f"{work}/D2/d{i // 1000}"
    if i % 1000 == 0: os.makedirs(d)
    with open(f"{d}/f{i}", "wb") as f: f.write(os.urandom(rng.randint(100, 64 << 10)))
with open(f"{work}/D3/big.img", "wb") as f:
    for _ in range(d3): f.write(os.urandom(1 << 20))
PY

mib() { du -sm --apparent-size "$1" | cut -f1; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# timed CMD...: prints "seconds maxrss_kib"
timed() {
  /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt" >&2; return 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ {split($2,t,":"); s=(length(t)==3)?t[1]*3600+t[2]*60+t[3]:t[1]*60+t[2]} /Maximum resident/ {r=$2} END {print s, r}' "$work/time.txt"
}
bucket_bytes() {
  python3 - "$1" <<PY
import boto3, sys
s3 = boto3.client("s3", endpoint_url="$S3_ENDPOINT")
total = 0
for page in s3.get_paginator("list_objects_v2").paginate(Bucket="$bucket", Prefix=sys.argv[1]):
    total += sum(o["Size"] for o in page.get("Contents", []))
print(total)
PY
}

ours_backup() { timed "$bin" repo backup "$bucket/$1" "$2" --profile "$work/profile.yaml" --key-from-file "$work/key" --source "$3"; }
restic_backup() { RESTIC_REPOSITORY="s3:$S3_ENDPOINT/$bucket/$1" timed restic backup -q "$2"; }

printf '| data | tool | backup MiB/s | peak RSS MiB | restore MiB/s |\n|---|---|---|---|---|\n'
for d in ${BENCH_SETS:-D1 D2 D3}; do
  total=$(mib "$work/$d")
  for tool in ours restic; do
    speeds=(); rss=(); rspeeds=()
    for run in 1 2 3; do
      repo="$tool-$d-$run"
      if [ "$tool" = restic ]; then RESTIC_REPOSITORY="s3:$S3_ENDPOINT/$bucket/$repo" restic init -q >/dev/null; fi
      read -r secs kib < <(if [ "$tool" = ours ]; then ours_backup "$repo" "$work/$d" "bench-$d"; else restic_backup "$repo" "$work/$d"; fi)
      speeds+=("$(echo "$total / $secs" | bc -l)"); rss+=("$((kib / 1024))")
      rm -rf "$work/out"; mkdir -p "$work/out"
      if [ "$tool" = ours ]; then
        read -r rsecs _ < <(timed "$bin" repo restore "$bucket/$repo" "$("$bin" repo snapshots "$bucket/$repo" --profile "$work/profile.yaml" --key-from-file "$work/key" | awk 'NR==2 {print $2}')" --to "$work/out" --profile "$work/profile.yaml" --key-from-file "$work/key")
      else
        read -r rsecs _ < <(RESTIC_REPOSITORY="s3:$S3_ENDPOINT/$bucket/$repo" timed restic restore latest --target "$work/out")
      fi
      rspeeds+=("$(echo "$total / $rsecs" | bc -l)")
    done
    printf '| %s (%s MiB) | %s | %.1f | %s | %.1f |\n' "$d" "$total" "$tool" \
      "$(printf '%s\n' "${speeds[@]}" | median)" "$(printf '%s\n' "${rss[@]}" | median)" "$(printf '%s\n' "${rspeeds[@]}" | median)"
  done
done

if [[ " ${BENCH_SETS:-D1 D2 D3} " == *" D1 "* ]]; then
echo
echo "Single file: the 1 MiB file of the D1 snapshot (distinct pack objects read)"
tag=$("$bin" repo snapshots "$bucket/ours-D1-1" --profile "$work/profile.yaml" --key-from-file "$work/key" | awk 'NR==2 {print $2}')
"$bin" repo restore "$bucket/ours-D1-1" "$tag" "${work#/}/D1/one-mebibyte.bin" --to "$work/single" \
  --profile "$work/profile.yaml" --key-from-file "$work/key"
cmp "$work/single/one-mebibyte.bin" "$work/D1/one-mebibyte.bin" && echo "single file: identical"

fi
[[ " ${BENCH_SETS:-D1 D2 D3} " == *" D3 "* ]] || exit 0
echo
echo "D3 second backup: 1% of the 8 KiB pages rewritten at random"
python3 - "$work/D3/big.img" <<'PY'
import os, random, sys
rng = random.Random(3); size = os.path.getsize(sys.argv[1]); pages = size // 8192
with open(sys.argv[1], "r+b") as f:
    for page in rng.sample(range(pages), pages // 100):
        f.seek(page * 8192); f.write(os.urandom(8192))
PY
file_bytes=$(stat -c %s "$work/D3/big.img")
for tool in ours restic; do
  repo="$tool-D3-1"
  before=$(bucket_bytes "$repo/")
  if [ "$tool" = ours ]; then ours_backup "$repo" "$work/D3" "bench-D3" >/dev/null; else restic_backup "$repo" "$work/D3" >/dev/null; fi
  after=$(bucket_bytes "$repo/")
  printf '%s: %d new bytes stored, %.1f%% of the file\n' "$tool" "$((after - before))" "$(echo "($after - $before) * 100 / $file_bytes" | bc -l)"
done
