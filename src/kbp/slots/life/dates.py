"""Lifespans ("X (1811 – 1887)") and deaths."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from kbp.nlp.normalize import normalize_date
from kbp.slots.base import SlotContext
from kbp.slots.life.common import (
    _BORN,
    _CIRCA,
    _DASH,
    _DIED,
    _ERA,
    _PLACE_AFTER,
    DATE_RE,
    KILL_VERBS,
    _clause,
    _event_date,
    _mention_at,
    _noun_phrase,
    _place_facts,
    _place_in,
    _proper,
    _verb_subject,
)
from kbp.types import Entity, Fact, Mention


# -- lifespans ------------------------------------------------------------------------------
def lifespans(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"John Floyer (26 April 1811 – 4 July 1887)", "X (c. 1850–1910)", "X (died 28 June
    1589)", "X (14 February 1931, Zaandam – 9 September 1987 in Amsterdam)"."""
    doc = ctx.doc
    for tok in sent:
        if tok.text != "(":
            continue
        subject = _person_before_paren(ctx, sent, tok)
        if subject is None:
            continue
        close = _closing(sent, tok)
        if close is None:
            continue
        start, end = tok.idx + 1, doc[close].idx
        pos = start
        for part in ctx.text[start:end].split(";"):
            facts = list(_lifespan(ctx, sent, subject, part, pos))
            pos += len(part) + 1
            if facts:
                yield from facts
                break
        else:
            yield from _died_inside(ctx, sent, subject, start, end)


#: "died" inside a longer parenthesis: "(born 13 May 1922, in London, died 1 December
#: 2010 in Richmond)", "(Russian: ...; born 1939 — died 14 July 1991, Rostov)".
_DIED_INSIDE = re.compile(r"(?:^|[\s,;–—-])(?:died|d\.)\s+(?:on\s+|in\s+)?", re.I)


def _died_inside(ctx: SlotContext, sent: Span, subject: Entity, start: int, end: int
                 ) -> Iterator[Fact]:
    text = ctx.text[start:end]
    for m in _DIED_INSIDE.finditer(text):
        rest = text[m.end() :]
        stop = re.search(r"[;()]|\s[–—-]\s", rest)
        piece = rest[: stop.start()] if stop else rest
        side = _side(ctx, piece, start + m.end())
        if side is None:
            # a date followed by more than a place ("died 1990 after a long illness")
            d = DATE_RE.match(piece)
            if d is None or _ERA.match(piece[d.end() :]) or not normalize_date(d.group(0)):
                continue
            at = start + m.end()
            side = ((at + d.start(), at + d.end()), normalize_date(d.group(0)), False, True, None)
        yield from _side_facts(ctx, sent, subject, "death", side, 0.8)
        return


def _person_before_paren(ctx: SlotContext, sent: Span, paren: Token) -> Entity | None:
    """The person whose proper name ends right before ``paren``, skipping up to three
    earlier parentheses ("Gustave Niebaum (originally Gustaf Nybom) (1842 - 1908)")."""
    i = paren.i - 1
    for _ in range(3):
        if i < sent.start or ctx.doc[i].text != ")":
            break
        depth = 0
        while i >= sent.start:
            depth += ctx.doc[i].text == ")"
            depth -= ctx.doc[i].text == "("
            if depth == 0:
                break
            i -= 1
        i -= 1
    if i < sent.start:
        return None
    prev = ctx.doc[i]
    ent = ctx.person_at(prev.i)
    if ent is None:
        return None
    m = _mention_at(ctx, ent, prev)
    if not _proper(m) or m.end != prev.idx + len(prev):
        return None
    return ent


def _closing(sent: Span, paren: Token) -> int | None:
    depth = 0
    for t in sent.doc[paren.i : sent.end]:
        depth += t.text == "("
        depth -= t.text == ")"
        if depth == 0:
            return t.i
    return None


def _lifespan(ctx: SlotContext, sent: Span, subject: Entity, part: str, offset: int
              ) -> Iterator[Fact]:
    pieces: list[tuple[str, int]] = []
    last = 0
    for m in _DASH.finditer(part):
        pieces.append((part[last : m.start()], offset + last))
        last = m.end()
    pieces.append((part[last:], offset + last))
    if len(pieces) > 2:
        return
    if len(pieces) == 1:
        text, at = pieces[0]
        lead = len(text) - len(text.lstrip())
        text, at = text.lstrip(), at + lead
        died, born = _DIED.match(text), _BORN.match(text)
        if died is None and (born is None or born.group(0).lower().startswith("born")):
            return  # "(born ...)" is patterns.births'
        side = _side(ctx, text[(died or born).end() :], at + (died or born).end())
        if side is None:
            return
        kind = "death" if died else "birth"
        yield from _side_facts(ctx, sent, subject, kind, side, 0.8)
        return
    (left, l_at), (right, r_at) = pieces
    lead = len(left) - len(left.lstrip())
    left, l_at = left.lstrip(), l_at + lead
    born = _BORN.match(left)
    from_births = born is not None and born.group(0).lower().startswith("born")
    if born:
        left, l_at = left[born.end() :], l_at + born.end()
    died = _DIED.match(right.lstrip())
    r_lead = len(right) - len(right.lstrip()) + (died.end() if died else 0)
    right, r_at = right[r_lead:], r_at + r_lead
    birth = _side(ctx, left, l_at)
    death = _side(ctx, right, r_at)
    if death is None or (birth is None and not from_births):
        return
    if birth is not None and not _plausible(birth, death):
        return
    full = bool(birth and birth[3] and death[3])
    confidence = 0.85 if full else 0.75
    if birth is not None and birth[2] or death[2]:
        confidence = 0.65
    if birth is not None and not from_births:
        yield from _side_facts(ctx, sent, subject, "birth", birth, confidence)
    yield from _side_facts(ctx, sent, subject, "death", death, confidence)


#: One side of a lifespan: (date span, ISO date or None, circa, has a month, place range).
_Side = tuple[tuple[int, int], str | None, bool, bool, tuple[int, int] | None]


def _side(ctx: SlotContext, text: str, at: int) -> _Side | None:
    """A date (and place) on one side of a lifespan dash, or None when the text is
    anything else ("1990 as president", "present")."""
    circa = _CIRCA.match(text)
    skip = circa.end() if circa else 0
    m = DATE_RE.match(text, skip)
    if m is None:
        return None
    rest = text[m.end() :]
    if _ERA.match(rest):
        return None
    place = None
    if rest.strip():
        p = _PLACE_AFTER.match(rest)
        if p is None:
            return None
        place = (at + m.end() + p.end(), at + len(text.rstrip()))
    iso = normalize_date(m.group(0))
    has_month = bool(re.search(r"[A-Za-z]", m.group(0)))
    return (at + m.start(), at + m.end()), iso, bool(circa), has_month, place


def _year(side: _Side) -> int | None:
    digits = re.findall(r"\d{3,4}", side[1] or "")
    return int(digits[0]) if digits else None


def _plausible(birth: _Side, death: _Side) -> bool:
    """A lifespan, not a term of office: death after birth, and years-only spans of at
    least fifteen years."""
    b, d = _year(birth), _year(death)
    if b is None or d is None:
        return True
    if not 0 <= d - b <= 120:
        return False
    if not (birth[3] or death[3]) and d - b < 15:
        return False
    return birth[1] is None or death[1] is None or birth[1] <= death[1]


def _side_facts(ctx: SlotContext, sent: Span, subject: Entity, kind: str, side: _Side,
                confidence: float) -> Iterator[Fact]:
    span, iso, _, _, place = side
    if iso:
        yield ctx.fact(subject, f"per:date_of_{kind}", iso, span, sent, confidence,
                       "pattern.lifespan")
    if place is None:
        return
    lo, hi = place
    places = [m for m in ctx.mentions_in(sent, ("GPE", "LOC")) if lo <= m.start and m.end <= hi]
    if not places:
        run = _proper_run_at(ctx, lo, hi)
        if run is None:
            return
        places = [run]
    yield from _place_facts(ctx, subject, kind, places[0], places, sent,
                            round(confidence - 0.05, 2), "pattern.lifespan")


def _proper_run_at(ctx: SlotContext, lo: int, hi: int) -> Mention | None:
    """The capitalised words that open ``[lo, hi)`` ("Chomutov"), as a place mention."""
    span = ctx.doc.char_span(lo, hi, alignment_mode="contract")
    if span is None or not len(span):
        return None
    end = span.start
    while end < span.end and ctx.doc[end].pos_ == "PROPN" and ctx.doc[end].text[:1].isupper():
        end += 1
    if end == span.start:
        return None
    run = ctx.doc[span.start : end]
    return Mention(ctx.analysis.document.id, run.start_char, run.end_char, run.text, "GPE", "ner")


# -- death ------------------------------------------------------------------------------------
def deaths(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"X died (on DATE) (in PLACE) (of CAUSE)", "X was killed in PLACE", "his death in
    1898"."""
    dates = [m for m in ctx.mentions_in(sent, ("DATE",))]
    places = [m for m in ctx.mentions_in(sent, ("GPE", "LOC"))]
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma == "die":
            found = _verb_subject(ctx, tok)
            confidence = 0.8
        elif tok.pos_ == "VERB" and lemma in KILL_VERBS and tok.tag_ == "VBN" and any(
                c.dep_ == "auxpass" for c in tok.children):
            found = _verb_subject(ctx, tok)
            confidence = 0.75
        elif tok.pos_ == "NOUN" and tok.lower_ == "death":
            found = _death_owner(ctx, tok)
            confidence = 0.7
        else:
            continue
        if found is None:
            continue
        subject = found[0]
        clause = _clause(tok)
        if tok.pos_ == "NOUN":
            clause = [t for t in clause if t.i > tok.i]
        else:  # not the subject's own words: "X (born 1935 ...) - died 2009"
            own = {t.i for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")
                   for t in c.subtree}
            clause = [t for t in clause if t.i not in own]
        date = _event_date(ctx, clause, dates) or _date_right_after(ctx, tok)
        if date is not None:
            m, iso = date
            yield ctx.fact(subject, "per:date_of_death", iso, (m.start, m.end), sent,
                           confidence, "pattern.death")
        place = _place_in(ctx, clause, places, ("in", "at"))
        if place is not None:
            yield from _place_facts(ctx, subject, "death", place, places, sent,
                                    round(confidence - 0.05, 2), "pattern.death")
        if lemma == "die":
            cause = _cause(ctx, tok)
            if cause is not None:
                yield ctx.fact(subject, "per:cause_of_death", cause.text.lower(),
                               (cause.start_char, cause.end_char), sent, 0.7, "pattern.death")


def _death_owner(ctx: SlotContext, noun: Token) -> tuple[Entity, Token] | None:
    """The person whose death ``noun`` is: "his death", "Smith's death", "the death of
    Smith"."""
    for c in noun.children:
        if c.dep_ == "poss":
            ent = ctx.person_at(c.i)
            if ent is None or c.pos_ == "PRON" and _nearest_name(ctx, c) not in (None, ent):
                return None  # "X replaced Y after his death": "his" is Y, whatever coref says
            return ent, c
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj" and ctx.person_at(p.i) is not None:
                    return ctx.person_at(p.i), p
    return None


def _nearest_name(ctx: SlotContext, tok: Token) -> Entity | None:
    """The person named last before ``tok`` in its sentence (by a name, not a pronoun)."""
    for t in reversed(ctx.doc[tok.sent.start : tok.i]):
        ent = ctx.person_at(t.i)
        if ent is not None and _proper(_mention_at(ctx, ent, t)):
            return ent
    return None


def _date_right_after(ctx: SlotContext, verb: Token) -> tuple[Mention, str] | None:
    """"died September 8, 2008", "died there on 5 May 1821", "his death October 19,
    2008": a date written right after the word, read from the text when the model
    tagged none."""
    start = verb.idx + len(verb)
    m = re.match(r"\s+(?:(?:there|peacefully|suddenly|unexpectedly),?\s+)?(?:on\s+|in\s+)?",
                 ctx.text[start:])
    pos = start + (m.end() if m else 0)
    d = DATE_RE.match(ctx.text, pos)
    if d is None or pos == start or _ERA.match(ctx.text[d.end() :]):
        return None
    iso = normalize_date(d.group(0))
    if not iso:
        return None
    doc_id = ctx.analysis.document.id
    return Mention(doc_id, d.start(), d.end(), d.group(0), "DATE", "ner"), iso


def _cause(ctx: SlotContext, verb: Token) -> Span | None:
    """The noun phrase after "died of" / "died from" ("a heart attack" -> "heart
    attack"), when it is no name, date or pronoun."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "from"):
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.pos_ not in ("NOUN", "PROPN") or pobj.ent_type_ in (
                "PERSON", "GPE", "ORG", "DATE", "NORP", "FAC", "LOC", "CARDINAL"):
            return None
        return _noun_phrase(ctx, pobj, keep_preps=("of", "from"))
    return None
