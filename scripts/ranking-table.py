#!/usr/bin/env python3
"""Dossier's ranking against three baselines on the seven IR collections, measured in one run.

Usage: scripts/ranking-table.py [--build DIR] [--no-build] [--no-readme] [NAME...]

Builds (unless --no-build) dossier-index, dossier-query and the optional xapian_baseline target in
DIR (default build/release, configured with `cmake --preset release` when it is not yet), converts
../shared/data/ir with scripts/convert_ir.py, then for each collection (all seven by default):

  xapian-bm25        document-level Xapian BM25Weight() defaults (k1 = 1, b = 0.5)
                     (scripts/baselines/xapian_baseline.cpp)
  xapian-bm25-0.9    the same with k1 = 0.9, b = 0.4
  sqlite-fts5        SQLite FTS5 bm25(), Porter stemming (scripts/baselines/fts5_baseline.py)
  dossier            dossier-index build + dossier-query eval, the default ranking
  dossier-expand     the same with --expand (pseudo-relevance feedback)

Every run is scored by `dossier-query eval` (trec_eval 10.0's measures, top 1000, judged queries
only). Prints the table (collection x system x measure) and the nDCG@10 summary against the best
baseline, and writes both into tests/ranking/README.md between the ranking-table markers (unless
--no-readme or only some collections were asked for).
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
README = ROOT / "tests" / "ranking" / "README.md"
BEGIN, END = "<!-- ranking-table:begin -->", "<!-- ranking-table:end -->"
COLLECTIONS = ["adi", "cacm", "cisi", "cran", "med", "npl", "lisa"]
TRAIN = {"cacm", "cisi", "cran"}  # chose Dossier's defaults (core/include/dossier/ranking.hpp)
MEASURES = ["map", "ndcg_cut_10", "P_10", "recall_100", "recip_rank"]
BASELINES = ["xapian-bm25", "xapian-bm25-0.9", "sqlite-fts5"]
SYSTEMS = BASELINES + ["dossier", "dossier-expand"]


def run(cmd, **kwargs):
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"ranking-table.py: {' '.join(map(str, cmd))}: exit {result.returncode}\n"
                 f"{result.stderr.strip()[-2000:]}")
    return result.stdout


def build(build_dir):
    if not (build_dir / "CMakeCache.txt").exists():
        run(["cmake", "--preset", "release"], cwd=ROOT)
    run(["cmake", "--build", build_dir, "--target", "dossier-index", "dossier-query",
         "xapian_baseline"])


def score(query, run_file, qrels):
    report = json.loads(run([query, "eval", "--score-run", run_file, "--qrels", qrels,
                             "--format", "json"]))
    return report["metrics"]


def measure(name, work, bins):
    index, query, xapian = bins
    c = work / "ir" / name
    docs, topics, qrels = c / "docs.jsonl", c / "topics.tsv", c / "qrels.txt"
    results = {}
    for system, extra in (("xapian-bm25", []), ("xapian-bm25-0.9", ["--k1", "0.9", "--b", "0.4"])):
        run_file = work / f"{name}.{system}.run"
        run_file.write_text(run([xapian, docs, topics, "--run-id", system, *extra]))
        results[system] = score(query, run_file, qrels)
    run_file = work / f"{name}.sqlite-fts5.run"
    run_file.write_text(run([sys.executable, ROOT / "scripts" / "baselines" / "fts5_baseline.py",
                             docs, topics]))
    results["sqlite-fts5"] = score(query, run_file, qrels)

    db = work / f"{name}.db"
    run([index, "build", docs, "--db", db, "--actors", "none", "--quiet"])
    for system, extra in (("dossier", []), ("dossier-expand", ["--expand"])):
        report = json.loads(run([query, "eval", "--topics", topics, "--qrels", qrels, "--db", db,
                                 "--format", "json", *extra]))
        results[system] = report["metrics"]
    return results


def tables(results):
    names = list(results)
    lines = ["| collection | system | " + " | ".join(MEASURES) + " |",
             "|---|---|" + "---:|" * len(MEASURES)]
    for name in names:
        split = "train" if name in TRAIN else "test"
        for system in SYSTEMS:
            m = results[name][system]
            cells = " | ".join(f"{m[x]:.4f}" for x in MEASURES)
            lines.append(f"| {name} ({split}) | {system} | {cells} |")

    nd = {n: {s: results[n][s]["ndcg_cut_10"] for s in SYSTEMS} for n in names}
    lines += ["", "nDCG@10, Dossier against the best baseline of each collection:", "",
              "| collection | best baseline | nDCG@10 | dossier | vs best | dossier-expand "
              "| vs best |", "|---|---|---:|---:|---:|---:|---:|"]
    best = {}
    for n in names:
        b = max(BASELINES, key=lambda s: nd[n][s])
        best[n] = nd[n][b]
        lines.append(f"| {n} | {b} | {best[n]:.4f} | {nd[n]['dossier']:.4f} | "
                     f"{nd[n]['dossier'] / best[n] - 1:+.1%} | {nd[n]['dossier-expand']:.4f} | "
                     f"{nd[n]['dossier-expand'] / best[n] - 1:+.1%} |")
    mean = lambda xs: sum(xs) / len(xs)  # noqa: E731
    mean_best = mean([best[n] for n in names])
    lines.append(f"| mean | best of each | {mean_best:.4f} | "
                 f"{mean([nd[n]['dossier'] for n in names]):.4f} | "
                 f"{mean([nd[n]['dossier'] for n in names]) / mean_best - 1:+.1%} | "
                 f"{mean([nd[n]['dossier-expand'] for n in names]):.4f} | "
                 f"{mean([nd[n]['dossier-expand'] for n in names]) / mean_best - 1:+.1%} |")
    for b in BASELINES:
        lines.append(f"| mean | {b} | {mean([nd[n][b] for n in names]):.4f} | | | | |")

    lines.append("")
    for system in ("dossier", "dossier-expand"):
        gain = mean([nd[n][system] for n in names]) / mean_best - 1
        worst = min(names, key=lambda n: nd[n][system] / best[n])
        worst_gap = nd[worst][system] / best[worst] - 1
        verdict = "holds" if gain >= 0.05 and worst_gap >= -0.01 else "does NOT hold"
        lines.append(f"- `{system}`: mean nDCG@10 {gain:+.1%} against the best baseline of each "
                     f"collection (target +5%); worst collection {worst} at {worst_gap:+.1%} "
                     f"(target: no worse than -1%): the target {verdict}.")
    return "\n".join(lines)


def main(argv):
    args = argv[1:]
    build_dir, do_build, write_readme = ROOT / "build" / "release", True, True
    names = []
    i = 0
    while i < len(args):
        if args[i] == "--build" and i + 1 < len(args):
            build_dir = Path(args[i + 1]).resolve()
            i += 2
            continue
        if args[i] == "--no-build":
            do_build = False
        elif args[i] == "--no-readme":
            write_readme = False
        elif args[i] in COLLECTIONS:
            names.append(args[i])
        else:
            print(__doc__.strip(), file=sys.stderr)
            return 0 if args[i] in ("-h", "--help") else 2
        i += 1
    names = names or COLLECTIONS
    if not (SHARED / "data" / "ir").is_dir():
        print(f"ranking-table.py: {SHARED / 'data' / 'ir'} not found", file=sys.stderr)
        return 2
    if do_build:
        build(build_dir)
    bins = (build_dir / "indexer" / "dossier-index", build_dir / "query" / "dossier-query",
            build_dir / "scripts" / "baselines" / "xapian_baseline")
    with tempfile.TemporaryDirectory(prefix="ranking-table.") as tmp:
        work = Path(tmp)
        run([sys.executable, ROOT / "scripts" / "convert_ir.py", SHARED / "data" / "ir",
             work / "ir", *names])
        results = {}
        for name in names:
            print(f"measuring {name}...", file=sys.stderr)
            results[name] = measure(name, work, bins)
    text = tables(results)
    print(text)
    if write_readme and names == COLLECTIONS:
        readme = README.read_text(encoding="utf-8")
        start, end = readme.find(BEGIN), readme.find(END)
        if start < 0 or end < start:
            print(f"ranking-table.py: {README}: no {BEGIN} ... {END} markers", file=sys.stderr)
            return 1
        README.write_text(readme[:start + len(BEGIN)] + "\n" + text + "\n" + readme[end:],
                          encoding="utf-8")
        print(f"written to {README.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
