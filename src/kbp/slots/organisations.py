"""Pattern extractors for organisation slots and for employment.

Leaders and staff ("X is the chief executive of Y", "Y's CEO X", "X, a professor at
Y"), employment verbs ("X joined Y", "X plays for Y"), founding ("Y was founded in
1998 by X"), headquarters ("Y, headquartered in Z"), parent companies ("Y, a subsidiary
of Z", "Z acquired Y") and political parties ("Republican senator X").

Every extractor reads one sentence of the parse.  A relation is read off the
dependency tree (or, for a few fixed phrasings such as "Microsoft CEO Satya Nadella",
off the order of the mentions), and both ends must be entity mentions of the right
type: an organisation is an ORG mention, never a bare common noun.

Organisations referred to without their name: a relative "which"/"that" stands for
the organisation it follows; "it", "its" and "the company", "the firm" (and the other
nouns of :data:`ORG_ANAPHORS`), as a subject ("It is headquartered in Z"), an object
("X founded it") or a possessor ("its CEO X"), stand for the last organisation that was
a grammatical subject in the :data:`ANAPHOR_WINDOW` tokens before (a newer subject
that could also be "it", a place, cancels the reference).  The coreference stage
resolves pronouns for people only, so this is done here, and only for these patterns.
An organisation written again in parentheses ("Stanley Black & Decker (SWK)",
"Y (formerly Z)") gets the same facts.

Title words, verbs and nouns are tables at the top of the module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from kbp.nlp import gazetteer
from kbp.nlp.normalize import normalize_date
from kbp.slots.base import US_STATE_CODES, SlotContext, place_slot
from kbp.slots.schema import slot as get_slot
from kbp.types import Entity, Fact, Mention

# -- tables --------------------------------------------------------------------------------

#: Leading positions: the holder is one of the organisation's top members.
TOP_TITLES = frozenset({
    "ceo", "c.e.o.", "chief executive", "chief executive officer", "president",
    "chairman", "chairwoman", "chairperson", "chair", "co-chairman", "co-chair",
    "vice chairman", "vice-chairman", "executive chairman", "vice president",
    "vice-president", "executive vice president", "senior vice president",
    "managing director", "executive director", "director general", "director-general",
    "general manager", "chief operating officer", "coo", "chief financial officer", "cfo",
    "chief technology officer", "cto", "chief information officer", "cio",
    "chief marketing officer", "cmo", "director", "owner", "publisher", "editor-in-chief",
    "editor in chief", "dean", "rector", "provost", "secretary general", "secretary-general",
    "general secretary", "chief economist", "principal", "superintendent", "commissioner",
    "governor", "administrator", "managing partner", "senior partner",
})
#: Founders: the holder founded the organisation (org:founded_by as well).
FOUNDER_TITLES = frozenset({"founder", "co-founder", "cofounder", "founding member",
                            "founding director", "founding partner"})
#: Other positions and memberships: employee or member only.
STAFF_TITLES = frozenset({
    "member", "employee", "professor", "associate professor", "assistant professor",
    "full professor", "emeritus professor", "professor emeritus", "lecturer",
    "senior lecturer", "researcher", "research scientist", "research fellow", "fellow",
    "scientist", "engineer", "software engineer", "analyst", "consultant", "adviser",
    "advisor", "economist", "editor", "senior editor", "reporter", "correspondent",
    "columnist", "journalist", "producer", "designer", "developer", "programmer",
    "manager", "executive", "partner", "head", "coach", "head coach", "player",
    "captain", "spokesman", "spokeswoman", "spokesperson", "treasurer", "secretary",
    "trustee", "board member", "instructor", "teacher", "curator", "attorney",
    "general counsel", "physician", "surgeon", "conductor", "associate", "staff writer",
    "writer", "anchor", "presenter", "commentator", "officer",
    # occupations: "a physicist at CERN", "Yale University psychologist Stanley Milgram"
    "mathematician", "physicist", "chemist", "biologist", "astronomer", "historian",
    "philosopher", "sociologist", "psychologist", "anthropologist", "linguist", "geologist",
    "astronaut", "pilot", "architect", "banker", "chef", "diplomat",
})
#: Occupations named by a science: "physicist of X" is not an employer.
SCIENTISTS = frozenset({"mathematician", "physicist", "chemist", "biologist", "astronomer",
                        "historian", "philosopher", "sociologist", "psychologist",
                        "anthropologist", "linguist", "geologist"})
TITLES = TOP_TITLES | FOUNDER_TITLES | STAFF_TITLES
#: Titles whose "of" phrase names a field rather than an employer ("professor of physics").
ACADEMIC_TITLES = frozenset({"professor", "associate professor", "assistant professor",
                             "full professor", "emeritus professor", "professor emeritus",
                             "lecturer", "senior lecturer", "fellow", "research fellow",
                             *SCIENTISTS})
#: Chief executives: their title may also take "for" ("CEO for CareerBuilder.com").
CEO_TITLES = frozenset({"ceo", "c.e.o.", "chief executive", "chief executive officer"})

#: Nouns an "of" may pass through between a title and its organisation ("chairman of
#: the board of Y", "a member of the faculty of Y").
OF_CHAIN_NOUNS = frozenset({"board", "faculty", "staff", "directors", "trustees",
                            "governors", "regents", "department", "team"})

#: Employment verbs (lemma) -> prepositions that introduce the employer ("" for a
#: direct object).
EMPLOYMENT_VERBS: dict[str, frozenset[str]] = {
    "work": frozenset({"for", "at"}),
    "join": frozenset({""}),
    "rejoin": frozenset({""}),
    "play": frozenset({"for"}),
    "sign": frozenset({"for", "with"}),
    "teach": frozenset({"at"}),
    "elect": frozenset({"to"}),
    "employ": frozenset({"by", "at"}),
    "hire": frozenset({"by"}),
    "serve": frozenset({"on", "in", "with"}),
    "resign": frozenset({"from"}),
    "retire": frozenset({"from"}),
}

#: Founding verbs (lemma); "form", "create", "launch" and "start" need an ORG object.
FOUNDING_VERBS = frozenset({"found", "co-found", "cofound", "establish", "form", "create",
                            "launch", "start", "incorporate", "set"})

#: Words after which "in Z" gives an organisation's headquarters ("office" only after
#: "head" or "main"; "located" and "situated" only with the organisation as subject).
HQ_WORDS = frozenset({"headquartered", "based", "headquarters", "hq", "office", "located",
                      "situated"})

#: Nouns that make an organisation part of another ("a subsidiary of Z").
PART_NOUNS = frozenset({"subsidiary", "division", "unit", "arm", "imprint", "subsidiaries",
                        "affiliate", "part", "branch", "brand", "label"})
#: Of these, the words that also make a place part of another ("part of the German
#: Riviera", "a unit of the Tongass National Forest"): they need a company's name.
WEAK_PART_NOUNS = frozenset({"part", "unit", "branch"})
#: Words that make a name a company's ("Tata Group", "Calian Ltd.").
COMPANY_WORDS = re.compile(
    r"\b(?:group|holdings?|inc|incorporated|corp|corporation|company|co|companies|ltd|"
    r"limited|llc|plc|ag|sa|gmbh|nv|bv|enterprises|industries|partners|bank|media|"
    r"entertainment|systems|technologies|communications|networks?|brands|international)\b",
    re.I)
#: Verbs by which an organisation comes to own another.
OWNING_VERBS = frozenset({"acquire", "buy", "purchase", "own"})

#: Party adjectives and nouns that name a party on their own ("Republican senator").
PARTY_WORDS = re.compile(
    r"^(?:democrat(?:ic)?|republican|labou?r|conservative|liberal|tory|socialist|"
    r"communist|green|libertarian|whig|federalist|unionist|nationalist|social democrat(?:ic)?|"
    r"christian democrat(?:ic)?|peronist)s?$", re.I)
#: A party's name inside an ORG mention.
PARTY_NAME = re.compile(r"\b(?:part(?:y|ies|i|ido|ito|ei))\b", re.I)
#: Nouns for a politician, modified by a party word ("a Democratic senator").
POLITICIAN_NOUNS = frozenset(
    "politician member senator congressman congresswoman representative candidate leader "
    "mp legislator lawmaker deputy councillor councilor councilman councilwoman mayor "
    "governor nominee delegate activist minister premier chairman president assemblyman "
    "assemblywoman alderman".split())

#: Nouns that refer back to an organisation ("the company was founded in 1990").
ORG_ANAPHORS = frozenset({"company", "firm", "organization", "organisation", "corporation",
                          "group", "band", "business", "agency", "institute", "society",
                          "association", "charity", "foundation", "club", "label",
                          "publisher", "newspaper", "magazine", "bank", "airline",
                          "network", "studio", "university", "college", "school"})

_ORG = ("ORG",)
_PER = ("PER",)
_POSSESSIVE = re.compile(r"\s*['\u2019]s?$")


# -- mentions -------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Ref:
    """An entity and the mention of it the extractor read (its span is the filler)."""

    entity: Entity
    mention: Mention

    @property
    def text(self) -> str:
        """The value: the name read, or for a pronoun the entity's name."""
        if self.mention.source in ("pronoun", "nominal"):
            return self.entity.name
        return self.mention.text

    @property
    def span(self) -> tuple[int, int]:
        return self.mention.start, self.mention.end


class _Index:
    """The sentence's mentions by token."""

    def __init__(self, ctx: SlotContext, sent: Span) -> None:
        self.ctx = ctx
        self.sent = sent
        self.by_token: dict[int, Mention] = {}
        self.mentions = list(ctx.mentions_in(sent))
        for m in self.mentions:
            for t in ctx.analysis.span(m):
                self.by_token.setdefault(t.i, m)

    def mention(self, tok: Token, types: tuple[str, ...]) -> Mention | None:
        m = self.by_token.get(tok.i)
        return m if m is not None and m.type in types else None

    def org(self, tok: Token) -> _Ref | None:
        """The organisation named at ``tok`` (a relative 'which'/'that' stands for the
        name it follows)."""
        if tok.lower_ in ("which", "that") and tok.head.dep_ == "relcl":
            tok = tok.head.head
        m = self.mention(tok, _ORG)
        if m is None or not _plausible_org(m.text):
            return None
        ent = self.ctx.entity_at(tok.i)
        if ent is None or ent.type != "ORG":
            return None
        return _Ref(ent, _strip_possessive(m))

    def person(self, tok: Token) -> _Ref | None:
        """The person named or referred to at ``tok`` (a name, or a resolved pronoun)."""
        ent = self.ctx.person_at(tok.i)
        if ent is None:
            return None
        m = self.mention(tok, _PER)
        if m is None:
            m = next((x for x in ent.mentions if x.start <= tok.idx < x.end), None)
        if m is None:
            return None
        m = _strip_titles(m)
        return _Ref(ent, m) if m is not None else None

    def place(self, tok: Token) -> Mention | None:
        return self.mention(tok, ("GPE",))


def _strip_possessive(m: Mention) -> Mention:
    """"Acme Corporation's" -> "Acme Corporation"."""
    match = _POSSESSIVE.search(m.text)
    if match and match.start() > 0:
        end = m.start + match.start()
        return replace(m, end=end, text=m.text[: match.start()])
    return m


_TITLE_PREFIX = re.compile(
    r"^(?:(?:" + "|".join(sorted(map(re.escape, TITLES), key=len, reverse=True))
    + r")\b[\s,]*(?:and\s+|&\s+)?)+", re.I)


def _strip_titles(m: Mention) -> Mention | None:
    """"CEO Tim Cook" (a title the model put inside the name) -> "Tim Cook"; None when
    no name is left ("General Secretary", "Professor Emeritus of Economics").  A single
    word left is taken for a surname only after an upper-case title ("CEO Cook"), as
    "Dean Mercado" is a name."""
    match = _TITLE_PREFIX.match(m.text)
    if not match:
        return m
    rest = m.text[match.end() :]
    if not rest[:1].isupper():
        return None
    if len(rest.split()) < 2 and not match.group(0).strip().isupper():
        return m
    return Mention(m.doc_id, m.start + match.end(), m.end, rest, m.type, m.source, m.norm)


#: Words the model tags as an organisation that name none on their own.
_GENERIC_ORGS = frozenset({"state", "states", "government", "board", "committee", "council",
                           "senate", "congress", "parliament", "company", "university"})
_TITLE_END = re.compile(r"\b(?:ceo|president|chairman|director|founder|of|and|for|the)\.?$",
                        re.I)


def _plausible_org(text: str) -> bool:
    """Whether an ORG mention looks like a name: capitalised, not a lone generic word,
    not ending on a title or a function word ("Board & CEO", "Board of Directors of")."""
    text = _POSSESSIVE.sub("", text).strip()
    if not any(c.isupper() or c.isdigit() for c in text):
        return False
    if text in US_STATE_CODES or gazetteer.canonical_country(text) or \
            gazetteer.is_state_or_province(text) or gazetteer.country_of_city(text):
        return False  # "IL", "Texas": a place the model took for an organisation
    low = re.sub(r"^the\s+", "", text.lower())
    if low in _GENERIC_ORGS or re.fullmatch(r"board of (?:directors|trustees|governors)", low):
        return False
    return not _TITLE_END.search(text)


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
    while tok.dep_ == "conj" and tok.head is not tok and tok.head.pos_ not in ("VERB", "AUX"):
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
        if cur.dep_ in ("xcomp", "conj", "advcl") and cur.head is not cur:
            cur = cur.head
            continue
        if cur.dep_ == "pcomp" and cur.head.head is not cur.head:
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
        if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
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
        if cur.dep_ == "appos" and cur.head is not cur:
            before = _org_ending_before(ix, cur)  # "Y, a subsidiary of Z": Y by position
            if before is not None:
                return before
        if cur.dep_ in ("acl", "appos", "amod", "compound", "nmod") and cur.head is not cur:
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
        if cur.dep_ in ("attr", "oprd", "conj", "advcl", "xcomp") and cur.head is not cur:
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
    """The organisation that was last the grammatical subject before ``before`` (within
    :data:`ANAPHOR_WINDOW` tokens)."""
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


# -- titles: leaders and staff -----------------------------------------------------------
_TITLE_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(sorted(map(re.escape, TITLES), key=len, reverse=True))
    + r")(?![\w-])", re.I)


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


def _token_at(ix: _Index, char: int) -> int | None:
    """The index of the token that starts at character ``char`` of the document."""
    for t in ix.sent:
        if t.idx == char:
            return t.i
        if t.idx > char:
            break
    return None


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


def _org_of_clause(ix: _Index, tok: Token) -> _Ref | None:
    """The organisation "its" refers to: the organisation the clause around ``tok`` is
    about ("Y is a firm led by its founder"), else the last organisation subject."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
            break
        cur = cur.head
    ref = _org_of_verb_or_noun(ix, cur) if cur.pos_ in ("VERB", "AUX") else None
    return ref or _previous_org(ix, tok)


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
        slot, value = place_slot("headquarters", p.text)
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
    Y", "Y was bought by Z", "Y, owned by Z", "Y's parent company Z"."""
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
        elif tok.pos_ == "VERB" and lemma in OWNING_VERBS:
            passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in tok.children) or (
                tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod"))
            if passive:
                child = _org_of_verb_or_noun(ix, tok)
                parent = next((r for o in _pobjs(tok, {"by"}) if (r := _org_after(ix, o))), None)
            else:
                parent = _verb_subject(ix, tok, "ORG")
                child = next((r for o in _pobjs(tok, {""}) if (r := _org_after(ix, o))), None)
            if child is not None and parent is not None:
                yield from _parent_child(ctx, sent, child, parent, 0.7)


def _org_before(ix: _Index, tok: Token) -> _Ref | None:
    """The organisation named last before ``tok`` in the sentence ("W&W Steel and its
    subsidiary ...")."""
    best = None
    for m in ix.mentions:
        if m.type == "ORG" and m.end <= tok.idx:
            best = m
    return ix.org(ix.ctx.analysis.span(best).root) if best is not None else None


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
            while noun.dep_ == "compound" and noun.head is not noun and ix.person(noun) is None:
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


# -- names in parentheses ------------------------------------------------------------------
_ALIAS_GAP = re.compile(r"\s*\(\s*(?:(?:formerly|previously|also known as|known as|or)\s+)?",
                        re.I)


def _aliases(ctx: SlotContext, sent: Span) -> dict[str, tuple[Entity, Mention]]:
    """Organisation entity id -> the other organisation written right after it in
    parentheses: an abbreviation or a former name ("Stanley Black & Decker (SWK)",
    "Bethesda Game Studios (formerly Escalation Studios)")."""
    orgs = [m for m in ctx.mentions_in(sent, _ORG)]
    out: dict[str, tuple[Entity, Mention]] = {}
    for a, b in zip(orgs, orgs[1:], strict=False):
        gap = _ALIAS_GAP.fullmatch(ctx.text, a.end, b.start)
        if gap is None or not ctx.text.startswith(")", b.end) or " and " in b.text:
            continue
        ea, eb = ctx.entity_at(ctx.token_of(a).i), ctx.entity_at(ctx.token_of(b).i)
        if ea is not None and eb is not None and ea is not eb and _plausible_org(b.text):
            out[ea.id] = (eb, b)
            out[eb.id] = (ea, a)
    return out


def _with_aliases(extractor):
    """``extractor``, whose facts are repeated for an organisation's name in parentheses
    (as subject, or as object with the name's span as filler)."""

    def run(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
        facts = list(extractor(ctx, sent))
        if not facts:
            return
        aliases = _aliases(ctx, sent)
        yield from facts
        if not aliases:
            return
        seen = {(f.subject, f.slot, f.object, f.value) for f in facts}
        for f in facts:
            extra = []
            if f.subject in aliases and get_slot(f.slot).subject == "ORG":
                extra.append(replace(f, subject=aliases[f.subject][0].id))
            if f.object in aliases:
                ent, m = aliases[f.object]
                start, end = ctx.analysis.document.raw_span(m.start, m.end)
                prov = replace(f.provenance[0], start=start, end=end)
                extra.append(replace(f, object=ent.id, value=m.text, provenance=(prov,)))
            for g in extra:
                key = (g.subject, g.slot, g.object, g.value)
                if key not in seen and g.subject != g.object:
                    seen.add(key)
                    yield g

    run.__name__ = extractor.__name__
    run.__qualname__ = extractor.__qualname__
    run.__doc__ = extractor.__doc__
    return run


# -- registration ------------------------------------------------------------------------
def _words(words, prefix: bool = False) -> re.Pattern[str]:
    """A trigger: any of ``words`` at the start of a word ("Tokyo-based" counts), whole
    words unless ``prefix``."""
    alternatives = sorted(set(words), key=len, reverse=True)
    tail = "" if prefix else r"(?!\w)"
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + ")" + tail,
                      re.I)


#: (extractor, trigger) pairs, appended to the person extractors' table by
#: :mod:`kbp.slots.extract`.
ORG_EXTRACTORS = (
    (_with_aliases(leaders), _TITLE_RE),
    (_with_aliases(employment), _words(("work", "join", "rejoin", "play", "sign", "teach",
                                        "taught", "elect", "employ", "hire", "serve",
                                        "served", "serving", "resign", "retir"), prefix=True)),
    (_with_aliases(person_of_org), re.compile(r"\bof\b")),
    (_with_aliases(founding), _words(("found", "co-found", "cofound", "establish", "form",
                                      "creat", "launch", "start", "set up", "incorporat",
                                      "inception"), prefix=True)),
    (_with_aliases(headquarters), _words(("headquarter", "based", "head office",
                                          "main office", "hq", "located", "situated"),
                                         prefix=True)),
    (_with_aliases(parents), _words(("subsidiar", "division", "unit", "arm", "imprint",
                                     "affiliate", "part of", "branch", "brand", "label",
                                     "parent", "daughter", "acquir", "bought", "buy",
                                     "purchas", "own"), prefix=True)),
    (parties, _words(("party", "parti", "democrat", "republican", "labour", "labor",
                      "conservative", "liberal", "tory", "tories", "socialist", "communist",
                      "green", "libertarian", "whig", "federalist", "unionist", "nationalist",
                      "peronist"), prefix=True)),
)
