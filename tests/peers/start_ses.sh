#!/bin/sh
# Start aws-ses-v2-local (the SES v1/v2 HTTP API emulator) on 127.0.0.1:PORT, in the foreground.
#
#   tests/peers/start_ses.sh PORT        (run `npm ci` in tests/peers first)
#
# It prints two lines on stdout:
#   aws-ses-v2-local: starting server...
#   aws-ses-v2-local: server running at http://localhost:PORT
# PORT 0 picks a free port, and the second line tells which. `GET /health-check` answers 200
# once it is up. exec: the PID of this script is the server's, SIGTERM stops it.
# The emulator keeps its store in memory only; `POST /clear-store` empties it.
set -eu
if [ $# -ne 1 ]; then
    echo "usage: $0 PORT" >&2
    exit 2
fi
case "$1" in
    ''|*[!0-9]*) echo "$0: PORT must be a number" >&2; exit 2 ;;
esac
cd "$(dirname "$0")"
# SMTP_TRANSPORT, if set, would make the emulator forward every stored email over SMTP.
unset SMTP_TRANSPORT
# --host exists in its CLI (dist/cli.js, yargs option 'host'); its default is '::' (all addresses).
exec node node_modules/aws-ses-v2-local/dist/cli.js --host 127.0.0.1 --port "$1"
