"""Entity linking: candidate sources, the learned score, the NIL decision, NIL clustering."""

from __future__ import annotations

import pytest

from kbp.kb import SQLiteStore
from kbp.linking.aliases import derived_aliases
from kbp.linking.context import COMMON_CUE, DATELINE_CUE, PREP_CUE, context_terms
from kbp.linking.linker import (
    FEATURES,
    KINDS,
    KBLookup,
    Linker,
    Query,
    default_weights,
)
from kbp.linking.nil import NIL_CONTEXT_TERMS, nil_cluster, nil_entity
from kbp.types import Entity, Mention

SWIMMER = "Ana Vega is a swimmer from Madrid who won medals in freestyle swimming events."
CYCLIST = "Luis Vega is a cyclist from Bogota who rode mountain stages in cycling tours."
KB = (
    # kb_id, title, type, aliases, context
    ("KB1", "José Pérez", "PER", ("Jose Perez Quezada",), "race walker from Cuenca"),
    ("KB2", "Ana Vega", "PER", (), SWIMMER),
    ("KB3", "Luis Vega", "PER", (), CYCLIST),
    ("KB4", "Quito", "GPE", (), "capital of Ecuador"),
    ("KB5", "Mercury (planet)", None, (), "smallest planet closest to the Sun orbit"),
    ("KB6", "Mercury (element)", None, (), "chemical element liquid metal"),
    ("KB7", "International Association of Athletics Federations", "ORG", (), "athletics"),
    ("KB8", "Ecuador", "GPE", (), "country in South America"),
    ("KB9", "Vega Motors", "ORG", (), "car maker"),
    ("KB10", "England", "GPE", (), "country part of the United Kingdom"),
    ("KB11", "Spanish language", None, (), "Romance language spoken in Spain"),
    ("KB12", "Leopold I, Holy Roman Emperor", "PER", (), "emperor from 1658 to 1705"),
    ("KB13", "Laboratory", None, (), "facility for scientific research"),
    ("KB14", "Myanmar", "GPE", (), "country in Southeast Asia"),
    ("KB15", "European Union", "ORG", ("EU",), "union of member states in Europe"),
    ("KB16", "World War II", None, (), "global conflict from 1939 to 1945"),
    ("KB17", "World War I", None, (), "global conflict from 1914 to 1918"),
)
#: Simple, readable weights for the tests (the shipped ones are learned).
WEIGHTS = dict.fromkeys(FEATURES, 0.0) | {
    "bias": -2.0, "exact": 3.0, "base": 2.5, "acronym": 2.5, "partial": 1.2, "demonym": 2.0,
    "fuzzy": 2.0, "type_match": 0.5, "type_mismatch": -3.0, "context": 2.0,
    "ambiguity": -1.0, "nil_threshold": 0.5,
}


@pytest.fixture
def store(tmp_path):
    with SQLiteStore(tmp_path / "kb.db") as s:
        yield s


@pytest.fixture
def linker(store) -> Linker:
    for kb_id, title, type_, aliases, context in KB:
        sid = store.ensure_kb_entity(kb_id, title, type_,
                                     (*aliases, *derived_aliases(title, type_)))
        store.set_entity_context(sid, " ".join(context_terms(title + " " + context)))
    return Linker(KBLookup(store), WEIGHTS)


def entity(*names: str, kind: str = "PER", doc: str = "doc1", n: int = 1) -> Entity:
    """An entity whose mentions are ``names`` (its name is the longest)."""
    mentions, pos = [], 0
    for name in names:
        mentions.append(Mention(doc, pos, pos + len(name), name, kind))
        pos += len(name) + 1
    return Entity(f"{doc}#{n}", doc, max(names, key=len), kind, tuple(mentions))


def kinds(linker: Linker, name: str, type_: str | None = None) -> dict[str, str]:
    """kb_id -> the candidate source that found it."""
    out = {}
    for c in linker.candidates([name], type_, frozenset()):
        out[c.entity.kb_id] = next(k for k in KINDS if c.features[k])
    return out


# -- candidate sources ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["José Pérez", "JOSE PEREZ", "jose   perez"])
def test_linker_exact_title_matches_case_and_accent_folded(linker, name):
    assert kinds(linker, name) == {"KB1": "exact"}


@pytest.mark.parametrize("name", ["Jose Perez Quezada", "JOSÉ PÉREZ QUEZADA"])
def test_linker_other_aliases_of_an_entry(linker, name):
    assert kinds(linker, name) == {"KB1": "alias"}


@pytest.mark.parametrize(("name", "expected"), [
    ("Emperor Leopold I", {"KB12": "variant"}),  # honorific dropped
    ("laboratories", {"KB13": "variant"}),  # singular of a lower-case plural
    ("Spanish", {"KB11": "variant"}),  # the language a nationality word names
])
def test_linker_variants_of_the_mention(linker, name, expected):
    assert kinds(linker, name) == expected


def test_linker_regnal_title_without_its_office(linker):
    assert kinds(linker, "Leopold I") == {"KB12": "base"}


def test_linker_nationality_word_of_a_constituent_country(linker):
    assert kinds(linker, "English") == {"KB10": "demonym"}  # not the United Kingdom


def test_linker_base_title_without_disambiguator(linker):
    assert kinds(linker, "Mercury") == {"KB5": "base", "KB6": "base"}


def test_linker_acronym_of_a_long_organisation_name(linker):
    assert kinds(linker, "IAAF") == {"KB7": "acronym"}


@pytest.mark.parametrize(("name", "expected"), [
    ("WWII", {"KB16": "acronym"}),  # a numeral stays whole: not "WWI"
    ("WWI", {"KB17": "acronym"}),
])
def test_linker_acronym_keeps_numerals_whole(linker, name, expected):
    assert kinds(linker, name) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Burma", {"KB14": "exact"}),  # the gazetteer's other name of a country
    ("EU", {"KB15": "exact"}),  # an abbreviation the KB entry itself gives
    ("Eu", {"KB15": "alias"}),  # not written as an abbreviation
])
def test_linker_names_as_good_as_the_title(linker, name, expected):
    assert kinds(linker, name) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Pérez", {"KB1": "partial"}),
    # "Vega Motors" is not a person: a part of its name, not a partial person name
    ("Vega", {"KB2": "partial", "KB3": "partial", "KB9": "part"}),
    ("José", {"KB1": "partial"}),
])
def test_linker_partial_name_matches_people_only(linker, name, expected):
    assert kinds(linker, name) == expected


def test_linker_partial_name_shared_by_too_many_people_points_at_none(linker, monkeypatch):
    monkeypatch.setattr("kbp.linking.candidates.PARTIAL_MAX_NAMES", 1)
    # two people named Vega: neither as a person's partial name, only as parts of titles
    assert kinds(linker, "Vega") == {"KB2": "part", "KB3": "part", "KB9": "part"}
    assert kinds(linker, "Pérez") == {"KB1": "partial"}  # one: still found
    monkeypatch.setattr("kbp.linking.candidates.PART_MAX_TITLES", 2)
    assert kinds(linker, "Vega") == {}  # three titles: none


def _add(linker: Linker, kb_id: str, title: str, type_: str | None, context: str,
         aliases: tuple[str, ...] = ()) -> None:
    store = linker.kb.store
    sid = store.ensure_kb_entity(kb_id, title, type_,
                                 (*aliases, *derived_aliases(title, type_)))
    store.set_entity_context(sid, " ".join(context_terms(title + " " + context)))


@pytest.mark.parametrize(("name", "expected"), [
    ("sculptor", {"KB20": "derived"}),
    ("sculptors", {"KB20": "derived"}),
    ("biologist", {"KB21": "derived"}),
    ("punk", {"KB22": "part"}),
    ("Depression", {"KB23": "part"}),
    ("rock", {"KB22": "part"}),
    ("Paris", {}),
    # the singular of a plural opens the title
    ("keyboards", {"KB24": "part"}),
    ("Catholics", {"KB25": "part"}),
])
def test_linker_derived_words_and_parts_of_titles(linker, name, expected):
    _add(linker, "KB20", "Sculpture", None, "art of making three-dimensional forms")
    _add(linker, "KB21", "Biology", None, "science of life")
    _add(linker, "KB22", "Punk rock", None, "music genre of the 1970s")
    _add(linker, "KB23", "Great Depression", None, "economic downturn of the 1930s")
    _add(linker, "KB24", "Keyboard instrument", None, "musical instrument with keys")
    _add(linker, "KB25", "Catholic Church", "ORG", "largest Christian church")
    assert kinds(linker, name) == expected


def test_linker_part_of_title_only_without_an_outright_match(linker):
    _add(linker, "KB22", "Quito Province", "GPE", "province of Ecuador")
    assert kinds(linker, "Quito") == {"KB4": "exact"}


def test_linker_short_form_of_a_full_name_adds_only_outright_matches(linker):
    _add(linker, "KB26", "Higgs boson", None, "elementary particle of the Standard Model")
    _add(linker, "KB27", "Nissan", "ORG", "car maker from Yokohama")
    assert kinds(linker, "Higgs", "PER") == {"KB26": "part"}
    assert {"KB2", "KB3"} <= set(kinds(linker, "Vega", "PER"))
    # the document gives the full name: its surname guesses at no other title or person
    assert linker.candidates(["Peter Higgs", "Higgs"], "PER", frozenset()) == []
    assert linker.candidates(["Pedro Vega", "Vega"], "PER", frozenset()) == []
    # ... while an entry the short form names outright is still found
    found = linker.candidates(["Nissan Motor Co.", "Nissan"], "ORG", frozenset())
    assert [c.entity.kb_id for c in found] == ["KB27"]


def test_linker_given_name_of_a_full_name_is_no_person_known_by_it_alone(linker):
    _add(linker, "KB28", "Marta (footballer)", "PER", "Brazilian footballer",
         aliases=("Marta Vieira da Silva",))
    assert kinds(linker, "Marta", "PER") == {"KB28": "base"}
    # a story about Marta Lindqvist calls her "Marta": not the footballer
    assert linker.candidates(["Marta Lindqvist", "Marta"], "PER", frozenset()) == []
    # ... unless the full name is the footballer's
    found = linker.candidates(["Marta Vieira da Silva", "Marta"], "PER", frozenset())
    assert [c.entity.kb_id for c in found] == ["KB28"]
    found = linker.candidates(["Marta Vieira", "Marta"], "PER", frozenset())
    assert [c.entity.kb_id for c in found] == ["KB28"]  # within her full name


def test_linker_candidates_agree_with_the_places_around_the_mention(linker):
    _add(linker, "KB29", "Paris", "GPE", "capital of France")
    _add(linker, "KB30", "Georgia (country)", "GPE", "country in the Caucasus")
    _add(linker, "KB31", "Munich", "GPE", "capital of Bavaria")

    def found(name, frames):
        return [c.entity.kb_id for c in linker.candidates([name], "GPE", frozenset(),
                                                          frozenset(), frames)]

    assert found("Paris", ()) == ["KB29"]
    assert found("Paris", (("Texas", ""),)) == []  # a US state after it: not the French city
    assert found("Munich", (("Bavaria", ""),)) == ["KB31"]  # a state of its own country
    assert found("Georgia", (("", "Tbilisi"),)) == ["KB30"]
    assert found("Georgia", (("", "Atlanta"),)) == []  # after a US city: the state


def test_linker_demonym_finds_its_country(linker):
    assert kinds(linker, "Ecuadorian") == {"KB8": "demonym"}


def test_linker_fuzzy_match_needs_a_shared_word(linker):
    assert kinds(linker, "Jose Peres") == {"KB1": "fuzzy"}
    assert kinds(linker, "Joze Peres") == {}


@pytest.mark.parametrize("name", ["Quitoo", "Nobody Known", ""])
def test_linker_unknown_names_have_no_candidates(linker, name):
    assert kinds(linker, name) == {}


def test_linker_derived_aliases():
    assert derived_aliases("Mercury (planet)", None) == {"Mercury"}
    assert derived_aliases("International Association of Athletics Federations", "ORG") == {
        "IAAF"}
    assert derived_aliases("Jefferson Pérez", "PER") == set()
    assert derived_aliases("Phoenix, Arizona", "GPE") == {"Phoenix"}
    assert derived_aliases("Charles V, Holy Roman Emperor", "PER") == {"Charles V"}
    assert derived_aliases("Pliny the Elder", "PER") == {"Pliny"}
    assert "Kiev" in derived_aliases("Kyiv", "GPE", "Kyiv, also spelt Kiev, is the capital.")
    assert derived_aliases("Apple Inc.", "ORG") == {"Apple"}
    assert derived_aliases("Tesla, Inc.", None) == {"Tesla"}
    assert derived_aliases("Nintendo Co., Ltd.", "ORG") == {"Nintendo", "NCL"}


def test_linker_company_without_its_legal_form(linker):
    _add(linker, "KB30", "Apple Inc.", "ORG", "technology company making phones")
    assert kinds(linker, "Apple") == {"KB30": "exact"}  # the company's own name
    assert kinds(linker, "Apple Inc") == {"KB30": "variant"}


@pytest.mark.parametrize(("name", "expected"), [
    ("The Ecuador", {"KB8": "exact"}),    # a country: the article is no part of its name
    ("the Myanmar", {"KB14": "exact"}),
    ("The Hague", {"KB31": "exact"}),     # the KB names it with its article
    ("The Quito Times", {}),              # not a place: "Quito Times" is not looked up
])
def test_linker_leading_article_of_a_place(linker, name, expected):
    _add(linker, "KB31", "The Hague", "GPE", "seat of government of the Netherlands")
    _add(linker, "KB32", "Quito Times", "ORG", "newspaper")
    assert kinds(linker, name) == expected


# -- ranking and the NIL decision ----------------------------------------------------------


def test_linker_links_full_name_to_kb_entry(linker):
    link = linker.link(entity("José Pérez", "Pérez"), frozenset())
    assert link.kb_id == "KB1" and link.score > 0.5
    assert link.candidates[0][0] == "KB1"


def test_linker_lone_surname_without_context_is_nil(linker):
    assert linker.link(entity("Vega"), frozenset()).kb_id is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Vega swam the freestyle final and won more swimming medals.", "KB2"),
    ("Vega rode the mountain stages of the cycling tour.", "KB3"),
])
def test_linker_context_decides_between_people_sharing_a_surname(linker, text, expected):
    assert linker.link(entity("Vega"), context_terms(text)).kb_id == expected


def test_linker_context_decides_between_homonyms(linker):
    text = "Mercury is the smallest planet and the closest to the Sun; its orbit is short."
    assert linker.link(entity("Mercury", kind="LOC"), context_terms(text)).kb_id == "KB5"


def test_linker_type_mismatch_makes_nil(linker):
    assert linker.link(entity("Quito", kind="PER"), frozenset()).kb_id is None
    assert linker.link(entity("Quito", kind="GPE"), frozenset()).kb_id == "KB4"


def test_linker_entity_with_no_candidate_is_nil_with_full_confidence(linker):
    link = linker.link(entity("Nobody Known"), frozenset())
    assert (link.kb_id, link.score, link.candidates) == (None, 1.0, ())


def test_linker_untyped_entry_of_a_named_mention_is_marked(linker):
    _add(linker, "KB30", "Apple Inc.", "ORG", "technology company making phones")
    _add(linker, "KB33", "Apple", None, "edible fruit of the apple tree")
    marked = {c.entity.kb_id: c.features["untyped_entity"]
              for c in linker.candidates(["Apple"], "ORG", frozenset())}
    assert marked == {"KB30": 0.0, "KB33": 1.0}
    unnamed = linker.candidates(["apple"], None, frozenset())
    assert all(c.features["untyped_entity"] == 0.0 for c in unnamed)


def test_linker_short_form_of_a_name_adds_no_common_noun(linker):
    _add(linker, "KB37", "Marsh", None, "a wetland of grasses and reeds")
    linker.kb.store.set_entity_context(
        linker.kb.store.kb_entities_by_alias("marsh")[0].id,
        " ".join([*context_terms("a wetland of grasses and reeds"), COMMON_CUE]))
    found = {c.entity.kb_id for c in linker.candidates(["Helen Marsh", "Marsh"], "PER",
                                                       frozenset())}
    assert "KB37" not in found
    # the word alone still names the entry
    assert "KB37" in {c.entity.kb_id for c in linker.candidates(["marsh"], None, frozenset())}
    # nor an entry of another type: "Montenegro" beside "Luis Montenegro"
    _add(linker, "KB38", "Montenegro", "GPE", "country in the Balkans")
    assert "KB38" not in {c.entity.kb_id for c in linker.candidates(
        ["Luis Montenegro", "Montenegro"], "PER", frozenset())}
    assert "KB38" in {c.entity.kb_id for c in linker.candidates(
        ["Luis Montenegro", "Montenegro"], None, frozenset())}


def test_linker_place_in_a_dateline_is_no_team(linker):
    report = context_terms("The team beat the league leaders in the cup match; the coach "
                           "praised the squad.")
    plain = {PREP_CUE, "team", "match"}
    filed = {*plain, DATELINE_CUE}
    for cues, team in ((plain, 1.0), (filed, 0.0)):
        england = next(c for c in linker.candidates(["England"], "GPE", report,
                                                    frozenset(cues))
                       if c.entity.kb_id == "KB10")
        assert (england.features["sport_x_place"], england.features["sport_doc_x_place"],
                england.features["prep_x_place"]) == (team, team, 1.0)


def test_linker_disambiguator_words_in_the_story_are_marked(linker):
    _add(linker, "KB35", "Amazon (company)", "ORG", "online retailer founded by Jeff Bezos")
    _add(linker, "KB36", "Amazon (mythology)", None, "a tribe of warrior women in myth")
    story = context_terms("The company said its delivery fleet would switch to electric vans.")
    marked = {c.entity.kb_id: c.features["qualifier"]
              for c in linker.candidates(["Amazon"], "ORG", story)}
    assert marked == {"KB35": 1.0, "KB36": 0.0}
    # the words of the name itself are no evidence ("Mercury" names both senses)
    assert all(c.features["qualifier"] == 0.0
               for c in linker.candidates(["Mercury"], None, context_terms("Mercury")))
    assert all(c.features["qualifier"] == 0.0
               for c in linker.candidates(["Amazon"], "ORG", context_terms("the river")))
    mythical = context_terms("In Greek mythology the Amazons fought Heracles.")
    assert [c.entity.kb_id for c in linker.candidates(["Amazon"], None, mythical)
            if c.features["qualifier"]] == ["KB36"]


def test_linker_common_noun_entry_of_a_named_mention_is_marked(linker):
    _add(linker, "KB33", "Apple", None, "edible fruit of the apple tree")
    _add(linker, "KB34", "Amazon River", None, "river in South America")
    store = linker.kb.store
    fruit = store.kb_entities_by_alias("apple")[0]
    store.set_entity_context(fruit.id, f"{store.entity_context(fruit.id)} {COMMON_CUE}")
    marked = {c.entity.kb_id: c.features["common_x_named"]
              for name in ("Apple", "Amazon River")
              for c in linker.candidates([name], "ORG", frozenset())}
    assert marked == {"KB33": 1.0, "KB34": 0.0}
    # the marker is no context word
    assert COMMON_CUE not in linker.kb.context(fruit.id)
    assert all(c.features["common_x_named"] == 0.0
               for c in linker.candidates(["apple"], None, frozenset()))


def test_linker_threshold_sets_the_nil_decision(store, linker):
    strict = Linker(KBLookup(store), WEIGHTS | {"nil_threshold": 0.999})
    assert linker.link(entity("José Pérez"), frozenset()).kb_id == "KB1"
    assert strict.link(entity("José Pérez"), frozenset()).kb_id is None


def test_linker_probability_is_monotone_in_context(linker):
    weak = linker.candidates(["Vega"], "PER", frozenset())
    strong = linker.candidates(["Vega"], "PER", context_terms(SWIMMER))
    assert max(c.probability for c in strong) > max(c.probability for c in weak)


def test_linker_shipped_weights_cover_every_feature():
    w = default_weights()
    assert set(FEATURES) <= set(w) and 0 < w["nil_threshold"] < 1


def test_linker_context_terms_are_folded_content_words():
    terms = context_terms("The swimmers swam; the SWIMMING of Pérez was 12 times better.")
    assert {"swimmers", "swam", "swimming", "perez"} <= terms
    assert not {"the", "12"} & terms


def test_linker_seed_person_among_namesakes(linker, store):
    """'Jefferson Perez' links to his entry although the KB holds other Pérezes and
    Jeffersons."""
    for kb_id, title in (("P1", "Jefferson Pérez"), ("P2", "Carlos Pérez"),
                         ("P3", "Thomas Jefferson"), ("P4", "Jefferson Davis")):
        sid = store.ensure_kb_entity(kb_id, title, "PER")
        store.set_entity_context(sid, " ".join(context_terms(title)))
    doc = context_terms("Jefferson Perez won the silver medal in the race walk.")
    assert linker.link(entity("Jefferson Perez", "Perez", "Jefferson"), doc).kb_id == "P1"


# -- NIL clustering ------------------------------------------------------------------------


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


POLITICIAN = context_terms(
    "John Smith, the senator, voted against the budget bill in parliament and told "
    "reporters that the government coalition would collapse before the election.")
POLITICIAN_2 = context_terms(
    "Senator John Smith said the coalition government must call an election after "
    "parliament rejected the budget bill; reporters asked about the vote.")
FOOTBALLER = context_terms(
    "John Smith scored twice for the club in the derby, and the striker's goals lifted "
    "the team to second place in the league table after the match on Saturday.")


def test_linker_nil_same_name_different_context_are_two_entities(store):
    first = nil_entity(store, entity("John Smith", doc="a"), POLITICIAN)
    assert nil_entity(store, entity("John Smith", doc="b"), POLITICIAN_2) == first
    assert nil_entity(store, entity("John Smith", doc="c"), FOOTBALLER) != first


def test_linker_nil_short_contexts_trust_the_name(store):
    first = nil_entity(store, entity("John Smith", doc="a"), frozenset({"senator"}))
    assert nil_entity(store, entity("John Smith", doc="b"), frozenset({"striker"})) == first


def test_linker_nil_cluster_of_untyped_names(store):
    """A name with no entity type (a span no recogniser typed) is clustered by name
    and context like any other, and may join an entity of a known type."""
    first = nil_cluster(store, ["John Smith"], None, POLITICIAN)
    assert store.get_entity(first).type is None
    assert nil_cluster(store, ["JOHN SMITH"], None, POLITICIAN_2) == first
    assert nil_cluster(store, ["John Smith"], None, FOOTBALLER) != first
    assert nil_entity(store, entity("John Smith", doc="d"), POLITICIAN) == first


def test_linker_nil_context_keeps_the_rarest_words_when_full(store):
    common = [f"zz{i:04d}" for i in range(NIL_CONTEXT_TERMS)]  # unlisted: rarest
    first = nil_cluster(store, ["Ada Brown"], "PER", frozenset(common))
    nil_cluster(store, ["Ada Brown"], "PER", frozenset({*common[:20], "the", "said", "year"}))
    kept = set(store.entity_context(first).split())
    assert kept == set(common)


def test_linker_coherence_picks_the_candidate_related_to_the_rest_of_the_document(linker):
    """"Mercury" alone is a toss-up between the planet and the element; beside a name
    whose KB text mentions the Sun, the planet wins."""
    linker.weights["coherence"] = 3.0
    sun = ("KB99", "Sun", None, (), "star at the centre of the solar system planet orbit")
    store = linker.kb.store
    sid = store.ensure_kb_entity(sun[0], sun[1], sun[2], ())
    store.set_entity_context(sid, " ".join(context_terms(sun[1] + " " + sun[4])))
    alone = linker.candidates(["Mercury"], None, frozenset())
    assert alone[0].probability == alone[1].probability
    queries = [Linker.query(entity("Mercury", kind="LOC", n=1), frozenset()),
               Linker.query(entity("Sun", kind="LOC", n=2), frozenset())]
    mercury, sun_cands = linker.rank_document(queries)
    assert mercury[0].entity.kb_id == "KB5"
    assert mercury[0].features["coherence"] > 0
    assert mercury[0].probability > mercury[1].probability
    links = linker.link_document(queries)
    assert [link.kb_id for link in links] == ["KB5", "KB99"]


def test_linker_coherence_ignores_other_mentions_of_the_same_name(linker):
    linker.weights["coherence"] = 3.0
    queries = [Linker.query(entity("Quito", kind="GPE", n=1), frozenset()),
               Linker.query(entity("Quito", kind="GPE", n=2), frozenset())]
    for cands in linker.rank_document(queries):
        assert cands[0].features["coherence"] == 0.0


def test_linker_coherence_gives_no_tie_from_a_common_word(linker):
    """Google's lead says "subsidiary of Alphabet": no tie between a company named
    Alphabet and the writing system, whose lead writes "an alphabet"."""
    linker.weights["coherence"] = 3.0
    store = linker.kb.store
    for kb_id, title, type_, context in (
            ("KB40", "Google", "ORG", "search company subsidiary of alphabet"),
            ("KB41", "Alphabet", None, f"writing system of letters {COMMON_CUE}")):
        sid = store.ensure_kb_entity(kb_id, title, type_, ())
        store.set_entity_context(sid, " ".join(context_terms(title)) + " " + context)
    queries = [Linker.query(entity("Google", kind="ORG", n=1), frozenset()),
               Linker.query(entity("Alphabet", kind="ORG", n=2), frozenset())]
    _, alphabet = linker.rank_document(queries)
    assert alphabet[0].features["common_x_named"] == 1.0
    assert alphabet[0].features["coherence"] == 0.0
    # a lower-case mention of the common noun keeps its tie
    queries[1] = Query("q2", ("alphabet",), None, frozenset())
    assert linker.rank_document(queries)[1][0].features["coherence"] > 0


def test_linker_confidence_reads_the_calibration_table(store):
    weights = {**WEIGHTS, "calibration": [[0.0, 0.0], [0.2, 0.4], [0.6, 0.8], [1.0, 1.0]]}
    linker = Linker(KBLookup(store), weights)
    assert linker.confidence(0.2) == pytest.approx(0.4)
    assert linker.confidence(0.4) == pytest.approx(0.6)  # halfway between 0.2 and 0.6
    assert linker.confidence(1.0) == 1.0
    assert Linker(KBLookup(store), WEIGHTS).confidence(0.37) == 0.37  # no table
