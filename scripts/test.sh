#!/usr/bin/env bash
# The test command: starts the real servers the integration tests use — an S3
# server on loopback, a kube-apiserver with etcd and a test node agent, PostgreSQL,
# MariaDB, etcd and Redis in temporary directories — runs the whole suite against them with
# BLUEPRINT_REQUIRE_INTEGRATION=1 (an integration test fails rather than skips when
# its server is missing), and stops every server, whatever happened. etcd and
# Redis (for the catalog's etcd and redis tests) run on their own ports, not
# envtest's etcd.
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
  [ -n "${pods_dir:-}" ] && ENVTEST_DIR="$pods_dir" "$shared/envtest/stop.sh" --clean >/dev/null 2>&1
  [ -x scripts/stop-postgres.sh ] && scripts/stop-postgres.sh >/dev/null 2>&1
  [ -x scripts/stop-mariadb.sh ] && scripts/stop-mariadb.sh >/dev/null 2>&1
  [ -x scripts/stop-etcd.sh ] && scripts/stop-etcd.sh >/dev/null 2>&1
  [ -x scripts/stop-redis.sh ] && scripts/stop-redis.sh >/dev/null 2>&1
}
trap cleanup EXIT

echo "test: building" >&2
swift build --build-tests

echo "test: starting the S3 server" >&2
# Assignments, not `eval "$(…)"`: set -e stops the run when a server did not start.
s3_env=$("$shared/s3/start.sh")
eval "$s3_env"
export S3_SCRIPTS="$shared/s3"

# The databases before the API server: the test node agent gets their passwords (below).
if [ -x scripts/start-postgres.sh ]; then
  echo "test: starting PostgreSQL" >&2
  pg_env=$(scripts/start-postgres.sh)
  eval "$pg_env"
fi
if [ -x scripts/start-mariadb.sh ]; then
  echo "test: starting MariaDB" >&2
  mariadb_env=$(scripts/start-mariadb.sh)
  eval "$mariadb_env"
fi
if [ -x scripts/start-etcd.sh ]; then
  echo "test: starting etcd" >&2
  etcd_env=$(scripts/start-etcd.sh)
  eval "$etcd_env"
fi
if [ -x scripts/start-redis.sh ]; then
  echo "test: starting Redis" >&2
  redis_env=$(scripts/start-redis.sh)
  eval "$redis_env"
fi

echo "test: starting the Kubernetes API server (the first run on a machine builds it: ~5 min)" >&2
# envtest's exec runs a pod's command with the node agent's environment, not the
# pod's: the agent gets the test databases' passwords as the official images'
# containers have them (POSTGRES_PASSWORD, POSTGRES_USER; MYSQL_ROOT_PASSWORD, the fallback of the
# catalog's MARIADB_ROOT_PASSWORD,MYSQL_ROOT_PASSWORD; ETCD_ROOT_PASSWORD and
# REDIS_PASSWORD, as the Bitnami images set them), for the catalog's "password
# from the container" tests (Tests/BlueprintCLITests/Catalog/).
agent_env=()
if [ -n "${BLUEPRINT_PG_PASSWORD:-}" ]; then
  agent_env+=("POSTGRES_PASSWORD=$BLUEPRINT_PG_PASSWORD" "POSTGRES_USER=$PGUSER")
  export BLUEPRINT_ENVTEST_POSTGRES_PASSWORD=1
fi
if [ -n "${BLUEPRINT_MARIADB_PASSWORD:-}" ]; then
  agent_env+=("MYSQL_ROOT_PASSWORD=$BLUEPRINT_MARIADB_PASSWORD")
  export BLUEPRINT_ENVTEST_MYSQL_ROOT_PASSWORD=1
fi
if [ -n "${BLUEPRINT_ETCD_PASSWORD:-}" ]; then
  agent_env+=("ETCD_ROOT_PASSWORD=$BLUEPRINT_ETCD_PASSWORD")
  export BLUEPRINT_ENVTEST_ETCD_ROOT_PASSWORD=1
fi
if [ -n "${BLUEPRINT_REDIS_PASSWORD:-}" ]; then
  agent_env+=("REDIS_PASSWORD=$BLUEPRINT_REDIS_PASSWORD")
  export BLUEPRINT_ENVTEST_REDIS_PASSWORD=1
fi
# Only those: the databases' connection settings stay out of the agent, as they
# would be out of a real container.
KUBECONFIG=$(env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u BLUEPRINT_PG_PASSWORD -u BLUEPRINT_MARIADB_PASSWORD \
  -u BLUEPRINT_ETCD_PASSWORD -u BLUEPRINT_REDIS_PASSWORD \
  "${agent_env[@]}" "$shared/envtest/start.sh")
export KUBECONFIG
envfile="${ENVTEST_DIR:-/tmp/envtest-run}/env"
if [ -f "$envfile" ]; then set -a; . "$envfile"; set +a; fi
# The CSI snapshot tests need the VolumeSnapshot CRDs (no controller installs them).
kubectl apply -f "$shared/envtest/manifests/volumesnapshot-crds.yaml" >&2

# A second API server whose pods really run (controller manager, scheduler, and the
# agent running containers' commands as local processes, in every namespace), for
# the whole-app restore whose restored workloads must come up by themselves
# (Tests/BlueprintCLITests/Applications/). Its own directory and ports
# (ENVTEST_PODS_DIR, ENVTEST_PODS_APISERVER_PORT, _ETCD_PORT, _KUBELET_PORT);
# BLUEPRINT_PODS_THAT_RUN=0 leaves it out (those tests then skip).
if [ "${BLUEPRINT_PODS_THAT_RUN:-1}" != 0 ]; then
  echo "test: starting the Kubernetes API server whose pods run" >&2
  pods_dir=${ENVTEST_PODS_DIR:-/tmp/envtest-run-pods-blueprint}
  BLUEPRINT_PODS_KUBECONFIG=$(env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u BLUEPRINT_PG_PASSWORD -u BLUEPRINT_MARIADB_PASSWORD \
    -u ENVTEST_CONTROLLERS -u ENVTEST_NODE_CAPACITY -u ENVTEST_KUBELET -u ENVTEST_POD_ENV \
    ENVTEST_DIR="$pods_dir" ENVTEST_APISERVER_PORT="${ENVTEST_PODS_APISERVER_PORT:-16543}" \
    ENVTEST_ETCD_PORT="${ENVTEST_PODS_ETCD_PORT:-22479}" ENVTEST_KUBELET_PORT="${ENVTEST_PODS_KUBELET_PORT:-11350}" \
    ENVTEST_RUN_PODS=all ENVTEST_SCHEDULER=1 ENVTEST_CONTROLLER_MANAGER=1 "$shared/envtest/start.sh")
  export BLUEPRINT_PODS_KUBECONFIG
fi

export BLUEPRINT_REQUIRE_INTEGRATION=1
export TZ=UTC
echo "test: running the suite" >&2
swift test --skip-build "$@"
