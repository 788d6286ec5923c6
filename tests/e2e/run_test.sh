#!/usr/bin/env bash
# End to end: `quarterdeck run` on a copy of the reference portfolio delivers
# eight reports to the outbox; each parses as MIME and matches the audit
# log; a second run sends nothing new; --force sends again.
set -euo pipefail
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/tests/tools/copy-portfolio" "$root/examples/portfolio" "$work/portfolio"
pf="$work/portfolio"

"$bin" run "$pf" --as-of 2026-11-16 >"$work/run1.txt"
grep -q "^8 sent, 0 already sent, 0 not sent" "$work/run1.txt" || { cat "$work/run1.txt"; exit 1; }
"$bin" audit "$pf" --format json >"$work/audit.json"
/usr/bin/python3 "$root/tests/tools/check_outbox.py" "$pf/.quarterdeck/outbox" "$work/audit.json" 8 "$pf"

# No secret from repos.env may appear in what was sent or printed.
secret=$(sed -n 's/^AWS_SECRET_ACCESS_KEY=//p' "$pf/repos.env")
if grep -rqF "$secret" "$pf/.quarterdeck/outbox" "$work/run1.txt" "$work/audit.json"; then
  echo "a secret from repos.env appears in the output"; exit 1
fi

# Nor any secret planted in the fixture repositories: reports show them redacted.
while read -r planted; do
  if grep -rqF -- "$planted" "$pf/.quarterdeck/outbox" "$work/run1.txt"; then
    echo "a secret from the fixture repositories appears in a report: ${planted:0:8}…"; exit 1
  fi
done < <(grep -rhoE 'sk_live_[0-9A-Za-z]{24,}|AKIA[A-Z2-7]{16}|SG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}|AIza[0-9A-Za-z_-]{35}' \
           "$root/examples/portfolio/repo-fixtures" | sort -u)

# The same as-of date and content: nothing new.
"$bin" run "$pf" --as-of 2026-11-16 >"$work/run2.txt"
grep -q "^0 sent, 8 already sent, 0 not sent" "$work/run2.txt" || { cat "$work/run2.txt"; exit 1; }
[[ $(ls "$pf/.quarterdeck/outbox/new" | wc -l) -eq 8 ]] || { echo "second run wrote messages"; exit 1; }

# --force sends again (same idempotency key): the second copy is a second file,
# KEY.2.quarterdeck, never an overwrite of the first.
ceo_file=$(grep -l "^Subject: .*CEO" "$pf/.quarterdeck/outbox/new/"* | head -1)
ceo_bytes=$(sha256sum <"$ceo_file")
"$bin" run "$pf" --as-of 2026-11-16 --force --only ceo >"$work/run3.txt"
grep -q "^1 sent, 0 already sent, 0 not sent" "$work/run3.txt" || { cat "$work/run3.txt"; exit 1; }
[[ $(ls "$pf/.quarterdeck/outbox/new" | wc -l) -eq 9 ]] || { echo "--force did not add a second copy"; exit 1; }
[[ -f "${ceo_file%.quarterdeck}.2.quarterdeck" ]] || { echo "the second copy is not named KEY.2.quarterdeck"; exit 1; }
[[ $(sha256sum <"$ceo_file") == "$ceo_bytes" ]] || { echo "the first copy was overwritten"; exit 1; }
"$bin" audit "$pf" --format json >"$work/audit3.json"
/usr/bin/python3 - "$work/audit3.json" <<'PY'
import json, sys
audit = json.load(open(sys.argv[1]))
assert len(audit) == 8, len(audit)
ceo = [d for d in audit if d["report_id"] == "ceo"][0]
assert ceo["attempts"] == 2 and ceo["status"] == "sent", ceo
keys = ["run_id", "report_id", "to", "cc", "bcc", "status", "message_id", "provider_message_id", "attempts", "updated_at", "last_error", "test"]
assert all(list(d.keys()) == keys for d in audit)
assert not any(d["test"] for d in audit), "a real run is no test"
assert all(d["bcc"] == ["audit@example.com"] for d in audit), "the audit BCC is on every message"
PY
echo "e2e run: 8 delivered, audit matches, re-run idempotent"
