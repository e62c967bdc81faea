"""Headquarters."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from kbp.slots.base import US_STATE_CODES, SlotContext, place_slot
from kbp.slots.organisations.common import (
    _negated,
    _org_after,
    _org_of_verb_or_noun,
    _org_starting_at,
    _org_subject_token,
    _pobjs,
    _token_at,
)
from kbp.slots.organisations.mentions import _Index, _Ref
from kbp.slots.organisations.tables import _ORG, HQ_WORDS
from kbp.types import Fact, Mention


# -- headquarters ------------------------------------------------------------------------
def _places_from(ix: _Index, first: Mention) -> list[Mention]:
    """``first`` and the places written after it with commas: "Dallas, Texas"."""
    out = [first]
    text = ix.ctx.text
    for m in ix.mentions:
        if m.start <= out[-1].start or (m.type != "GPE" and m.text not in US_STATE_CODES):
            continue
        if re.fullmatch(r"\s*,\s*", text[out[-1].end : m.start]):
            out.append(m)
        else:
            break
    return out[:3]


def _hq_facts(ctx: SlotContext, sent: Span, org: _Ref, places: list[Mention],
              conf: float) -> Iterator[Fact]:
    seen = set()
    for p in places:
        slot, value = place_slot("headquarters", p.text, ctx.text_before(p))
        if slot in seen:
            continue
        seen.add(slot)
        ent = ctx.entity_at(ctx.token_of(p).i)
        yield ctx.fact(org.entity, slot, value, (p.start, p.end), sent, conf,
                       "pattern.headquarters", obj=ent)


def headquarters(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"Y, headquartered in Z", "Y is based in Z", "Y's headquarters in Z", "Y has its
    headquarters in Z", "the Z-based Y"."""
    ix = _Index(ctx, sent)
    doc = ctx.doc
    for tok in sent:
        low = tok.lower_
        if low not in HQ_WORDS and tok.lemma_.lower() != "headquarter":
            continue
        if low == "office" and not (tok.i > sent.start
                                    and doc[tok.i - 1].lower_ in ("head", "main")):
            continue
        if low == "based" and tok.i > sent.start and doc[tok.i - 1].text == "-":
            yield from _z_based(ctx, ix, sent, tok)
            continue
        place = _place_after(ix, tok, sent)
        if place is None or _negated(tok):
            continue
        conf = 0.8
        if low in ("located", "situated"):
            # "Y is located in Z" (a branch or a franchise "located in" is no headquarters)
            if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
                continue
            conf = 0.7
        if tok.pos_ == "NOUN" or low in ("headquarters", "hq", "office"):
            org = _org_of_hq_noun(ix, tok)
        else:
            org = _org_of_verb_or_noun(ix, tok) or _lead_org(ix, tok)
        if org is None:
            continue
        yield from _hq_facts(ctx, sent, org, _places_from(ix, place), conf)


def _lead_org(ix: _Index, tok: Token) -> _Ref | None:
    """Where the parse failed, the organisation a sentence opens with, if the words up
    to ``tok`` are its description ("Y is a privately held provider based in Z") or if
    the sentence opens with ``tok`` ("Headquartered in Z, Y had ...")."""
    doc, sent = ix.ctx.doc, ix.sent
    if tok.i == sent.start:  # "Headquartered in McLean, Va., SAIC had ..."
        place = _place_after(ix, tok, sent)
        if place is None:
            return None
        last = _places_from(ix, place)[-1]
        i = _token_at(ix, last.end)
        if i is None or doc[i].text != ",":
            return None
        return _org_starting_at(ix, i + 1)
    i = sent.start + (doc[sent.start].lower_ == "the")
    m = ix.mention(doc[i], _ORG)
    if m is None or m.start != doc[i].idx:
        return None
    ref = ix.org(doc[i])
    j = _token_at(ix, m.end)
    while j is not None and j < tok.i and doc[j].text in (",", "(", ")") or (
            j is not None and ix.mention(doc[j], _ORG) is not None):
        j += 1  # "Sling Broadband, LLC", "Y (YC)"
    if ref is None or j is None or doc[j].lower_ not in ("is", "was"):
        return None
    between = doc[j:tok.i]
    if any(t.lower_ in ("which", "who", "that", "whose", ";") or t.text == ";"
           or ix.by_token.get(t.i) is not None for t in between):
        return None
    return ref


def _place_after(ix: _Index, tok: Token, sent: Span) -> Mention | None:
    """The place right after "in"/"out of" following ``tok`` (or after "are"/"is":
    "Y's headquarters are in Z")."""
    doc = ix.ctx.doc
    i = tok.i + 1
    if i < sent.end and doc[i].lower_ in ("are", "is", "were", "was", "remain", "remains"):
        i += 1
    if i < sent.end and doc[i].lower_ in ("located", "situated"):
        i += 1
    if i + 1 < sent.end and doc[i].lower_ == "out" and doc[i + 1].lower_ == "of":
        i += 2
    elif i < sent.end and doc[i].lower_ == "in":
        i += 1
    else:
        return None
    if i < sent.end and doc[i].lower_ == "the":
        i += 1
    if i + 1 < sent.end and doc[i].is_lower and doc[i].pos_ == "ADJ":
        i += 1  # "in unincorporated Miami-Dade County", "in nearby Espoo"
    if i >= sent.end:
        return None
    m = ix.place(doc[i])
    if m is None or ix.ctx.analysis.span(m).start != i:
        return None
    return m


def _org_of_hq_noun(ix: _Index, noun: Token) -> _Ref | None:
    """"Y's headquarters", "the headquarters of Y", "Y has its headquarters in Z",
    "Y, with headquarters in Z"."""
    if noun.lower_ == "office":
        noun = noun.head if noun.dep_ == "compound" else noun
    for c in noun.children:
        if c.dep_ == "poss":
            ref = ix.org(c)
            if ref is not None:
                return ref
            if c.lower_ in ("its", "their"):
                break
    else:
        for obj in _pobjs(noun, {"of"}):
            ref = _org_after(ix, obj)
            if ref is not None:
                return ref
    if noun.dep_ == "dobj" and noun.head.lemma_ in ("have", "maintain", "keep"):
        subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        return _org_subject_token(ix, subj, noun.head) if subj is not None else None
    if noun.dep_ == "pobj" and noun.head.lower_ == "with":
        return _org_of_verb_or_noun(ix, noun.head.head)
    if noun.dep_ in ("nsubj",):
        return None
    if noun.dep_ == "compound" and ix.org(noun.head) is not None:
        return ix.org(noun.head)
    return None


def _z_based(ctx: SlotContext, ix: _Index, sent: Span, based: Token) -> Iterator[Fact]:
    """"the London-based Suso Drinks", "Tokyo-based Eisai Co.", "a Dallas-based company"."""
    doc = ctx.doc
    place = ix.place(doc[based.i - 2]) if based.i - 2 >= sent.start else None
    if place is None:
        return
    org = None
    nxt = based.i + 1
    if nxt < sent.end:
        m = ix.mention(doc[nxt], _ORG)
        if m is not None and m.start == doc[nxt].idx:
            org = ix.org(doc[nxt])
    if org is None:
        org = _org_of_verb_or_noun(ix, based.head if based.dep_ != "ROOT" else based)
    if org is None:
        return
    yield from _hq_facts(ctx, sent, org, [place], 0.75)
