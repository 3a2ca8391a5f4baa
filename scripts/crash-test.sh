#!/usr/bin/env bash
# Proves that dossier-index survives being killed: runs it N times (default 50) over a real corpus
# and sends SIGKILL at a random moment of each run. The runs cycle through five kinds:
#   first        no database yet (it is deleted first): a full build in parts, resumed by the rerun;
#   incremental  about a fifth of the files changed, one deleted, one brought back;
#   full         --full after the same kind of changes (parts, compaction, swap over the old one);
#   incremental  again;
#   language     the stemmer flipped (english <-> porter): a full build the rerun resumes.
# In every other round of five, the full-type runs (first, full, language) are killed in their
# last phase instead: once "<db>.new" appears, within the time the clean build spent compacting
# and swapping.
# After each kill:
#   - the database, if there is one (a killed first build may leave none), opens, answers a query
#     and passes `dossier-index check` (Xapian's check plus Dossier's invariants: each file's
#     passages all there or all gone); after a killed full-type run it is exactly the old database
#     or exactly the new one (same `check` digest);
#   - half the time after a killed first or language run, files change before the rerun, so that
#     the resumed parts have to catch up;
#   - one more run finishes the job: its database holds exactly the passages of a clean build of
#     the same files (same `check` digest: ids, terms, values and stored data), and no "<db>.new",
#     "<db>.old" or "<db>.parts" is left behind.
# Prints one line per kill (with the phase it landed in), a count per kind and "N/N recovered";
# exits 1 unless all recovered.
#   scripts/crash-test.sh [N]
# Environment: DOSSIER_INDEX and DOSSIER_QUERY (default: build/release binaries),
# CRASH_CORPUS (a folder of .txt files, or "articles" for the team's articles copied 60 times;
# default: corpus/fetched/sotu when fetched, else "articles"), CRASH_JOBS (default 2), CRASH_TMP
# (default: $TMPDIR or /tmp), CRASH_SEED (random).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-50}
index=${DOSSIER_INDEX:-$root/build/release/indexer/dossier-index}
query=${DOSSIER_QUERY:-$root/build/release/query/dossier-query}
for bin in "$index" "$query"; do
    [ -x "$bin" ] || { echo "crash-test: $bin not built (cmake --build --preset release)" >&2; exit 2; }
done
jobs=${CRASH_JOBS:-2}
seed=${CRASH_SEED:-$$}
RANDOM=$seed
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
language=english
idx() { "$index" build "$corpus" --actors "$actors" --language "$language" --jobs "$jobs" --quiet "$@"; }
digest() { "$index" check --db "$1" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["digest"])'; }
now() { date +%s.%N; }
elapsed() { python3 -c "print(max(0.05, $2 - $1))"; }
random_fraction() { python3 -c "import random; random.seed($RANDOM * 32768 + $RANDOM); print(round(random.uniform(0, $1), 3))"; }

# The clean build, timed, with the moment "<db>.new" appears: what follows it (compaction,
# settings, swap) is the window the late kills aim at.
db="$work/db"
start=$(now)
idx --db "$db" &
pid=$!
new_at=""
while kill -0 "$pid" 2>/dev/null; do
    [ -z "$new_at" ] && [ -e "$db.new" ] && new_at=$(now)
    sleep 0.005
done
wait "$pid"
end=$(now)
full_seconds=$(elapsed "$start" "$end")
last_seconds=$(elapsed "${new_at:-$end}" "$end")
printf 'crash-test: %s files, clean build %.2fs (last %.2fs compacting and swapping); %s kills, seed %s\n' \
    "${#files[@]}" "$full_seconds" "$last_seconds" "$n" "$seed"

reference=""       # digest of a clean build of the corpus as it is now ("" = to compute)
# Sets $reference (called directly, not in $(...): the subshell would forget it).
compute_reference() {
    if [ -z "$reference" ]; then
        rm -rf "$work/clean" "$work/clean.lock"
        idx --db "$work/clean"
        reference=$(digest "$work/clean")
    fi
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

# Where a killed full-type run stopped, from what it left on disk ($1: the database's digest
# now, "" when there is none; $2: the digest before the run, "" when there was none).
phase_of() {
    local now_digest=$1 before=$2 swapped=no
    if [ -n "$now_digest" ] && [ "$now_digest" != "$before" ]; then swapped=yes; fi
    if [ "$swapped" = yes ]; then
        if [ -e "$db.new" ] || [ -e "$db.old" ]; then echo "swap: old being removed"
        elif [ -e "$db.parts" ]; then echo "swap: parts being removed"
        else echo "after the swap"; fi
    elif [ -e "$db.new" ]; then echo "compaction"
    elif [ -e "$db.parts" ]; then echo "writing parts"
    else echo "starting"; fi
}

recovered=0 interrupted=0
declare -A runs=() kills=() phases=()
current=$(digest "$db")  # the database's digest before each run
for k in $(seq 1 "$n"); do
    late=no
    case $((k % 5)) in
        0) mode=first; rm -rf "$db" "$db.parts" "$db.new" "$db.old"; set -- ;;
        2) mode=full; mutate "$k"; set -- --full ;;
        4) mode=language
           if [ "$language" = english ]; then language=porter; else language=english; fi
           reference=""; set -- ;;
        *) mode=incremental; mutate "$k"; set -- ;;
    esac
    before=""
    [ -e "$db" ] && before=$current
    if [ "$mode" = incremental ]; then
        delay=$(random_fraction "$(python3 -c "print($full_seconds * 0.25)")")
    elif [ $(((k / 5) % 2)) = 1 ]; then
        late=yes
        delay=$(random_fraction "$(python3 -c "print($last_seconds * 1.2)")")
    else
        delay=$(random_fraction "$(python3 -c "print($full_seconds * 1.1)")")
    fi
    # The binary itself in the background (not through idx(), a function: $! would be the
    # subshell running it, and the kill would miss the indexer).
    "$index" build "$corpus" --actors "$actors" --language "$language" --jobs "$jobs" --quiet \
        --db "$db" "$@" 2> "$work/stderr" &
    pid=$!
    if [ "$late" = yes ]; then
        while kill -0 "$pid" 2>/dev/null && [ ! -e "$db.new" ]; do sleep 0.005; done
    fi
    sleep "$delay"
    kill -KILL "$pid" 2>/dev/null || true
    set +e
    { wait "$pid"; } 2>/dev/null  # no "Killed" line from the shell
    status=$?
    set -e
    runs[$mode]=$(( ${runs[$mode]:-0} + 1 ))
    what="finished first"
    if [ "$status" = 137 ]; then
        what="killed"
        interrupted=$((interrupted + 1))
        kills[$mode]=$(( ${kills[$mode]:-0} + 1 ))
    elif [ "$status" != 0 ]; then
        what="failed ($status): $(head -1 "$work/stderr")"
    fi

    problems=()
    after=""
    if [ -e "$db" ]; then
        if ! "$index" check --db "$db" > "$work/check.out" 2>&1; then
            problems+=("check after the kill: $(head -3 "$work/check.out" | tr '\n' ' ')")
        else
            after=$(digest "$db")
        fi
        set +e
        "$query" --db "$db" -n 1 "the" > /dev/null 2> "$work/query.err"
        qstatus=$?
        set -e
        [ "$qstatus" = 0 ] || problems+=("query after the kill exited $qstatus: $(head -1 "$work/query.err")")
    elif [ "$mode" != first ]; then
        problems+=("no database after the kill")
    fi
    phase=""
    if [ "$mode" != incremental ]; then
        # A full-type run swaps a complete database in or leaves the old one: nothing between.
        compute_reference
        if [ -n "$after" ] && [ "$after" != "$before" ] && [ "$after" != "$reference" ]; then
            problems+=("after the kill the database is neither the old one nor the new one")
        fi
        if [ "$status" = 137 ]; then
            phase=$(phase_of "$after" "$before")
            phases[$phase]=$(( ${phases[$phase]:-0} + 1 ))
        fi
        # Files that change while a build is interrupted: the resumed parts must catch up.
        if [ "$mode" != full ] && [ "$status" = 137 ] && [ $((RANDOM % 2)) = 0 ]; then
            mutate "$k"
            phase="$phase, then files changed"
        fi
    else
        phase="incremental"
    fi
    resumed=""
    if idx --db "$db" --json > "$work/rerun.json" 2> "$work/rerun.err"; then
        got=$(digest "$db")
        compute_reference
        current=$got
        [ "$got" = "$reference" ] || problems+=("rerun digest $got, clean build $reference")
        grep -q '"resuming the interrupted rebuild' "$work/rerun.json" && resumed=", rerun resumed the parts"
        for left in "$db.new" "$db.old" "$db.parts"; do
            [ ! -e "$left" ] || problems+=("$(basename "$left") left behind by the rerun")
        done
    else
        problems+=("rerun failed: $(head -1 "$work/rerun.err")")
    fi
    from=""
    [ "$late" = no ] || from=" from .new"
    if [ ${#problems[@]} = 0 ]; then
        recovered=$((recovered + 1))
        printf 'kill %3d: %-11s after %6.3fs%s, %-14s (%s%s) recovered\n' "$k" "$mode" "$delay" \
            "$from" "$what" "$phase" "$resumed"
    else
        printf 'kill %3d: %-11s after %6.3fs%s, %-14s (%s%s) NOT RECOVERED: %s\n' "$k" "$mode" \
            "$delay" "$from" "$what" "$phase" "$resumed" "${problems[*]}"
    fi
done
for mode in first full language incremental; do
    [ -n "${runs[$mode]:-}" ] || continue
    echo "crash-test: $mode: ${kills[$mode]:-0} of ${runs[$mode]} runs killed mid-way"
done
for phase in "${!phases[@]}"; do
    echo "crash-test: killed full-type runs in phase '$phase': ${phases[$phase]}"
done | sort
echo "crash-test: $interrupted of $n runs were killed mid-way (the others had finished)"
echo "$recovered/$n recovered"
[ "$recovered" = "$n" ]
