"""Learn the linker's feature weights and NIL threshold on development data.

    python -m kbp.linking.train --store el.db --kb KB.jsonl --split SPLIT.jsonl [...]

The model is a logistic regression over (mention, candidate) pairs, labelled 1 when
the candidate is the gold entity.  The NIL threshold is the probability cut that
maximises micro accuracy (NIL counted as a label) on out-of-fold predictions, so it is
not chosen on the same predictions the weights were fitted to.  Only development
splits may be passed here; held-out splits are for reporting.

Writes ``src/kbp/data/linker_weights.json`` (or ``--out``).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from kbp.linking.linker import FEATURES, Linker, context_terms, sentence_cues
from kbp.types import Document

OUT = Path(__file__).resolve().parents[1] / "data" / "linker_weights.json"


@dataclass
class Example:
    """One gold mention: its candidates' feature rows and which one (if any) is right."""

    group: int  # document index, for folds
    rows: list[list[float]]
    labels: list[int]
    gold_in_kb: bool


def collect(pipeline, split_path: Path, kb_titles: set[str], group_offset: int = 0):
    linker: Linker = pipeline.linker()
    examples = []
    lines = split_path.read_text(encoding="utf-8").splitlines()
    for g, line in enumerate(lines):
        d = json.loads(line)
        text = d["text"]
        analysis = pipeline.analyse([Document(id=str(d["id"]), text=text)])[0]
        doc_terms = context_terms(text)
        typed = [m for m in analysis.mentions if m.type in ("PER", "ORG", "GPE", "LOC", "FAC")]
        for (start, end), title in zip(d["index"], d["wikipedia_titles"], strict=True):
            gold = title.replace(" ", "_") if title in kb_titles else None
            type_ = next((m.type for m in typed if m.start < end and start < m.end), None)
            span = analysis.doc.char_span(start, end, alignment_mode="expand")
            sent_terms = sentence_cues(span.sent.text) if span is not None and len(span) else (
                frozenset())
            cands = linker.candidates([text[start:end]], type_, doc_terms, sent_terms)
            examples.append(Example(
                group=group_offset + g,
                rows=[[c.features[f] for f in FEATURES] for c in cands],
                labels=[int(c.entity.kb_id == gold) for c in cands],
                gold_in_kb=gold is not None,
            ))
    return examples


def _fit(examples):
    from sklearn.linear_model import LogisticRegression

    X = [r for e in examples for r in e.rows]
    y = [lab for e in examples for lab in e.labels]
    model = LogisticRegression(C=1.0, max_iter=2000, fit_intercept=False)
    model.fit(X, y)
    return model


def _accuracy(examples, probs, threshold: float) -> float:
    right = 0
    for e, p in zip(examples, probs, strict=True):
        if not p or max(p) < threshold:
            right += not e.gold_in_kb
        else:
            right += e.labels[max(range(len(p)), key=p.__getitem__)] == 1
    return right / max(len(examples), 1)


def choose_threshold(examples, folds: int = 5) -> float:
    """The NIL threshold maximising out-of-fold micro accuracy."""
    probs: list[list[float]] = [[] for _ in examples]
    for k in range(folds):
        train = [e for e in examples if e.group % folds != k and e.rows]
        model = _fit(train)
        for i, e in enumerate(examples):
            if e.group % folds == k and e.rows:
                probs[i] = list(model.predict_proba(e.rows)[:, 1])
    grid = [i / 100 for i in range(5, 96)]
    return max(grid, key=lambda t: (_accuracy(examples, probs, t), -abs(t - 0.5)))


def train(examples) -> dict[str, float]:
    model = _fit([e for e in examples if e.rows])
    weights = {f: round(float(w), 4) for f, w in zip(FEATURES, model.coef_[0], strict=True)}
    weights["nil_threshold"] = choose_threshold(examples)
    return weights


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, required=True, help="store with the KB loaded")
    ap.add_argument("--kb", type=Path, required=True, help="the KB (JSON lines) for titles")
    ap.add_argument("--split", type=Path, action="append", required=True,
                    help="development split(s), ZELDA JSON lines")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()

    from kbp.kb import open_store
    from kbp.pipeline import Pipeline

    titles = {json.loads(line)["title"] for line in args.kb.read_text("utf-8").splitlines()}
    with open_store(args.store) as store:
        pipeline = Pipeline(store)
        examples = []
        for split in args.split:
            examples += collect(pipeline, split, titles, group_offset=len(examples))
    weights = train(examples)
    args.out.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"examples": len(examples), **weights}))


if __name__ == "__main__":
    main()


__all__ = ["choose_threshold", "collect", "train"]
