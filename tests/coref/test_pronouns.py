"""Pronouns, relative pronouns and organisation references on short parsed texts.

As in ``test_resolve``, the name mentions are given, so these tests check the rules
on the model's parse, not the NER model.
"""

from __future__ import annotations

import pytest

from kbp.coref.resolve import resolve
from tests.coref.test_resolve import analysis, entity_with


@pytest.fixture(scope="module")
def nlp():
    from kbp.nlp.model import load_nlp

    return load_nlp()


def texts(entity) -> list[str]:
    return [m.text for m in entity.mentions]


# -- gender ---------------------------------------------------------------------------------


def test_pronoun_she_skips_the_male_subject_for_the_woman(nlp):
    text = "John Brown met Mary Smith in Lima. She was born in Quito."
    r = resolve(analysis(nlp, text, [("John Brown", "PER"), ("Mary Smith", "PER"),
                                     ("Lima", "GPE"), ("Quito", "GPE")]))
    assert texts(entity_with(r, "Mary Smith")) == ["Mary Smith", "She"]
    assert texts(entity_with(r, "John Brown")) == ["John Brown"]


def test_pronoun_he_goes_to_the_man_after_she_went_to_the_woman(nlp):
    text = "Mary Smith met John Brown in Lima. She smiled. He was born in Quito."
    r = resolve(analysis(nlp, text, [("John Brown", "PER"), ("Mary Smith", "PER"),
                                     ("Lima", "GPE"), ("Quito", "GPE")]))
    assert texts(entity_with(r, "Mary Smith")) == ["Mary Smith", "She"]
    assert texts(entity_with(r, "John Brown")) == ["John Brown", "He"]


@pytest.mark.parametrize(
    ("text", "woman", "man"),
    [
        # a title before the name
        ("Mrs Soto met Vega in Lima. She was born in Quito.", "Mrs Soto", "Vega"),
        # a gendered noun in apposition
        ("Mr Vega met Soto, an actress, in Lima. She was born in Quito.", "Soto", "Mr Vega"),
        # "his wife <name>"
        ("Vega and his wife Soto lived in Lima. She was born in Quito.", "Soto", "Vega"),
    ],
)
def test_pronoun_gender_learned_from_titles_and_nouns(nlp, text, woman, man):
    r = resolve(analysis(nlp, text, [(woman, "PER"), (man, "PER"), ("Lima", "GPE"),
                                     ("Quito", "GPE")]))
    assert "She" in texts(entity_with(r, woman))
    assert "She" not in texts(entity_with(r, man))


def test_pronoun_gender_learned_from_the_pronoun_after_the_name(nlp):
    # Vega is a woman: "her" follows her name before anyone else is named
    text = ("Vega won her race in Lima. Later Vega met Soto in Quito. "
            "He was born in Cusco.")
    r = resolve(analysis(nlp, text, [("Vega", "PER"), ("Soto", "PER"), ("Lima", "GPE"),
                                     ("Quito", "GPE"), ("Cusco", "GPE")]))
    assert "He" in texts(entity_with(r, "Soto"))
    assert texts(entity_with(r, "Vega")) == ["Vega", "her", "Vega"]


def test_object_pronoun_is_not_its_own_subject(nlp):
    text = "Luis Vega met Ana Soto. Vega thanked him."
    r = resolve(analysis(nlp, text, [("Luis Vega", "PER"), ("Ana Soto", "PER"),
                                     ("Vega", "PER")]))
    assert "him" not in texts(entity_with(r, "Luis Vega"))


# -- unnamed subjects -----------------------------------------------------------------------


def test_pronoun_without_a_name_makes_its_own_entity_only_when_asked(nlp):
    text = "He was born in Lima. His wife was born in Quito."
    a = analysis(nlp, text, [("Lima", "GPE"), ("Quito", "GPE")])
    assert [e.type for e in resolve(a).entities] == ["GPE", "GPE"]
    r = resolve(a, unnamed=True)
    he = entity_with(r, "He")
    assert (he.type, texts(he), he.names) == ("PER", ["He", "His"], ())


def test_unnamed_entities_keep_genders_apart(nlp):
    text = "She met him in Lima. He was born in Quito."
    r = resolve(analysis(nlp, text, [("Lima", "GPE"), ("Quito", "GPE")]), unnamed=True)
    assert texts(entity_with(r, "She")) == ["She"]
    assert texts(entity_with(r, "him")) == ["him", "He"]


def test_first_person_goes_to_the_speaker_who_names_themselves(nlp):
    text = "My name is Ana Soto. I was born in Lima."
    r = resolve(analysis(nlp, text, [("Ana Soto", "PER"), ("Lima", "GPE")]))
    assert texts(entity_with(r, "Ana Soto")) == ["My", "Ana Soto", "I"]


def test_first_person_inside_a_quote_is_left_out(nlp):
    text = 'Ana Soto won in Lima. "I was born in Quito," said Luis Vega.'
    r = resolve(analysis(nlp, text, [("Ana Soto", "PER"), ("Lima", "GPE"),
                                     ("Quito", "GPE"), ("Luis Vega", "PER")]), unnamed=True)
    assert not any(m.text == "I" for e in r.entities for m in e.mentions)


# -- relative pronouns ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Luis Vega, who was born in Lima, won the race.",
        "Luis Vega is a Peruvian walker who was born in Lima.",
    ],
)
def test_relative_who_goes_to_the_person_of_its_clause(nlp, text):
    r = resolve(analysis(nlp, text, [("Luis Vega", "PER"), ("Lima", "GPE")]))
    assert texts(entity_with(r, "Luis Vega")) == ["Luis Vega", "who"]


def test_relative_which_goes_to_the_organisation_not_a_person(nlp):
    text = "Acme Corp, which was founded by Luis Vega, is based in Lima."
    r = resolve(analysis(nlp, text, [("Acme Corp", "ORG"), ("Luis Vega", "PER"),
                                     ("Lima", "GPE")]))
    assert texts(entity_with(r, "Acme Corp")) == ["Acme Corp", "which"]
    assert texts(entity_with(r, "Luis Vega")) == ["Luis Vega"]


# -- organisations --------------------------------------------------------------------------


def test_it_goes_to_the_organisation(nlp):
    text = "Acme Corp makes tools. It is based in Ohio."
    r = resolve(analysis(nlp, text, [("Acme Corp", "ORG"), ("Ohio", "GPE")]))
    acme = entity_with(r, "Acme Corp")
    assert [(m.text, m.type, m.source) for m in acme.mentions] == [
        ("Acme Corp", "ORG", "ner"), ("It", "ORG", "pronoun")]


def test_he_never_goes_to_an_organisation(nlp):
    text = "Acme Corp makes tools. He is based in Ohio."
    r = resolve(analysis(nlp, text, [("Acme Corp", "ORG"), ("Ohio", "GPE")]))
    assert texts(entity_with(r, "Acme Corp")) == ["Acme Corp"]
    assert not any(m.text == "He" for e in r.entities for m in e.mentions)


def test_it_after_a_newer_place_subject_is_left_out(nlp):
    text = "Acme Corp makes tools. Ohio is large. It is cold."
    r = resolve(analysis(nlp, text, [("Acme Corp", "ORG"), ("Ohio", "GPE")]))
    assert texts(entity_with(r, "Acme Corp")) == ["Acme Corp"]


def test_empty_it_refers_to_nothing(nlp):
    text = "Acme Corp makes tools. It is said that the tools are good."
    r = resolve(analysis(nlp, text, [("Acme Corp", "ORG")]), unnamed=True)
    assert [texts(e) for e in r.entities] == [["Acme Corp"]]


def test_the_company_goes_to_the_organisation_and_the_university_does_not(nlp):
    text = ("Luis Vega studied at Lima University. He joined Acme Corp in 1990. "
            "The company is based in Ohio.")
    r = resolve(analysis(nlp, text, [("Luis Vega", "PER"), ("Lima University", "ORG"),
                                     ("Acme Corp", "ORG"), ("Ohio", "GPE")]))
    assert texts(entity_with(r, "Acme Corp")) == ["Acme Corp", "The company"]
    assert texts(entity_with(r, "Lima University")) == ["Lima University"]


def test_they_goes_to_a_band_named_like_a_group(nlp):
    text = "The Beatles were a band from Liverpool. They signed with EMI in 1962."
    r = resolve(analysis(nlp, text, [("The Beatles", "ORG"), ("Liverpool", "GPE"),
                                     ("EMI", "ORG")]))
    assert texts(entity_with(r, "The Beatles")) == ["The Beatles", "They"]


def test_they_does_not_go_to_a_company(nlp):
    text = "Acme Corp makes tools. They signed with EMI in 1962."
    r = resolve(analysis(nlp, text, [("Acme Corp", "ORG"), ("EMI", "ORG")]))
    assert texts(entity_with(r, "Acme Corp")) == ["Acme Corp"]
