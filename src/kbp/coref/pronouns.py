"""Pronouns, relative pronouns and definite descriptions, resolved to name clusters.

Read left to right, one sentence at a time, keeping the last person and the last
organisation that were a grammatical subject:

- he/him/his and she/her/hers go to a person of compatible gender (see
  :mod:`kbp.coref.gender`): the subject before them in their sentence, the subject
  after them when they open the sentence ("Far from his home, Vega ..."), the topic,
  the last subject person, else the most mentioned person; a non-reflexive object
  pronoun never refers to the subject of its own verb ("Vega thanked him");
- who/whom/whose, which and that (relative pronouns) go to the entity their clause is
  about ("Vega, who ...", "Vega is a walker who ...", "Acme, which ...");
- it/its and "the company", "the band", "the university", ... go to an organisation:
  the subject before them in their sentence, else the last organisation subject,
  cancelled by a newer subject that is another kind of entity ("It" may then be the
  city); "it" in "it is said that" or "it takes" refers to nothing;
- they/their go to an organisation only when it is named like a group ("The
  Beatles"), and no person was a subject in between;
- I/me/my go to the person who introduces themselves ("My name is Ana Soto"), and
  never inside quotation marks;
- "the veteran walker", "the Peruvian" (a role noun with no name) go to the topic or
  the most mentioned person.

With ``unnamed``, a pronoun with no antecedent gets a cluster of its own, one per kind
of pronoun (male, female, first person, organisation): in a passage that never names
its subject ("He was born in Lima.") the facts are still found, and a span-level
evaluation can match them.  A knowledge base has no use for such entities, so the
pipeline leaves this off.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from kbp.coref.clusters import Cluster
from kbp.coref.gender import FEMALE, GENDERED_WORDS, MALE, PRONOUN_GENDER
from kbp.types import Mention

FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
ORG_PRONOUNS = frozenset({"it", "its", "itself"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
RELATIVES = {"who": ("PER",), "whom": ("PER",), "whose": ("PER", "ORG"),
             "which": ("ORG",), "that": ("PER", "ORG")}

#: Head nouns of definite descriptions that refer back to a person ("the veteran race
#: walker", "this remarkable athlete").
PERSON_NOMINALS = frozenset(
    "athlete walker racewalker runner sprinter star champion veteran player swimmer cyclist "
    "skier boxer wrestler footballer golfer driver rider medalist medallist winner "
    "striker forward winger midfielder defender goalkeeper quarterback pitcher batsman "
    "bowler gymnast skater jockey "
    "politician candidate leader singer actor actress writer author artist "
    "businessman businesswoman executive official".split()
)

#: Head nouns of definite descriptions that refer back to an organisation, with the
#: words one of its names must contain (None: any organisation that is not a school or
#: a party), so "the university" does not pick the company.
_SCHOOL = re.compile(r"\b(?:Universit|College|School|Institut|Academ|Polytechnic)", re.I)
_PARTY = re.compile(r"\b(?:Part(?:y|i|ido|ito|ei)|Democrat|Republican|Labou?r|Conservative|"
                    r"Liberal|Socialist|Communist|Green)", re.I)
ORG_NOMINALS: dict[str, re.Pattern | None] = {
    **{w: None for w in (
        "company firm corporation business band group organization organisation team club "
        "label publisher newspaper magazine bank airline network studio agency charity "
        "foundation society association").split()},
    **{w: _SCHOOL for w in "university college school institute academy".split()},
    "party": _PARTY,
}
#: Verbs whose "it" subject stands for nothing ("it seems", "it takes two").
_EMPTY_IT_VERBS = frozenset("seem appear happen rain snow matter take turn".split())
#: Verbs whose direct object "it" may be an organisation ("founded it", "sold it").
_ORG_OBJECT_VERBS = frozenset(
    "found co-found establish create form start launch acquire buy purchase own sell run "
    "lead head join leave manage merge rename incorporate".split())
#: Words that may start a reference (anything else is skipped at once).
_TRIGGERS = (frozenset(PRONOUN_GENDER) | frozenset(RELATIVES) | FIRST_PERSON | ORG_PRONOUNS
             | GROUP_PRONOUNS | {"the", "this", "that"})
_QUOTES = re.compile(r"[\"\u201c\u201d]")
_SELF_INTRO = re.compile(r"\b(?:[Mm]y name is|I am|I'm|I\u2019m)\s+")


def _mention(doc_id: str, text: str, first: Token, last: Token, type_: str,
             source: str) -> Mention:
    end = last.idx + len(last.text)
    return Mention(doc_id=doc_id, start=first.idx, end=end, text=text[first.idx : end],
                   type=type_, source=source)


def _subjects(sent: Span) -> list[Token]:
    return [t for t in sent if t.dep_ in ("nsubj", "nsubjpass")]


class Resolver:
    """Resolves one document's references; :meth:`run` returns the new mentions."""

    def __init__(self, doc: Doc, text: str, doc_id: str, clusters: list[Cluster],
                 token_cluster: dict[int, Cluster], topic: Cluster | None,
                 unnamed: bool) -> None:
        self.doc, self.text, self.doc_id = doc, text, doc_id
        self.clusters = clusters
        self.token_cluster = token_cluster
        self.topic = topic
        self.unnamed = unnamed
        self.anonymous: dict[str, Cluster] = {}
        self.last_person: Cluster | None = None
        self.last_org: Cluster | None = None
        self.out: list[tuple[Cluster, Mention]] = []
        self.subjects: list[Token] = []  # of the sentence being read
        quotes = [m.start() for m in _QUOTES.finditer(text)]
        self.quotes = quotes
        self.speaker = self._speaker()

    # -- the walk ------------------------------------------------------------------------
    def run(self) -> list[tuple[Cluster, Mention]]:
        for sent in self.doc.sents:
            self.subjects = _subjects(sent)
            root_subj = next((self.token_cluster.get(t.i) for t in sent.root.children
                              if t.dep_ == "nsubj"), None)
            for tok in sent:
                if tok.lower_ in _TRIGGERS and tok.i not in self.token_cluster:
                    self._token(tok, sent, root_subj)
            self._update_subjects()
        return self.out

    def _token(self, tok: Token, sent: Span, root_subj: Cluster | None) -> None:
        low = tok.lower_
        pron = tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$", "WP", "WP$", "WDT")
        if low in PRONOUN_GENDER and pron:
            self._add(tok, tok, self._person(tok, sent, root_subj, PRONOUN_GENDER[low]),
                      "pronoun")
        elif low in RELATIVES and tok.tag_ in ("WP", "WP$", "WDT"):
            self._add(tok, tok, self._relative(tok), "pronoun")
        elif low in FIRST_PERSON and pron and (low != "i" or tok.text == "I"):
            if not self._quoted(tok):
                self._add(tok, tok, self.speaker or self._anonymous("I", "PER"), "pronoun")
        elif low in ORG_PRONOUNS and pron:
            self._add(tok, tok, self._org_pronoun(tok, sent), "pronoun")
        elif low in GROUP_PRONOUNS and pron:
            self._add(tok, tok, self._group(tok, sent), "pronoun")
        elif low in ("the", "this", "that") and tok.dep_ == "det":
            self._nominal(tok, sent)

    def _add(self, first: Token, last: Token, target: Cluster | None, source: str) -> None:
        if target is None:
            return
        m = _mention(self.doc_id, self.text, first, last, target.type, source)
        self.out.append((target, m))
        target.last = max(target.last, m.start)
        for i in range(first.i, last.i + 1):
            self.token_cluster.setdefault(i, target)

    def _update_subjects(self) -> None:
        for t in self.subjects:
            c = self.token_cluster.get(t.i)
            if c is None:
                continue
            if c.type == "PER":
                self.last_person = c
            elif c.type == "ORG":
                self.last_org = c
            else:
                self.last_org = None  # a newer subject that is also an "it": unclear

    def _anonymous(self, key: str, type_: str, gender: str | None = None) -> Cluster | None:
        if not self.unnamed:
            return None
        if key not in self.anonymous:
            c = Cluster(type_, unnamed=True, gender=gender)
            self.anonymous[key] = c
            self.clusters.append(c)
        return self.anonymous[key]

    # -- people --------------------------------------------------------------------------
    def _subject_before(self, sent: Span, limit: int, type_: str,
                        ok: Callable[[Cluster], bool]) -> Cluster | None:
        """The last ``type_`` cluster that is a subject in ``sent`` before token ``limit``."""
        found = None
        for t in self.subjects:
            if t.i >= limit:
                break
            c = self.token_cluster.get(t.i)
            if c is not None and c.type == type_ and ok(c):
                found = c
        return found

    def _person(self, tok: Token, sent: Span, root_subj: Cluster | None,
                gender: str) -> Cluster | None:
        excluded = self._clause_subject(tok)

        def ok(c: Cluster) -> bool:
            return c.fits(gender) and c is not excluded

        target = self._conjunct_owner(tok, ok) or self._subject_before(sent, tok.i, "PER", ok)
        if target is None and root_subj is not None and root_subj.type == "PER" \
                and tok.i < sent.root.i and ok(root_subj):
            target = root_subj  # "Far from ... his finish, Perez is grateful"
        if target is None:
            target = self._only_named_before(sent, tok.i, ok)
        if target is None:
            target = next((c for c in (self.topic, self.last_person)
                           if c is not None and ok(c)), None)
        if target is None:
            target = self._salient(tok.idx, ok)
        if target is None:
            target = self._anonymous(gender, "PER", gender)
        if target is not None and target.gender is None:
            target.gender = gender
        return target

    def _only_named_before(self, sent: Span, limit: int,
                           ok: Callable[[Cluster], bool]) -> Cluster | None:
        """The one fitting person the sentence names before token ``limit`` and a
        semicolon, when no subject fits: "She married Thomas Marsh in 1959; he died in
        2011" (he = Thomas, not the man the story quoted before).  Without the semicolon
        the pronoun may well be the subject of a sentence that opens with a description
        ("Born in New Jersey, the eldest son of X, he joined ...")."""
        semicolon = next((t.i for t in reversed(sent[: limit - sent.start])
                          if t.text == ";"), None)
        if semicolon is None:
            return None
        named = {id(c): c for t in sent if t.i < semicolon
                 and (c := self.token_cluster.get(t.i)) is not None
                 and c.type == "PER" and not c.unnamed and t.pos_ == "PROPN" and ok(c)}
        return next(iter(named.values())) if len(named) == 1 else None

    def _conjunct_owner(self, tok: Token, ok: Callable[[Cluster], bool]) -> Cluster | None:
        """For a possessive, the named person its noun is coordinated with: "founded by
        Ugur Sahin and his wife" (his = Sahin, whoever the sentence is about).  Not when
        that name is itself someone's relative: "his father, Edwin, and his brother"."""
        if tok.dep_ != "poss" or tok.head.dep_ != "conj":
            return None
        name = tok.head.head
        if name.pos_ != "PROPN" or name.dep_ == "appos" or any(
                c.dep_ == "poss" for c in name.children):
            return None
        c = self.token_cluster.get(name.i)
        return c if c is not None and c.type == "PER" and ok(c) else None

    def _clause_subject(self, tok: Token) -> Cluster | None:
        """For a non-reflexive object pronoun, the subject of its own verb (which it
        cannot refer to: "Vega thanked him")."""
        if tok.dep_ not in ("dobj", "dative") or tok.lower_.endswith("self"):
            return None
        return next((self.token_cluster.get(c.i) for c in tok.head.children
                     if c.dep_ in ("nsubj", "nsubjpass")), None)

    def _salient(self, before: int, ok: Callable[[Cluster], bool]) -> Cluster | None:
        """The person mentioned most before character ``before`` (the topic first)."""
        best, key = None, None
        for c in self.clusters:
            if c.type != "PER" or c.unnamed or not ok(c):
                continue
            n = c.count_before(before)
            if n or c.topic:
                k = (c.topic, n)
                if key is None or k > key:
                    best, key = c, k
        return best

    def _speaker(self) -> Cluster | None:
        """The person who introduces themselves ("My name is Ana Soto", "I am Ana Soto")."""
        for m in _SELF_INTRO.finditer(self.text):
            if self._quoted_at(m.start()):
                continue
            tok = next((t for t in self.doc if t.idx >= m.end()), None)
            c = self.token_cluster.get(tok.i) if tok is not None else None
            if c is not None and c.type == "PER":
                return c
        return None

    def _quoted_at(self, char: int) -> bool:
        return bisect.bisect_left(self.quotes, char) % 2 == 1

    def _quoted(self, tok: Token) -> bool:
        return self._quoted_at(tok.idx)

    # -- relative pronouns ---------------------------------------------------------------
    def _relative(self, tok: Token) -> Cluster | None:
        """The entity a relative clause opened by ``tok`` is about."""
        clause = tok.head
        if tok.dep_ in ("pobj", "poss") and clause.dep_ != "relcl":
            clause = clause.head  # "to whom", "whose son"
        if clause.dep_ != "relcl":
            return None
        noun = clause.head
        for _ in range(4):
            c = self.token_cluster.get(noun.i)
            if c is not None:
                return c if c.type in RELATIVES[tok.lower_] else None
            if noun.dep_ in ("appos", "conj") and noun.head.i < noun.i:
                noun = noun.head  # "Vega, a walker who", "a coach and player who"
            elif noun.dep_ == "attr":  # "Vega is a walker who": the subject of "is"
                noun = next((c for c in noun.head.children if c.dep_ == "nsubj"), noun)
                if noun.dep_ != "nsubj":
                    return None
            else:
                return None
        return None

    # -- organisations ---------------------------------------------------------------------
    def _org_before(self, tok: Token, sent: Span,
                    ok: Callable[[Cluster], bool] = lambda c: True) -> Cluster | None:
        target = self._subject_before(sent, tok.i, "ORG", ok)
        if target is None and self.last_org is not None and ok(self.last_org):
            target = self.last_org
        return target

    def _org_pronoun(self, tok: Token, sent: Span) -> Cluster | None:
        if tok.lower_ == "itself" or _empty_it(tok):
            return None
        target = self._org_before(tok, sent)
        if target is None and tok.lower_ == "its":
            # "Acme and its parent": the organisation just named in this sentence
            target = self._recent(tok, sent, "ORG")
        if target is None and tok.dep_ in ("nsubj", "nsubjpass", "poss"):
            target = self._anonymous("it", "ORG")
        return target

    def _recent(self, tok: Token, sent: Span, type_: str) -> Cluster | None:
        for i in range(tok.i - 1, sent.start - 1, -1):
            c = self.token_cluster.get(i)
            if c is not None:
                return c if c.type == type_ else None
        return None

    def _group(self, tok: Token, sent: Span) -> Cluster | None:
        """An organisation named like a group ("The Beatles") for they/their, when it is
        the subject before and no person has been a subject since."""
        target = self._org_before(tok, sent, _plural_name)
        if target is None or self.last_person is not None and \
                self.last_person.last > target.last:
            return None
        return target

    def _nominal(self, det: Token, sent: Span) -> None:
        head = det.head
        if head.i <= det.i:
            return
        # names inside the description: "the Olympic champion" still describes a person,
        # "the Real Madrid player" too; one that holds a person's name is that person's
        inside = [self.token_cluster[i] for i in range(det.i, head.i + 1)
                  if i in self.token_cluster]
        if any(c.type == "PER" for c in inside):
            return
        lemma = head.lemma_.lower()
        noun = head.pos_ == "NOUN"
        if inside and (not (noun and lemma in PERSON_NOMINALS) or _predicative(head)):
            return  # "X is ... the WBA champion": the description stays X's own
        if noun and lemma in ORG_NOMINALS and det.lower_ != "that" and not any(
                c.dep_ in ("compound", "amod", "prep", "appos", "nummod") for c in head.children):
            pattern = ORG_NOMINALS[lemma]
            target = self._org_before(det, sent, lambda c: _fits(c, pattern))
            if target is None:
                fitting = [c for c in self.clusters if c.type == "ORG" and not c.unnamed
                           and c.count_before(det.idx) and _fits(c, pattern)]
                target = fitting[0] if len(fitting) == 1 else None
            self._add(det, head, target, "nominal")
            return
        # "the Peruvian", "the 23-year-old Italian": a nationality with an age at most
        demonym = head.ent_type_ == "NORP" and all(
            t.like_num or t.text == "-" or t.lower_ in ("year", "years", "old")
            for t in self.doc[det.i + 1 : head.i]) and head.dep_ in (
            "nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos")
        if demonym or noun and lemma in PERSON_NOMINALS or _age_noun(head):
            gender = GENDERED_WORDS.get(lemma)

            def ok(c: Cluster) -> bool:
                return c.fits(gender)

            topic = self.topic if self.topic is not None and ok(self.topic) else None
            self._add(det, head, topic or self._salient(det.idx, ok), "nominal")


def _age_noun(head: Token) -> bool:
    """Whether ``head`` ends an age used as a noun: "the 29-year-old"."""
    doc = head.doc
    return (head.lower_ == "old" and head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
            and head.i >= 2 and doc[head.i - 1].text == "-"
            and doc[head.i - 2].lower_ in ("year", "years"))


def _predicative(noun: Token) -> bool:
    """Whether a noun is what its clause says the subject is ("X is a boxer as well as
    the WBA champion")."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    return noun.dep_ in ("attr", "acomp", "oprd")


def _empty_it(tok: Token) -> bool:
    """Whether ``it`` stands for nothing: "it seems", "it is known that", "it is easy to"."""
    if tok.dep_ == "expl":
        return True
    head = tok.head
    if tok.dep_ == "dobj":
        return head.lemma_.lower() not in _ORG_OBJECT_VERBS
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return tok.dep_ != "pobj"
    if head.lemma_.lower() in _EMPTY_IT_VERBS:
        return True
    deps = {c.dep_ for c in head.children}
    return "ccomp" in deps or "csubj" in deps or "acomp" in deps and "xcomp" in deps


def _plural_name(c: Cluster) -> bool:
    return any(len(n) > 1 and n[0] == "the" and n[-1].endswith("s")
               and not n[-1].endswith("ss") for n in c.names)


def _fits(c: Cluster, pattern: re.Pattern | None) -> bool:
    """Whether organisation ``c`` can be called by a nominal of ``pattern`` (None: any
    that is not a school or a party)."""
    text = " ".join(m.text for m in c.mentions if m.source not in ("pronoun", "nominal"))
    if pattern is None:
        return not (_SCHOOL.search(text) or _PARTY.search(text))
    return bool(pattern.search(text))


__all__ = ["FEMALE", "MALE", "ORG_NOMINALS", "PERSON_NOMINALS", "Resolver"]
