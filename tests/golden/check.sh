#!/usr/bin/env bash
# Golden-file test: the eight reports of the reference portfolio, as of a
# pinned date, in text and JSON, must equal tests/golden/reference/.
#   check.sh QUARTERDECK            compare
#   check.sh QUARTERDECK --update   rewrite the reference (review the diff)
set -euo pipefail
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
as_of=2026-11-16
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# A copy, so the test never writes into the example.
cp -r "$root/examples/portfolio" "$out/portfolio"
rm -rf "$out/portfolio/.quarterdeck"
"$bin" generate "$out/portfolio" --as-of "$as_of" --out "$out/reports" --format text,json >/dev/null

if [[ "${2:-}" == "--update" ]]; then
  rm -rf "$here/reference"
  mkdir -p "$here/reference"
  cp "$out/reports/"* "$here/reference/"
  echo "golden: rewrote $(ls "$here/reference" | wc -l) files in tests/golden/reference"
  exit 0
fi

status=0
for expected in "$here/reference/"*; do
  name=$(basename "$expected")
  if ! diff -u "$expected" "$out/reports/$name" >"$out/diff" 2>&1; then
    echo "golden: $name differs from tests/golden/reference/$name:"
    head -60 "$out/diff"
    status=1
  fi
done
count_expected=$(ls "$here/reference" | wc -l)
count_actual=$(ls "$out/reports" | wc -l)
if [[ "$count_expected" != "$count_actual" ]]; then
  echo "golden: expected $count_expected files, generated $count_actual"
  status=1
fi
if [[ $status -eq 0 ]]; then
  echo "golden: $count_actual reports match (make golden regenerates them)"
fi
exit $status
