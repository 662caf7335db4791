#!/usr/bin/env bash
# Stops the server scripts/start-postgres.sh started and removes its directory.
# Idempotent: nothing to stop is not an error.
# Environment: BLUEPRINT_PG_PORT, BLUEPRINT_PG_DIR (as for the start script).
set -euo pipefail

port="${BLUEPRINT_PG_PORT:-55432}"
dir="${BLUEPRINT_PG_DIR:-${TMPDIR:-/tmp}/blueprint-postgres-$port}"
pidfile="$dir/data/postmaster.pid"

if [ -f "$pidfile" ]; then
  pid=$(head -n 1 "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    # SIGINT is PostgreSQL's "fast" shutdown: sessions are ended, no waiting.
    kill -INT "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
fi
rm -rf "$dir"
echo "stop-postgres: stopped and removed $dir" >&2
