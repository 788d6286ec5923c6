#!/usr/bin/env bash
# `generate --probe` against a loopback HTTP server standing in for JADA's
# site: the admin page declared `auth = true` answers without credentials,
# so the CTO report has a critical finding with the probe as evidence; the
# bookings API (declared without auth) gets the probe's answer as evidence;
# without --probe nothing is requested.
set -euo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
server_pid=
trap '[[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
"$root/tests/tools/copy-portfolio" "$root/examples/portfolio" "$work/portfolio"
mkdir -p "$work/site/admin" "$work/site/api"
echo '<h1>admin</h1>' > "$work/site/admin/index.html"
echo '[]' > "$work/site/api/bookings"
echo '<h1>JADA</h1>' > "$work/site/index.html"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/bin/python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/site" > "$work/http.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
  sleep 0.1
done
sed -i "s|https://jada.example.com/|http://127.0.0.1:$port/|" "$work/portfolio/entities/jada.toml"

"$bin" generate "$work/portfolio" --as-of 2026-11-16 --only cto --format json --out "$work/plain" > /dev/null
if grep -q "GET" "$work/http.log"; then echo "generate without --probe sent requests"; exit 1; fi

"$bin" generate "$work/portfolio" --as-of 2026-11-16 --only cto --format json --out "$work/probed" --probe > /dev/null
/usr/bin/python3 - "$work/probed/cto.json" "$port" <<'PY'
import json, sys
doc, port = json.load(open(sys.argv[1])), sys.argv[2]
findings = {f["id"]: f for f in doc["findings"]}
admin = findings.get(f"auth-not-enforced-jada-127-0-0-1-{port}-admin")
assert admin, sorted(findings)
assert admin["severity"] == "critical", admin
assert any(e["detail"] == "probe: HTTP 200 without credentials" for e in admin["evidence"]), admin
api = findings[f"unauthenticated-endpoint-jada-127-0-0-1-{port}-api-bookings"]
assert any(e["detail"] == "probe: HTTP 200 without credentials" for e in api["evidence"]), api
PY
grep -q '"GET /admin/ HTTP' "$work/http.log" || { cat "$work/http.log"; exit 1; }
echo "probe: an endpoint declared authenticated that answers is a critical finding"
