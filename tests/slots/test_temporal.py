"""Temporal qualifiers from a fact's sentence, and ages checked against dates of birth."""

from __future__ import annotations

import pytest

from kbp.nlp.model import load_nlp
from kbp.slots.temporal import age_at, check_age, same_clause, temporal_qualifiers
from kbp.types import Fact, Provenance


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def qualifiers(slot: str, sentence: str, filler: str, nlp=None) -> dict[str, str]:
    """The qualifiers read from the text alone, or (``nlp`` given) checked on its parse."""
    start = sentence.index(filler)
    same = same_clause(nlp(sentence)[:]) if nlp is not None else None
    return temporal_qualifiers(slot, sentence, start, start + len(filler), same)


@pytest.mark.parametrize(("slot", "sentence", "filler", "expected"), [
    ("per:title", "She was chief executive from 1998 to 2004 at Acme.", "chief executive",
     {"start": "1998", "end": "2004"}),
    ("per:employee_or_member_of", "He played for Barcelona between 1990 and 1995.",
     "Barcelona", {"start": "1990", "end": "1995"}),
    ("per:title", "Ana Vega, minister of health (2001–2006), spoke first.", "minister",
     {"start": "2001", "end": "2006"}),
    ("per:cities_of_residence", "He has lived in Quito since 2010.", "Quito",
     {"start": "2010"}),
    ("per:spouse", "In 1999 he married Ana Vega, a swimmer.", "Ana Vega", {"start": "1999"}),
    ("per:title", "He became president of the club in March 2001.", "president",
     {"start": "2001"}),
    ("per:employee_or_member_of", "She left Acme in 2005 to found her own firm.", "Acme",
     {"end": "2005"}),
])
def test_temporal_qualifiers_bind_years_to_the_filler(nlp, slot, sentence, filler, expected):
    assert qualifiers(slot, sentence, filler) == expected
    assert qualifiers(slot, sentence, filler, nlp) == expected


@pytest.mark.parametrize(("sentence", "filler", "slot", "expected"), [
    # the years are the leading's, in the main clause; the studies are in a relative one
    ("Piñera, a businessman who studied economics at Harvard University, led Chile "
     "from 2010 to 2014.", "Harvard University", "per:schools_attended", {}),
    ("Piñera, a businessman who studied economics at Harvard University, led Chile "
     "from 2010 to 2014.", "Chile", "per:employee_or_member_of",
     {"start": "2010", "end": "2014"}),
    # verbs joined by "and" are one clause for this purpose
    ("She joined Acme and worked there from 1990 to 1995.", "Acme",
     "per:employee_or_member_of", {"start": "1990", "end": "1995"}),
    ("She joined Acme in 1990 and left it in 1995.", "Acme",
     "per:employee_or_member_of", {"start": "1990", "end": "1995"}),
    # ... unless the second verb has an object of its own
    ("He led Nissan from 1999 and also headed the carmaker Renault.", "Renault",
     "per:employee_or_member_of", {}),
    ("He led Nissan from 1999 and also headed the carmaker Renault.", "Nissan",
     "per:employee_or_member_of", {"start": "1999"}),
])
def test_temporal_qualifiers_belong_to_the_fillers_clause(nlp, sentence, filler, slot,
                                                          expected):
    assert qualifiers(slot, sentence, filler, nlp) == expected


@pytest.mark.parametrize(("slot", "sentence", "filler"), [
    ("per:date_of_birth", "He was born in 1974 and raced from 1990 to 2008.", "1974"),
    ("per:title", "The coach, who won 24–10 in 2008, said little.", "coach"),  # a score
    ("per:title", "He is the president.", "president"),  # no time given
    ("per:title", "He is the president of a club that was founded from 1901 to 1903 and "
     "then merged with several others over a very long period of time.", "president"),
])
def test_temporal_qualifiers_leave_other_facts_alone(slot, sentence, filler):
    assert qualifiers(slot, sentence, filler) == {}


@pytest.mark.parametrize(("birth", "date", "expected"), [
    ("1974-07-01", "2008-08-16", {34}),
    ("1974-07-01", "2008-06-30", {33}),
    ("1974-07-01", "2008", {33, 34}),
    ("1974", "2008-08-16", {33, 34}),
    ("1974-07", "2008-09", {34}),
    ("unknown", "2008", set()),
])
def test_age_at(birth, date, expected):
    assert age_at(birth, date) == expected


def age(value: str, confidence: float = 0.8) -> Fact:
    prov = Provenance("doc", 0, 2, f"Perez, {value}, won.")
    return Fact("e1", "per:age", value, confidence, (prov,))


def test_check_age_corroborated_by_date_of_birth():
    checked = check_age(age("34"), ["1974-07-01"], "2008")
    assert checked.qualifiers == {"as_of": "2008", "checked_against": "per:date_of_birth"}
    assert checked.confidence == pytest.approx(0.9)


def test_check_age_conflicting_with_date_of_birth():
    checked = check_age(age("40"), ["1974-07-01"], "2008-08-16")
    assert checked.qualifiers["conflicts_with"] == "per:date_of_birth 1974-07-01"
    assert checked.confidence == pytest.approx(0.4)


def test_check_age_without_birth_date_only_dates_the_age():
    assert check_age(age("34"), [], "2008").qualifiers == {"as_of": "2008"}
    assert check_age(age("34"), ["1974"], None) == age("34")
