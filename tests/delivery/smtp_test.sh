#!/usr/bin/env bash
# SMTP against a real server (smtp-server, npm) on loopback: STARTTLS
# required, AUTH, and injected replies. 451, 454 and 421 are retried and the
# message goes through; 550 is recorded as rejected with the server's words
# and never retried; the audit log agrees with what the server accepted; the
# password never appears in output; wrong credentials and a size limit are
# permanent failures.
set -euo pipefail
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$here/peers.sh"
work=$(mktemp -d)
trap 'stop_peers; [[ -n "${KEEP:-}" ]] || rm -rf "$work"' EXIT
make_cert "$work"

fresh_portfolio() {
  rm -rf "$work/pf"
  "$root/tests/tools/copy-portfolio" "$root/examples/portfolio" "$work/pf"
}
export SMTP_USERNAME=qd-reports SMTP_PASSWORD='s3cret-Pa55' SMTP_CA_FILE="$work/cert.pem"

# 1. Injected replies on DATA attempts 2, 3 (transient), 5 (permanent), 7 (421 closes the connection).
start_smtp_sink "$work/sink" --tls-key "$work/key.pem" --tls-cert "$work/cert.pem" --starttls-required \
  --auth "qd-reports:s3cret-Pa55" --fail 2:451,3:454,5:550,7:421
fresh_portfolio
set +e
"$bin" run "$work/pf" --as-of 2026-11-16 --transport smtp --smtp-url "smtp://127.0.0.1:$SMTP_PORT" \
  >"$work/run.out" 2>"$work/run.err"
code=$?
set -e
[[ $code -eq 1 ]] || { echo "expected exit 1 (one rejected), got $code"; cat "$work/run.out" "$work/run.err"; exit 1; }
grep -q "^7 sent, 0 already sent, 1 not sent" "$work/run.out" || { cat "$work/run.out"; exit 1; }
"$bin" audit "$work/pf" --format json >"$work/audit.json"
/usr/bin/python3 - "$work/audit.json" "$work/sink/log.jsonl" <<'PY'
import json, sys
audit = json.load(open(sys.argv[1]))
log = [json.loads(l) for l in open(sys.argv[2])]
by_report = {d["report_id"]: d for d in audit}
# Messages in plan order: ceo, cto, cfo, ... DATA attempts: 1 ceo ok; 2 cto 451; 3 cto 454; 4 cto ok;
# 5 cfo 550; 6 cmo ok; 7 accounting 421; 8 accounting ok; 9-11 the entity reports.
assert by_report["ceo"]["status"] == "sent" and by_report["ceo"]["attempts"] == 1, by_report["ceo"]
assert by_report["cto"]["status"] == "sent" and by_report["cto"]["attempts"] == 3, by_report["cto"]
assert by_report["cfo"]["status"] == "rejected" and by_report["cfo"]["attempts"] == 1, by_report["cfo"]
assert by_report["accounting"]["status"] == "sent" and by_report["accounting"]["attempts"] == 2, by_report["accounting"]
accepted = [e for e in log if e["status"] == "accepted"]
rejected = [e for e in log if e["status"] == "rejected"]
# The run failed (cfo refused), so its owner was told: one notice, after the reports (cli/notices.hpp).
notices = [e for e in accepted if e["message_id"] not in {d["message_id"] for d in audit}]
assert len(notices) == 1 and accepted[-1] == notices[0], notices
accepted = accepted[:-1]
assert [e["code"] for e in rejected] == [451, 454, 550, 421], [e["code"] for e in rejected]
assert len(accepted) == 7, len(accepted)
assert all(e["tls"] and e["user"] == "qd-reports" for e in log), "every session used STARTTLS and AUTH"
sent_ids = sorted(d["message_id"] for d in audit if d["status"] == "sent")
assert sorted(e["message_id"] for e in accepted) == sent_ids, "the server got exactly the sent messages"
for e in accepted:
    d = next(d for d in audit if d["message_id"] == e["message_id"])
    assert sorted(e["rcpt_to"]) == sorted(d["to"] + d["cc"] + d["bcc"]), (e["rcpt_to"], d)
print("smtp: retried 451/454/421, rejected 550, 7 accepted over STARTTLS+AUTH, audit matches")
PY
grep -q "550" "$work/audit.json" || { echo "the rejection reason is not recorded"; exit 1; }
if grep -rqF 's3cret-Pa55' "$work/run.out" "$work/run.err" "$work/audit.json"; then echo "password leaked"; exit 1; fi

# A rejected message is never retried: resuming sends nothing.
before=$(grep -c accepted "$work/sink/log.jsonl")
"$bin" send "$work/pf" --resume --transport smtp --smtp-url "smtp://127.0.0.1:$SMTP_PORT" >"$work/resume.out" 2>&1 || true
after=$(grep -c accepted "$work/sink/log.jsonl")
[[ $before -eq $after ]] || { echo "resume sent a rejected message again"; cat "$work/resume.out"; exit 1; }

# 2. Wrong password: permanent, reported once per message, never retried.
export SMTP_PASSWORD=wrong
fresh_portfolio
set +e
"$bin" run "$work/pf" --as-of 2026-11-16 --transport smtp --smtp-url "smtp://127.0.0.1:$SMTP_PORT" --only ceo \
  >"$work/auth.out" 2>&1
code=$?
set -e
[[ $code -eq 1 ]] && grep -q "authentication failed" "$work/auth.out" || { echo "bad password not reported"; cat "$work/auth.out"; exit 1; }
grep -q "rejected" "$work/auth.out" || { cat "$work/auth.out"; exit 1; }
export SMTP_PASSWORD='s3cret-Pa55'

# 3. A message over the server's size limit is refused for good.
start_smtp_sink "$work/small" --tls-key "$work/key.pem" --tls-cert "$work/cert.pem" --auth "qd-reports:s3cret-Pa55" --size 4000
fresh_portfolio
set +e
"$bin" run "$work/pf" --as-of 2026-11-16 --transport smtp --smtp-url "smtp://127.0.0.1:$SMTP_PORT" --only ceo \
  >"$work/size.out" 2>&1
code=$?
set -e
[[ $code -eq 1 ]] && grep -q "552" "$work/size.out" || { echo "size limit not reported"; cat "$work/size.out"; exit 1; }

# 4. Nothing listening: the check before sending says so, and nothing is planned.
fresh_portfolio
set +e
"$bin" run "$work/pf" --as-of 2026-11-16 --transport smtp --smtp-url "smtp://127.0.0.1:9" >"$work/down.out" 2>&1
code=$?
set -e
[[ $code -eq 2 ]] && grep -q "does not answer" "$work/down.out" && [[ ! -e "$work/pf/.quarterdeck/state.db" ]] || {
  echo "unreachable server not reported up front"; cat "$work/down.out"; exit 1; }
echo "smtp: wrong password and size limit rejected, unreachable server caught before sending"
