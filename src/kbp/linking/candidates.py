"""Candidate generation: the KB entries a name may refer to, and how each was found.

Sources, best first (:data:`KINDS`; every lookup goes to the store through
:class:`KBLookup`, so a KB of a million entries is never held in memory):

- exact: the entry's title, case- and accent-folded, or a name as good: a country's
  other names in the gazetteer ("UK", "Burma"), an abbreviation the KB gives ("EU");
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
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz, process

from kbp.kb.store import Store, StoredEntity
from kbp.kb.text import fold
from kbp.linking.aliases import (
    country_names,
    demonym_forms,
    derived_aliases,
    derived_forms,
    name_variants,
    singulars,
    without_legal_form,
)
from kbp.linking.context import COMMON_CUE, term_weight
from kbp.nlp import gazetteer

__all__ = ["KINDS", "STRONG", "KBLookup", "Match", "find_candidates", "name_matches",
           "without_article"]

_ARTICLE = re.compile(r"^\W*the\s+", re.IGNORECASE)
#: Aliases compared per shared word in fuzzy matching.
FUZZY_BLOCK = 200
#: A candidate: (entity, how it was found (one of :data:`KINDS`), fuzzy ratio).
Match = tuple[StoredEntity, str, float]


class KBLookup:
    """The store's linking index with per-run caches."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._exact: dict[str, list[StoredEntity]] = {}
        self._token: dict[str, list[str]] = {}
        self._context: dict[str, frozenset[str]] = {}
        self._prior: dict[str, dict[str, int]] = {}
        self._common: set[str] = set()
        self._norm: dict[str, float] = {}
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
            terms = frozenset((self.store.entity_context(entity_id) or "").split())
            if COMMON_CUE in terms:
                self._common.add(entity_id)
            self._context[entity_id] = terms - {COMMON_CUE}
        return self._context[entity_id]

    def context_norm(self, entity_id: str) -> float:
        """The length of an entry's context for the context feature: the square root of
        its words' summed :func:`~kbp.linking.context.term_weight` (at least 1)."""
        if entity_id not in self._norm:
            weight = sum(map(term_weight, self.context(entity_id)))
            self._norm[entity_id] = math.sqrt(max(weight, 1.0))
        return self._norm[entity_id]

    def is_common(self, entity_id: str) -> bool:
        """Whether the entry is a common noun (its context was stored marked so)."""
        self.context(entity_id)
        return entity_id in self._common

    def prior(self, folded: str) -> dict[str, int]:
        if folded not in self._prior:
            self._prior[folded] = self.store.link_counts(folded)
        return self._prior[folded]

    def types(self, name: str) -> frozenset[str | None]:
        """The types of the entries ``name`` is a title or alias of (``None`` for an
        entry of no type)."""
        return frozenset(e.type for e in self.exact(fold(name)))


def name_matches(kb: KBLookup, name: str) -> dict[str, Match]:
    """entity id -> (entity, match kind, fuzzy ratio) for one surface name."""
    key = fold(name)
    found: dict[str, Match] = {}
    if not key:
        return found
    for e in kb.exact(key):
        found[e.id] = (e, _alias_kind(name, key, e), 1.0)
    tokens = key.split()
    if len(tokens) == 1 and name[:1].isupper():
        names = [a for a in kb.with_token(key) if len(a.split()) > 1
                 and key in (a.split()[0], a.split()[-1])]
        for alias in names if len(names) <= PARTIAL_MAX_NAMES else ():
            for e in kb.exact(alias):
                if e.type == "PER" and e.id not in found:
                    found[e.id] = (e, "partial", 0.0)
    if name[:1].isupper():
        place = gazetteer.nation_of_demonym(name) or gazetteer.country_of_demonym(name)
        for e in kb.exact(fold(place)) if place else ():
            found.setdefault(e.id, (e, "demonym", 0.0))
    for variant in name_variants(name):
        for e in kb.exact(fold(variant)):
            found.setdefault(e.id, (e, "variant", 0.0))
    for form in derived_forms(name):
        for e in kb.exact(fold(form)):
            found.setdefault(e.id, (e, "derived", 0.0))
    if not any(kind in STRONG for _, kind, _ in found.values()) and len(key) >= 4:
        for words in (tokens, *(s.split() for s in sorted(singulars(key)))):
            # the singular too: "keyboards" -> *Keyboard instrument*, "Catholics" ->
            # *Catholic Church*
            parts = [a for a in kb.with_token(words[0]) if _part_of(words, a.split())]
            for alias in parts if len(parts) <= PART_MAX_TITLES else ():
                for e in kb.exact(alias):
                    found.setdefault(e.id, (e, "part", 0.0))
    if not found and len(tokens) > 1 and len(key) >= 6:
        near = {a for t in tokens for a in kb.with_token(t)}
        for alias, ratio, _ in process.extract(
            key, sorted(near), scorer=fuzz.ratio, score_cutoff=85, limit=3
        ):
            for e in kb.exact(alias):
                found.setdefault(e.id, (e, "fuzzy", ratio / 100))
    return found


def without_article(kb: KBLookup, name: str) -> str:
    """The name without a leading "the" when it names a known place the KB does not list
    with its article: "The United States" -> "United States", while "The Hague" (a KB
    title) and "The Kitchen" (a venue) keep it."""
    if not _ARTICLE.match(name) or kb.exact(fold(name)):
        return name
    place = _ARTICLE.sub("", name, count=1)
    return place if gazetteer.is_place(place) else name


def find_candidates(kb: KBLookup, names: Iterable[str],
                    type_: str | None = None) -> dict[str, Match]:
    """entity id -> :data:`Match` for every name of an entity; an entity found by more
    than one name keeps its best source.

    A name whose words all occur in a longer name of the same entity is a short form
    of it ("Higgs" for "Peter Higgs"): it adds only entries it names outright
    (:data:`STRONG`), are no common noun and, when the entity's ``type_`` is known, are
    of that type.  Its weaker matches guess at the full name, which the document gives:
    "Higgs" opening the title *Higgs boson*, or another person surnamed Higgs; and a
    common noun or another kind of thing is no short form of a name ("Marsh" beside
    "Helen Marsh" is not the wetland *Marsh*, "Montenegro" beside "Luis Montenegro" not
    the country).
    Nor does a short form of one word name a person known by that one word when no
    longer name of the entity names them too, or lies within one of their names
    ("Marta" beside "Marta Lindqvist" is not the entry *Marta (footballer)*, beside
    "Marta Vieira" it is)."""
    names = list(names)
    words = [set(fold(n).split()) for n in names]
    found = [name_matches(kb, name) for name in names]
    out: dict[str, Match] = {}
    for own, matches in zip(words, found, strict=True):
        longer = [k for k, other in enumerate(words) if own < other]
        for eid, m in matches.items():
            if longer and (m[1] not in STRONG or kb.is_common(m[0].id)
                           or type_ and m[0].type and m[0].type != type_):
                # nor a common noun ("Marsh" beside "Helen Marsh" is no wetland) nor an
                # entry of another type ("Montenegro" beside "Luis Montenegro")
                continue
            if longer and len(own) == 1 and _known_by_one_word(m[0]) and not any(
                    eid in found[k] or _within_an_alias(words[k], m[0]) for k in longer):
                # "Marta" in a story about Marta Lindqvist is no footballer called Marta
                continue
            if eid not in out or _rank(m[1]) < _rank(out[eid][1]):
                out[eid] = m
    return out


def _within_an_alias(words: set[str], entity: StoredEntity) -> bool:
    """Whether every word of a name is in one of the entry's names ("Ronaldo Nazario" in
    "Ronaldo Luís Nazário de Lima")."""
    return any(words <= set(fold(a).split()) for a in (entity.name, *entity.aliases))


def _known_by_one_word(entity: StoredEntity) -> bool:
    """Whether the entry is a person known by one name ("Marta (footballer)", "Pelé").
    (A company may well be: "Nissan" is also "Nissan Motor Co.".)"""
    return entity.type == "PER" and len(
        re.sub(r"\s*\([^)]*\)$", "", entity.name).split()) == 1


#: Candidate sources, best first (a candidate found twice keeps its best source).
KINDS = ("exact", "alias", "base", "acronym", "demonym", "variant", "derived", "partial",
         "part", "fuzzy")
#: Sources that name the entity outright; the ambiguity of a name counts only these.
STRONG = frozenset(KINDS[:4])


#: A given name or surname that opens or closes more full names than this ("Smith" in a
#: KB of a million entries) points at none of them: the list the index returns is cut at
#: :data:`FUZZY_BLOCK` in alphabetical order, and each name costs a query and a
#: candidate to score.
PARTIAL_MAX_NAMES = 50
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
    """:func:`~kbp.linking.aliases.country_names` folded: as good as the title itself."""
    return frozenset(fold(a) for a in country_names(title))


def _alias_kind(name: str, key: str, entity: StoredEntity) -> str:
    """How a name equal to one of the entity's aliases matched: its title or a name as
    good ("exact": a country's other names, a company's name without its legal form,
    an abbreviation the KB itself gives), a
    form guessed from the title (acronym, demonym, base title) or another alias."""
    if (key == fold(entity.name) or key in _country_names(entity.name)
            or key == fold(without_legal_form(entity.name))):  # "Apple" for "Apple Inc."
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
