#!/usr/bin/env bash
# The researcher's terminal, on a pipe (issue 9): "did you mean", context, explain, show, citations
# and provenance in CSV/JSONL, batch query ids, colour switches, grouped --help, quiet broken
# pipes for both tools, the installed man pages and bash completions. The pager and the prompt
# need a terminal: terminal_tty.sh drives them through tmux.
source "$(dirname "$0")/lib.sh"
fixtures="$DOSSIER_SOURCE_DIR/tests/data/terminal"
actors="$DOSSIER_SOURCE_DIR/corpus/actors.tsv"
db="$work/db"
article=2024-05-02-border-drills.txt  # 7 passages, two headings, a URL and an author
"$DOSSIER_INDEX" build "$fixtures" "$DOSSIER_SOURCE_DIR/corpus/articles" --db "$db" \
    --actors "$actors" --quiet
q() { "$DOSSIER_QUERY" --db "$db" "$@"; }

# --- did you mean -------------------------------------------------------------------------------
run_status rc q Pyongyan > "$work/out" 2> "$work/err"
check "misspelt word: no hits, exit 1" [ "$rc" = 1 ]
check "suggestion on stderr" grep -q 'did you mean "pyongyang"' "$work/err"
check "suggestion names the word" grep -q "'Pyongyan' is not in the corpus" "$work/err"
check "nothing on stdout" [ ! -s "$work/out" ]
run_status rc q Pyongyan --no-spelling > /dev/null 2> "$work/err"
check "--no-spelling: no suggestion" [ ! -s "$work/err" ]
run_status rc q "Pyongyan missiles" --format json > "$work/s.json" 2> "$work/err"
check "json: suggestion key" [ "$(json_get "$work/s.json" 'd["suggestion"]')" = "pyongyang missiles" ]
check "json: not on stderr too" [ "$(grep -c 'did you mean' "$work/err" || true)" = 0 ]
q missiles --format json > "$work/s.json"
check "json: null suggestion for known words" [ "$(json_get "$work/s.json" 'd["suggestion"]')" = null ]
"$DOSSIER_QUERY" --db "$db" pyongyang > /dev/null 2> "$work/err"
check "corrected query finds hits, no suggestion" [ ! -s "$work/err" ]

# --- context ------------------------------------------------------------------------------------
q "ballistic missiles" -C 1 --format jsonl > "$work/c.jsonl"
check "context before" [ "$(json_get "$work/c.jsonl" '[p["passage_id"] for p in d[0]["context"]["before"]]')" = "[\"$article#1\"]" ]
check "context after" [ "$(json_get "$work/c.jsonl" '[p["passage_id"] for p in d[0]["context"]["after"]]')" = "[\"$article#3\"]" ]
check "context text verbatim" [ "$(json_get "$work/c.jsonl" 'd[0]["context"]["after"][0]["text"].startswith("Seoul answered")')" = true ]
COLUMNS=40 q "ballistic missiles" -C 2 > "$work/c.txt"
check "text: hit pointed at among its neighbours" grep -q "▶ ¶2  Pyongyang launched" "$work/c.txt"
check "text: following passages numbered" grep -q "^     ¶4  \"We will not" "$work/c.txt"
check "pipe: no escapes" [ "$(grep -c $'\x1b' "$work/c.txt" || true)" = 0 ]
check "pipe: no wrapping (a passage stays on one line)" grep -q "^   ▶ ¶2  Pyongyang launched .* this spring\.$" "$work/c.txt"
q "ballistic missiles" -C 1 --color always > "$work/c.txt"
check "--color always: context dimmed" grep -q $'¶1  \x1b\[2mPYONGYANG LAUNCH' "$work/c.txt"
check "--color always: highlights" grep -q $'\x1b\[1;31mballistic\x1b\[0m' "$work/c.txt"
NO_COLOR=1 q "ballistic missiles" > "$work/c.txt"
check "NO_COLOR: no escapes" [ "$(grep -c $'\x1b' "$work/c.txt" || true)" = 0 ]
NO_COLOR=1 q "ballistic missiles" --color always > "$work/c.txt"
check "NO_COLOR loses to --color always" grep -q $'\x1b\[1;31m' "$work/c.txt"

# --- explain ------------------------------------------------------------------------------------
for any in all any; do
    q "missile defence launches" --match "$any" --explain --format json -n 20 > "$work/e.json"
    check "explain ($any): shares add up to every score" [ "$(json_get "$work/e.json" \
        'len(d["hits"]) > 0 and all(abs(sum(p["weight"] for p in h["explain"]["parts"]) - h["score"]) < 1e-9 * max(1, h["score"]) for h in d["hits"])')" = true ]
done
check "explain: term statistics" [ "$(json_get "$work/e.json" \
    'all(p["wdf"] > 0 and p["termfreq"] > 0 for h in d["hits"] for p in h["explain"]["parts"])')" = true ]
q "missile defence" --explain > "$work/e.txt"
check "explain in text" grep -q "explain: score" "$work/e.txt"
check "explain in text: a term line" grep -Eq '^ +[0-9]+\.[0-9]{4}  missil ' "$work/e.txt"

# --- show ---------------------------------------------------------------------------------------
q show "$article#3" > "$work/show.txt"
check "show: the article's title first" [ "$(head -1 "$work/show.txt")" = "Border drills after missile launch" ]
check "show: the passage marked" grep -q "▶ ¶3  Seoul answered" "$work/show.txt"
check "show: every passage, in order" [ "$(grep -o '¶[0-9]' "$work/show.txt" | tr -d '¶' | tr -d '\n')" = 1234567 ]
check "show: headings included" grep -q "¶5  ALLIANCE RESPONSE" "$work/show.txt"
"$DOSSIER_QUERY" show "$article" --db "$db" --format json > "$work/show.json"
check "show ARTICLE_ID as JSON" [ "$(json_get "$work/show.json" '[p["kind"] for p in d["passages"]].count("heading")')" = 2 ]
check "show: nothing marked for an article id" [ "$(json_get "$work/show.json" 'd["marked"]')" = null ]
run_status rc q show "$article#99" > /dev/null 2> "$work/err"
check "show: unknown id exits 1" [ "$rc" = 1 ]
check "show: one line saying so" [ "$(wc -l < "$work/err")" = 1 ]

# --- citing: CSV and JSONL provenance, --cite -------------------------------------------------
q missiles --format csv -n 50 > "$work/hits.csv"
check "csv: provenance in every row, text re-found at its offsets" [ "$(python3 - "$work/hits.csv" "$db" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
ok = len(rows) > 0
for r in rows:
    ok &= all(r[k] != "" for k in ("passage_id", "article_id", "source", "begin", "end", "date",
                                   "build_id", "query", "query_id", "citation"))
    ok &= r["passage_id"] in r["citation"] and r["query"] == "missiles"
print(ok)
PY
)" = True ]
for source in "$fixtures" "$DOSSIER_SOURCE_DIR/corpus/articles"; do
    check "csv: begin/end re-find the text in its source ($(basename "$source"))" [ "$(python3 - "$work/hits.csv" "$source" <<'PY'
import csv, os, sys
ok = True
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    path = os.path.join(sys.argv[2], r["source"])
    if os.path.exists(path):
        raw = open(path, "rb").read()
        ok &= raw[int(r["begin"]):int(r["end"])].decode() == r["text"]
print(ok)
PY
)" = True ]
done
check "csv: the URL when the article has one" grep -q "https://example.org/dossier-tests/border-drills" "$work/hits.csv"
q missiles --cite -n 3 > "$work/cite.txt"
check "--cite: one line per hit" [ "$(wc -l < "$work/cite.txt")" = 3 ]
check "--cite: speaker or author, title, date, URL, passage id" grep -q \
    "^Dossier test desk, \"Border drills after missile launch,\" 2024-05-02, https://example.org/dossier-tests/border-drills \[$article#[0-9]\]$" "$work/cite.txt"

# --- batch: --queries alias, query ids ----------------------------------------------------------
printf 'q1\tmissiles\nq2\tPyongyang\n# a comment\nalliance\n' > "$work/queries.tsv"
q --queries "$work/queries.tsv" --format jsonl > "$work/b.jsonl"
check "--queries: jsonl has the query id on every hit" [ "$(json_get "$work/b.jsonl" \
    'all("query_id" in h for h in d) and sorted({h["query_id"] for h in d}) == ["3", "q1", "q2"]')" = true ]
check "--queries: query id matches its query" [ "$(json_get "$work/b.jsonl" \
    'all({"q1": "missiles", "q2": "Pyongyang", "3": "alliance"}[h["query_id"]] == h["query"] for h in d)')" = true ]
q --batch "$work/queries.tsv" --format csv > "$work/b.csv"
check "batch csv: one header for the whole table" [ "$(grep -c '^rank,score,' "$work/b.csv")" = 1 ]
check "batch csv: rows of every query" [ "$(python3 -c 'import csv,sys; print(sorted({r["query_id"] for r in csv.DictReader(open(sys.argv[1]))}))' "$work/b.csv")" = "['3', 'q1', 'q2']" ]

# --- help grouped by job ------------------------------------------------------------------------
"$DOSSIER_QUERY" --help > "$work/help.txt"
for group in Searching Filtering Counting Reading "Citing and exporting" Database; do
    check "--help group: $group" grep -q "^$group:$" "$work/help.txt"
done
check "--help: one example per group" [ "$(grep -c '^  example: dossier-query' "$work/help.txt")" = 6 ]

# --- broken pipe: big outputs, quiet exit 0 -----------------------------------------------------
printf 'q%s\tthe defence missiles alliance\n' $(seq 1 400) > "$work/many.tsv"
set +e
q --queries "$work/many.tsv" --match any -n 1000 --format jsonl 2> "$work/err" | head -c 100 > /dev/null
status=("${PIPESTATUS[@]}")
set -e
check "dossier-query | head: exit 0" [ "${status[0]}" = 0 ]
check "dossier-query | head: nothing on stderr" [ ! -s "$work/err" ]
mkdir -p "$work/empties"
for i in $(seq 1 1500); do : > "$work/empties/empty-file-with-a-long-name-$i.txt"; done
set +e
"$DOSSIER_INDEX" build "$work/empties" --db "$work/empties.db" --json 2> "$work/err" | head -c 10 > /dev/null
status=("${PIPESTATUS[@]}")
set -e
check "dossier-index | head: exit 0" [ "${status[0]}" = 0 ]
check "dossier-index | head: no broken-pipe message" [ "$(grep -ci 'pipe' "$work/err" || true)" = 0 ]

# --- man pages and completions, as cmake --install lays them out ------------------------------
build_dir=$(cd "$(dirname "$DOSSIER_QUERY")/.." && pwd)
if [ -f "$build_dir/docs/dossier-query.1" ]; then
    cmake --install "$build_dir" --prefix "$work/prefix" > /dev/null
    for tool in dossier-index dossier-query; do
        check "man page installed: $tool" [ -s "$work/prefix/share/man/man1/$tool.1" ]
        check "completion installed: $tool" [ -s "$work/prefix/share/bash-completion/completions/$tool" ]
    done
    check "man page: options grouped by job" grep -q '^\.SS "Filtering:"' "$work/prefix/share/man/man1/dossier-query.1"
    check "man page: show subcommand" grep -q 'COMMAND SHOW' "$work/prefix/share/man/man1/dossier-query.1"
    check "man page: build subcommand" grep -q 'COMMAND BUILD' "$work/prefix/share/man/man1/dossier-index.1"
else
    echo "note: no man pages in $build_dir (help2man missing): install checks skipped"
fi
completions="$DOSSIER_SOURCE_DIR/docs/completions"
complete_line() {  # complete_line SCRIPT WORDS...: the candidates for the last word
    local script=$1; shift
    PATH="$(dirname "$DOSSIER_INDEX"):$PATH" DOSSIER_DB="$db" bash -c '
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        complete -p "${COMP_WORDS[0]}" | grep -q -- "-F" || exit 1
        fn=$(complete -p "${COMP_WORDS[0]}" | sed -E "s/.*-F ([^ ]+).*/\1/")
        "$fn"; printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$completions/$script" "$@"
}
check "completion: options" [ "$(complete_line dossier-query dossier-query --for)" = "--format" ]
check "completion: formats" [ "$(complete_line dossier-query dossier-query --format js | tr '\n' ' ')" = "json jsonl " ]
check "completion: actor ids from the database" [ "$(complete_line dossier-query dossier-query --actor PR)" = PRK ]
check "completion: subcommands" [ "$(complete_line dossier-query dossier-query sh)" = show ]
check "completion: index subcommands" [ "$(complete_line dossier-index dossier-index st)" = stats ]
check "completion: index build flags" [ "$(complete_line dossier-index dossier-index build --fu)" = --full ]
finish
