"""Parents and subsidiaries."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kbp.slots.base import SlotContext
from kbp.slots.organisations.common import (
    _negated,
    _org_after,
    _org_of_clause,
    _org_of_verb_or_noun,
    _pobjs,
    _verb_subject,
)
from kbp.slots.organisations.mentions import _Index, _Ref
from kbp.slots.organisations.tables import (
    _ORG,
    COMPANY_WORDS,
    OWNING_VERBS,
    PART_NOUNS,
    WEAK_PART_NOUNS,
)
from kbp.types import Fact


# -- parents and subsidiaries ------------------------------------------------------------
def _parent_child(ctx: SlotContext, sent: Span, child: _Ref, parent: _Ref,
                  conf: float) -> Iterator[Fact]:
    if child.entity is parent.entity:
        return
    yield ctx.fact(child.entity, "org:parents", parent.text, parent.span, sent, conf,
                   "pattern.parent", obj=parent.entity)
    yield ctx.fact(parent.entity, "org:subsidiaries", child.text, child.span, sent, conf,
                   "pattern.parent", obj=child.entity)


def parents(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"Y is a subsidiary of Z", "Y, a division of Z,", "Z's subsidiary Y", "Z acquired
    Y", "Y was bought by Z", "Y, owned by Z", "Y's parent company Z", "Y parent Z"."""
    ix = _Index(ctx, sent)
    for tok in sent:
        lemma = tok.lemma_.lower()
        if _negated(tok):
            continue
        if tok.pos_ in ("NOUN", "ADJ") and lemma in PART_NOUNS or (
                lemma == "daughter" and tok.head.lemma_ in ("company", "firm")):
            if tok.dep_ in ("compound", "amod") and tok.head.lemma_ in ("company", "firm"):
                tok = tok.head  # "a subsidiary company of Z"
            parent = next((r for o in _pobjs(tok, {"of"}) if (r := _org_after(ix, o))), None)
            if parent is None:
                poss = next((c for c in tok.children if c.dep_ == "poss"), None)
                parent = ix.org(poss) if poss is not None else None
                if poss is not None and poss.lower_ == "its":  # "Z and its subsidiary Y"
                    parent = _org_before(ix, poss)
                child = _org_named_after(ix, tok) if parent is not None else None
            else:
                child = _org_of_verb_or_noun(ix, tok)
            if parent is None or child is None:
                continue
            if lemma in WEAK_PART_NOUNS and not COMPANY_WORDS.search(parent.text):
                continue
            conf = 0.8 if lemma in ("subsidiary", "subsidiaries", "division", "unit") else 0.7
            yield from _parent_child(ctx, sent, child, parent, conf)
        elif tok.pos_ == "NOUN" and lemma in ("parent", "owner") and (
                owned := next((r for c in tok.children if c.dep_ == "compound"
                               and (r := ix.org(c)) is not None), None)) is not None:
            # the news headline style "Google parent Alphabet", "Facebook owner Meta"
            parent = _org_named_after(ix, tok)
            if parent is not None:
                yield from _parent_child(ctx, sent, owned, parent, 0.75)
        elif tok.pos_ == "NOUN" and lemma == "parent":
            # "Y's parent company, Z" / "Z, the parent company of Y"
            head = tok.head if tok.dep_ in ("compound", "amod") else tok
            child = None
            for c in head.children:
                if c.dep_ == "poss":
                    child = ix.org(c)
            if child is None:
                child = next((r for o in _pobjs(head, {"of", "to", "for"})
                              if (r := _org_after(ix, o))), None)
                parent = _org_of_verb_or_noun(ix, head) if child is not None else None
                if child is None:  # "supported by parent company Z, Y has ...", "its parent Z"
                    parent = _org_named_after(ix, head)
                    child = _org_of_clause(ix, head) if parent is not None else None
            else:
                parent = _org_named_after(ix, head)
            if child is not None and parent is not None:
                yield from _parent_child(ctx, sent, child, parent, 0.75)
        elif tok.pos_ == "VERB" and lemma in OWNING_VERBS and not _pending(tok):
            passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in tok.children) or (
                tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod"))
            if passive:
                child = _nearest_conjunct(ix, tok) or _org_of_verb_or_noun(ix, tok)
                parent = next((r for o in _pobjs(tok, {"by"}) if (r := _org_after(ix, o))), None)
            else:
                parent = _verb_subject(ix, tok, "ORG")
                child = next((r for o in _pobjs(tok, {""}) if (r := _org_after(ix, o))), None)
            if child is not None and parent is not None:
                yield from _parent_child(ctx, sent, child, parent, 0.7)


def _nearest_conjunct(ix: _Index, verb: Token) -> _Ref | None:
    """For "owned by Z" after a list, the organisation named last before it: in "Apple
    Music and YouTube, owned by Alphabet" the parser hangs the clause on the list's
    first name, but it is YouTube's ("both owned by" would hang on "both")."""
    if verb.dep_ != "acl":
        return None
    listed = [c for c in verb.head.children if c.dep_ == "conj" and c.i < verb.i]
    return ix.org(listed[-1]) if listed else None


#: Auxiliaries of a deal not (yet) done: "would buy", "to acquire", "may purchase".
_PENDING_AUX = frozenset("will would shall should may might could can to".split())


def _pending(verb: Token) -> bool:
    """Whether a buying verb is planned, offered or possible rather than done: "said it
    would buy Y", "Z agreed to acquire Y" (no parent until the deal closes)."""
    return any(c.dep_ == "aux" and c.lower_ in _PENDING_AUX for c in verb.children)


def _org_before(ix: _Index, tok: Token) -> _Ref | None:
    """The organisation named last before ``tok`` in the sentence ("W&W Steel and its
    subsidiary ...")."""
    best = None
    for m in ix.mentions:
        if m.type == "ORG" and m.end <= tok.idx:
            best = m
    return ix.org(ix.ctx.analysis.span(best).root) if best is not None else None


def _org_named_after(ix: _Index, noun: Token) -> _Ref | None:
    """The organisation named right after a noun ("subsidiary Y", "parent company, Z")."""
    for c in noun.children:
        if c.dep_ == "appos" and c.i > noun.i:
            ref = ix.org(c)
            if ref is not None:
                return ref
    if noun.dep_ == "compound" and ix.org(noun.head) is not None:
        return ix.org(noun.head)
    doc = ix.ctx.doc
    i = noun.i + 1
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i < len(doc):
        m = ix.mention(doc[i], _ORG)
        if m is not None and m.start == doc[i].idx:
            return ix.org(doc[i])
    return None
