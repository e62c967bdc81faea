"""Person-slot patterns, run through the real stages (parse, mentions, coreference).

Each sentence was chosen so that the small model tags its names as expected; the
assertions are on the facts, i.e. on what the patterns make of the parse.
"""

from __future__ import annotations

import pytest

from kbp.coref.resolve import resolve
from kbp.nlp.annotate import analyse
from kbp.nlp.model import load_nlp
from kbp.slots.extract import extract_facts
from kbp.types import Document


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


class Extracted:
    """Facts of one text, with subjects and objects given by entity name."""

    def __init__(self, nlp, text: str, topic: tuple[str, ...] = ()) -> None:
        self.text = text
        self.analysis = analyse([Document("doc1", text)], nlp)[0]
        self.resolution = resolve(self.analysis, topic_names=topic)
        # the hand-written extractors alone: the classifier has tests of its own
        self.facts = extract_facts(self.analysis, self.resolution, classifier=False)
        self.names = {e.id: e.name for e in self.resolution.entities}

    def triples(self) -> set[tuple[str, str, str]]:
        """Facts read from the text (inferences such as a city's country left out)."""
        return {(self.names[f.subject], f.slot, f.value) for f in self.facts
                if "inferred_from" not in f.qualifiers}

    def slot(self, slot: str) -> list:
        return [f for f in self.facts if f.slot == slot]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # birth date and place, city vs state vs country
        ("Maria Gonzalez was born on March 3, 1980 in Quito.",
         {("Maria Gonzalez", "per:date_of_birth", "1980-03-03"),
          ("Maria Gonzalez", "per:city_of_birth", "Quito")}),
        ("Maria Gonzalez was born on March 3, 1980 in Ecuador.",
         {("Maria Gonzalez", "per:date_of_birth", "1980-03-03"),
          ("Maria Gonzalez", "per:country_of_birth", "Ecuador")}),
        ("Maria Gonzalez was born on 3 March 1980 in Ontario.",
         {("Maria Gonzalez", "per:date_of_birth", "1980-03-03"),
          ("Maria Gonzalez", "per:stateorprovince_of_birth", "Ontario")}),
        ("Maria Gonzalez (born March 3, 1980 in Bogota) is a race walker.",
         {("Maria Gonzalez", "per:date_of_birth", "1980-03-03"),
          ("Maria Gonzalez", "per:city_of_birth", "Bogota"),
          ("Maria Gonzalez", "per:title", "race walker")}),
        # a neighbourhood's city is the city of birth
        ("Tomas Rivera was born in San Blas, one of the oldest neighborhoods in Cuenca.",
         {("Tomas Rivera", "per:city_of_birth", "Cuenca")}),
        ("Tomas Rivera was born in San Blas, a quiet district of Cuenca.",
         {("Tomas Rivera", "per:city_of_birth", "Cuenca")}),
        # the grammatical subject is born, not the nearest name
        ("Mary Todd, the wife of Abraham Lincoln, was born in Kentucky.",
         {("Mary Todd", "per:stateorprovince_of_birth", "Kentucky"),
          ("Mary Todd", "per:spouse", "Abraham Lincoln"),
          ("Abraham Lincoln", "per:spouse", "Mary Todd")}),
        # parents
        ("Maria Gonzalez was born in Quito to Pedro Gonzalez and Rosa Diaz.",
         {("Maria Gonzalez", "per:city_of_birth", "Quito"),
          ("Maria Gonzalez", "per:parents", "Pedro Gonzalez"),
          ("Maria Gonzalez", "per:parents", "Rosa Diaz")}),
        # age
        ("At 34 years of age, Maria Gonzalez is still racing.",
         {("Maria Gonzalez", "per:age", "34")}),
        ("Maria Gonzalez is 34 years old.", {("Maria Gonzalez", "per:age", "34")}),
        ("Pedro Gonzalez died on Tuesday. He was 74.", {("Pedro Gonzalez", "per:age", "74")}),
        ("Pedro Gonzalez died at the age of 74.", {("Pedro Gonzalez", "per:age", "74")}),
        # the age at another past event is no age now
        ("Pedro Gonzalez joined the club at the age of 13.", set()),
        ("Pedro Gonzalez retired from racing aged 35.", set()),
        ("In 2008 Pedro Gonzalez won silver at 34 years of age.",
         {("Pedro Gonzalez", "per:age", "34")}),
        # origin and title
        ("Maria Gonzalez is a Colombian race walker.",
         {("Maria Gonzalez", "per:origin", "Colombia"),
          ("Maria Gonzalez", "per:title", "race walker")}),
        ("David Mwangi is a Kenyan marathon runner.",
         {("David Mwangi", "per:origin", "Kenya"),
          ("David Mwangi", "per:title", "marathon runner")}),
        ("Kenyan coach David Mwangi praised the team.",
         {("David Mwangi", "per:origin", "Kenya"), ("David Mwangi", "per:title", "coach")}),
        ("Maria Gonzalez is a former swimmer.", {("Maria Gonzalez", "per:title", "swimmer")}),
        ("Maria Gonzalez, a Colombian engineer, spoke.",
         {("Maria Gonzalez", "per:origin", "Colombia"),
          ("Maria Gonzalez", "per:title", "engineer")}),
        ("Maria Gonzalez (Serbian Cyrillic: Марија) is a writer.",
         {("Maria Gonzalez", "per:title", "writer")}),  # a language, not her nationality
        ("The board named a new chairman, Carlos Ruiz, on Monday.",
         {("Carlos Ruiz", "per:title", "chairman")}),
        ("Carlos Ruiz, who will become chairman in April, spoke.",
         {("Carlos Ruiz", "per:title", "chairman")}),
        ("The board named Carlos Ruiz as its next chief executive.",
         {("Carlos Ruiz", "per:title", "chief executive")}),
        ("Carlos Ruiz will succeed Pedro Gonzalez as president.",
         {("Carlos Ruiz", "per:title", "president")}),
        ("Carlos Ruiz served as mayor of Quito.", {("Carlos Ruiz", "per:title", "mayor")}),
        # family
        ("Maria Gonzalez trains with her brother Pablo Gonzalez.",
         {("Maria Gonzalez", "per:siblings", "Pablo Gonzalez")}),
        ("Maria Gonzalez lives with her sister Carmen Gonzalez in Lima.",
         {("Maria Gonzalez", "per:siblings", "Carmen Gonzalez")}),
        ("Maria Gonzalez and her son Pablo Gonzalez live in Lima.",
         {("Maria Gonzalez", "per:children", "Pablo Gonzalez"),
          ("Maria Gonzalez", "per:cities_of_residence", "Lima"),
          ("Pablo Gonzalez", "per:cities_of_residence", "Lima")}),
        ("Maria Gonzalez is married. Her husband, Carlos Ruiz, lives in Lima.",
         {("Maria Gonzalez", "per:spouse", "Carlos Ruiz"),
          ("Carlos Ruiz", "per:cities_of_residence", "Lima")}),
        ("Maria Gonzalez is coached by Carlos Ruiz and Jorge Vega.",
         {("Maria Gonzalez", "per:coach", "Carlos Ruiz"),
          ("Maria Gonzalez", "per:coach", "Jorge Vega")}),
        ("Maria Gonzalez trains in Quito under former champion Carlos Ruiz.",
         {("Maria Gonzalez", "per:coach", "Carlos Ruiz")}),
        # the country a sports report gives an athlete
        ("Maria Gonzalez of Mexico won. Spain's Maria Perez took silver.",
         {("Maria Gonzalez", "per:origin", "Mexico"), ("Maria Perez", "per:origin", "Spain")}),
        ("Maria Gonzalez was sworn in as prime minister on Tuesday.",
         {("Maria Gonzalez", "per:title", "prime minister")}),
        # an obituary's survivors, through the list of relatives and their names
        ("Maria Gonzalez died on Sunday. She is survived by a daughter, Ana Ruiz, a "
         "sister, Rosa Vega, and five grandchildren.",
         {("Maria Gonzalez", "per:children", "Ana Ruiz"),
          ("Maria Gonzalez", "per:siblings", "Rosa Vega")}),
        # coaches
        ("Maria Gonzalez thanked her coach Carlos Ruiz.",
         {("Maria Gonzalez", "per:coach", "Carlos Ruiz"), ("Carlos Ruiz", "per:title", "coach")}),
        ("Maria Gonzalez said her coach, Carlos Ruiz, was strict.",
         {("Maria Gonzalez", "per:coach", "Carlos Ruiz"), ("Carlos Ruiz", "per:title", "coach")}),
        ("Maria Gonzalez is coached by Carlos Ruiz.",
         {("Maria Gonzalez", "per:coach", "Carlos Ruiz")}),
        ("Maria Gonzalez, who is trained by Carlos Ruiz, won.",
         {("Maria Gonzalez", "per:coach", "Carlos Ruiz")}),
        ("Carlos Ruiz coaches Maria Gonzalez.", {("Maria Gonzalez", "per:coach", "Carlos Ruiz")}),
        # schools
        ("Maria Gonzalez graduated from Stanford University in 2002.",
         {("Maria Gonzalez", "per:schools_attended", "Stanford University")}),
        ("Maria Gonzalez studied at the University of Lima.",
         {("Maria Gonzalez", "per:schools_attended", "University of Lima")}),
        ("Maria Gonzalez attended the elementary schools Lincoln Academy and Jefferson Academy.",
         {("Maria Gonzalez", "per:schools_attended", "Lincoln Academy"),
          ("Maria Gonzalez", "per:schools_attended", "Jefferson Academy")}),
        # height
        ("The 1.75-meter-tall Maria Gonzalez won easily.",
         {("Maria Gonzalez", "per:height", "1.75")}),
        ("Maria Gonzalez is a race walker. She is 1.65 m tall.",
         {("Maria Gonzalez", "per:title", "race walker"),
          ("Maria Gonzalez", "per:height", "1.65")}),
    ],
)
def test_patterns_extract_person_slots(nlp, text, expected):
    assert Extracted(nlp, text).triples() == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the year after the relative clause is the main verb's
    ("Maria Gonzalez, who was born in Quito, moved to Lima in 2019.", set()),
    ("Maria Gonzalez, who was born in Quito in 1990, moved to Lima in 2019.", {"1990"}),
    ("Born in Quito on May 2, 1990, Maria Gonzalez moved to Lima in 2019.", {"1990-05-02"}),
    # a verb joined to "born" has a year of its own
    ("Maria Gonzalez was born in Quito and moved to Lima in 2019.", set()),
])
def test_patterns_birth_date_stays_in_the_birth_clause(nlp, text, expected):
    assert {f.value for f in Extracted(nlp, text).slot("per:date_of_birth")} == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Adam Ant (born Stuart Leslie Goddard; 3 November 1954) is an English singer.",
     {("Adam Ant", "per:alternate_names", "Stuart Leslie Goddard")}),
    ("Laura Ashley was born on September 7, 1925 in Dolwais, Wales as Laura Mountney.",
     {("Laura Ashley", "per:alternate_names", "Laura Mountney")}),
    ("Maria Lopez was born in Lima.", set()),
])
def test_patterns_birth_name_is_an_alternate_name(nlp, text, expected):
    assert Extracted(nlp, text).triples() & {
        t for t in Extracted(nlp, text).triples() if t[1] == "per:alternate_names"} == expected


def test_patterns_born_with_a_birth_name_opening_the_sentence(nlp):
    """The parser reads "Born Chloe Ardelia Wofford" as a name, not a clause: the
    sentence's subject was born, and only in the words before it."""
    text = ("Toni Morrison wrote novels. Born Chloe Ardelia Wofford in Lorain, Ohio, in "
            "1931, Morrison studied English at Howard University in Washington.")
    got = Extracted(nlp, text).triples()
    assert {("Toni Morrison", "per:city_of_birth", "Lorain"),
            ("Toni Morrison", "per:date_of_birth", "1931")} <= got
    assert not {t for t in got if t[2] == "Washington"}


@pytest.mark.parametrize(
    ("text", "country"),
    [("Maria Gonzalez was born in Quito.", "Ecuador"),
     ("Maria Gonzalez was born in Zorbville.", None)],
)
def test_patterns_city_of_birth_implies_its_country_with_lower_confidence(nlp, text, country):
    got = Extracted(nlp, text)
    inferred = [f for f in got.slot("per:country_of_birth") if "inferred_from" in f.qualifiers]
    if country is None:
        assert not inferred
    else:
        (fact,) = inferred
        city = got.slot("per:city_of_birth")[0]
        assert fact.value == country and fact.confidence < city.confidence


def test_patterns_title_goes_to_the_copula_subject_only(nlp):
    got = Extracted(nlp, "Maria Gonzalez won. Carlos Ruiz is a famous painter.").triples()
    assert got == {("Carlos Ruiz", "per:title", "painter")}


def test_patterns_title_from_role_noun_before_object_name(nlp):
    got = Extracted(nlp, "The team hired coach David Mwangi.").triples()
    assert ("David Mwangi", "per:title", "coach") in got


@pytest.mark.parametrize(("text", "title"), [
    ("The board kept chief executive David Mwangi.", "chief executive"),
    ("Maria Gonzalez is a former coach.", "coach"),  # "former" is no part of the title
    ("The visit of Prime Minister David Mwangi ended.", "prime minister"),  # capitalised
    ("Then Secretary-General David Mwangi spoke.", "secretary-general"),
    ("Then vice-president David Mwangi spoke.", "vice-president"),
])
def test_patterns_title_keeps_the_words_that_belong_to_it(nlp, text, title):
    assert [f.value for f in Extracted(nlp, text).slot("per:title")] == [title]


@pytest.mark.parametrize(
    "text",
    [
        "Maria Gonzalez attended Lincoln High School, which Pedro Alvarez founded.",
        "Maria Gonzalez attended the school that Pedro Alvarez founded.",
        "Maria Gonzalez attended the San Marcos school, where Pedro Alvarez taught.",
    ],
)
def test_patterns_person_in_relative_clause_after_school_is_not_a_school(nlp, text):
    schools = {f.value for f in Extracted(nlp, text).slot("per:schools_attended")}
    assert "Pedro Alvarez" not in schools
    assert not any("Alvarez" in s for s in schools)


def test_patterns_fact_provenance_points_at_the_filler(nlp):
    got = Extracted(nlp, "Maria Gonzalez moved to Lima. She was born on March 3, 1980 in Quito.")
    (birth,) = got.slot("per:date_of_birth")
    prov = birth.provenance[0]
    assert got.text[prov.start : prov.end] == "March 3, 1980"
    assert prov.doc_id == "doc1"
    assert prov.snippet == "She was born on March 3, 1980 in Quito."
    assert got.text[prov.sent_start : prov.sent_end] == prov.snippet
    assert prov.extractor.startswith("pattern.birth")
    assert got.names[birth.subject] == "Maria Gonzalez"


def test_patterns_entity_valued_fillers_carry_their_object(nlp):
    got = Extracted(nlp, "Maria Gonzalez was born in Quito to Pedro Gonzalez and Rosa Diaz.")
    (city,) = got.slot("per:city_of_birth")
    assert got.names[city.object] == "Quito"
    assert sorted(got.names[f.object] for f in got.slot("per:parents")) == [
        "Pedro Gonzalez", "Rosa Diaz"]


@pytest.mark.parametrize(("text", "ages"), [
    ("Maria Gonzalez, a physicist, worked until she was 85.", set()),
    ("Maria Gonzalez died on Saturday. She was 91.", {"91"}),
    # a sentence with no verb at all: its root is the name
    ("Maria Gonzalez, 47, a physicist from Quito.", {"47"}),
])
def test_patterns_age_said_of_a_past_moment_is_no_age(nlp, text, ages):
    assert {f.value for f in Extracted(nlp, text).slot("per:age")} == ages


def test_patterns_no_country_for_a_company_read_as_a_person(nlp):
    # the small model reads "Capcom Co., Ltd." as a person here
    ex = Extracted(nlp, "The unit of Japan's Capcom Co., Ltd. opened in 1985.")
    assert [f for f in ex.slot("per:origin")] == []


def test_patterns_origin_and_height_qualifiers(nlp):
    got = Extracted(nlp, "Maria Gonzalez is a Colombian race walker. She is 1.65 m tall.")
    (origin,) = got.slot("per:origin")
    assert dict(origin.qualifiers) == {"demonym": "Colombian"}
    (height,) = got.slot("per:height")
    assert dict(height.qualifiers) == {"unit": "m"}


@pytest.mark.parametrize(
    ("topic", "expected"),
    [
        (("Maria Gonzalez",), {"Maria Elena Gonzalez Ruiz"}),
        ((), set()),  # no KB topic: no alternate name
        (("Maria Elena Gonzalez Ruiz",), set()),  # the title itself is not an alternate
    ],
)
def test_patterns_alternate_name_of_kb_topic(nlp, topic, expected):
    text = "Maria Elena Gonzalez Ruiz is a Colombian race walker. Gonzalez lives in Bogota."
    got = Extracted(nlp, text, topic=topic)
    assert {f.value for f in got.slot("per:alternate_names")} == expected
    if topic:
        assert all(f.subject == got.resolution.topic.id
                   for f in got.slot("per:alternate_names"))


def test_patterns_alternate_name_only_from_the_first_sentence(nlp):
    text = "Gonzalez is a Colombian race walker. Maria Elena Gonzalez Ruiz lives in Bogota."
    got = Extracted(nlp, text, topic=("Maria Gonzalez",))
    assert got.slot("per:alternate_names") == []
