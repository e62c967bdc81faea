"""Learn the linker's feature weights and NIL threshold on development data.

    python -m kbp.linking.train --store el.db --kb KB.jsonl --split SPLIT.jsonl [...]

The model is a logistic regression over (mention, candidate) pairs, labelled 1 when
the candidate is the gold entity.  Its regularisation strength and the NIL threshold
are chosen on out-of-fold predictions (see :func:`choose_c` and
:func:`choose_threshold`), so neither is chosen on the predictions the weights were
fitted to.  Only development splits may be passed here; held-out splits are for
reporting.

The coherence feature counts the entities other names confidently link to, which
depends on weights: training runs in rounds (:func:`train_rounds`), the first without
coherence, each later one collecting it with the weights of the round before, so the
result depends on the data and the pipeline alone, never on the weights shipped before.
Ties are broken by KB id, so a run does not depend on hash seeds.

Writes ``src/kbp/data/linker_weights.json`` (or ``--out``); with ``--cv`` it writes
nothing and prints each split's 5-fold out-of-fold micro and in-KB accuracy instead.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from kbp.linking.context import context_terms
from kbp.linking.linker import FEATURES, KBLookup, Linker, Query
from kbp.linking.spans import span_query
from kbp.types import ENTITY_TYPES, Document

OUT = Path(__file__).resolve().parents[1] / "data" / "linker_weights.json"


@dataclass
class Example:
    """One gold mention: its candidates' feature rows and which one (if any) is right."""

    group: int  # document index, for folds
    rows: list[list[float]]
    labels: list[int]
    gold_in_kb: bool


@dataclass
class Mentions:
    """One document's gold mentions as the linker's queries, with their gold KB ids (None
    for NIL)."""

    group: int  # document index, for folds
    queries: list[Query]
    golds: list[str | None]


def read_split(pipeline, split_path: Path, kb_titles: set[str],
               group_offset: int = 0) -> list[Mentions]:
    """Parse a ZELDA split's documents once: each gold mention as a :class:`Query` with
    the type, document words and sentence cues the pipeline gives it."""
    out = []
    lines = split_path.read_text(encoding="utf-8").splitlines()
    for g, line in enumerate(lines):
        d = json.loads(line)
        text = d["text"]
        analysis = pipeline.analyse([Document(id=str(d["id"]), text=text)])[0]
        doc_terms = context_terms(text)
        typed = [m for m in analysis.mentions if m.type in ENTITY_TYPES]
        queries, golds = [], []
        for (start, end), title in zip(d["index"], d["wikipedia_titles"], strict=True):
            golds.append(title.replace(" ", "_") if title in kb_titles else None)
            queries.append(span_query(analysis, typed, doc_terms, start, end, f"{g}:{start}"))
        out.append(Mentions(group_offset + g, queries, golds))
    return out


def examples_of(linker: Linker, documents: list[Mentions], coherence: bool = True):
    """Feature rows of every candidate of every mention: ranked a document at a time (as
    the pipeline and the evaluation rank them), or, with ``coherence=False``, each
    mention on its own (no coherence feature)."""
    examples = []
    for doc in documents:
        ranked = (linker.rank_document(doc.queries) if coherence else
                  [linker.candidates(q.names, q.type, q.doc_terms, q.sentence_terms)
                   for q in doc.queries])
        for gold, cands in zip(doc.golds, ranked, strict=True):
            examples.append(Example(
                group=doc.group,
                rows=[[c.features[f] for f in FEATURES] for c in cands],
                labels=[int(c.entity.kb_id == gold) for c in cands],
                gold_in_kb=gold is not None,
            ))
    return examples


#: Training rounds after the first (which has no coherence feature): each collects the
#: feature with the previous round's weights.
COHERENCE_ROUNDS = 2


def train_rounds(lookup: KBLookup, documents: list[Mentions],
                 grid: tuple[float, ...] | None = None,
                 rounds: int = COHERENCE_ROUNDS):
    """Weights (:func:`train`) from ``1 + rounds`` rounds, and the last round's examples:
    the first round without coherence, each later one with coherence collected with the
    weights of the round before."""
    # without coherence the rows do not depend on the linker's weights
    examples = examples_of(Linker(lookup), documents, coherence=False)
    weights = train(examples, grid)
    for _ in range(rounds):
        examples = examples_of(Linker(lookup, weights), documents)
        weights = train(examples, grid)
    return weights, examples


#: Inverse regularisation strengths tried by :func:`choose_c`.
C_GRID = (1.0, 3.0, 10.0, 30.0, 100.0)


def _fit(examples, c: float = 1.0):
    from sklearn.linear_model import LogisticRegression

    X = [r for e in examples for r in e.rows]
    y = [lab for e in examples for lab in e.labels]
    model = LogisticRegression(C=c, max_iter=5000, fit_intercept=False)
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


#: How much out-of-fold micro accuracy the NIL threshold may give up for in-KB accuracy.
MICRO_TOLERANCE = 0.005


def out_of_fold(examples, folds: int = 5, c: float = 1.0) -> list[list[float]]:
    """Each example's candidate probabilities from a model fitted on the other folds
    (folds by document)."""
    probs: list[list[float]] = [[] for _ in examples]
    for k in range(folds):
        model = _fit([e for e in examples if e.group % folds != k and e.rows], c)
        for i, e in enumerate(examples):
            if e.group % folds == k and e.rows:
                probs[i] = list(model.predict_proba(e.rows)[:, 1])
    return probs


def choose_threshold(examples, folds: int = 5, probs=None) -> float:
    """The NIL threshold: the lowest whose out-of-fold micro accuracy is within
    :data:`MICRO_TOLERANCE` of the best.  Micro accuracy is nearly flat over a wide
    band of thresholds (NIL mentions dominate it) while in-KB accuracy falls steadily
    as the threshold rises, so the lowest threshold of that band links the most KB
    mentions at no real cost in micro accuracy."""
    probs = probs if probs is not None else out_of_fold(examples, folds)
    grid = [i / 100 for i in range(5, 96)]
    micro = {t: _accuracy(examples, probs, t) for t in grid}
    best = max(micro.values())
    return min(t for t in grid if micro[t] >= best - MICRO_TOLERANCE)


def _scores(examples, probs, threshold: float) -> tuple[float, float]:
    """Micro and in-KB accuracy of ``probs`` at ``threshold``."""
    in_kb = [i for i, e in enumerate(examples) if e.gold_in_kb]
    return (_accuracy(examples, probs, threshold),
            _accuracy([examples[i] for i in in_kb], [probs[i] for i in in_kb], threshold))


def choose_c(examples, folds: int = 5,
             grid: tuple[float, ...] | None = None) -> tuple[float, list[list[float]], float]:
    """The regularisation strength from :data:`C_GRID` whose out-of-fold predictions,
    at the threshold :func:`choose_threshold` picks for them, have the highest sum of
    micro and in-KB accuracy (a model that links more KB mentions at the same micro
    accuracy wins); ``grid`` replaces :data:`C_GRID`.  Returns ``(C, its out-of-fold
    probabilities, its threshold)``."""
    best = None
    for c in grid or C_GRID:
        probs = out_of_fold(examples, folds, c)
        threshold = choose_threshold(examples, folds, probs)
        score = sum(_scores(examples, probs, threshold))
        if best is None or score > best[0]:
            best = (score, c, probs, threshold)
    assert best is not None
    return best[1], best[2], best[3]


def cross_validate(examples, parts: dict[str, slice], folds: int = 5,
                   grid: tuple[float, ...] | None = None) -> list[dict]:
    """Out-of-fold micro and in-KB accuracy of each part of ``examples`` (a split),
    with the regularisation and threshold chosen from the same out-of-fold predictions
    (:func:`choose_c`)."""
    c, probs, threshold = choose_c(examples, folds, grid)
    out = []
    for name, part in parts.items():
        micro, in_kb = _scores(examples[part], probs[part], threshold)
        out.append({"split": name, "C": c, "threshold": threshold,
                    "micro_accuracy": round(micro, 4), "in_kb_accuracy": round(in_kb, 4)})
    return out


def calibration_table(examples, probs, points: int = 20) -> list[list[float]]:
    """How often the best candidate is right, by its probability: an isotonic fit of
    right (1) or wrong (0) on the best candidate's out-of-fold probability, sampled at
    ``points`` quantiles of those probabilities, as ``[[probability, share right], ...]``
    (the linker reads it by interpolation; see :meth:`Linker.confidence`)."""
    from sklearn.isotonic import IsotonicRegression

    xs, ys = [], []
    for e, p in zip(examples, probs, strict=True):
        if p:
            best = max(range(len(p)), key=p.__getitem__)
            xs.append(p[best])
            ys.append(e.labels[best])
    if not xs:
        return []
    fit = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(xs, ys)
    ordered = sorted(xs)
    at = sorted({0.0, 1.0, *(ordered[i * (len(ordered) - 1) // points] for i in range(points))})
    table = {round(x, 4): round(float(y), 4) for x, y in zip(at, fit.predict(at), strict=True)}
    return [[x, y] for x, y in sorted(table.items())]


def train(examples, grid: tuple[float, ...] | None = None) -> dict[str, object]:
    """Weights fitted on every example, with the regularisation and NIL threshold chosen
    out of fold (:func:`choose_c`), and the calibration table of the same out-of-fold
    probabilities (:func:`calibration_table`)."""
    c, probs, threshold = choose_c(examples, grid=grid)
    model = _fit([e for e in examples if e.rows], c)
    weights: dict[str, object] = {
        f: round(float(w), 4) for f, w in zip(FEATURES, model.coef_[0], strict=True)}
    weights["nil_threshold"] = threshold
    weights["calibration"] = calibration_table(examples, probs)
    return weights


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, required=True, help="store with the KB loaded")
    ap.add_argument("--kb", type=Path, required=True, help="the KB (JSON lines) for titles")
    ap.add_argument("--split", type=Path, action="append", required=True,
                    help="development split(s), ZELDA JSON lines")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--c", type=float, action="append", default=None, dest="grid",
                    help="regularisation strength(s) to try instead of the default grid")
    ap.add_argument("--rounds", type=int, default=COHERENCE_ROUNDS,
                    help="training rounds with the coherence feature after the first "
                         f"(default {COHERENCE_ROUNDS})")
    ap.add_argument("--cv", action="store_true",
                    help="only report 5-fold out-of-fold accuracy per split; write nothing")
    args = ap.parse_args()
    for path in (args.kb, *args.split):
        if not path.is_file():
            ap.error(f"{path}: no such file")
    if not args.store.is_file():
        ap.error(f"{args.store}: no such store (load the KB into it with `kbp kb add`)")

    from kbp.kb import open_store
    from kbp.pipeline import Pipeline

    titles = {json.loads(line)["title"] for line in args.kb.read_text("utf-8").splitlines()}
    grid = tuple(args.grid) if args.grid else None
    with open_store(args.store) as store:
        pipeline = Pipeline(store)
        documents, parts, start = [], {}, 0
        for split in args.split:
            documents += read_split(pipeline, split, titles, group_offset=len(documents))
            count = sum(len(d.queries) for d in documents)
            parts[split.stem] = slice(start, count)
            start = count
        weights, examples = train_rounds(KBLookup(store), documents, grid, args.rounds)
    if args.cv:  # the last round's examples, as the shipped weights would be trained on
        for row in cross_validate(examples, parts, grid=grid):
            print(json.dumps(row))
        return
    args.out.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"examples": len(examples), **weights}))


if __name__ == "__main__":
    main()


__all__ = [
    "calibration_table", "choose_c", "choose_threshold", "cross_validate", "examples_of",
    "out_of_fold", "read_split", "train", "train_rounds",
]
