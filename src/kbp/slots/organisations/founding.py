"""Founding: founders and founding dates."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kbp.nlp.normalize import normalize_date
from kbp.slots.base import SlotContext
from kbp.slots.organisations.common import (
    _conjuncts,
    _date_of,
    _negated,
    _org_after,
    _org_of_clause,
    _org_of_verb_or_noun,
    _org_starting_at,
    _pobjs,
    _verb_subject,
)
from kbp.slots.organisations.mentions import _Index, _Ref
from kbp.slots.organisations.tables import FOUNDING_VERBS, PARTY_NAME
from kbp.types import Fact


# -- founding ------------------------------------------------------------------------------
def founding(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"Y was founded (in DATE) (by X)", "X founded Y (in DATE)", "Y, founded in DATE by
    X", "Y, established in 1665", "Founded in 1990, Y ..."."""
    ix = _Index(ctx, sent)
    for verb in sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ == "NOUN" and verb.lower_ in FOUNDING_NOUNS:
            yield from _founding_noun(ctx, ix, sent, verb)
            continue
        if lemma not in FOUNDING_VERBS or verb.pos_ not in ("VERB",) or _negated(verb):
            continue
        if lemma == "set" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
            continue
        strong = lemma in ("found", "co-found", "cofound", "establish", "incorporate")
        passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children) or (
            verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl", "amod", "relcl")
            and not any(c.dep_ == "dobj" for c in verb.children))
        org: _Ref | None
        founders: list[_Ref] = []
        if passive:
            org = _org_of_verb_or_noun(ix, verb)
            for by in _pobjs(verb, {"by"}):
                founders.extend(_agents(ix, by))
        else:
            objs = _pobjs(verb, {""})
            if not objs:  # "X founded and built Y": the object of the coordinated verb
                objs = [o for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                        for o in _pobjs(c, {""})]
            org = next((r for o in objs if (r := _org_after(ix, o))), None)
            cofounded = _cofounded(ix, verb)
            if org is None and cofounded is not None:
                org = cofounded[1]
            if org is None:
                continue
            founder = _verb_subject(ix, verb, "PER") or _verb_subject(ix, verb, "ORG")
            if founder is None and cofounded is not None:
                founder = cofounded[0]
            if founder is not None:
                founders.append(founder)
            # "X founded Y with A and B": the others are founders too
            founders.extend(r for w in _pobjs(verb, {"with"}) for r in _agents(ix, w)
                            if r.entity.type == "PER")
        if org is None or (not strong and not founders and lemma != "form"):
            continue
        for f in founders:
            if f.entity is org.entity:
                continue
            yield ctx.fact(org.entity, "org:founded_by", f.text, f.span, sent,
                           0.8 if strong else 0.65, "pattern.founding", obj=f.entity)
            if f.entity.type == "PER" and PARTY_NAME.search(org.text):
                # a party's founder is its member (a company's founder is not always
                # its employee)
                yield ctx.fact(f.entity, "per:employee_or_member_of", org.text, org.span, sent,
                               0.7, "pattern.founding", obj=org.entity,
                               qualifiers={"kind": "political_party"})
        date = _date_of(ix, verb)
        if date is not None and (strong or founders or lemma == "form"):
            iso = normalize_date(date.text)
            if iso:
                yield ctx.fact(org.entity, "org:date_founded", iso, (date.start, date.end), sent,
                               0.8 if strong else 0.65, "pattern.founding",
                               qualifiers={"text": date.text})


#: Nouns for an organisation's founding ("since its founding in 1928").
FOUNDING_NOUNS = frozenset({"founding", "foundation", "creation", "formation", "establishment",
                            "inception", "incorporation"})


def _founding_noun(ctx: SlotContext, ix: _Index, sent: Span, noun: Token) -> Iterator[Fact]:
    """"the 1947 creation of the CIA", "the foundation of Y in 1932", "since its founding
    in 1928" (its: the organisation the sentence is about)."""
    org = next((r for o in _pobjs(noun, {"of"}) if (r := _org_after(ix, o))), None)
    if org is None:
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        if poss is not None:
            org = ix.org(poss) or (_org_of_clause(ix, noun) if poss.lower_ == "its" else None)
    if org is None:
        return
    date = _date_of(ix, noun)
    if date is None:  # "the 1947 creation of": a year right before the noun
        prev = ctx.doc[noun.i - 1] if noun.i > sent.start else None
        m = ix.mention(prev, ("DATE",)) if prev is not None else None
        date = m if m is not None and m.end == prev.idx + len(prev) else None
    iso = normalize_date(date.text) if date is not None else None
    if iso:
        yield ctx.fact(org.entity, "org:date_founded", iso, (date.start, date.end), sent, 0.7,
                       "pattern.founding", qualifiers={"text": date.text})


def _cofounded(ix: _Index, verb: Token) -> tuple[_Ref | None, _Ref | None] | None:
    """"X co-founded Y", which the parser splits into "co", "-", "founded" and then
    misreads: the person named right before and the organisation right after."""
    doc, sent = ix.ctx.doc, ix.sent
    if verb.i - 2 < sent.start or doc[verb.i - 1].text != "-" or doc[verb.i - 2].lower_ != "co":
        return None
    before = doc[verb.i - 3] if verb.i - 3 >= sent.start else None
    if before is not None and before.lower_ in ("also", "then", "later"):
        before = doc[before.i - 1] if before.i - 1 >= sent.start else None
    person = ix.person(before) if before is not None else None
    return person, _org_starting_at(ix, verb.i + 1)


def _agents(ix: _Index, by: Token) -> list[_Ref]:
    """The people or organisations of a "by" or "with" phrase: "by A, B and C", "by its
    director Mr. X", "by a Pakistani businessman, X"."""
    out: list[_Ref] = []
    first = ix.person(by) or ix.org(by)
    if first is None and by.pos_ in ("NOUN", "PROPN"):  # a description ("its director,
        by = next((c for t in _conjuncts(by) for c in t.children  # Mr. X"): the name
                   if c.dep_ == "appos" and (ix.person(c) or ix.org(c)) is not None), by)
    stack, seen = [by], set()
    while stack:
        t = stack.pop()
        ref = ix.person(t) or ix.org(t)
        if t.i in seen or ref is None and t is not by:
            continue  # only names lead on to more names ("A, B and their first film C")
        seen.add(t.i)
        if ref is not None and all(r.entity is not ref.entity for r in out):
            out.append(ref)
        stack.extend(c for c in t.children if c.dep_ == "conj"
                     or c.dep_ == "appos" and ix.person(c) is not None)
    return sorted(out, key=lambda r: r.mention.start)
