"""The one place that knows the order of the stages.

``Document -> analyse (mentions) -> resolve (entities) -> link -> extract (facts) -> Store``

Each document is written in one store transaction, after every stage has
succeeded for it, and is recorded with a digest of its content: ingesting the
same document again is a no-op, a changed document replaces its old version.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from spacy.language import Language

from kbp.coref.resolve import Resolution, resolve
from kbp.errors import KBPError
from kbp.kb.store import Store
from kbp.linking.aliases import derived_aliases, is_common_noun
from kbp.linking.context import (
    COMMON_CUE,
    context_terms,
    mention_cues,
    place_frame,
    sentence_context,
)
from kbp.linking.linker import KBLookup, Linker
from kbp.linking.nil import nil_entity
from kbp.nlp.annotate import Analysis, analyse
from kbp.slots.categories import category_facts
from kbp.slots.extract import extract_facts
from kbp.slots.temporal import check_age
from kbp.types import Document, Entity, Fact, KBEntry

log = logging.getLogger("kbp.pipeline")

PERSON_CATEGORIES = ("births", "deaths", "Living people")


@dataclass
class Report:
    """What one run did, for the CLI summary and the exit code."""

    processed: int = 0
    unchanged: int = 0
    failed: int = 0
    mentions: int = 0
    facts: int = 0
    errors: list[str] = field(default_factory=list)

    def fail(self, message: str) -> None:
        self.failed += 1
        self.errors.append(message)


def digest(doc: Document, extra: str = "") -> str:
    h = hashlib.sha256()
    for part in (doc.kind, doc.title or "", doc.date or "", doc.text, extra):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class Pipeline:
    """Runs the stages over documents and KB entries into a store.

    Construction is cheap; the spaCy model is loaded on first use (``warm_up``).
    """

    def __init__(self, store: Store, nlp: Language | None = None, batch_size: int = 16) -> None:
        self.store = store
        self._nlp = nlp
        self.batch_size = batch_size
        self._linker: Linker | None = None

    def warm_up(self) -> Language:
        if self._nlp is None:
            from kbp.nlp.model import load_nlp

            self._nlp = load_nlp()
        return self._nlp

    # -- linking index -------------------------------------------------------------
    def linker(self) -> Linker:
        if self._linker is None:
            self._linker = Linker(KBLookup(self.store))
        return self._linker

    # -- reference KB ----------------------------------------------------------------
    def add_kb(
        self,
        entries: Iterable[KBEntry],
        on_done: Callable[[str], None] | None = None,
        analyse_text: bool = True,
    ) -> Report:
        """Register KB entries, then analyse their text (facts count as KB facts).

        With ``analyse_text=False`` only names, aliases, types, structured facts and the
        linking context are stored: a large KB loads in seconds, and its text can be
        analysed later by adding it again.
        """
        report = Report()
        # registration alone is cheap per entry: larger transactions, one bulk write each
        size = max(self.batch_size * 8, 64) if analyse_text else 1024
        for batch in _batches(entries, size):
            todo = []
            registered = []
            with self.store.transaction():
                fresh = []
                for entry in batch:
                    d = digest(entry.text, _entry_extra(entry))
                    if self.store.document_digest(entry.text.id) == d:
                        report.unchanged += 1
                        if on_done:
                            on_done(entry.text.id)
                        continue
                    fresh.append((entry, d, entry.type or _guess_type(entry)))
                sids = self.store.ensure_kb_entities(
                    (entry.kb_id, entry.title, etype,
                     (*entry.aliases, *derived_aliases(entry.title, etype, entry.text.text)),
                     _context(entry, etype))
                    for entry, _, etype in fresh
                )
                links = [row for entry, _, _ in fresh for row in _link_counts(entry.links)]
                if links:
                    self.store.add_link_counts(links)
                for (entry, d, etype), sid in zip(fresh, sids, strict=True):
                    if analyse_text and entry.text.text.strip():
                        todo.append((entry, d, sid, etype))
                    else:
                        self._structured_only(entry, sid)
                        registered.append(entry.text.id)
            report.processed += len(registered)
            if on_done:
                for doc_id in registered:
                    on_done(doc_id)
            self._linker = None  # the index must see the new entries
            docs = [e.text for e, *_ in todo]
            topics = [_topic_names(entry, etype) for entry, _, _, etype in todo]
            for (entry, d, sid, _), topic, analysis in zip(
                todo, topics, self.analyse(docs, topics), strict=True
            ):
                self._write(analysis, d, report, topic=topic, topic_id=sid, entry=entry)
                if on_done:
                    on_done(entry.text.id)
        return report

    def _structured_only(self, entry: KBEntry, sid: str) -> None:
        """Store an entry's structured facts without analysing its text.  The digest is
        not recorded, so a later full add still analyses the text."""
        for f in (*category_facts(entry, sid), *_entry_facts(entry, sid)):
            self.store.add_fact(f, "kb")

    # -- source documents ------------------------------------------------------------
    def ingest(
        self, documents: Iterable[Document], on_done: Callable[[str], None] | None = None
    ) -> Report:
        report = Report()
        for batch in _batches(documents, self.batch_size):
            todo = []
            for doc in batch:
                d = digest(doc)
                if self.store.document_digest(doc.id) == d:
                    report.unchanged += 1
                    if on_done:
                        on_done(doc.id)
                else:
                    todo.append((doc, d))
            for (doc, d), analysis in zip(todo, self.analyse([x for x, _ in todo]),
                                          strict=True):
                self._write(analysis, d, report)
                if on_done:
                    on_done(doc.id)
        return report

    # -- stages ------------------------------------------------------------------------
    def analyse(
        self, docs: list[Document], people: list[tuple[str, ...]] | None = None
    ) -> list[Analysis]:
        """Parse documents and detect their mentions (``people``: per document, names
        known to be persons)."""
        if not docs:
            return []
        return analyse(
            docs,
            self.warm_up(),
            batch_size=self.batch_size,
            people=people,
            kb_types=self.linker().kb.types,
        )

    def _write(
        self,
        analysis: Analysis,
        doc_digest: str,
        report: Report,
        topic: tuple[str, ...] = (),
        topic_id: str | None = None,
        entry: KBEntry | None = None,
    ) -> None:
        document = analysis.document
        try:
            resolution = resolve(analysis, topic_names=topic)
            facts = extract_facts(analysis, resolution)
            with self.store.transaction():
                self.store.record_document(document, doc_digest)
                ids, scores = self._entity_ids(analysis, resolution, topic_id)
                rows = []
                for ent in resolution.entities:
                    for m in ent.mentions:
                        rs, re_ = document.raw_span(m.start, m.end)
                        rows.append((m, rs, re_, ids.get(ent.id)))
                self.store.add_mentions(document.id, rows, scores)
                mapped = [m for m in (_map_fact(f, ids) for f in facts) if m is not None]
                for f in _checked_ages(self.store, mapped):
                    self.store.add_fact(f, document.kind)
                written = len(mapped)
                if entry is not None and topic_id is not None:
                    for f in (*category_facts(entry, topic_id), *_entry_facts(entry, topic_id)):
                        self.store.add_fact(f, "kb")
                        written += 1
            report.processed += 1
            report.mentions += len(rows)
            report.facts += written
        except KBPError as exc:
            report.fail(f"{document.path or document.id}: {exc}")

    def _entity_ids(
        self, analysis: Analysis, resolution: Resolution, topic_id: str | None
    ) -> tuple[dict[str, str], dict[str, float]]:
        """Store entity ids of the document's entities (their KB entity, a NIL entity, or
        the KB entry the text is about), and the link score of each store entity the
        linker decided (the highest, when two of the document's entities share one)."""
        linker = self.linker()
        doc_terms = context_terms(analysis.document.text)
        ids: dict[str, str] = {}
        scores: dict[str, float] = {}
        if resolution.topic is not None and topic_id is not None:
            ids[resolution.topic.id] = topic_id
        entities = [e for e in resolution.entities if e.id not in ids]
        links = linker.link_document([
            linker.query(e, doc_terms, mention_cues(analysis.span(e.mentions[0])),
                         _frames(analysis, e))
            for e in entities])
        for ent, link in zip(entities, links, strict=True):
            if link.kb_id is not None:
                ids[ent.id] = linker.kb.ids[link.kb_id]
            else:
                ids[ent.id] = nil_entity(
                    self.store, ent, sentence_context(analysis.span(m) for m in ent.mentions))
                self.store.add_aliases(ids[ent.id], ent.names)
            scores[ids[ent.id]] = max(link.score, scores.get(ids[ent.id], 0.0))
        return ids, scores


def _frames(analysis: Analysis, entity: Entity) -> tuple[tuple[str, str], ...]:
    """The places around a place entity's mentions (see
    :func:`~kbp.linking.context.place_frame`)."""
    if entity.type not in ("GPE", "LOC"):
        return ()
    frames = (place_frame(analysis.span(m)) for m in entity.mentions
              if m.source not in ("pronoun", "nominal"))
    return tuple(f for f in frames if any(f))


def _map_fact(f: Fact, ids: dict[str, str]) -> Fact | None:
    subject = ids.get(f.subject)
    if subject is None:
        return None
    obj = ids.get(f.object) if f.object else None
    return Fact(subject, f.slot, f.value, f.confidence, f.provenance, obj, f.qualifiers)


def _checked_ages(store: Store, facts: list[Fact]) -> list[Fact]:
    """``facts`` with each dated age checked against the dates of birth known for its
    subject, in the same document or already in the store (:func:`check_age`)."""
    out = []
    for f in facts:
        if f.slot == "per:age" and f.qualifiers.get("as_of"):
            births = {g.value for g in facts
                      if g.subject == f.subject and g.slot == "per:date_of_birth"}
            births |= {g.value for g in store.facts(f.subject, "per:date_of_birth")}
            f = check_age(f, sorted(births), f.qualifiers["as_of"])
        out.append(f)
    return out


def _entry_facts(entry: KBEntry, topic_id: str) -> Iterator[Fact]:
    for f in entry.facts:
        yield Fact(topic_id, f.slot, f.value, f.confidence, f.provenance, None, f.qualifiers)


#: Raised whenever what kbp derives from a KB entry (aliases, type, linking context)
#: changes, so that adding the same KB again brings a store up to date rather than
#: skipping every entry as unchanged.
KB_INDEX_VERSION = "3"


def _entry_extra(entry: KBEntry) -> str:
    return "\x00".join((KB_INDEX_VERSION, entry.kb_id, entry.title, entry.type or "",
                        *entry.aliases, *(c for c, _, _ in entry.categories)))


def _topic_names(entry: KBEntry, etype: str | None) -> tuple[str, ...]:
    """Names of the person a KB entry is about, to seed its coreference cluster."""
    return (entry.title, *entry.aliases) if etype in ("PER", None) else ()


_LIFE_DATES = re.compile(r"\((?:born |b\. )?[^()]*\b\d{3,4}\b[^()]*(?:–|-|born)[^()]*\)|\(born ")
_PRONOUNS = re.compile(r"\b(?:He|She|His|Her|he|she|his|her)\b")
_PLACE_WORDS = re.compile(
    r"\b(?:is|was) (?:a|an|the) (?:[\w-]+ ){0,4}(?:country|city|capital|state|province|"
    r"region|town|island|nation|republic|kingdom|territory|county|municipality)\b")
_ORG_WORDS = re.compile(
    r"\b(?:is|was) (?:a|an|the) (?:[\w-]+ ){0,4}(?:company|corporation|organi[sz]ation|"
    r"university|party|agency|band|club|team|association|federation|institution|"
    r"manufacturer|conglomerate|retailer|airline|broadcaster|newspaper|firm)\b"
    r"(?! (?:editor|publisher|owner|magnate|executive|founder|player|manager)\b)")
#: A pronoun opening a sentence of an entry's lead: the entry is about a person.
_SUBJECT_PRONOUN = re.compile(r"(?:^|[.!?]\s+)(?:He|She|His|Her)\b")
#: The end of an opening sentence: not after a company's legal form, "St." or an initial
#: ("Apple Inc. is ...", "St. Louis is ...", "the U.S. state of ...").
_FIRST_STOP = re.compile(r"(?<!\bInc)(?<!\bCo)(?<!\bLtd)(?<!\bCorp)(?<!\bSt)(?<!\b[A-Z])\. ")


def _guess_type(entry: KBEntry) -> str | None:
    """The type of a KB entry that does not declare one: from its categories, else from
    the opening sentence of its text ("X (born 1879) is ...", "X is a city ...")."""
    if any(c.endswith(PERSON_CATEGORIES) for c, _, _ in entry.categories):
        return "PER"
    opening = entry.text.text[:400]
    first = _FIRST_STOP.split(opening, maxsplit=1)[0]
    place, org = _PLACE_WORDS.search(first), _ORG_WORDS.search(first)
    # a pronoun says person unless the opening sentence defines a place or a body and
    # no sentence opens with one ("... founded by Leland Stanford and his wife")
    if _LIFE_DATES.search(first) or len(entry.title.split()) > 1 and (
            _SUBJECT_PRONOUN.search(opening)
            or _PRONOUNS.search(opening) and not (place or org)):
        return "PER"
    if place:
        return "GPE"
    if org:
        return "ORG"
    return None


def _context(entry: KBEntry, type_: str | None) -> str | None:
    """The linking context of an entry, marked when the entry is a common noun; None for
    an alias-only update (a redirect read after its target), which must not replace the
    article's context."""
    if not entry.text.text.strip():
        return None
    terms = context_terms(entry.title + " " + entry.text.text)
    if type_ is None and is_common_noun(entry.title, entry.text.text):
        terms |= {COMMON_CUE}
    return " ".join(sorted(terms))


def _link_counts(links: Iterable[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """Outgoing ``(anchor, target title)`` links as ``(anchor, kb_id, count)`` rows."""
    counts = Counter((anchor, target.replace(" ", "_")) for anchor, target in links)
    return [(anchor, kb_id, n) for (anchor, kb_id), n in counts.items()]


__all__ = ["Pipeline", "Report", "digest"]
