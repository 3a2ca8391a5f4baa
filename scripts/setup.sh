#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to ranked passages: installs the dependencies,
# builds in Release, fetches the State of the Union addresses, indexes the bundled corpus and runs
# an example query. Running it again is fast and harmless.
#   scripts/setup.sh              everything
#   scripts/setup.sh --deps-only  only the Debian packages (what CI needs before scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

deps_only=false
[ "${1:-}" = "--deps-only" ] && deps_only=true

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

packages=(build-essential cmake ninja-build pkg-config git ca-certificates
          libxapian-dev xapian-tools libcli11-dev libfmt-dev doctest-dev nlohmann-json3-dev
          python3 tmux less libreadline-dev help2man)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
$deps_only && exit 0

cmake --preset release >/dev/null
cmake --build --preset release
scripts/fetch-sotu.sh

db="${DOSSIER_DB:-$HOME/.local/share/dossier/db}"
build/release/indexer/dossier-index build --db "$db"
echo
echo "setup: example query against $db"
build/release/query/dossier-query --db "$db" -n 5 "Korean War"
