#!/usr/bin/env bash
# Starts a throwaway etcd server for tests: one member with a fresh data
# directory in a private directory, client and peer URLs on 127.0.0.1 only, and
# authentication enabled with a user `root` (role root) whose password is
# generated. Prints `export` lines on stdout:
#   eval "$(scripts/start-etcd.sh)"
# Exports BLUEPRINT_ETCD_ENDPOINT (host:port of the client URL),
# BLUEPRINT_ETCD_PASSWORD (root's password: the catalog reads it from the
# container's ETCD_ROOT_PASSWORD, never from a command line), BLUEPRINT_ETCD_DIR
# and BLUEPRINT_ETCD_PEER_PORT.
#
# Idempotent: when the server of this port is already running it only prints the
# exports again. Works as root on a fresh Debian machine (installs etcd-server and
# etcd-client with apt-get when missing) and as an ordinary user. Not envtest's
# etcd: its own ports and directory.
#
# Environment: BLUEPRINT_ETCD_PORT (client port, default 24379; the peer port is
# the next one), BLUEPRINT_ETCD_DIR (default ${TMPDIR:-/tmp}/blueprint-etcd-<port>).
set -euo pipefail

port="${BLUEPRINT_ETCD_PORT:-24379}"
peer=$((port + 1))
dir="${BLUEPRINT_ETCD_DIR:-${TMPDIR:-/tmp}/blueprint-etcd-$port}"
log() { echo "start-etcd: $*" >&2; }

if ! command -v etcd >/dev/null 2>&1 && [ ! -x /usr/bin/etcd ] || ! command -v etcdctl >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || { log "etcd is not installed; run as root or install etcd-server and etcd-client"; exit 1; }
  log "installing etcd-server and etcd-client with apt-get"
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends etcd-server etcd-client >&2
  (command -v service >/dev/null && service etcd stop >/dev/null 2>&1) || true
fi
server=$(command -v etcd || echo /usr/bin/etcd)

ctl() { ETCDCTL_API=3 etcdctl --endpoints="127.0.0.1:$port" --dial-timeout=2s "$@"; }
as_root() { ETCDCTL_USER=root ETCDCTL_PASSWORD="$(cat "$dir/password")" ctl "$@"; }

print_exports() {
  cat <<EOT
export BLUEPRINT_ETCD_ENDPOINT=127.0.0.1:$port
export BLUEPRINT_ETCD_PEER_PORT=$peer
export BLUEPRINT_ETCD_PASSWORD=$(cat "$dir/password")
export BLUEPRINT_ETCD_DIR=$dir
EOT
}

if [ -f "$dir/etcd.pid" ] && kill -0 "$(cat "$dir/etcd.pid")" 2>/dev/null && as_root endpoint health >/dev/null 2>&1; then
  log "already running on 127.0.0.1:$port ($dir)"
  print_exports
  exit 0
fi

# A directory without a running server is a leftover (crash, reboot): start over.
if [ -f "$dir/etcd.pid" ]; then kill -KILL "$(cat "$dir/etcd.pid")" 2>/dev/null || true; fi
rm -rf "$dir"
mkdir -p "$dir"
chmod 700 "$dir"
head -c 64 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 32 >"$dir/password"
chmod 600 "$dir/password"

log "starting on 127.0.0.1:$port (peer $peer)"
# setsid: the server leaves this script's session, so a terminal hang-up or the
# caller's process group being killed does not take it down.
setsid "$server" --name blueprint-test --data-dir "$dir/data" \
  --listen-client-urls "http://127.0.0.1:$port" --advertise-client-urls "http://127.0.0.1:$port" \
  --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
  --initial-cluster "blueprint-test=http://127.0.0.1:$peer" --initial-cluster-state new \
  </dev/null >"$dir/server.log" 2>&1 &
echo $! >"$dir/etcd.pid"

for _ in $(seq 1 300); do
  ctl endpoint health >/dev/null 2>&1 && break
  sleep 0.1
done
ctl endpoint health >/dev/null 2>&1 || { log "server did not start"; cat "$dir/server.log" >&2; exit 1; }

# The password reaches etcdctl through its environment, never a command line.
ctl role add root >/dev/null
ctl user add root --interactive=false <"$dir/password" >/dev/null
ctl user grant-role root root >/dev/null
ctl auth enable >/dev/null
print_exports
