"""Entity linking: candidates from the KB's alias index, a learned ranking, and a
calibrated NIL decision.

Candidates come from :mod:`kbp.linking.candidates` (the store's alias index and the
ways a text names a KB entry).

Ranking: a logistic model over the features in :data:`FEATURES` (name match kind,
fuzzy ratio, link prior p(entity | name), type agreement, context overlap between
the document and the entry's text (shared words weighted by rarity, see
:func:`~kbp.linking.context.term_weight`), ambiguity of the name, where the mention
sits in its sentence: a place phrase, a team's place in a sports report, and whether
the words of the title's disambiguator are in the story: "company" for *Amazon
(company)*),
with weights learned on development data by :mod:`kbp.linking.train` and shipped in
``kbp/data/linker_weights.json``.  The model's output is a probability that the
candidate is right; an entity is NIL when the best probability is below the
threshold chosen on development data (also in the weights file).
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from kbp.kb.store import StoredEntity
from kbp.kb.text import fold
from kbp.linking.candidates import KINDS, STRONG, KBLookup, find_candidates, without_article
from kbp.linking.context import (
    COLON_CUE,
    COMMA_CUE,
    DATELINE_CUE,
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
from kbp.nlp.retype import SPORT_DOC_WORDS, SPORT_WORDS
from kbp.types import Entity, Link

__all__ = ["FEATURES", "KINDS", "Candidate", "KBLookup", "Linker", "Query", "default_weights"]

FEATURES: tuple[str, ...] = (
    "bias", "exact", "alias", "base", "acronym", "partial", "demonym", "variant", "derived",
    "part", "fuzzy",
    "prior", "no_prior",
    "type_match", "type_mismatch", "context", "ambiguity", "lowercase", "sport_x_place",
    "score_x_place", "single_token", "prep_x_place", "comma_x_place", "colon_x_place",
    "colon_x_language", "noun_x_demonym", "versus_x_place", "language", "list_x_place",
    "list", "in_name", "coherence", "sport_doc_x_place", "team_x_place", "untyped_entity",
    "common_x_named", "qualifier",
)
_PLACE_TYPES = ("GPE", "LOC")
#: Mention types of named entities: a KB entry of no known type (a concept, a species, a
#: fruit) is a less likely referent of one.
_NAMED_TYPES = frozenset({"PER", "ORG", "GPE", "LOC"})


@lru_cache(maxsize=1)
def default_weights() -> dict[str, Any]:
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
    #: the places around its mentions across commas (see
    #: :func:`~kbp.linking.context.place_frame`)
    frames: tuple[tuple[str, str], ...] = ()


#: A candidate counts as another mention's entity, for coherence, from this probability.
COHERENCE_FLOOR = 0.5
#: Coherence counts at most this many related entities.
COHERENCE_CAP = 3


class Linker:
    """Links names (an entity's, or a gold mention's) to KB entities or NIL."""

    def __init__(self, kb: KBLookup, weights: dict[str, Any] | None = None) -> None:
        self.kb = kb
        w = dict(weights or default_weights())
        self.nil_threshold = float(w.pop("nil_threshold", 0.5))
        #: ``[[probability, share right], ...]``, rising: how often a best candidate with
        #: that model probability was the right entity, out of fold on development data
        self.calibration = [(float(x), float(y)) for x, y in w.pop("calibration", ())]
        self.weights = {f: float(w.get(f, 0.0)) for f in FEATURES}

    def confidence(self, probability: float) -> float:
        """How likely a best candidate with this model probability is right: the
        calibration table read by linear interpolation (the probability itself when the
        weights have no table)."""
        table = self.calibration
        if not table:
            return probability
        i = bisect.bisect_left(table, (probability, -1.0))
        if i == 0:
            return table[0][1]
        if i == len(table):
            return table[-1][1]
        (x0, y0), (x1, y1) = table[i - 1], table[i]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (probability - x0) / (x1 - x0)

    def candidates(
        self,
        names: Iterable[str],
        type_: str | None,
        doc_terms: frozenset[str],
        sentence_terms: frozenset[str] = frozenset(),
        frames: tuple[tuple[str, str], ...] = (),
    ) -> list[Candidate]:
        names = [without_article(self.kb, n) for n in names if n.strip()]
        main = max(names, key=len, default="")
        matches = {eid: m for eid, m in find_candidates(self.kb, names, type_).items()
                   if all(_fits_frame(m[0], main, f) for f in frames)}
        if not matches:
            return []
        # the words around the name, not the name itself: every candidate titled with it
        # would share those, the ones with the shortest text most
        doc_terms = doc_terms - context_terms(" ".join(names))
        prior = self.kb.prior(fold(main))
        total = sum(prior.values())
        sport = bool(sentence_terms & SPORT_WORDS)
        sport_doc = len(doc_terms & SPORT_WORDS) >= SPORT_DOC_WORDS
        strong = sum(1 for _, kind, _ in matches.values() if kind in STRONG)
        out = []
        for entity, kind, ratio in matches.values():
            kb_terms = self.kb.context(entity.id)
            overlap = (sum(map(term_weight, doc_terms & kb_terms))
                       / self.kb.context_norm(entity.id))
            f = dict.fromkeys(FEATURES, 0.0)
            f["bias"] = 1.0
            f[kind] = 1.0 if kind != "fuzzy" else ratio
            f["prior"] = prior.get(entity.kb_id or "", 0) / total if total else 0.0
            f["no_prior"] = 0.0 if total else 1.0
            if type_ and entity.type:
                f["type_match" if type_ == entity.type else "type_mismatch"] = 1.0
            elif type_ in _NAMED_TYPES:
                f["untyped_entity"] = 1.0  # a name ("Apple" the company) against a thing
                if self.kb.is_common(entity.id):  # ... written in lower case ("an apple")
                    f["common_x_named"] = 1.0
            f["context"] = min(overlap, 3.0)
            f["ambiguity"] = math.log(max(strong, 1))
            f["lowercase"] = 1.0 if main[:1].islower() else 0.0
            place = entity.type in _PLACE_TYPES
            # a place that may be a team: not where a story was filed ("TURIN, Italy -")
            team = place and DATELINE_CUE not in sentence_terms
            f["sport_x_place"] = 1.0 if sport and team else 0.0
            f["score_x_place"] = 1.0 if team and SCORE_CUE in sentence_terms else 0.0
            f["sport_doc_x_place"] = 1.0 if sport_doc and team else 0.0
            f["single_token"] = 1.0 if len(main.split()) == 1 else 0.0
            language = entity.name.endswith((" language", " languages"))
            f["language"] = 1.0 if language else 0.0
            f["qualifier"] = 1.0 if _qualifier_words(entity.name) & doc_terms else 0.0
            for cue, feature, applies in (
                (PREP_CUE, "prep_x_place", place),
                (COMMA_CUE, "comma_x_place", place),
                (COLON_CUE, "colon_x_place", place),
                (COLON_CUE, "colon_x_language", language),
                (NOUN_CUE, "noun_x_demonym", kind == "demonym"),
                (VERSUS_CUE, "versus_x_place", team),
                (LIST_CUE, "list_x_place", place),
                (LIST_CUE, "list", True),
                (INNAME_CUE, "in_name", True),
                (TEAM_CUE, "team_x_place", team),
            ):
                f[feature] = 1.0 if applies and cue in sentence_terms else 0.0
            out.append(Candidate(entity, f, self.probability(f)))
        return sorted(out, key=_best_first)

    def probability(self, features: dict[str, float]) -> float:
        z = sum(self.weights[k] * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def rank_document(self, queries: list[Query]) -> list[list[Candidate]]:
        """Candidates of every query of one document, best first, scored with the
        coherence feature: how many of the entities the document's other names
        confidently link to are related to the candidate (one's title is in the other's
        KB text).  "Physics" beside "Albert Einstein" and "Max Planck" is the science;
        "Georgia" beside "Atlanta" and "Savannah" is the state."""
        first = [self.candidates(q.names, q.type, q.doc_terms, q.sentence_terms, q.frames)
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
                # a common word ("alphabet") is in many leads: no tie for a proper name
                related = 0 if c.features["common_x_named"] else sum(
                    1 for e in others.values()
                    if e.id != c.entity.id and self._related(c.entity, e))
                if not related:
                    rescored.append(c)
                    continue
                f = {**c.features, "coherence": min(related, COHERENCE_CAP) / COHERENCE_CAP}
                rescored.append(Candidate(c.entity, f, self.probability(f)))
            out.append(sorted(rescored, key=_best_first))
        return out

    def _related(self, a: StoredEntity, b: StoredEntity) -> bool:
        """Whether the title of one entity appears among the other's KB context words."""
        return _title_in(a, self.kb.context(b.id)) or _title_in(b, self.kb.context(a.id))

    # -- decisions --------------------------------------------------------------------
    def decide(self, query_id: str, cands: list[Candidate]) -> Link:
        """The link for ranked candidates: the best, or NIL below the threshold.  The
        link's score is :meth:`confidence` of the best probability (for NIL, one minus
        it); ``candidates`` keep the model's own probabilities."""
        ranked = tuple((c.entity.kb_id or c.entity.id, round(c.probability, 3))
                       for c in cands[:5])
        best = cands[0].probability if cands else 0.0
        sure = self.confidence(best) if cands else 0.0
        if cands and best >= self.nil_threshold:
            return Link(query_id, cands[0].entity.kb_id, round(sure, 3), ranked)
        return Link(query_id, None, round(1.0 - sure, 3), ranked)

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
              sentence_terms: frozenset[str] = frozenset(),
              frames: tuple[tuple[str, str], ...] = ()) -> Query:
        """The :class:`Query` for a document's entity."""
        return Query(entity.id, tuple(entity.names or (entity.name,)), entity.type,
                     doc_terms, sentence_terms, frames)


def _fits_frame(entity: StoredEntity, name: str, frame: tuple[str, str]) -> bool:
    """Whether a candidate agrees with the gazetteer on the places around the mention:
    a city of another country than the state or province after it is not meant ("Paris,
    Texas" is not *Paris*), nor is a country whose name is a state of the city's country
    before it ("Atlanta, Georgia" is not *Georgia (country)*)."""
    within, before = frame
    title = re.sub(r"\s*\([^)]*\)$", "", entity.name)
    if within:
        # a state or province only: a country after a city may be its older name
        # ("Belfast, Ireland" in 1910)
        there = gazetteer.country_of_state(within)
        here = gazetteer.country_of_city(title)
        if here and there and here != there:
            return False
    if before and gazetteer.canonical_country(title):
        state_of = gazetteer.country_of_state(name)
        if state_of and gazetteer.country_of_city(before) == state_of:
            return False
    return True


def _best_first(c: Candidate) -> tuple[float, str]:
    """Sort key: higher probability first, ties by KB id, so that the order (and the
    link) does not depend on the order candidates were found in."""
    return -c.probability, c.entity.kb_id or c.entity.id


@lru_cache(maxsize=1 << 14)
def _qualifier_words(title: str) -> frozenset[str]:
    """The content words of a title's disambiguator, folded ("company" in *Amazon
    (company)*): a story that uses them is about that sense of the name."""
    m = re.search(r"\(([^)]*)\)$", title)
    return frozenset(context_terms(m.group(1))) if m else frozenset()


def _title_in(entity: StoredEntity, context: frozenset[str]) -> bool:
    words = _title_words(entity.name)
    return bool(words) and all(w in context for w in words)


@lru_cache(maxsize=1 << 14)  # the same few titles are compared across a document
def _title_words(title: str) -> tuple[str, ...]:
    """The content words of a title without its disambiguator, folded."""
    return tuple(context_terms(re.sub(r"\s*\(.*\)$", "", title)))
