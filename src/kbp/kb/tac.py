"""TAC-KBP output formats: entity linking (``tac-el``) and slot filling (``tac-sf``).

Entity linking: one tab-separated line per linked mention.

``query_id<TAB>kb_id or NILnnnn<TAB>confidence``

- ``query_id`` is ``doc_id:start-end`` with the mention's raw-file character offsets,
  ``end`` exclusive (the offsets of the ``mentions`` export);
- a mention of a KB entity gets the entity's KB id; a mention of a NIL entity gets
  ``NIL0001``, ``NIL0002``, ... numbered in order of first appearance, one number per
  store entity, so every mention of the same NIL entity carries the same number;
- ``confidence`` is always ``1.0``: the store keeps the link decision, not its score.

Lines follow the store's mention order (document id, then offset).  Mentions stored
without an entity are not linking decisions and are left out.
"""

from __future__ import annotations

from typing import TextIO

from kbp.kb.store import Store

__all__ = ["export_tac_el", "export_tac_sf"]

RUN_ID = "kbp"


def export_tac_el(store: Store, out: TextIO, min_confidence: float = 0.0) -> int:
    """Write the ``tac-el`` lines of every mention that belongs to an entity, with the
    linker's confidence in that answer (its calibrated link score; 1.0 where it did not
    decide, as for a KB entry's own name), leaving out lines under ``min_confidence``.
    Returns the number of lines written.
    """
    nil_ids: dict[str, str] = {}
    written = 0
    for row in store.mentions():
        entity_id = row.get("entity_id")
        if entity_id is None:
            continue
        kb_id = row.get("kb_id")
        if kb_id is None:
            kb_id = nil_ids.setdefault(str(entity_id), f"NIL{len(nil_ids) + 1:04d}")
        score = row.get("link_score")
        confidence = 1.0 if score is None else float(score)  # type: ignore[arg-type]
        if confidence < min_confidence:
            continue
        query = f"{row['doc_id']}:{row['start']}-{row['end']}"
        out.write(f"{query}\t{kb_id}\t{round(confidence, 3)}\n")
        written += 1
    return written


def export_tac_sf(store: Store, out: TextIO, min_confidence: float = 0.0) -> int:
    """Write one TAC-KBP slot-filling line per fact at or above ``min_confidence``:

    ``query_id<TAB>slot<TAB>run_id<TAB>justification<TAB>filler<TAB>filler_provenance<TAB>confidence``

    - ``query_id`` is the subject's KB id, or its store entity id for a NIL entity;
    - ``justification`` lists the sentences that state the fact and ``filler_provenance``
      the filler spans, each as ``doc_id:start-end`` with raw-file offsets and, as in
      the TAC format, an *inclusive* end; several are joined by commas (TAC allows up
      to four; all are written);
    - qualifiers are not part of the format and are left out.
    """
    written = 0
    for fact in store.facts(min_confidence=min_confidence):
        query = fact.subject.kb_id or fact.subject.id
        just, filler = [], []
        for p in fact.provenance:
            if p.sent_start is not None and p.sent_end is not None:
                just.append(_span(p.doc_id, p.sent_start, p.sent_end))
            filler.append(_span(p.doc_id, p.start, p.end))
        value = " ".join(fact.value.split())
        out.write(f"{query}\t{fact.slot}\t{RUN_ID}\t{','.join(just or filler)}\t{value}\t"
                  f"{','.join(filler)}\t{fact.confidence:.3f}\n")
        written += 1
    return written


def _span(doc_id: str, start: int, end: int) -> str:
    return f"{doc_id}:{start}-{max(start, end - 1)}"
