"""Typed records that flow one way through the pipeline.

``Document -> [Mention] -> [Entity + Link] -> [Fact + Provenance] -> Store``

Every record is a frozen dataclass that checks itself on construction, so a
stage that produces an impossible value fails where the bug is, not three
stages later.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

EntityType = Literal["PER", "ORG", "GPE", "LOC", "FAC"]
ENTITY_TYPES: tuple[str, ...] = ("PER", "ORG", "GPE", "LOC", "FAC")
DocKind = Literal["source", "kb"]


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in cleaned text back to offsets in the raw file.

    The map is piecewise linear: ``anchors`` holds ``(clean, raw)`` pairs sorted by
    ``clean``; between two anchors both texts advance together.  Cleaning steps that
    replace ``&amp;`` by ``&`` or insert a space add an anchor, so a 50 MB file costs
    one anchor per edit rather than one integer per character.
    """

    anchors: tuple[tuple[int, int], ...] = ((0, 0),)

    def __post_init__(self) -> None:
        cleans = [c for c, _ in self.anchors]
        if not cleans or cleans[0] != 0 or cleans != sorted(cleans):
            raise ValueError("OffsetMap anchors must start at 0 and be sorted")

    def to_raw(self, pos: int) -> int:
        """Raw-file offset of the character at cleaned offset ``pos``."""
        i = bisect.bisect_right(self.anchors, (pos, float("inf"))) - 1
        clean, raw = self.anchors[i]
        return raw + (pos - clean)

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw span of a cleaned span; the end is mapped through its last character."""
        if end <= start:
            r = self.to_raw(start)
            return r, r
        return self.to_raw(start), self.to_raw(end - 1) + 1

    @classmethod
    def identity(cls) -> OffsetMap:
        return cls()


@dataclass(frozen=True)
class Document:
    """One text to analyse, source document or KB entry text.

    ``text`` is what the NLP stages read; ``offsets`` maps it back into the file at
    ``path`` so provenance always points at the original bytes' characters.
    """

    id: str
    text: str
    path: str = ""
    kind: DocKind = "source"
    title: str | None = None
    date: str | None = None
    offsets: OffsetMap = field(default_factory=OffsetMap.identity, compare=False)
    #: Regions of ``text`` ``(start, end)`` that are headlines: titles are cased and
    #: unpunctuated, which the NER model handles poorly.
    headlines: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("Document.id must not be empty")
        if self.kind not in ("source", "kb"):
            raise ValueError(f"Document.kind must be 'source' or 'kb', not {self.kind!r}")

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span_to_raw(start, end)


@dataclass(frozen=True)
class Mention:
    """A span of a document's text: an entity name, a pronoun, or a slot value."""

    doc_id: str
    start: int
    end: int
    text: str
    type: str
    #: "ner", "ruler", "propn", "alias", "pronoun", "nominal", ...
    source: str = "ner"
    #: Normalised value for value mentions (ISO date, H:MM:SS, metres, ...).
    norm: str | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"Mention span [{self.start}, {self.end}) is empty or negative")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"Mention text {self.text!r} does not fit [{self.start}, {self.end})")

    @property
    def is_entity(self) -> bool:
        return self.type in ENTITY_TYPES


@dataclass(frozen=True)
class Entity:
    """A within-document cluster of mentions of one real-world entity."""

    id: str  # unique within the document: "<doc_id>#<n>"
    doc_id: str
    name: str  # the longest proper-name mention
    type: str
    mentions: tuple[Mention, ...]

    def __post_init__(self) -> None:
        if not self.mentions:
            raise ValueError(f"Entity {self.id} has no mentions")
        if self.type not in ENTITY_TYPES:
            raise ValueError(f"Entity {self.id} has type {self.type!r}, not one of {ENTITY_TYPES}")

    @property
    def names(self) -> tuple[str, ...]:
        """Distinct proper-name texts (pronouns and nominals left out)."""
        seen: dict[str, None] = {}
        for m in self.mentions:
            if m.source not in ("pronoun", "nominal"):
                seen.setdefault(m.text, None)
        return tuple(seen)


@dataclass(frozen=True)
class Link:
    """The decision for one entity: a KB id, or NIL (``kb_id is None``)."""

    entity_id: str
    kb_id: str | None
    score: float
    candidates: tuple[tuple[str, float], ...] = ()

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"Link score {self.score} is outside [0, 1]")

    @property
    def is_nil(self) -> bool:
        return self.kb_id is None


@dataclass(frozen=True)
class Provenance:
    """Where a fact was read: character offsets into the original file."""

    doc_id: str
    start: int  # filler span in the raw file
    end: int
    snippet: str  # the justifying sentence
    extractor: str = ""
    #: The justifying sentence's span in the raw file.
    sent_start: int | None = None
    sent_end: int | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"Provenance span [{self.start}, {self.end}) is invalid")

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "start": self.start,
            "end": self.end,
            "snippet": self.snippet,
            "extractor": self.extractor,
        }


@dataclass(frozen=True)
class Fact:
    """One slot filler for a subject entity, with where it was read."""

    subject: str  # Entity.id (within a document) or a store entity id
    slot: str
    value: str
    confidence: float
    provenance: tuple[Provenance, ...]
    object: str | None = None  # Entity.id of an entity-valued filler
    qualifiers: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"Fact confidence {self.confidence} is outside [0, 1]")
        if not self.value:
            raise ValueError(f"Fact {self.slot} for {self.subject} has an empty value")
        if not self.provenance:
            raise ValueError(f"Fact {self.slot}={self.value!r} has no provenance")
        object.__setattr__(self, "qualifiers", MappingProxyType(dict(self.qualifiers)))


@dataclass(frozen=True)
class KBEntry:
    """A reference-KB entry: an entity, its text, and what the entry states outright.

    ``facts`` are structured statements (infobox values) whose subject is ``kb_id``
    and whose provenance points into the raw file.  ``categories`` are category
    names with their raw-file spans; the slot stage turns them into facts.
    """

    kb_id: str
    title: str
    type: str | None
    text: Document
    aliases: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()
    categories: tuple[tuple[str, int, int], ...] = ()
    #: Outgoing links ``(anchor text, target title)``: counted over a whole KB they give
    #: the prior p(entity | name) that the linker uses.
    links: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if not self.kb_id:
            raise ValueError("KBEntry.kb_id must not be empty")
        if not self.title:
            raise ValueError(f"KB entry {self.kb_id} has no title")
        if self.type is not None and self.type not in ENTITY_TYPES:
            raise ValueError(f"KB entry {self.kb_id} has type {self.type!r}")
