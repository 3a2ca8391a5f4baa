#!/usr/bin/env bash
# Builds (if needed) and runs the whole test suite with ctest.
#   scripts/test.sh            Release build in build/release (build/ci with -Werror when CI=true)
#   scripts/test.sh dev        Debug build with ASan and UBSan
# Extra arguments after the preset go to ctest, e.g. scripts/test.sh release -R e2e
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-}
if [ -z "$preset" ]; then
    if [ "${CI:-}" = "true" ]; then preset=ci; else preset=release; fi
fi
shift || true
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset" -j2 "$@"
