#!/usr/bin/env bash
# `quarterdeck scan` as a person or a CI job runs it, on the example
# portfolio's fixture repositories (built by scripts/build-fixture-repos):
# the exact findings with --history, exit statuses for --fail-on, a baseline
# round trip, SARIF, no secret in any output, and bad input.
set -euo pipefail
qd=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root/examples/portfolio"

status=0
"$qd" scan repos/* --history --format json > "$work/scan.json" || status=$?
[[ $status -eq 1 ]] || { echo "expected exit 1 with findings, got $status"; exit 1; }
/usr/bin/python3 - "$work/scan.json" "$root/tests/scan/expected-findings.txt" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
got = "".join(f"{f['severity']} {f['rule']} {f['path']}:{f['line']} {'tree' if f['in_tree'] else 'history'} "
              f"{(f['commit'] or '-')[:12]}\n" for f in doc["findings"])
want = open(sys.argv[2]).read()
if got != want:
    sys.exit("findings differ from tests/scan/expected-findings.txt:\n" + got)
PY

# No output form carries a secret: every planted value is looked for.
secrets=$(grep -rhoE 'sk_live_[0-9A-Za-z]{24,}|AKIA[A-Z2-7]{16}|SG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}|AIza[0-9A-Za-z_-]{35}|hooks\.slack\.com/services/[^"[:space:]]+' "$root/examples/portfolio/repo-fixtures" | sort -u)
[[ -n "$secrets" ]] || { echo "no planted secrets found in the fixtures"; exit 1; }
"$qd" scan repos/* --history --format text > "$work/scan.txt" || true
"$qd" scan repos/* --history --format sarif > "$work/scan.sarif" || true
while read -r s; do
  if grep -qF -- "$s" "$work/scan.json" "$work/scan.txt" "$work/scan.sarif"; then
    echo "a secret appears in the output: ${s:0:8}…"; exit 1
  fi
done <<< "$secrets"

/usr/bin/python3 - "$work/scan.sarif" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["version"] == "2.1.0"
run = doc["runs"][0]
rules = run["tool"]["driver"]["rules"]
for r in run["results"]:
    assert rules[r["ruleIndex"]]["id"] == r["ruleId"], r
    assert r["level"] in ("error", "warning", "note"), r
    assert r["partialFingerprints"]["quarterdeck/v1"], r
PY

# --fail-on: the scan fails only at or above the given severity.
"$qd" scan repos/queenofsandiego-site --fail-on critical > /dev/null || { echo "high findings failed --fail-on critical"; exit 1; }
status=0; "$qd" scan repos/jada-site --fail-on critical > /dev/null || status=$?
[[ $status -eq 1 ]] || { echo "critical findings passed --fail-on critical"; exit 1; }
"$qd" scan repos/jada-site --fail-on none > /dev/null

# Baseline: what is accepted today does not fail tomorrow.
"$qd" scan repos/* --history --write-baseline "$work/baseline.json" --fail-on none > /dev/null
"$qd" scan repos/* --history --baseline "$work/baseline.json" > "$work/after.txt"
grep -q "; 0 findings; .*12 in the baseline" "$work/after.txt" || { cat "$work/after.txt"; echo "baseline not applied"; exit 1; }

# Bad input: exit 2 and a message that says where.
printf '[[rule]]\nid = "x"\nfamily = "y"\nregex = "(open"\n' > "$work/bad.toml"
status=0; "$qd" scan repos/jada-site --rules "$work/bad.toml" 2> "$work/err" > /dev/null || status=$?
[[ $status -eq 2 ]] || { echo "bad rules: expected exit 2, got $status"; exit 1; }
grep -qF "bad.toml:4:9: rule \`x\`: invalid regex: expected an RE2 pattern, found missing ): (open" "$work/err" ||
  { cat "$work/err"; exit 1; }
status=0; "$qd" scan no-such-dir 2> "$work/err" > /dev/null || status=$?
[[ $status -eq 2 ]] && grep -qF "no-such-dir: no such file or directory" "$work/err" || { cat "$work/err"; exit 1; }
echo "scan: findings, exit statuses, baseline, SARIF and bad input as expected"
