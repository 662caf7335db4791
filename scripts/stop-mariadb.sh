#!/usr/bin/env bash
# Stops the server scripts/start-mariadb.sh started and removes its directory.
# Idempotent: nothing to stop is not an error.
# Environment: BLUEPRINT_MARIADB_PORT, BLUEPRINT_MARIADB_DIR (as for the start script).
set -euo pipefail
. "$(dirname "$0")/lib/stop-server.sh"

port="${BLUEPRINT_MARIADB_PORT:-53306}"
dir="${BLUEPRINT_MARIADB_DIR:-${TMPDIR:-/tmp}/blueprint-mariadb-$port}"
stop_server mariadb "$dir" "$dir/mariadb.pid" TERM 200
