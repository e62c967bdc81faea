"""Leaders and staff, employment verbs, "X of Y", and political parties."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from kbp.slots.base import SlotContext
from kbp.slots.organisations.common import (
    _conjuncts,
    _first_conjunct,
    _negated,
    _org_after,
    _org_of_clause,
    _org_of_verb_or_noun,
    _org_starting_at,
    _person_of_noun,
    _pobjs,
    _token_at,
    _verb_subject,
)
from kbp.slots.organisations.mentions import _Index, _Ref, _strip_possessive
from kbp.slots.organisations.tables import (
    _TITLE_RE,
    ACADEMIC_TITLES,
    CEO_TITLES,
    EMPLOYMENT_VERBS,
    FOUNDER_TITLES,
    OF_CHAIN_NOUNS,
    PARTY_NAME,
    PARTY_WORDS,
    POLITICIAN_NOUNS,
    TITLES,
    TOP_TITLES,
)
from kbp.types import Fact, Mention


# -- titles: leaders and staff -----------------------------------------------------------
def _title_tokens(ctx: SlotContext, sent: Span) -> Iterator[tuple[str, Token, int, int]]:
    """(title, head token, start, end) of each title phrase in the sentence."""
    text = ctx.sent_text(sent)
    base = sent.start_char
    for match in _TITLE_RE.finditer(text):
        start, end = base + match.start(), base + match.end()
        span = ctx.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        head = span.root
        if head.pos_ not in ("NOUN", "PROPN"):
            continue
        yield " ".join(match.group(0).lower().split()), head, start, end


def _title_org(ix: _Index, head: Token, title: str, start: int) -> tuple[list[_Ref], bool]:
    """The organisations of a title, and whether they are attached directly ("CEO of Y",
    "Y's CEO", "Y CEO") rather than through a noun ("member of the board of Y",
    "professor of economics at Y").  A coordinated title without a phrase of its own
    borrows its neighbour's ("chairman and CEO of Y")."""
    preps = {"of", "at"} if title in TOP_TITLES else {"of", "at", "for", "with"}
    if title in CEO_TITLES:
        preps = {"of", "at", "for"}  # "CEO for CareerBuilder.com"
    elif title.endswith("partner"):
        preps = preps | {"in"}  # "a partner in Deloitte"
    if title in ACADEMIC_TITLES:
        preps = {"at"}  # "professor of [physics]" names a field; "professor at Y"
    own = _orgs_of_title_word(ix, head, preps)
    if own is not None:
        return own
    for t in _conjuncts(_first_conjunct(head)):
        if t is not head and _TITLE_RE.fullmatch(t.text):
            found = _orgs_of_title_word(ix, t, preps)
            if found is not None:
                return found
    # "founder and CEO of Y", "President & CEO of Y" where the parse lost the phrase
    ctx = ix.ctx
    after = _TITLE_LIST_TAIL.match(ctx.text, start)
    if after is not None and (title not in ACADEMIC_TITLES or after.group("prep") == "at"):
        i = _token_at(ix, after.end())
        ref = _org_starting_at(ix, i) if i is not None else None
        if ref is not None:
            return [ref], True
    # "Microsoft CEO Satya Nadella", "Apple's chief executive", "Cornell solid-state
    # physicist David Mermin": the name right before (modifiers allowed in between)
    for m in ix.mentions:
        if m.type == "ORG" and m.end <= start and _only_modifiers(ix, m.end, start):
            ref = ix.org(ctx.analysis.span(m).root)
            if ref is not None:
                return [ref], True
    # "Y is led by X, President and CEO", "Y was founded by X, its CEO"
    first = _first_conjunct(head)
    holder = first.head if first.dep_ == "appos" else None
    if holder is not None and holder.dep_ == "pobj" and holder.head.lower_ == "by" and (
            ix.person(holder) is not None):
        verb = holder.head.head
        if verb.lemma_ in ("lead", "head", "run", "manage", "found", "establish", "chair"):
            ref = _org_of_verb_or_noun(ix, verb)
            if ref is not None:
                return [ref], True
    # "joined Y as CEO"
    if first.dep_ == "pobj" and first.head.lower_ == "as":
        verb = first.head.head
        if verb.lemma_ in ("join", "rejoin", "lead", "head"):
            refs = [r for o in _pobjs(verb, {""}) for r in _orgs_of_phrase(ix, o)]
            if refs:
                return refs, True
    return [], False


_TITLE_WORDS = "|".join(sorted(map(re.escape, TITLES), key=len, reverse=True))
#: A title, the titles coordinated with it, and the "of"/"at" that follows them.
_TITLE_LIST_TAIL = re.compile(
    rf"(?:{_TITLE_WORDS})(?:\s*(?:,|and|&|,\s*and)\s*(?:(?:the|co-?)\s*)?(?:{_TITLE_WORDS}))*"
    r"\s+(?P<prep>of|at)\s+", re.I)


def _only_modifiers(ix: _Index, start: int, end: int) -> bool:
    """Whether the text between an organisation and a title is a possessive and at most
    two lower-case adjectives or nouns ("'s former", "solid-state")."""
    gap = re.sub(r"^\s*['\u2019]s\b", "", ix.ctx.text[start:end])
    if not gap.strip():
        return True
    words = [t for t in ix.sent if start <= t.idx and t.idx + len(t) <= end
             and t.text not in ("'s", "\u2019s")]
    content = [t for t in words if t.text != "-"]
    return len(content) <= 2 and all(
        t.text == "-" or t.is_lower and (t.pos_ in ("ADJ", "NOUN") or t.lower_ == "then")
        for t in words)


def _orgs_of_phrase(ix: _Index, tok: Token) -> list[_Ref]:
    """The organisations a noun phrase names, coordinated ones too ("Keynetics and
    Kount")."""
    out = []
    for t in _conjuncts(tok):
        ref = _org_after(ix, t) if t is tok else ix.org(t)
        if ref is not None and all(r.entity is not ref.entity for r in out):
            out.append(ref)
    return out


def _orgs_of_title_word(ix: _Index, t: Token, preps: set[str]) -> tuple[list[_Ref], bool] | None:
    """The organisations of one title word's own phrases; None when it has none (an "of"
    phrase that names no organisation gives an empty list: "president of the club")."""
    has_phrase = False
    for prep in t.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "at") and not any(
                c.dep_ == "pobj" for c in prep.children):
            ref = _org_starting_at(ix, prep.i + 1)  # a parse that lost the object
            if ref is not None:
                return [ref], True
    for c in t.children:
        if c.dep_ == "poss":
            has_phrase = True
            ref = ix.org(c)
            if ref is not None:
                return [ref], True
            if c.lower_ in ("its", "their"):  # "its founder and CEO X"
                ref = _org_of_clause(ix, t)
                if ref is not None:
                    return [ref], True
    objs = _pobjs(t, preps | {"of"})
    for obj in sorted(objs, key=lambda o: o.head.lower_ not in ("of", "at")):
        if obj.head.lower_ not in ("of", "at") and has_phrase:
            break  # "CEO of [a company] for ...": the "of" phrase said whose CEO
        if obj.head.lower_ in ("of", "at"):
            has_phrase = True
        refs = _orgs_of_phrase(ix, obj) if obj.head.lower_ in preps else []
        if refs:
            return refs, True
        if obj.pos_ in ("NOUN", "PROPN") and ix.by_token.get(obj.i) is None or (
                obj.lemma_.lower() in OF_CHAIN_NOUNS):
            chain = obj.lemma_.lower() in OF_CHAIN_NOUNS
            for obj2 in _pobjs(obj, {"of", "at"} if chain else {"at"}):
                refs = _orgs_of_phrase(ix, obj2)
                if refs:
                    return refs, chain
    return ([], False) if has_phrase else None


def leaders(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"X is the CEO of Y", "Y's CEO X", "Y CEO X", "X, Y's chairman", "X, chief executive
    of Y", "X, a professor at Y", "X, a member of Y", "the founder of Y, X"."""
    ix = _Index(ctx, sent)
    for title, head, start, end in _title_tokens(ctx, sent):
        if any(m.type == "ORG" and m.start <= start and end <= m.end for m in ix.mentions):
            continue  # "Office of the President": part of a name
        if _negated(head):
            continue
        orgs, direct = _title_org(ix, head, title, start)
        orgs = [o for o in orgs if not (title == "secretary" and o.text.startswith("State"))]
        if not orgs:  # ("Secretary of State X" names an office, not an organisation)
            continue
        person = _person_of_noun(ix, head)
        if person is None:
            person = _person_right_after(ix, start, end)
        if person is None:
            continue
        conf = 0.8 if direct else 0.65
        for org in orgs:
            if org.entity is not person.entity:
                yield from _leader_facts(ctx, sent, title, (start, end), person, org, direct,
                                         conf)


def _leader_facts(ctx: SlotContext, sent: Span, title: str, title_span: tuple[int, int],
                  person: _Ref, org: _Ref, direct: bool, conf: float) -> Iterator[Fact]:
    start, end = title_span
    qual = {"title": title}
    if title in FOUNDER_TITLES:
        yield ctx.fact(org.entity, "org:founded_by", person.text, person.span, sent, conf,
                       "pattern.leader", obj=person.entity)
        if title in ("founder", "co-founder", "cofounder") and direct:
            # a founder leads what he founded, mostly; less sure than an office
            yield ctx.fact(org.entity, "org:top_members_employees", person.text,
                           person.span, sent, conf - 0.15, "pattern.leader", obj=person.entity,
                           qualifiers=qual)
    elif title in TOP_TITLES and direct:
        yield ctx.fact(org.entity, "org:top_members_employees", person.text, person.span,
                       sent, conf, "pattern.leader", obj=person.entity, qualifiers=qual)
    yield ctx.fact(person.entity, "per:employee_or_member_of", org.text, org.span, sent,
                   conf, "pattern.leader", obj=org.entity, qualifiers=qual)
    yield ctx.fact(person.entity, "per:title", title, (start, end), sent, conf - 0.05,
                   "pattern.leader", qualifiers={"organization": org.text})


def _person_right_after(ix: _Index, start: int, end: int) -> _Ref | None:
    """A person named right after the title at ``start``-``end`` ("CEO, Tim Cook"), or
    one whose name the model tagged together with the title ("CEO Tim Cook"; not
    "Robert E. Osgood Professor", a named chair)."""
    ctx = ix.ctx
    for m in ix.mentions:
        if m.type != "PER":
            continue
        inside = m.start <= start and end < m.end
        if inside or m.start >= end and re.fullmatch(r"\s*,?\s*", ctx.text[end : m.start]):
            if inside and m.start < start:
                return None
            return ix.person(ctx.analysis.span(m).root)
    return None


# -- employment verbs --------------------------------------------------------------------
def employment(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"X works for Y", "X joined Y", "X plays for Y", "X taught at Y", "X was elected to
    Y", "X served on the board of Y"."""
    ix = _Index(ctx, sent)
    for verb in sent:
        preps = EMPLOYMENT_VERBS.get(verb.lemma_.lower())
        if preps is None or verb.pos_ not in ("VERB", "AUX") or _negated(verb):
            continue
        if verb.lemma_.lower() == "serve" and not any(
                c.lower_ in ("on", "in") for c in verb.children):
            continue
        person = _verb_subject(ix, verb, "PER")
        if person is None:
            continue
        for obj in _pobjs(verb, preps):
            orgs = _orgs_of_phrase(ix, obj)  # "worked at A and B"
            if not orgs and obj.lemma_.lower() in OF_CHAIN_NOUNS:
                orgs = [r for o in _pobjs(obj, {"of"}) for r in _orgs_of_phrase(ix, o)]
            for org in orgs:
                if org.entity is not person.entity:
                    yield ctx.fact(person.entity, "per:employee_or_member_of", org.text,
                                   org.span, sent, 0.7, "pattern.employment", obj=org.entity)


def person_of_org(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"Alan Guth of MIT", "Andrei Linde of Stanford University": a name followed by "of"
    and an organisation."""
    ix = _Index(ctx, sent)
    text = ctx.text
    for m in ix.mentions:
        if m.type != "PER" or m.source not in ("ner", "ruler", "alias"):
            continue
        gap = re.match(r"\s+of\s+(?:the\s+)?", text[m.end : m.end + 12])
        if gap is None:
            continue
        i = _token_at(ix, m.end + gap.end())
        org = _org_starting_at(ix, i) if i is not None else None
        person = ix.person(ctx.analysis.span(m).root)
        if org is None or person is None or org.entity is person.entity:
            continue
        after = ctx.text[org.mention.end : org.mention.end + 3]
        if after.startswith("'s") or after.startswith("\u2019s"):
            continue  # "X of Acme's board": the phrase goes on
        yield ctx.fact(person.entity, "per:employee_or_member_of", org.text, org.span, sent, 0.6,
                       "pattern.person_of_org", obj=org.entity)


# -- parties -----------------------------------------------------------------------------
def _party_mentions(ix: _Index) -> Iterator[Mention]:
    for m in ix.mentions:
        if m.type == "NORP" and PARTY_WORDS.match(m.text.strip()):
            yield m
        elif m.type == "ORG" and (PARTY_NAME.search(m.text) or PARTY_WORDS.match(m.text)):
            yield m


def parties(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"Republican senator X", "X is a Labour politician", "X, a Democrat,", "X was a
    Democratic Party member of ...", "Y, the youth wing of the Z Party" (an
    organisation's affiliation).  "X, a member of the Y Party" is read by
    :func:`leaders`."""
    ix = _Index(ctx, sent)
    for m in _party_mentions(ix):
        span = ctx.analysis.span(m)
        root = span.root
        qual = {"kind": "political_party"}
        obj = ctx.entity_at(root.i) if m.type == "ORG" else None
        person = None
        if root.dep_ in ("compound", "amod", "nmod", "poss"):
            noun = root.head
            while noun.dep_ == "compound" and noun.head != noun and ix.person(noun) is None:
                noun = noun.head  # "Republican state senator"
            if ix.person(noun) is not None:
                person = ix.person(noun)
            elif noun.lemma_.lower() in POLITICIAN_NOUNS and noun.pos_ == "NOUN":
                person = _person_of_noun(ix, noun)
                if person is None:
                    person = _person_right_after(ix, noun.idx, noun.idx + len(noun))
        elif root.dep_ in ("attr", "appos") and m.type == "NORP":  # "X is a Republican"
            if root.dep_ == "appos":
                person = ix.person(root.head)
            else:
                person = _verb_subject(ix, root.head, "PER")
        elif root.dep_ == "pobj" and root.head.lower_ in ("for", "of", "with", "from") and (
                root.head.head.lemma_.lower() in POLITICIAN_NOUNS):
            person = _person_of_noun(ix, root.head.head)  # "a politician for the Y Party"
        elif root.dep_ == "dobj" and root.head.lemma_ == "represent":
            person = _verb_subject(ix, root.head, "PER")  # "a politician representing Y"
        if person is not None:
            yield ctx.fact(person.entity, "per:employee_or_member_of", _strip_possessive(m).text,
                           (m.start, _strip_possessive(m).end), sent, 0.7, "pattern.party",
                           obj=obj, qualifiers=qual)
            continue
        # an organisation tied to a party: "Y, the youth wing of the Z Party", "Y is
        # affiliated with the Z Party"
        if m.type == "ORG" and root.dep_ == "pobj":
            prep = root.head
            noun = prep.head
            if (prep.lower_ == "of" and noun.lemma_.lower() in ("wing", "affiliate", "branch",
                                                                "member", "faction", "arm")) or (
                    prep.lower_ == "with" and noun.lemma_.lower() == "affiliate"):
                org = _org_of_verb_or_noun(ix, noun)
                if org is not None and obj is not None and org.entity is not obj:
                    yield ctx.fact(org.entity, "org:political_religious_affiliation",
                                   _strip_possessive(m).text, (m.start, _strip_possessive(m).end),
                                   sent, 0.7, "pattern.party", obj=obj, qualifiers=qual)
