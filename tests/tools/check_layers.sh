#!/usr/bin/env bash
# Dependencies point one way (docs/architecture.md): util knows no domain;
# model, ingest and analyze never include render, deliver, store or cli.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root/src"
status=0
check() {  # FOLDERS PATTERN WHY
  local hits
  hits=$(grep -rnE "#include \"($2)/" $1 || true)
  if [[ -n "$hits" ]]; then echo "layering: $3:"; echo "$hits"; status=1; fi
}
check "util" "model|config|ingest|scan|analyze|render|deliver|store|tasks|schedule|web|integrate|cli" "util includes domain code"
check "model" "config|ingest|analyze|render|deliver|store|cli" "model reaches up"
check "config ingest" "scan|analyze|render|deliver|store|cli" "config/ingest reach up"
check "scan" "analyze|render|deliver|store|cli" "scan reaches up"
check "analyze" "scan|render|deliver|store|cli" "analyze reaches into scan/render/deliver/store/cli"
check "render deliver store" "cli" "a library layer includes cli"
check "store" "tasks" "store includes tasks"
check "tasks" "analyze|render|deliver|cli" "tasks reaches into analyze/render/deliver/cli"
check "model config ingest scan analyze render deliver store" "integrate" "a lower layer includes integrate"
check "integrate" "cli|analyze|render|scan|ingest" "integrate reaches beyond util, model, config, deliver and store"
[[ $status -eq 0 ]] && echo "layering: dependencies point one way"
exit $status
