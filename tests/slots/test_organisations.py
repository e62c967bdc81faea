"""Organisation and employment patterns, run through the real stages (parse, mentions,
coreference, every extractor).

The sentences were written for these tests and chosen so that the small model tags
their names as expected; the assertions are on the facts the organisation patterns
make of the parse (facts of other extractors, such as per:origin, are left out).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from kbp.coref.resolve import resolve
from kbp.nlp.annotate import Analysis, analyse
from kbp.nlp.model import load_nlp
from kbp.slots.extract import extract_facts
from kbp.slots.organisations import ORG_EXTRACTORS
from kbp.types import Document

#: Slots these patterns fill (per:title is filled by the person patterns too).
ORG_SLOTS = frozenset({
    "org:top_members_employees", "per:employee_or_member_of", "org:founded_by",
    "org:date_founded", "org:city_of_headquarters", "org:stateorprovince_of_headquarters",
    "org:country_of_headquarters", "org:parents", "org:subsidiaries",
    "org:political_religious_affiliation",
})


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


class Extracted:
    """Facts of one text, with subjects given by entity name (without a trailing
    possessive "'s", which the model sometimes keeps in an organisation's name)."""

    def __init__(self, nlp, text: str) -> None:
        self.text = text
        self.analysis = analyse([Document("doc1", text)], nlp)[0]
        self.resolution = resolve(self.analysis)
        # the hand-written extractors alone: the classifier has tests of its own
        self.facts = extract_facts(self.analysis, self.resolution, classifier=False)
        self.names = {e.id: e.name.removesuffix("'s") for e in self.resolution.entities}

    def triples(self, slots=ORG_SLOTS) -> set[tuple[str, str, str]]:
        return {(self.names[f.subject], f.slot, f.value) for f in self.facts if f.slot in slots}

    def slot(self, slot: str) -> list:
        return [f for f in self.facts if f.slot == slot]


def _leader(person: str, org: str) -> set[tuple[str, str, str]]:
    return {(org, "org:top_members_employees", person),
            (person, "per:employee_or_member_of", org)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # leaders: copula, appositive, possessive, name before the title
        ("Maria Lopez is the chief executive of Acme Corporation.",
         _leader("Maria Lopez", "Acme Corporation")),
        ("Maria Lopez, chief executive of Acme Corporation, resigned on Monday.",
         _leader("Maria Lopez", "Acme Corporation")),
        ("Acme Corporation's chief executive Maria Lopez resigned on Monday.",
         _leader("Maria Lopez", "Acme Corporation")),
        ("John Smith, Acme Corporation's chairman, resigned.",
         _leader("John Smith", "Acme Corporation")),
        # staff and members
        ("Anna Berg, a professor at Stanford University, said the results were new.",
         {("Anna Berg", "per:employee_or_member_of", "Stanford University")}),
        ("Anna Berg is a member of the Royal Society.",
         {("Anna Berg", "per:employee_or_member_of", "Royal Society")}),
        # employment verbs
        ("Peter Novak worked for the World Bank for ten years.",
         {("Peter Novak", "per:employee_or_member_of", "World Bank")}),
        ("Peter Novak joined Goldman Sachs in 2004.",
         {("Peter Novak", "per:employee_or_member_of", "Goldman Sachs")}),
        # founding, passive and active, with dates
        ("Google was founded in 1998 by Larry Page and Sergey Brin.",
         {("Google", "org:founded_by", "Larry Page"), ("Google", "org:founded_by", "Sergey Brin"),
          ("Google", "org:date_founded", "1998")}),
        ("Bill Gates founded Microsoft in 1975.",
         {("Microsoft", "org:founded_by", "Bill Gates"),
          ("Microsoft", "org:date_founded", "1975")}),
        # headquarters: city and country or state written together give both
        ("Nokia, headquartered in Espoo, Finland, makes phones.",
         {("Nokia", "org:city_of_headquarters", "Espoo"),
          ("Nokia", "org:country_of_headquarters", "Finland")}),
        ("Fairmount Food Group is a food company headquartered in Dallas, Texas.",
         {("Fairmount Food Group", "org:city_of_headquarters", "Dallas"),
          ("Fairmount Food Group", "org:stateorprovince_of_headquarters", "Texas")}),
        # a US state that is also a country's name, after a US city, is the state
        ("Delta Air Lines, based in Atlanta, Georgia, added flights.",
         {("Delta Air Lines", "org:city_of_headquarters", "Atlanta"),
          ("Delta Air Lines", "org:stateorprovince_of_headquarters", "Georgia")}),
        ("Bank of Georgia, based in Tbilisi, Georgia, grew.",
         {("Bank of Georgia", "org:city_of_headquarters", "Tbilisi"),
          ("Bank of Georgia", "org:country_of_headquarters", "Georgia")}),
        ("The Tokyo-based Mitsubishi Corporation reported strong profits.",
         {("Mitsubishi Corporation", "org:city_of_headquarters", "Tokyo")}),
        # parents and subsidiaries, both directions
        ("Oracle acquired Sun Microsystems in 2010.",
         {("Sun Microsystems", "org:parents", "Oracle"),
          ("Oracle", "org:subsidiaries", "Sun Microsystems")}),
        ("Menzies Wealth Management is a subsidiary company of the Menzies Group.",
         {("Menzies Wealth Management", "org:parents", "Menzies Group"),
          ("Menzies Group", "org:subsidiaries", "Menzies Wealth Management")}),
        ("Google parent Alphabet reported higher profit.",  # the news style
         {("Google", "org:parents", "Alphabet"), ("Alphabet", "org:subsidiaries", "Google")}),
        # "owned by" after a list belongs to the name right before it
        ("Spotify competes with Apple Music and YouTube, owned by Alphabet.",
         {("YouTube", "org:parents", "Alphabet"), ("Alphabet", "org:subsidiaries", "YouTube")}),
        # parties
        ("Republican Senator John McCain spoke on Tuesday.",
         {("John McCain", "per:employee_or_member_of", "Republican")}),
        ("Gunvor Eldegard is a Norwegian politician for the Labour Party.",
         {("Gunvor Eldegard", "per:employee_or_member_of", "Labour Party")}),
        ("The Liberal Youth Organisation is affiliated with the Liberal Party.",
         {("Liberal Youth Organisation", "org:political_religious_affiliation",
           "Liberal Party")}),
    ],
)
def test_organisation_patterns(nlp, text, expected):
    assert Extracted(nlp, text).triples() == expected


@pytest.mark.parametrize(
    "text",
    [
        "Acme Corporation is not a subsidiary of Globex Corporation.",  # negated
        "Maria Lopez visited Acme Corporation in Boston.",  # no relation word
        "The company was founded in 1990.",  # no organisation named in the document
        "Maria Lopez is the president of France.",  # a country is no organisation
        "Maria Lopez is a professor of physics.",  # a field is no employer
        "Oracle said it would buy Sun Microsystems.",  # a deal not done
        "Oracle agreed to acquire Sun Microsystems.",
    ],
)
def test_organisation_patterns_say_nothing_without_evidence(nlp, text):
    assert Extracted(nlp, text).triples() == set()


def test_leader_fact_carries_the_title(nlp):
    got = Extracted(nlp, "Maria Lopez is the chief executive of Acme Corporation.")
    (top,) = got.slot("org:top_members_employees")
    assert top.qualifiers["title"] == "chief executive"
    assert got.names[top.object] == "Maria Lopez"
    titles = {f.value for f in got.slot("per:title")
              if f.provenance[0].extractor.startswith("pattern.leader")}
    assert titles == {"chief executive"}


def test_coordinated_titles_each_give_a_fact(nlp):
    got = Extracted(nlp, "Tom Curley was the president and chief executive officer of the "
                         "Associated Press until 2012.")
    titles = {f.qualifiers["title"] for f in got.slot("org:top_members_employees")}
    assert titles == {"president", "chief executive officer"}


def test_staff_title_is_no_top_member(nlp):
    got = Extracted(nlp, "Anna Berg, a professor at Stanford University, said the results "
                         "were new.")
    assert not got.slot("org:top_members_employees")
    titles = [f for f in got.slot("per:title") if f.value == "professor"]
    assert [f.qualifiers.get("organization") for f in titles if f.qualifiers] == [
        "Stanford University"]


def test_company_anaphors_refer_to_the_last_organisation_subject(nlp):
    got = Extracted(nlp, "Acme Corporation is a software maker. The company was founded in "
                         "1990 by John Smith. It is headquartered in Boston.")
    assert got.triples() == {
        ("Acme Corporation", "org:founded_by", "John Smith"),
        ("Acme Corporation", "org:date_founded", "1990"),
        ("Acme Corporation", "org:city_of_headquarters", "Boston"),
    }


def test_company_pronoun_as_object(nlp):
    got = Extracted(nlp, "Acme Corporation makes robots. John Smith, who is an engineer, "
                         "founded it in 1990.")
    assert got.triples() == {("Acme Corporation", "org:founded_by", "John Smith"),
                             ("Acme Corporation", "org:date_founded", "1990")}


def test_founder_title_gives_founded_by(nlp):
    got = Extracted(nlp, "Lucio Bianchi is an Italian engineer and the founder of Mega "
                         "International.")
    assert ("Mega International", "org:founded_by", "Lucio Bianchi") in got.triples()


def test_party_member_fact_is_marked_as_party(nlp):
    got = Extracted(nlp, "Republican Senator John McCain spoke on Tuesday.")
    (fact,) = got.slot("per:employee_or_member_of")
    assert fact.qualifiers["kind"] == "political_party"
    assert fact.object is None  # "Republican" is a nationality-like word, not an entity


def test_fillers_point_at_their_spans(nlp):
    got = Extracted(nlp, "Nokia, headquartered in Espoo, Finland, makes phones.")
    for fact in got.slot("org:city_of_headquarters") + got.slot("org:country_of_headquarters"):
        prov = fact.provenance[0]
        assert got.text[prov.start : prov.end] in ("Espoo", "Finland")
        assert prov.extractor.startswith("pattern.headquarters")
        assert got.names[fact.object] == got.text[prov.start : prov.end]


def test_organisation_name_before_the_title(nlp):
    # the model tags "CEO Satya Nadella" as one name: the filler leaves the title out
    got = Extracted(nlp, "Microsoft CEO Satya Nadella spoke on Monday.")
    (top,) = got.slot("org:top_members_employees")
    assert (got.names[top.subject], top.value, top.qualifiers["title"]) == (
        "Microsoft", "Satya Nadella", "ceo")
    (member,) = got.slot("per:employee_or_member_of")
    assert member.subject == top.object and member.value == "Microsoft"


def test_name_in_parentheses_repeats_the_fact(nlp):
    got = Extracted(nlp, "Stanley Black & Decker (SWK) is headquartered in New Britain, "
                         "Connecticut.")
    assert got.triples() == {
        (org, slot, value)
        for org in ("Stanley Black & Decker", "SWK")
        for slot, value in (("org:city_of_headquarters", "New Britain"),
                            ("org:stateorprovince_of_headquarters", "Connecticut"))
    }


def test_every_extractor_has_a_trigger():
    assert ORG_EXTRACTORS
    for extractor, trigger in ORG_EXTRACTORS:
        assert callable(extractor) and extractor.__doc__
        assert trigger is not None and trigger.pattern


@pytest.mark.parametrize(("text", "expected"), [
    ("The International Association of Athletics Federations (IAAF) banned him.",
     {("International Association of Athletics Federations", "IAAF")}),
    ("Bethesda Game Studios (formerly Escalation Studios) makes games.",
     {("Bethesda Game Studios", "Escalation Studios")}),
    # a year or a lower-case remark in parentheses is no name
    ("Acme Corporation (2004) makes tools.", set()),
    ("Acme Corporation (now closed) made tools.", set()),
])
def test_organisation_alternate_names_in_parentheses(nlp, text, expected) -> None:
    got = Extracted(nlp, text)
    assert {(s, v) for s, _, v in got.triples({"org:alternate_names"})} == expected
    for f in got.slot("org:alternate_names"):
        prov = f.provenance[0]
        assert text[prov.start:prov.end] == f.value


def test_headline_is_no_source_of_facts(nlp):
    head = "Oracle acquired Sun Microsystems in 2010."
    analysis = analyse([Document("doc1", f"{head}\n\nNobody else spoke.")], nlp)[0]
    assert extract_facts(analysis, resolve(analysis), classifier=False)
    # the same parse and mentions, the first line marked as the headline
    marked = Analysis(replace(analysis.document, headlines=((0, len(head)),)), analysis.doc,
                      analysis.mentions)
    assert extract_facts(marked, resolve(marked)) == []
