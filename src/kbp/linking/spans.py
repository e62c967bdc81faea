"""Linking given mention spans (gold mentions of an evaluation, or a user's query).

Detection and linking are measured apart: here the spans are given, the text is still
parsed for entity types and context, and every span is linked with the same linker
the pipeline uses, the document's names ranked together.  Spans with the same folded
text in one document get one decision.
NIL spans are clustered across documents by the pipeline's NIL clustering
(:func:`kbp.linking.nil.nil_cluster`: name, type where known, and the words of the
sentences around them), which writes NIL entities to the pipeline's store: run it on
a scratch store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kbp.kb.text import fold
from kbp.linking.context import context_terms, mention_cues, place_frame, sentence_context
from kbp.linking.linker import Query
from kbp.linking.nil import nil_cluster
from kbp.types import ENTITY_TYPES, Document, Mention

if TYPE_CHECKING:
    from spacy.tokens import Span

    from kbp.eval.zelda import LinkedSpan
    from kbp.nlp.annotate import Analysis
    from kbp.pipeline import Pipeline


def span_query(analysis: Analysis, typed: list[Mention], doc_terms: frozenset[str],
               start: int, end: int, query_id: str) -> Query:
    """The :class:`Query` for the text span ``[start, end)`` of an analysed document:
    the type of the entity mention (of ``typed``) it overlaps, the document's words and
    the cues of its place in its sentence."""
    text = analysis.document.text
    type_ = next((m.type for m in typed if m.start < end and start < m.end), None)
    span = analysis.doc.char_span(start, end, alignment_mode="expand")
    found = span is not None and len(span) > 0
    cues = mention_cues(span) if found else frozenset()
    frame = place_frame(span) if found else ("", "")
    return Query(query_id, (text[start:end],), type_, doc_terms, cues,
                 (frame,) if any(frame) else ())


def link_spans(
    pipeline: Pipeline, doc_id: str, text: str, spans: list[tuple[int, int]]
) -> list[LinkedSpan]:
    """One :class:`~kbp.eval.zelda.LinkedSpan` per span, in order."""
    from kbp.eval.zelda import LinkedSpan

    analysis = pipeline.analyse([Document(id=doc_id, text=text)])[0]
    doc = analysis.doc
    doc_terms = context_terms(text)
    typed = [m for m in analysis.mentions if m.type in ENTITY_TYPES]
    linker = pipeline.linker()
    queries: dict[str, Query] = {}
    found: dict[str, list[Span]] = {}
    for start, end in spans:
        key = fold(text[start:end])
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            found.setdefault(key, []).append(span)
        if key not in queries:
            queries[key] = span_query(analysis, typed, doc_terms, start, end,
                                      f"{doc_id}:{start}-{end}")
    links = dict(zip(queries, linker.link_document(list(queries.values())), strict=True))
    clusters = {
        key: link.kb_id or "NIL:" + nil_cluster(
            pipeline.store, queries[key].names, queries[key].type,
            sentence_context(found.get(key, ())))
        for key, link in links.items()
    }
    out = []
    for start, end in spans:
        key = fold(text[start:end])
        link = links[key]
        out.append(LinkedSpan(kb_id=link.kb_id, cluster=clusters[key],
                              candidates=tuple(c for c, _ in link.candidates)))
    return out
