#!/bin/sh
# Rewrites the chart goldens (revenue-vs-target.png and .pdf) from the
# current drawing code; look at the images before committing them.
#   tests/golden/charts/update.sh [path/to/unit_tests]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../../build-asan/tests/unit_tests}
QD_UPDATE_GOLDENS=1 "$bin" --gtest_filter='ChartRender.*'
