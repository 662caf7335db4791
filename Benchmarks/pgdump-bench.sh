#!/usr/bin/env bash
# pg_dump of a ≥ 1 GiB database *through the engine* — `blueprint run backup`
# of a PgDump phase, which streams pg_dump's stdout into an artifact (SHA-256 on
# the way, manifest at the end) — into the default filesystem store and into S3,
# versus plain `pg_dump > /dev/null` against the same database in the same run.
# Reports throughput of each, the ratio engine/plain (goal ≥ 0.9) and the peak
# RSS of the engine process (goal < 64 MiB), from /usr/bin/time.
#
#   Benchmarks/pgdump-bench.sh [scale]      # pgbench scale, default 70 (≈ 1.05 GiB)
#
# Each measurement runs REPEAT times (default 3), taking turns; medians are
# reported. Environment: BENCH_FORMAT (custom|plain|tar, default custom:
# pg_dump's compression makes it CPU-bound; plain moves ~10x more bytes),
# REPEAT, BENCH_KEEP=1 keeps the server and database for another run,
# BLUEPRINT_BIN (default: release build), S3_PORT (default 9070).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scale="${1:-70}"
format="${BENCH_FORMAT:-custom}"
repeat="${REPEAT:-3}"
log() { echo "pgdump-bench: $*" >&2; }

if [ -z "${BLUEPRINT_BIN:-}" ]; then
  swift build -c release --product blueprint >&2
  BLUEPRINT_BIN="$(swift build -c release --show-bin-path)/blueprint"
fi

eval "$(scripts/start-postgres.sh)"
export S3_PORT="${S3_PORT:-9070}" S3_DIR="${S3_DIR:-/tmp/blueprint-s3-pgbench-${S3_PORT:-9070}}"
eval "$(bash "$root/../shared/s3/start.sh")"
tmp=$(mktemp -d)
cleanup() {
  rm -rf "$tmp"
  bash "$root/../shared/s3/stop.sh" >/dev/null 2>&1 || true
  [ "${BENCH_KEEP:-0}" = 1 ] || scripts/stop-postgres.sh
}
trap cleanup EXIT

export PGPASSWORD="$BLUEPRINT_PG_PASSWORD"   # for this script's own psql/pgbench only
db=bench_s$scale
if [ "$(psql -XAtc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
  log "creating $db with pgbench -i -s $scale (a few minutes)"
  psql -Xqc "CREATE DATABASE $db"
  pgbench -i -q -s "$scale" "$db" >&2
fi
size=$(psql -XAtc "SELECT pg_database_size('$db')")
log "database $db: $((size / 1048576)) MiB, format $format"
[ "$size" -ge $((1 << 30)) ] || log "warning: the database is smaller than 1 GiB; raise the scale"
unset PGPASSWORD

aws --endpoint-url "$S3_ENDPOINT" s3 mb s3://pgbench >/dev/null 2>&1 || true
cat >"$tmp/s3.yaml" <<YAML
location: {type: s3Compliant, bucket: pgbench, endpoint: "$S3_ENDPOINT", region: us-east-1}
credential: {type: keyPair, keyPair: {idEnv: AWS_ACCESS_KEY_ID, secretEnv: AWS_SECRET_ACCESS_KEY}}
YAML
cat >"$tmp/pg.yaml" <<YAML
apiVersion: cr.kanister.io/v1alpha1
kind: Blueprint
metadata: {name: pgdump-bench}
actions:
  backup:
    phases:
    - func: PgDump
      name: dump
      args: {host: "$PGHOST", port: $PGPORT, user: "$PGUSER", database: "$db", passwordEnv: BLUEPRINT_PG_PASSWORD, format: $format}
YAML

timed() { # label, command... → "label seconds rss_kib"
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >"$tmp/out" 2>&1 || { cat "$tmp/out" >&2; exit 1; }
  echo "$label $(cat "$tmp/time")"
}

plain() { PGPASSWORD="$BLUEPRINT_PG_PASSWORD" pg_dump -w --format="$format" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$db" >/dev/null; }
# The standard tool's way to the same S3 server, as the reference for what the
# server itself allows: when it is slower than pg_dump, no client reaches 0.9.
plain_to_s3() { PGPASSWORD="$BLUEPRINT_PG_PASSWORD" pg_dump -w --format="$format" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$db" | aws --endpoint-url "$S3_ENDPOINT" s3 cp --only-show-errors - s3://pgbench/aws.dump; }
export -f plain plain_to_s3; export format PGHOST PGPORT PGUSER db S3_ENDPOINT AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY

plain  # warm the page cache so the first measured run is not penalised
results=()
for i in $(seq "$repeat"); do
  results+=("$(timed plain bash -c plain)")
  results+=("$(timed engine-fs env BLUEPRINT_HOME="$tmp/home" "$BLUEPRINT_BIN" run backup --blueprint "$tmp/pg.yaml")")
  results+=("$(timed engine-s3 env BLUEPRINT_HOME="$tmp/home" "$BLUEPRINT_BIN" run backup --blueprint "$tmp/pg.yaml" --profile "$tmp/s3.yaml")")
  results+=("$(timed aws-s3 bash -c 'plain_to_s3')")
  rm -rf "$tmp/home/artifacts"   # keep the filesystem store from filling the disk
done
dump_bytes=$(PGPASSWORD="$BLUEPRINT_PG_PASSWORD" pg_dump -w --format="$format" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$db" | wc -c)

python3 - "$size" "$dump_bytes" "$format" "${results[@]}" <<'PY'
import statistics, sys
size, dump, fmt = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
runs = {}
for row in sys.argv[4:]:
    name, secs, rss = row.split()
    runs.setdefault(name, []).append((float(secs), int(rss)))
mib = 1048576
med = {k: statistics.median(s for s, _ in v) for k, v in runs.items()}
rss = {k: max(r for _, r in v) for k, v in runs.items()}
print(f"database {size/mib:.0f} MiB, dump ({fmt}) {dump/mib:.1f} MiB, {len(runs['plain'])} runs each (median time, max RSS)")
print(f"pg_dump > /dev/null               {med['plain']:7.2f} s  {size/mib/med['plain']:7.1f} MiB/s of database")
for name, label in (("engine-fs", "engine → filesystem store"), ("engine-s3", "engine → S3")):
    print(f"{label:33} {med[name]:7.2f} s  {size/mib/med[name]:7.1f} MiB/s  ratio {med['plain']/med[name]:.2f} (goal ≥ 0.9)  peak RSS {rss[name]/1024:.1f} MiB (goal < 64)")
print(f"{'pg_dump | aws s3 cp - (reference)':33} {med['aws-s3']:7.2f} s  {size/mib/med['aws-s3']:7.1f} MiB/s  ratio {med['plain']/med['aws-s3']:.2f}; engine → S3 vs it: {med['aws-s3']/med['engine-s3']:.2f}")
PY
