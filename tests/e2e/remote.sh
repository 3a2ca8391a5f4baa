#!/usr/bin/env bash
# Scale-out: `dossier-index build --shards 2` writes two shards and a stub; searched through it,
# and served by xapian-tcpsrv on loopback, they return exactly what one database returns: ids,
# order, facet counts, scores within 1e-9. Incremental rebuilds work per shard; compact merges.
source "$(dirname "$0")/lib.sh"
command -v xapian-tcpsrv > /dev/null || skip "xapian-tcpsrv not installed (xapian-tools)"
corpus="$work/all"
mkdir -p "$corpus"
cp "$DOSSIER_SOURCE_DIR"/corpus/articles/* "$DOSSIER_SOURCE_DIR"/tests/data/articles/* "$corpus/"
sotu="$DOSSIER_SOURCE_DIR/corpus/fetched/sotu"
if [ -f "$sotu/.complete" ]; then cp "$sotu"/19[4-9]*.txt "$corpus/"; fi
actors="$DOSSIER_SOURCE_DIR/corpus/actors.tsv"
"$DOSSIER_INDEX" build "$corpus" --db "$work/one" --actors "$actors" --quiet 2>/dev/null
"$DOSSIER_INDEX" build "$corpus" --db "$work/sharded" --shards 2 --actors "$actors" --json \
    > "$work/sharded.json" 2>/dev/null
check "two shard folders and a stub" [ -f "$work/sharded/XAPIANDB" ] && [ -d "$work/sharded/shard-1" ]
check "every passage in exactly one shard" [ "$(json_get "$work/sharded.json" 'd["total_passages"]')" = \
    "$("$DOSSIER_INDEX" stats --db "$work/one" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["passages"])')" ]
for n in 0 1; do
    "$DOSSIER_INDEX" stats --db "$work/sharded/shard-$n" --json > "$work/stats$n.json"
    check "shard $n holds passages" [ "$(json_get "$work/stats$n.json" 'd["passages"] > 0')" = true ]
done
check "sharded database checks clean" "$DOSSIER_INDEX" check --db "$work/sharded" > /dev/null

# Two servers on ports the kernel picks free; stopped on exit, also when a check fails. Each runs
# in a session of its own: xapian-tcpsrv signals its whole process group when it stops, which
# must not reach this script or ctest.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pids=()
stop_server() { kill -- "-$1" 2>/dev/null || true; }
cleanup() { for p in "${pids[@]}"; do stop_server "$p"; done; rm -rf "$work"; }
trap cleanup EXIT
for n in 0 1; do
    port=$(free_port)
    setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$work/sharded/shard-$n" > "$work/srv$n.log" 2>&1 &
    pids+=($!)
    echo "remote 127.0.0.1:$port" >> "$work/remote.stub"
done
# Wait (bounded) until both servers accept connections.
for _ in $(seq 1 100); do
    if "$DOSSIER_QUERY" --db "$work/remote.stub" -n 1 "the" > /dev/null 2>&1; then break; fi
    python3 -c 'import time; time.sleep(0.05)'
done
printf 'auto %s\n' "$work/sharded" > "$work/local.stub"  # the folder's own stub, via a stub

same() {  # same "description" query-args...: one database vs local stub vs remote stub
    local what=$1; shift
    "$DOSSIER_QUERY" --db "$work/one" --format json "$@" > "$work/one.json" 2>/dev/null || true
    for stub in local remote; do
        "$DOSSIER_QUERY" --db "$work/$stub.stub" --format json "$@" > "$work/$stub.json" 2>/dev/null || true
        check "$what ($stub shards)" python3 - "$work/one.json" "$work/$stub.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
# `total` is Xapian's estimate, which depends on how the postings are split; it is exact (and
# must agree) when facets are counted.
ok = a["facets"] == b["facets"] and len(a["hits"]) == len(b["hits"])
if a["facets"]:
    ok = ok and a["total"] == b["total"]
for x, y in zip(a["hits"], b["hits"]):
    ok = ok and x["passage_id"] == y["passage_id"] and abs(x["score"] - y["score"]) < 1e-9
    ok = ok and x["highlights"] == y["highlights"] and x["actors"] == y["actors"]
if not ok:
    print("one:", [(h["passage_id"], h["score"]) for h in a["hits"]], a["total"], a["facets"])
    print("shards:", [(h["passage_id"], h["score"]) for h in b["hits"]], b["total"], b["facets"])
sys.exit(0 if ok else 1)
PY
    done
}
same "plain words" -n 20 "defence alliance"
same "any word" -n 20 --match any "missile troops budget"
same "phrase" -n 10 '"air defence"'
same "facets" -n 5 --facets actor,speaker,year,month,kind "war"
same "facets per article" -n 5 --facets actor,year --facet-unit article "war"
same "collapse" -n 20 --per-article 1 "war"
same "date filter" -n 20 --from 1950 --to 1960 "war"
same "sort newest" -n 20 --sort newest "defence"
same "sort oldest" -n 20 --sort oldest "defence"
same "actor filter" -n 20 --actor KOR "war"
same "quotes only" -n 20 --quotes "said"

# A shard that does not answer: a clear error naming it.
stop_server "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true
run_status rc "$DOSSIER_QUERY" --db "$work/remote.stub" "war" > /dev/null 2> "$work/err"
check "dead shard: exit 2" [ "$rc" = 2 ]
check "dead shard: one line" [ "$(wc -l < "$work/err")" = 1 ]
check "dead shard: the error names it" grep -q "remote 127.0.0.1:" "$work/err"
run_status rc "$DOSSIER_QUERY" --db "$work/remote.stub" --allow-partial --format jsonl -n 100 "war" > "$work/partial.jsonl" 2> "$work/err"
check "--allow-partial: results from the live shard" [ "$rc" = 0 ]
check "--allow-partial: a warning names the dead shard" grep -q "warning: remote 127.0.0.1:.*searching the other shards" "$work/err"
"$DOSSIER_QUERY" --db "$work/sharded/shard-0" --format jsonl -n 100 "war" > "$work/shard0.jsonl"
check "--allow-partial: same ids as the live shard alone" [ "$(json_get "$work/partial.jsonl" '[h["passage_id"] for h in d]')" = "$(json_get "$work/shard0.jsonl" '[h["passage_id"] for h in d]')" ]

# Incremental per shard: a new article lands in one shard, a rebuild of nothing changes nothing.
printf 'title: Late addition\ndate: 2026-02-01\n\nA paragraph about hypersonic glide vehicles.\n' > "$corpus/late.txt"
"$DOSSIER_INDEX" build "$corpus" --db "$work/sharded" --actors "$actors" --json > "$work/inc.json" 2>/dev/null
check "rebuild keeps the shard count and adds one file" [ "$(json_get "$work/inc.json" 'd["added"]')" = 1 ]
check "the new article is found across shards" "$DOSSIER_QUERY" --db "$work/sharded" -n 1 "hypersonic glide" > /dev/null
run_status rc "$DOSSIER_INDEX" build "$corpus" --db "$work/sharded" --shards 3 --actors "$actors" --quiet 2> "$work/err"
check "a different shard count is a usage error" [ "$rc" = 2 ]

# Compact merges the shards into one ordinary database with the same results.
"$DOSSIER_INDEX" compact --db "$work/sharded" --out "$work/merged"
check "merged database checks clean" "$DOSSIER_INDEX" check --db "$work/merged" > /dev/null
"$DOSSIER_QUERY" --db "$work/sharded" --format trec -n 50 "defence war" > "$work/s.trec"
"$DOSSIER_QUERY" --db "$work/merged" --format trec -n 50 "defence war" > "$work/m.trec"
check "merged ranks like the shards" cmp -s "$work/s.trec" "$work/m.trec"
finish
