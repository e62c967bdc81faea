"""Pattern extractors for the events of a person's life: lifespans, death, residence,
marriage, parents and children, religion and criminal charges.

Each extractor reads one sentence of the parse and yields Facts; :data:`LIFE_EXTRACTORS`
pairs each with a cheap text trigger, as ``patterns.SENTENCE_EXTRACTORS`` does.  Places
of birth inside "(born 3 May 1950 in Leeds)" and parents in "born ... to A and B" are
left to ``patterns.births``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from kbp.nlp.normalize import normalize_date
from kbp.slots.base import SlotContext, place_slot, with_day
from kbp.types import Entity, Fact, Mention

# -- tables ------------------------------------------------------------------------------

#: Kinship nouns read in "X, the son of Y" / "X was the wife of Y": what X is to Y.
KIN_OF: dict[str, str] = {
    **dict.fromkeys(("son", "daughter", "child", "stepson", "stepdaughter"), "child"),
    **dict.fromkeys(("father", "mother", "stepfather", "stepmother"), "parent"),
    **dict.fromkeys(("wife", "husband", "widow", "widower", "spouse"), "spouse"),
    **dict.fromkeys(("brother", "sister", "half-brother", "half-sister"), "sibling"),
}
#: Verbs of dying whose passive subject died ("was killed in Paris").
KILL_VERBS = frozenset({"kill", "assassinate", "murder", "execute", "behead", "hang"})
#: Verbs of living somewhere, with the prepositions that introduce the place.
RESIDE_VERBS: dict[str, tuple[str, ...]] = {
    "live": ("in", "at"),
    "reside": ("in", "at"),
    "settle": ("in", "at"),
    "move": ("to",),
    "relocate": ("to",),
    "emigrate": ("to",),
    "immigrate": ("to",),
    "migrate": ("to",),
}
RESIDE_CONFIDENCE = {"live": 0.75, "reside": 0.8, "settle": 0.7}
#: Religion words -> the religion's name.
RELIGIONS: dict[str, str] = {
    **dict.fromkeys(("catholic", "catholics", "catholicism", "roman catholic"), "Catholicism"),
    **dict.fromkeys(("muslim", "muslims", "moslem", "islam"), "Islam"),
    **dict.fromkeys(("sunni", "sunni muslim"), "Sunni Islam"),
    **dict.fromkeys(("shia", "shiite", "shi'ite", "shia muslim", "shiite muslim"), "Shia Islam"),
    **dict.fromkeys(("buddhist", "buddhists", "buddhism"), "Buddhism"),
    **dict.fromkeys(("jew", "jews", "jewish", "judaism", "orthodox jew"), "Judaism"),
    **dict.fromkeys(("hindu", "hindus", "hinduism"), "Hinduism"),
    **dict.fromkeys(("sikh", "sikhs", "sikhism"), "Sikhism"),
    **dict.fromkeys(("christian", "christians", "christianity"), "Christianity"),
    **dict.fromkeys(("protestant", "protestants", "protestantism"), "Protestantism"),
    **dict.fromkeys(("anglican", "anglicans", "anglicanism", "episcopalian"), "Anglicanism"),
    **dict.fromkeys(("methodist", "methodists", "methodism"), "Methodism"),
    **dict.fromkeys(("lutheran", "lutherans", "lutheranism"), "Lutheranism"),
    **dict.fromkeys(("presbyterian", "presbyterians", "presbyterianism"), "Presbyterianism"),
    **dict.fromkeys(("baptist", "baptists"), "Baptists"),
    **dict.fromkeys(("calvinist", "calvinists", "calvinism"), "Calvinism"),
    **dict.fromkeys(("mormon", "mormons", "mormonism"), "Mormonism"),
    **dict.fromkeys(("quaker", "quakers"), "Quakerism"),
    **dict.fromkeys(("jain", "jains", "jainism"), "Jainism"),
    **dict.fromkeys(("zoroastrian", "zoroastrianism"), "Zoroastrianism"),
    **dict.fromkeys(("greek orthodox", "russian orthodox", "eastern orthodox",
                     "serbian orthodox", "orthodox christian"), "Eastern Orthodoxy"),
}
#: Nouns a religion word may modify and still describe a person's faith ("a Catholic
#: priest", "a devout Muslim woman"); "a Christian rock band" is no religion.
RELIGIOUS_PERSON_NOUNS = frozenset(
    "priest monk nun bishop archbishop cardinal cleric clergyman missionary theologian "
    "convert believer preacher pastor minister rabbi imam mystic martyr layman reformer "
    "man woman".split()
)
#: Verbs whose prepositional object is a criminal charge, with the prepositions.
CHARGE_VERBS: dict[str, tuple[str, ...]] = {
    "charge": ("with",),
    "convict": ("of", "for", "on"),
    "indict": ("for", "on", "with"),
    "acquit": ("of",),
    "sentence": ("for",),
}
#: Heads of "charged with ..." that are no crime.
NOT_CHARGES = frozenset(
    "task responsibility duty job mission care oversight role work help function "
    "supervision management administration count counts".split()
)
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"\d{3,4}(?![\d/]|'?s\b)"
#: A date as a lifespan writes it (no weekday, no relative words).
DATE_RE = re.compile(
    rf"(?:{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_MONTH}\s+{_DAY},?\s+{_YEAR}|{_MONTH},?\s+{_YEAR}|"
    rf"{_YEAR})")
_DASH = re.compile(r"\s*(?:[–—]|--)\s*|\s+-\s*|\s*-\s+|(?<=\d)-(?=\d)")
_BORN = re.compile(r"^(?:born|b\.)\s*", re.I)
_DIED = re.compile(r"^(?:died|d\.)\s*", re.I)
_CIRCA = re.compile(r"^(?:c\.|ca\.|circa|approx\.)\s*", re.I)
_ERA = re.compile(r"^\s*(?:BC|BCE|B\.C|AD|A\.D|CE)\b")
_PLACE_AFTER = re.compile(r"^\s*(?:,|in\b|at\b)\s*(?=\S)")
#: Prepositions before a date that make it something other than the day of the event.
_NOT_EVENT_DATE = frozenset({"since", "until", "till", "from", "between", "before", "after",
                             "by", "through", "during"})
#: Dependents that open a clause of their own.
_SUBCLAUSE = frozenset({"relcl", "ccomp", "advcl", "parataxis", "csubj", "acl"})


# -- small helpers --------------------------------------------------------------------------
def _mention_at(ctx: SlotContext, ent: Entity, tok: Token) -> Mention | None:
    return next((m for m in ent.mentions if m.start <= tok.idx < m.end), None)


def _proper(m: Mention | None) -> bool:
    return m is not None and m.source not in ("pronoun", "nominal")


def _value(ent: Entity, m: Mention) -> str:
    """A person's filler text: the mention's words, or the entity's name for a pronoun."""
    return m.text if _proper(m) else ent.name


def _verb_subject(ctx: SlotContext, verb: Token) -> tuple[Entity, Token] | None:
    """The person who is the subject of ``verb``, climbing from a verb without a subject
    of its own to the verb it is coordinated with or depends on ("was born in 1933 ...
    and died in 2008"), and from a relative "who" to its noun."""
    v = verb
    for _ in range(4):
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            if subj.lower_ in ("who", "that") and v.dep_ == "relcl":
                subj = _antecedent(ctx, subj) or v.head
            ent = ctx.person_at(subj.i)
            if ent is None:  # "his wife Irina Korshikova emigrated"
                subj = next((c for c in subj.children if c.dep_ == "appos"
                             and ctx.person_at(c.i) is not None), subj)
                ent = ctx.person_at(subj.i)
            return (ent, subj) if ent is not None else None
        if v.dep_ in ("conj", "xcomp", "advcl", "acomp") and v.head is not v:
            v = v.head
            continue
        if v.dep_ == "pcomp" and v.head.pos_ in ("ADP", "SCONJ"):
            v = v.head.head  # "before moving to Tasmania", "prior to moving to Nashville"
            continue
        return None
    return None


def _antecedent(ctx: SlotContext, rel: Token) -> Token | None:
    """The person name a relative "who" follows ("Philip Graham (born in 1915), who"),
    skipping commas and parentheses; None when a word other than a name comes first."""
    depth = 0
    for t in reversed(ctx.doc[rel.sent.start : rel.i]):
        if t.text == ")":
            depth += 1
        elif t.text == "(":
            depth -= 1
        elif depth == 0 and t.text != ",":
            return t if ctx.person_at(t.i) is not None else None
    return None


def _clause(tok: Token) -> list[Token]:
    """The tokens of ``tok``'s phrase, without the clauses nested in it (relative and
    adverbial clauses, coordinated verbs)."""
    out: list[Token] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in _SUBCLAUSE or c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
                continue
            stack.append(c)
    return sorted(out, key=lambda t: t.i)


def _prep_of(tok: Token) -> Token | None:
    """The preposition governing ``tok`` (through an appositive or conjunct head)."""
    t = tok
    for _ in range(3):
        if t.dep_ == "pobj":
            return t.head
        if t.dep_ in ("appos", "conj", "compound") and t.head is not t:
            t = t.head
            continue
        return None
    return None


def _place_facts(ctx: SlotContext, subject: Entity, kind: str, place: Mention,
                 places: list[Mention], sent: Span, confidence: float,
                 extractor: str) -> Iterator[Fact]:
    """The place, and the state or country named right after it ("Florence, Italy")."""
    slot, value = place_slot(kind, place.text)
    yield ctx.fact(subject, slot, value, (place.start, place.end), sent, confidence,
                   extractor, obj=_place_entity(ctx, place))
    if slot.startswith("per:countr"):
        return
    for m in places:
        if m.start > place.end and ctx.text[place.end : m.start].strip() == ",":
            slot2, value2 = place_slot(kind, m.text)
            if slot2 != slot and not slot2.startswith("per:cit"):
                yield ctx.fact(subject, slot2, value2, (m.start, m.end), sent,
                               round(confidence - 0.05, 2), extractor, obj=_place_entity(ctx, m))
            return


def _place_entity(ctx: SlotContext, m: Mention) -> Entity | None:
    ent = ctx.entity_at(ctx.token_of(m).i)
    return ent if ent is not None and ent.type in ("GPE", "LOC") else None


def _place_in(ctx: SlotContext, clause: list[Token], places: list[Mention],
              preps: tuple[str, ...]) -> Mention | None:
    """The first place in ``clause`` that is the object of one of ``preps``."""
    ids = {t.i for t in clause}
    for m in places:
        head = ctx.token_of(m)
        if head.i not in ids:
            continue
        prep = _prep_of(head)
        if prep is not None and prep.lower_ in preps and prep.i in ids:
            return m
    return None


def _conj_places(ctx: SlotContext, place: Mention, places: list[Mention]) -> list[Mention]:
    """Places coordinated with ``place`` ("in Hazlet and Keansburg")."""
    heads = {ctx.token_of(m).i: m for m in places}
    out: list[Mention] = []
    stack = [ctx.token_of(place)]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj":
                if c.i in heads:
                    out.append(heads[c.i])
                stack.append(c)
    return out


def _event_date(ctx: SlotContext, clause: list[Token], dates: list[Mention]
                ) -> tuple[Mention, str] | None:
    """The first date in ``clause`` that says when the event happened ("on 5 May 1990",
    "in 1898", "died Monday, Dec. 22, 2008"), not "since 1990" or "until 1990"."""
    ids = {t.i for t in clause}
    for m in dates:
        head = ctx.token_of(m)
        if head.i not in ids:
            continue
        first = ctx.analysis.span(m)[0]
        prev = ctx.doc[first.i - 1] if first.i > 0 else None
        if prev is not None and prev.lower_ in _NOT_EVENT_DATE:
            continue
        m = with_day(ctx.text, m)
        iso = normalize_date(m.text)
        if iso:
            return m, iso
    return None


def _names_in(ctx: SlotContext, tok: Token) -> list[tuple[Entity, Mention]]:
    """The proper-name persons ``tok`` stands for: itself, a name in apposition or
    compound with it ("actors Raf Vallone"), and their conjuncts ("Y and Z")."""
    out: list[tuple[Entity, Mention]] = []
    heads = [tok]
    if ctx.person_at(tok.i) is None:  # "actors Raf Vallone", "Leopold I"
        heads += [c for c in tok.children if c.dep_ == "appos"
                  or c.dep_ == "compound" and tok.pos_ == "PROPN"]
    seen: set[int] = set()
    while heads:
        t = heads.pop(0)
        if t.i in seen:
            continue
        seen.add(t.i)
        ent = ctx.person_at(t.i)
        m = _mention_at(ctx, ent, t) if ent is not None else None
        if ent is not None and _proper(m) and all(e is not ent for e, _ in out):
            out.append((ent, m))
        heads += [c for c in t.children if c.dep_ == "conj"]
    return out


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


def _noun_phrase(ctx: SlotContext, head: Token, keep_preps: tuple[str, ...] = ("of",),
                 limit: int = 8, bare: bool = False) -> Span | None:
    """``head`` with its modifiers and "of" complements, without determiners, numbers
    or clauses ("a rare form of cancer" -> "rare form of cancer"); ``bare``: only
    complements without a determiner ("possession of cocaine", not "murder of his
    wife")."""
    keep = {head.i}
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in ("amod", "compound", "nmod", "npadvmod") and c.i < t.i:
                keep.add(c.i)
                stack.append(c)
            elif c.dep_ == "prep" and c.lower_ in keep_preps and c.i > t.i:
                obj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if obj is not None and obj.ent_type_ not in ("DATE", "GPE", "PERSON") and not (
                        bare and (obj.pos_ in ("PRON", "PROPN") or any(
                            g.dep_ in ("det", "poss") for g in obj.children))):
                    keep.update((c.i, obj.i))
                    stack.append(obj)
            elif c.dep_ == "hmod" or c.text == "-" and c.i < t.i:
                keep.add(c.i)
    lo, hi = min(keep), max(keep)
    while lo < hi and (ctx.doc[lo].pos_ in ("DET", "NUM", "PRON") or ctx.doc[lo].dep_ == "poss"):
        lo += 1
    span = ctx.doc[lo : hi + 1]
    if not len(span) or len(span) > limit or any(t.text in ",;()" for t in span):
        return None
    return span


# -- residence --------------------------------------------------------------------------------
def residences(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"X lives in Z", "X moved to Z", "X grew up in Z", "X, a Z resident", "a resident
    of Z"."""
    places = [m for m in ctx.mentions_in(sent, ("GPE",))]
    if not places:
        return
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


def _coordinated(ctx: SlotContext, person: Entity, tok: Token) -> list[Entity]:
    """``person`` and the people coordinated with its subject word: "X and his wife Y
    live in Z", "Harding and Britton, who each lived in Marion"."""
    first = tok
    while first.dep_ == "conj" and first.head is not first and first.head.i < first.i:
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
        while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
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


# -- registry ----------------------------------------------------------------------------------
def _words(*words: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(words) + r")", re.I)


#: (extractor, trigger), as ``patterns.SENTENCE_EXTRACTORS``.
LIFE_EXTRACTORS = (
    (lifespans, re.compile(r"\([^()]*\d{3}")),
    (deaths, _words(r"di(?:ed|es|e)\b", "killed", "assassinated", "murdered", "executed",
                    "beheaded", "hanged", r"death\b")),
    (residences, _words("liv(?:e|es|ed|ing)\\b", "resid", "settl", "mov(?:e|ed|es|ing)\\b",
                        "relocat", "(?:e|im)?migrat", "gr[eo]w(?:n|s|ing)? up", "raised")),
    (marriages, _words("marr", r"wed(?:s|ded|ding)?\b", "divorc")),
    (kin_of, re.compile(r"\b(?:" + "|".join(sorted(KIN_OF, key=len, reverse=True))
                        + r")s?,?\s+of\b", re.I)),
    (religions, re.compile(r"\b(?:" + "|".join(sorted(
        {w.split()[-1] for w in RELIGIONS}, key=len, reverse=True)) + r")\b", re.I)),
    (charges, _words("charg", "convict", "indict", "acquit", "sentenc", "guilty")),
)

__all__ = ["LIFE_EXTRACTORS", "charges", "deaths", "kin_of", "lifespans", "marriages",
           "religions", "residences"]
