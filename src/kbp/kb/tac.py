"""TAC-KBP entity-linking output: one tab-separated line per linked mention.

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

__all__ = ["export_tac_el"]


def export_tac_el(store: Store, out: TextIO, min_confidence: float = 0.0) -> int:
    """Write the ``tac-el`` lines of every mention that belongs to an entity.

    ``min_confidence`` is accepted so all export formats share one signature; every
    line has confidence 1.0.  Returns the number of lines written.
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
        out.write(f"{row['doc_id']}:{row['start']}-{row['end']}\t{kb_id}\t1.0\n")
        written += 1
    return written
