#!/usr/bin/env bash
# Stops the server scripts/start-redis.sh started and removes its directory.
# Idempotent: nothing to stop is not an error.
# Environment: BLUEPRINT_REDIS_PORT, BLUEPRINT_REDIS_DIR (as for the start script).
set -euo pipefail
. "$(dirname "$0")/lib/stop-server.sh"

port="${BLUEPRINT_REDIS_PORT:-26379}"
dir="${BLUEPRINT_REDIS_DIR:-${TMPDIR:-/tmp}/blueprint-redis-$port}"
stop_server redis "$dir" "$dir/redis.pid" TERM 100
