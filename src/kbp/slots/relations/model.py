"""Scoring candidate pairs with the shipped relation model, and turning hits into Facts.

The model is one binary logistic regression per relation (a KnowledgeNet property),
stored as sparse weights in ``kbp/data/relation_model.json.gz``::

    {"version": 1, "cap": 0.89,
     "relations": {"12": {"bias": -3.1, "threshold": 0.42, "weights": {"pw=bear": 1.7, ...}}}}

Scoring is a sparse dot product and a sigmoid: no scikit-learn at run time (it is only
needed to train, see :mod:`kbp.slots.relations.train`).  A pair whose probability
reaches the relation's threshold becomes an ordinary kbp :class:`~kbp.types.Fact` in the
slot that :data:`RELATIONS` names, with confidence = the probability, capped at
``cap`` so that the classifier never claims the precision the hand-written rules have
at confidence 0.9 and above.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kbp.errors import MalformedInputError, MissingInputError
from kbp.nlp import gazetteer
from kbp.nlp.normalize import normalize_date
from kbp.nlp.retype import OCCUPATIONS, ORG_NOUNS, PERSON_CUES
from kbp.slots.base import SlotContext, place_slot
from kbp.slots.patterns import KINSHIP
from kbp.slots.relations.features import Candidate, candidates
from kbp.slots.schema import slot as get_slot
from kbp.types import Entity, Fact, Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

MODEL_RESOURCE = "relation_model.json.gz"
EXTRACTOR = "relation_classifier"
MODEL_VERSION = 1


@dataclass(frozen=True)
class Relation:
    """A relation the classifier predicts: a KnowledgeNet property and how a hit is
    written as a kbp fact (``slot``; ``place``: the slot is chosen by
    :func:`~kbp.slots.base.place_slot` for this kind of place)."""

    id: str
    name: str
    subject: str
    objects: frozenset[str]
    slot: str = ""
    place: str = ""
    date: bool = False
    #: Trigger lemmas (:data:`~kbp.slots.relations.features.TRIGGERS`) of which the
    #: sentence must hold one for the relation to be considered: the classifier learned
    #: from passages chosen because they state a relation, and without such evidence it
    #: guesses from types and distance alone ("came second in Paris, France" is no
    #: birthplace).  Empty: no cue needed.
    cues: frozenset[str] = frozenset()


def _r(id_: str, name: str, subject: str, objects: str, slot: str = "", place: str = "",
       date: bool = False, cues: str = "") -> Relation:
    return Relation(id_, name, subject, frozenset(objects.split()), slot, place, date,
                    frozenset(cues.split()))


_LEADER = "ceo chief executive president chairman chairwoman chair head lead director " \
    "manager managing boss founder"


#: The relations, by KnowledgeNet property id.  ``objects`` are the mention types the
#: object may have: the types under which the development folds hold true pairs (spaCy
#: often types an organisation as a place and back), less those where nearly every
#: pair is false (a country as an employer, school or nationality; an organisation as
#: a founder), which the rules cover where the text is explicit.
RELATIONS: dict[str, Relation] = {r.id: r for r in (
    _r("1", "SUBSIDIARY_OF", "ORG", "ORG", "org:parents",
       cues="subsidiary own owner acquire division unit brand affiliate parent"),
    _r("2", "FOUNDED_BY", "ORG", "PER", "org:founded_by",
       cues="found founder co-founder cofounder establish create start form launch"),
    _r("3", "EMPLOYEE_OR_MEMBER_OF", "PER", "ORG", "per:employee_or_member_of",
       cues=_LEADER + " work employ employee join serve member hire professor lecturer teach "
       "researcher scientist engineer editor fellow staff faculty coach play player sign found"),
    _r("4", "CEO", "ORG", "PER", "org:top_members_employees", cues=_LEADER),
    _r("5", "DATE_FOUNDED", "ORG", "DATE", "org:date_founded", date=True,
       cues="found founder establish create start form launch incorporate inception"),
    _r("6", "HEADQUARTERS", "ORG", "GPE LOC", place="headquarters",
       cues="headquarter headquarters hq base locate office"),
    _r("9", "EDUCATED_AT", "PER", "ORG FAC", "per:schools_attended",
       cues="graduate graduation study attend educate education degree school university "
       "college academy institute alumnus alumna student enrol enroll"),
    _r("10", "NATIONALITY", "PER", "NORP", "per:origin"),
    _r("11", "PLACE_OF_RESIDENCE", "PER", "GPE LOC FAC", place="residence",
       cues="live reside resident residence home move relocate settle grow raise"),
    _r("12", "PLACE_OF_BIRTH", "PER", "GPE LOC FAC", place="birth",
       cues="bear born birth birthplace native hail"),
    _r("14", "DATE_OF_DEATH", "PER", "DATE", "per:date_of_death", date=True,
       cues="die death dead kill murder assassinate"),
    _r("15", "DATE_OF_BIRTH", "PER", "DATE", "per:date_of_birth", date=True,
       cues="bear born birth"),
    _r("25", "SPOUSE", "PER", "PER", "per:spouse",
       cues="marry married wed wife husband spouse widow widower divorce partner fiancee "
       "fiance"),
    _r("34", "CHILD_OF", "PER", "PER", "per:parents",
       cues="son daughter child father mother parent stepson stepdaughter stepfather "
       "stepmother heir bear born"),
    _r("45", "POLITICAL_AFFILIATION", "PER", "ORG NORP", "per:employee_or_member_of",
       cues="party politician elect candidate senator democrat republican member join"),
)}


def relations_for(candidate: Candidate) -> list[Relation]:
    """The relations whose subject and object types fit the candidate and whose cues
    its sentence holds; none when a negation lies between the two mentions."""
    features = set(candidate.features)
    if "negated" in features:
        return []
    return [r for r in RELATIONS.values()
            if r.subject == candidate.subject.type and candidate.object.type in r.objects
            and (not r.cues or any(f"trig={c}" in features for c in r.cues))]


def fact_for(ctx: SlotContext, candidate: Candidate, relation: Relation,
             confidence: float) -> Fact | None:
    """The kbp fact that says ``relation`` holds for the candidate (None when the
    object cannot be a value of the slot, e.g. a date that does not parse)."""
    obj = candidate.object
    if relation.id not in _FAMILY_RELATIONS and _named_as_a_relative_owner(ctx, candidate):
        return None
    qualifiers: dict[str, str] = {}
    value = obj.text
    slot = relation.slot
    if relation.place:
        slot, value = place_slot(relation.place, obj.text, ctx.text_before(obj))
    elif relation.date:
        if not _dates_the_cue(ctx, candidate, relation):
            return None
        value = obj.norm or normalize_date(obj.text) or ""
    elif relation.id == "10":
        if _describes_other_entity(ctx, obj, candidate.subject):
            return None
        # an origin is a country: "Latin American" or "Catholic" names none
        value = gazetteer.country_of_demonym(obj.text) or gazetteer.canonical_country(obj.text)
        qualifiers["demonym"] = obj.text
    elif relation.id == "34" and not _parent_cue_holds(ctx, candidate):
        return None
    elif relation.id == "4":
        qualifiers["title"] = "chief executive officer"
    elif relation.id == "45":
        qualifiers["kind"] = "political_party"
    if not value:
        return None
    entity_object = None if relation.date or relation.id == "10" else candidate.object_entity
    return ctx.fact(candidate.subject, slot, value, (obj.start, obj.end), candidate.sent,
                    confidence, EXTRACTOR, obj=entity_object, qualifiers=qualifiers)


def _dates_the_cue(ctx: SlotContext, candidate: Candidate, relation: Relation) -> bool:
    """Whether a date may belong to the relation: not when the nearest verb above it
    heads a relative clause that holds none of the relation's cue words.  "Higgs, who
    predicted the particle in 1964, died in April" dates a prediction, not his death;
    "the plane, which crashed on 10 April 2010, killing all aboard" dates the deaths."""
    for tok in ctx.token_of(candidate.object).ancestors:
        if tok.pos_ in ("VERB", "AUX"):
            return tok.dep_ != "relcl" or any(_is_cue(t, relation) for t in tok.subtree)
        if _is_cue(tok, relation):
            return True
    return True


_BIRTH_CUES = frozenset({"bear", "born"})


def _parent_cue_holds(ctx: SlotContext, candidate: Candidate) -> bool:
    """A parent read off a birth ("born to X") is named inside the birth's clause: when
    "born" is the sentence's only kinship cue, the parent must be in its subtree ("Merz,
    who was born in Brilon, ... the party of Chancellor Olaf Scholz" names no parent)."""
    cues = {f[5:] for f in candidate.features if f.startswith("trig=")}
    if not cues & _BIRTH_CUES or cues & (RELATIONS["34"].cues - _BIRTH_CUES):
        return True
    obj = ctx.token_of(candidate.object)
    return any(obj.i in {t.i for t in tok.subtree} for tok in candidate.sent
               if tok.lower_ in _BIRTH_CUES or tok.lemma_.lower() in _BIRTH_CUES)


def _is_cue(tok: Token, relation: Relation) -> bool:
    return tok.lemma_.lower() in relation.cues or tok.lower_ in relation.cues


#: Relations between the subject and its relatives, which "his wife, Olena" is about.
_FAMILY_RELATIONS = frozenset({"25", "34"})


def _named_as_a_relative_owner(ctx: SlotContext, candidate: Candidate) -> bool:
    """Whether the subject is named in the sentence only as the owner of a relative who
    is named too: "His wife, Olena Zelenska, ... where she studied" is about her, not
    him."""
    sent = candidate.sent
    here = [ctx.token_of(m) for m in candidate.subject.mentions
            if sent.start_char <= m.start and m.end <= sent.end_char]
    return bool(here) and all(
        tok.dep_ == "poss" and tok.head.lower_ in KINSHIP and any(
            c.dep_ == "appos" and (e := ctx.entity_at(c.i)) is not None
            and e is not candidate.subject and e.type == "PER" for c in tok.head.children)
        for tok in here)


def _describes_other_entity(ctx: SlotContext, obj: Mention, subject: Entity) -> bool:
    """Whether a nationality word qualifies another named thing than the person: "German"
    in "told German broadcaster ZDF" or "the German club Bayern" is the broadcaster's
    and the club's; in "the American military governor General Lucius D. Clay" it is
    the person's, whatever else his phrase holds."""
    head = ctx.token_of(obj)
    if head.dep_ not in ("amod", "compound"):
        return False
    head = head.head
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    if any(ctx.entity_at(t.i) is subject for t in head.subtree):
        return False
    for tok in (head, *(c for c in head.children if c.dep_ == "appos")):
        entity = ctx.entity_at(tok.i)
        if entity is not None and entity.type != "PER":
            return True
    return False


@dataclass(frozen=True)
class Weights:
    """One relation's logistic regression: ``p = sigmoid(bias + sum of weights)``."""

    bias: float
    threshold: float
    weights: Mapping[str, float]

    def probability(self, features: Iterable[str]) -> float:
        w = self.weights
        z = self.bias + sum(w.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class RelationModel:
    """Per-relation weights and the confidence cap."""

    relations: Mapping[str, Weights]
    cap: float = 0.89

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RelationModel:
        if data.get("version") != MODEL_VERSION:
            raise ValueError(f"relation model version {data.get('version')!r}, expected "
                             f"{MODEL_VERSION}")
        rels = {rid: Weights(float(r["bias"]), float(r["threshold"]), dict(r["weights"]))
                for rid, r in data["relations"].items() if rid in RELATIONS}
        return cls(rels, float(data.get("cap", 0.89)))

    def to_json(self) -> dict[str, Any]:
        return {"version": MODEL_VERSION, "cap": self.cap, "relations": {
            rid: {"bias": w.bias, "threshold": w.threshold, "weights": dict(w.weights)}
            for rid, w in self.relations.items()}}

    def scores(self, candidate: Candidate) -> dict[str, float]:
        """Relation id -> probability, for the relations that fit the candidate."""
        return {r.id: self.relations[r.id].probability(candidate.features)
                for r in relations_for(candidate) if r.id in self.relations}

    def facts(self, ctx: SlotContext, known: Iterable[Fact] = ()) -> list[Fact]:
        """The facts the classifier finds in the document, less those ``known`` already
        has: the same subject, slot and object entity (either way round), a filler span
        overlapping a known one of the subject (of any subject in
        :data:`OWN_FILLER_SLOTS`), or any value of a single-valued slot the known facts
        fill (a second date of birth from a weaker extractor is more
        often wrong than a real conflict).  The filler of a single-valued slot goes to
        one subject only, the likeliest ("X replaced Y after his death in 2012" dates
        one death)."""
        hits: list[tuple[float, Candidate, Relation]] = []
        for cand in candidates(ctx):
            for rid, p in self.scores(cand).items():
                if p >= self.relations[rid].threshold:
                    hits.append((p, cand, RELATIONS[rid]))
        seen = _Seen(known)
        taken: set[tuple[str, int, int]] = set()
        out: list[Fact] = []
        for p, cand, rel in sorted(hits, key=lambda h: -h[0]):
            if rel.slot in _ROLE_OWNED_SLOTS and (_opens_another_persons_role(ctx, cand)
                                                  or _in_another_persons_clause(ctx, cand)):
                continue
            if _describes_another(ctx, cand) or _inside_a_relative_clause(ctx, cand):
                continue
            fact = fact_for(ctx, cand, rel, round(min(p, self.cap), 4))
            if fact is None or seen.has(fact):
                continue
            filler = (fact.slot, cand.object.start, cand.object.end)
            if get_slot(fact.slot).single:
                if filler in taken:
                    continue
                taken.add(filler)
            seen.add(fact)
            out.append(fact)
        return out


#: Slots whose organisation, written right before a person's role and name, is that
#: person's: "Pask said ... the Harvard geneticist George Church" makes Church, not Pask,
#: a member of Harvard.
_ROLE_OWNED_SLOTS = frozenset({"per:employee_or_member_of", "per:schools_attended"})


def _opens_another_persons_role(ctx: SlotContext, cand: Candidate) -> bool:
    """Whether the object opens another person's description: the organisation, a role
    in lower case and that person's name ("the Harvard geneticist George Church")."""
    o = cand.object
    return any(m.type == "PER" and m.source not in ("pronoun", "nominal")
               and ctx.entity_at(ctx.token_of(m).i) is not cand.subject
               and _ROLE_WORDS.fullmatch(ctx.text[o.end : m.start]) is not None
               for m in ctx.mentions_in(cand.sent) if o.end < m.start <= o.end + 40)


def _describes_another(ctx: SlotContext, cand: Candidate) -> bool:
    """Whether the object is inside a description in apposition to another person or
    organisation (a common noun phrase opening with an article, after the name and a
    comma), right after another person's name and "of", or the possessive of another
    entity's name (for a place): "Cisco agreed to buy Splunk, the data analytics company
    based in San Francisco" places Splunk, not Cisco, in San Francisco; "X replaces
    Antonio Costa of the Socialist Party" is Costa's party; "owned by China's Geely
    Holding" places Geely in China."""
    tok = ctx.token_of(cand.object)
    own = ctx.token_of(cand.subject_mention)
    if tok.dep_ == "poss" and tok.head.i != own.i and cand.object.type in ("GPE", "LOC"):
        # "majority-owned by China's Geely Holding": China is Geely's (an organisation's
        # possessive is not so: "founded Harvard's Psycho-Acoustic Laboratory")
        other = ctx.entity_at(tok.head.i)
        if other is not None and other is not cand.subject:
            return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "PROPN":
        # "replaces Antonio Costa of the Socialist Party": Costa's party
        other = ctx.entity_at(tok.head.head.i)
        if other is not None and other.type == "PER" and other is not cand.subject:
            return _verb_between(ctx, own.i, tok.head.head.i)
    for _ in range(8):
        if tok.head.i == tok.i or tok.i == own.i:
            return False
        # a noun phrase right after a name and a comma (the parser may hang it on
        # another name), or the apposition as parsed
        edge = tok.left_edge.i
        if tok.pos_ == "NOUN" and ctx.doc[edge].lower_ in ("the", "a", "an"):
            named = (edge - 2 if edge >= 2 and ctx.doc[edge - 1].text == ","
                     else tok.head.i if tok.dep_ == "appos" else None)
            other = ctx.entity_at(named) if named is not None else None
            kind = (ORG_NOUNS if other is not None and other.type == "ORG"
                    else OCCUPATIONS | PERSON_CUES)
            if other is not None and other.type in ("PER", "ORG") and (
                    tok.lemma_.lower() in kind):
                # another entity than the subject, with a verb between the two: not
                # "Farmers National Insurance, LLC, a subsidiary of ..."
                return (other is not cand.subject and _verb_between(ctx, own.i, named)
                        and not edge <= own.i <= tok.right_edge.i)
        tok = tok.head
    return False


def _verb_between(ctx: SlotContext, i: int, j: int) -> bool:
    """Whether a verb stands between tokens ``i`` and ``j``: the two names are in
    different roles of a clause, not one name and its own apposition."""
    lo, hi = sorted((i, j))
    return any(t.pos_ == "VERB" for t in ctx.doc[lo + 1 : hi])


def _inside_a_relative_clause(ctx: SlotContext, cand: Candidate) -> bool:
    """Whether the subject is named inside a relative clause on a third entity, and the
    object, a place, outside it, in the clause about that entity: "The company, which is owned by
    Geely Holding, is based in Gothenburg" places the company, not Geely, there (a
    clause on the object itself is no bar: "founded by X, who had also founded Y")."""
    if cand.subject_mention.source in ("pronoun", "nominal") or cand.object.type not in (
            "GPE", "LOC"):
        # "..., where he started his work": he is still the one meant; and a person or
        # organisation after the clause is often the subject's too ("X, who founded Y")
        return False
    own = ctx.token_of(cand.subject_mention)
    obj = ctx.token_of(cand.object)
    tok = own
    for _ in range(8):
        if tok.dep_ == "relcl":
            inside = range(tok.left_edge.i, tok.right_edge.i + 1)
            if obj.i in inside:
                return False
            other = ctx.entity_at(tok.head.i)
            return (other is not None and other is not cand.subject
                    and other is not cand.object_entity and other.type in ("PER", "ORG"))
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _in_another_persons_clause(ctx: SlotContext, cand: Candidate) -> bool:
    """Whether the object is a phrase of a verb whose subject is another person named
    in the sentence (or "who" after their name), in a clause the subject is no part of:
    "Vinicius Junior equalised for Madrid, but Raphinha restored the lead" makes
    Vinicius, not Raphinha, Madrid's; "co-founded by Ines Duarte and Rui Matos, who
    worked at Google" makes Matos, not Duarte, a Google employee."""
    verb = ctx.token_of(cand.object)
    while verb.pos_ not in ("VERB", "AUX") and verb.dep_ in (
            "pobj", "prep", "dobj", "compound", "conj", "appos") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    # the verb's own clause: its subtree without the clauses joined to it ("..., but
    # Raphinha restored the lead")
    joined = {t.i for c in verb.children if c.dep_ == "conj" for t in c.subtree}
    clause = {t.i for t in verb.subtree} - joined
    if ctx.token_of(cand.subject_mention).i in clause:
        return False
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            # "who" of a relative clause stands for the name it follows: "Rui Matos, who
            # previously worked at Google"
            named = verb.head if c.lower_ in ("who", "that") and verb.dep_ == "relcl" else c
            other = ctx.entity_at(named.i)
            return (other is not None and other is not cand.subject and other.type == "PER"
                    and any(m.start <= named.idx < m.end
                            and m.source not in ("pronoun", "nominal")
                            for m in other.mentions))
    return False


#: One to three lower-case words, no function word among them, between an organisation
#: and a person's name ("Harvard geneticist", not "Copenhagen University with").
_ROLE_WORDS = re.compile(
    r"(?:[ \t]+(?!(?:with|and|or|of|in|at|by|for|to|from|under|alongside|as|the|a|an)\b)"
    r"[a-z][a-z-]*){1,3}[ \t]+")


#: Slots whose filler, once a rule gave it to one subject, belongs to that subject only:
#: "Colombian coach Enrique Pena, who helped him" makes Pena Colombian, not the person
#: "him" names.  (Places, parents and employers are often shared: spouses live in one
#: city, siblings have the same parents.)
OWN_FILLER_SLOTS = frozenset({"per:origin"})


#: A slot the classifier does not fill with an object that a rule gave the subject under
#: another slot: "studied at Harvard" (a rule's school) is read as an employer when the
#: sentence has a work cue elsewhere.  One way only: an employer the rules found is
#: often a school too (a professor's alma mater), in KnowledgeNet's gold as well.  No one
#: is both a person's parent and child: "survived by a daughter, Ellen Cho" read as a
#: parent.
_EXCLUSIVE = {"per:employee_or_member_of": "per:schools_attended",
              "per:parents": "per:children", "per:children": "per:parents"}


class _Seen:
    """The facts already found, indexed for :meth:`RelationModel.facts`."""

    def __init__(self, facts: Iterable[Fact]) -> None:
        self.objects: set[tuple[str, str, str]] = set()
        #: (subject, slot, object) as found, one way only
        self.directed: set[tuple[str, str, str]] = set()
        self.spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
        self.filled: set[tuple[str, str]] = set()
        #: slot -> (subject, filler span) of the rule facts in :data:`OWN_FILLER_SLOTS`
        self.ruled: dict[str, list[tuple[str, int, int]]] = {}
        for f in facts:
            self.add(f)
            if f.slot in OWN_FILLER_SLOTS:
                self.ruled.setdefault(f.slot, []).extend(
                    (f.subject, p.start, p.end) for p in f.provenance)

    def add(self, fact: Fact) -> None:
        key = (fact.subject, fact.slot)
        if fact.object:
            self.objects.add((*key, fact.object))
            self.objects.add((fact.object, fact.slot, fact.subject))
            self.directed.add((*key, fact.object))
        self.spans.setdefault(key, []).extend((p.start, p.end) for p in fact.provenance)
        if get_slot(fact.slot).single:
            self.filled.add(key)

    def has(self, fact: Fact) -> bool:
        key = (fact.subject, fact.slot)
        if key in self.filled or (fact.object and (*key, fact.object) in self.objects):
            return True
        other = _EXCLUSIVE.get(fact.slot)
        if other and fact.object and (fact.subject, other, fact.object) in self.directed:
            return True  # "studied at Harvard" makes Harvard his school, not his employer
        if any(subject != fact.subject and a < p.end and p.start < b
               for p in fact.provenance for subject, a, b in self.ruled.get(fact.slot, ())):
            return True
        return any(a < p.end and p.start < b for p in fact.provenance
                   for a, b in self.spans.get(key, ()))


def read_model(path: Path | Traversable) -> RelationModel:
    """A model written by :mod:`kbp.slots.relations.train` (gzipped JSON).  Raises
    :class:`~kbp.errors.MissingInputError` or :class:`~kbp.errors.MalformedInputError`
    naming the file."""
    if not path.is_file():
        raise MissingInputError(str(path), "no such file")
    try:
        with path.open("rb") as fh:
            return RelationModel.from_json(json.loads(gzip.decompress(fh.read())))
    except (OSError, EOFError, ValueError, KeyError, TypeError) as exc:
        raise MalformedInputError(str(path), f"not a relation model ({exc})") from None


@lru_cache(maxsize=1)
def load_model() -> RelationModel | None:
    """The shipped model, read once; None when the package has none."""
    path = resources.files("kbp").joinpath("data", MODEL_RESOURCE)
    return read_model(path) if path.is_file() else None


__all__ = ["EXTRACTOR", "MODEL_RESOURCE", "RELATIONS", "Relation", "RelationModel",
           "Weights", "fact_for", "load_model", "read_model", "relations_for"]
