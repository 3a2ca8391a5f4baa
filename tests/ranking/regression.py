#!/usr/bin/env python3
"""Ranking regression test for one IR collection, in the manner of Anserini's regressions.

Usage: tests/ranking/regression.py [--update] [--bin BUILD_DIR] NAME...

For each NAME (adi cacm cisi cran med npl lisa) this converts ../shared/data/ir/NAME with
scripts/convert_ir.py, indexes it with the real `dossier-index build`, runs every run of
tests/ranking/regressions/NAME.json through the real `dossier-query eval`, and compares the
index statistics and the five measures, rounded to 4 decimals, with the ones the file expects.
Any difference fails (exit 1) and is printed; a ranking change must update the files on purpose:
`--update` rewrites them with what was measured (read the diff before committing it).

Binaries: $DOSSIER_INDEX and $DOSSIER_QUERY (ctest sets them), else BUILD_DIR/indexer/dossier-index
and BUILD_DIR/query/dossier-query. Exit 77 (ctest: SKIPPED) when ../shared/data/ir is missing.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = Path(os.environ.get("DOSSIER_SOURCE_DIR", HERE.parent.parent))
SHARED = Path(os.environ.get("DOSSIER_SHARED_DIR", SOURCE.parent / "shared"))
MEASURES = ["map", "ndcg_cut_10", "P_10", "recall_100", "recip_rank"]
SKIP = 77


def run(cmd, **kwargs):
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))}: exit {result.returncode}\n"
                           f"{result.stderr.strip()[-2000:]}")
    return result.stdout


def measure(name, spec, work, index, query):
    """What this build measures for one collection: index statistics and each run's metrics."""
    out = work / "ir"
    run([sys.executable, SOURCE / "scripts" / "convert_ir.py", SHARED / "data" / "ir", out, name])
    collection = out / name
    db = work / f"{name}.db"
    # Only docs.jsonl: the folder's qrels.txt would be indexed as an article.
    run([index, "build", collection / "docs.jsonl", "--db", db, "--actors", "none", "--quiet"])
    stats = json.loads(run([index, "stats", "--db", db, "--json"]))
    got = {
        "index": {
            "articles": stats["articles"],
            "passages": stats["passages"],
            "kinds": stats["kinds"],
            "average_passage_length": f"{stats['average_passage_length']:.4f}",
            "schema": stats["schema"],
            "analyzer": stats["analyzer"],
        },
        "runs": {},
    }
    for run_name, run_spec in spec["runs"].items():
        report = json.loads(run([query, "eval", "--topics", collection / "topics.tsv",
                                 "--qrels", collection / "qrels.txt", "--db", db,
                                 "--format", "json", *run_spec["args"]]))
        got["runs"][run_name] = {
            "args": run_spec["args"],
            "queries": len(report["per_query"]),
            "metrics": {m: f"{report['metrics'][m]:.4f}" for m in MEASURES},
        }
    return got


def differences(expected, got):
    lines = []
    for key, value in got["index"].items():
        if expected["index"].get(key) != value:
            lines.append(f"  index {key}: expected {expected['index'].get(key)}, got {value}")
    for run_name, result in got["runs"].items():
        want = expected["runs"][run_name]
        if want.get("queries") != result["queries"]:
            lines.append(f"  {run_name}: expected {want.get('queries')} queries, "
                         f"got {result['queries']}")
        for m in MEASURES:
            e, g = want.get("metrics", {}).get(m), result["metrics"][m]
            if e != g:
                delta = f" ({float(g) - float(e):+.4f})" if e is not None else ""
                lines.append(f"  {run_name} {m}: expected {e}, got {g}{delta}")
    return lines


def main(argv):
    args = argv[1:]
    update = "--update" in args
    args = [a for a in args if a != "--update"]
    bin_dir = None
    if "--bin" in args:
        i = args.index("--bin")
        if i + 1 >= len(args):
            print(__doc__.strip(), file=sys.stderr)
            return 2
        bin_dir = Path(args[i + 1])
        del args[i:i + 2]
    if not args or any(a.startswith("-") for a in args):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    index = os.environ.get("DOSSIER_INDEX") or (bin_dir and bin_dir / "indexer" / "dossier-index")
    query = os.environ.get("DOSSIER_QUERY") or (bin_dir and bin_dir / "query" / "dossier-query")
    if not index or not query:
        print("regression.py: set DOSSIER_INDEX and DOSSIER_QUERY, or give --bin BUILD_DIR",
              file=sys.stderr)
        return 2
    if not (SHARED / "data" / "ir").is_dir():
        print(f"SKIPPED: {SHARED / 'data' / 'ir'} not found (ranking regressions not run)")
        return SKIP

    base = Path(os.environ.get("DOSSIER_TEST_TMP", tempfile.gettempdir()))
    base.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="ranking.", dir=base))
    failed = False
    try:
        for name in args:
            path = HERE / "regressions" / f"{name}.json"
            if not path.is_file():
                print(f"regression.py: {path}: no such regression file", file=sys.stderr)
                return 2
            spec = json.loads(path.read_text(encoding="utf-8"))
            got = measure(name, spec, work, index, query)
            diff = differences(spec, got)
            summary = ", ".join(f"{r} ndcg_cut_10 {v['metrics']['ndcg_cut_10']}"
                                for r, v in got["runs"].items())
            if not diff:
                print(f"{name}: ok ({got['index']['passages']} passages; {summary})")
            elif update:
                spec["index"] = got["index"]
                for run_name, result in got["runs"].items():
                    spec["runs"][run_name].update(result)
                path.write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
                print(f"{name}: updated {path.relative_to(SOURCE)}")
                print("\n".join(diff))
            else:
                failed = True
                print(f"{name}: FAILED, the ranking changed:\n" + "\n".join(diff))
                print(f"  (a wanted change: tests/ranking/regression.py --update {name}, "
                      "and commit the new numbers with the change that made them)")
    except RuntimeError as e:
        print(f"regression.py: {e}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
