# Shared by the delivery tests: start the npm peers on loopback and stop
# them on exit. Sourced, not run.
peers_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../peers" && pwd)
peer_pids=()
stop_peers() { for pid in "${peer_pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }

# wait_for_line FILE PATTERN: the first line of FILE matching PATTERN, within 20 s.
wait_for_line() {
  for _ in $(seq 200); do
    if line=$(grep -m1 -E "$2" "$1" 2>/dev/null); then echo "$line"; return 0; fi
    sleep 0.1
  done
  echo "peer did not start: $(cat "$1")" >&2
  return 1
}

# start_smtp_sink OUTDIR ARGS... ; sets SMTP_PORT
start_smtp_sink() {
  local out=$1; shift
  mkdir -p "$out"
  node "$peers_dir/smtp_sink.js" --port 0 --out "$out" "$@" >"$out.stdout" 2>"$out.stderr" &
  peer_pids+=($!)
  SMTP_PORT=$(wait_for_line "$out.stdout" '^listening [0-9]+' | awk '{print $2}')
}

# start_ses LOG ; sets SES_URL
start_ses() {
  "$peers_dir/start_ses.sh" 0 >"$1" 2>&1 &
  peer_pids+=($!)
  local port
  port=$(wait_for_line "$1" 'running at http://[^:]+:[0-9]+' | sed -E 's/.*:([0-9]+).*/\1/')
  SES_URL="http://127.0.0.1:$port"
  for _ in $(seq 100); do curl -fs "$SES_URL/health-check" >/dev/null && return 0; sleep 0.1; done
  echo "SES emulator not healthy" >&2; return 1
}

# make_cert DIR: a self-signed certificate for localhost and 127.0.0.1.
make_cert() {
  openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$1/key.pem" -out "$1/cert.pem" 2>/dev/null
}
