#!/usr/bin/env bash
# Stops the server scripts/start-redis.sh started and removes its directory.
# Idempotent: nothing to stop is not an error.
# Environment: BLUEPRINT_REDIS_PORT, BLUEPRINT_REDIS_DIR (as for the start script).
set -euo pipefail

port="${BLUEPRINT_REDIS_PORT:-26379}"
dir="${BLUEPRINT_REDIS_DIR:-${TMPDIR:-/tmp}/blueprint-redis-$port}"
pidfile="$dir/redis.pid"

if [ -f "$pidfile" ]; then
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
fi
rm -rf "$dir"
echo "stop-redis: stopped and removed $dir" >&2
