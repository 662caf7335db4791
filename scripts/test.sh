#!/usr/bin/env bash
# The test command: starts the real servers the integration tests use (S3 on
# loopback, a kube-apiserver with etcd), runs the whole suite, stops the servers.
#   scripts/test.sh [extra `swift test` arguments, e.g. --filter GoTemplateTests]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared="$root/../shared"
[ -d "$shared" ] || { echo "scripts/test.sh: ../shared is missing beside the project" >&2; exit 2; }

cleanup() {
  set +e
  "$shared/s3/stop.sh" >/dev/null 2>&1
  "$shared/envtest/stop.sh" --clean >/dev/null 2>&1
}
trap cleanup EXIT

echo "test: building" >&2
swift build --build-tests

echo "test: starting the S3 server" >&2
eval "$("$shared/s3/start.sh")"
export S3_ENDPOINT AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_DEFAULT_REGION S3_DIR

echo "test: starting the Kubernetes API server (first run builds it: ~5 min)" >&2
KUBECONFIG=$("$shared/envtest/start.sh")
export KUBECONFIG
envfile="${ENVTEST_DIR:-/tmp/envtest-run}/env"
if [ -f "$envfile" ]; then set -a; . "$envfile"; set +a; fi
export ENVTEST_KUBECONFIG="$KUBECONFIG"

export BLUEPRINT_REQUIRE_INTEGRATION=1
export TZ=UTC
echo "test: running the suite" >&2
swift test --skip-build "$@"
