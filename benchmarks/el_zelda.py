"""Entity linking with NIL on ZELDA against the wiki-vital-10k KB (the TAC EL setting).

Data: ../shared/benchmarks/zelda-el/ (gold Wikipedia titles on given mention spans) and
../shared/benchmarks/wiki-vital-10k/kb.jsonl (10,033 entries, registered with
``add_kb(analyse_text=False)``).  A mention whose gold title is a KB title must link to
it; every other mention is NIL; same gold title = same cluster.  Spans are given, so
this measures linking alone, not mention detection.

Splits: by default ``wned-wiki-dev`` and ``shadowlinks-top`` (development).
``--split wned-wiki-test`` is held out: report its number, never tune on it.

The KB store is built once per run in a temporary file (or at ``--store``, where a
later run finds it and skips loading); each split is scored on a scratch copy of it.

Usage: python benchmarks/el_zelda.py [--split NAME] [--limit N] [--store PATH]
Prints each split's metrics; the last line is one JSON object: the metrics of the last
split run (``split``, ``micro_accuracy``, ``in_kb_accuracy``, ``nil_precision``,
``nil_recall``, ``b3_f1``, ``candidate_recall``, ``all_nil_accuracy``, ...), plus, when
more than one split ran, ``splits``: every split's metrics by split name.
``seconds`` is a split's wall time; the first split's includes loading the KB store
when it had to be built.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks"
DEFAULT_SPLITS = ("wned-wiki-dev", "shadowlinks-top")
SHOWN = ("documents", "mentions", "in_kb_mentions", "micro_accuracy", "all_nil_accuracy",
         "in_kb_accuracy", "nil_precision", "nil_recall", "nil_f1", "b3_precision",
         "b3_recall", "b3_f1", "candidate_recall", "in_kb_errors", "seconds")


def _rounded(metrics: dict[str, object]) -> dict[str, object]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in metrics.items()}


def main() -> None:
    from kbp.eval.zelda import SPLITS, run_el_eval

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=SPLITS, help="one split (default: the dev splits)")
    ap.add_argument("--limit", type=int, default=None, help="first N documents per split")
    ap.add_argument("--store", type=Path, default=None, help="KB store to build or reuse")
    ap.add_argument("--benchmarks", type=Path, default=SHARED)
    ap.add_argument("--kb", type=Path, default=None)
    args = ap.parse_args()

    splits = (args.split,) if args.split else DEFAULT_SPLITS
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="kbp-el-bench-") as tmp:
        store = args.store or Path(tmp) / "kb.db"
        for split in splits:
            t0 = time.perf_counter()
            metrics = run_el_eval(split, args.benchmarks, kb_path=args.kb, limit=args.limit,
                                  store_path=store)
            metrics["seconds"] = time.perf_counter() - t0
            results[split] = _rounded(metrics)
            print(f"== {split}")
            for key in SHOWN:
                print(f"  {key:>18}: {results[split].get(key)}", flush=True)
    last = dict(results[splits[-1]])
    if len(results) > 1:
        last["splits"] = results
    print(json.dumps(last))


if __name__ == "__main__":
    main()
