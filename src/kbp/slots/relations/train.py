"""Train the relation classifier on KnowledgeNet development folds, and measure it.

Usage::

    python -m kbp.slots.relations.train --train 1,2 --eval 3        # honest dev number
    python -m kbp.slots.relations.train --train 1,2,3 --out src/kbp/data/relation_model.json.gz

Fold 4 is held out and refused.  Needs scikit-learn (the ``dev`` extra); the runtime
does not.

How:

1. Every passage of the folds is run through kbp's stages (parse and mentions,
   coreference, the hand-written extractors).  Each candidate pair
   (:func:`~kbp.slots.relations.features.candidates`) is written, for each relation
   that fits its types, as the fact it would become, and that fact is mapped to
   KnowledgeNet facts the way the benchmark maps every kbp fact
   (:func:`kbp.eval.knowledgenet.span_facts`).
2. Label: positive when one of those facts matches a gold fact of the relation (the
   scorer's span-overlap rule); negative when it matches none and the passage is
   exhaustively annotated for the relation; left out otherwise (unknown).
3. One L2-regularised logistic regression per relation (scikit-learn, liblinear) on
   binary features seen at least twice; the weights are pruned to the strongest
   ``--keep`` per relation.
4. Each relation's threshold maximises that relation's F1 *together with the rule
   facts*, over out-of-fold probabilities (each training fold scored by a model
   trained on the other training folds), so no threshold is tuned on the data that
   scores it.
5. With ``--eval``, the rules alone and the rules plus the classifier are scored on the
   evaluation fold with :func:`kbp.eval.slots.score_knowledgenet`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kbp.eval.knowledgenet import HELD_OUT_FOLD, PROPERTIES
from kbp.eval.slots import SpanFact, overlaps, score_knowledgenet, span_fact
from kbp.slots.relations.model import RELATIONS, RelationModel, Weights

ROOT = Path(__file__).resolve().parents[4]
DATA = ROOT.parent / "shared" / "benchmarks" / "knowledgenet" / "folds1-4.jsonl"


@dataclass
class Item:
    """One candidate pair: its features and, per fitting relation, its label (1, 0, or
    None for unknown) and the KnowledgeNet facts it stands for."""

    features: tuple[str, ...]
    relations: dict[str, tuple[int | None, tuple[SpanFact, ...]]]


@dataclass
class PassageData:
    passage: dict[str, Any]
    fold: int
    rule_spans: list[SpanFact]
    items: list[Item] = field(default_factory=list)

    @property
    def pid(self) -> str:
        return str(self.passage["passageId"])


def _matches(s: SpanFact, g: SpanFact) -> bool:
    return s.property == g.property and overlaps(s.subject, g.subject) and overlaps(
        s.object, g.object)


def prepare(folds: Sequence[int], data: Path = DATA, batch_size: int = 32,
            unnamed: bool = True) -> list[PassageData]:
    """Run kbp over the passages of ``folds`` and collect labelled candidates
    (``unnamed``: pronouns without a named antecedent are entities of their own, as
    the span-level KnowledgeNet evaluation resolves them)."""
    from kbp.coref.resolve import resolve
    from kbp.eval.knowledgenet import fact_views, load_documents, passage_document, span_facts
    from kbp.nlp.annotate import analyse
    from kbp.nlp.model import load_nlp
    from kbp.slots.base import SlotContext
    from kbp.slots.extract import extract_facts
    from kbp.slots.relations.features import candidates
    from kbp.slots.relations.model import fact_for, relations_for

    if HELD_OUT_FOLD in folds:
        raise SystemExit(f"fold {HELD_OUT_FOLD} is held out: never train or tune on it")
    nlp = load_nlp()
    docs = load_documents(data, folds)
    passages = [(p, int(d["fold"])) for d in docs for p in d["passages"]]
    out: list[PassageData] = []
    for i in range(0, len(passages), batch_size):
        chunk = passages[i : i + batch_size]
        analyses = analyse([passage_document(p) for p, _ in chunk], nlp, batch_size=batch_size)
        for (passage, fold), analysis in zip(chunk, analyses, strict=True):
            # Passages often never name their subject ("He was born in ..."): the
            # span-level evaluation needs those pronouns as entities, so train on them.
            resolution = resolve(analysis, unnamed=unnamed)
            rules = extract_facts(analysis, resolution, classifier=False)
            document, entities = analysis.document, resolution.entities
            rule_spans = [s for v in fact_views(document, entities, rules)
                          for s in span_facts(v)]
            pd = PassageData(passage, fold, list(dict.fromkeys(rule_spans)))
            gold = [span_fact(f) for f in passage.get("facts", ())]
            exhaustive = {str(p["propertyId"])
                          for p in passage.get("exhaustivelyAnnotatedProperties", ())}
            ctx = SlotContext(analysis, resolution)
            for cand in candidates(ctx):
                rels = {}
                for rel in relations_for(cand):
                    fact = fact_for(ctx, cand, rel, 0.5)
                    if fact is None:
                        continue
                    spans = tuple(s for v in fact_views(document, entities, [fact])
                                  for s in span_facts(v) if s.property == rel.id)
                    if any(_matches(s, g) for s in spans for g in gold):
                        label: int | None = 1
                    else:
                        label = 0 if rel.id in exhaustive else None
                    rels[rel.id] = (label, spans)
                if rels:
                    pd.items.append(Item(cand.features, rels))
            out.append(pd)
    return out


# -- training ------------------------------------------------------------------------------
def fit(passages: Iterable[PassageData], c: float, keep: int, min_count: int = 2
        ) -> dict[str, Weights]:
    """One pruned logistic regression per relation (thresholds left at 0.5)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    items = [it for pd in passages for it in pd.items]
    counts = Counter(f for it in items for f in it.features)
    vocab = {f: j for j, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    names = np.array(sorted(vocab, key=vocab.get))
    out: dict[str, Weights] = {}
    for rid in RELATIONS:
        rows, cols, labels = [], [], []
        for it in items:
            label = it.relations.get(rid, (None, ()))[0]
            if label is None:
                continue
            r = len(labels)
            labels.append(label)
            for f in it.features:
                j = vocab.get(f)
                if j is not None:
                    rows.append(r)
                    cols.append(j)
        if len(set(labels)) < 2:
            continue
        x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(labels), len(vocab)))
        clf = LogisticRegression(C=c, solver="liblinear", max_iter=1000)
        clf.fit(x, np.array(labels))
        w = clf.coef_[0]
        top = np.argsort(-np.abs(w))[:keep]
        weights = {str(names[j]): round(float(w[j]), 4) for j in top if abs(w[j]) >= 1e-3}
        out[rid] = Weights(round(float(clf.intercept_[0]), 4), 0.5, weights)
    return out


def scored(passages: Iterable[PassageData], weights: dict[str, Weights]
           ) -> list[tuple[float, str, str, tuple[SpanFact, ...]]]:
    """(probability, relation, passageId, facts) of every candidate and relation."""
    out = []
    for pd in passages:
        for it in pd.items:
            for rid, (_, spans) in it.relations.items():
                if rid in weights and spans:
                    out.append((weights[rid].probability(it.features), rid, pd.pid, spans))
    return out


def best_threshold(rid: str, rows: list[tuple[float, str, tuple[SpanFact, ...]]],
                   passages: Sequence[PassageData], floor: float = 0.2) -> tuple[float, float]:
    """The threshold that maximises the F1 of relation ``rid`` when the pairs at or above
    it are added to the rule facts; rows are (probability, passageId, facts).
    Returns (threshold, F1)."""
    gold: dict[str, list[SpanFact]] = {}
    exhaustive: dict[str, bool] = {}
    predicted: dict[str, set[SpanFact]] = {}
    found: dict[str, set[int]] = {}
    tp = fp = n_gold = 0

    def add(pid: str, s: SpanFact) -> None:
        nonlocal tp, fp
        if s in predicted[pid]:
            return
        predicted[pid].add(s)
        hits = [k for k, g in enumerate(gold[pid]) if _matches(s, g)]
        if hits:
            new = set(hits) - found[pid]
            found[pid] |= new
            tp += len(new)
        elif exhaustive[pid]:
            fp += 1

    for pd in passages:
        pid = pd.pid
        gold[pid] = [g for f in pd.passage.get("facts", ()) if (g := span_fact(f)).property == rid]
        n_gold += len(gold[pid])
        exhaustive[pid] = any(str(p["propertyId"]) == rid
                              for p in pd.passage.get("exhaustivelyAnnotatedProperties", ()))
        predicted[pid], found[pid] = set(), set()
        for s in pd.rule_spans:
            if s.property == rid:
                add(pid, s)

    def f1() -> float:
        return 2 * tp / (2 * tp + fp + (n_gold - tp)) if n_gold + fp else 0.0

    best = (1.0, f1())
    for p, pid, spans in sorted(rows, key=lambda r: -r[0]):
        if p < floor:
            break
        for s in spans:
            add(pid, s)
        if f1() > best[1]:
            best = (p, f1())
    return best


def thresholds(passages: Sequence[PassageData], c: float, keep: int) -> dict[str, float]:
    """Per relation, the best threshold over out-of-fold probabilities."""
    folds = sorted({pd.fold for pd in passages})
    rows: dict[str, list[tuple[float, str, tuple[SpanFact, ...]]]] = {r: [] for r in RELATIONS}
    for f in folds:
        weights = fit([pd for pd in passages if pd.fold != f], c, keep)
        for p, rid, pid, spans in scored([pd for pd in passages if pd.fold == f], weights):
            rows[rid].append((p, pid, spans))
    out = {}
    for rid in RELATIONS:
        t, f1 = best_threshold(rid, rows[rid], passages)
        out[rid] = round(t, 4)
        print(f"  threshold {PROPERTIES[rid]:<24}{t:.3f}  (out-of-fold F1 {f1:.3f})",
              file=sys.stderr)
    return out


def train(passages: Sequence[PassageData], c: float, keep: int, cap: float) -> RelationModel:
    weights = fit(passages, c, keep)
    if len({pd.fold for pd in passages}) > 1:
        ts = thresholds(passages, c, keep)
    else:
        ts = {rid: 0.5 for rid in weights}
    return RelationModel({rid: Weights(w.bias, ts.get(rid, 1.0), w.weights)
                          for rid, w in weights.items()}, cap)


def evaluate(passages: Sequence[PassageData], model: RelationModel | None) -> dict[str, Any]:
    """KnowledgeNet scores of the rule facts plus (when given) the model's facts."""
    predicted: dict[str, list[SpanFact]] = {}
    for pd in passages:
        out = list(pd.rule_spans)
        if model is not None:
            for it in pd.items:
                for rid, (_, spans) in it.relations.items():
                    w = model.relations.get(rid)
                    if w is not None and w.probability(it.features) >= w.threshold:
                        out.extend(spans)
        predicted[pd.pid] = out
    return score_knowledgenet([pd.passage for pd in passages], predicted)


def _print_scores(before: dict[str, Any], after: dict[str, Any]) -> None:
    print(f"  {'property':<24}{'gold':>6}{'P':>7}{'R':>7}{'F1':>7}   ->{'P':>7}{'R':>7}{'F1':>7}")
    for pid, a in after["per_property"].items():
        b = before["per_property"].get(pid, a)
        print(f"  {PROPERTIES.get(pid, pid):<24}{a['gold']:>6}{b['precision']:>7.3f}"
              f"{b['recall']:>7.3f}{b['f1']:>7.3f}   ->{a['precision']:>7.3f}"
              f"{a['recall']:>7.3f}{a['f1']:>7.3f}")
    print(f"  {'ALL (micro)':<24}{after['tp'] + after['fn']:>6}{before['precision']:>7.3f}"
          f"{before['recall']:>7.3f}{before['f1']:>7.3f}   ->{after['precision']:>7.3f}"
          f"{after['recall']:>7.3f}{after['f1']:>7.3f}")


def _folds(value: str) -> tuple[int, ...]:
    folds = tuple(sorted({int(x) for x in value.split(",") if x.strip()}))
    if HELD_OUT_FOLD in folds:
        raise SystemExit(f"fold {HELD_OUT_FOLD} is held out: never train, tune or evaluate on it")
    return folds


def _load(folds: Sequence[int], cache: Path | None, data: Path) -> list[PassageData]:
    """Prepared passages of ``folds``, from ``cache`` (one pickle per fold) when there."""
    out: list[PassageData] = []
    for f in folds:
        path = cache / f"knowledgenet-fold{f}.pkl" if cache else None
        if path is not None and path.is_file():
            with open(path, "rb") as fh:
                out.extend(PassageData(p, f, spans, [Item(*it) for it in items])
                           for p, f, spans, items in pickle.load(fh))
            continue
        t0 = time.perf_counter()
        part = prepare([f], data)
        print(f"prepared fold {f}: {len(part)} passages, "
              f"{sum(len(p.items) for p in part)} candidates, {time.perf_counter() - t0:.0f} s",
              file=sys.stderr)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as fh:  # plain tuples: the classes live in __main__
                pickle.dump([(p.passage, p.fold, p.rule_spans,
                              [(it.features, it.relations) for it in p.items]) for p in part], fh)
        out.extend(part)
    return out


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", type=_folds, default=(1, 2, 3), help="training folds")
    ap.add_argument("--eval", type=_folds, default=(), help="evaluation folds (not in --train)")
    ap.add_argument("--out", type=Path, default=None, help="write the model here (.json.gz)")
    ap.add_argument("--cache", type=Path, default=None,
                    help="folder for prepared folds (delete it when the features change)")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--c", type=float, default=0.5, help="inverse L2 strength")
    ap.add_argument("--keep", type=int, default=3000, help="features kept per relation")
    ap.add_argument("--cap", type=float, default=0.89, help="highest confidence emitted")
    args = ap.parse_args(argv)
    if set(args.train) & set(args.eval):
        raise SystemExit("--eval folds must not be training folds")

    train_data = _load(args.train, args.cache, args.data)
    model = train(train_data, args.c, args.keep, args.cap)
    if args.out is not None:
        payload = json.dumps(model.to_json(), separators=(",", ":"), sort_keys=True)
        args.out.write_bytes(gzip.compress(payload.encode("utf-8"), mtime=0))
        print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)", file=sys.stderr)
    result: dict[str, Any] = {"train": list(args.train), "eval": list(args.eval)}
    if args.eval:
        eval_data = _load(args.eval, args.cache, args.data)
        before, after = evaluate(eval_data, None), evaluate(eval_data, model)
        print(f"KnowledgeNet folds {','.join(map(str, args.eval))}: rules -> rules + classifier "
              f"(trained on folds {','.join(map(str, args.train))})")
        _print_scores(before, after)
        result.update({"rules": {k: round(before[k], 4) for k in ("precision", "recall", "f1")},
                       "with_classifier": {k: round(after[k], 4)
                                           for k in ("precision", "recall", "f1")}})
    print(json.dumps(result))


if __name__ == "__main__":
    main()
