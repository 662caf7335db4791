#!/usr/bin/env bash
# Run a command with a real S3-compatible server on loopback, then stop it.
#
#   scripts/with-s3.sh swift test --filter ObjectStoreTests
#
# Starts ../shared/s3/start.sh (or $S3_SCRIPTS/start.sh), exports its environment
# (S3_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION,
# S3_DIR), runs the command, and stops the server whatever the command's outcome.
# The command's exit status is returned.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
scripts="${S3_SCRIPTS:-$here/../../shared/s3}"
if [ ! -f "$scripts/start.sh" ]; then
  echo "with-s3.sh: no start.sh in \$S3_SCRIPTS or ../shared/s3" >&2
  exit 2
fi
[ "$#" -gt 0 ] || { echo "usage: with-s3.sh COMMAND [ARGS...]" >&2; exit 2; }

env_lines="$(bash "$scripts/start.sh")"
eval "$env_lines"
export S3_SCRIPTS="$scripts"
trap 'bash "$scripts/stop.sh" >/dev/null 2>&1 || true' EXIT
set +e
"$@"
status=$?
set -e
exit "$status"
