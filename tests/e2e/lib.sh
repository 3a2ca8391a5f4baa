# Shared helpers for the end-to-end tests: each test sources this, gets its own temp folder and
# runs the real binaries ($DOSSIER_INDEX, $DOSSIER_QUERY, set by ctest).
set -euo pipefail
: "${DOSSIER_INDEX:?run through ctest}" "${DOSSIER_QUERY:?run through ctest}"
: "${DOSSIER_SOURCE_DIR:?run through ctest}" "${DOSSIER_SHARED_DIR:=$DOSSIER_SOURCE_DIR/../shared}"
base_tmp="${DOSSIER_TEST_TMP:-${TMPDIR:-/tmp}}"
mkdir -p "$base_tmp"
work=$(mktemp -d "$base_tmp/e2e.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
checks=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { checks=$((checks + 1)); }
check() {  # check "description" command...
    local what=$1; shift
    if "$@"; then pass; else fail "$what"; fi
}
skip() { echo "SKIPPED: $*"; exit 77; }
finish() {
    echo "$checks checks passed, $failures failed"
    [ "$failures" -eq 0 ]
}
# run_status VAR command...: runs, stores the exit code in VAR, never aborts the test.
run_status() {
    local __var=$1; shift
    set +e; "$@"; local __rc=$?; set -e
    printf -v "$__var" '%s' "$__rc"
}
# jq-like reads with python: json_get FILE EXPR (EXPR is Python over `d`, the parsed JSON; for
# a .jsonl file, `d` is the list of its lines).
json_get() {
    python3 - "$1" "$2" <<'PY'
import json, sys
path, expr = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
if path.endswith(".jsonl"):
    d = [json.loads(l) for l in text.splitlines() if l.strip()]
else:
    d = json.loads(text)
v = eval(expr)
print(json.dumps(v) if isinstance(v, (list, dict, bool)) or v is None else v)
PY
}
