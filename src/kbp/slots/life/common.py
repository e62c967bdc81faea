"""Shared tables and helpers of the life extractors: mentions, subjects, clauses,
place facts and dates."""

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
        if v.dep_ in ("conj", "xcomp", "advcl", "acomp") and v.head != v:
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
    adverbial clauses, coordinated verbs) nor words across a semicolon, which the parser
    may hang on it ("married X in 1959; he died in 2011": 1959 is no date of death)."""
    semicolons = [t.i for t in tok.sent if t.text == ";"]
    lo = max((i for i in semicolons if i < tok.i), default=-1)
    hi = min((i for i in semicolons if i > tok.i), default=len(tok.doc))
    out: list[Token] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in _SUBCLAUSE or c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
                continue
            stack.append(c)
    return sorted((t for t in out if lo < t.i < hi), key=lambda t: t.i)


def _prep_of(tok: Token) -> Token | None:
    """The preposition governing ``tok`` (through an appositive or conjunct head)."""
    t = tok
    for _ in range(3):
        if t.dep_ == "pobj":
            return t.head
        if t.dep_ in ("appos", "conj", "compound") and t.head != t:
            t = t.head
            continue
        return None
    return None


def _place_facts(ctx: SlotContext, subject: Entity, kind: str, place: Mention,
                 places: list[Mention], sent: Span, confidence: float,
                 extractor: str) -> Iterator[Fact]:
    """The place, and the state or country named right after it ("Florence, Italy")."""
    slot, value = place_slot(kind, place.text, ctx.text_before(place))
    yield ctx.fact(subject, slot, value, (place.start, place.end), sent, confidence,
                   extractor, obj=_place_entity(ctx, place))
    if slot.startswith("per:countr"):
        return
    for m in places:
        if m.start > place.end and ctx.text[place.end : m.start].strip() == ",":
            slot2, value2 = place_slot(kind, m.text, ctx.text_before(m))
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
    """Places coordinated with ``place`` ("in Hazlet and Keansburg", "in Paris, Lyon and
    Nice"); not the larger place a comma puts after it, which the parser may read as
    coordinated too ("in Harlow, Essex, and studied ...")."""
    heads = {ctx.token_of(m).i: m for m in places}
    out: list[Mention] = []
    stack = [(ctx.token_of(place), place)]
    while stack:
        t, before = stack.pop()
        for c in t.children:
            if c.dep_ != "conj":
                continue
            m = heads.get(c.i)
            if m is not None and not (_comma_only(ctx, before, m) and not any(
                    g.dep_ == "conj" and g.i in heads for g in c.children)):
                out.append(m)
            stack.append((c, m or before))
    return out


def _comma_only(ctx: SlotContext, a: Mention, b: Mention) -> bool:
    """Whether only a comma stands between two mentions."""
    return ctx.text[a.end : b.start].strip() == ","


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
