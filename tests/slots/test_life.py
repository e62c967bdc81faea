"""Life-event patterns (lifespans, death, residence, marriage, parents and children,
religion, charges), run through the real stages (parse, mentions, coreference).

Each sentence was chosen so that the small model tags its names as expected; the
assertions are on the facts, i.e. on what the patterns make of the parse.
"""

from __future__ import annotations

import pytest

from kbp.coref.resolve import resolve
from kbp.nlp.annotate import analyse
from kbp.nlp.model import load_nlp
from kbp.slots.extract import extract_facts
from kbp.slots.life import LIFE_EXTRACTORS
from kbp.types import Document

LIFE_SLOTS = (
    "per:date_of_birth", "per:date_of_death", "per:city_of_birth", "per:country_of_birth",
    "per:stateorprovince_of_birth", "per:city_of_death", "per:stateorprovince_of_death",
    "per:country_of_death", "per:cause_of_death", "per:cities_of_residence",
    "per:statesorprovinces_of_residence", "per:countries_of_residence", "per:spouse",
    "per:parents", "per:children", "per:siblings", "per:religion", "per:charges",
)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


class Extracted:
    """Facts of one text, with subjects and objects given by entity name."""

    def __init__(self, nlp, text: str) -> None:
        self.text = text
        self.analysis = analyse([Document("doc1", text)], nlp)[0]
        self.resolution = resolve(self.analysis)
        # the hand-written extractors alone: the classifier has tests of its own
        self.facts = extract_facts(self.analysis, self.resolution, classifier=False)
        self.names = {e.id: e.name for e in self.resolution.entities}

    def triples(self, slots=LIFE_SLOTS) -> set[tuple[str, str, str]]:
        return {(self.names[f.subject], f.slot, f.value) for f in self.facts if f.slot in slots}

    def slot(self, slot: str) -> list:
        return [f for f in self.facts if f.slot == slot]


def _both(a: str, slot: str, b: str) -> set[tuple[str, str, str]]:
    return {(a, slot, b), (b, slot, a)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # lifespans: full dates in both orders, a year on one side, circa
        ("John Floyer (26 April 1811 – 4 July 1887) was an English politician.",
         {("John Floyer", "per:date_of_birth", "1811-04-26"),
          ("John Floyer", "per:date_of_death", "1887-07-04")}),
        ("Thomas Dawes (August 5, 1731 – January 2, 1809) was an American lawyer.",
         {("Thomas Dawes", "per:date_of_birth", "1731-08-05"),
          ("Thomas Dawes", "per:date_of_death", "1809-01-02")}),
        ("John Dunfee (1904 – 24 September 1932) was a British racing driver.",
         {("John Dunfee", "per:date_of_birth", "1904"),
          ("John Dunfee", "per:date_of_death", "1932-09-24")}),
        ("Henry Walton (c. 1850–1910) was a painter.",
         {("Henry Walton", "per:date_of_birth", "1850"),
          ("Henry Walton", "per:date_of_death", "1910")}),
        # places inside a lifespan; "City, City" names one city
        ("Louis Chollet (5 April 1815 in Paris - 21 March 1851, Paris) was a French organist.",
         {("Louis Chollet", "per:date_of_birth", "1815-04-05"),
          ("Louis Chollet", "per:city_of_birth", "Paris"),
          ("Louis Chollet", "per:date_of_death", "1851-03-21"),
          ("Louis Chollet", "per:city_of_death", "Paris")}),
        # only a death; earlier parentheses skipped
        ("Sultan Buyung (died 28 June 1589) was the ninth sultan of Aceh.",
         {("Sultan Buyung", "per:date_of_death", "1589-06-28")}),
        ("John Smith (also spelled Smyth) (Welsh: Ioan) (died 28 January 2010) was a Welsh "
         "army officer.",
         {("John Smith", "per:date_of_death", "2010-01-28")}),
        # "died" inside a "born" parenthesis: the birth is patterns.births'
        ("Peter Wakefield (born 13 May 1922, in London, died 1 December 2010 in Richmond, "
         "London) was a British diplomat.",
         {("Peter Wakefield", "per:date_of_birth", "1922-05-13"),
          ("Peter Wakefield", "per:city_of_birth", "London"),
          ("Peter Wakefield", "per:country_of_birth", "United Kingdom"),
          ("Peter Wakefield", "per:date_of_death", "2010-12-01"),
          ("Peter Wakefield", "per:city_of_death", "Richmond")}),
        ("Jean Essous (born 1935 in Brazzaville - died November 25, 2009 in Paris) was a "
         "Congolese saxophonist.",
         {("Jean Essous", "per:date_of_birth", "1935"),
          ("Jean Essous", "per:city_of_birth", "Brazzaville"),
          ("Jean Essous", "per:country_of_birth", "Republic of the Congo"),
          ("Jean Essous", "per:date_of_death", "2009-11-25"),
          ("Jean Essous", "per:city_of_death", "Paris")}),
        # death: date, place (city and country), cause
        ("Robert Smith died in 1898 in Boston.",
         {("Robert Smith", "per:date_of_death", "1898"),
          ("Robert Smith", "per:city_of_death", "Boston")}),
        ("Robert Smith was a painter. He died of a heart attack on 5 May 1990 in Paris, France.",
         {("Robert Smith", "per:date_of_death", "1990-05-05"),
          ("Robert Smith", "per:city_of_death", "Paris"),
          ("Robert Smith", "per:country_of_death", "France"),
          ("Robert Smith", "per:cause_of_death", "heart attack")}),
        ("Will Weng died of throat cancer in Manhattan.",
         {("Will Weng", "per:city_of_death", "Manhattan"),
          ("Will Weng", "per:cause_of_death", "throat cancer")}),
        ("John Smith died peacefully at his home in Boston on 12 March 1995.",
         {("John Smith", "per:date_of_death", "1995-03-12"),
          ("John Smith", "per:city_of_death", "Boston")}),
        ("Senator Robert Kennedy was assassinated in Los Angeles in June 1968.",
         {("Robert Kennedy", "per:date_of_death", "1968-06"),
          ("Robert Kennedy", "per:city_of_death", "Los Angeles")}),
        ("Mr. Ortiz was killed in a car accident in Mexico on 3 March 2001.",
         {("Ortiz", "per:date_of_death", "2001-03-03"),
          ("Ortiz", "per:country_of_death", "Mexico")}),
        ("After John Smith's death in 1990, the firm closed.",
         {("John Smith", "per:date_of_death", "1990")}),
        ("Billy Smith lived in Port Renfrew until his death October 19, 2008.",
         {("Billy Smith", "per:date_of_death", "2008-10-19"),
          ("Billy Smith", "per:cities_of_residence", "Port Renfrew")}),
        # residence: city, state, country; "City, Country" gives both
        ("Maria Lopez lives in Madrid with her two children.",
         {("Maria Lopez", "per:cities_of_residence", "Madrid")}),
        ("Maria Lopez lived in Florence, Italy for ten years.",
         {("Maria Lopez", "per:cities_of_residence", "Florence"),
          ("Maria Lopez", "per:countries_of_residence", "Italy")}),
        ("David Mwangi resides in Nairobi.",
         {("David Mwangi", "per:cities_of_residence", "Nairobi")}),
        ("After the war, Peter Brown settled in Ohio.",
         {("Peter Brown", "per:statesorprovinces_of_residence", "Ohio")}),
        ("Michael Jordan moved to Chicago in 1984.",
         {("Michael Jordan", "per:cities_of_residence", "Chicago")}),
        ("John Smith, a Brooklyn resident, was arrested on Friday.",
         {("John Smith", "per:cities_of_residence", "Brooklyn")}),
        ("Maria Lopez grew up in Seville.",
         {("Maria Lopez", "per:cities_of_residence", "Seville")}),
        ("Peter Brown was raised in Ohio by his grandparents.",
         {("Peter Brown", "per:statesorprovinces_of_residence", "Ohio")}),
        ("John Smith lives and works in Lublin, Poland.",
         {("John Smith", "per:cities_of_residence", "Lublin"),
          ("John Smith", "per:countries_of_residence", "Poland")}),
        ("John Smith lived in Hazlet and Keansburg before his arrest.",
         {("John Smith", "per:cities_of_residence", "Hazlet"),
          ("John Smith", "per:cities_of_residence", "Keansburg")}),
        ("John Smith lived in Hazlet, Keansburg and Matawan.",
         {("John Smith", "per:cities_of_residence", "Hazlet"),
          ("John Smith", "per:cities_of_residence", "Keansburg"),
          ("John Smith", "per:cities_of_residence", "Matawan")}),
        # the county after a town is no second town
        ("Mary Fry grew up in Harlow, Essex, and studied in Leeds.",
         {("Mary Fry", "per:cities_of_residence", "Harlow")}),
        ("Harding and Britton, who each lived in Marion, Ohio, began their affair.",
         {("Harding", "per:cities_of_residence", "Marion"),
          ("Harding", "per:statesorprovinces_of_residence", "Ohio"),
          ("Britton", "per:cities_of_residence", "Marion"),
          ("Britton", "per:statesorprovinces_of_residence", "Ohio")}),
        ("Sean Brown was born in Perth and lived there until he was about fifteen, before "
         "moving to Tasmania with his family.",
         {("Sean Brown", "per:city_of_birth", "Perth"),
          ("Sean Brown", "per:country_of_birth", "Australia"),
          ("Sean Brown", "per:statesorprovinces_of_residence", "Tasmania")}),
        # marriage, both ways
        ("John Smith married Mary Jones in 1990.", _both("John Smith", "per:spouse",
                                                         "Mary Jones")),
        ("John Smith is married to Mary Jones.", _both("John Smith", "per:spouse", "Mary Jones")),
        ("John Smith and Mary Jones married in 1990.",
         _both("John Smith", "per:spouse", "Mary Jones")),
        # the tokenizer splits "wed" into "we" + "d"
        ("Peter Brown wed Mary Jones in 1950.", _both("Peter Brown", "per:spouse", "Mary Jones")),
        ("John Smith and Mary Jones were wed in 1950.",
         _both("John Smith", "per:spouse", "Mary Jones")),
        ("Peter Brown weds Mary Jones in Paris.", _both("Peter Brown", "per:spouse", "Mary Jones")),
        ("Peter Brown divorced Mary Jones in 2004.",
         _both("Peter Brown", "per:spouse", "Mary Jones")),
        ("Mary Todd, the wife of Abraham Lincoln, was a public figure.",
         _both("Mary Todd", "per:spouse", "Abraham Lincoln")),
        # "X and his wife Y" (patterns.family), and both live there
        ("John Smith and his wife Mary Jones live in Boston.",
         {("John Smith", "per:spouse", "Mary Jones"),
          ("John Smith", "per:cities_of_residence", "Boston"),
          ("Mary Jones", "per:cities_of_residence", "Boston")}),
        # parents and children by phrases
        ("Peter Smith was born in Boston, the son of George Brown and Charlotte Green.",
         {("Peter Smith", "per:city_of_birth", "Boston"),
          ("Peter Smith", "per:country_of_birth", "United States"),
          ("Peter Smith", "per:parents", "George Brown"),
          ("Peter Smith", "per:parents", "Charlotte Green"),
          ("George Brown", "per:children", "Peter Smith"),
          ("Charlotte Green", "per:children", "Peter Smith")}),
        ("Maria Lopez was the eldest daughter of George Brown.",
         {("Maria Lopez", "per:parents", "George Brown"),
          ("George Brown", "per:children", "Maria Lopez")}),
        ("Eleonora Vallone, the daughter of actors Raf Vallone and Elena Varzi, made her film "
         "debut in 1979.",
         {("Eleonora Vallone", "per:parents", "Raf Vallone"),
          ("Eleonora Vallone", "per:parents", "Elena Varzi"),
          ("Raf Vallone", "per:children", "Eleonora Vallone"),
          ("Elena Varzi", "per:children", "Eleonora Vallone")}),
        ("George Brown, the father of Maria Lopez, was a doctor.",
         {("George Brown", "per:children", "Maria Lopez"),
          ("Maria Lopez", "per:parents", "George Brown")}),
        ("Born in Brussels as the second son of Leopold Smith and Louise Jones, Peter Smith "
         "succeeded his father.",
         {("Peter Smith", "per:city_of_birth", "Brussels"),
          ("Peter Smith", "per:country_of_birth", "Belgium"),
          ("Peter Smith", "per:parents", "Leopold Smith"),
          ("Peter Smith", "per:parents", "Louise Jones"),
          ("Leopold Smith", "per:children", "Peter Smith"),
          ("Louise Jones", "per:children", "Peter Smith")}),
        ("Maria Lopez was the 13th child and 8th son of George Brown and Charlotte Green.",
         {("Maria Lopez", "per:parents", "George Brown"),
          ("Maria Lopez", "per:parents", "Charlotte Green"),
          ("George Brown", "per:children", "Maria Lopez"),
          ("Charlotte Green", "per:children", "Maria Lopez")}),
        # "born to" stays patterns.births'
        ("Maria Gonzalez was born to Pedro Gonzalez and Rosa Diaz.",
         {("Maria Gonzalez", "per:parents", "Pedro Gonzalez"),
          ("Maria Gonzalez", "per:parents", "Rosa Diaz")}),
        # religion, normalised to the religion's name
        ("Maria Lopez, a devout Catholic, attended mass every day.",
         {("Maria Lopez", "per:religion", "Catholicism")}),
        ("John Smith is a Muslim.", {("John Smith", "per:religion", "Islam")}),
        ("David Cohen was Jewish.", {("David Cohen", "per:religion", "Judaism")}),
        ("John Smith was a Buddhist monk.", {("John Smith", "per:religion", "Buddhism")}),
        ("John Smith converted to Islam in 1990.", {("John Smith", "per:religion", "Islam")}),
        ("Peter Brown was born into a Jewish family in Chicago.",
         {("Peter Brown", "per:religion", "Judaism"),
          ("Peter Brown", "per:city_of_birth", "Chicago"),
          ("Peter Brown", "per:country_of_birth", "United States")}),
        ("Catholic priest John Smith visited the school.",
         {("John Smith", "per:religion", "Catholicism")}),
        # charges
        ("John Smith was charged with murder.", {("John Smith", "per:charges", "murder")}),
        ("Peter Brown was convicted of fraud and money laundering in 2005.",
         {("Peter Brown", "per:charges", "fraud"),
          ("Peter Brown", "per:charges", "money laundering")}),
        ("John Smith was indicted on charges of tax evasion.",
         {("John Smith", "per:charges", "tax evasion")}),
        ("Prosecutors charged John Smith with first-degree murder.",
         {("John Smith", "per:charges", "first-degree murder")}),
        ("John Smith pleaded guilty to possession of cocaine.",
         {("John Smith", "per:charges", "possession of cocaine")}),
        ("John Smith was found guilty of manslaughter.",
         {("John Smith", "per:charges", "manslaughter")}),
    ],
)
def test_life_extracts_person_slots(nlp, text, expected):
    assert Extracted(nlp, text).triples() == expected


@pytest.mark.parametrize(
    "text",
    [
        # a term of office is no lifespan; "(born ...)" alone is births'
        "Prime Minister John Major (1990–1997) led the government.",
        "John Smith (1990 – 1995 as president) led the party.",
        # someone else's death, someone else's home
        "Peter Brown said his father died in 1990.",
        "John Schatz was appointed to replace senator Daniel Inouye after his death in 2012.",
        "The company moved its headquarters to Texas.",
        "John Smith moved the company to Texas.",
        # no spouse, no parent
        "John Smith married the daughter of a farmer.",
        "John Smith married the daughter of George Brown.",
        "Livia was the daughter of a minor Mantuan noble.",
        # no religion
        "Christian Bale is an actor.",
        "John Smith is a Christian rock singer.",
        "John Smith visited the Catholic school.",
        # no charge
        "John Smith was charged with overseeing the project.",
        "John Smith charged a fee for the lessons.",
        "The judge convicted the men of theft.",
    ],
)
def test_life_negatives(nlp, text):
    assert Extracted(nlp, text).triples() == set()


def test_life_born_parenthesis_dates_are_not_duplicated(nlp):
    """"(born 1960)" is read once, by patterns.births."""
    ex = Extracted(nlp, "Maria Lopez (born 1960) is a Spanish writer.")
    assert [f.provenance[0].extractor for f in ex.slot("per:date_of_birth")] == [
        "pattern.birth.v1"]


def test_life_date_of_death_is_the_event_date_not_the_birth_year(nlp):
    ex = Extracted(nlp, "Jean Essous (born 1935 in Brazzaville - died November 25, 2009 in "
                        "Paris) was a Congolese saxophonist.")
    assert {f.value for f in ex.slot("per:date_of_death")} == {"2009-11-25"}


def test_life_date_of_death_stays_on_its_side_of_a_semicolon(nlp):
    ex = Extracted(nlp, "Ana Lopez married Tomas Lopez, a lumber executive, in 1959; he died "
                        "in 2011.")
    assert {(ex.names[f.subject], f.value) for f in ex.slot("per:date_of_death")} == {
        ("Tomas Lopez", "2011")}


def test_life_residence_of_a_place_after_a_name_and_of(nlp):
    ex = Extracted(nlp, "Daniel Hughes, of Bedminster, appeared in court on Monday.")
    assert {(ex.names[f.subject], f.value) for f in ex.slot("per:cities_of_residence")} == {
        ("Daniel Hughes", "Bedminster")}


def test_life_merged_namesakes_give_no_kinship(nlp):
    """When coreference merges the child with a parent of the same surname, the sentence
    says nothing reliable about either."""
    ex = Extracted(nlp, "Michie is the son of the biologist Anne McLaren and computer "
                        "scientist Donald Michie.")
    assert ("Donald Michie", "per:parents", "Anne McLaren") not in ex.triples()


def test_life_fact_provenance_and_objects(nlp):
    ex = Extracted(nlp, "John Smith married Mary Jones in 1990. He died in 2001 in Boston.")
    by_name = {e.name: e for e in ex.resolution.entities}
    spouse = next(f for f in ex.slot("per:spouse") if f.value == "Mary Jones")
    prov = spouse.provenance[0]
    assert ex.text[prov.start : prov.end] == "Mary Jones"
    assert spouse.object == by_name["Mary Jones"].id
    assert prov.extractor == "pattern.marriage.v1"
    death = ex.slot("per:date_of_death")[0]
    assert (death.subject, death.value) == (by_name["John Smith"].id, "2001")
    assert ex.text[death.provenance[0].start : death.provenance[0].end] == "2001"
    city = ex.slot("per:city_of_death")[0]
    assert city.object == by_name["Boston"].id
    assert 0.6 <= min(f.confidence for f in ex.facts if f.slot in LIFE_SLOTS)
    assert max(f.confidence for f in ex.facts if f.slot in LIFE_SLOTS) <= 0.85


def test_life_entity_valued_fact_takes_the_entitys_full_name(nlp):
    ex = Extracted(nlp, "Toni Morrison wrote novels. Morrison married Harold Morrison "
                        "in 1958.")
    by_name = {e.name: e for e in ex.resolution.entities}
    spouse = next(f for f in ex.slot("per:spouse")
                  if f.subject == by_name["Harold Morrison"].id)
    assert spouse.value == "Toni Morrison"  # the text there says "Morrison"
    prov = spouse.provenance[0]
    assert ex.text[prov.start : prov.end] == "Morrison"
    assert spouse.object == by_name["Toni Morrison"].id


def test_life_religion_keeps_the_word_read(nlp):
    fact = Extracted(nlp, "John Smith is a Muslim.").slot("per:religion")[0]
    assert (fact.value, fact.qualifiers["word"]) == ("Islam", "Muslim")


def test_life_triggers_skip_unrelated_sentences():
    sentence = "The committee approved the budget on Tuesday."
    assert not any(trigger.search(sentence) for _, trigger in LIFE_EXTRACTORS)
    assert all(trigger is not None for _, trigger in LIFE_EXTRACTORS)
