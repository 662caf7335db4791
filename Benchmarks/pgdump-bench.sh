#!/usr/bin/env bash
# pg_dump of a ≥ 1 GiB database through our stream (DumpStream: pg_dump's stdout
# → NIO pipe channel → chunks hashed with SHA-256) versus plain `pg_dump >
# /dev/null`, in the same run against the same database. Reports throughput of
# each, the ratio ours/plain (goal ≥ 0.9) and the peak RSS of our process
# (goal < 64 MiB), from /usr/bin/time -v.
#
#   Benchmarks/pgdump-bench.sh [scale]      # pgbench scale, default 70 (≈ 1.05 GiB)
#
# Environment: BENCH_FORMAT (custom|plain|tar, default custom: pg_dump's default
# compression makes it CPU-bound; plain moves ~10x more bytes through the pipe),
# BENCH_KEEP=1 keeps the server and database for another run, BENCH_CONFIG=debug
# measures a debug build of the probe (no release build needed).
#
# The sinks here are sha256-only and /dev/null. The object-store sinks
# (filesystem store, S3) come after the merge with the ObjectStore branch: the
# same DumpStream.run { chunks in store.put(key:body: ByteStream(chunks)) }.
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-70}"
format="${BENCH_FORMAT:-custom}"
log() { echo "pgdump-bench: $*" >&2; }

config="${BENCH_CONFIG:-release}"   # debug: skip the (long) release build, numbers are pessimistic
swift build --product data-services-probe -c "$config" >&2
probe=$(swift build -c "$config" --show-bin-path)/data-services-probe

eval "$(scripts/start-postgres.sh)"
cleanup() { [ "${BENCH_KEEP:-0}" = 1 ] || scripts/stop-postgres.sh; }
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

seconds() { python3 -c 'import sys,time; print(time.time())'; }

run_plain() {
  local start end
  start=$(seconds)
  PGPASSWORD="$BLUEPRINT_PG_PASSWORD" pg_dump -w --format="$format" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$db" >/dev/null
  end=$(seconds)
  python3 -c "print($end - $start)"
}

run_ours() {  # sink → "seconds bytes maxrss_kib"
  local out
  /usr/bin/time -v -o "$tmp/time" "$probe" dump "$1" "$PGHOST" "$PGPORT" "$PGUSER" "$db" BLUEPRINT_PG_PASSWORD "$format" 2>"$tmp/out"
  out=$(cat "$tmp/out")
  local secs bytes rss
  secs=$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' <<<"$out")
  bytes=$(sed -n 's/.*bytes=\([0-9]*\).*/\1/p' <<<"$out")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\)/\1/p' "$tmp/time")
  echo "$secs $bytes $rss"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; cleanup' EXIT

# Warm the page cache once so the first measured run is not penalised.
run_plain >/dev/null
plain=$(run_plain)
read -r sha_s bytes sha_rss <<<"$(run_ours sha256)"
read -r null_s _ null_rss <<<"$(run_ours devnull)"
plain2=$(run_plain)

python3 - "$size" "$bytes" "$plain" "$plain2" "$sha_s" "$sha_rss" "$null_s" "$null_rss" "$format" <<'PY'
import sys
size, nbytes = int(sys.argv[1]), int(sys.argv[2])
plain = min(float(sys.argv[3]), float(sys.argv[4]))
sha_s, sha_rss, null_s, null_rss, fmt = float(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7]), int(sys.argv[8]), sys.argv[9]
mib = 1048576
print(f"database {size/mib:.0f} MiB, dump ({fmt}) {nbytes/mib:.1f} MiB")
print(f"pg_dump > /dev/null          {plain:7.2f} s  {size/mib/plain:7.1f} MiB/s of database")
print(f"DumpStream → sha256 sink     {sha_s:7.2f} s  {size/mib/sha_s:7.1f} MiB/s  ratio {plain/sha_s:.2f}  peak RSS {sha_rss/1024:.1f} MiB")
print(f"DumpStream → /dev/null sink  {null_s:7.2f} s  {size/mib/null_s:7.1f} MiB/s  ratio {plain/null_s:.2f}  peak RSS {null_rss/1024:.1f} MiB")
PY
