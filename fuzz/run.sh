#!/usr/bin/env bash
# Fuzzes the journal reader with AFL++ for a bounded time (FUZZ_SECONDS,
# default 120) and fails if AFL found any crash or sanitizer report.
#   fuzz/run.sh BUILD_DIR
set -euo pipefail
build=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
seconds=${FUZZ_SECONDS:-120}
out="$build/fuzz-out"
rm -rf "$out"
export AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
export ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1
echo "fuzz: journal reader for ${seconds}s (AFL++; inputs in $here/corpus)"
afl-fuzz -V "$seconds" -m none -i "$here/corpus" -o "$out" -- "$build/journal_fuzz" >"$build/fuzz.log" 2>&1 || {
  tail -30 "$build/fuzz.log"; exit 1; }
crashes=$(find "$out/default/crashes" -type f ! -name README.txt 2>/dev/null | wc -l)
hangs=$(find "$out/default/hangs" -type f 2>/dev/null | wc -l)
execs=$(sed -n 's/^execs_done *: *//p' "$out/default/fuzzer_stats")
paths=$(sed -n 's/^corpus_count *: *//p' "$out/default/fuzzer_stats")
echo "fuzz: $execs executions, $paths inputs in the queue, $crashes crashes, $hangs hangs"
if [[ $crashes -gt 0 ]]; then
  echo "fuzz: crashing inputs are in $out/default/crashes"; exit 1
fi
