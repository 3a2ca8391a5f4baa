#!/usr/bin/env bash
# The skeleton end to end on the team's own articles: build, query in every format, filters,
# sort, exit codes and one-line errors.
source "$(dirname "$0")/lib.sh"
corpus="$DOSSIER_SOURCE_DIR/corpus/articles"
actors="$DOSSIER_SOURCE_DIR/corpus/actors.tsv"
db="$work/db"

"$DOSSIER_INDEX" build "$corpus" --db "$db" --actors "$actors" --json > "$work/summary.json"
check "summary counts 4 files added" [ "$(json_get "$work/summary.json" 'd["added"]')" = 4 ]
check "summary has passages" [ "$(json_get "$work/summary.json" 'd["passages"] > 10')" = true ]

# Ranked passages as JSONL with the contract's keys.
"$DOSSIER_QUERY" --db "$db" --format jsonl "satellite data ships" > "$work/hits.jsonl"
check "first hit is from the Quad article" \
    [ "$(json_get "$work/hits.jsonl" 'd[0]["article_id"]')" = 2025-03-14-quad-maritime.txt ]
for key in rank score passage_id article_id date title source paragraph text highlights actors kind speaker; do
    check "jsonl has key $key" [ "$(json_get "$work/hits.jsonl" "'$key' in d[0]")" = true ]
done
check "date is ISO" [ "$(json_get "$work/hits.jsonl" 'd[0]["date"]')" = 2025-03-14 ]
check "rank is 1-based" [ "$(json_get "$work/hits.jsonl" 'd[0]["rank"]')" = 1 ]
# Highlights are byte ranges into text that cover the query words.
check "highlights cover query words" [ "$(json_get "$work/hits.jsonl" \
    'sorted({d[0]["text"].encode()[b:e].decode().lower() for b, e in d[0]["highlights"]}) == ["data", "satellite", "ships"]')" = true ]
# Text is verbatim from the source file at the stored offsets.
check "text verbatim at offsets" [ "$(python3 - "$work/hits.jsonl" "$corpus" <<'PY'
import json, sys
hit = json.loads(open(sys.argv[1]).readline())
raw = open(f"{sys.argv[2]}/{hit['source']}", "rb").read()
print(raw[hit["begin"]:hit["end"]].decode() == hit["text"])
PY
)" = True ]

# Case never changes matching.
a=$("$DOSSIER_QUERY" --db "$db" --format trec "AIR DEFENCE" | cut -d' ' -f3 | tr '\n' ' ')
b=$("$DOSSIER_QUERY" --db "$db" --format trec "air defence" | cut -d' ' -f3 | tr '\n' ' ')
check "AIR DEFENCE == air defence" [ "$a" = "$b" ]
check "air defence has hits" [ -n "$a" ]

# JSON form: one object with total and facets.
"$DOSSIER_QUERY" --db "$db" --format json --facets year,kind "defence" > "$work/all.json"
check "json total" [ "$(json_get "$work/all.json" 'd["total"] >= 3')" = true ]
check "json facets year" [ "$(json_get "$work/all.json" '"2024" in d["facets"]["year"]')" = true ]

# Date filters and field ranges.
"$DOSSIER_QUERY" --db "$db" --format jsonl --from 2025 "defence" > "$work/from.jsonl"
check "--from 2025 keeps only 2025+" [ "$(json_get "$work/from.jsonl" 'all(h["date"] >= "2025" for h in d)')" = true ]
"$DOSSIER_QUERY" --db "$db" --format jsonl "defence year:2023..2024" > "$work/range.jsonl"
check "year: range" [ "$(json_get "$work/range.jsonl" 'all("2023" <= h["date"][:4] <= "2024" for h in d) and len(d) > 0')" = true ]
"$DOSSIER_QUERY" --db "$db" --format jsonl --sort oldest -n 50 "defence" > "$work/oldest.jsonl"
check "--sort oldest" [ "$(json_get "$work/oldest.jsonl" '[h["date"] for h in d] == sorted(h["date"] for h in d)')" = true ]
"$DOSSIER_QUERY" --db "$db" --format jsonl --per-article 1 -n 50 "defence" > "$work/collapse.jsonl"
check "--per-article 1" [ "$(json_get "$work/collapse.jsonl" 'len({h["article_id"] for h in d}) == len(d)')" = true ]

# CSV parses and has one row per hit.
"$DOSSIER_QUERY" --db "$db" --format csv -n 3 "defence" > "$work/hits.csv"
check "csv rows" [ "$(python3 -c 'import csv,sys; print(len(list(csv.DictReader(open(sys.argv[1])))))' "$work/hits.csv")" = 3 ]

# All words required; fallback to any word with a note on stderr.
run_status rc "$DOSSIER_QUERY" --db "$db" --format jsonl "interceptors zanzibarquux" > "$work/fb.jsonl" 2> "$work/fb.err"
check "fallback exit 0" [ "$rc" = 0 ]
check "fallback note" grep -q "any of them" "$work/fb.err"

# Exit codes: 1 no hits, 2 errors with one line naming the problem.
run_status rc "$DOSSIER_QUERY" --db "$db" "zanzibarquux" > /dev/null 2>&1
check "no hits exits 1" [ "$rc" = 1 ]
run_status rc "$DOSSIER_QUERY" --db "$work/missing" "korea" > /dev/null 2> "$work/err"
check "missing db exits 2" [ "$rc" = 2 ]
check "missing db: one line naming it" [ "$(wc -l < "$work/err")" = 1 ]
check "missing db message names path" grep -q "$work/missing" "$work/err"
run_status rc "$DOSSIER_QUERY" --db "$db" --sort sideways "korea" > /dev/null 2>&1
check "bad flag exits 2" [ "$rc" = 2 ]
run_status rc "$DOSSIER_QUERY" --db "$db" --facets colour "korea" > /dev/null 2> "$work/err"
check "unknown facet exits 2" [ "$rc" = 2 ]
check "unknown facet lists valid ones" grep -q "valid facets" "$work/err"
run_status rc "$DOSSIER_QUERY" --db "$db" --from 2024-13 "korea" > /dev/null 2> "$work/err"
check "bad date exits 2" [ "$rc" = 2 ]
check "bad date names it" grep -q "2024-13" "$work/err"
run_status rc "$DOSSIER_INDEX" build "$work/nowhere" --db "$db" > /dev/null 2> "$work/err"
check "missing corpus path exits 2" [ "$rc" = 2 ]
finish
