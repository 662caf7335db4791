#!/usr/bin/env bash
# Installs what a fresh Debian machine with Swift needs to build, test and run the
# quickstart: database servers and clients, Python tooling for the S3 test server
# and the aws CLI used by the object-store benchmark. Idempotent.
set -euo pipefail
need_root() { [ "$(id -u)" = 0 ] || { echo "scripts/setup.sh: run as root (apt-get)" >&2; exit 1; }; }

# libre2-dev: RE2, the linear-time regex engine GoTemplate links (Sources/CRE2Shim).
# etcd-server, etcd-client, redis-server, redis-tools: the catalog's etcd and redis tests.
packages=(postgresql postgresql-client mariadb-server mariadb-client etcd-server etcd-client redis-server redis-tools python3-venv python3-pip curl procps psmisc ca-certificates openssl libre2-dev libzstd-dev zstd)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  need_root
  echo "setup: apt-get install ${missing[*]}" >&2
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi
# kubectl applies the VolumeSnapshot CRDs for the Kubernetes tests; Debian ships it
# as kubernetes-client (some images have Google's kubectl package instead).
if ! command -v kubectl >/dev/null 2>&1; then
  need_root
  echo "setup: apt-get install kubernetes-client (kubectl)" >&2
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends kubernetes-client >&2
fi
# Debian starts packaged servers as services; tests start their own on loopback.
for svc in postgresql mariadb etcd redis-server; do
  (command -v service >/dev/null && service "$svc" stop >/dev/null 2>&1) || true
done
if ! command -v aws >/dev/null 2>&1; then
  echo "setup: pip install awscli" >&2
  python3 -m pip install -q awscli >&2 || python3 -m pip install -q --break-system-packages awscli >&2
fi
echo "setup: done" >&2
