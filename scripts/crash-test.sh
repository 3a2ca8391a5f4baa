#!/usr/bin/env bash
# Proves that dossier-index survives being killed: runs it N times (default 50) over a real corpus
# and sends SIGKILL at a random moment of each run, alternating incremental runs over changed,
# added and deleted files with full rebuilds (--full, swapped in when complete). After each kill:
#   - the database opens, answers a query and passes `dossier-index check` (Xapian's check plus
#     Dossier's invariants: each file's passages all there or all gone);
#   - one more run finishes the job: its database holds exactly the passages of a clean build of
#     the same files (same `check` digest: ids, terms, values and stored data).
# Prints one line per kill and "N/N recovered"; exits 1 unless all recovered.
#   scripts/crash-test.sh [N]
# Environment: DOSSIER_INDEX and DOSSIER_QUERY (default: build/release binaries),
# CRASH_CORPUS (a folder of .txt files, or "articles" for the team's articles copied 60 times;
# default: corpus/fetched/sotu when fetched, else "articles"), CRASH_JOBS (default 2), CRASH_TMP (default: $TMPDIR or /tmp), CRASH_SEED (random).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-50}
index=${DOSSIER_INDEX:-$root/build/release/indexer/dossier-index}
query=${DOSSIER_QUERY:-$root/build/release/query/dossier-query}
for bin in "$index" "$query"; do
    [ -x "$bin" ] || { echo "crash-test: $bin not built (cmake --build --preset release)" >&2; exit 2; }
done
jobs=${CRASH_JOBS:-2}
RANDOM=${CRASH_SEED:-$$}
work=$(mktemp -d "${CRASH_TMP:-${TMPDIR:-/tmp}}/crash-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

corpus="$work/corpus"
mkdir -p "$corpus"
source_corpus=${CRASH_CORPUS:-}
if [ -z "$source_corpus" ] && [ -f "$root/corpus/fetched/sotu/.complete" ]; then
    source_corpus="$root/corpus/fetched/sotu"
fi
if [ -n "$source_corpus" ] && [ "$source_corpus" != articles ]; then
    cp "$source_corpus"/*.txt "$corpus/"
else
    for i in $(seq -w 1 60); do
        for f in "$root"/corpus/articles/*; do
            name=$(basename "$f")
            cp "$f" "$corpus/${name%.*}-$i.${name##*.}"
        done
    done
fi
files=("$corpus"/*)
actors="$root/corpus/actors.tsv"
[ -f "$actors" ] || actors=none
idx() { "$index" build "$corpus" --actors "$actors" --jobs "$jobs" --quiet "$@"; }
digest() { "$index" check --db "$1" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["digest"])'; }
now() { date +%s.%N; }
seconds_since() { python3 -c "import sys; print(max(0.05, $(now) - $1))"; }
random_fraction() { python3 -c "import random; random.seed($RANDOM * 32768 + $RANDOM); print(round(random.uniform(0, $1), 3))"; }

db="$work/db"
start=$(now)
idx --db "$db"
full_seconds=$(seconds_since "$start")
printf 'crash-test: %s files, clean build %.2fs; %s kills\n' "${#files[@]}" "$full_seconds" "$n"

reference=""       # digest of a clean build of the corpus as it is now ("" = to compute)
reference_of_now() {
    if [ -z "$reference" ]; then
        rm -rf "$work/clean" "$work/clean.lock"
        idx --db "$work/clean"
        reference=$(digest "$work/clean")
    fi
    echo "$reference"
}

# Changes about a fifth of the files: appends a paragraph, rewrites one, deletes one, brings a
# deleted one back, so that an incremental run has real work to be killed in.
deleted=()
mutate() {
    local k=$1 count=$(( ${#files[@]} / 5 + 1 ))
    for _ in $(seq 1 "$count"); do
        local f=${files[$((RANDOM % ${#files[@]}))]}
        [ -f "$f" ] || continue
        printf '\nRevision %s of this text adds a paragraph about readiness and allied command.\n' "$k" >> "$f"
    done
    local victim=${files[$((RANDOM % ${#files[@]}))]}
    if [ -f "$victim" ]; then
        cp "$victim" "$work/deleted-$(basename "$victim")"
        rm "$victim"
        deleted+=("$victim")
    fi
    if [ ${#deleted[@]} -gt 1 ]; then
        local back=${deleted[0]}
        mv "$work/deleted-$(basename "$back")" "$back"
        deleted=("${deleted[@]:1}")
    fi
    reference=""
}

recovered=0 interrupted=0
for k in $(seq 1 "$n"); do
    if [ $((k % 3)) = 0 ]; then
        mode=full
        delay=$(random_fraction "$(python3 -c "print($full_seconds * 1.1)")")
        set -- --full
    else
        mode=incremental
        mutate "$k"
        delay=$(random_fraction "$(python3 -c "print($full_seconds * 0.35)")")
        set --
    fi
    # The binary itself in the background (not through idx(), a function: $! would be the
    # subshell running it, and the kill would miss the indexer).
    "$index" build "$corpus" --actors "$actors" --jobs "$jobs" --quiet --db "$db" "$@" \
        2> "$work/stderr" &
    pid=$!
    sleep "$delay"
    kill -KILL "$pid" 2>/dev/null || true
    set +e
    { wait "$pid"; } 2>/dev/null  # no "Killed" line from the shell
    status=$?
    set -e
    what="finished first"
    if [ "$status" = 137 ]; then
        what="killed"
        interrupted=$((interrupted + 1))
    elif [ "$status" != 0 ]; then
        what="failed ($status): $(head -1 "$work/stderr")"
    fi

    problems=()
    if ! "$index" check --db "$db" > "$work/check.out" 2>&1; then
        problems+=("check after the kill: $(head -3 "$work/check.out" | tr '\n' ' ')")
    fi
    set +e
    "$query" --db "$db" -n 1 "the" > /dev/null 2> "$work/query.err"
    qstatus=$?
    set -e
    [ "$qstatus" = 0 ] || problems+=("query after the kill exited $qstatus: $(head -1 "$work/query.err")")
    if idx --db "$db" 2> "$work/rerun.err"; then
        got=$(digest "$db")
        want=$(reference_of_now)
        [ "$got" = "$want" ] || problems+=("rerun digest $got, clean build $want")
    else
        problems+=("rerun failed: $(head -1 "$work/rerun.err")")
    fi
    if [ ${#problems[@]} = 0 ]; then
        recovered=$((recovered + 1))
        printf 'kill %3d: %-11s after %6.3fs, %-14s recovered\n' "$k" "$mode" "$delay" "$what"
    else
        printf 'kill %3d: %-11s after %6.3fs, %-14s NOT RECOVERED: %s\n' "$k" "$mode" "$delay" \
            "$what" "${problems[*]}"
    fi
done
echo "crash-test: $interrupted of $n runs were killed mid-way (the others had finished)"
echo "$recovered/$n recovered"
[ "$recovered" = "$n" ]
