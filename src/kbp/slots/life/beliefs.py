"""Religion and criminal charges."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kbp.slots.base import SlotContext
from kbp.slots.life.common import (
    CHARGE_VERBS,
    NOT_CHARGES,
    RELIGIONS,
    RELIGIOUS_PERSON_NOUNS,
    _mention_at,
    _noun_phrase,
    _proper,
    _verb_subject,
)
from kbp.types import Entity, Fact


# -- religion ---------------------------------------------------------------------------------
def religions(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"X, a devout Catholic", "X is a Muslim", "X was a Buddhist monk", "X converted to
    Islam", "X was born into a Jewish family"."""
    seen: set[int] = set()
    for tok in sent:
        if tok.i in seen:
            continue
        word = _religion_at(ctx, tok)
        if word is None:
            continue
        span, value = word
        seen.update(range(span.start, span.end))
        head = span[-1]
        found = _religion_subject(ctx, head)
        if found is None:
            continue
        subject, confidence = found
        yield ctx.fact(subject, "per:religion", value, (span.start_char, span.end_char), sent,
                       confidence, "pattern.religion", qualifiers={"word": span.text})


def _religion_at(ctx: SlotContext, tok: Token) -> tuple[Span, str] | None:
    doc = ctx.doc
    if tok.i + 1 < len(doc):
        two = f"{tok.lower_} {doc[tok.i + 1].lower_}"
        if two in RELIGIONS:
            return doc[tok.i : tok.i + 2], RELIGIONS[two]
    if tok.lower_ in RELIGIONS and tok.text[:1].isupper() and ctx.person_at(tok.i) is None:
        return doc[tok.i : tok.i + 1], RELIGIONS[tok.lower_]
    return None


def _religion_subject(ctx: SlotContext, word: Token) -> tuple[Entity, float] | None:
    noun, confidence = word, 0.75
    if word.dep_ in ("amod", "compound") and word.head.i > word.i:
        noun = word.head
        if noun.lemma_.lower() == "family":
            prep = noun.head if noun.dep_ == "pobj" else None
            if prep is not None and prep.lower_ in ("into", "to", "in"):
                verb = prep.head
                if verb.lemma_.lower() in ("bear", "raise", "grow"):
                    found = _verb_subject(ctx, verb)
                    return (found[0], 0.65) if found else None
            return None
        if noun.lemma_.lower() not in RELIGIOUS_PERSON_NOUNS:
            return None
        confidence = 0.7
        if noun.i + 1 < len(ctx.doc) and noun.dep_ == "compound":
            ent = ctx.person_at(noun.i + 1)  # "Catholic priest John Smith"
            m = _mention_at(ctx, ent, ctx.doc[noun.i + 1]) if ent is not None else None
            if _proper(m):
                return ent, 0.65
    if noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.lemma_.lower() in (
            "convert", "turn"):
        found = _verb_subject(ctx, noun.head.head)
        return (found[0], 0.8) if found else None
    if noun.dep_ in ("attr", "acomp") and noun.head.lemma_ in ("be", "become"):
        found = _verb_subject(ctx, noun.head)
        return (found[0], confidence) if found else None
    if noun.dep_ == "appos":
        ent = ctx.person_at(noun.head.i)
        return (ent, confidence) if ent is not None else None
    return None


# -- charges ----------------------------------------------------------------------------------
def charges(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"X was charged with murder", "X was convicted of fraud", "X was indicted for
    tax evasion", "prosecutors charged X with fraud", "X pleaded guilty to theft"."""
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in CHARGE_VERBS:
            verb, preps, holder = tok, CHARGE_VERBS[lemma], tok
        elif tok.lower_ == "guilty" and tok.head.lemma_.lower() in ("find", "plead"):
            verb, preps, holder = tok.head, ("of", "to"), tok
        else:
            continue
        if verb.lemma_.lower() != "plead" and not (_passive(verb) or _person_object(ctx, verb)):
            continue  # "the judge convicted ...", "he charged a fee": the accused only
        accused = _person_object(ctx, verb) or _verb_subject(ctx, verb)
        if accused is None:
            continue
        subject = accused[0]
        for host in (holder, verb) if holder is not verb else (verb,):
            for prep in host.children:
                if prep.dep_ != "prep" or prep.lower_ not in preps:
                    continue
                for obj in (p for p in prep.children if p.dep_ == "pobj"):
                    for crime in _crimes(ctx, obj):
                        yield ctx.fact(subject, "per:charges", crime.text.lower(),
                                       (crime.start_char, crime.end_char), sent, 0.75,
                                       "pattern.charges")


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl"))


def _person_object(ctx: SlotContext, verb: Token) -> tuple[Entity, Token] | None:
    for c in verb.children:
        if c.dep_ == "dobj" and ctx.person_at(c.i) is not None:
            return ctx.person_at(c.i), c
    return None


def _crimes(ctx: SlotContext, obj: Token) -> Iterator[Span]:
    heads = [obj] + [c for c in obj.children if c.dep_ == "conj"]
    for head in heads:
        if head.lemma_.lower() in ("count", "charge") and head.pos_ == "NOUN":
            of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            inner = next((p for p in of.children if p.dep_ == "pobj"), None) if of else None
            if inner is None:
                continue
            head = inner
        if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ or head.is_stop:
            continue
        if head.lemma_.lower() in NOT_CHARGES:
            continue
        span = _noun_phrase(ctx, head, bare=True)
        if span is not None:
            yield span
