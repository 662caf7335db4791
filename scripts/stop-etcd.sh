#!/usr/bin/env bash
# Stops the server scripts/start-etcd.sh started and removes its directory.
# Idempotent: nothing to stop is not an error.
# Environment: BLUEPRINT_ETCD_PORT, BLUEPRINT_ETCD_DIR (as for the start script).
set -euo pipefail
. "$(dirname "$0")/lib/stop-server.sh"

port="${BLUEPRINT_ETCD_PORT:-24379}"
dir="${BLUEPRINT_ETCD_DIR:-${TMPDIR:-/tmp}/blueprint-etcd-$port}"
stop_server etcd "$dir" "$dir/etcd.pid" TERM 100
