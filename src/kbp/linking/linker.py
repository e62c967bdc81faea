"""Entity linking: candidates from the KB's alias index, a learned ranking, and a
calibrated NIL decision.

Candidates (:class:`KBLookup`, all lookups go to the store, so a KB of a million
entries is never held in memory):

- exact: a KB alias equal to the name, case- and accent-folded;
- base title: "Mercury (planet)" is registered with the alias "Mercury";
- acronym: "IAAF" for "International Association of Athletics Federations";
- partial: a lone surname or given name of a person alias ("Einstein");
- demonym: "Ecuadorian" for "Ecuador";
- fuzzy: a misspelt multi-word name, compared only with aliases sharing a word.

Ranking: a logistic model over the features in :data:`FEATURES` (name match kind,
fuzzy ratio, link prior p(entity | name), type agreement, context overlap between
the document and the entry's text, ambiguity of the name, sports-team metonymy),
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
from kbp.nlp import gazetteer
from kbp.types import Entity, Link

_WORD = re.compile(r"[^\W\d_]{3,}")
#: Frequent words that carry no identity (the context feature only needs to ignore the
#: words every text shares).
_STOP = frozenset(
    "the and for that this with from have were been their there which when what would "
    "could about after also into more than then them they over only other some such these "
    "those while where said says being first last years year time made make like just "
    "will shall its his her has had was are not but one two new may can most many".split()
)
_SPORT = frozenset(
    "team match matches cup league rugby cricket football soccer hockey squad scored "
    "defeated beat coach captain tournament championship season played innings wickets "
    "tries goals test tests qualifier fixture".split()
)
FEATURES: tuple[str, ...] = (
    "bias", "exact", "base", "acronym", "partial", "demonym", "fuzzy", "prior", "no_prior",
    "type_match", "type_mismatch", "context", "ambiguity", "lowercase", "sport_x_place",
    "score_x_place", "single_token",
)
#: A match score in the sentence ("won 24–10"): there, a country is usually its team.
_SCORE = re.compile(r"\b\d{1,3}\s?[–—-]\s?\d{1,3}\b(?![–—-]?\d)")
SCORE_CUE = "__score__"
#: Aliases compared per shared word in fuzzy matching.
FUZZY_BLOCK = 200
_PLACE_TYPES = ("GPE", "LOC")


def context_terms(text: str, limit: int = 400) -> frozenset[str]:
    """Content words of a text, folded, for the context-overlap feature."""
    return frozenset([w for w in _WORD.findall(fold(text)) if w not in _STOP][: limit * 4])


def sentence_cues(sentence: str) -> frozenset[str]:
    """What the ranking reads from the mention's sentence: its content words, plus a
    marker when the sentence reports a match score."""
    terms = context_terms(sentence)
    return terms | {SCORE_CUE} if _SCORE.search(sentence) else terms


def derived_aliases(title: str, type_: str | None) -> set[str]:
    """Names a KB entry answers to beyond its title: the title without its
    disambiguator ("Mercury (planet)" -> "Mercury"), a regnal name without its realm
    ("Charles I of England" -> "Charles I"), an acronym for long names, and the
    adjectival forms of a place ("Sicily" -> "Sicilian"; see :func:`demonym_forms`)."""
    out = set()
    base = re.sub(r"\s*\([^)]*\)$", "", title).strip()
    if base and base != title:
        out.add(base)
    regnal = re.match(r"^(.+ [IVXL]+),? (?:of|,) .+$", base)
    if regnal:
        out.add(regnal.group(1))
    if type_ in _PLACE_TYPES and " " not in base:
        out |= demonym_forms(base)
    words = [w for w in re.split(r"[\s-]+", base) if w]
    initials = [w[0] for w in words if w[0].isupper()]
    if type_ in ("ORG", None) and len(initials) >= 3 and len(initials) >= len(words) - 2:
        out.add("".join(initials))
    return out


def demonym_forms(place: str) -> set[str]:
    """Regular adjectival forms of a one-word place name ("Canada" -> "Canadian",
    "Germany" -> "German", "Sicily" -> "Sicilian"); irregular ones come from the
    gazetteer of countries."""
    if len(place) < 4 or not place.isalpha():
        return set()
    stem = place[:-1] if place[-1] in "aeiouy" else place
    forms = {place + "n", place + "an", stem + "ian", stem + "an", place + "ese"}
    if place.endswith("y"):
        forms.add(place[:-1])
    return {f for f in forms if f != place}


@lru_cache(maxsize=1)
def default_weights() -> dict[str, float]:
    text = resources.files("kbp").joinpath("data", "linker_weights.json").read_text("utf-8")
    return json.loads(text)


@dataclass(frozen=True)
class Candidate:
    entity: StoredEntity
    features: dict[str, float]
    probability: float


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
            kind = "exact"
            if key != fold(e.name) and key in {fold(a) for a in derived_aliases(e.name, e.type)}:
                if name.isupper():
                    kind = "acronym"
                elif key in {fold(a) for a in demonym_forms(e.name)}:
                    kind = "demonym"
                else:
                    kind = "base"
            found[e.id] = (e, kind, 1.0)
        tokens = key.split()
        if len(tokens) == 1 and name[:1].isupper():
            for alias in self.kb.with_token(key):
                parts = alias.split()
                if len(parts) > 1 and key in (parts[0], parts[-1]):
                    for e in self.kb.exact(alias):
                        if e.type == "PER" and e.id not in found:
                            found[e.id] = (e, "partial", 0.0)
        country = gazetteer.country_of_demonym(name) if name[:1].isupper() else None
        if country:
            for e in self.kb.exact(fold(country)):
                found.setdefault(e.id, (e, "demonym", 0.0))
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
        out = []
        for entity, kind, ratio in matches.values():
            kb_terms = self.kb.context(entity.id)
            overlap = len(doc_terms & kb_terms) / math.sqrt(max(len(kb_terms), 1))
            f = dict.fromkeys(FEATURES, 0.0)
            f["bias"] = 1.0
            f[kind] = 1.0 if kind != "fuzzy" else ratio
            f["prior"] = prior.get(entity.kb_id or "", 0) / total if total else 0.0
            f["no_prior"] = 0.0 if total else 1.0
            if type_ and entity.type:
                f["type_match" if type_ == entity.type else "type_mismatch"] = 1.0
            f["context"] = min(overlap, 3.0)
            f["ambiguity"] = math.log(len(matches))
            f["lowercase"] = 1.0 if main[:1].islower() else 0.0
            place = entity.type in _PLACE_TYPES
            f["sport_x_place"] = 1.0 if sport and place else 0.0
            f["score_x_place"] = 1.0 if place and SCORE_CUE in sentence_terms else 0.0
            f["single_token"] = 1.0 if len(main.split()) == 1 else 0.0
            out.append(Candidate(entity, f, self.probability(f)))
        return sorted(out, key=lambda c: -c.probability)

    def probability(self, features: dict[str, float]) -> float:
        z = sum(self.weights[k] * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    # -- decisions --------------------------------------------------------------------
    def link_names(
        self,
        entity_id: str,
        names: Iterable[str],
        type_: str | None,
        doc_terms: frozenset[str],
        sentence_terms: frozenset[str] = frozenset(),
    ) -> Link:
        cands = self.candidates(names, type_, doc_terms, sentence_terms)
        ranked = tuple((c.entity.kb_id or c.entity.id, round(c.probability, 3))
                       for c in cands[:5])
        if cands and cands[0].probability >= self.nil_threshold:
            return Link(entity_id, cands[0].entity.kb_id, round(cands[0].probability, 3), ranked)
        best = cands[0].probability if cands else 0.0
        return Link(entity_id, None, round(1.0 - best, 3), ranked)

    def link(
        self,
        entity: Entity,
        doc_terms: frozenset[str],
        sentence_terms: frozenset[str] = frozenset(),
    ) -> Link:
        return self.link_names(entity.id, entity.names or (entity.name,), entity.type,
                               doc_terms, sentence_terms)


def _rank(kind: str) -> int:
    return ("exact", "base", "acronym", "demonym", "partial", "fuzzy").index(kind)


#: Least share of context words two mentions of a name must have in common to be one
#: NIL entity when they come with context (see :func:`nil_entity`).
NIL_CONTEXT_OVERLAP = 0.1
NIL_CONTEXT_TERMS = 300
#: Contexts smaller than this say too little to keep two same-named entities apart.
NIL_CONTEXT_MIN = 12


def nil_entity(store: Store, entity: Entity, context: frozenset[str] = frozenset()) -> str:
    """The store id of NIL ``entity``: an existing NIL entity with the same name and type
    whose context is compatible, or a new one.

    ``context`` holds the words around the entity's mentions.  A same-named NIL entity
    whose stored context shares fewer than :data:`NIL_CONTEXT_OVERLAP` of the smaller
    context's words is another person (or place) of that name; contexts of fewer than
    :data:`NIL_CONTEXT_MIN` words are not compared.  The chosen entity's
    context grows by the new words, up to :data:`NIL_CONTEXT_TERMS`.
    """
    context = context - context_terms(" ".join((entity.name, *entity.names)))
    best, best_overlap = None, -1.0
    for name in (entity.name, *entity.names):
        for e in store.entities_by_alias(name, entity.type):
            if e.kb_id is not None:
                continue
            stored = frozenset((store.entity_context(e.id) or "").split())
            if min(len(stored), len(context)) < NIL_CONTEXT_MIN:
                overlap = 1.0  # too little to compare: trust the name
            else:
                overlap = len(stored & context) / min(len(stored), len(context))
            if overlap >= NIL_CONTEXT_OVERLAP and overlap > best_overlap:
                best, best_overlap = e, overlap
        if best is not None:
            break
    if best is None:
        entity_id = store.new_entity(entity.name, entity.type)
        stored: frozenset[str] = frozenset()
    else:
        entity_id = best.id
        stored = frozenset((store.entity_context(entity_id) or "").split())
    if context:
        merged = sorted(stored | context)[:NIL_CONTEXT_TERMS] if stored else sorted(context)
        store.set_entity_context(entity_id, " ".join(merged[:NIL_CONTEXT_TERMS]))
    return entity_id
