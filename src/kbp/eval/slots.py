"""Slot-filling and relation scores: pure functions over plain values.

- :func:`score_knowledgenet`: KnowledgeNet's "text" evaluation (span overlap) over
  passages in the dataset's own schema;
- :func:`score_relations`: document-level relations (DocRED, Re-DocRED) as sets of
  ``(doc, head, tail, relation)``.

:mod:`kbp.eval.knowledgenet` and :mod:`kbp.eval.redocred` run kbp over the data and
feed these.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from typing import Any, NamedTuple

__all__ = [
    "Span",
    "SpanFact",
    "knowledgenet_matches",
    "overlaps",
    "prf",
    "score_knowledgenet",
    "score_relations",
    "span_fact",
]

Span = tuple[int, int]


class SpanFact(NamedTuple):
    """A fact located in text: subject and object character spans, and the property."""

    subject: Span
    object: Span
    property: str


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Precision, recall and F1 from counts (a ratio with nothing to divide by is 0.0)."""
    p = _ratio(tp, tp + fp)
    r = _ratio(tp, tp + fn)
    return {"precision": p, "recall": r, "f1": _ratio(2 * p * r, p + r),
            "tp": tp, "fp": fp, "fn": fn}


def overlaps(a: Span, b: Span) -> bool:
    """Whether two half-open character spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def span_fact(fact: SpanFact | Mapping[str, Any] | tuple) -> SpanFact:
    """A :class:`SpanFact` from itself, a ``((s, e), (s, e), property)`` tuple, or a fact
    in KnowledgeNet's JSON schema (``subjectStart/End``, ``objectStart/End``,
    ``propertyId``).  Property ids are compared as strings."""
    if isinstance(fact, Mapping):
        return SpanFact(
            (int(fact["subjectStart"]), int(fact["subjectEnd"])),
            (int(fact["objectStart"]), int(fact["objectEnd"])),
            str(fact["propertyId"]),
        )
    subject, obj, prop = fact
    return SpanFact((int(subject[0]), int(subject[1])), (int(obj[0]), int(obj[1])), str(prop))


def _matches(pred: SpanFact, gold: SpanFact) -> bool:
    return (pred.property == gold.property and overlaps(pred.subject, gold.subject)
            and overlaps(pred.object, gold.object))


def knowledgenet_matches(
    gold_passages: Iterable[Mapping[str, Any]],
    predicted: Mapping[str, Iterable[SpanFact | Mapping[str, Any] | tuple]],
) -> Iterable[tuple[str, str, SpanFact]]:
    """Every counted outcome of the KnowledgeNet text evaluation, as
    ``(passageId, kind, fact)`` with kind ``"tp"`` (a gold fact found), ``"fn"`` (a gold
    fact missed) or ``"fp"`` (a wrong prediction that counts); see
    :func:`score_knowledgenet` for the rules."""
    for passage in gold_passages:
        pid = str(passage["passageId"])
        exhaustive = {str(p["propertyId"]) for p in passage.get("exhaustivelyAnnotatedProperties",
                                                                ())}
        gold = list(dict.fromkeys(span_fact(f) for f in passage.get("facts", ())))
        preds = list(dict.fromkeys(span_fact(f) for f in predicted.get(pid, ())))
        for g in gold:
            yield pid, ("tp" if any(_matches(p, g) for p in preds) else "fn"), g
        for p in preds:
            if p.property in exhaustive and not any(_matches(p, g) for g in gold):
                yield pid, "fp", p


def score_knowledgenet(
    gold_passages: Iterable[Mapping[str, Any]],
    predicted: Mapping[str, Iterable[SpanFact | Mapping[str, Any] | tuple]],
) -> dict[str, Any]:
    """KnowledgeNet's "text" evaluation, micro-averaged over facts, plus per property.

    ``gold_passages`` are passages in the dataset's schema (``passageId``,
    ``exhaustivelyAnnotatedProperties`` with ``propertyId``/``propertyName``, ``facts``
    with ``subjectStart/End``, ``objectStart/End``, ``propertyId``).  ``predicted`` maps
    a passageId to its predicted facts (:class:`SpanFact`, tuples or dicts in the same
    schema); passages that are not in the gold are not evaluated.

    Rules:

    - a predicted fact *matches* a gold fact of the same passage when the properties are
      equal and the subject spans overlap and the object spans overlap (half-open
      character spans sharing at least one character);
    - a gold fact is a true positive when at least one prediction matches it, else a
      false negative;
    - a prediction that matches no gold fact is a false positive only when its property
      is one of the passage's ``exhaustivelyAnnotatedProperties`` (the others were not
      annotated there, so nothing can be said about it);
    - duplicate facts (same spans and property) within a passage count once, on both sides.

    Returns ``precision``, ``recall``, ``f1``, ``tp``, ``fp``, ``fn``, ``passages`` and
    ``per_property``: propertyId -> the same counts and ratios, plus ``name`` (from the
    gold passages' property lists, else the id) and ``gold`` (the number of gold facts).
    """
    gold_passages = list(gold_passages)
    names: dict[str, str] = {}
    for passage in gold_passages:
        for p in passage.get("exhaustivelyAnnotatedProperties", ()):
            names.setdefault(str(p["propertyId"]), str(p.get("propertyName") or p["propertyId"]))
    counts: Counter[tuple[str, str]] = Counter()
    for _, kind, fact in knowledgenet_matches(gold_passages, predicted):
        counts[(fact.property, kind)] += 1
    props = sorted({p for p, _ in counts} | set(names), key=lambda p: (len(p), p))
    per_property = {}
    for p in props:
        tp, fp, fn = counts[(p, "tp")], counts[(p, "fp")], counts[(p, "fn")]
        per_property[p] = {"name": names.get(p, p), **prf(tp, fp, fn), "gold": tp + fn}
    total = prf(*(sum(counts[(p, k)] for p in props) for k in ("tp", "fp", "fn")))
    return {**total, "passages": len(gold_passages), "per_property": per_property}


def score_relations(
    gold: Iterable[tuple[Hashable, Hashable, Hashable, str]],
    predicted: Iterable[tuple[Hashable, Hashable, Hashable, str]],
) -> dict[str, Any]:
    """Micro and per-relation precision, recall and F1 of relation triples.

    ``gold`` and ``predicted`` are ``(doc, head, tail, relation)`` tuples (entity indices
    or any hashable ids); both are taken as sets, so a repeated tuple counts once.  A
    prediction is correct when the same tuple is in the gold.  Returns ``precision``,
    ``recall``, ``f1``, ``tp``, ``fp``, ``fn`` and ``per_relation``: relation -> the same,
    plus ``gold`` (the number of gold tuples).
    """
    gold_set, pred_set = set(gold), set(predicted)
    tp_set = gold_set & pred_set
    relations = sorted({t[3] for t in gold_set | pred_set})
    per_relation = {}
    for r in relations:
        tp = sum(1 for t in tp_set if t[3] == r)
        fp = sum(1 for t in pred_set if t[3] == r) - tp
        fn = sum(1 for t in gold_set if t[3] == r) - tp
        per_relation[r] = {**prf(tp, fp, fn), "gold": tp + fn}
    total = prf(len(tp_set), len(pred_set) - len(tp_set), len(gold_set) - len(tp_set))
    return {**total, "per_relation": per_relation}
