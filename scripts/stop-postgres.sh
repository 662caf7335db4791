#!/usr/bin/env bash
# Stops the server scripts/start-postgres.sh started and removes its directory.
# Idempotent: nothing to stop is not an error.
# Environment: BLUEPRINT_PG_PORT, BLUEPRINT_PG_DIR (as for the start script).
set -euo pipefail
. "$(dirname "$0")/lib/stop-server.sh"

port="${BLUEPRINT_PG_PORT:-55432}"
dir="${BLUEPRINT_PG_DIR:-${TMPDIR:-/tmp}/blueprint-postgres-$port}"
# SIGINT is PostgreSQL's "fast" shutdown: sessions are ended, no waiting.
stop_server postgres "$dir" "$dir/data/postmaster.pid" INT 100
