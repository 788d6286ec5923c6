#!/usr/bin/env bash
# Fuzzes each target with AFL++ for a bounded time (FUZZ_SECONDS each,
# default 120) and fails if AFL found any crash or sanitizer report.
#   fuzz/run.sh BUILD_DIR [TARGET...]     (default: journal scan handoffs csv)
# TARGET_fuzz is the binary and fuzz/TARGET-corpus the seed inputs.
set -euo pipefail
build=$(realpath "$1")
shift
targets=("${@:-journal scan handoffs csv}")
read -r -a targets <<< "${targets[*]}"
here=$(cd "$(dirname "$0")" && pwd)
seconds=${FUZZ_SECONDS:-120}
export AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
export ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1
status=0
for target in "${targets[@]}"; do
  out="$build/fuzz-out-$target"
  rm -rf "$out"
  echo "fuzz: $target for ${seconds}s (AFL++; inputs in $here/$target-corpus)"
  afl-fuzz -V "$seconds" -t 5000 -m none -i "$here/$target-corpus" -o "$out" -- "$build/${target}_fuzz" \
    >"$build/fuzz-$target.log" 2>&1 || { tail -30 "$build/fuzz-$target.log"; exit 1; }
  crashes=$(find "$out/default/crashes" -type f ! -name README.txt 2>/dev/null | wc -l)
  hangs=$(find "$out/default/hangs" -type f 2>/dev/null | wc -l)
  execs=$(sed -n 's/^execs_done *: *//p' "$out/default/fuzzer_stats")
  paths=$(sed -n 's/^corpus_count *: *//p' "$out/default/fuzzer_stats")
  echo "fuzz: $target: $execs executions, $paths inputs in the queue, $crashes crashes, $hangs hangs"
  if [[ $crashes -gt 0 ]]; then
    echo "fuzz: crashing inputs are in $out/default/crashes"; status=1
  fi
done
exit $status
