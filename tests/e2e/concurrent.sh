#!/usr/bin/env bash
# A database being rebuilt keeps answering: queries run in a loop (new processes, and one
# long-lived batch searcher that must reopen) while incremental runs and --full swaps write it;
# none may fail. A second writer is refused with one line naming the database and --wait, and
# --wait waits for the first one instead.
source "$(dirname "$0")/lib.sh"
corpus="$work/corpus"
mkdir -p "$corpus"
for i in $(seq -w 1 40); do
    for f in "$DOSSIER_SOURCE_DIR"/corpus/articles/*; do
        name=$(basename "$f")
        cp "$f" "$corpus/${name%.*}-$i.${name##*.}"
    done
done
db="$work/db"
actors="$DOSSIER_SOURCE_DIR/corpus/actors.tsv"
idx() { "$DOSSIER_INDEX" build "$corpus" --db "$db" --actors "$actors" --quiet "$@"; }
idx

# The writer: full rebuilds (swapped in) and incremental runs over changed files, back to back.
writer() {
    for round in 1 2 3 4 5 6; do
        if [ $((round % 2)) = 0 ]; then
            idx --full || return 1
        else
            for f in "$corpus"/*-0[1-9].txt; do
                printf '\nRound %s adds a paragraph on maritime surveillance drills.\n' "$round" >> "$f"
            done
            idx || return 1
        fi
    done
}
for _ in $(seq 1 400); do echo "maritime surveillance"; done > "$work/batch.txt"
writer &
writer_pid=$!
queries=0 failed=0 batches=0
while kill -0 "$writer_pid" 2>/dev/null; do
    run_status rc "$DOSSIER_QUERY" --db "$db" -n 3 "maritime surveillance" > /dev/null 2> "$work/q.err"
    queries=$((queries + 1))
    if [ "$rc" != 0 ]; then
        failed=$((failed + 1))
        echo "query failed with $rc: $(cat "$work/q.err")" >&2
    fi
    if [ $((queries % 10)) = 1 ]; then
        run_status rc "$DOSSIER_QUERY" --db "$db" -n 1 --format trec --batch "$work/batch.txt" \
            > "$work/batch.out" 2> "$work/b.err"
        batches=$((batches + 1))
        lines=$(wc -l < "$work/batch.out")
        if [ "$rc" != 0 ] || [ "$lines" != 400 ]; then
            failed=$((failed + 1))
            echo "batch failed with $rc, $lines of 400 results: $(head -2 "$work/b.err")" >&2
        fi
    fi
done
run_status writer_rc wait "$writer_pid"
echo "$queries queries and $batches batches of 400 ran during 6 rebuilds"
check "the rebuilds succeeded" [ "$writer_rc" = 0 ]
check "queries ran while the database was written" [ "$queries" -ge 3 ]
check "no query failed" [ "$failed" = 0 ]
check "database checks clean" "$DOSSIER_INDEX" check --db "$db" > /dev/null

# A second writer while the lock is held (flock(1) on the same lock file, held until we write
# to the fifo): refused at once, one line naming the database and --wait.
mkfifo "$work/release"
flock "$db.lock" cat "$work/release" > /dev/null &
holder=$!
for _ in $(seq 1 200); do  # until flock(1) holds the lock
    flock -n "$db.lock" true || break
    python3 -c 'import time; time.sleep(0.02)'
done
run_status rc "$DOSSIER_INDEX" build "$corpus" --db "$db" --actors none --quiet 2> "$work/locked.err"
cat "$work/locked.err" >&2
check "second writer exits 1" [ "$rc" = 1 ]
check "one line" [ "$(wc -l < "$work/locked.err")" = 1 ]
check "names the database and --wait" grep -q "^dossier-index: $db: another dossier-index.*--wait SECONDS" "$work/locked.err"
check "no stack trace" [ "$(grep -c 'terminate\|Aborted\|Xapian::' "$work/locked.err")" = 0 ]

# With --wait it waits, and runs once the first writer is done.
"$DOSSIER_INDEX" build "$corpus" --db "$db" --actors "$actors" --wait 120 --json > "$work/waited.json" 2> "$work/waited.err" &
waiter=$!
for _ in $(seq 1 200); do  # until it says it is waiting
    grep -q "waiting for another dossier-index" "$work/waited.err" 2>/dev/null && break
    python3 -c 'import time; time.sleep(0.02)'
done
check "the waiter says it waits" grep -q "waiting for another dossier-index" "$work/waited.err"
echo > "$work/release"
wait "$holder"
run_status rc wait "$waiter"
check "--wait: runs after the lock is released" [ "$rc" = 0 ]
check "--wait: a normal summary" [ "$(json_get "$work/waited.json" 'd["failed"]')" = 0 ]
finish
