#!/usr/bin/env bash
# Actors and quotations end to end: the seed's actors and speakers, filters by id and by name,
# facets, the actors listing, and the SOTU timeline for North Korea.
source "$(dirname "$0")/lib.sh"
seed="$DOSSIER_SHARED_DIR/seed"
actors="$DOSSIER_SOURCE_DIR/corpus/actors.tsv"

# Always: the team's articles (no third-party text needed).
db="$work/articles"
"$DOSSIER_INDEX" build "$DOSSIER_SOURCE_DIR/corpus/articles" --db "$db" --actors "$actors" --quiet
"$DOSSIER_QUERY" --db "$db" --format jsonl --actor "South Korea" -n 50 "" > "$work/kor.jsonl" 2>/dev/null || true
"$DOSSIER_QUERY" --db "$db" --format jsonl --actor Seoul -n 50 "" > "$work/seoul.jsonl" 2>/dev/null || true
check "--actor by name = by capital" cmp -s "$work/kor.jsonl" "$work/seoul.jsonl"
check "--actor filter: every hit carries KOR" [ "$(json_get "$work/kor.jsonl" 'len(d) > 0 and all("KOR" in h["actors"] for h in d)')" = true ]
"$DOSSIER_QUERY" --db "$db" --format jsonl -n 50 "actor:Pyongyang" > "$work/prk.jsonl"
check "actor: field resolves names" [ "$(json_get "$work/prk.jsonl" 'len(d) > 0 and all("PRK" in h["actors"] for h in d)')" = true ]
run_status rc "$DOSSIER_QUERY" --db "$db" --actor "Nroth Korea" "troops" > /dev/null 2> "$work/err"
check "unknown actor exits 2" [ "$rc" = 2 ]
check "unknown actor suggests close matches" grep -q "did you mean: .*PRK" "$work/err"
"$DOSSIER_INDEX" actors --db "$db" --json > "$work/actors.json"
check "actors listing has passage and article counts" [ "$(json_get "$work/actors.json" \
    'any(r["id"] == "JPN" and r["passages"] >= 2 and r["articles"] >= 2 for r in d)')" = true ]
"$DOSSIER_QUERY" --db "$db" --format json --facets actor --actor PRK -n 0 "" > "$work/co.json"
check "co-occurrence: who is mentioned with North Korea" [ "$(json_get "$work/co.json" \
    'd["facets"]["actor"]["PRK"] == d["total"] and "USA" in d["facets"]["actor"]')" = true ]

if [ -d "$seed" ]; then
    db="$work/seed"
    "$DOSSIER_INDEX" build "$seed" --db "$db" --actors "$actors" --quiet
    para() {  # para "opening words" -> the passage's JSON
        "$DOSSIER_QUERY" --db "$db" --format jsonl -n 30 --match any "$1" | python3 -c '
import json, sys
start = sys.argv[1]
for line in sys.stdin:
    h = json.loads(line)
    if h["text"].startswith(start) or h["text"].lstrip("\"“").startswith(start):
        print(line.strip()); break' "$1"
    }
    para "South Korea hosts about 28,500 US troops" > "$work/p.json"
    check "28,500 troops: KOR, USA, PRK" [ "$(json_get "$work/p.json" '{"KOR", "USA", "PRK"} <= set(d["actors"])')" = true ]
    check "Seoul's budget: KOR" [ "$(json_get "$work/p.json" '"KOR" in d["actors"]')" = true ]
    para "North Korea routinely criticises" > "$work/p.json"
    check "Washington's hegemonic zeal: USA" [ "$(json_get "$work/p.json" '"USA" in d["actors"]')" = true ]
    para "China, which describes Taiwan" > "$work/p.json"
    check "Beijing's sovereignty claims: CHN" [ "$(json_get "$work/p.json" '"CHN" in d["actors"]')" = true ]
    para "The Pentagon's top policy official, Elbridge Colby" > "$work/p.json"
    check "Colby linked to USA.DOD" [ "$(json_get "$work/p.json" '"USA.DOD" in d["actors"] and any(a.startswith("PERSON.") for a in d["actors"])')" = true ]

    "$DOSSIER_QUERY" --db "$db" --quotes --format jsonl "South Korea responsibility" > "$work/q.jsonl"
    check "--quotes: NDS quotation first" [ "$(json_get "$work/q.jsonl" 'd[0]["text"].startswith("\"South Korea is capable")')" = true ]
    check "kind quote, speaker USA.DOD" [ "$(json_get "$work/q.jsonl" 'd[0]["kind"] == "quote" and d[0]["speaker"] == "USA.DOD"')" = true ]
    para "This shift in the balance" > "$work/p.json"
    check "bare quotation paragraph continues the Pentagon" [ "$(json_get "$work/p.json" 'd["speaker"]')" = USA.DOD ]
    para "We will be cooperating closely" > "$work/p.json"
    check "'it said' is the defence ministry" [ "$(json_get "$work/p.json" 'd["speaker"]')" = KOR.MND ]
    para "This does not require regime change" > "$work/p.json"
    check "'the document said' is the Pentagon" [ "$(json_get "$work/p.json" 'd["speaker"]')" = USA.DOD ]
    for start in "The Pentagon foresees" "Its defence ministry said" "China's defence ministry has repeatedly"; do
        para "$start" > "$work/p.json"
        check "scare quotes are not quotations: $start" [ "$(json_get "$work/p.json" 'd["kind"]')" = paragraph ]
    done
    "$DOSSIER_QUERY" --db "$db" --speaker KOR.MND --format jsonl "" > "$work/mnd.jsonl"
    check "--speaker KOR.MND: only the ministry's quotation" [ "$(json_get "$work/mnd.jsonl" 'len(d) == 1 and d[0]["text"].startswith("\"We will be cooperating")')" = true ]
    "$DOSSIER_QUERY" --db "$db" --speaker "the Pentagon" --format jsonl "" > "$work/pent.jsonl"
    check "--speaker by name" [ "$(json_get "$work/pent.jsonl" 'len(d) == 3')" = true ]
    "$DOSSIER_QUERY" --db "$db" --quotes --facets speaker --format json -n 0 "" > "$work/sp.json"
    check "speaker facet: USA.DOD 3, KOR.MND 1" [ "$(json_get "$work/sp.json" 'd["facets"]["speaker"] == {"USA.DOD": 3, "KOR.MND": 1}')" = true ]
else
    echo "SKIPPED part: no $seed"
fi

sotu="$DOSSIER_SOURCE_DIR/corpus/fetched/sotu"
if [ -f "$sotu/.complete" ]; then
    db="$work/sotu"
    "$DOSSIER_INDEX" build "$sotu" --db "$db" --actors "$actors" --quiet
    "$DOSSIER_QUERY" --db "$db" --format csv --timeline year --actor PRK -n 0 "war" > "$work/tl.csv"
    # Passage level: North Korea and "war" in the same passage. The 1950s (Korean War) lead;
    # the 2000s addresses speak of North Korea's weapons, rarely of war, in the same passage.
    check "PRK war timeline peaks in the 1950s" python3 - "$work/tl.csv" <<'PY'
import csv, sys
by_decade = {}
for r in csv.DictReader(open(sys.argv[1])):
    by_decade[r["year"][:3] + "0s"] = by_decade.get(r["year"][:3] + "0s", 0) + int(r["count"])
print(by_decade)
sys.exit(0 if max(by_decade, key=by_decade.get) == "1950s" else 1)
PY
    "$DOSSIER_QUERY" --db "$db" --format json --facets year --actor PRK -n 0 --from 2000 --to 2009 "" > "$work/prk2000s.json"
    check "North Korea named in the 2000s addresses" [ "$(json_get "$work/prk2000s.json" 'd["total"] >= 5')" = true ]
    "$DOSSIER_QUERY" --db "$db" --format jsonl -n 200 '"George Washington"' > "$work/gw.jsonl"
    # The name is the person (whose ancestors include the US through the presidency), never
    # the country by way of "Washington".
    check "George Washington is the person" [ "$(json_get "$work/gw.jsonl" \
        'len(d) > 5 and all("PERSON.WASHINGTON" in h["actors"] for h in d)')" = true ]
else
    echo "SKIPPED part: SOTU not fetched"
fi
finish
