#!/usr/bin/env bash
# with-envtest.sh COMMAND [ARGS...]
#
# Starts the envtest Kubernetes API server (../shared/envtest/start.sh: etcd,
# kube-apiserver, the test kubelet), exports its environment (KUBECONFIG,
# ENVTEST_SERVER, ENVTEST_TOKEN, ENVTEST_NODE_NAME, ... from $ENVTEST_DIR/env),
# runs COMMAND, then stops everything with stop.sh --clean, also when COMMAND
# fails or the script is interrupted. Exits with COMMAND's status.
#
#   ENVTEST_HOME   where start.sh/stop.sh live (default: <repo>/../shared/envtest)
#   ENVTEST_DIR    runtime directory (default of start.sh: /tmp/envtest-run)
#   ENVTEST_KEEP=1 leave the server running afterwards (for debugging)
# Other ENVTEST_* settings (ports, ENVTEST_CONTROLLER_MANAGER, ...) pass through to start.sh.
#
# Example: scripts/with-envtest.sh env BLUEPRINT_REQUIRE_INTEGRATION=1 swift test --filter KubeClientTests
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ENVTEST_HOME=${ENVTEST_HOME:-$REPO/../shared/envtest}
export ENVTEST_DIR=${ENVTEST_DIR:-/tmp/envtest-run}

[ -x "$ENVTEST_HOME/start.sh" ] || { echo "with-envtest: $ENVTEST_HOME/start.sh not found (set ENVTEST_HOME)" >&2; exit 2; }

stop() {
  if [ "${ENVTEST_KEEP:-0}" = 1 ]; then
    echo "with-envtest: leaving envtest running (ENVTEST_DIR=$ENVTEST_DIR)" >&2
  else
    "$ENVTEST_HOME/stop.sh" --clean || true
  fi
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

kubeconfig=$("$ENVTEST_HOME/start.sh")
[ -f "$ENVTEST_DIR/env" ] || { echo "with-envtest: start.sh wrote no $ENVTEST_DIR/env" >&2; exit 1; }
# shellcheck disable=SC1091
set -a
. "$ENVTEST_DIR/env"
set +a
export KUBECONFIG="${KUBECONFIG:-$kubeconfig}"
export ENVTEST_ENV_FILE="$ENVTEST_DIR/env"

status=0
"$@" || status=$?
exit "$status"
