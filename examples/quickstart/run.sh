#!/usr/bin/env bash
# The quickstart in one command: back up a PostgreSQL database with a blueprint,
# break the database, restore it from the backup, and check the data is back.
#
# What it does, all on 127.0.0.1 and in throwaway directories:
#   1. builds the `blueprint` CLI if needed (or uses $BLUEPRINT_BIN);
#   2. starts a private PostgreSQL on port $BLUEPRINT_PG_PORT (55499) with
#      scripts/start-postgres.sh and loads 1000 sample rows into shop.orders;
#   3. `blueprint run backup` (blueprints/postgresql.yaml): pg_dump streamed into
#      the default filesystem object store under a temporary $BLUEPRINT_HOME;
#   4. drops the table, then `blueprint run restore --from <backup run>`;
#   5. checks the row count, and removes everything it created (also on failure).
# The database password travels in an environment variable only.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
say() { printf '\033[1mquickstart:\033[0m %s\n' "$*" >&2; }

export BLUEPRINT_PG_PORT="${BLUEPRINT_PG_PORT:-55499}"
# Under /tmp itself, not a private temp dir: as root the server runs as `postgres`
# and must be able to reach its directory.
export BLUEPRINT_PG_DIR="${BLUEPRINT_PG_DIR:-${TMPDIR:-/tmp}/blueprint-quickstart-pg-$$}"
home="$(mktemp -d "${TMPDIR:-/tmp}/blueprint-quickstart-home.XXXXXX")"
export BLUEPRINT_HOME="$home"

cleanup() {
  "$root/scripts/stop-postgres.sh" >/dev/null 2>&1 || true
  rm -rf "$home"
}
trap cleanup EXIT

if [ -z "${BLUEPRINT_BIN:-}" ]; then
  say "building the blueprint CLI (swift build --product blueprint)"
  (cd "$root" && swift build --product blueprint >&2)
  BLUEPRINT_BIN="$(cd "$root" && swift build --show-bin-path)/blueprint"
fi

say "starting PostgreSQL on 127.0.0.1:$BLUEPRINT_PG_PORT ($BLUEPRINT_PG_DIR)"
# An assignment, not `eval "$(…)"`: set -e stops here when the server did not start.
pg_env=$("$root/scripts/start-postgres.sh")
eval "$pg_env"
sql() { PGPASSWORD="$BLUEPRINT_PG_PASSWORD" "$BLUEPRINT_PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }

say "loading sample data: database shop, table orders (1000 rows)"
sql -d postgres -c "CREATE DATABASE shop"
sql -d shop -c "CREATE TABLE orders (id int PRIMARY KEY, item text, amount numeric);
                INSERT INTO orders SELECT g, 'item-' || g, g * 1.5 FROM generate_series(1, 1000) g;"
before="$(sql -d shop -c "SELECT count(*) || ' rows, md5 ' || md5(string_agg(o::text, ',' ORDER BY id)) FROM orders o")"
say "before: $before"

options=(--blueprint "$root/blueprints/postgresql.yaml"
  --option host=127.0.0.1 --option "port=$BLUEPRINT_PG_PORT" --option user=blueprint
  --option database=shop --option passwordEnv=BLUEPRINT_PG_PASSWORD)

say "blueprint run backup"
backup="$("$BLUEPRINT_BIN" run backup "${options[@]}" | tail -n 1)"
say "  → $backup"
run_id="${backup%% *}"
[ "${backup##* }" = succeeded ] || { say "backup failed"; exit 1; }

say "dropping table orders (the accident)"
sql -d shop -c "DROP TABLE orders"

say "blueprint run restore --from $run_id"
restore="$("$BLUEPRINT_BIN" run restore --from "$run_id" "${options[@]}" | tail -n 1)"
say "  → $restore"
[ "${restore##* }" = succeeded ] || { say "restore failed"; exit 1; }

after="$(sql -d shop -c "SELECT count(*) || ' rows, md5 ' || md5(string_agg(o::text, ',' ORDER BY id)) FROM orders o")"
say "after:  $after"
if [ "$after" != "$before" ]; then
  say "FAILED: the restored data differs from the original"
  exit 1
fi
say "OK: the data is back ($after). Journals and artifacts were in $home (removed)."
