#!/usr/bin/env bash
# Every report document `generate --format json` writes, for the reference
# portfolio and at two as-of dates, validates against docs/report.schema.json.
set -euo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/examples/portfolio" "$work/portfolio"
for as_of in 2026-11-16 2026-03-02; do
  "$bin" generate "$work/portfolio" --as-of "$as_of" --format json --out "$work/$as_of" >/dev/null
done
/usr/bin/python3 "$root/tests/tools/validate_schema.py" "$root/docs/report.schema.json" "$work"/*/*.json
