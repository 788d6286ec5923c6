#!/usr/bin/env bash
# SES v2 against the aws-ses-v2-local emulator (npm) on loopback: all eight
# reports arrive as Raw SendEmail requests signed with SigV4, each parsed by
# the emulator's real mail parser with the right subject, text and HTML
# parts, every inline image the HTML refers to (the portfolio's logo, the
# charts) found by the parser, and exactly the attachments the report's
# formats ask for (the reference portfolio asks for none: no JSON); Bcc
# never reaches the headers; the audit log holds the provider's message ids. The emulator does not check
# signatures (see tests/peers/README.md).
set -euo pipefail
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$here/peers.sh"
work=$(mktemp -d)
trap 'stop_peers; [[ -n "${KEEP:-}" ]] || rm -rf "$work"' EXIT
start_ses "$work/ses.log"

"$root/tests/tools/copy-portfolio" "$root/examples/portfolio" "$work/pf"
export SES_REGION=us-west-2 AWS_ACCESS_KEY_ID=AKIAQUARTERDECKTEST AWS_SECRET_ACCESS_KEY='test/Secret+Key0000000000000000000000000'
export AWS_ENDPOINT_URL_SESV2="$SES_URL"
"$bin" run "$work/pf" --as-of 2026-11-16 --transport ses >"$work/run.out" 2>"$work/run.err" || {
  cat "$work/run.out" "$work/run.err"; exit 1; }
grep -q "^8 sent, 0 already sent, 0 not sent" "$work/run.out" || { cat "$work/run.out"; exit 1; }
"$bin" audit "$work/pf" --format json >"$work/audit.json"
node "$peers_dir/ses_store.js" "$SES_URL" >"$work/store.json"
PYTHONPATH="$root/tests/tools" /usr/bin/python3 - "$work/audit.json" "$work/store.json" "$work/pf" <<'PY'
import json, os, re, sys
from mail_checks import expected_attachments, formats_by_report, logo_of
audit = json.load(open(sys.argv[1]))
store = json.load(open(sys.argv[2]))
formats = formats_by_report(sys.argv[3])
logo_size = os.path.getsize(logo_of(sys.argv[3]))
assert len(store) == 8, f"{len(store)} emails reached the emulator"
by_id = {e["message_id"]: e for e in store}
for d in audit:
    assert d["status"] == "sent", d
    email = by_id.get(d["provider_message_id"])
    assert email is not None, f"{d['report_id']}: provider id {d['provider_message_id']} not in the emulator's store"
    # The headline (docs/reports.md, "E-mail subject"): prefix, short name, date, decisions.
    assert re.match(r"\[Quarterdeck\] .+, 16 Nov: (no findings|no decisions this week|[1-5] decisions?)( — .+)?$",
                    email["subject"]), email["subject"]
    assert email["has_text"] and email["has_html"], d["report_id"]
    assert email["attachments"] == expected_attachments(formats[d["report_id"]], d["report_id"]), email["attachments"]
    assert not any(a.endswith(".json") for a in email["attachments"]), "a JSON attachment nobody asked for"
    # Every cid: of the HTML was an image part the parser found and inlined;
    # the logo is one of them.
    assert email["html_cids"] == [], email["html_cids"]
    assert email["inline"] and all(i["cid"] and i["content_type"] == "image/png" for i in email["inline"]), email["inline"]
    assert email["html_data_images"] >= len(email["inline"]), (email["html_data_images"], email["inline"])
    assert any(i["size"] == logo_size for i in email["inline"]), email["inline"]
    assert sorted(email["to"]) == sorted(d["to"]), (email["to"], d["to"])
    assert sorted(email["cc"]) == sorted(d["cc"]), (email["cc"], d["cc"])
    assert email["bcc"] == [], "a Bcc address reached the message headers"
    assert d["bcc"] == ["audit@example.com"], d["bcc"]
print("ses: 8 reports delivered through the SES v2 emulator; subjects, parts, inline images, attachments and recipients match")
PY
if grep -rqF 'test/Secret+Key' "$work/run.out" "$work/run.err" "$work/audit.json"; then echo "secret leaked"; exit 1; fi

# Missing credentials are found before anything is sent.
"$root/tests/tools/copy-portfolio" "$root/examples/portfolio" "$work/pf2"
sed -i '/^AWS_/d' "$work/pf2/repos.env"
set +e
env -u AWS_ACCESS_KEY_ID "$bin" run "$work/pf2" --as-of 2026-11-16 --transport ses >"$work/nokeys.out" 2>&1
code=$?
set -e
[[ $code -eq 2 ]] && grep -q "AWS_ACCESS_KEY_ID" "$work/nokeys.out" && [[ ! -e "$work/pf2/.quarterdeck/state.db" ]] || {
  echo "missing SES credentials not caught up front"; cat "$work/nokeys.out"; exit 1; }
echo "ses: missing credentials reported before sending"
