#!/usr/bin/env bash
# DESIGN.md's reference question on the seed article (read from ../shared, never copied here).
source "$(dirname "$0")/lib.sh"
seed="$DOSSIER_SHARED_DIR/seed"
[ -d "$seed" ] || skip "no $seed"
db="$work/db"
"$DOSSIER_INDEX" build "$seed" --db "$db" --actors "$DOSSIER_SOURCE_DIR/corpus/actors.tsv" --quiet

"$DOSSIER_QUERY" --db "$db" --format jsonl "South Korea primary responsibility deterring North Korea" > "$work/hits.jsonl"
first() { json_get "$work/hits.jsonl" "d[0]$1"; }
check "first hit is the NDS quotation" grep -q '^"South Korea is capable of taking primary responsibility' <<<"$(first '["text"]')"
check "date 2026-01-24" [ "$(first '["date"]')" = 2026-01-24 ]
check "highlights cover the matched words" [ "$(json_get "$work/hits.jsonl" \
    '{d[0]["text"].encode()[b:e].decode().lower() for b, e in d[0]["highlights"]} >= {"south", "korea", "primary", "responsibility", "deterring", "north"}')" = true ]
check "text verbatim from the file" [ "$(python3 - "$work/hits.jsonl" "$seed" <<'PY'
import json, sys
hit = json.loads(open(sys.argv[1]).readline())
raw = open(f"{sys.argv[2]}/{hit['source']}", "rb").read()
print(raw[hit["begin"]:hit["end"]].decode() == hit["text"])
PY
)" = True ]
finish
