"""Dependency-tree helpers and ORG reference resolution shared by the extractors."""

from __future__ import annotations

import re

from spacy.tokens import Token

from kbp.nlp.normalize import normalize_date
from kbp.slots.organisations.mentions import _Index, _Ref, _strip_possessive
from kbp.slots.organisations.tables import _ORG, _PER, _TITLE_RE, OF_CHAIN_NOUNS, ORG_ANAPHORS
from kbp.types import Entity, Mention


def _conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the words coordinated with it ("Page and Brin")."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def _first_conjunct(tok: Token) -> Token:
    """The first of the nouns coordinated with ``tok`` (not a verb the parser made the
    head of a coordination)."""
    while tok.dep_ == "conj" and tok.head != tok and tok.head.pos_ not in ("VERB", "AUX"):
        tok = tok.head
    return tok


def _pobjs(tok: Token, preps: frozenset[str] | set[str]) -> list[Token]:
    """Objects of the prepositions ``preps`` attached to ``tok`` ("" = direct object)."""
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            out.extend(g for g in c.children if g.dep_ == "pobj")
        elif "" in preps and c.dep_ == "dobj":
            out.append(c)
    return out


def _verb_subject(ix: _Index, verb: Token, kind: str) -> _Ref | None:
    """The person (``kind`` "PER") or organisation ("ORG") doing ``verb``, climbing
    through open clauses ("went on to found Y") and coordinated verbs."""
    cur = verb
    for _ in range(4):
        for c in cur.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                if c.lower_ in ("who", "that", "which") and cur.dep_ == "relcl":
                    # "X is an executive who was CEO of Y": the noun the clause is about
                    if kind == "PER":
                        return _person_of_noun(ix, cur.head) if c.lower_ != "which" else None
                    return _org_of_verb_or_noun(ix, cur.head) if c.lower_ != "who" else None
                if kind == "ORG":
                    return ix.org(c)
                ref = ix.person(c)
                if ref is None:  # "His brother Tom Curley was ...": the name in apposition
                    ref = next((ix.person(a) for a in c.children if a.dep_ == "appos"
                                and ix.person(a) is not None), None)
                return ref
        if cur.dep_ in ("xcomp", "conj", "advcl") and cur.head != cur:
            cur = cur.head
            continue
        if cur.dep_ == "pcomp" and cur.head.head != cur.head:
            cur = cur.head.head  # "Prior to joining Y, X was ...": the main clause
            if cur.pos_ not in ("VERB", "AUX"):
                cur = cur.head
            continue
        if cur.dep_ == "relcl" and kind == "PER":
            return None
        if cur.dep_ == "acl":  # "X, who was named CEO", "Y, founded in 1990"
            if kind == "ORG":
                return ix.org(cur.head)
            if ix.person(cur.head) is None and cur.head.pos_ == "NOUN":
                return _person_of_noun(ix, cur.head)  # "X is a politician representing Y"
            return ix.person(cur.head)
        break
    if kind == "PER" and cur.lemma_ == "be" and cur.dep_ == "ROOT":
        return _lead_person(ix, cur)
    return None


def _lead_person(ix: _Index, verb: Token) -> _Ref | None:
    """The person a sentence opens with, when only parentheses and commas separate the
    name from ``verb`` ("X (born 1938) is ..."): the parser often loses that subject."""
    doc, sent = ix.ctx.doc, ix.sent
    m = ix.mention(doc[sent.start], _PER)
    if m is None or m.start != doc[sent.start].idx:
        return None
    gap = ix.ctx.text[m.end : verb.idx]
    if not re.fullmatch(r"(?:\s*,?\s*\([^()]*\))*\s*,?\s*", gap):
        return None
    return ix.person(doc[sent.start])


def _person_of_noun(ix: _Index, noun: Token) -> _Ref | None:
    """The person a role noun is said of: "X is [the CEO]", "X, [chief executive] of Y",
    "[CEO] Tim Cook", "the [CEO] of Y, Tim Cook", "X served as [CEO]"."""
    direct = ix.person(noun)
    if direct is not None and direct.mention.source != "nominal":
        inside = direct.mention.start <= noun.idx < direct.mention.end
        if inside and _TITLE_RE.fullmatch(noun.text):
            return None  # "Robert E. Osgood Professor": a named chair, not a person
        return direct  # the name itself, or one after a title ("CEO Tim Cook")
    noun = _first_conjunct(noun)
    for c in noun.children:  # "the chief executive of Apple, Tim Cook"
        if c.dep_ == "appos" and ix.person(c) is not None:
            return ix.person(c)
    if noun.dep_ in ("compound", "appos", "nmod") and ix.person(noun.head) is not None:
        holder = ix.person(noun.head)
        # "CEO Tim Cook", "Tim Cook, chief executive of Y"; but a title glued to the
        # name after it is a named chair ("Robert E. Osgood Professor of ...")
        glued = not ix.ctx.text[holder.mention.end : noun.idx].strip()
        if noun.i < noun.head.i or not (glued and noun.text[:1].isupper()):
            return holder
        return None
    head = noun.head
    if noun.dep_ == "appos" and head.pos_ == "NOUN" and ix.by_token.get(head.i) is None:
        return _person_of_noun(ix, head)  # "X is a physicist, professor of physics at Y"
    if noun.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):  # "X is ..., and the CEO"
        return _verb_subject(ix, head, "PER")
    if noun.dep_ == "nsubj" and head.lemma_ == "be":  # "The CEO of Y is X"
        return next((ix.person(c) for c in head.children
                     if c.dep_ == "attr" and ix.person(c) is not None), None)
    if noun.dep_ in ("attr", "oprd", "xcomp", "acomp", "dobj", "npadvmod", "ccomp"):
        if noun.dep_ == "dobj" and head.lemma_ not in ("become", "name", "appoint", "elect",
                                                        "make"):
            return None
        return _verb_subject(ix, head, "PER")
    if noun.dep_ == "pobj" and head.lower_ == "as":  # "served as CEO", "joined Y as CEO"
        return _verb_subject(ix, head.head, "PER")
    return None


def _negated(tok: Token) -> bool:
    """Whether the clause of ``tok`` is negated ("Y is not a subsidiary of Z")."""
    cur = tok
    for _ in range(4):
        if any(c.dep_ == "neg" for c in cur.children):
            return True
        if cur.pos_ in ("VERB", "AUX") or cur.head == cur:
            return False
        cur = cur.head
    return False


def _org_of_verb_or_noun(ix: _Index, tok: Token) -> _Ref | None:
    """The organisation a predicate is said of: the subject of a verb or of a copula
    ("Y is a company headquartered in Z"), the name a participle or appositive modifies
    ("Y, founded in 1990", "Y, a subsidiary of Z")."""
    cur = tok
    via = ""
    for _ in range(5):
        ref = ix.org(cur)
        if ref is not None:
            return ref if via != "conj" else None
        if ix.by_token.get(cur.i) is not None and cur is not tok:
            return None  # another kind of name: a person, a place
        if cur.dep_ == "appos" and cur.head != cur:
            before = _org_ending_before(ix, cur)  # "Y, a subsidiary of Z": Y by position
            if before is not None:
                return before
        if cur.dep_ in ("acl", "appos", "amod", "compound", "nmod") and cur.head != cur:
            via = cur.dep_
            cur = cur.head
            continue
        if cur.dep_ == "pobj" and cur.head.lower_ == "as" and cur.head.head.pos_ in (
                "VERB", "AUX"):
            cur = cur.head.head  # "Y operates as a subsidiary of Z", "As a unit of Z, Y ..."
            via = "as"
            continue
        if cur.dep_ == "conj" and cur.pos_ not in ("VERB", "AUX"):
            via = "conj"  # "Y is a company and a subsidiary of Z": go on to the copula,
            cur = cur.head  # but a name coordinated with the noun is not its subject
            continue
        if cur.dep_ in ("attr", "oprd", "conj", "advcl", "xcomp") and cur.head != cur:
            subj = next((c for c in cur.head.children if c.dep_ in ("nsubj", "nsubjpass")),
                        None)
            if subj is not None and cur.dep_ in ("attr", "oprd", "advcl", "xcomp"):
                return _org_subject_token(ix, subj, cur.head)
            cur = cur.head
            continue
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return _org_subject_token(ix, subj, cur)
        if cur.dep_ == "relcl":
            cur = cur.head
            continue
        break
    return None


def _org_ending_before(ix: _Index, appos: Token) -> _Ref | None:
    """The organisation named right before the comma that opens the appositive phrase
    headed by ``appos`` ("Atlantic Energy Partners, a subsidiary of ...")."""
    first = min(t.i for t in appos.subtree)
    doc = ix.ctx.doc
    if first < ix.sent.start + 2 or doc[first - 1].text != ",":
        return None
    return ix.org(doc[first - 2])


def _org_subject_token(ix: _Index, subj: Token, verb: Token) -> _Ref | None:
    if subj.lower_ in ("which", "that") and verb.dep_ == "relcl":
        return ix.org(verb.head)
    ref = ix.org(subj)
    if ref is None and ix.by_token.get(subj.i) is None:
        # "SMA America, Inc. is ...": the parser made "Inc." the subject; "The parent
        # company Y is ...": the name in apposition with a singular noun
        deps = ("nmod", "compound")
        if subj.tag_ in ("NN", "NNP") and not any(c.dep_ == "poss" for c in subj.children):
            deps = ("nmod", "compound", "appos")
        ref = next((r for c in subj.children if c.dep_ in deps
                    and (r := ix.org(c)) is not None), None)
    if ref is None and _is_org_anaphor(subj):
        ref = _previous_org(ix, subj)
    return ref


def _is_org_anaphor(tok: Token) -> bool:
    if tok.lower_ == "it" and tok.pos_ == "PRON":
        return True
    return tok.lemma_.lower() in ORG_ANAPHORS and any(
        c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children) and not any(
        c.dep_ in ("compound", "amod", "prep") for c in tok.children)


#: How far back (in tokens) "it" or "the company" looks for its organisation.
ANAPHOR_WINDOW = 300


def _previous_org(ix: _Index, before: Token) -> _Ref | None:
    """The organisation "it", "its" or "the company" at ``before`` (or its possessor)
    refers to: the one coreference resolved it to, else the one that was last the
    grammatical subject before it (within :data:`ANAPHOR_WINDOW` tokens)."""
    for t in (before, *(c for c in before.children if c.dep_ == "poss")):
        ent = ix.ctx.entity_at(t.i)
        m = next((x for x in ent.mentions if x.start <= t.idx < x.end), None) \
            if ent is not None and ent.type == "ORG" else None
        if m is not None and m.source in ("pronoun", "nominal"):
            return _Ref(ent, m)
    doc = ix.ctx.doc
    found: Entity | None = None
    for t in doc[max(0, before.i - ANAPHOR_WINDOW) : before.i]:
        if t.dep_ in ("nsubj", "nsubjpass"):
            ent = ix.ctx.entity_at(t.i)
            if ent is not None and ent.type == "ORG":
                found = ent
            elif ent is not None and ent.type != "PER":
                found = None  # a newer subject that is also an "it": the reference is unclear
    if found is None:
        return None
    m = next((x for x in reversed(found.mentions) if x.start < before.idx), found.mentions[0])
    return _Ref(found, _strip_possessive(m))


def _org_after(ix: _Index, tok: Token) -> _Ref | None:
    """The organisation named by the noun phrase headed by ``tok``: the name itself, or
    a name in apposition or compound ("the fashion house Yves Saint Laurent")."""
    ref = ix.org(tok)
    if ref is not None:
        return ref
    named = ix.by_token.get(tok.i) is not None
    for c in tok.children:
        if c.dep_ == "compound" or c.dep_ == "appos" and c.i > tok.i and not named:
            ref = ix.org(c)
            if ref is not None:
                return ref
    if not named and tok.lemma_.lower() in OF_CHAIN_NOUNS:  # "joined Y's staff"
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is not None and ix.org(poss) is not None:
            return ix.org(poss)
    if not named and _is_org_anaphor(tok):  # "founded it", "joined the company"
        return _previous_org(ix, tok)
    return None


def _date_of(ix: _Index, verb: Token) -> Mention | None:
    """A DATE in a prepositional phrase of ``verb`` ("founded in 1998", "on 4 May 2001")."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "on"):
            for g in c.children:
                m = ix.mention(g, ("DATE",))
                if m is not None and normalize_date(m.text):
                    return m
        m = ix.mention(c, ("DATE",)) if c.dep_ in ("npadvmod", "pobj", "dobj") else None
        if m is not None and normalize_date(m.text):
            return m
    return None


def _token_at(ix: _Index, char: int) -> int | None:
    """The index of the token that starts at character ``char`` of the document."""
    for t in ix.sent:
        if t.idx == char:
            return t.i
        if t.idx > char:
            break
    return None


def _org_of_clause(ix: _Index, tok: Token) -> _Ref | None:
    """The organisation "its" refers to: the organisation the clause around ``tok`` is
    about ("Y is a firm led by its founder"), else the last organisation subject."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") or cur.head == cur:
            break
        cur = cur.head
    ref = _org_of_verb_or_noun(ix, cur) if cur.pos_ in ("VERB", "AUX") else None
    return ref or _previous_org(ix, tok)


def _org_starting_at(ix: _Index, i: int) -> _Ref | None:
    """The organisation whose name starts at token ``i`` (after an optional "the")."""
    doc = ix.ctx.doc
    if i < ix.sent.end and doc[i].lower_ == "the":
        i += 1
    if i >= ix.sent.end:
        return None
    m = ix.mention(doc[i], _ORG)
    if m is None or m.start != doc[i].idx:
        return None
    return ix.org(doc[i])
