"""The knowledge-base store: one interface, an embedded SQLite default.

Every backend implements :class:`Store`; ``tests/kb/test_store_conformance.py``
holds one test class that each backend runs by overriding a single fixture.

Fact status is derived when facts are read, never stored, so it cannot go stale:

- ``kb``: only reference-KB entries state it;
- ``new``: exactly one source document states it and no KB entry does;
- ``corroborated``: two or more distinct documents (KB entries included) state it;
- ``conflict``: the slot is single-valued and the same subject has a different value
  (both values are kept and both are flagged).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from kbp.types import Document, Fact, Mention, Provenance

STATUSES = ("kb", "new", "corroborated", "conflict")


@dataclass(frozen=True)
class StoredEntity:
    id: str
    name: str
    type: str | None
    kb_id: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def is_nil(self) -> bool:
        return self.kb_id is None


@dataclass(frozen=True)
class StoredFact:
    id: int
    subject: StoredEntity
    slot: str
    value: str
    confidence: float
    status: str
    provenance: tuple[Provenance, ...]
    object: StoredEntity | None = None
    qualifiers: Mapping[str, str] = field(default_factory=dict)
    #: Number of distinct documents (KB entries included) that state the fact.
    sources: int = 1


@runtime_checkable
class Store(Protocol):
    """What the pipeline, the CLI and the exports need from a knowledge-base store."""

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside commit together or not at all (one per document)."""
        ...

    # documents
    def document_digest(self, doc_id: str) -> str | None:
        """The content digest recorded for ``doc_id``, or None if never ingested."""
        ...

    def record_document(self, doc: Document, digest: str) -> None:
        """Record a document; if ``doc.id`` was stored with another digest, its
        mentions and provenance are removed first (the new version replaces it)."""
        ...

    # entities
    def ensure_kb_entity(
        self, kb_id: str, name: str, type: str | None, aliases: Iterable[str] = ()
    ) -> str:
        """The entity id of KB entry ``kb_id``, creating it on first sight."""
        ...

    def ensure_kb_entities(
        self, rows: Iterable[tuple[str, str, str | None, Iterable[str], str | None]]
    ) -> list[str]:
        """:meth:`ensure_kb_entity` for many ``(kb_id, name, type, aliases, context)`` rows,
        then :meth:`set_entity_context` for each context that is not None; all rows are
        written together or not at all.  The entity ids, in the order of ``rows``."""
        ...

    def new_entity(self, name: str, type: str | None) -> str:
        """Create a NIL entity (no KB entry) and return its id."""
        ...

    def add_aliases(self, entity_id: str, aliases: Iterable[str]) -> None: ...

    def get_entity(self, entity_id: str) -> StoredEntity | None: ...

    def entities_by_alias(self, alias: str, type: str | None = None) -> list[StoredEntity]:
        """Entities with ``alias`` as a name, compared case- and accent-folded."""
        ...

    def kb_entities(self) -> Iterator[StoredEntity]:
        """Every entity that has a KB id, with its aliases (for the linker's index)."""
        ...

    def nil_entities(self) -> Iterator[StoredEntity]:
        """Every entity without a KB id (for NIL clustering)."""
        ...

    def set_entity_context(self, entity_id: str, text: str) -> None:
        """Keep the words that describe a KB entity, for the linker's context feature."""
        ...

    def entity_contexts(self) -> Iterator[tuple[str, str]]:
        """``(entity_id, text)`` for every entity with a stored context."""
        ...

    # linking index: everything the linker needs, looked up on demand so that a KB of a
    # million entries is never held in memory
    def kb_entities_by_alias(self, folded: str) -> list[StoredEntity]:
        """KB entities (with a KB id) having the folded alias ``folded``; no ordering
        cost beyond the alias index."""
        ...

    def aliases_with_token(self, token: str, limit: int = 200) -> list[str]:
        """Folded KB aliases containing the folded word ``token`` (at most ``limit``)."""
        ...

    def entity_context(self, entity_id: str) -> str | None:
        """The context text stored with :meth:`set_entity_context`, if any."""
        ...

    def add_link_counts(self, rows: Iterable[tuple[str, str, int]]) -> None:
        """Add ``(anchor text, target kb_id, count)`` rows to the link statistics; anchors
        are folded, counts accumulate across calls."""
        ...

    def link_counts(self, folded: str) -> dict[str, int]:
        """``kb_id -> count`` of links whose folded anchor text is ``folded``."""
        ...

    def find_entities(self, query: str) -> list[StoredEntity]:
        """Entities whose name, alias or KB id matches ``query``, best first."""
        ...

    # mentions and facts
    def add_mentions(
        self,
        doc_id: str,
        rows: Iterable[tuple[Mention, int, int, str | None]],
        link_scores: Mapping[str, float] | None = None,
    ) -> None:
        """Store mentions as ``(mention, raw_start, raw_end, entity_id or None)``, with
        the link score of each entity id found in ``link_scores``."""
        ...

    def add_fact(self, fact: Fact, doc_kind: str) -> int:
        """Merge one fact (subject/object are store entity ids) and return its id.

        A fact equal to a stored one (same subject, slot and value key) gains the new
        provenance instead of a second row; ``doc_kind`` is "kb" or "source".
        """
        ...

    def facts(
        self,
        subject: str | None = None,
        slot: str | None = None,
        min_confidence: float = 0.0,
    ) -> Iterator[StoredFact]: ...

    def mentions(self) -> Iterator[dict[str, object]]:
        """Mentions as export rows: doc_id, start, end, text, type, entity_id, kb_id,
        link_score."""
        ...

    def stats(self) -> dict[str, int]: ...
