"""Marriages, parents, children and other kin."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kbp.slots.base import SlotContext
from kbp.slots.life.common import (
    KIN_OF,
    _mention_at,
    _names_in,
    _value,
    _verb_subject,
)
from kbp.types import Entity, Fact, Mention


# -- marriage ---------------------------------------------------------------------------------
def marriages(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"X married Y", "X is married to Y", "X wed Y", "Y, whom X married", "X and Y
    married in 1990", "X divorced Y"."""
    for tok in sent:
        lemma = tok.lemma_.lower()
        if _split_wed(ctx, tok):
            yield from _wed(ctx, sent, tok)
            continue
        if lemma not in ("marry", "married", "wed", "divorce", "divorced") or tok.pos_ not in (
                "VERB", "ADJ"):
            continue
        found = _verb_subject(ctx, tok)
        if found is None:
            continue
        x, x_tok = found
        partners: list[Token] = []
        for c in tok.children:
            if c.dep_ == "dobj":
                if c.lower_ in ("whom", "who") and tok.dep_ == "relcl":
                    partners.append(tok.head)
                else:
                    partners.append(c)
            elif c.dep_ == "prep" and c.lower_ in ("to", "with"):
                partners += [p for p in c.children if p.dep_ == "pobj"]
        if not partners:
            partners = [c for c in x_tok.children if c.dep_ == "conj"]  # "X and Y married"
        x_m = _mention_at(ctx, x, x_tok)
        confidence = 0.7 if lemma.startswith("divorce") else 0.8
        if x_m is None:
            continue
        for p in partners:
            yield from _spouses(ctx, sent, x, x_m, _names_in(ctx, p) or _any_person(ctx, p),
                                confidence)


def _split_wed(ctx: SlotContext, tok: Token) -> bool:
    """The tokenizer reads "wed" as "we" + "d" (a contraction written without its
    apostrophe)."""
    nxt = ctx.doc[tok.i + 1] if tok.i + 1 < len(ctx.doc) else None
    return (tok.lower_ == "we" and nxt is not None and nxt.lower_ == "d"
            and nxt.idx == tok.idx + 2)


def _wed(ctx: SlotContext, sent: Span, we: Token) -> Iterator[Fact]:
    """"X wed Y", "X and Y were wed": read from the words around the split token."""
    before = None
    for t in reversed(ctx.doc[sent.start : we.i]):
        ent = ctx.person_at(t.i)
        if ent is not None:
            before = (ent, t)
            break
        if t.lower_ not in ("was", "were", "later", "then", "finally", "secretly", "had",
                            "been", "to", "be"):
            return
    if before is None:
        return
    x, x_tok = before
    after = we.i + 2 + (we.i + 2 < sent.end and ctx.doc[we.i + 2].lower_ == "to")
    partners = _names_in(ctx, ctx.doc[after]) if after < sent.end else []
    if not partners:  # "X and Y were wed"
        head = x_tok
        while head.dep_ == "conj" and head.head.i < head.i:
            head = head.head
        if head.dep_ != "nsubj" and head is x_tok:
            head = next((c for c in x_tok.head.children if c.dep_ == "nsubj"), x_tok)
        people = _names_in(ctx, head)
        if len(people) == 2:
            (x, x_m), partners = people[0], people[1:]
            yield from _spouses(ctx, sent, x, x_m, partners, 0.75)
        return
    x_m = _mention_at(ctx, x, x_tok)
    if x_m is not None:
        yield from _spouses(ctx, sent, x, x_m, partners, 0.75)


def _spouses(ctx: SlotContext, sent: Span, x: Entity, x_m: Mention,
             partners: list[tuple[Entity, Mention]], confidence: float) -> Iterator[Fact]:
    for y, y_m in partners:
        if y is x:
            continue
        yield ctx.fact(x, "per:spouse", _value(y, y_m), (y_m.start, y_m.end), sent,
                       confidence, "pattern.marriage", obj=y)
        yield ctx.fact(y, "per:spouse", _value(x, x_m), (x_m.start, x_m.end), sent,
                       confidence, "pattern.marriage", obj=x)


def _any_person(ctx: SlotContext, tok: Token) -> list[tuple[Entity, Mention]]:
    """A person ``tok`` refers to by a pronoun or a relative ("him", "whom")."""
    ent = ctx.person_at(tok.i)
    m = _mention_at(ctx, ent, tok) if ent is not None else None
    return [(ent, m)] if ent is not None and m is not None else []


# -- kinship phrases --------------------------------------------------------------------------
def kin_of(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"X, the son of Y and Z", "X was the eldest daughter of Y", "X, wife of Y"."""
    for tok in sent:
        rel = KIN_OF.get(tok.lower_) or KIN_OF.get(tok.lemma_.lower())
        if rel is None or tok.pos_ != "NOUN":
            continue
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is None or any(c.dep_ == "poss" for c in tok.children):
            continue
        objs = [p for p in of.children if p.dep_ == "pobj"]
        relatives = [r for p in objs for r in _names_in(ctx, p)]
        if not relatives:
            continue
        found = _kin_subject(ctx, sent, tok)
        if found is None:
            continue
        x, x_tok = found
        x_m = _mention_at(ctx, x, x_tok)
        if x_m is None or any(y is x for y, _ in relatives):
            continue  # "Michie is the son of ... Donald Michie": two people merged as one
        for y, y_m in relatives:
            yield from _kin_facts(ctx, sent, rel, x, x_m, y, y_m, 0.75)


def _kin_subject(ctx: SlotContext, sent: Span, noun: Token) -> tuple[Entity, Token] | None:
    """Who the kinship noun describes: the name it is in apposition with, or the subject
    of the copula it completes ("He was the son of ...")."""
    if noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
        noun = noun.head  # "the 13th child and 8th son of"
    if noun.dep_ == "appos":
        ent = ctx.person_at(noun.head.i)
        if ent is not None:
            return ent, noun.head
    if noun.dep_ in ("attr", "oprd") and noun.head.pos_ in ("AUX", "VERB"):
        return _verb_subject(ctx, noun.head)
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ == "VERB" \
            and noun.head.head.lemma_.lower() == "bear":
        return _verb_subject(ctx, noun.head.head)  # "born in Brussels as the son of"
    if noun.dep_ == "appos" and noun.i > 0 and ctx.doc[noun.i - 1].text in (",", "the"):
        # "He was born in Berthier, Canada East, the son of ...": an appositive hung on
        # the place; it describes the clause's subject
        verb = noun.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
            verb = verb.head
        if verb.lemma_.lower() in ("bear", "be"):
            return _verb_subject(ctx, verb)
    return None


def _kin_facts(ctx: SlotContext, sent: Span, rel: str, x: Entity, x_m: Mention, y: Entity,
               y_m: Mention, confidence: float) -> Iterator[Fact]:
    """Facts for "X is the <rel> of Y", both ways."""
    forward, back = {
        "child": ("per:parents", "per:children"),
        "parent": ("per:children", "per:parents"),
        "spouse": ("per:spouse", "per:spouse"),
        "sibling": ("per:siblings", "per:siblings"),
    }[rel]
    yield ctx.fact(x, forward, _value(y, y_m), (y_m.start, y_m.end), sent, confidence,
                   "pattern.kinship", obj=y)
    yield ctx.fact(y, back, _value(x, x_m), (x_m.start, x_m.end), sent, confidence,
                   "pattern.kinship", obj=x)
