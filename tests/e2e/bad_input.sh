#!/usr/bin/env bash
# Bad input never stops the run: each bad file gets one stderr line naming it and the reason,
# the good files are indexed, nothing already indexed is lost, --strict exits 1. The run uses the
# gazetteer, so that actor tagging and quote attribution see the bad files too.
source "$(dirname "$0")/lib.sh"
corpus="$work/corpus"
mkdir -p "$corpus"
cp "$DOSSIER_SOURCE_DIR"/tests/data/bad/* "$corpus/"
cp "$DOSSIER_SOURCE_DIR"/corpus/articles/2025-03-14-quad-maritime.txt "$corpus/good.txt"
ln -s "$work/nowhere.txt" "$corpus/dangling.txt"       # unreadable: the target does not exist
head -c 3000 /dev/urandom > "$corpus/random.txt"      # binary noise
mkdir -p "$corpus/loop" && ln -s .. "$corpus/loop/up"  # a folder loop through a symlink
ln -s /proc/self/mem "$corpus/io-error.txt"            # readable by name, EIO on read (even root)
bad_files=(binary.txt empty.txt invalid-utf8.txt whitespace-only.txt dangling.txt random.txt
           nul-bytes.txt io-error.txt)
if [ "$(id -u)" != 0 ]; then                           # root reads a mode-000 file anyway
    cp "$DOSSIER_SOURCE_DIR"/corpus/articles/2024-11-02-nato-eastern-flank.md "$corpus/unreadable.md"
    chmod 000 "$corpus/unreadable.md"
    bad_files+=(unreadable.md)
fi
# A JSONL record whose metadata nests a million lists deep (a recursion would overflow the
# stack), between two good records.
python3 -c '
n = 1000000
print("{\"id\": \"before\", \"date\": \"2025-02-01\", \"text\": \"Sonar buoys were laid.\"}")
print("{\"id\": \"deep\", \"date\": \"2025-02-02\", \"text\": \"Deep.\", \"tags\": " + "[" * n + "]" * n + "}")
print("{\"id\": \"after\", \"date\": \"2025-02-03\", \"text\": \"Minesweepers followed.\"}")
' > "$corpus/deep.jsonl"
db="$work/db"
actors="$DOSSIER_SOURCE_DIR/corpus/actors.tsv"

run_status rc "$DOSSIER_INDEX" build "$corpus" --db "$db" --actors "$actors" --json > "$work/s.json" 2> "$work/err"
cat "$work/err" >&2
check "exit 0 without --strict" [ "$rc" = 0 ]
for f in "${bad_files[@]}"; do
    check "$f reported on one line" [ "$(grep -c "$f" "$work/err")" = 1 ]
done
check "NUL byte named" grep -q "nul-bytes.txt: binary file (NUL byte at" "$work/err"
check "I/O error named" grep -q "io-error.txt: cannot read: Input/output error" "$work/err"
check "nested quotes indexed" "$DOSSIER_QUERY" --db "$db" -n 1 "coastal radar stations" > /dev/null
check "the nested quotation itself indexed" "$DOSSIER_QUERY" --db "$db" -n 1 "alliance will hold" > /dev/null
check "deep JSONL record indexed" "$DOSSIER_QUERY" --db "$db" -n 1 "sonar buoys" > /dev/null
check "record after it indexed" "$DOSSIER_QUERY" --db "$db" -n 1 "minesweepers" > /dev/null
check "undated warned" grep -q "undated.txt: .*undated" "$work/err"
check "31 February warned" grep -q "feb-31.txt" "$work/err"
check "broken JSONL line named" grep -q "broken-line.jsonl: line" "$work/err"
check "every error line starts with the program name" \
    [ "$(grep -vc '^dossier-index: ' "$work/err")" = 0 ]
check "good file indexed" "$DOSSIER_QUERY" --db "$db" -n 1 "maritime surveillance" > /dev/null
check "other JSONL lines indexed" [ "$(json_get "$work/s.json" 'd["articles"] >= 4')" = true ]
check "exactly the bad files failed" [ "$(json_get "$work/s.json" 'd["failed"]')" = "${#bad_files[@]}" ]
check "each failure has its reason" [ "$(json_get "$work/s.json" 'all(f["reason"] for f in d["failures"])')" = true ]
check "the database checks clean" "$DOSSIER_INDEX" check --db "$db" > /dev/null

# Nothing already in the database is lost when a good file turns bad.
before=$(json_get "$work/s.json" 'd["total_passages"]')
printf '\xff\xfe broken now' > "$corpus/good.txt"
run_status rc "$DOSSIER_INDEX" build "$corpus" --db "$db" --actors "$actors" --json > "$work/s2.json" 2>/dev/null
check "passages kept after file went bad" [ "$(json_get "$work/s2.json" 'd["total_passages"]')" = "$before" ]
check "still findable" "$DOSSIER_QUERY" --db "$db" -n 1 "maritime surveillance" > /dev/null

run_status rc "$DOSSIER_INDEX" build "$corpus" --db "$db" --actors "$actors" --strict --quiet 2>/dev/null
check "--strict exits 1" [ "$rc" = 1 ]

# A 200 MB single line is refused quickly by the line limit, not indexed, not fatal.
big="$work/big"
mkdir -p "$big"
head -c 200000000 /dev/zero | tr '\0' 'a' > "$big/huge.txt"
cp "$DOSSIER_SOURCE_DIR"/corpus/articles/2025-03-14-quad-maritime.txt "$big/ok.txt"
run_status rc "$DOSSIER_INDEX" build "$big" --db "$work/db2" --actors none --json > "$work/s3.json" 2> "$work/err3"
check "huge file: run completes" [ "$rc" = 0 ]
check "huge file named" grep -q "huge.txt" "$work/err3"
check "ok file next to it indexed" [ "$(json_get "$work/s3.json" 'd["added"]')" = 1 ]
finish
