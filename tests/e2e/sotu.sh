#!/usr/bin/env bash
# The State of the Union corpus (fetched by scripts/fetch-sotu.sh): every address indexed, passages
# of readable size, dates as years, sort by date.
source "$(dirname "$0")/lib.sh"
sotu="$DOSSIER_SOURCE_DIR/corpus/fetched/sotu"
[ -f "$sotu/.complete" ] || skip "SOTU not fetched (scripts/fetch-sotu.sh)"
db="$work/db"
"$DOSSIER_INDEX" build "$sotu" --db "$db" --actors "$DOSSIER_SOURCE_DIR/corpus/actors.tsv" --json > "$work/summary.json"
check "233 addresses" [ "$(json_get "$work/summary.json" 'd["articles"]')" = 233 ]
check "no failures" [ "$(json_get "$work/summary.json" 'd["failed"]')" = 0 ]

"$DOSSIER_QUERY" --db "$db" --format jsonl --sort oldest -n 3 "Korean War" > "$work/kw.jsonl"
check "Korean War, oldest first, starts in the 1950s" [ "$(json_get "$work/kw.jsonl" 'd[0]["date"][:3]')" = 195 ]
check "year-only dates" [ "$(json_get "$work/kw.jsonl" 'all(len(h["date"]) == 4 for h in d)')" = true ]
check "hits are passages, not speeches" [ "$(json_get "$work/kw.jsonl" 'max(len(h["text"]) for h in d) < 3000')" = true ]

"$DOSSIER_INDEX" stats --db "$db" --json > "$work/stats.json"
check "stats: 233 articles" [ "$(json_get "$work/stats.json" 'd["articles"]')" = 233 ]
check "passages are of readable size" [ "$(json_get "$work/stats.json" '40 < d["average_passage_length"] < 250')" = true ]
finish
