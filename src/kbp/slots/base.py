"""What every slot extractor shares: the document context and how a Fact is built."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kbp.coref.resolve import Resolution
from kbp.nlp import gazetteer
from kbp.nlp.annotate import Analysis
from kbp.nlp.retype import NAME_BEFORE_COMMA
from kbp.slots.schema import slot as get_slot
from kbp.slots.temporal import same_clause, temporal_qualifiers
from kbp.types import Entity, Fact, Mention, Provenance

EXTRACTOR_VERSION = "1"
SNIPPET_MAX = 400


@dataclass
class SlotContext:
    """A parsed, coreference-resolved document, as the extractors see it."""

    analysis: Analysis
    resolution: Resolution
    #: Year the document was written, when known or inferred (for "this year").
    doc_year: int | None = None
    _by_sentence: dict[int, list[Mention]] | None = None
    _heads: dict[tuple[int, int], Token] | None = None

    @property
    def doc(self):
        return self.analysis.doc

    @property
    def text(self) -> str:
        """The document text (``Doc.text`` would rebuild it from tokens on every call)."""
        return self.analysis.document.text

    def text_before(self, m: Mention, width: int = 40) -> str:
        """Up to ``width`` characters of the text right before mention ``m``."""
        return self.text[max(0, m.start - width) : m.start]

    def sent_text(self, sent: Span) -> str:
        """The sentence's text, sliced from the document (``Span.text`` rebuilds it from
        tokens on every call)."""
        return self.text[sent.start_char : sent.end_char]

    def entity_at(self, token_i: int) -> Entity | None:
        return self.resolution.entity_at(token_i)

    def in_headline(self, sent: Span) -> bool:
        """Whether ``sent`` is a headline (or a heading): it summarises the story in
        headline grammar ("Microsoft to buy Activision"), which is no source of facts."""
        return any(a <= sent.start_char < b for a, b in self.analysis.document.headlines)

    def person_at(self, token_i: int) -> Entity | None:
        e = self.resolution.entity_at(token_i)
        return e if e is not None and e.type == "PER" else None

    def mentions_in(self, span: Span, types: tuple[str, ...] | None = None) -> Iterator[Mention]:
        if self._by_sentence is None:
            self._by_sentence = {}
            starts = [s.start_char for s in self.doc.sents]
            for m in self.analysis.mentions:
                key = starts[max(0, bisect.bisect_right(starts, m.start) - 1)]
                self._by_sentence.setdefault(key, []).append(m)
        sent_start = span.sent.start_char if span.start < len(self.doc) else span.start_char
        for m in self._by_sentence.get(sent_start, ()):
            if span.start_char <= m.start and m.end <= span.end_char:
                if types is None or m.type in types:
                    yield m

    def token_of(self, m: Mention) -> Token:
        """The syntactic head of a mention's span."""
        if self._heads is None:
            self._heads = {}
        key = (m.start, m.end)
        if key not in self._heads:
            self._heads[key] = self.analysis.span(m).root
        return self._heads[key]

    def provenance(self, start: int, end: int, sent: Span, extractor: str) -> Provenance:
        document = self.analysis.document
        raw_start, raw_end = document.raw_span(start, end)
        s_start, s_end = document.raw_span(sent.start_char, sent.end_char)
        snippet = " ".join(sent.text.split())[:SNIPPET_MAX]
        return Provenance(
            doc_id=document.id,
            start=raw_start,
            end=raw_end,
            snippet=snippet,
            extractor=f"{extractor}.v{EXTRACTOR_VERSION}",
            sent_start=s_start,
            sent_end=s_end,
        )

    def fact(
        self,
        subject: Entity,
        slot: str,
        value: str,
        span: tuple[int, int],
        sent: Span,
        confidence: float,
        extractor: str,
        obj: Entity | None = None,
        qualifiers: Mapping[str, str] | None = None,
    ) -> Fact:
        get_slot(slot)  # an unknown slot name is a bug in the extractor: fail loudly
        if obj is not None and value != obj.name and any(m.text == value
                                                         for m in obj.mentions):
            value = obj.name  # "Harold Morrison" married "Toni Morrison", not "Morrison"
        timed = temporal_qualifiers(slot, sent.text, span[0] - sent.start_char,
                                    span[1] - sent.start_char, same_clause(sent))
        return Fact(
            subject=subject.id,
            slot=slot,
            value=value,
            confidence=confidence,
            provenance=(self.provenance(span[0], span[1], sent, extractor),),
            object=obj.id if obj is not None else None,
            qualifiers={**timed, **(qualifiers or {})},
        )


def nearest_person(ctx: SlotContext, sent: Span, token_i: int, exclude=()) -> Entity | None:
    """The person the clause around ``token_i`` is about: the grammatical subject of the
    governing verb if it is a person, else the closest person mention in the sentence."""
    tok = ctx.doc[token_i]
    head = tok
    for _ in range(8):
        subj = subject_of(ctx, head)
        if subj is not None and subj not in exclude:
            return subj
        if head.head == head:
            break
        head = head.head
    best, dist = None, 10**6
    for t in sent:
        e = ctx.person_at(t.i)
        if e is not None and e not in exclude and abs(t.i - token_i) < dist:
            best, dist = e, abs(t.i - token_i)
    return best


def subject_of(ctx: SlotContext, verb: Token) -> Entity | None:
    """The person who is the subject of ``verb``, following relative 'who' to its noun."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in ("who", "that") and verb.dep_ == "relcl":
                return ctx.person_at(verb.head.i)
            e = ctx.person_at(child.i)
            if e is not None:
                return e
    return None


def possessor(ctx: SlotContext, noun: Token) -> Entity | None:
    """The person who owns ``noun`` ("his brother", "Perez's coach")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return ctx.person_at(child.i)
    return None


#: Place slots by event: (country, state or province, city).
PLACE_SLOTS: dict[str, tuple[str, str, str]] = {
    "birth": ("per:country_of_birth", "per:stateorprovince_of_birth", "per:city_of_birth"),
    "death": ("per:country_of_death", "per:stateorprovince_of_death", "per:city_of_death"),
    "residence": ("per:countries_of_residence", "per:statesorprovinces_of_residence",
                  "per:cities_of_residence"),
    "headquarters": ("org:country_of_headquarters", "org:stateorprovince_of_headquarters",
                     "org:city_of_headquarters"),
}
#: Two-letter US state codes ("Austin, TX"), read as states in addresses.
US_STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split()
)


def place_slot(kind: str, name: str, before: str = "") -> tuple[str, str]:
    """(slot, value) for the place of an event (``kind`` in :data:`PLACE_SLOTS`): a
    country (canonical name), a state or province, else a city.  ``before`` is the text
    right before the name: after a city of the same country a name that is also a
    country is the state ("Atlanta, Georgia")."""
    country_slot, state_slot, city_slot = PLACE_SLOTS[kind]
    country = gazetteer.canonical_country(name)
    state_of = gazetteer.country_of_state(name) if country and before else None
    city = NAME_BEFORE_COMMA.search(before) if state_of else None  # "Atlanta, "
    if city and gazetteer.country_of_city(city.group(1)) == state_of:
        return state_slot, name
    if country:
        return country_slot, country
    if gazetteer.is_state_or_province(name) or name in US_STATE_CODES:
        return state_slot, name
    return city_slot, name


def with_day(text: str, m: Mention) -> Mention:
    """"12 May 1975" where the model tagged only "May 1975": take the day back."""
    before = text[max(0, m.start - 3) : m.start]
    day = re.search(r"\b([0-3]?\d) $", before)
    if day and 1 <= int(day.group(1)) <= 31:
        start = m.start - len(day.group(0))
        return Mention(m.doc_id, start, m.end, text[start : m.end], m.type, m.source)
    return m
