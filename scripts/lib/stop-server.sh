# Sourced by the stop-*.sh scripts: stop_server NAME DIR PIDFILE SIGNAL WAIT_TENTHS
# Sends SIGNAL to the pid on the first line of PIDFILE, waits up to WAIT_TENTHS
# tenths of a second, then SIGKILL; removes DIR. Nothing to stop is not an error.
stop_server() {
  local name="$1" dir="$2" pidfile="$3" signal="$4" wait="$5" pid
  if [ -f "$pidfile" ]; then
    pid=$(head -n 1 "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill "-$signal" "$pid" 2>/dev/null || true
      for _ in $(seq 1 "$wait"); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$dir"
  echo "stop-$name: stopped and removed $dir" >&2
}
