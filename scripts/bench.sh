#!/usr/bin/env bash
# Dossier against its peers: indexing (wall time, MB/s, passages/s, peak RSS, database size) and
# queries (end to end, one process per query, median and p95 over bench/queries.txt; --batch
# throughput), on the State of the Union addresses at x1, x5 and x20 and on the White House
# briefings when ../shared/data is present. Peers: a bare Xapian indexer and searcher
# (bench/xapian_bare.cpp, the floor for any Xapian tool), omindex + quest, SQLite FTS5 (porter,
# bm25, snippet()) and ripgrep. At the largest SOTU scale, the same queries on one database vs 2
# local shards vs 2 shards served by xapian-tcpsrv on loopback ("shards"). Prints a table and
# writes a JSON file; README "Benchmarks".
#
#   scripts/bench.sh                 everything (about an hour on 2 cores)
#   scripts/bench.sh --quick         smoke run: x1 only, 20 queries, 1 repeat (under two minutes)
#   scripts/bench.sh --dry-run       check the query file, the tools and the plan; run nothing
#   options: --scales 1,5,20  --repeat N (indexing runs)  --runs N (hyperfine runs per query)
#            --tools LIST (dossier-j1,dossier-j2,bare,omega,fts5,rg,shards)  --no-wh  --no-build
#            --work DIR (default build/bench-work)  --out FILE (default WORK/bench.json)
# Timings are medians of the repeats; every ratio compares figures taken in the same run. The
# machine is not idle (shared cores), so compare ratios, not absolute times, between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

quick=false dry_run=false build=true with_wh=true
scales=1,5,20 repeat=3 runs=5 work=build/bench-work out=""
tools=dossier-j1,dossier-j2,bare,omega,fts5,rg,shards
usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=true ;;
        --dry-run) dry_run=true ;;
        --no-build) build=false ;;
        --no-wh) with_wh=false ;;
        --scales) scales=$2; shift ;;
        --repeat) repeat=$2; shift ;;
        --runs) runs=$2; shift ;;
        --tools) tools=$2; shift ;;
        --work) work=$2; shift ;;
        --out) out=$2; shift ;;
        -h|--help) usage 0 ;;
        *) echo "bench: unknown option $1" >&2; usage ;;
    esac
    shift
done
if $quick; then scales=1 repeat=1 runs=3 with_wh=false; fi
mkdir -p "$work"
work=$(cd "$work" && pwd)
out=${out:-$work/bench.json}
build_dir=${DOSSIER_BENCH_BUILD:-$root/build/bench}
has_tool() { [[ ",$tools," == *",$1,"* ]]; }
say() { echo "bench: $*" >&2; }

# --- the query set -------------------------------------------------------------------------
# Fields: id class dossier-query dossier-flags xapian-query fts5-match fts5-where rg-pattern.
queries_file=$root/bench/queries.txt
mapfile -t all_queries < <(grep -v '^#' "$queries_file" | grep -v '^[[:space:]]*$')
bad=$(printf '%s\n' "${all_queries[@]}" | awk -F'\t' 'NF != 8 {print NR": "$1}')
[ -z "$bad" ] || { echo "bench: $queries_file: lines without 8 TAB-separated fields: $bad" >&2; exit 2; }
dups=$(printf '%s\n' "${all_queries[@]}" | cut -f1 | sort | uniq -d)
[ -z "$dups" ] || { echo "bench: $queries_file: duplicate ids: $dups" >&2; exit 2; }
[ "${#all_queries[@]}" -ge 50 ] || { echo "bench: $queries_file: fewer than 50 queries" >&2; exit 2; }
queries=()
for i in "${!all_queries[@]}"; do
    # --quick: every third query, so that each class is still represented.
    if ! $quick || [ $((i % 3)) -eq 0 ]; then queries+=("${all_queries[$i]}"); fi
done

# --- tools ---------------------------------------------------------------------------------
# Debian packages of the peers, installed here (not by setup.sh: only benchmarks need them).
declare -A package_of=([hyperfine]=hyperfine [sqlite3]=sqlite3 [rg]=ripgrep [omindex]=xapian-omega
                       [quest]=xapian-tools [xapian-compact]=xapian-tools [xapian-delve]=xapian-tools
                       [xapian-tcpsrv]=xapian-tools
                       [/usr/bin/time]=time [cmake]=cmake [ninja]=ninja-build)
missing=()
for cmd in "${!package_of[@]}"; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("${package_of[$cmd]}")
done
if [ ${#missing[@]} -gt 0 ]; then
    mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
    if $dry_run; then
        say "would install: ${missing[*]}"
    else
        say "installing ${missing[*]}"
        sudo_cmd=()
        [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
        "${sudo_cmd[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
fi

index_bin=$build_dir/indexer/dossier-index
query_bin=$build_dir/query/dossier-query
bare_bin=$build_dir/bench/dossier-bench-xapian
if $build && ! $dry_run; then
    say "building Dossier (Release) and the bare Xapian peer in $build_dir"
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDOSSIER_BENCH=ON \
        -DDOSSIER_TESTS=OFF >/dev/null
    cmake --build "$build_dir" --target dossier-index dossier-query dossier-bench-xapian >/dev/null
fi

# --- corpora -------------------------------------------------------------------------------
sotu=$root/corpus/fetched/sotu
wh=$(realpath -m "$root/../shared/data/defense/wh-briefings")
corpora=()  # name=folder
IFS=, read -r -a scale_list <<<"$scales"
if ! $dry_run && [ ! -f "$sotu/.complete" ]; then scripts/fetch-sotu.sh; fi
for s in "${scale_list[@]}"; do
    if [ "$s" = 1 ]; then
        corpora+=("sotu-x1=$sotu")
        continue
    fi
    dir=$work/corpus/sotu-x$s
    if ! $dry_run && [ ! -f "$dir/.complete" ]; then
        rm -rf "$dir"
        python3 scripts/scale-corpus.py "$sotu" "$dir" "$s" >&2
        touch "$dir/.complete"
    fi
    corpora+=("sotu-x$s=$dir")
done
if $with_wh && [ -d "$wh" ]; then corpora+=("wh-briefings=$wh"); fi
shard_scale=sotu-x$(printf '%s\n' "${scale_list[@]}" | sort -n | tail -1)  # shards: the largest

# Bytes of the files every tool reads (hidden files and folders are skipped by all of them).
text_bytes() { (cd "$1" && find . -type f -not -path '*/.*' -printf '%s\n') | awk '{s+=$1} END {print s+0}'; }
dir_bytes() { du -sb "$1" | cut -f1; }

# Single quotes for hyperfine -N, which splits a command line as a POSIX shell would.
sq() { local s=${1//\'/\'\\\'\'}; printf "'%s'" "$s"; }
without_facets() { sed -E 's/--facets [^ ]+//; s/  +/ /g; s/^ //; s/ $//' <<<"$1"; }

if $dry_run; then
    python3 -c 'import ast, sys; [ast.parse(open(f).read(), f) for f in sys.argv[1:]]' \
        scripts/bench-report.py scripts/scale-corpus.py
    say "queries: ${#queries[@]} of ${#all_queries[@]} from $queries_file"
    say "scales: $scales, indexing repeats: $repeat, hyperfine runs: $runs, tools: $tools"
    for c in "${corpora[@]}"; do say "corpus ${c%%=*}: ${c#*=}"; done
    IFS=$'\t' read -r id class dq flags xq fm fw rgp <<<"${queries[0]}"
    [ "$flags" = - ] && flags=""
    say "e.g. $id: $query_bin --db DB -n 10 --color never $(without_facets "$flags") $(sq "$dq")"
    say "      $bare_bin search --db BARE $(sq "$xq")"
    say "      quest -d OMEGA -o and -f default,wildcard -m 10 $(sq "$xq")"
    say "      rg --no-ignore -i -c -e $(sq "$rgp") CORPUS"
    if has_tool shards; then
        say "shards at $shard_scale: $index_bin build CORPUS --db SHARDED --shards 2; two xapian-tcpsrv on 127.0.0.1"
        say "      $query_bin --db ONE|SHARDED|REMOTE.STUB -n 10 --color never [--facets actor,year] $(sq "$dq")"
    fi
    say "dry run: nothing run"
    exit 0
fi

results=$work/results
rm -rf "$results"
mkdir -p "$results"
raw=$results/raw.tsv
: >"$raw"
record() { (IFS=$'\t'; echo "$*") >>"$raw"; }
record machine "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(git rev-parse --short HEAD 2>/dev/null || echo none)$(git diff --quiet HEAD 2>/dev/null || echo +dirty)" \
    "$(pkg-config --modversion xapian-core)" "$(sqlite3 --version | cut -d' ' -f1)" \
    "$(rg --version | awk 'NR == 1 {print $2}')" "$(date -u +%FT%TZ)"

# Runs "$@" under GNU time, stdout to $1 and stderr to $2; prints "wall_s peak_rss_kb cpu_s".
# CPU time (user + system) is printed too: on a shared machine it varies far less than wall time.
timed() {
    local o=$1 e=$2 tf=$results/time.$$
    shift 2
    if ! /usr/bin/time -f '%e %M %U %S' -o "$tf" "$@" >"$o" 2>"$e"; then
        say "failed: $* ($(tail -2 "$e" | tr '\n' ' '))"
        exit 1
    fi
    tail -1 "$tf" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}'
    rm -f "$tf"
}

# --- indexing ------------------------------------------------------------------------------
index_corpus() {
    local name=$1 dir=$2 dbs=$work/db/$1 rep bytes
    bytes=$(text_bytes "$dir")
    mkdir -p "$dbs"
    record corpus "$name" "$dir" "$bytes" "$(cd "$dir" && find . -type f -not -path '*/.*' | wc -l)"
    cat "$dir"/* >/dev/null 2>&1 || true  # the page cache holds the text for every tool alike
    "$bare_bin" passages "$dir" >"$dbs/passages.txt"
    for rep in $(seq 1 "$repeat"); do
        local jobs tool db t passages
        for jobs in 1 2; do
            tool=dossier-j$jobs
            has_tool "$tool" || continue
            db=$dbs/$tool
            rm -rf "$db" "$db.new" "$db.lock" "$db.old" "$db.compact"
            t=$(timed "$results/$name.$tool.json" "$results/$name.$tool.err" \
                "$index_bin" build "$dir" --db "$db" --jobs "$jobs" \
                --actors "$root/corpus/actors.tsv" --json --quiet --progress never)
            passages=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total_passages"])' \
                "$results/$name.$tool.json")
            record index "$name" "$tool" "$rep" $t "$(dir_bytes "$db")" "$passages"
            say "$name $tool #$rep: $t (s, KB) $passages passages"
        done
        if has_tool bare; then
            db=$dbs/bare
            rm -rf "$db"
            t=$(timed /dev/null "$results/$name.bare.err" "$bare_bin" index --db "$db" "$dir")
            passages=$(grep -o '[0-9]* passages' "$results/$name.bare.err" | cut -d' ' -f1)
            record index "$name" bare "$rep" $t "$(dir_bytes "$db")" "$passages"
            say "$name bare #$rep: $t"
        fi
        if has_tool omega; then
            db=$dbs/omega
            rm -rf "$db"
            t=$(timed /dev/null "$results/$name.omega.err" omindex --overwrite \
                -Mmd:text/plain -Mtxt:text/plain --db "$db" --url / "$dir")
            passages=$(xapian-delve "$db" | awk '/number of documents/ {print $NF}')
            record index "$name" omega "$rep" $t "$(dir_bytes "$db")" "$passages"
            say "$name omindex #$rep: $t"
        fi
        if has_tool fts5; then
            db=$dbs/fts5.db
            rm -f "$db"
            # The passages come from the bare peer's splitter (not timed: FTS5 has none).
            printf '%s\n' "PRAGMA journal_mode=OFF;" "PRAGMA synchronous=OFF;" \
                "CREATE VIRTUAL TABLE p USING fts5(file UNINDEXED, year UNINDEXED, text, tokenize='porter unicode61');" \
                ".mode ascii" ".import $dbs/passages.txt p" >"$dbs/load.sql"
            t=$(timed /dev/null "$results/$name.fts5.err" sqlite3 "$db" ".read $dbs/load.sql")
            passages=$(sqlite3 "$db" 'SELECT count(*) FROM p')
            record index "$name" fts5 "$rep" $t "$(stat -c %s "$db")" "$passages"
            say "$name fts5 #$rep: $t"
        fi
    done
    # Compacted sizes: what a finished database costs on disk.
    # (dossier-j2 writes the same database as dossier-j1: compacted once.)
    for tool in dossier-j1 dossier-j2 bare; do
        [ -d "$dbs/$tool" ] || continue
        [ "$tool" = dossier-j2 ] && [ -d "$dbs/dossier-j1" ] && continue
        rm -rf "$dbs/$tool.compact"
        t=$(timed /dev/null "$results/$name.compact.err" xapian-compact "$dbs/$tool" "$dbs/$tool.compact")
        record compact "$name" "$tool" $t "$(dir_bytes "$dbs/$tool.compact")"
    done
}

# --- queries -------------------------------------------------------------------------------
query_corpus() {
    local name=$1 dir=$2 dbs=$work/db/$1 qdir=$results/$1-queries
    local ddb=$dbs/dossier-j1
    [ -d "$ddb" ] || ddb=$dbs/dossier-j2
    mkdir -p "$qdir"
    : >"$qdir/dossier.batch"
    : >"$qdir/bare.batch"
    : >"$qdir/fts5.sql"
    : >"$qdir/fts5-facets.sql"
    local line id class dq flags xq fm fw rgp n=0
    for line in "${queries[@]}"; do
        IFS=$'\t' read -r id class dq flags xq fm fw rgp <<<"$line"
        [ "$flags" = - ] && flags=""
        local plain_flags where="" cmds=() names=()
        plain_flags=$(without_facets "$flags")
        [ "$fw" = - ] || where=" AND $fw"
        local match=${fm//\'/\'\'}
        echo "SELECT file, year, snippet(p, 2, '[', ']', '...', 64) FROM p WHERE p MATCH '$match'$where ORDER BY rank LIMIT 10;" >"$qdir/$id.sql"
        cp "$qdir/$id.sql" "$qdir/$id.facets.sql"
        echo "SELECT year, count(*) FROM p WHERE p MATCH '$match'$where GROUP BY year ORDER BY 2 DESC;" >>"$qdir/$id.facets.sql"
        cat "$qdir/$id.sql" >>"$qdir/fts5.sql"
        cat "$qdir/$id.facets.sql" >>"$qdir/fts5-facets.sql"
        echo "$dq" >>"$qdir/dossier.batch"
        echo "$xq" >>"$qdir/bare.batch"
        if has_tool dossier-j1 || has_tool dossier-j2; then
            names+=(dossier dossier-facets)
            cmds+=("$query_bin --db $ddb -n 10 --color never $plain_flags $(sq "$dq")"
                   "$query_bin --db $ddb -n 10 --color never $plain_flags --facets actor,year $(sq "$dq")")
        fi
        if has_tool bare; then names+=(bare); cmds+=("$bare_bin search --db $dbs/bare $(sq "$xq")"); fi
        if has_tool omega; then
            names+=(quest)
            cmds+=("quest -d $dbs/omega -o and -f default,wildcard -m 10 $(sq "$xq")")
        fi
        if has_tool fts5; then
            names+=(fts5 fts5-facets)
            cmds+=("sqlite3 -readonly $dbs/fts5.db $(sq ".read $qdir/$id.sql")"
                   "sqlite3 -readonly $dbs/fts5.db $(sq ".read $qdir/$id.facets.sql")")
        fi
        if has_tool rg; then names+=(rg); cmds+=("rg --no-ignore -i -c -e $(sq "$rgp") $dir"); fi
        [ ${#cmds[@]} -gt 0 ] || continue  # e.g. --tools shards: only the shard comparison
        # All tools on one query in one hyperfine call: a burst of load from the other users of
        # the machine hits every tool, not only the one that happened to be running.
        hyperfine -N -i --warmup 1 --runs "$runs" --style none \
            --export-json "$qdir/$id.json" "${cmds[@]}" >/dev/null 2>"$qdir/$id.err" ||
            { say "hyperfine failed on $id: $(tail -3 "$qdir/$id.err")"; exit 1; }
        record query "$name" "$id" "$class" "$qdir/$id.json" "$(IFS=,; echo "${names[*]}")"
        n=$((n + 1))
    done
    say "$name: $n queries timed"
    hyperfine -N --warmup 3 --runs 30 --style none --export-json "$qdir/noop.json" true >/dev/null
    record noop "$name" "$qdir/noop.json"

    # Throughput of one process running every query.
    local bcmds=() bnames=()
    if has_tool dossier-j1 || has_tool dossier-j2; then
        bnames+=(dossier dossier-facets)
        bcmds+=("$query_bin --db $ddb -n 10 --color never --batch $qdir/dossier.batch"
                "$query_bin --db $ddb -n 10 --color never --facets actor,year --batch $qdir/dossier.batch")
    fi
    if has_tool bare; then bnames+=(bare); bcmds+=("$bare_bin search --db $dbs/bare --batch $qdir/bare.batch"); fi
    if has_tool fts5; then
        bnames+=(fts5 fts5-facets)
        bcmds+=("sqlite3 -readonly $dbs/fts5.db $(sq ".read $qdir/fts5.sql")"
                "sqlite3 -readonly $dbs/fts5.db $(sq ".read $qdir/fts5-facets.sql")")
    fi
    if [ ${#bcmds[@]} -gt 0 ]; then
        hyperfine -N -i --warmup 1 --runs "$runs" --style none --export-json "$qdir/batch.json" \
            "${bcmds[@]}" >/dev/null 2>"$qdir/batch.err"
        record batch "$name" "$n" "$qdir/batch.json" "$(IFS=,; echo "${bnames[*]}")"
    fi
}

# --- shards --------------------------------------------------------------------------------
# The largest SOTU scale is also built as 2 shards (`dossier-index build --shards 2`) and every
# query is timed, in one hyperfine call, on the single database, on the shards through their
# folder's stub (local) and on the shards served by two xapian-tcpsrv on loopback through a stub
# of `remote` lines, each without and with facets. Before timing, the three must return the same
# top 10 and facet counts for every query. Each server runs in a session of its own
# (xapian-tcpsrv signals its whole process group when it stops); the EXIT trap stops them on
# every way out (failure, Ctrl-C, kill), and a watchdog per server stops it if this script dies
# without running its trap (SIGKILL).
server_pids=() watchdog_pids=()
stop_servers() {
    local p
    for p in ${server_pids[@]+"${server_pids[@]}"}; do
        kill -- "-$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    for p in ${watchdog_pids[@]+"${watchdog_pids[@]}"}; do kill -- "-$p" 2>/dev/null || true; done
    server_pids=() watchdog_pids=()
}
trap stop_servers EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_server SHARD LOG: serves SHARD on 127.0.0.1 and sets $port once it accepts connections.
start_server() {
    local shard=$1 log=$2 pid try i
    for try in 1 2 3; do  # a port found free can be taken by someone else before we bind it
        port=$(free_port)
        setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$shard" >"$log" 2>&1 </dev/null &
        pid=$!
        server_pids+=("$pid")
        setsid bash -c 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done
                        kill -- "-$2" 2>/dev/null' watchdog "$$" "$pid" >/dev/null 2>&1 </dev/null &
        watchdog_pids+=("$!")
        for i in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
                [ "$(ps -o pgid= -p "$pid" | tr -d ' ')" = "$pid" ] ||
                    { say "xapian-tcpsrv (pid $pid) is not in a process group of its own"; exit 1; }
                return 0
            fi
            sleep 0.1
        done
        say "xapian-tcpsrv on port $port did not start ($(tail -1 "$log")); trying another port"
        kill -- "-$pid" 2>/dev/null || true
    done
    say "xapian-tcpsrv: could not serve $shard"
    exit 1
}

shard_corpus() {
    local name=$1 dir=$2 dbs=$work/db/$1 sdir=$results/$1-shards
    local one=$dbs/dossier-j1 sharded=$dbs/sharded port t passages n
    [ -d "$one" ] || one=$dbs/dossier-j2
    mkdir -p "$sdir"
    if [ ! -d "$one" ]; then  # --tools without dossier-j1/j2: the single database, untimed
        one=$dbs/single
        rm -rf "$one"
        "$index_bin" build "$dir" --db "$one" --jobs 2 --actors "$root/corpus/actors.tsv" \
            --quiet --progress never
    fi
    rm -rf "$sharded"
    t=$(timed "$sdir/build.json" "$sdir/build.err" "$index_bin" build "$dir" --db "$sharded" \
        --shards 2 --jobs 2 --actors "$root/corpus/actors.tsv" --json --quiet --progress never)
    passages=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total_passages"])' \
        "$sdir/build.json")
    n=$("$index_bin" stats --db "$one" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["passages"])')
    [ "$passages" = "$n" ] ||
        { say "shards: the 2 shards hold $passages passages, the single database $n"; exit 1; }
    record shard_build "$name" 2 $t "$(dir_bytes "$sharded")" "$passages"
    say "$name 2 shards: $t (s, KB) $passages passages"

    : >"$sdir/remote.stub"
    local k
    for k in 0 1; do
        start_server "$sharded/shard-$k" "$sdir/server-$k.log"
        echo "remote 127.0.0.1:$port" >>"$sdir/remote.stub"
    done
    say "$name: shards served on $(cut -d' ' -f2 "$sdir/remote.stub" | paste -sd' ')"
    local -A db_of=([one]=$one [local]=$sharded [remote]=$sdir/remote.stub)

    # The same answers from all three, compared on every query with facets: top-10 ids, scores
    # (within 1e-9), facet counts and totals. On queries sorted by relevance and without
    # wildcards, the ids, scores and facets must agree, or the run stops here: then the shards or
    # the servers are wrong. A wildcard's statistics, the order of exact ties under --sort and
    # Xapian's estimated totals can depend on the layout: those differences are listed (stderr,
    # table, JSON), not fatal.
    local line id class dq flags xq fm fw rgp plain_flags c rc strict
    : >"$sdir/check.tsv"
    for line in "${queries[@]}"; do
        IFS=$'\t' read -r id class dq flags xq fm fw rgp <<<"$line"
        [ "$flags" = - ] && flags=""
        plain_flags=$(without_facets "$flags")
        for c in one local remote; do
            rc=0
            # shellcheck disable=SC2086  # the flags are words
            "$query_bin" --db "${db_of[$c]}" -n 10 --color never --format json $plain_flags \
                --facets actor,year "$dq" >"$sdir/$id.$c.json" 2>"$sdir/$id.$c.err" || rc=$?
            [ "$rc" -le 1 ] || { say "shards: $id on $c failed: $(cat "$sdir/$id.$c.err")"; exit 1; }
        done
        strict=1
        if [[ "$dq" == *'*'* || " $flags " == *' --sort '* ]]; then strict=0; fi
        printf '%s\t%s\t%s\t%s\n' "$id" "$class" "$strict" "$dq $plain_flags" >>"$sdir/check.tsv"
    done
    python3 - "$sdir" <<'PY' || { say "shards: the shards answer differently from the single database (above; files in $sdir)"; exit 1; }
import json, sys
sdir = sys.argv[1]
def load(qid, config):
    d = json.load(open(f"{sdir}/{qid}.{config}.json"))
    return d["hits"], d["facets"], d["total"]
checked, differences = 0, []
for line in open(f"{sdir}/check.tsv", encoding="utf-8"):
    qid, cls, strict, query = line.rstrip("\n").split("\t")
    checked += 1
    hits, facets, total = load(qid, "one")
    for config in ("local", "remote"):
        h, f, t = load(qid, config)
        what = []
        if [x["passage_id"] for x in h] != [x["passage_id"] for x in hits]:
            what.append("ids")
        elif any(abs(x["score"] - y["score"]) > 1e-9 for x, y in zip(h, hits)):
            what.append("scores")
        if f != facets:
            what.append("facets")
        if t != total:
            what.append("total")
        if what:
            fatal = strict == "1" and what != ["total"]
            differences.append({"query": qid, "class": cls, "text": query.strip(),
                                "config": config, "differ": what, "fatal": fatal,
                                "one_ids": [x["passage_id"] for x in hits],
                                "ids": [x["passage_id"] for x in h]})
            print(f"bench: shards: {qid} ({query.strip()}): {config} shards differ from the single "
                  f"database in {', '.join(what)}{'' if fatal else ' (listed, not fatal)'}",
                  file=sys.stderr)
            if "ids" in what:
                print(f"  one:    {[x['passage_id'] for x in hits]}\n  {config + ':':<7} "
                      f"{[x['passage_id'] for x in h]}", file=sys.stderr)
with open(f"{sdir}/check.json", "w", encoding="utf-8") as out:
    json.dump({"checked_queries": checked,
               "same_queries": checked - len({d["query"] for d in differences}),
               "differences": differences}, out, indent=1)
sys.exit(1 if any(d["fatal"] for d in differences) else 0)
PY
    record shard_check "$name" "$sdir/check.json"
    say "$name: one database vs local and remote shards: $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["same_queries"], "of", d["checked_queries"], "queries the same (top 10, scores, facets, totals)")' "$sdir/check.json")"

    local names=(one one-facets local local-facets remote remote-facets)
    for line in "${queries[@]}"; do
        IFS=$'\t' read -r id class dq flags xq fm fw rgp <<<"$line"
        [ "$flags" = - ] && flags=""
        plain_flags=$(without_facets "$flags")
        local cmds=()
        for c in one local remote; do
            cmds+=("$query_bin --db ${db_of[$c]} -n 10 --color never $plain_flags $(sq "$dq")"
                   "$query_bin --db ${db_of[$c]} -n 10 --color never $plain_flags --facets actor,year $(sq "$dq")")
        done
        hyperfine -N -i --warmup 1 --runs "$runs" --style none \
            --export-json "$sdir/$id.timing.json" "${cmds[@]}" >/dev/null 2>"$sdir/$id.timing.err" ||
            { say "hyperfine failed on $id (shards): $(tail -3 "$sdir/$id.timing.err")"; exit 1; }
        record shards "$name" "$id" "$class" "$sdir/$id.timing.json" "$(IFS=,; echo "${names[*]}")"
    done
    say "$name: ${#queries[@]} queries timed on one database, 2 local and 2 remote shards"
    stop_servers
}

for c in "${corpora[@]}"; do
    name=${c%%=*} dir=${c#*=}
    say "== $name ($dir)"
    index_corpus "$name" "$dir"
    query_corpus "$name" "$dir"
    if has_tool shards && [ "$name" = "$shard_scale" ]; then shard_corpus "$name" "$dir"; fi
done
record load_end "$(cut -d' ' -f1-3 /proc/loadavg)"
python3 scripts/bench-report.py "$raw" "$out"
say "JSON: $out"
