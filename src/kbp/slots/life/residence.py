"""Places of residence."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kbp.slots.base import SlotContext
from kbp.slots.life.common import (
    RESIDE_CONFIDENCE,
    RESIDE_VERBS,
    _clause,
    _conj_places,
    _names_in,
    _place_facts,
    _place_in,
    _verb_subject,
)
from kbp.types import Entity, Fact, Mention


# -- residence --------------------------------------------------------------------------------
def residences(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"X lives in Z", "X moved to Z", "X grew up in Z", "X, a Z resident", "a resident
    of Z", "X, of Z," (how British news gives where someone lives)."""
    places = [m for m in ctx.mentions_in(sent, ("GPE",))]
    if not places:
        return
    yield from _comma_of(ctx, sent, places)
    for tok in sent:
        lemma = tok.lemma_.lower()
        preps: tuple[str, ...] = ()
        confidence = 0.65
        if tok.pos_ == "VERB" and lemma in RESIDE_VERBS:
            preps = RESIDE_VERBS[lemma]
            confidence = RESIDE_CONFIDENCE.get(lemma, 0.65)
        elif tok.pos_ == "VERB" and lemma == "grow" and any(
                c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
            preps, confidence = ("in",), 0.7
        elif tok.pos_ == "VERB" and lemma == "raise" and tok.tag_ == "VBN" and (any(
                c.dep_ == "auxpass" for c in tok.children) or tok.dep_ == "conj"
                and tok.head.lemma_.lower() == "bear"):  # "born and raised in Ohio"
            preps, confidence = ("in",), 0.65
        elif tok.lower_ in ("resident", "residents") and tok.pos_ == "NOUN":
            yield from _resident(ctx, sent, tok, places)
            continue
        else:
            continue
        if lemma in RESIDE_VERBS and any(c.dep_ == "dobj" for c in tok.children):
            continue  # "moved the company to Texas", "settled the case in Boston"
        found = _verb_subject(ctx, tok)
        if found is None:
            continue
        place = _place_in(ctx, _direct(tok, preps), places, preps)
        if place is None:
            continue
        for person in _coordinated(ctx, *found):
            for m in (place, *_conj_places(ctx, place, places)):
                yield from _place_facts(ctx, person, "residence", m, places, sent,
                                        confidence, "pattern.residence")


def _comma_of(ctx: SlotContext, sent: Span, places: list[Mention]) -> Iterator[Fact]:
    """"Daniel Hughes, of Bedminster, appeared in court": a place between ", of" and a
    comma or the sentence's end, right after a person's name."""
    people = [m for m in ctx.mentions_in(sent, ("PER",))
              if m.source not in ("pronoun", "nominal")]
    for place in places:
        if ctx.text[place.end : place.end + 1] not in (",", "."):
            continue
        named = next((m for m in people if ctx.text[m.end : place.start] == ", of "), None)
        person = ctx.entity_at(ctx.token_of(named).i) if named is not None else None
        if person is not None and person.type == "PER":
            yield from _place_facts(ctx, person, "residence", place, places, sent, 0.6,
                                    "pattern.residence")


def _coordinated(ctx: SlotContext, person: Entity, tok: Token) -> list[Entity]:
    """``person`` and the people coordinated with its subject word: "X and his wife Y
    live in Z", "Harding and Britton, who each lived in Marion"."""
    first = tok
    while first.dep_ == "conj" and first.head != first and first.head.i < first.i:
        first = first.head
    out = [person]
    if ctx.person_at(first.i) is None and first is not tok:
        return out
    conjs, stack = [], [first]
    while stack:
        t = stack.pop()
        conjs.append(t)
        stack += [c for c in t.children if c.dep_ == "conj"]
    for t in conjs:
        for ent, _ in _names_in(ctx, t):
            if all(ent is not e for e in out):
                out.append(ent)
    return out


def _direct(verb: Token, preps: tuple[str, ...]) -> list[Token]:
    """The verb and the objects of its own ``preps`` (one level of nesting: "lives in a
    house in Brooklyn")."""
    out = [verb]
    hosts = [verb]
    if not any(c.dep_ == "prep" and c.lower_ in preps for c in verb.children):
        hosts += [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                  and c.lemma_.lower() in ("work", "teach", "study", "write", "paint")]
    for c in (c for h in hosts for c in h.children):
        if c.dep_ == "prep" and c.lower_ in preps:
            out.append(c)
            for p in c.children:
                if p.dep_ == "pobj":
                    out += [t for t in _clause(p)]
    return out


def _resident(ctx: SlotContext, sent: Span, noun: Token, places: list[Mention]
              ) -> Iterator[Fact]:
    subject = None
    if noun.dep_ == "appos":
        subject = ctx.person_at(noun.head.i)
    elif noun.dep_ == "attr" and noun.head.lemma_ == "be":
        found = _verb_subject(ctx, noun.head)
        subject = found[0] if found else None
    elif noun.i + 1 < sent.end and ctx.person_at(noun.i + 1) is not None:
        subject = ctx.person_at(noun.i + 1)  # "Brooklyn resident John Smith"
    if subject is None:
        return
    ids = {c.i for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            ids |= {t.i for t in c.subtree}
    for c in list(noun.children):
        if c.i in ids:
            ids |= {t.i for t in c.subtree}
    place = next((m for m in places if ctx.token_of(m).i in ids), None)
    if place is not None:
        yield from _place_facts(ctx, subject, "residence", place, places, sent, 0.7,
                                "pattern.residence")
