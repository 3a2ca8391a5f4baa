#!/usr/bin/env bash
# Rebuilds: unchanged files are skipped, a changed file is replaced, a removed one deleted; the
# same corpus gives the same passage ids.
source "$(dirname "$0")/lib.sh"
corpus="$work/corpus"
mkdir -p "$corpus"
cp "$DOSSIER_SOURCE_DIR"/corpus/articles/* "$corpus/"
db="$work/db"
idx() { "$DOSSIER_INDEX" build "$corpus" --db "$db" --actors none --json "$@"; }

idx > "$work/1.json"
idx > "$work/2.json"
check "second run: all unchanged" [ "$(json_get "$work/2.json" 'd["unchanged"]')" = 4 ]
check "second run: nothing written" [ "$(json_get "$work/2.json" 'd["passages"]')" = 0 ]
check "same passage count" [ "$(json_get "$work/2.json" 'd["total_passages"]')" = "$(json_get "$work/1.json" 'd["total_passages"]')" ]

"$DOSSIER_QUERY" --db "$db" --format trec -n 100 "defence" > "$work/before.trec"
printf '\nA new closing paragraph about hypersonic glide vehicles.\n' >> "$corpus/2025-03-14-quad-maritime.txt"
idx > "$work/3.json"
check "one file updated" [ "$(json_get "$work/3.json" 'd["updated"]')" = 1 ]
check "others unchanged" [ "$(json_get "$work/3.json" 'd["unchanged"]')" = 3 ]
check "new text searchable" "$DOSSIER_QUERY" --db "$db" -n 1 "hypersonic glide" > /dev/null
check "no duplicate passages" [ "$(json_get "$work/3.json" 'd["total_passages"]')" = "$(( $(json_get "$work/1.json" 'd["total_passages"]') + 1 ))" ]

rm "$corpus/2024-11-02-nato-eastern-flank.md"
idx > "$work/4.json"
check "one file deleted" [ "$(json_get "$work/4.json" 'd["deleted"]')" = 1 ]
run_status rc "$DOSSIER_QUERY" --db "$db" "interceptors" > /dev/null 2>&1
check "deleted passages gone" [ "$rc" = 1 ]
check "database checks clean" "$DOSSIER_INDEX" check --db "$db" > /dev/null

# Same corpus, fresh database: same ids and ranking.
"$DOSSIER_INDEX" build "$corpus" --db "$work/db2" --actors none --quiet
"$DOSSIER_QUERY" --db "$db" --format trec -n 100 "defence" > "$work/a.trec"
"$DOSSIER_QUERY" --db "$work/db2" --format trec -n 100 "defence" > "$work/b.trec"
check "fresh build gives same ranking" cmp -s "$work/a.trec" "$work/b.trec"

idx --full > "$work/5.json"
check "--full rebuilds every file" [ "$(json_get "$work/5.json" 'd["added"]')" = 3 ]
finish
