"""Entity linking: candidates from an alias index, a scored ranking, and a NIL decision.

Score of a candidate (all parts in [0, 1], combined as a weighted sum):

- name: how well the entity's best name matches one of the candidate's names:
  1.0 for a full alias (case- and accent-folded), 0.75 when the mention is a
  surname or first name of a person alias, the fuzzy ratio scaled below that;
- type: agreement of the entity type with the KB entry's type (unknown = neutral);
- context: overlap of content words between the document and the KB entry's text.

An entity whose best score is under ``nil_threshold`` is NIL.  NIL entities of the
same type and name are one entity across documents (:func:`nil_entity`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from kbp.kb.store import Store, StoredEntity
from kbp.kb.text import fold
from kbp.types import Entity, Link

_WORD = re.compile(r"[^\W\d_]{4,}")
#: Frequent words that carry no identity (a tiny list: the context feature only needs
#: to ignore the words every text shares).
_STOP = frozenset(
    "that this with from have were been their there which when what would could about after "
    "also into more than then them they over only other some such these those while where "
    "said says being first last years year time made make like just will shall".split()
)

WEIGHTS = {"name": 0.6, "type": 0.15, "context": 0.25}
#: Most aliases compared per shared word in fuzzy matching (a word as common as "new"
#: would otherwise pull in thousands).
FUZZY_BLOCK = 200


def context_terms(text: str, limit: int = 400) -> frozenset[str]:
    """Content words of a text, folded, for the context-overlap feature."""
    terms = [w for w in _WORD.findall(fold(text)) if w not in _STOP]
    return frozenset(terms[: limit * 4])


@dataclass(frozen=True)
class Candidate:
    entity: StoredEntity
    name: float
    type: float
    context: float

    @property
    def score(self) -> float:
        return (
            WEIGHTS["name"] * self.name
            + WEIGHTS["type"] * self.type
            + WEIGHTS["context"] * self.context
        )


class AliasIndex:
    """Folded alias -> KB entities, plus name parts of people for partial matches."""

    def __init__(self, entities: Iterable[StoredEntity]) -> None:
        self.full: dict[str, list[StoredEntity]] = defaultdict(list)
        self.part: dict[str, list[StoredEntity]] = defaultdict(list)
        self.contexts: dict[str, frozenset[str]] = {}
        #: folded token -> aliases holding it: fuzzy matching compares a name only with
        #: aliases that share a word with it, which keeps it fast at a million entries.
        self.by_token: dict[str, list[str]] = defaultdict(list)
        self._cache: dict[str, list[tuple[StoredEntity, float]]] = {}
        for e in entities:
            for alias in {e.name, *e.aliases}:
                key = fold(alias)
                if not key:
                    continue
                if not self.full[key]:
                    for t in set(key.split()):
                        self.by_token[t].append(key)
                if e not in self.full[key]:
                    self.full[key].append(e)
                tokens = key.split()
                if e.type in ("PER", None) and len(tokens) > 1:
                    for t in (tokens[0], tokens[-1]):
                        if e not in self.part[t]:
                            self.part[t].append(e)

    def __len__(self) -> int:
        return len(self.full)

    def is_person(self, name: str) -> bool:
        """Whether ``name`` is the full name of a person in the KB."""
        return any(e.type == "PER" for e in self.full.get(fold(name), ()))

    def lookup(self, name: str) -> list[tuple[StoredEntity, float]]:
        """Candidates for one name with their name score."""
        key = fold(name)
        if key not in self._cache:
            self._cache[key] = self._lookup(key)
        return self._cache[key]

    def _lookup(self, key: str) -> list[tuple[StoredEntity, float]]:
        found: dict[str, tuple[StoredEntity, float]] = {}

        def offer(e: StoredEntity, s: float) -> None:
            if e.id not in found or found[e.id][1] < s:
                found[e.id] = (e, s)

        for e in self.full.get(key, ()):
            offer(e, 1.0)
        if len(key.split()) == 1:
            for e in self.part.get(key, ()):
                offer(e, 0.75)
        tokens = key.split()
        if not found and len(key) >= 5 and len(tokens) > 1:
            near = {a for t in tokens for a in self.by_token.get(t, ())[:FUZZY_BLOCK]}
            for alias, ratio, _ in process.extract(
                key, list(near), scorer=fuzz.ratio, score_cutoff=88, limit=5
            ):
                for e in self.full[alias]:
                    offer(e, 0.7 * ratio / 100)
        return list(found.values())


class Linker:
    """Links document entities to KB entities or NIL."""

    def __init__(self, index: AliasIndex, nil_threshold: float = 0.62) -> None:
        self.index = index
        self.nil_threshold = nil_threshold

    def candidates(self, entity: Entity, doc_terms: frozenset[str]) -> list[Candidate]:
        best: dict[str, tuple[StoredEntity, float]] = {}
        for name in entity.names or (entity.name,):
            for e, s in self.index.lookup(name):
                if e.id not in best or best[e.id][1] < s:
                    best[e.id] = (e, s)
        out = []
        for e, name_score in best.values():
            type_score = 0.5 if e.type is None else (1.0 if e.type == entity.type else 0.0)
            kb_terms = self.index.contexts.get(e.id, frozenset())
            overlap = len(doc_terms & kb_terms) / max(1, min(len(kb_terms), 40))
            out.append(Candidate(e, name_score, type_score, min(1.0, overlap)))
        return sorted(out, key=lambda c: -c.score)

    def link(self, entity: Entity, doc_terms: frozenset[str]) -> Link:
        cands = self.candidates(entity, doc_terms)
        ranked = tuple((c.entity.kb_id or c.entity.id, round(c.score, 3)) for c in cands[:5])
        if cands and cands[0].score >= self.nil_threshold:
            top = cands[0]
            return Link(entity.id, top.entity.kb_id, round(min(1.0, top.score), 3), ranked)
        score = 1.0 - cands[0].score if cands else 1.0
        return Link(entity.id, None, round(score, 3), ranked)


def nil_entity(store: Store, entity: Entity) -> str:
    """The store id of NIL ``entity``: an existing NIL entity with the same name and type,
    or a new one."""
    for name in (entity.name, *entity.names):
        for e in store.entities_by_alias(name, entity.type):
            if e.kb_id is None:
                return e.id
    return store.new_entity(entity.name, entity.type)
