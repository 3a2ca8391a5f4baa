#!/usr/bin/env python3
"""Convert the classic IR test collections to the files `dossier-query eval` reads.

Usage: scripts/convert_ir.py [--no-count-check] SRC_DIR OUT_DIR [names...]

SRC_DIR holds one folder per collection in its original SMART-era files (as in
../shared/data/ir: adi cacm cisi cran lisa med npl). For each collection NAME this writes

  OUT_DIR/NAME/docs.jsonl   one {"id", "title", "text"} per document; text excludes the title
                            (a title-only document repeats it as text), whitespace folded to
                            single spaces; id is the docno used in qrels
  OUT_DIR/NAME/topics.tsv   qid<TAB>query text on one line, every query of the collection
  OUT_DIR/NAME/qrels.txt    TREC qrels "qid 0 docno grade", qids matching topics.tsv

then prints the counts (documents, queries, queries with judgments, judged pairs, relevant
pairs) and exits 1 if they differ from the published ones (unless --no-count-check, for small
fixtures), if a qrels line points at an unknown query or document, or if a file is malformed.
Standard library only; the collections themselves never enter the repository.

Choices worth knowing (see tests/ranking/README.md):
  * grade: binary collections get 1. CRAN's Cleverdon codes (1 = complete answer ... 4 = minimum
    interest) become gains 4..1 so that trec_eval's nDCG rewards the best documents most; its
    -1 code (one per query) becomes 0, judged not relevant.
  * CRAN queries are numbered by position (1..225), as cranqrel numbers them, not by their .I
    (001..365 with gaps). CACM's query.text ends with an empty `.I 0`, which is dropped, and its
    qrels qids lose their leading zero ("01" -> "1").
  * CRAN's .W repeats the title before the abstract; the repeat is cut from the text.
  * queries: CISI's .T (when present) and .W joined; elsewhere the query body only (.W, NPL
    and LISA text; LISA's closing '#' removed).
"""

import json
import re
import sys
from pathlib import Path

# Published counts (shared/data/README.md): docs, queries, queries with judgments, judged pairs.
EXPECTED = {
    "adi": (82, 35, 35, 170),
    "cacm": (3204, 64, 52, 796),
    "cisi": (1460, 112, 76, 3114),
    "cran": (1400, 225, 225, 1837),
    "med": (1033, 30, 30, 696),
    "npl": (11429, 93, 93, 2083),
    "lisa": (5999, 35, 35, 379),
}

FIELD = re.compile(r"^\.([A-Z])(?:\s+(.*?))?\s*$")


class ConvertError(Exception):
    pass


def fold(text):
    """Whitespace runs (newlines included) to one space, ends trimmed."""
    return " ".join(text.split())


def read_text(path):
    # The files are ASCII; latin-1 never fails, so a stray byte cannot stop a conversion.
    return Path(path).read_text(encoding="latin-1")


def parse_smart(path):
    """SMART `.I id` records with `.X` fields: a list of (id, {letter: text})."""
    records = []
    current = None
    field = None
    for number, line in enumerate(read_text(path).splitlines(), 1):
        m = FIELD.match(line)
        if m and m.group(1) == "I":
            if not m.group(2):
                raise ConvertError(f"{path}: line {number}: .I without an id")
            current = (m.group(2), {})
            records.append(current)
            field = None
        elif m and not m.group(2):
            if current is None:
                raise ConvertError(f"{path}: line {number}: field before the first .I")
            field = m.group(1)
            current[1].setdefault(field, [])
        elif current is not None and field is not None:
            current[1][field].append(line)
        elif line.strip():
            raise ConvertError(f"{path}: line {number}: text outside a field")
    return [(rid, {k: "\n".join(v) for k, v in fields.items()}) for rid, fields in records]


def plain_id(text):
    """'001' -> '1': numeric ids written as plain integers, as the qrels use them."""
    text = text.strip()
    if not text.isdigit():
        raise ConvertError(f"id {text!r} is not a number")
    return str(int(text))


def smart_docs(path, title_field="T", text_fields=("W",)):
    docs = []
    for rid, fields in parse_smart(path):
        title = fold(fields.get(title_field, "")) if title_field else ""
        text = fold(" ".join(fields[f] for f in text_fields if f in fields))
        docs.append({"id": plain_id(rid), "title": title, "text": text})
    return docs


def smart_queries(path, fields=("W",)):
    queries = []
    for rid, rec in parse_smart(path):
        text = fold(" ".join(rec[f] for f in fields if f in rec))
        if not text:
            continue  # CACM's trailing empty `.I 0`
        queries.append((plain_id(rid), text))
    return queries


def whitespace_qrels(path, qid_col, doc_col, grade=lambda cols: 1):
    """Qrels from a file of whitespace-separated columns."""
    pairs = []
    for number, line in enumerate(read_text(path).splitlines(), 1):
        cols = line.split()
        if not cols:
            continue
        try:
            pairs.append((plain_id(cols[qid_col]), plain_id(cols[doc_col]), grade(cols)))
        except (IndexError, ValueError, ConvertError) as e:
            raise ConvertError(f"{path}: line {number}: {e}") from None
    return pairs


def slash_blocks(path):
    """NPL: blocks of lines ended by a line holding only '/' (the last one may lack it)."""
    blocks, current = [], []
    for line in read_text(path).splitlines():
        if line.strip() == "/":
            blocks.append(current)
            current = []
        else:
            current.append(line)
    if any(line.strip() for line in current):
        blocks.append(current)
    return [b for b in blocks if any(line.strip() for line in b)]


def id_and_text(block):
    lines = [line for line in block if line.strip()]
    return plain_id(lines[0]), fold(" ".join(lines[1:]))


# --------------------------------------------------------------------------------------------
# One function per collection: (docs, queries, qrels) with qrels as (qid, docno, grade).


def convert_adi(src):
    docs = smart_docs(src / "ADI.ALL")
    queries = smart_queries(src / "ADI.QRY")
    qrels = whitespace_qrels(src / "ADI.REL", 0, 1)  # "q d 0 0.0"
    return docs, queries, qrels


def convert_cacm(src):
    docs = smart_docs(src / "cacm.all")
    queries = smart_queries(src / "query.text")
    qrels = whitespace_qrels(src / "qrels.text", 0, 1)  # "01 1410  0 0"
    return docs, queries, qrels


def convert_cisi(src):
    docs = smart_docs(src / "CISI.ALL")
    queries = smart_queries(src / "CISI.QRY", fields=("T", "W"))
    qrels = whitespace_qrels(src / "CISI.REL", 0, 1)
    return docs, queries, qrels


def convert_cran(src):
    docs = []
    for rid, fields in parse_smart(src / "cran.all.1400"):
        title = fold(fields.get("T", ""))
        text = fold(fields.get("W", ""))
        # .W opens with the title again; keep it once, in the title.
        if title and text.startswith(title):
            text = text[len(title):].lstrip()
        docs.append({"id": plain_id(rid), "title": title, "text": text})
    queries = []
    for position, (rid, rec) in enumerate(parse_smart(src / "cran.qry"), 1):
        queries.append((str(position), fold(rec.get("W", ""))))

    def cleverdon(cols):
        code = int(cols[2])
        if code == -1:
            return 0
        if not 1 <= code <= 4:
            raise ConvertError(f"relevance code {code} not in 1..4 or -1")
        return 5 - code

    qrels = whitespace_qrels(src / "cranqrel", 0, 1, cleverdon)
    return docs, queries, qrels


def convert_med(src):
    docs = smart_docs(src / "MED.ALL", title_field=None)
    queries = smart_queries(src / "MED.QRY")
    qrels = whitespace_qrels(src / "MED.REL", 0, 2)  # "q 0 d 1"
    return docs, queries, qrels


def convert_npl(src):
    docs = []
    for block in slash_blocks(src / "doc-text"):
        docno, text = id_and_text(block)
        docs.append({"id": docno, "title": "", "text": text})
    queries = [id_and_text(b) for b in slash_blocks(src / "query-text")]
    qrels = []
    for block in slash_blocks(src / "rlv-ass"):
        words = " ".join(block).split()
        qid = plain_id(words[0])
        qrels.extend((qid, plain_id(d), 1) for d in words[1:])
    return docs, queries, qrels


def convert_lisa(src):
    docs = []
    parts = sorted(p for p in src.iterdir() if re.fullmatch(r"LISA\d\.\d{3}", p.name))
    if not parts:
        raise ConvertError(f"{src}: no LISA?.??? document files")
    for part in parts:
        for record in re.split(r"\n\*{10,}[ \t]*(?:\n|$)", read_text(part)):
            if not record.strip():
                continue
            lines = record.strip("\n").split("\n")
            m = re.fullmatch(r"Document\s+(\d+)\s*", lines[0])
            if not m:
                raise ConvertError(f"{part}: record starts with {lines[0]!r}, not 'Document N'")
            # Title, a blank line, then the abstract.
            body = "\n".join(lines[1:]).strip("\n")
            pieces = re.split(r"\n[ \t]*\n", body, maxsplit=1)
            title, abstract = pieces[0], pieces[1] if len(pieces) > 1 else ""
            docs.append({"id": plain_id(m.group(1)), "title": fold(title), "text": fold(abstract)})

    queries = []
    text = read_text(src / "LISA.QUE")
    for chunk in text.split("#"):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        queries.append((plain_id(lines[0]), fold(" ".join(lines[1:]))))

    # LISARJ.NUM: qid, count, then that many docnos, wrapped over lines.
    words = read_text(src / "LISARJ.NUM").split()
    qrels = []
    i = 0
    while i < len(words):
        qid, count = plain_id(words[i]), int(words[i + 1])
        docnos = words[i + 2:i + 2 + count]
        if len(docnos) != count:
            raise ConvertError(f"LISARJ.NUM: query {qid} announces {count} documents")
        qrels.extend((qid, plain_id(d), 1) for d in docnos)
        i += 2 + count
    return docs, queries, qrels


CONVERTERS = {
    "adi": convert_adi,
    "cacm": convert_cacm,
    "cisi": convert_cisi,
    "cran": convert_cran,
    "med": convert_med,
    "npl": convert_npl,
    "lisa": convert_lisa,
}


def numeric_key(value):
    return (0, int(value), "") if value.isdigit() else (1, 0, value)


def check_and_write(name, docs, queries, qrels, out):
    problems = []
    doc_ids = set()
    for d in docs:
        # Dossier indexes an article's body and skips a record without one, so a document that
        # is a title alone (1,617 in CACM) repeats its title as its text: it stays findable, and
        # its title words still count as title words.
        if not d["text"] and d["title"]:
            d["text"] = d["title"]
        if d["id"] in doc_ids:
            problems.append(f"document {d['id']} twice")
        doc_ids.add(d["id"])
    qids = set()
    for qid, text in queries:
        if qid in qids:
            problems.append(f"query {qid} twice")
        if not text:
            problems.append(f"query {qid} has no text")
        qids.add(qid)

    judged = {}
    for qid, docno, grade in qrels:
        key = (qid, docno)
        if key in judged:
            if judged[key] != grade:
                problems.append(f"query {qid} document {docno}: grades {judged[key]} and {grade}")
            continue  # an exact repeat: trec_eval would refuse it, keep one
        judged[key] = grade
    unknown_q = sorted({q for q, _ in judged if q not in qids}, key=numeric_key)
    unknown_d = sorted({d for _, d in judged if d not in doc_ids}, key=numeric_key)
    if unknown_q:
        problems.append(f"qrels name unknown queries {unknown_q[:10]}")
    if unknown_d:
        problems.append(f"qrels name unknown documents {unknown_d[:10]}")
    repeats = len(qrels) - len(judged)

    out.mkdir(parents=True, exist_ok=True)
    with open(out / "docs.jsonl", "w", encoding="utf-8") as f:
        for d in sorted(docs, key=lambda d: numeric_key(d["id"])):
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    with open(out / "topics.tsv", "w", encoding="utf-8") as f:
        for qid, text in sorted(queries, key=lambda q: numeric_key(q[0])):
            f.write(f"{qid}\t{text}\n")
    with open(out / "qrels.txt", "w", encoding="utf-8") as f:
        for (qid, docno), grade in sorted(judged.items(),
                                          key=lambda kv: (numeric_key(kv[0][0]),
                                                          numeric_key(kv[0][1]))):
            f.write(f"{qid} 0 {docno} {grade}\n")

    counts = (len(docs), len(queries), len({q for q, _ in judged}), len(judged))
    relevant = sum(1 for g in judged.values() if g >= 1)
    return counts, relevant, repeats, problems


def main(argv):
    args = argv[1:]
    check_counts = "--no-count-check" not in args
    args = [a for a in args if a != "--no-count-check"]
    if len(args) < 2 or any(a.startswith("-") for a in args):
        asked = args[:1] in (["-h"], ["--help"])
        print(__doc__.strip() if asked else __doc__.strip().split("\n\n")[1],
              file=sys.stdout if asked else sys.stderr)
        return 0 if asked else 2
    src_root, out_root = Path(args[0]), Path(args[1])
    names = args[2:] or list(CONVERTERS)
    unknown = [n for n in names if n not in CONVERTERS]
    if unknown:
        print(f"convert_ir.py: unknown collection {', '.join(unknown)}; "
              f"available: {', '.join(CONVERTERS)}", file=sys.stderr)
        return 2

    failed = False
    print(f"{'name':<6} {'docs':>6} {'queries':>8} {'judged':>7} {'pairs':>6} {'relevant':>8}  "
          "check")
    for name in names:
        src = src_root / name
        try:
            if not src.is_dir():
                raise ConvertError(f"{src}: no such folder")
            docs, queries, qrels = CONVERTERS[name](src)
            counts, relevant, repeats, problems = check_and_write(name, docs, queries, qrels,
                                                                  out_root / name)
        except (ConvertError, OSError) as e:
            print(f"convert_ir.py: {name}: {e}", file=sys.stderr)
            failed = True
            continue
        expected = EXPECTED[name]
        if check_counts and counts != expected:
            problems.append(f"expected {expected[0]} docs, {expected[1]} queries "
                            f"({expected[2]} judged), {expected[3]} pairs")
        verdict = "ok" if not problems else "MISMATCH: " + "; ".join(problems)
        if repeats:
            verdict += f" ({repeats} repeated qrels lines kept once)"
        failed = failed or bool(problems)
        print(f"{name:<6} {counts[0]:>6} {counts[1]:>8} {counts[2]:>7} {counts[3]:>6} "
              f"{relevant:>8}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
