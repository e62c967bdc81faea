"""Runs every slot extractor over a resolved document."""

from __future__ import annotations

from dataclasses import replace

from kbp.coref.resolve import Resolution
from kbp.nlp.annotate import Analysis
from kbp.slots.achievements import ResultCollector, infer_doc_year, results_to_facts
from kbp.slots.base import SlotContext
from kbp.slots.life import LIFE_EXTRACTORS
from kbp.slots.organisations import ORG_EXTRACTORS
from kbp.slots.patterns import SENTENCE_EXTRACTORS
from kbp.slots.relations.model import RelationModel, load_model
from kbp.types import Fact


def _doc_year(date: str | None) -> int | None:
    if date and date[:4].isdigit():
        return int(date[:4])
    return None


def extract_facts(analysis: Analysis, resolution: Resolution, *,
                  classifier: bool = True, model: RelationModel | None = None) -> list[Fact]:
    """Facts of one document; subjects and objects are the document's Entity ids.

    The hand-written extractors run first; then, with ``classifier``, the statistical
    relation classifier (:mod:`kbp.slots.relations`) adds the facts they missed, with
    ``model`` or else the shipped one.
    """
    ctx = SlotContext(analysis, resolution, _doc_year(analysis.document.date))
    facts: list[Fact] = []
    results = ResultCollector(ctx)
    for sent in analysis.doc.sents:
        if ctx.in_headline(sent):
            continue  # a headline repeats the story in short, in headline grammar
        text = ctx.sent_text(sent)
        for extractor, trigger in SENTENCE_EXTRACTORS + LIFE_EXTRACTORS + ORG_EXTRACTORS:
            if trigger is None or trigger.search(text):
                facts.extend(extractor(ctx, sent))
        results.sentence(sent)
    if ctx.doc_year is None:
        ctx.doc_year = infer_doc_year(results.results)
    facts.extend(results_to_facts(ctx, results.results, results.margins))
    as_of = analysis.document.date or (str(ctx.doc_year) if ctx.doc_year else None)
    if as_of:  # an age is true on the document's date
        facts = [replace(f, qualifiers={"as_of": as_of, **f.qualifiers})
                 if f.slot == "per:age" else f for f in facts]
    if classifier:
        model = model or load_model()
        if model is not None:
            facts.extend(model.facts(ctx, facts))
    return facts


__all__ = ["extract_facts"]
