"""Document-level relations on Re-DocRED, read off kbp's slot facts.

Data: ../shared/benchmarks/re-docred/ (DocRED format).  Each document's text is rebuilt
from its tokens and run through kbp's stages (parse and mentions, coreference, slot
extraction; no store, no linking); kbp's slots become Wikidata relations by the table
in ``kbp.eval.redocred``, and a fact's subject and filler become gold entities by span
overlap with their mentions.  Only the relations kbp's slots can express are scored
(P569 P570 P19 P20 P26 P22 P25 P40 P3373 P69 P108 P463 P102 P54 P27 P551 P140 P112
P571 P159 P355 P749 P488); the gold is restricted to them.  Micro and per-relation
precision, recall and F1 over (document, head, tail, relation).

Splits: ``--split dev`` (default; development) or ``--split test`` (held out: report
its number, never tune on it).

Usage: python benchmarks/redocred.py [--split dev|test] [--limit N]
Prints one line per relation; the last line is one JSON object with ``split``,
``precision``, ``recall``, ``f1``, ``tp``, ``fp``, ``fn``, ``documents``, ``gold``,
``predicted``, ``unmatched``, ``per_relation`` and ``seconds``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks"


def _r(x: object) -> object:
    return round(x, 4) if isinstance(x, float) else x


def main() -> None:
    from kbp.eval.redocred import SPLITS, run_redocred

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=tuple(SPLITS), default="dev",
                    help="dev (default, development) or test (held out)")
    ap.add_argument("--limit", type=int, default=None, help="first N documents")
    ap.add_argument("--benchmarks", type=Path, default=SHARED)
    args = ap.parse_args()

    t0 = time.perf_counter()
    m = run_redocred(args.benchmarks, args.split, args.limit)
    seconds = time.perf_counter() - t0
    print(f"Re-DocRED {m['split']}: {m['documents']} documents, {m['gold']} gold relations "
          f"in the subset, {m['predicted']} predicted ({m['unmatched']} with an end that is "
          f"no gold entity), {seconds:.1f} s")
    print(f"  {'relation':<10}{'gold':>6}{'tp':>6}{'fp':>6}{'fn':>6}{'P':>8}{'R':>8}{'F1':>8}")
    for rel, row in m["per_relation"].items():
        print(f"  {rel:<10}{row['gold']:>6}{row['tp']:>6}{row['fp']:>6}{row['fn']:>6}"
              f"{row['precision']:>8.3f}{row['recall']:>8.3f}{row['f1']:>8.3f}")
    print(f"  {'ALL':<10}{m['gold']:>6}{m['tp']:>6}{m['fp']:>6}{m['fn']:>6}"
          f"{m['precision']:>8.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}", flush=True)
    out = {k: _r(m[k]) for k in ("split", "precision", "recall", "f1", "tp", "fp", "fn",
                                 "documents", "gold", "predicted", "unmatched")}
    out["seconds"] = round(seconds, 1)
    out["per_relation"] = {rel: {k: _r(v) for k, v in row.items()}
                           for rel, row in m["per_relation"].items()}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
