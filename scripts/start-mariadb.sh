#!/usr/bin/env bash
# Starts a throwaway MariaDB server for tests, benchmarks and the quickstart: a
# fresh data directory (mariadb-install-db) in a private directory, TCP on
# 127.0.0.1 only, its socket inside that directory, and a user `blueprint` with a
# generated password and the privileges a backup needs (RELOAD for FLUSH TABLES
# WITH READ LOCK, LOCK TABLES, …). Prints `export` lines on stdout:
#   eval "$(scripts/start-mariadb.sh)"
# Exports BLUEPRINT_MARIADB_HOST, _PORT, _USER, _PASSWORD (read by our functions
# through `passwordEnv`, never from a command line), _SOCKET and _DIR. MYSQL_PWD
# is deliberately not exported.
#
# Idempotent: when the server of this port is already running it only prints the
# exports again. Works as root on a fresh Debian machine (installs mariadb-server
# with apt-get when missing; the server runs with --user=root so no ownership
# changes are needed) and as an ordinary user. No system option file is read
# (--no-defaults), so Debian's /etc/mysql configuration cannot interfere.
#
# Environment: BLUEPRINT_MARIADB_PORT (default 53306), BLUEPRINT_MARIADB_DIR
# (default ${TMPDIR:-/tmp}/blueprint-mariadb-<port>).
set -euo pipefail

port="${BLUEPRINT_MARIADB_PORT:-53306}"
dir="${BLUEPRINT_MARIADB_DIR:-${TMPDIR:-/tmp}/blueprint-mariadb-$port}"
log() { echo "start-mariadb: $*" >&2; }

server_bin() { command -v mariadbd || { [ -x /usr/sbin/mariadbd ] && echo /usr/sbin/mariadbd; } || command -v mysqld || true; }

if [ -z "$(server_bin)" ] || ! command -v mariadb >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || { log "MariaDB is not installed; run as root or install mariadb-server"; exit 1; }
  log "installing mariadb-server and mariadb-client with apt-get"
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends mariadb-server mariadb-client >&2
  (command -v service >/dev/null && service mariadb stop >/dev/null 2>&1) || true
fi
server=$(server_bin)

admin() { mariadb --no-defaults --socket="$dir/mariadb.sock" --user=root "$@"; }

print_exports() {
  cat <<EOF
export BLUEPRINT_MARIADB_HOST=127.0.0.1
export BLUEPRINT_MARIADB_PORT=$port
export BLUEPRINT_MARIADB_USER=blueprint
export BLUEPRINT_MARIADB_PASSWORD=$(cat "$dir/password")
export BLUEPRINT_MARIADB_SOCKET=$dir/mariadb.sock
export BLUEPRINT_MARIADB_DIR=$dir
EOF
}

if [ -f "$dir/mariadb.pid" ] && kill -0 "$(cat "$dir/mariadb.pid")" 2>/dev/null \
   && admin --execute 'SELECT 1' >/dev/null 2>&1; then
  log "already running on 127.0.0.1:$port ($dir)"
  print_exports
  exit 0
fi

# A directory without a running server is a leftover (crash, reboot): start over.
if [ -f "$dir/mariadb.pid" ]; then kill -KILL "$(cat "$dir/mariadb.pid")" 2>/dev/null || true; fi
rm -rf "$dir"
mkdir -p "$dir/data" "$dir/tmp"
chmod 700 "$dir"
head -c 64 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 32 >"$dir/password"
chmod 600 "$dir/password"

user_opt=()
[ "$(id -u)" = 0 ] && user_opt=(--user=root)

log "mariadb-install-db in $dir/data"
mariadb-install-db --no-defaults "${user_opt[@]}" --datadir="$dir/data" \
  --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1 \
  || { cat "$dir/install.log" >&2; exit 1; }

log "starting on 127.0.0.1:$port"
# setsid: the server leaves this script's session, so a terminal hang-up or the
# caller's process group being killed does not take it down.
setsid "$server" --no-defaults "${user_opt[@]}" --datadir="$dir/data" --tmpdir="$dir/tmp" \
  --socket="$dir/mariadb.sock" --pid-file="$dir/mariadb.pid" --log-error="$dir/server.log" \
  --port="$port" --bind-address=127.0.0.1 --skip-networking=0 \
  --innodb-buffer-pool-size=128M --innodb-log-file-size=64M \
  </dev/null >/dev/null 2>&1 &

for _ in $(seq 1 300); do
  admin --execute 'SELECT 1' >/dev/null 2>&1 && break
  sleep 0.1
done
admin --execute 'SELECT 1' >/dev/null 2>&1 || { log "server did not start"; cat "$dir/server.log" >&2; exit 1; }

# The password reaches the server on the client's stdin, never on a command line.
admin <<EOF
CREATE USER 'blueprint'@'127.0.0.1' IDENTIFIED BY '$(cat "$dir/password")';
CREATE USER 'blueprint'@'localhost' IDENTIFIED BY '$(cat "$dir/password")';
GRANT ALL PRIVILEGES ON *.* TO 'blueprint'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'blueprint'@'localhost' WITH GRANT OPTION;
FLUSH PRIVILEGES;
EOF
print_exports
