"""Exports of a store's contents as JSON Lines, one format per entry of :data:`FORMATS`.

The line shapes are a contract other tools read:

- ``facts``: ``{"subject": {"id", "name", "type", "kb_id"}, "slot", "value",
  "object": {"id", "name", "type"} | null, "qualifiers", "confidence", "status",
  "sources", "provenance": [{"doc_id", "start", "end", "snippet", "extractor"}]}``
- ``mentions``: ``{"doc_id", "start", "end", "text", "type", "entity_id", "kb_id"}``
"""

from __future__ import annotations

import json
from typing import Any, Protocol, TextIO

from kbp.errors import ConfigError
from kbp.kb.store import Store, StoredEntity, StoredFact
from kbp.kb.tac import export_tac_el, export_tac_sf
from kbp.types import ENTITY_TYPES

__all__ = ["FORMATS", "Exporter", "export", "export_facts", "export_mentions", "fact_to_json"]


class Exporter(Protocol):
    """Writes a store's contents to ``out``; returns the number of records written."""

    def __call__(self, store: Store, out: TextIO, min_confidence: float = 0.0) -> int: ...


def _entity_type(entity: StoredEntity) -> str | None:
    return entity.type if entity.type in ENTITY_TYPES else None


def fact_to_json(fact: StoredFact) -> dict[str, Any]:
    """One fact as the ``facts`` export line (a dict ready for ``json.dumps``)."""
    subject = fact.subject
    obj = fact.object
    return {
        "subject": {
            "id": subject.id,
            "name": subject.name,
            "type": _entity_type(subject),
            "kb_id": subject.kb_id,
        },
        "slot": fact.slot,
        "value": fact.value,
        "object": (
            None if obj is None else {"id": obj.id, "name": obj.name, "type": _entity_type(obj)}
        ),
        "qualifiers": dict(fact.qualifiers),
        "confidence": round(fact.confidence, 3),
        "status": fact.status,
        "sources": fact.sources,
        "provenance": [p.to_json() for p in fact.provenance],
    }


def _write_line(out: TextIO, record: dict[str, Any]) -> None:
    out.write(json.dumps(record, ensure_ascii=False))
    out.write("\n")


def export_facts(store: Store, out: TextIO, min_confidence: float = 0.0) -> int:
    """Write every fact with confidence ≥ ``min_confidence`` as one JSON line.

    Lines are ordered by subject name, slot and value; returns the number written.
    """
    facts = sorted(
        store.facts(min_confidence=min_confidence),
        key=lambda f: (f.subject.name, f.subject.id, f.slot, f.value, f.id),
    )
    for fact in facts:
        _write_line(out, fact_to_json(fact))
    return len(facts)


def export_mentions(store: Store, out: TextIO, min_confidence: float = 0.0) -> int:
    """Write every stored mention as one JSON line; returns the number written.

    ``start``/``end`` are raw-file offsets; ``link_score`` is how sure the linker was of
    the mention's entity (null where it did not decide).  ``min_confidence`` is accepted
    so all :data:`FORMATS` share one signature.
    """
    keys = ("doc_id", "start", "end", "text", "type", "entity_id", "kb_id", "link_score")
    written = 0
    for row in store.mentions():
        _write_line(out, {key: row.get(key) for key in keys})
        written += 1
    return written


#: Export formats by name; a new format (``tac-el``, ``tac-sf``) is one more entry.
FORMATS: dict[str, Exporter] = {
    "facts": export_facts,
    "mentions": export_mentions,
    "tac-el": export_tac_el,
    "tac-sf": export_tac_sf,
}


def export(store: Store, fmt: str, out: TextIO, min_confidence: float = 0.0) -> int:
    """Write ``store`` to ``out`` in format ``fmt``; ConfigError names the known formats."""
    try:
        exporter = FORMATS[fmt]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise ConfigError(f"unknown export format {fmt!r} (known: {known})") from None
    return exporter(store, out, min_confidence=min_confidence)
