#!/usr/bin/env bash
# Every report document `generate --format json` writes, for the reference
# portfolio at two as-of dates and compared with an earlier run, and for the
# third test portfolio (seasons, a shop, a subscription: statuses such as
# `out_of_season`), validates against docs/report.schema.json.
set -euo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/tests/tools/copy-portfolio" "$root/examples/portfolio" "$work/portfolio"
for as_of in 2026-11-16 2026-03-02; do
  "$bin" generate "$work/portfolio" --as-of "$as_of" --format json --out "$work/$as_of" >/dev/null
done
rm -rf "$work/portfolio/.quarterdeck"
"$bin" run "$work/portfolio" --as-of 2026-11-09 --plan-only >/dev/null
"$bin" generate "$work/portfolio" --as-of 2026-11-16 --format json --out "$work/weekly" >/dev/null
grep -q '"previous_as_of": "2026-11-09"' "$work/weekly/ceo.json" || { echo "no comparison in the weekly run"; exit 1; }
"$root/tests/tools/copy-portfolio" "$root/tests/portfolios/third" "$work/third-portfolio"
"$bin" generate "$work/third-portfolio" --as-of 2027-02-15 --format json --out "$work/third" >/dev/null
grep -q '"out_of_season"' "$work/third/cfo.json" || { echo "no KPI out of season in the third portfolio"; exit 1; }
/usr/bin/python3 "$root/tests/tools/validate_schema.py" "$root/docs/report.schema.json" "$work"/*/*.json
