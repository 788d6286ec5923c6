#!/usr/bin/env bash
# Side by side with ledger and hledger: seeded journals of 10 to 10,000
# transactions, every balance identical, with date ranges and depth too.
set -euo pipefail
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for spec in 10:1 100:2 1000:3 10000:4 2500:5; do
  count=${spec%%:*}
  seed=${spec##*:}
  dir="$work/j$count-$seed"
  /usr/bin/python3 "$here/gen_journal.py" "$dir" "$count" "$seed"
  /usr/bin/python3 "$here/compare.py" "$bin" "$dir/main.journal"
done
dir="$work/j2500-5"
/usr/bin/python3 "$here/compare.py" "$bin" "$dir/main.journal" --begin 2025-09-01 --end 2026-03-01
/usr/bin/python3 "$here/compare.py" "$bin" "$dir/main.journal" --end 2025-06-15
/usr/bin/python3 "$here/compare.py" "$bin" "$dir/main.journal" --depth 2
/usr/bin/python3 "$here/compare.py" "$bin" "$dir/main.journal" --depth 1 --begin 2026-01-01
# By cleared/pending mark: postings carry their own or their transaction's.
/usr/bin/python3 "$here/compare.py" "$bin" "$dir/main.journal" --cleared
/usr/bin/python3 "$here/compare.py" "$bin" "$dir/main.journal" --pending
/usr/bin/python3 "$here/compare.py" "$bin" "$dir/main.journal" --uncleared --begin 2025-09-01
# And the reference portfolio's own books.
/usr/bin/python3 "$here/compare.py" "$bin" "$here/../../examples/portfolio/data/books.journal"
