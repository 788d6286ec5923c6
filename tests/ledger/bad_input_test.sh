#!/usr/bin/env bash
# One journal per error kind a bookkeeper meets: `quarterdeck ledger
# balance` must exit 2 and print exactly NAME.expected (file:line:column,
# what was expected, what was found). Files named strict-* run with --strict.
#   bad_input_test.sh QUARTERDECK [--update]
set -euo pipefail
bin=$(realpath "$1")
cd "$(dirname "$0")/bad"
status=0
count=0
for journal in *.journal; do
  name=${journal%.journal}
  flags=()
  [[ $name == strict-* ]] && flags=(--strict)
  set +e
  "$bin" ledger balance "$journal" "${flags[@]}" >/tmp/qd-bad-out.$$ 2>/tmp/qd-bad-err.$$
  code=$?
  set -e
  count=$((count + 1))
  if [[ "${2:-}" == "--update" ]]; then
    cp /tmp/qd-bad-err.$$ "$name.expected"
    continue
  fi
  if [[ $code -ne 2 ]]; then echo "$journal: exit $code, expected 2"; status=1; fi
  if ! diff -u "$name.expected" /tmp/qd-bad-err.$$; then echo "$journal: message differs"; status=1; fi
  if [[ -s /tmp/qd-bad-out.$$ ]]; then echo "$journal: printed a balance despite the error"; status=1; fi
done
rm -f /tmp/qd-bad-out.$$ /tmp/qd-bad-err.$$
[[ $status -eq 0 ]] && echo "journal bad input: $count error kinds reported with their line"
exit $status
