"""End-to-end slot filling on KnowledgeNet: text in, facts out, official "text" scores.

Data: ../shared/benchmarks/knowledgenet/folds1-4.jsonl (the dataset's train.json
schema).  Each passage is run through kbp's stages (parse and mentions, coreference,
slot extraction; no store, no linking) as a document of its own with document offsets;
kbp's slots become KnowledgeNet properties by the table in ``kbp.eval.knowledgenet``.
Scoring (``kbp.eval.slots.score_knowledgenet``): a predicted fact matches a gold fact of
the same passage and property when subject and object spans overlap; a wrong
prediction counts only for properties the passage is exhaustively annotated for;
micro-averaged precision, recall and F1 over facts.

Splits: by default fold 4, which is held out: report its number, never tune on it.
Develop with ``--folds 1,2,3``.

The relation classifier shipped with kbp was trained on folds 1-3: on those folds its
numbers are in-sample.  For an honest development number, train one on folds 1,2
(``python -m kbp.slots.relations.train --train 1,2 --out m12.json.gz``) and score fold 3
with ``--folds 3 --relation-model m12.json.gz``.

Usage: python benchmarks/knowledgenet.py [--folds 4] [--limit N] [--predictions-out FILE]
       [--nearest-mention] [--rules-only | --relation-model FILE]
Prints one line per property; the last line is one JSON object with ``precision``,
``recall``, ``f1``, ``tp``, ``fp``, ``fn``, ``folds``, ``documents``, ``passages``,
``per_property`` (by property name), ``mentions``, ``classifier`` and ``seconds``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks"


def _folds(value: str) -> tuple[int, ...]:
    try:
        folds = tuple(sorted({int(x) for x in value.split(",") if x.strip()}))
    except ValueError:
        raise argparse.ArgumentTypeError(f"folds must be numbers like 1,2,3: {value!r}") from None
    if not folds or not set(folds) <= {1, 2, 3, 4}:
        raise argparse.ArgumentTypeError(f"folds are 1 to 4: {value!r}")
    return folds


def _r(x: object) -> object:
    return round(x, 4) if isinstance(x, float) else x


def main() -> None:
    from kbp.eval.knowledgenet import run_knowledgenet

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=_folds, default=(4,),
                    help="comma-separated folds (default 4, held out; develop on 1,2,3)")
    ap.add_argument("--limit", type=int, default=None, help="first N documents")
    ap.add_argument("--predictions-out", type=Path, default=None,
                    help="write predictions in KnowledgeNet's format (one document a line)")
    ap.add_argument("--nearest-mention", action="store_true",
                    help="one subject mention per fact (the nearest) instead of every "
                         "coreferent mention in the sentence")
    ap.add_argument("--data", type=Path,
                    default=SHARED / "knowledgenet" / "folds1-4.jsonl")
    which = ap.add_mutually_exclusive_group()
    which.add_argument("--rules-only", action="store_true",
                       help="the hand-written extractors alone, without the relation "
                            "classifier")
    which.add_argument("--relation-model", type=Path, default=None,
                       help="a relation model file instead of the shipped one (to score "
                            "a development fold with a model trained on the others)")
    args = ap.parse_args()
    from kbp.slots.relations.model import read_model

    try:
        model = read_model(args.relation_model) if args.relation_model else None
    except ValueError as exc:  # the file is named in the message
        ap.error(str(exc))

    t0 = time.perf_counter()
    m = run_knowledgenet(args.data, folds=args.folds, limit=args.limit,
                         all_mentions=not args.nearest_mention,
                         predictions_out=args.predictions_out,
                         classifier=not args.rules_only, model=model)
    seconds = time.perf_counter() - t0
    print(f"KnowledgeNet folds {','.join(map(str, m['folds']))}: {m['documents']} documents, "
          f"{m['passages']} passages, {seconds:.1f} s")
    print(f"  {'property':<24}{'gold':>6}{'tp':>6}{'fp':>6}{'fn':>6}{'P':>8}{'R':>8}{'F1':>8}")
    per_property = {}
    for row in m["per_property"].values():
        print(f"  {row['name']:<24}{row['gold']:>6}{row['tp']:>6}{row['fp']:>6}{row['fn']:>6}"
              f"{row['precision']:>8.3f}{row['recall']:>8.3f}{row['f1']:>8.3f}")
        per_property[row["name"]] = {k: _r(v) for k, v in row.items() if k != "name"}
    print(f"  {'ALL (micro)':<24}{m['tp'] + m['fn']:>6}{m['tp']:>6}{m['fp']:>6}{m['fn']:>6}"
          f"{m['precision']:>8.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}", flush=True)
    out = {k: _r(m[k]) for k in ("precision", "recall", "f1", "tp", "fp", "fn", "folds",
                                 "documents", "passages")}
    out["mentions"] = "nearest" if args.nearest_mention else "all in sentence"
    out["classifier"] = ("none" if args.rules_only else
                         str(args.relation_model) if args.relation_model else "shipped")
    out["seconds"] = round(seconds, 1)
    out["per_property"] = per_property
    print(json.dumps(out))


if __name__ == "__main__":
    main()
