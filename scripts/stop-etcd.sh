#!/usr/bin/env bash
# Stops the server scripts/start-etcd.sh started and removes its directory.
# Idempotent: nothing to stop is not an error.
# Environment: BLUEPRINT_ETCD_PORT, BLUEPRINT_ETCD_DIR (as for the start script).
set -euo pipefail

port="${BLUEPRINT_ETCD_PORT:-24379}"
dir="${BLUEPRINT_ETCD_DIR:-${TMPDIR:-/tmp}/blueprint-etcd-$port}"
pidfile="$dir/etcd.pid"

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
echo "stop-etcd: stopped and removed $dir" >&2
