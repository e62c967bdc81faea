"""Within-document coreference on short texts.

The name mentions are given (built from the text), so the tests check the clustering
rules and the pronoun and nominal rules on the model's parse, not the NER model.
"""

from __future__ import annotations

import re

import pytest

from kbp.coref.resolve import resolve
from kbp.nlp.annotate import Analysis
from kbp.nlp.model import load_nlp
from kbp.types import Document, Mention


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def analysis(nlp, text: str, names=()) -> Analysis:
    """An Analysis whose mentions are every whole-word occurrence of each ``(name, type)``
    (longer names first, so "Luis Vega" wins over "Vega" on the same characters)."""
    mentions: list[Mention] = []
    for name, kind in sorted(names, key=lambda n: -len(n[0])):
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            if any(x.start < m.end() and m.start() < x.end for x in mentions):
                continue
            mentions.append(Mention("doc1", m.start(), m.end(), name, kind))
    mentions.sort(key=lambda m: m.start)
    return Analysis(Document("doc1", text), nlp(text), mentions)


def clusters(resolution) -> list[tuple[str, str, list[str]]]:
    return [(e.name, e.type, [m.text for m in e.mentions]) for e in resolution.entities]


def entity_with(resolution, text: str):
    found = [e for e in resolution.entities if any(m.text == text for m in e.mentions)]
    assert len(found) == 1, f"{text!r} is in {len(found)} entities"
    return found[0]


# -- name variants ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # accent-folded surname after the full name
        ("José Pérez won the race. Later Perez thanked the crowd.",
         [("José Pérez", "PER"), ("Perez", "PER")]),
        # lone surname before the full name
        ("Perez thanked the crowd after José Pérez won.",
         [("José Pérez", "PER"), ("Perez", "PER")]),
        # lone given name
        ("José Pérez won the race. José waved to the crowd.",
         [("José Pérez", "PER"), ("José", "PER")]),
        # middle name of a three-part name
        ("José Luis Pérez won the race. Luis waved to the crowd.",
         [("José Luis Pérez", "PER"), ("Luis", "PER")]),
    ],
)
def test_resolve_clusters_name_variants_of_one_person(nlp, text, names):
    r = resolve(analysis(nlp, text, names))
    people = [e for e in r.entities if e.type == "PER"]
    assert len(people) == 1
    full = names[0][0]
    assert people[0].name == full
    assert sorted(m.text for m in people[0].mentions) == sorted(n for n, _ in names)


def test_resolve_names_an_entity_in_mixed_case_over_a_datelines_capitals(nlp):
    text = "NEW YORK (AP) - Shares rose in New York on Tuesday."
    r = resolve(analysis(nlp, text, [("NEW YORK", "GPE"), ("New York", "GPE")]))
    assert entity_with(r, "NEW YORK").name == "New York"


def test_resolve_keeps_different_people_apart(nlp):
    r = resolve(analysis(nlp, "Ana Soto met Luis Vega in Lima.",
                         [("Ana Soto", "PER"), ("Luis Vega", "PER"), ("Lima", "GPE")]))
    assert sorted(clusters(r)) == [
        ("Ana Soto", "PER", ["Ana Soto"]),
        ("Lima", "GPE", ["Lima"]),
        ("Luis Vega", "PER", ["Luis Vega"]),
    ]


def _surname_owner(r, start: int) -> str:
    return next(e.name for e in r.entities if any(m.start == start for m in e.mentions))


def test_resolve_lone_surname_goes_to_a_full_name_before_it(nlp):
    text = ("Kwame Kilpatrick was convicted. Kilpatrick, 42, led the city. "
            "His mother, Carolyn Kilpatrick, served in Congress.")
    r = resolve(analysis(nlp, text, [("Kwame Kilpatrick", "PER"),
                                     ("Carolyn Kilpatrick", "PER"), ("Kilpatrick", "PER")]))
    assert _surname_owner(r, text.index("Kilpatrick, 42")) == "Kwame Kilpatrick"


def test_resolve_lone_surname_in_a_headline_goes_to_the_first_full_name(nlp):
    text = ("Morrison Dies\n\nToni Morrison died on Monday. Morrison taught for years. "
            "Morrison was married to Harold Morrison.")
    names = [("Toni Morrison", "PER"), ("Harold Morrison", "PER"), ("Morrison", "PER")]
    a = analysis(nlp, text, names)
    a = Analysis(Document("doc1", text, headlines=((0, 13),)), a.doc, a.mentions)
    r = resolve(a)
    for at in (0, text.index("Morrison taught"), text.index("Morrison was")):
        assert _surname_owner(r, at) == "Toni Morrison"


@pytest.mark.parametrize(("text", "person", "birth_name"), [
    ("Adam Ant (born Stuart Goddard; 1954) is a singer.", "Adam Ant", "Stuart Goddard"),
    ("Laura Ashley was born in Wales as Laura Mountney.", "Laura Ashley", "Laura Mountney"),
    ("Greg Kelly was born in Lima. Born Carl Smith in Lima, Maria Lopez moved to Paris.",
     "Maria Lopez", "Carl Smith"),
])
def test_resolve_birth_name_joins_the_person_born(nlp, text, person, birth_name):
    r = resolve(analysis(nlp, text, [(person, "PER"), (birth_name, "PER"),
                                     ("Greg Kelly", "PER")]))
    entity = entity_with(r, person)
    assert entity.name == person  # the name the person goes by
    assert birth_name in [m.text for m in entity.mentions]


def test_resolve_birth_name_of_someone_else_stays_apart(nlp):
    text = "Born in Vienna as Otto Rosenfeld, he was a colleague of Sigmund Freud."
    r = resolve(analysis(nlp, text, [("Otto Rosenfeld", "PER"), ("Sigmund Freud", "PER")]))
    assert "Otto Rosenfeld" not in [m.text for m in entity_with(r, "Sigmund Freud").mentions]


def test_resolve_does_not_merge_a_person_with_a_place_of_the_same_name(nlp):
    text = "Michael Jordan toured Jordan with friends. Jordan loved the desert."
    r = resolve(analysis(nlp, text, [("Michael Jordan", "PER"), ("Jordan", "GPE")]))
    person = entity_with(r, "Michael Jordan")
    place = next(e for e in r.entities if e.type == "GPE")
    assert person is not place
    assert [m.text for m in place.mentions] == ["Jordan", "Jordan"]
    assert all(m.text == "Michael Jordan" or m.source == "pronoun" for m in person.mentions)


def test_resolve_non_person_names_cluster_only_on_exact_name(nlp):
    text = "Quito hosted the race. Lima did not. Quito was cold."
    r = resolve(analysis(nlp, text, [("Quito", "GPE"), ("Lima", "GPE")]))
    assert sorted(clusters(r)) == [("Lima", "GPE", ["Lima"]),
                                   ("Quito", "GPE", ["Quito", "Quito"])]


@pytest.mark.parametrize(("text", "names", "merged"), [
    ("Activision Blizzard agreed. Activision, based in Santa Monica, makes games.",
     [("Activision Blizzard", "ORG"), ("Activision", "ORG")], True),
    ("The International Association of Athletics Federations met. The IAAF voted.",
     [("International Association of Athletics Federations", "ORG"), ("IAAF", "ORG")], True),
    # a common first word does not stand for the name it opens
    ("General Motors reported. General said nothing.",
     [("General Motors", "ORG"), ("General", "ORG")], False),
    # before generic words or a legal form only, the first word names the company
    ("Nissan Motor Co. sued him. Nissan is based in Yokohama.",
     [("Nissan Motor Co.", "ORG"), ("Nissan", "ORG")], True),
    ("Apple Inc. reported. Apple rose.", [("Apple Inc.", "ORG"), ("Apple", "ORG")], True),
    ("Spotify Technology SA cut jobs. Spotify is listed in New York.",
     [("Spotify Technology SA", "ORG"), ("Spotify", "ORG")], True),
])
def test_resolve_organisation_short_names(nlp, text, names, merged):
    r = resolve(analysis(nlp, text, names))
    assert (len(r.entities) == 1) is merged


def test_resolve_entity_ids_and_token_lookup(nlp):
    text = "Luis Vega won the race in Quito."
    a = analysis(nlp, text, [("Luis Vega", "PER"), ("Quito", "GPE")])
    r = resolve(a)
    assert [e.id for e in r.entities] == ["doc1#1", "doc1#2"]
    assert all(e.doc_id == "doc1" for e in r.entities)
    vega = entity_with(r, "Luis Vega")
    quito = entity_with(r, "Quito")
    tokens = {t.text: t.i for t in a.doc}
    assert r.entity_at(tokens["Luis"]) is vega
    assert r.entity_at(tokens["Vega"]) is vega
    assert r.entity_at(tokens["Quito"]) is quito
    assert r.entity_at(tokens["race"]) is None
    assert r.topic is None


# -- topic ----------------------------------------------------------------------------------


def test_resolve_topic_names_seed_the_kb_entity(nlp):
    text = "Quispe trained in Quito. She won twice."
    a = analysis(nlp, text, [("Quispe", "PER"), ("Quito", "GPE")])
    r = resolve(a, topic_names=("Marta Quispe", "Marta Q. Vargas"))
    assert r.topic is not None
    assert r.topic.name == "Marta Quispe"
    assert [(m.text, m.source) for m in r.topic.mentions] == [("Quispe", "ner"),
                                                              ("She", "pronoun")]
    assert r.topic.names == ("Quispe",)


def test_resolve_topic_without_name_mentions_still_takes_pronouns(nlp):
    r = resolve(analysis(nlp, "She trained for years in Quito.", [("Quito", "GPE")]),
                topic_names=("Marta Quispe",))
    assert r.topic is not None
    assert [(m.text, m.source) for m in r.topic.mentions] == [("She", "pronoun")]


def test_resolve_unused_topic_is_not_an_entity(nlp):
    r = resolve(analysis(nlp, "Quito hosted the race.", [("Quito", "GPE")]),
                topic_names=("Marta Quispe",))
    assert r.topic is None
    assert clusters(r) == [("Quito", "GPE", ["Quito"])]


# -- pronouns and nominals -------------------------------------------------------------------


def test_resolve_pronouns_go_to_the_subject_person(nlp):
    text = "Luis Vega beat Ana Soto in Lima. He celebrated with his fans."
    r = resolve(analysis(nlp, text, [("Luis Vega", "PER"), ("Ana Soto", "PER"),
                                     ("Lima", "GPE")]))
    vega = entity_with(r, "Luis Vega")
    assert [(m.text, m.source) for m in vega.mentions] == [
        ("Luis Vega", "ner"), ("He", "pronoun"), ("his", "pronoun")]
    assert [m.text for m in entity_with(r, "Ana Soto").mentions] == ["Ana Soto"]
    assert vega.names == ("Luis Vega",)


def test_resolve_possessive_in_a_conjunct_goes_to_the_person_beside_it(nlp):
    text = ("Albert Bourla ran Pfizer. The firm worked with a company founded by "
            "Ugur Sahin and his wife, Ozlem Tureci.")
    r = resolve(analysis(nlp, text, [("Albert Bourla", "PER"), ("Ugur Sahin", "PER"),
                                     ("Ozlem Tureci", "PER"), ("Pfizer", "ORG")]))
    assert "his" in [m.text for m in entity_with(r, "Ugur Sahin").mentions]
    assert "his" not in [m.text for m in entity_with(r, "Albert Bourla").mentions]


def test_resolve_cataphoric_pronoun_goes_to_the_later_subject(nlp):
    text = "Far from his worst finish, Vega is grateful."
    r = resolve(analysis(nlp, text, [("Vega", "PER")]))
    vega = entity_with(r, "Vega")
    assert [(m.text, m.source) for m in vega.mentions] == [("his", "pronoun"), ("Vega", "ner")]


def test_resolve_pronoun_without_any_person_is_left_out(nlp):
    r = resolve(analysis(nlp, "The bridge opened in Lima. She was pleased.", [("Lima", "GPE")]))
    assert clusters(r) == [("Lima", "GPE", ["Lima"])]


@pytest.mark.parametrize(
    ("sentence", "nominal"),
    [
        ("The veteran race walker thanked the crowd.", "The veteran race walker"),
        ("The Peruvian thanked the crowd.", "The Peruvian"),
        ("The veteran striker thanked the crowd.", "The veteran striker"),
        ("The goalkeeper thanked the crowd.", "The goalkeeper"),
        ("The 23-year-old Italian thanked the crowd.", "The 23-year-old Italian"),
    ],
)
def test_resolve_role_nominal_refers_to_the_salient_person(nlp, sentence, nominal):
    text = f"Luis Vega won easily. {sentence}"
    r = resolve(analysis(nlp, text, [("Luis Vega", "PER")]))
    vega = entity_with(r, "Luis Vega")
    assert [(m.text, m.source) for m in vega.mentions] == [("Luis Vega", "ner"),
                                                           (nominal, "nominal")]
    assert vega.name == "Luis Vega"


def test_resolve_age_used_as_a_noun_refers_to_the_salient_person(nlp):
    text = "Luis Vega won easily. The 29-year-old, who trains in Quito, thanked the crowd."
    r = resolve(analysis(nlp, text, [("Luis Vega", "PER")]))
    assert ("The 29-year-old", "nominal") in [(m.text, m.source)
                                             for m in entity_with(r, "Luis Vega").mentions]


@pytest.mark.parametrize(("text", "names", "owner"), [
    # across a semicolon the one man named before is the pronoun's, not the last subject
    ("Jorge Ramos spoke first. Ana Vega married Luis Vega in 1959; he died in 2011.",
     [("Jorge Ramos", "PER"), ("Ana Vega", "PER"), ("Luis Vega", "PER")], "Luis Vega"),
    # a sentence opening with a description keeps its pronoun for its subject
    ("Jorge Ramos spoke first. Born in Quito, the eldest son of Luis Vega, he joined the army.",
     [("Jorge Ramos", "PER"), ("Luis Vega", "PER"), ("Quito", "GPE")], "Jorge Ramos"),
])
def test_resolve_pronoun_after_a_semicolon(nlp, text, names, owner):
    r = resolve(analysis(nlp, text, names))
    he = [e.name for e in r.entities if any(m.text == "he" for m in e.mentions)]
    assert he == [owner]


@pytest.mark.parametrize(("sentence", "name", "label", "nominal"), [
    ("The 30-year-old Olympic champion ran alone.", "Olympic", "FAC",
     "The 30-year-old Olympic champion"),
    ("The Real Madrid player thanked the crowd.", "Real Madrid", "ORG",
     "The Real Madrid player"),
])
def test_resolve_role_nominal_holding_another_kind_of_name(nlp, sentence, name, label,
                                                           nominal):
    text = f"Luis Vega won easily. {sentence}"
    r = resolve(analysis(nlp, text, [("Luis Vega", "PER"), (name, label)]))
    assert (nominal, "nominal") in [(m.text, m.source)
                                    for m in entity_with(r, "Luis Vega").mentions]


def test_resolve_nominal_that_is_not_a_person_noun_is_left_out(nlp):
    text = "Luis Vega won easily. The weather stayed cold."
    r = resolve(analysis(nlp, text, [("Luis Vega", "PER")]))
    assert [m.text for m in entity_with(r, "Luis Vega").mentions] == ["Luis Vega"]
