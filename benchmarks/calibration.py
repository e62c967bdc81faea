"""Are kbp's confidences honest?  Precision of extracted facts by confidence bucket.

Data: KnowledgeNet development folds (default 1,2,3; fold 4 is held out and is not
accepted here).  Every kbp fact that maps to a KnowledgeNet property which the passage
annotates exhaustively is judged: right when one of the property facts it stands for
matches a gold fact (the official span-overlap rule), wrong otherwise.  Facts on other
properties cannot be judged and are left out.

Reports, per confidence bucket and per extractor, how many facts were judged and the
share that was right; the claim to check is that facts at confidence >= 0.9 are right
at least 90% of the time (``precision_at_0_9``).

Usage: python benchmarks/calibration.py [--folds 1,2,3] [--limit N] [--relation-model FILE]
Last line of output: one JSON object with the metrics.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "benchmarks" / "knowledgenet" / "folds1-4.jsonl"
BUCKETS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", default="1,2,3")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--relation-model", type=Path, default=None,
                    help="a relation model trained without the folds judged here "
                         "(python -m kbp.slots.relations.train --train 1,2 --out FILE)")
    args = ap.parse_args()
    folds = [int(f) for f in args.folds.split(",")]
    if 4 in folds:
        sys.exit("fold 4 is held out: calibration is checked on development folds only")

    from kbp.coref.resolve import resolve
    from kbp.eval.knowledgenet import fact_views, load_documents, passage_document, span_facts
    from kbp.eval.slots import overlaps, span_fact
    from kbp.nlp.annotate import analyse
    from kbp.nlp.model import load_nlp
    from kbp.slots.extract import extract_facts
    from kbp.slots.relations.model import read_model

    try:
        model = read_model(args.relation_model) if args.relation_model else None
    except ValueError as exc:  # the file is named in the message
        ap.error(str(exc))

    documents = load_documents(DATA, folds=folds)[: args.limit]
    passages = {p["passageId"]: p for d in documents for p in d["passages"]}
    nlp = load_nlp()
    judged: list[tuple[float, str, bool]] = []
    docs = [passage_document(p) for p in passages.values()]
    for i in range(0, len(docs), 32):
        for analysis in analyse(docs[i : i + 32], nlp, batch_size=32):
            passage = passages[analysis.document.id]
            exhaustive = {str(p["propertyId"]) for p in
                          passage.get("exhaustivelyAnnotatedProperties", ())}
            gold = [span_fact(f) for f in passage.get("facts", ())]
            resolution = resolve(analysis)
            facts = extract_facts(analysis, resolution, model=model)
            for view in fact_views(analysis.document, resolution.entities, facts):
                mapped = [s for s in span_facts(view) if s.property in exhaustive]
                if not mapped:
                    continue
                right = any(s.property == g.property and overlaps(s.subject, g.subject)
                            and overlaps(s.object, g.object) for s in mapped for g in gold)
                extractor = view.fact.provenance[0].extractor
                judged.append((view.fact.confidence, extractor, right))

    def precision(rows) -> dict[str, float | int]:
        n = len(rows)
        return {"facts": n, "precision": round(sum(r for *_, r in rows) / n, 3) if n else None}

    buckets = {}
    for lo, hi in zip(BUCKETS, BUCKETS[1:], strict=False):
        rows = [j for j in judged if lo <= j[0] < hi]
        buckets[f"[{lo:.1f},{min(hi, 1.0):.1f}]"] = precision(rows)
    by_extractor = defaultdict(list)
    for j in judged:
        by_extractor[j[1]].append(j)
    extractors = {k: precision(v) for k, v in sorted(by_extractor.items())}
    for name, row in buckets.items():
        print(f"confidence {name}: {row['facts']} facts, precision {row['precision']}")
    for name, row in extractors.items():
        print(f"  {name:32} {row['facts']:5} facts, precision {row['precision']}")
    high = [j for j in judged if j[0] >= 0.9]
    result = {
        "dataset": "knowledgenet", "folds": folds, "judged_facts": len(judged),
        "precision_at_0_9": precision(high)["precision"], "facts_at_0_9": len(high),
        "overall_precision": precision(judged)["precision"],
        "buckets": buckets, "extractors": extractors,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
