#!/usr/bin/env bash
# Stops the server scripts/start-mariadb.sh started and removes its directory.
# Idempotent: nothing to stop is not an error.
# Environment: BLUEPRINT_MARIADB_PORT, BLUEPRINT_MARIADB_DIR (as for the start script).
set -euo pipefail

port="${BLUEPRINT_MARIADB_PORT:-53306}"
dir="${BLUEPRINT_MARIADB_DIR:-${TMPDIR:-/tmp}/blueprint-mariadb-$port}"
pidfile="$dir/mariadb.pid"

if [ -f "$pidfile" ]; then
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 200); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
fi
rm -rf "$dir"
echo "stop-mariadb: stopped and removed $dir" >&2
