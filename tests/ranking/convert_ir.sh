#!/usr/bin/env bash
# Checks scripts/convert_ir.py: byte-for-byte on our own small fixtures (always), then on the real
# collections in ../shared/data/ir when present (published counts, and CACM/MED qrels equal to
# the ones trec_eval's reference values were computed with).
# Usage: convert_ir.sh SOURCE_DIR SHARED_DIR TMP_DIR
set -euo pipefail
source_dir=${1:?source dir}
shared_dir=${2:?shared dir}
tmp_base=${3:-${TMPDIR:-/tmp}}
mkdir -p "$tmp_base"
work=$(mktemp -d "$tmp_base/convert_ir.XXXXXX")
trap 'rm -rf "$work"' EXIT
convert="$source_dir/scripts/convert_ir.py"
fixtures="$source_dir/tests/ranking/fixtures"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# 1. Fixtures: the format quirks (CACM's empty `.I 0` and "01" qids, CRAN's positional qids,
#    repeated title and Cleverdon grades, NPL's missing last '/', LISA's split files).
if python3 "$convert" --no-count-check "$fixtures/ir" "$work/fixtures" cacm cran npl lisa \
    > "$work/fixtures.log"; then
    diff -r "$fixtures/expected" "$work/fixtures" || fail "fixture output differs from expected"
else
    cat "$work/fixtures.log"; fail "convert_ir.py failed on the fixtures"
fi

# 2. A qrels line naming an unknown query and document must fail the conversion.
cp -r "$fixtures/ir/cacm" "$work/broken"
printf '03 9  0 0\n' >> "$work/broken/qrels.text"
mkdir -p "$work/bad-src" && mv "$work/broken" "$work/bad-src/cacm"
set +e
python3 "$convert" --no-count-check "$work/bad-src" "$work/bad-out" cacm > "$work/bad.log" 2>&1
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "unknown qrels ids: exit $rc, expected 1"
grep -q "unknown queries \['3'\]" "$work/bad.log" || fail "unknown query not reported"
grep -q "unknown documents \['9'\]" "$work/bad.log" || fail "unknown document not reported"

# 3. The real collections.
if [ ! -d "$shared_dir/data/ir" ]; then
    echo "SKIPPED: $shared_dir/data/ir not found (real collections not checked)"
else
    if python3 "$convert" "$shared_dir/data/ir" "$work/ir"; then
        for c in cacm med; do
            ref="$shared_dir/data/trec_eval/$c/qrels.txt"
            [ -f "$ref" ] || continue
            cmp -s <(sort "$ref") <(sort "$work/ir/$c/qrels.txt") ||
                fail "$c qrels differ from $ref"
        done
    else
        fail "convert_ir.py: counts or consistency checks failed on $shared_dir/data/ir"
    fi
fi

[ "$failures" -eq 0 ] && echo "convert_ir: all checks passed"
[ "$failures" -eq 0 ]
