#!/usr/bin/env python3
"""SQLite FTS5 bm25 baseline for scripts/ranking-table.sh.

Usage: scripts/baselines/fts5_baseline.py DOCS.jsonl TOPICS.tsv [--depth N] [--run-id ID] > RUN

Indexes every {"id", "title", "text"} record of DOCS.jsonl in an in-memory FTS5 table
(columns title and text, tokenizer 'porter unicode61': Porter stemming, case folded, the
strongest of FTS5's built-in set-ups), runs each query of TOPICS.tsv (qid<TAB>query) as the OR of
its words, ranks by FTS5's bm25() (k1 = 1.2, b = 0.75, both columns weight 1) and writes a TREC
run on stdout. Standard library only; exits 2 when this python's sqlite3 lacks FTS5.
"""

import json
import math
import re
import sqlite3
import sys

WORD = re.compile(r"\w+")


def main(argv):
    args = argv[1:]
    depth, run_id = 1000, "sqlite-fts5-bm25"
    positional = []
    i = 0
    while i < len(args):
        if args[i] in ("--depth", "--run-id") and i + 1 < len(args):
            if args[i] == "--depth":
                depth = int(args[i + 1])
            else:
                run_id = args[i + 1]
            i += 2
        elif args[i].startswith("-"):
            print(__doc__.strip(), file=sys.stderr)
            return 2
        else:
            positional.append(args[i])
            i += 1
    if len(positional) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    docs_path, topics_path = positional

    db = sqlite3.connect(":memory:")
    try:
        db.execute("CREATE VIRTUAL TABLE docs USING fts5(docno UNINDEXED, title, text, "
                   "tokenize='porter unicode61')")
    except sqlite3.OperationalError as e:
        print(f"fts5_baseline.py: this sqlite3 ({sqlite3.sqlite_version}) has no FTS5: {e}",
              file=sys.stderr)
        return 2
    with open(docs_path, encoding="utf-8") as f:
        rows = []
        for line in f:
            if line.strip():
                d = json.loads(line)
                title, text = d.get("title", ""), d.get("text", "")
                # convert_ir.py repeats the title as text for a title-only document; index it
                # once, as the original collection has it.
                rows.append((str(d["id"]), title, "" if text == title else text))
    db.executemany("INSERT INTO docs(docno, title, text) VALUES (?, ?, ?)", rows)

    out = sys.stdout
    with open(topics_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            qid, _, query = line.rstrip("\n").partition("\t")
            # Each word quoted: FTS5 then reads it as a term, never as an operator or column.
            words = [w.lower() for w in WORD.findall(query)]
            if not words:
                continue
            match = " OR ".join(f'"{w}"' for w in dict.fromkeys(words))
            hits = db.execute("SELECT docno, bm25(docs) FROM docs WHERE docs MATCH ? "
                              "ORDER BY bm25(docs), rowid LIMIT ?", (match, depth)).fetchall()
            # bm25() is lower-is-better; the run wants higher-is-better, strictly decreasing so
            # trec_eval keeps SQLite's order on ties.
            previous = math.inf
            for rank, (docno, score) in enumerate(hits, 1):
                score = -score
                if score >= previous:
                    score = math.nextafter(previous, -math.inf)
                previous = score
                out.write(f"{qid.strip()} Q0 {docno} {rank} {score!r} {run_id}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
