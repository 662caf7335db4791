#!/usr/bin/env bash
# Object store benchmark: 1 GiB put and get through blueprint's artifact path
# (streamed, SHA-256 while streaming, parallel multipart, verified on read) versus
# `aws s3 cp` against the same S3 server in the same run, plus blueprint's peak
# RSS (/usr/bin/time -v).
#
#   Benchmarks/objectstore-bench.sh            # SIZE=1GiB by default
#
# Each measurement is repeated REPEAT times (default 3), ours and aws taking
# turns so that a noisy moment hits both; the median is reported.
#
# Env: SIZE (e.g. 256MiB), REPEAT, BLUEPRINT_BIN (default: build release), S3_PORT
# (default 9060, a server of its own), S3_SCRIPTS (default ../shared/s3).
# Needs: aws CLI (`pip install awscli`), /usr/bin/time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scripts="${S3_SCRIPTS:-$root/../shared/s3}"
size="${SIZE:-1GiB}"
export S3_PORT="${S3_PORT:-9060}"
export S3_DIR="${S3_DIR:-/tmp/blueprint-s3-bench-$S3_PORT}"

if [ -z "${BLUEPRINT_BIN:-}" ]; then
  (cd "$root" && swift build -c release --product blueprint >&2)
  BLUEPRINT_BIN="$(cd "$root" && swift build -c release --show-bin-path)/blueprint"
fi

eval "$(bash "$scripts/start.sh")"
work="$(mktemp -d)"
trap 'bash "$scripts/stop.sh" >/dev/null 2>&1; rm -rf "$work"' EXIT

bucket=bench
aws --endpoint-url "$S3_ENDPOINT" s3 mb "s3://$bucket" >/dev/null 2>&1 || true
cat >"$work/profile.yaml" <<YAML
location: {type: s3Compliant, bucket: $bucket, endpoint: "$S3_ENDPOINT", region: us-east-1}
credential: {type: keyPair, keyPair: {idEnv: AWS_ACCESS_KEY_ID, secretEnv: AWS_SECRET_ACCESS_KEY}}
YAML

bytes=$(python3 -c "import re,sys;m=re.fullmatch(r'(\d+)(GiB|MiB|KiB)?','$size');print(int(m[1])*{'GiB':1<<30,'MiB':1<<20,'KiB':1<<10,None:1}[m[2]])")
run="bench-$(date +%s)"

measure() { # label, command... ; prints "label seconds rss_kib"
  local label="$1"; shift
  /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out.txt" 2>&1 || { cat "$work/out.txt" >&2; exit 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$work/time.txt" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$work/time.txt")
  echo "$label $wall $rss"
}

repeat="${REPEAT:-3}"
head -c "$bytes" /dev/urandom >"$work/data.bin"
results=()
for i in $(seq "$repeat"); do
  results+=("$(measure ours-put "$BLUEPRINT_BIN" artifacts bench-put --profile "$work/profile.yaml" --size "$size" --run "$run-$i")")
  results+=("$(measure aws-put aws --endpoint-url "$S3_ENDPOINT" s3 cp --only-show-errors "$work/data.bin" "s3://$bucket/aws/data-$i.bin")")
done
rm -f "$work/data.bin"
for i in $(seq "$repeat"); do
  results+=("$(measure ours-get "$BLUEPRINT_BIN" artifacts bench-get --profile "$work/profile.yaml" --run "$run-$i")")
  results+=("$(measure aws-get sh -c "aws --endpoint-url '$S3_ENDPOINT' s3 cp --only-show-errors 's3://$bucket/aws/data-$i.bin' - >/dev/null")")
done

python3 - "$bytes" "${results[@]}" <<'PY'
import statistics, sys
size = int(sys.argv[1]); rows = [a.split() for a in sys.argv[2:]]
runs = {}
for name, s, k in rows:
    runs.setdefault(name, []).append((float(s), int(k)))
# median seconds; the largest peak RSS seen in any run
r = {name: (statistics.median(s for s, _ in v), max(k for _, k in v)) for name, v in runs.items()}
mib = size / (1 << 20)
print(f"object size: {mib:.0f} MiB, {len(runs['ours-put'])} runs each (median time, max RSS)")
print(f"{'':10}{'seconds':>10}{'MiB/s':>10}{'peak RSS':>12}")
for name in ("ours-put", "aws-put", "ours-get", "aws-get"):
    s, k = r[name]
    print(f"{name:10}{s:10.2f}{mib / s:10.1f}{k / 1024:9.1f} MiB")
for op in ("put", "get"):
    ratio = r[f"aws-{op}"][0] / r[f"ours-{op}"][0]
    print(f"{op}: blueprint throughput = {ratio:.2f}x aws (goal >= 0.9x)")
rss = max(r["ours-put"][1], r["ours-get"][1]) / 1024
print(f"blueprint peak RSS: {rss:.1f} MiB (goal < 64 MiB)")
PY
