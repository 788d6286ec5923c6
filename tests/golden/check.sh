#!/usr/bin/env bash
# Golden-file test: the eight reports of the reference portfolio in text
# (wrapped at 76 columns), JSON and Markdown must equal the files kept here:
#   reference/  as of 2026-11-16, with no earlier run to compare with;
#   weekly/     as of 2026-11-16 after a run as of 2026-11-09 (planned, not
#               sent): what changed since, KPI by KPI and finding by finding;
#   second/     the second test portfolio (tests/portfolios/second: another
#               industry, its own data problems) as of 2026-11-16;
#   third/      the third (tests/portfolios/third: a seasonal business closed
#               for the winter, a retail shop, a subscription) as of 2027-02-15.
#   check.sh QUARTERDECK            compare
#   check.sh QUARTERDECK --update   rewrite both (review the diff)
set -euo pipefail
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# A copy, so the test never writes into the example.
"$root/tests/tools/copy-portfolio" "$root/examples/portfolio" "$out/portfolio"
"$bin" generate "$out/portfolio" --as-of 2026-11-16 --out "$out/reference" --format text,json,markdown >/dev/null
"$bin" run "$out/portfolio" --as-of 2026-11-09 --plan-only >/dev/null
"$bin" generate "$out/portfolio" --as-of 2026-11-16 --out "$out/weekly" --format text,json,markdown >/dev/null
"$root/tests/tools/copy-portfolio" "$root/tests/portfolios/second" "$out/second-portfolio"
"$bin" generate "$out/second-portfolio" --as-of 2026-11-16 --out "$out/second" --format text,json,markdown >/dev/null
"$root/tests/tools/copy-portfolio" "$root/tests/portfolios/third" "$out/third-portfolio"
"$bin" validate "$out/third-portfolio" >/dev/null
"$bin" generate "$out/third-portfolio" --as-of 2027-02-15 --out "$out/third" --format text,json,markdown >/dev/null

status=0
for set in reference weekly second third; do
  if [[ "${2:-}" == "--update" ]]; then
    rm -rf "${here:?}/$set"
    mkdir -p "$here/$set"
    cp "$out/$set/"* "$here/$set/"
    echo "golden: rewrote $(ls "$here/$set" | wc -l) files in tests/golden/$set"
    continue
  fi
  for expected in "$here/$set/"*; do
    name=$(basename "$expected")
    if ! diff -u "$expected" "$out/$set/$name" >"$out/diff" 2>&1; then
      echo "golden: $name differs from tests/golden/$set/$name:"
      head -60 "$out/diff"
      status=1
    fi
  done
  count_expected=$(ls "$here/$set" | wc -l)
  count_actual=$(ls "$out/$set" | wc -l)
  if [[ "$count_expected" != "$count_actual" ]]; then
    echo "golden: $set: expected $count_expected files, generated $count_actual"
    status=1
  fi
  [[ $status -eq 0 ]] && echo "golden: $set: $count_actual reports match (make golden regenerates them)"
done
exit $status
