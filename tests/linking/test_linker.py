"""Entity linking: the alias index, candidate scoring, the NIL decision and NIL clustering."""

from __future__ import annotations

import pytest

from kbp.kb import SQLiteStore
from kbp.kb.store import StoredEntity
from kbp.linking.linker import AliasIndex, Linker, context_terms, nil_entity
from kbp.types import Entity, Mention

KB = (
    StoredEntity("E1", "José Pérez", "PER", "KB1", ("Jose Perez Quezada",)),
    StoredEntity("E2", "Ana Vega", "PER", "KB2"),
    StoredEntity("E3", "Luis Vega", "PER", "KB3"),
    StoredEntity("E4", "Quito", "GPE", "KB4"),
    StoredEntity("E5", "Vega Motors", "ORG", "KB5"),
    StoredEntity("E6", "Cuenca", None, "KB6"),
)

SWIMMER = "Ana Vega is a swimmer from Madrid who won medals in freestyle swimming events."
CYCLIST = "Luis Vega is a cyclist from Bogota who rode mountain stages in cycling tours."


@pytest.fixture
def index() -> AliasIndex:
    idx = AliasIndex(KB)
    idx.contexts["E2"] = context_terms(SWIMMER)
    idx.contexts["E3"] = context_terms(CYCLIST)
    return idx


def entity(*names: str, kind: str = "PER", doc: str = "doc1", n: int = 1) -> Entity:
    """An entity whose mentions are ``names`` (its name is the longest)."""
    mentions, pos = [], 0
    for name in names:
        mentions.append(Mention(doc, pos, pos + len(name), name, kind))
        pos += len(name) + 1
    return Entity(f"{doc}#{n}", doc, max(names, key=len), kind, tuple(mentions))


def scores(index: AliasIndex, name: str) -> dict[str, float]:
    return {e.id: s for e, s in index.lookup(name)}


# -- alias index -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["José Pérez", "JOSE PEREZ", "jose   perez", "Jose Perez Quezada"])
def test_linker_index_full_alias_matches_folded(index, name):
    assert scores(index, name) == {"E1": 1.0}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Pérez", {"E1": 0.75}),
        ("Jose", {"E1": 0.75}),
        ("Quezada", {"E1": 0.75}),  # last token of an alias
        ("Vega", {"E2": 0.75, "E3": 0.75}),  # people only: not "Vega Motors"
        ("Motors", {}),
    ],
)
def test_linker_index_partial_match_of_person_names_scores_lower(index, name, expected):
    assert scores(index, name) == expected


def test_linker_index_fuzzy_match_scores_below_partial(index):
    found = scores(index, "Jose Peres")
    assert list(found) == ["E1"]
    assert 0.6 < found["E1"] < 0.75


def test_linker_index_fuzzy_match_needs_a_shared_word(index):
    # close in spelling (ratio over 88) but no word in common with any alias
    assert scores(index, "Josee Pereza") == {}


@pytest.mark.parametrize("name", ["Quitoo", "Ana Vegas Motors Ltd", "Nobody Known"])
def test_linker_index_unrelated_or_short_names_find_nothing(index, name):
    assert scores(index, name) == {}


def test_linker_index_size_and_person_test(index):
    # José Pérez has two aliases, everyone else one
    assert len(index) == 7
    assert index.is_person("jose perez")
    assert index.is_person("Luis Vega")
    assert not index.is_person("Vega")  # a name part is not a full name
    assert not index.is_person("Quito")
    assert not index.is_person("Cuenca")  # unknown type is not a person


# -- linking -------------------------------------------------------------------------------


def test_linker_links_full_name_to_kb_entry(index):
    link = Linker(index).link(entity("José Pérez"), frozenset())
    assert link.kb_id == "KB1"
    assert not link.is_nil
    assert link.entity_id == "doc1#1"
    assert link.candidates[0][0] == "KB1"


def test_linker_partial_name_scores_lower_than_full_name(index):
    linker = Linker(index)
    full = linker.candidates(entity("José Pérez"), frozenset())[0]
    part = linker.candidates(entity("Pérez"), frozenset())[0]
    assert full.entity.id == part.entity.id == "E1"
    assert part.score < full.score


def test_linker_lone_surname_without_context_is_nil(index):
    link = Linker(index).link(entity("Pérez"), frozenset())
    assert link.is_nil
    assert [kb for kb, _ in link.candidates] == ["KB1"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vega swam the freestyle final in Madrid and won medals.", "KB2"),
        ("Vega rode the mountain stages of the cycling tour near Bogota.", "KB3"),
    ],
)
def test_linker_context_decides_between_people_sharing_a_surname(index, text, expected):
    link = Linker(index).link(entity("Vega"), context_terms(text))
    assert link.kb_id == expected
    ranked = [s for _, s in link.candidates]
    assert ranked == sorted(ranked, reverse=True)
    assert ranked[0] > ranked[1]


def test_linker_shared_surname_without_context_is_nil(index):
    link = Linker(index).link(entity("Vega"), frozenset())
    assert link.is_nil
    assert {kb for kb, _ in link.candidates} == {"KB2", "KB3"}


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Quito", "GPE", "KB4"),
        ("Quito", "PER", None),  # type disagreement
        ("Cuenca", "GPE", "KB6"),  # unknown KB type is neutral
        ("Vega Motors", "ORG", "KB5"),
        ("Vega Motors", "PER", None),
    ],
)
def test_linker_type_agreement(index, name, kind, expected):
    assert Linker(index).link(entity(name, kind=kind), frozenset()).kb_id == expected


def test_linker_entity_with_no_candidate_is_nil_with_full_confidence(index):
    link = Linker(index).link(entity("Zed Nobody"), frozenset())
    assert link.is_nil
    assert link.score == 1.0
    assert link.candidates == ()


def test_linker_any_name_of_the_entity_can_find_the_candidate(index):
    link = Linker(index).link(entity("Jose Perez Quezada", "Pérez"), frozenset())
    assert link.kb_id == "KB1"


def test_linker_threshold_sets_the_nil_decision(index):
    assert Linker(index, nil_threshold=0.7).link(entity("José Pérez"), frozenset()).kb_id == "KB1"
    strict = Linker(index, nil_threshold=0.9).link(entity("José Pérez"), frozenset())
    assert strict.is_nil
    assert 0.0 <= strict.score <= 1.0


def test_linker_context_terms_are_folded_content_words():
    terms = context_terms("The Swimmers swam; THEY said: swimming in 2008 was Pérez's year.")
    assert terms == frozenset({"swimmers", "swam", "swimming", "perez"})


# -- NIL clustering ------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path):
    with SQLiteStore(tmp_path / "kb.db") as s:
        yield s


def test_linker_nil_entity_reused_for_same_name_and_type_across_documents(store):
    first = nil_entity(store, entity("Peter Brown", doc="a"))
    second = nil_entity(store, entity("PETER BROWN", doc="b"))
    assert first == second
    stored = store.get_entity(first)
    assert stored.kb_id is None
    assert (stored.name, stored.type) == ("Peter Brown", "PER")


def test_linker_nil_entity_not_shared_across_types(store):
    person = nil_entity(store, entity("Jordan", doc="a"))
    place = nil_entity(store, entity("Jordan", kind="GPE", doc="b"))
    assert person != place
    assert store.get_entity(place).type == "GPE"


def test_linker_nil_entity_found_by_alias(store):
    first = nil_entity(store, entity("Peter Brown", doc="a"))
    store.add_aliases(first, ["Pete Brown"])
    assert nil_entity(store, entity("Pete Brown", doc="b")) == first


def test_linker_nil_entity_never_reuses_a_kb_entity(store):
    kb = store.ensure_kb_entity("KB9", "Peter Brown", "PER")
    nil = nil_entity(store, entity("Peter Brown"))
    assert nil != kb
    assert store.get_entity(nil).kb_id is None
