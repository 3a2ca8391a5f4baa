#!/usr/bin/env bash
# dossier-query eval end to end, the regression-testing job of the design: a saved baseline shows
# per-query deltas and exits 1 when the corpus change drops a measure; a top-k snapshot exits 1
# when a list changed and 0 once --update accepted it; --score-run scores an existing run exactly
# as trec_eval 10.0 did (../shared/data/trec_eval, skipped when absent).
source "$(dirname "$0")/lib.sh"
corpus="$work/corpus"
db="$work/db"
cp -r "$DOSSIER_SOURCE_DIR/corpus/articles" "$corpus"
"$DOSSIER_INDEX" build "$corpus" --db "$db" --actors none --quiet 2> /dev/null

# Our own judged queries on the team's sample articles: one relevant article each.
printf '%s\t%s\n' \
    1 "trilateral military exercises with Japan and South Korea" \
    2 "satellite data on ships in the Indian Ocean" \
    3 "transits of the Taiwan Strait" > "$work/topics.tsv"
printf '%s\n' \
    "1 0 2023-08-19-camp-david-trilateral.txt 1" \
    "2 0 2025-03-14-quad-maritime.txt 1" \
    "3 0 2026-02-05-taiwan-strait-briefing.txt 1" > "$work/qrels.txt"
evaluate() {  # evaluate ARGS...: eval on our topics, qrels and database
    "$DOSSIER_QUERY" eval --topics "$work/topics.tsv" --qrels "$work/qrels.txt" --db "$db" "$@"
}

# 1. A baseline: saved, then compared with an unchanged index (exit 0, nothing changed).
run_status rc evaluate --save-baseline "$work/base.json" --format json > "$work/first.json"
check "eval exits 0" [ "$rc" = 0 ]
check "each relevant article first" [ "$(json_get "$work/first.json" 'd["metrics"]["recip_rank"]')" = 1.0 ]
check "baseline saved with per-query values" \
    [ "$(json_get "$work/base.json" 'sorted(d["per_query"])')" = '["1", "2", "3"]' ]
run_status rc evaluate --baseline "$work/base.json" > "$work/same.txt"
check "unchanged index: exit 0" [ "$rc" = 0 ]
check "unchanged index: no query changed" grep -q "^0 of 3 queries changed" "$work/same.txt"
check "unchanged index: verdict OK" grep -q "^OK: no measure dropped" "$work/same.txt"

# 2. A top-k snapshot of the same run: recorded, then checked (exit 0).
run_status rc evaluate --snapshot "$work/top.json" --snapshot-k 3 --update > /dev/null 2>&1
check "snapshot recorded" [ "$rc" = 0 ]
check "snapshot has the 3 queries" [ "$(json_get "$work/top.json" 'len(d)')" = 3 ]
run_status rc evaluate --snapshot "$work/top.json" --snapshot-k 3 --check > "$work/snap1.txt"
check "snapshot unchanged: exit 0" [ "$rc" = 0 ]
check "snapshot unchanged: says so" grep -q "^no changes (3 queries)" "$work/snap1.txt"

# 3. The corpus loses the article that answers query 2: the baseline comparison shows that
#    query's drop and exits 1; so does the snapshot check.
rm "$corpus/2025-03-14-quad-maritime.txt"
"$DOSSIER_INDEX" build "$corpus" --db "$db" --actors none --quiet 2> /dev/null
run_status rc evaluate --baseline "$work/base.json" > "$work/drop.txt"
check "drop: exit 1" [ "$rc" = 1 ]
check "drop: verdict names the measures" grep -q "^REGRESSION: map, ndcg_cut_10" "$work/drop.txt"
check "drop: one query changed" grep -q "^1 of 3 queries changed" "$work/drop.txt"
check "drop: query 2 lost everything" \
    grep -Eq '^2 +-1\.0000 +-1\.0000 +-0\.1000 +-1\.0000 +-1\.0000$' "$work/drop.txt"
run_status rc evaluate --baseline "$work/base.json" --format json > "$work/drop.json"
check "drop json: exit 1" [ "$rc" = 1 ]
check "drop json: regressed" [ "$(json_get "$work/drop.json" 'd["regressed"]')" = true ]
check "drop json: worst query first" [ "$(json_get "$work/drop.json" 'd["per_query"][0]["qid"]')" = 2 ]
check "drop json: its ndcg delta" \
    [ "$(json_get "$work/drop.json" 'd["per_query"][0]["delta"]["ndcg_cut_10"]')" = -1.0 ]
run_status rc evaluate --baseline "$work/base.json" --tolerance 1 > /dev/null
check "a drop within --tolerance: exit 0" [ "$rc" = 0 ]

run_status rc evaluate --snapshot "$work/top.json" --snapshot-k 3 --check > "$work/snap2.txt"
check "snapshot changed: exit 1" [ "$rc" = 1 ]
check "snapshot changed: the lost article is listed" \
    grep -q "^2:.* -2025-03-14-quad-maritime.txt" "$work/snap2.txt"
run_status rc evaluate --snapshot "$work/top.json" --snapshot-k 3 --update > /dev/null 2>&1
check "snapshot --update: exit 0" [ "$rc" = 0 ]
run_status rc evaluate --snapshot "$work/top.json" --snapshot-k 3 --check > "$work/snap3.txt"
check "snapshot after --update: exit 0" [ "$rc" = 0 ]
check "snapshot after --update: no changes" grep -q "^no changes" "$work/snap3.txt"

# 4. Pseudo-relevance feedback runs in both commands.
run_status rc evaluate --expand --format json > "$work/expand.json"
check "eval --expand: exit 0" [ "$rc" = 0 ]
check "eval --expand: still finds query 1" \
    [ "$(json_get "$work/expand.json" 'd["per_query"]["1"]["recip_rank"]')" = 1.0 ]
run_status rc "$DOSSIER_QUERY" --db "$db" --expand --format jsonl "Taiwan Strait" > "$work/x.jsonl"
check "dossier-query --expand: exit 0" [ "$rc" = 0 ]
check "dossier-query --expand: the briefing first" \
    [ "$(json_get "$work/x.jsonl" 'd[0]["article_id"]')" = 2026-02-05-taiwan-strait-briefing.txt ]

# 5. --score-run equals what trec_eval 10.0 printed for the shared CACM run, every query and
#    every measure to 4 decimals.
trec="$DOSSIER_SHARED_DIR/data/trec_eval"
if [ -f "$trec/expected.json" ]; then
    run_status rc "$DOSSIER_QUERY" eval --score-run "$trec/cacm/run.xapian_bm25.txt" \
        --qrels "$trec/cacm/qrels.txt" --format json > "$work/cacm.json"
    check "score-run: exit 0" [ "$rc" = 0 ]
    check "score-run equals trec_eval on cacm" python3 - "$trec/expected.json" "$work/cacm.json" <<'PY'
import json, sys
expected = json.load(open(sys.argv[1]))["cases"]["cacm"]
got = json.load(open(sys.argv[2]))
bad = []
for measure, value in expected["all"].items():
    if f"{got['metrics'][measure]:.4f}" != value:
        bad.append(f"all {measure}: {got['metrics'][measure]:.4f} != {value}")
if sorted(got["per_query"]) != sorted(expected["per_query"]):
    bad.append("different queries")
for qid, values in expected["per_query"].items():
    for measure, value in values.items():
        mine = got["per_query"].get(qid, {}).get(measure)
        if mine is None or f"{mine:.4f}" != value:
            bad.append(f"query {qid} {measure}: {mine} != {value}")
print("\n".join(bad[:10]), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
else
    echo "SKIPPED: $trec not found (--score-run against trec_eval not checked)"
fi
finish
