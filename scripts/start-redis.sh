#!/usr/bin/env bash
# Starts a throwaway Redis server for tests: a private directory holding its
# configuration (redis.conf), its data (dump.rdb) and its log, TCP on 127.0.0.1
# only, no AOF, and a password (requirepass) that is generated. Prints `export`
# lines on stdout:
#   eval "$(scripts/start-redis.sh)"
# Exports BLUEPRINT_REDIS_PORT, BLUEPRINT_REDIS_PASSWORD (the catalog reads it
# from the container's REDIS_PASSWORD, never from a command line),
# BLUEPRINT_REDIS_DIR and BLUEPRINT_REDIS_CONF (`redis-server $BLUEPRINT_REDIS_CONF`
# starts it again on the same data, as a container restart would).
#
# Idempotent: when the server of this port is already running it only prints the
# exports again. Works as root on a fresh Debian machine (installs redis-server
# and redis-tools with apt-get when missing) and as an ordinary user.
#
# Environment: BLUEPRINT_REDIS_PORT (default 26379), BLUEPRINT_REDIS_DIR
# (default ${TMPDIR:-/tmp}/blueprint-redis-<port>).
set -euo pipefail

port="${BLUEPRINT_REDIS_PORT:-26379}"
dir="${BLUEPRINT_REDIS_DIR:-${TMPDIR:-/tmp}/blueprint-redis-$port}"
log() { echo "start-redis: $*" >&2; }

if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || { log "Redis is not installed; run as root or install redis-server and redis-tools"; exit 1; }
  log "installing redis-server and redis-tools with apt-get"
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends redis-server redis-tools >&2
  (command -v service >/dev/null && service redis-server stop >/dev/null 2>&1) || true
fi

# The password reaches redis-cli through REDISCLI_AUTH, never a command line.
ping() { [ -f "$dir/password" ] && REDISCLI_AUTH="$(cat "$dir/password")" redis-cli -h 127.0.0.1 -p "$port" PING 2>/dev/null | grep -q PONG; }

print_exports() {
  cat <<EOT
export BLUEPRINT_REDIS_PORT=$port
export BLUEPRINT_REDIS_PASSWORD=$(cat "$dir/password")
export BLUEPRINT_REDIS_DIR=$dir
export BLUEPRINT_REDIS_CONF=$dir/redis.conf
EOT
}

if ping; then
  log "already running on 127.0.0.1:$port ($dir)"
  print_exports
  exit 0
fi

# A directory without a running server is a leftover (crash, reboot): start over.
if [ -f "$dir/redis.pid" ]; then kill -KILL "$(cat "$dir/redis.pid")" 2>/dev/null || true; fi
rm -rf "$dir"
mkdir -p "$dir"
chmod 700 "$dir"
head -c 64 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 32 >"$dir/password"
chmod 600 "$dir/password"
cat >"$dir/redis.conf" <<EOT
bind 127.0.0.1
port $port
dir $dir
dbfilename dump.rdb
appendonly no
save 3600 1
daemonize yes
pidfile $dir/redis.pid
logfile $dir/server.log
requirepass $(cat "$dir/password")
EOT
chmod 600 "$dir/redis.conf"

log "starting on 127.0.0.1:$port"
redis-server "$dir/redis.conf" </dev/null >&2
for _ in $(seq 1 100); do
  ping && break
  sleep 0.1
done
ping || { log "server did not start"; cat "$dir/server.log" >&2; exit 1; }
print_exports
