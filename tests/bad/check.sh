#!/usr/bin/env bash
# Bad-input tests: each case breaks one thing in a copy of the reference
# portfolio; `quarterdeck run` must exit 2, print exactly
# tests/bad/CASE.expected on stderr, and deliver nothing (no store, no outbox).
#   check.sh QUARTERDECK            compare
#   check.sh QUARTERDECK --update   rewrite the .expected files (review the diff)
set -euo pipefail
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Environment variables that would hide a missing credential.
unset SES_FROM_ADDRESS RECIPIENT_EMAIL SES_REGION AWS_REGION AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY SMTP_URL

break_portfolio() {  # CASE DIR
  local pf=$2
  case "$1" in
    malformed-toml)   sed -i 's/^currency = "USD"/currency = "USD/' "$pf/portfolio.toml" ;;
    unknown-key)      sed -i 's/^timezone = /timezon = /' "$pf/portfolio.toml" ;;
    missing-data-file) rm "$pf/data/channels.csv" ;;
    missing-credential) sed -i '/^SES_FROM_ADDRESS=/d' "$pf/repos.env" ;;
    ses-without-keys)
      sed -i 's/^transport = "outbox"/transport = "ses"/' "$pf/portfolio.toml"
      sed -i '/^AWS_/d;/^SES_REGION/d' "$pf/repos.env" ;;
    bad-csv-value)    sed -i '2s/,2450.00,/,24x0.00,/' "$pf/data/bookings.csv" ;;
    *) echo "unknown case $1"; exit 1 ;;
  esac
}

status=0
for case_name in malformed-toml unknown-key missing-data-file missing-credential ses-without-keys bad-csv-value; do
  pf="$work/$case_name"
  "$root/tests/tools/copy-portfolio" "$root/examples/portfolio" "$pf"
  break_portfolio "$case_name" "$pf"
  set +e
  (cd "$work" && "$bin" run "$case_name" --as-of 2026-11-16) >"$work/$case_name.out" 2>"$work/$case_name.err"
  code=$?
  set -e
  if [[ "${2:-}" == "--update" ]]; then
    cp "$work/$case_name.err" "$here/$case_name.expected"
    continue
  fi
  if [[ $code -ne 2 ]]; then
    echo "bad-input $case_name: exit $code, expected 2"; status=1
  fi
  if ! diff -u "$here/$case_name.expected" "$work/$case_name.err"; then
    echo "bad-input $case_name: stderr differs from tests/bad/$case_name.expected"; status=1
  fi
  if [[ -e "$pf/.quarterdeck" ]]; then
    echo "bad-input $case_name: something was written to .quarterdeck/ (store or outbox)"; status=1
  fi
  if [[ -s "$work/$case_name.out" ]]; then
    echo "bad-input $case_name: printed on stdout:"; cat "$work/$case_name.out"; status=1
  fi
done
[[ $status -eq 0 ]] && echo "bad-input: 6 cases rejected with the expected messages, nothing delivered"
exit $status
