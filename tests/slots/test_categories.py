"""Facts read from an encyclopedia entry's categories."""

from __future__ import annotations

import pytest

from kbp.slots.categories import EXTRACTOR, category_facts
from kbp.slots.schema import slot as get_slot
from kbp.types import Document, KBEntry


def entry(*categories: str) -> KBEntry:
    """A KB entry whose categories sit at made-up raw offsets 100, 140, 180, ..."""
    return KBEntry(
        "KB7",
        "Rosa Diaz",
        "PER",
        Document("kb:rosa", "Rosa Diaz is a race walker.", kind="kb"),
        categories=tuple(
            (c, 100 + 40 * i, 100 + 40 * i + len(c)) for i, c in enumerate(categories)
        ),
    )


def read(*categories: str) -> list[tuple[str, str, dict[str, str]]]:
    return [(f.slot, f.value, dict(f.qualifiers)) for f in category_facts(entry(*categories), "E9")]


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        ("1974 births", [("per:date_of_birth", "1974", {})]),
        ("2011 deaths", [("per:date_of_death", "2011", {})]),
        ("Athletes at the 1996 Summer Olympics",
         [("per:competition_result", "1996 Olympic Games",
           {"competition": "Olympic Games", "year": "1996"})]),
        ("Competitors at the 2002 Winter Olympics",
         [("per:competition_result", "2002 Winter Olympic Games",
           {"competition": "Winter Olympic Games", "year": "2002"})]),
        ("Athletes at the 2012 Summer Paralympics",
         [("per:competition_result", "2012 Paralympic Games",
           {"competition": "Paralympic Games", "year": "2012"})]),
        ("Olympic gold medalists for Ecuador", [("per:origin", "Ecuador", {})]),
        ("Olympic silver medallists for Kenya", [("per:origin", "Kenya", {})]),
        ("Ecuadorian athletes", [("per:origin", "Ecuador", {})]),
        ("Ecuadorian male racewalkers", [("per:origin", "Ecuador", {})]),
        ("Sportspeople from Ecuador", [("per:origin", "Ecuador", {})]),
        ("Olympic athletes of Peru", [("per:origin", "Peru", {})]),
    ],
)
def test_categories_category_states_a_fact(category, expected):
    assert read(category) == expected


@pytest.mark.parametrize(
    "category",
    [
        "Living people",
        "People from Cuenca",  # a city, not a country
        "Olympic bronze medalists for Atlantis",  # not a country
        "World Athletics Championships medalists",
        "Ecuadorian",  # a demonym alone names no group of people
        "1974 in athletics",
    ],
)
def test_categories_category_without_a_fact(category):
    assert read(category) == []


def test_categories_provenance_is_the_category_span():
    facts = list(category_facts(entry("Living people", "1974 births", "Ecuadorian athletes"),
                                "E9"))
    assert [(f.provenance[0].start, f.provenance[0].end) for f in facts] == [
        (140, 140 + len("1974 births")), (180, 180 + len("Ecuadorian athletes"))]
    for f in facts:
        (prov,) = f.provenance
        assert prov.doc_id == "kb:rosa"
        assert prov.extractor == EXTRACTOR
        assert prov.snippet.startswith("Category:")
        assert f.subject == "E9"
        assert f.object is None
        get_slot(f.slot)  # a slot of the schema


def test_categories_every_category_is_read_in_order():
    got = read("1974 births", "Athletes at the 1996 Summer Olympics",
               "Olympic gold medalists for Ecuador")
    assert [(s, v) for s, v, _ in got] == [
        ("per:date_of_birth", "1974"),
        ("per:competition_result", "1996 Olympic Games"),
        ("per:origin", "Ecuador"),
    ]

