#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for tests, benchmarks and the quickstart:
# a fresh cluster (initdb) in a private directory, listening on 127.0.0.1 only,
# with a superuser that logs in with a generated password (scram-sha-256).
# Prints `export` lines on stdout, so use it as:
#   eval "$(scripts/start-postgres.sh)"
# Exports PGHOST, PGPORT, PGUSER, PGDATABASE, BLUEPRINT_PG_PASSWORD (the password:
# our functions read it through `passwordEnv`, never from a command line),
# BLUEPRINT_PG_DIR and BLUEPRINT_PG_BIN. PGPASSWORD is deliberately not exported.
#
# Idempotent: when the server of this port is already running it only prints the
# exports again. Works as root on a fresh Debian machine (installs postgresql with
# apt-get when missing; the server runs as the `postgres` system user because
# PostgreSQL refuses to run as root) and as an ordinary user.
#
# Environment: BLUEPRINT_PG_PORT (default 55432), BLUEPRINT_PG_DIR (default
# ${TMPDIR:-/tmp}/blueprint-postgres-<port>), BLUEPRINT_PG_VERSION (default: the
# newest installed).
set -euo pipefail

port="${BLUEPRINT_PG_PORT:-55432}"
dir="${BLUEPRINT_PG_DIR:-${TMPDIR:-/tmp}/blueprint-postgres-$port}"
log() { echo "start-postgres: $*" >&2; }

find_bin() {
  local version="${BLUEPRINT_PG_VERSION:-}"
  if [ -z "$version" ] && [ -d /usr/lib/postgresql ]; then
    version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
  fi
  if [ -n "$version" ] && [ -x "/usr/lib/postgresql/$version/bin/postgres" ]; then
    echo "/usr/lib/postgresql/$version/bin"
  elif command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
  fi
}

bin=$(find_bin)
if [ -z "$bin" ]; then
  [ "$(id -u)" = 0 ] || { log "PostgreSQL is not installed; run as root or install postgresql"; exit 1; }
  log "installing postgresql with apt-get"
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql postgresql-client >&2
  (command -v service >/dev/null && service postgresql stop >/dev/null 2>&1) || true
  bin=$(find_bin)
fi

# As root, the server and its files belong to the `postgres` system user.
if [ "$(id -u)" = 0 ]; then
  owner=postgres
  getent passwd "$owner" >/dev/null || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin "$owner"
  as_owner() { runuser -u "$owner" -- "$@"; }
else
  owner=$(id -un)
  as_owner() { "$@"; }
fi

print_exports() {
  cat <<EOF
export PGHOST=127.0.0.1
export PGPORT=$port
export PGUSER=blueprint
export PGDATABASE=postgres
export BLUEPRINT_PG_PASSWORD=$(cat "$dir/password")
export BLUEPRINT_PG_DIR=$dir
export BLUEPRINT_PG_BIN=$bin
EOF
}

if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" status -D "$dir/data" >/dev/null 2>&1; then
  log "already running on 127.0.0.1:$port ($dir)"
  print_exports
  exit 0
fi

# A directory without a running server is a leftover (crash, reboot): start over.
rm -rf "$dir"
mkdir -p "$dir"
chmod 700 "$dir"
# A password of letters and digits: no quoting problems anywhere it travels.
head -c 64 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 32 >"$dir/password"
chmod 600 "$dir/password"
chown -R "$owner" "$dir"

log "initdb in $dir/data"
as_owner "$bin/initdb" -D "$dir/data" --username=blueprint --pwfile="$dir/password" \
  --auth-local=scram-sha-256 --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }

cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 50
fsync = on
EOF

log "starting on 127.0.0.1:$port"
as_owner "$bin/pg_ctl" start -D "$dir/data" -l "$dir/server.log" -w -t 60 >&2 \
  || { cat "$dir/server.log" >&2; exit 1; }
print_exports
