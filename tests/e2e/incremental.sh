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
check "--full leaves nothing beside the database" [ "$(ls "$work" | grep -c '^db\.\(new\|old\)$')" = 0 ]

# The JSON summary: one object with the counts a script needs.
check "summary has every key" [ "$(json_get "$work/5.json" 'sorted(k for k in ["added", "updated", "deleted", "skipped", "failed", "failures", "passages", "seconds", "warnings", "total_passages"] if k not in d)')" = "[]" ]
idx > "$work/6.json"
check "unchanged rerun: all skipped" [ "$(json_get "$work/6.json" 'd["skipped"]')" = 3 ]
touch "$corpus"/*
idx > "$work/7.json"
check "touch without a change re-indexes nothing" [ "$(json_get "$work/7.json" 'd["skipped"]')" = 3 ]

# Output: a summary line on stdout, nothing on stderr on a pipe, nothing at all with --quiet,
# the progress bar when asked for.
printf '\nOne more paragraph on air defence radars.\n' >> "$corpus/2025-03-14-quad-maritime.txt"
"$DOSSIER_INDEX" build "$corpus" --db "$db" --actors none > "$work/out" 2> "$work/err"
check "one summary line" [ "$(wc -l < "$work/out")" = 1 ]
check "summary names the counts" grep -q "1 updated, 0 deleted, 2 unchanged, 0 failed" "$work/out"
check "nothing on stderr on a pipe" [ ! -s "$work/err" ]
"$DOSSIER_INDEX" build "$corpus" --db "$db" --actors none --quiet > "$work/out" 2> "$work/err"
check "--quiet: no output" [ ! -s "$work/out" ] && [ ! -s "$work/err" ]
"$DOSSIER_INDEX" build "$corpus" --db "$db" --actors none --full --progress always > /dev/null 2> "$work/err"
check "--progress always: the bar on stderr" grep -q "3/3 files .* passages .* files/s  ETA" "$work/err"

# Exit codes: 2 for usage, 1 for fatal, 0 when done.
run_status rc "$DOSSIER_INDEX" build "$corpus" --db "$db" --jobs 0 2> "$work/err"
check "--jobs 0: exit 2" [ "$rc" = 2 ]
run_status rc "$DOSSIER_INDEX" build "$corpus" --db "$db" --no-such-flag 2> "$work/err"
check "unknown flag: exit 2" [ "$rc" = 2 ]
run_status rc "$DOSSIER_INDEX" build "$work/missing" --db "$db" 2> "$work/err"
check "missing folder: exit 2" [ "$rc" = 2 ]
check "missing folder: one line" [ "$(wc -l < "$work/err")" = 1 ]
mkdir -p "$work/home" && echo mine > "$work/home/notes.txt"
run_status rc "$DOSSIER_INDEX" build "$corpus" --db "$work/home" --actors none 2> "$work/err"
check "a folder that is not a database: exit 1" [ "$rc" = 1 ]
check "... and untouched" [ "$(ls "$work/home")" = notes.txt ]
run_status rc "$DOSSIER_INDEX" check --db "$work/missing" 2> "$work/err"
check "check of a missing database: exit 1, one line" [ "$rc" = 1 ] && [ "$(wc -l < "$work/err")" = 1 ]

# --jobs 1 and --jobs 8: the same database (digest of every passage) and the same rankings.
"$DOSSIER_INDEX" build "$corpus" "$DOSSIER_SOURCE_DIR/tests/data/articles" --db "$work/j1" --jobs 1 --quiet 2>/dev/null
"$DOSSIER_INDEX" build "$corpus" "$DOSSIER_SOURCE_DIR/tests/data/articles" --db "$work/j8" --jobs 8 --quiet 2>/dev/null
d1=$("$DOSSIER_INDEX" check --db "$work/j1" --json) d8=$("$DOSSIER_INDEX" check --db "$work/j8" --json)
check "--jobs 1 and 8: same digest" [ "$(echo "$d1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["digest"])')" = "$(echo "$d8" | python3 -c 'import json,sys; print(json.load(sys.stdin)["digest"])')" ]
for q in "defence" "alliance OR allies" "maritime surveillance" "Korea"; do
    "$DOSSIER_QUERY" --db "$work/j1" --format trec -n 50 --match any "$q" > "$work/j1.trec" || true
    "$DOSSIER_QUERY" --db "$work/j8" --format trec -n 50 --match any "$q" > "$work/j8.trec" || true
    check "--jobs 1 and 8: same ranking for '$q'" cmp -s "$work/j1.trec" "$work/j8.trec"
done

# A full disk (here: a file-size limit, so writes fail with EFBIG) stops the run with one line;
# the database keeps its last state and checks clean; a rerun finishes the job.
before=$("$DOSSIER_INDEX" check --db "$db" --json)
printf '\nA paragraph written to a full disk.\n' >> "$corpus/2023-08-19-camp-david-trilateral.txt"
for mode in "" --full; do
    run_status rc bash -c 'ulimit -f 16; trap "" XFSZ; exec "$@"' _ \
        "$DOSSIER_INDEX" build "$corpus" --db "$db" --actors none --quiet $mode 2> "$work/err"
    check "full disk ($mode): exit 1" [ "$rc" = 1 ]
    check "full disk ($mode): one line naming the database" grep -q "^dossier-index: .*db.*: .*(File too large)" "$work/err"
    check "full disk ($mode): one line" [ "$(wc -l < "$work/err")" = 1 ]
    check "full disk ($mode): database unchanged and sound" [ "$("$DOSSIER_INDEX" check --db "$db" --json)" = "$before" ]
done
idx > "$work/8.json"
check "after the full disk a rerun updates the file" [ "$(json_get "$work/8.json" 'd["updated"]')" = 1 ]
check "database checks clean" "$DOSSIER_INDEX" check --db "$db" > /dev/null
finish
