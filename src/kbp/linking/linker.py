"""Entity linking: candidates from the KB's alias index, a learned ranking, and a
calibrated NIL decision.

Candidates (:class:`KBLookup`, all lookups go to the store, so a KB of a million
entries is never held in memory):

- exact: the entry's title, case- and accent-folded;
- alias: another name of the entry: from the KB itself (redirects, alias lists) or
  from its opening sentence ("Kyiv, also spelt Kiev, is ...");
- base title: "Mercury (planet)" is registered with the alias "Mercury";
- acronym: "IAAF" for "International Association of Athletics Federations";
- demonym: "Ecuadorian" for "Ecuador", "English" for "England";
- variant: the mention reworded (without an honorific, singular, "Spanish" ->
  "Spanish language"; see :func:`kbp.linking.aliases.name_variants`);
- derived: the word a lower-case mention derives from ("sculptor" -> "sculpture"; see
  :func:`kbp.linking.aliases.derived_forms`);
- partial: a lone surname or given name of a person alias ("Einstein");
- part: the first or last words of a slightly longer title ("punk" for *Punk rock*,
  "Depression" for *Great Depression*), when no title or alias matches outright;
- fuzzy: a misspelt multi-word name, compared only with aliases sharing a word.

Ranking: a logistic model over the features in :data:`FEATURES` (name match kind,
fuzzy ratio, link prior p(entity | name), type agreement, context overlap between
the document and the entry's text (shared words weighted by rarity, see
:func:`~kbp.linking.context.term_weight`), ambiguity of the name, where the mention
sits in its sentence: a place phrase, a team's place in a sports report),
with weights learned on development data by :mod:`kbp.linking.train` and shipped in
``kbp/data/linker_weights.json``.  The model's output is a probability that the
candidate is right; an entity is NIL when the best probability is below the
threshold chosen on development data (also in the weights file).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from kbp.kb.store import Store, StoredEntity
from kbp.kb.text import fold
from kbp.linking.aliases import demonym_forms, derived_aliases, derived_forms, name_variants
from kbp.linking.context import (
    COLON_CUE,
    COMMA_CUE,
    INNAME_CUE,
    LIST_CUE,
    NOUN_CUE,
    PREP_CUE,
    SCORE_CUE,
    TEAM_CUE,
    VERSUS_CUE,
    context_terms,
    term_weight,
)
from kbp.nlp import gazetteer
from kbp.types import Entity, Link

_SPORT = frozenset(
    "team match matches cup league rugby cricket football soccer hockey squad scored "
    "defeated beat coach captain tournament championship season played innings wickets "
    "tries goals test tests qualifier fixture".split()
)
FEATURES: tuple[str, ...] = (
    "bias", "exact", "alias", "base", "acronym", "partial", "demonym", "variant", "derived",
    "part", "fuzzy",
    "prior", "no_prior",
    "type_match", "type_mismatch", "context", "ambiguity", "lowercase", "sport_x_place",
    "score_x_place", "single_token", "prep_x_place", "comma_x_place", "colon_x_place",
    "colon_x_language", "noun_x_demonym", "versus_x_place", "language", "list_x_place",
    "list", "in_name", "coherence", "sport_doc_x_place", "team_x_place",
)
#: A document with this many sports words is a sports report, where a country or a city
#: is often a team even in a sentence with no sports word ("Great Britain won 24-10").
SPORT_DOC_WORDS = 3
#: Aliases compared per shared word in fuzzy matching.
FUZZY_BLOCK = 200
_PLACE_TYPES = ("GPE", "LOC")


@lru_cache(maxsize=1)
def default_weights() -> dict[str, float]:
    text = resources.files("kbp").joinpath("data", "linker_weights.json").read_text("utf-8")
    return json.loads(text)


@dataclass(frozen=True)
class Candidate:
    entity: StoredEntity
    features: dict[str, float]
    probability: float


@dataclass(frozen=True)
class Query:
    """One name to link in a document: its surface forms, type, and the words of its
    document and sentence (see :func:`context_terms` and :func:`mention_cues`)."""

    id: str
    names: tuple[str, ...]
    type: str | None
    doc_terms: frozenset[str]
    sentence_terms: frozenset[str] = frozenset()


#: A candidate counts as another mention's entity, for coherence, from this probability.
COHERENCE_FLOOR = 0.5
#: Coherence counts at most this many related entities.
COHERENCE_CAP = 3


class KBLookup:
    """The store's linking index with per-run caches."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._exact: dict[str, list[StoredEntity]] = {}
        self._token: dict[str, list[str]] = {}
        self._context: dict[str, frozenset[str]] = {}
        self._prior: dict[str, dict[str, int]] = {}
        #: kb_id -> store entity id, for every KB entity seen as a candidate
        self.ids: dict[str, str] = {}

    def exact(self, folded: str) -> list[StoredEntity]:
        if folded not in self._exact:
            found = self.store.kb_entities_by_alias(folded)
            self._exact[folded] = found
            self.ids.update((e.kb_id, e.id) for e in found if e.kb_id)
        return self._exact[folded]

    def with_token(self, token: str) -> list[str]:
        if token not in self._token:
            self._token[token] = self.store.aliases_with_token(token, FUZZY_BLOCK)
        return self._token[token]

    def context(self, entity_id: str) -> frozenset[str]:
        if entity_id not in self._context:
            text = self.store.entity_context(entity_id) or ""
            self._context[entity_id] = frozenset(text.split())
        return self._context[entity_id]

    def prior(self, folded: str) -> dict[str, int]:
        if folded not in self._prior:
            self._prior[folded] = self.store.link_counts(folded)
        return self._prior[folded]

    def is_person(self, name: str) -> bool:
        """Whether ``name`` is the full name of a person in the KB."""
        return any(e.type == "PER" for e in self.exact(fold(name)))


class Linker:
    """Links names (an entity's, or a gold mention's) to KB entities or NIL."""

    def __init__(self, kb: KBLookup, weights: dict[str, float] | None = None) -> None:
        self.kb = kb
        w = dict(weights or default_weights())
        self.nil_threshold = float(w.pop("nil_threshold", 0.5))
        self.weights = {f: float(w.get(f, 0.0)) for f in FEATURES}

    # -- candidates -------------------------------------------------------------------
    def _name_matches(self, name: str) -> dict[str, tuple[StoredEntity, str, float]]:
        """entity id -> (entity, match kind, fuzzy ratio) for one surface name."""
        key = fold(name)
        found: dict[str, tuple[StoredEntity, str, float]] = {}
        if not key:
            return found
        for e in self.kb.exact(key):
            found[e.id] = (e, _alias_kind(name, key, e), 1.0)
        tokens = key.split()
        if len(tokens) == 1 and name[:1].isupper():
            for alias in self.kb.with_token(key):
                parts = alias.split()
                if len(parts) > 1 and key in (parts[0], parts[-1]):
                    for e in self.kb.exact(alias):
                        if e.type == "PER" and e.id not in found:
                            found[e.id] = (e, "partial", 0.0)
        if name[:1].isupper():
            place = gazetteer.nation_of_demonym(name) or gazetteer.country_of_demonym(name)
            for e in self.kb.exact(fold(place)) if place else ():
                found.setdefault(e.id, (e, "demonym", 0.0))
        for variant in name_variants(name):
            for e in self.kb.exact(fold(variant)):
                found.setdefault(e.id, (e, "variant", 0.0))
        for form in derived_forms(name):
            for e in self.kb.exact(fold(form)):
                found.setdefault(e.id, (e, "derived", 0.0))
        if not any(kind in _STRONG for _, kind, _ in found.values()) and len(key) >= 4:
            parts = [a for a in self.kb.with_token(tokens[0]) if _part_of(tokens, a.split())]
            for alias in parts if len(parts) <= PART_MAX_TITLES else ():
                for e in self.kb.exact(alias):
                    found.setdefault(e.id, (e, "part", 0.0))
        if not found and len(tokens) > 1 and len(key) >= 6:
            near = {a for t in tokens for a in self.kb.with_token(t)}
            for alias, ratio, _ in process.extract(
                key, list(near), scorer=fuzz.ratio, score_cutoff=85, limit=3
            ):
                for e in self.kb.exact(alias):
                    found.setdefault(e.id, (e, "fuzzy", ratio / 100))
        return found

    def candidates(
        self,
        names: Iterable[str],
        type_: str | None,
        doc_terms: frozenset[str],
        sentence_terms: frozenset[str] = frozenset(),
    ) -> list[Candidate]:
        names = [n for n in names if n.strip()]
        matches: dict[str, tuple[StoredEntity, str, float]] = {}
        for name in names:
            for eid, m in self._name_matches(name).items():
                if eid not in matches or _rank(m[1]) < _rank(matches[eid][1]):
                    matches[eid] = m
        if not matches:
            return []
        main = max(names, key=len)
        prior = self.kb.prior(fold(main))
        total = sum(prior.values())
        sport = bool(sentence_terms & _SPORT)
        sport_doc = len(doc_terms & _SPORT) >= SPORT_DOC_WORDS
        strong = sum(1 for _, kind, _ in matches.values() if kind in _STRONG)
        out = []
        for entity, kind, ratio in matches.values():
            kb_terms = self.kb.context(entity.id)
            overlap = (sum(map(term_weight, doc_terms & kb_terms))
                       / math.sqrt(max(sum(map(term_weight, kb_terms)), 1.0)))
            f = dict.fromkeys(FEATURES, 0.0)
            f["bias"] = 1.0
            f[kind] = 1.0 if kind != "fuzzy" else ratio
            f["prior"] = prior.get(entity.kb_id or "", 0) / total if total else 0.0
            f["no_prior"] = 0.0 if total else 1.0
            if type_ and entity.type:
                f["type_match" if type_ == entity.type else "type_mismatch"] = 1.0
            f["context"] = min(overlap, 3.0)
            f["ambiguity"] = math.log(max(strong, 1))
            f["lowercase"] = 1.0 if main[:1].islower() else 0.0
            place = entity.type in _PLACE_TYPES
            f["sport_x_place"] = 1.0 if sport and place else 0.0
            f["score_x_place"] = 1.0 if place and SCORE_CUE in sentence_terms else 0.0
            f["sport_doc_x_place"] = 1.0 if sport_doc and place else 0.0
            f["single_token"] = 1.0 if len(main.split()) == 1 else 0.0
            language = entity.name.endswith((" language", " languages"))
            f["language"] = 1.0 if language else 0.0
            for cue, feature, applies in (
                (PREP_CUE, "prep_x_place", place),
                (COMMA_CUE, "comma_x_place", place),
                (COLON_CUE, "colon_x_place", place),
                (COLON_CUE, "colon_x_language", language),
                (NOUN_CUE, "noun_x_demonym", kind == "demonym"),
                (VERSUS_CUE, "versus_x_place", place),
                (LIST_CUE, "list_x_place", place),
                (LIST_CUE, "list", True),
                (INNAME_CUE, "in_name", True),
                (TEAM_CUE, "team_x_place", place),
            ):
                f[feature] = 1.0 if applies and cue in sentence_terms else 0.0
            out.append(Candidate(entity, f, self.probability(f)))
        return sorted(out, key=lambda c: -c.probability)

    def probability(self, features: dict[str, float]) -> float:
        z = sum(self.weights[k] * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def rank_document(self, queries: list[Query]) -> list[list[Candidate]]:
        """Candidates of every query of one document, best first, scored with the
        coherence feature: how many of the entities the document's other names
        confidently link to are related to the candidate (one's title is in the other's
        KB text).  "Physics" beside "Albert Einstein" and "Max Planck" is the science;
        "Georgia" beside "Atlanta" and "Savannah" is the state."""
        first = [self.candidates(q.names, q.type, q.doc_terms, q.sentence_terms)
                 for q in queries]
        keys = [fold(max(q.names, key=len, default="")) for q in queries]
        confident = [(keys[i], c[0].entity) for i, c in enumerate(first)
                     if c and c[0].probability >= COHERENCE_FLOOR]
        if not confident:
            return first
        out = []
        for key, cands in zip(keys, first, strict=True):
            others = {e.id: e for k, e in confident if k != key}
            rescored = []
            for c in cands:
                related = sum(1 for e in others.values()
                              if e.id != c.entity.id and self._related(c.entity, e))
                if not related:
                    rescored.append(c)
                    continue
                f = {**c.features, "coherence": min(related, COHERENCE_CAP) / COHERENCE_CAP}
                rescored.append(Candidate(c.entity, f, self.probability(f)))
            out.append(sorted(rescored, key=lambda c: -c.probability))
        return out

    def _related(self, a: StoredEntity, b: StoredEntity) -> bool:
        """Whether the title of one entity appears among the other's KB context words."""
        return _title_in(a, self.kb.context(b.id)) or _title_in(b, self.kb.context(a.id))

    # -- decisions --------------------------------------------------------------------
    def decide(self, query_id: str, cands: list[Candidate]) -> Link:
        """The link for ranked candidates: the best, or NIL below the threshold."""
        ranked = tuple((c.entity.kb_id or c.entity.id, round(c.probability, 3))
                       for c in cands[:5])
        if cands and cands[0].probability >= self.nil_threshold:
            return Link(query_id, cands[0].entity.kb_id, round(cands[0].probability, 3), ranked)
        best = cands[0].probability if cands else 0.0
        return Link(query_id, None, round(1.0 - best, 3), ranked)

    def link_document(self, queries: list[Query]) -> list[Link]:
        """One link per query, the document's queries ranked together."""
        return [self.decide(q.id, c)
                for q, c in zip(queries, self.rank_document(queries), strict=True)]

    def link_names(
        self,
        entity_id: str,
        names: Iterable[str],
        type_: str | None,
        doc_terms: frozenset[str],
        sentence_terms: frozenset[str] = frozenset(),
    ) -> Link:
        """One name on its own (no coherence with the rest of its document)."""
        return self.decide(entity_id, self.candidates(names, type_, doc_terms, sentence_terms))

    def link(
        self,
        entity: Entity,
        doc_terms: frozenset[str],
        sentence_terms: frozenset[str] = frozenset(),
    ) -> Link:
        """One entity on its own; :meth:`link_document` links a document's together."""
        return self.link_names(entity.id, entity.names or (entity.name,), entity.type,
                               doc_terms, sentence_terms)

    @staticmethod
    def query(entity: Entity, doc_terms: frozenset[str],
              sentence_terms: frozenset[str] = frozenset()) -> Query:
        """The :class:`Query` for a document's entity."""
        return Query(entity.id, tuple(entity.names or (entity.name,)), entity.type,
                     doc_terms, sentence_terms)


def _title_in(entity: StoredEntity, context: frozenset[str]) -> bool:
    words = _title_words(entity.name)
    return bool(words) and all(w in context for w in words)


@lru_cache(maxsize=1 << 14)  # the same few titles are compared across a document
def _title_words(title: str) -> tuple[str, ...]:
    """The content words of a title without its disambiguator, folded."""
    return tuple(context_terms(re.sub(r"\s*\(.*\)$", "", title)))


#: Candidate sources, best first (a candidate found twice keeps its best source).
KINDS = ("exact", "alias", "base", "acronym", "demonym", "variant", "derived", "partial",
         "part", "fuzzy")
#: Sources that name the entity outright; the ambiguity of a name counts only these.
_STRONG = frozenset(KINDS[:4])


#: A "part" candidate's title has at most this many words more than the mention.
PART_EXTRA_WORDS = 2
#: A name that opens or closes more titles than this ("Smith", "United") is too common
#: to point at any of them, and looking each up would cost a query per title.
PART_MAX_TITLES = 5


def _part_of(words: list[str], title: list[str]) -> bool:
    """Whether ``words`` open or close ``title``, which is at most
    :data:`PART_EXTRA_WORDS` longer ("punk" in "punk rock", "depression" in "great
    depression", "castile" in "kingdom of castile")."""
    extra = len(title) - len(words)
    return 0 < extra <= PART_EXTRA_WORDS and (title[: len(words)] == words
                                              or title[extra:] == words)


def _rank(kind: str) -> int:
    return KINDS.index(kind)


@lru_cache(maxsize=1 << 12)
def _country_names(title: str) -> frozenset[str]:
    """The gazetteer's names of the country a title names ("UK", "Britain" for *United
    Kingdom*), folded: as good as the title itself."""
    base = re.sub(r"\s*\(country\)$", "", title)
    if gazetteer.canonical_country(base) != base:
        return frozenset()
    return frozenset(fold(a) for a in gazetteer.country_aliases(base))


def _alias_kind(name: str, key: str, entity: StoredEntity) -> str:
    """How a name equal to one of the entity's aliases matched: its title or a name as
    good ("exact": a country's other names, an abbreviation the KB itself gives), a
    form guessed from the title (acronym, demonym, base title) or another alias."""
    if key == fold(entity.name) or key in _country_names(entity.name):
        return "exact"
    guessed = {fold(a) for a in derived_aliases(entity.name, entity.type)}
    if name.isupper() and key not in guessed and any(
            a.isupper() and fold(a) == key for a in entity.aliases):
        return "exact"  # an abbreviation the KB gives ("(EU)" in its lead), not a guess
    if key in guessed:
        if name.isupper():
            return "acronym"
        if key in {fold(a) for a in demonym_forms(entity.name)}:
            return "demonym"
        return "base"
    return "alias"
