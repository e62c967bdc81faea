"""The pure merge functions: filler identity, compatibility, confidence, status."""

from __future__ import annotations

import pytest

from kbp.kb.merge import (
    CONFIDENCE_CAP,
    Filler,
    combine_confidences,
    compatible,
    conflict_flags,
    fact_status,
    merge_confidence,
    merge_qualifiers,
    more_specific,
    same_filler,
    value_key,
)
from kbp.kb.text import fold

OLYMPICS = {"competition": "Olympic Games", "year": "1996"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pérez", "perez"),
        ("  José   PÉREZ\t", "jose perez"),
        ("Straße", "strasse"),
        ("Ｆｕｌｌwidth", "fullwidth"),
        ("", ""),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("slot", "value", "qualifiers", "expected"),
    [
        ("per:title", "Olympic  Champion", None, "olympic champion"),
        ("per:city_of_birth", "Cuenca", {}, "cuenca"),
        ("per:date_of_birth", "1974-07-01", None, "1974-07-01"),
        ("per:competition_result", "gold", OLYMPICS, "olympic games|1996"),
        ("per:competition_result", "Gold", {"competition": "Olympic Games",
                                            "date": "1996-07-26"}, "olympic games|1996"),
        ("per:record", "1:17:21", {"competition": "World Cup", "year": "2003",
                                   "event": "20 km Walk"}, "world cup|2003|20 km walk"),
        ("per:competition_result", "Gold Medal", {"rank": "1"}, "gold medal"),
        ("org:website", "https://www.Example.org/", None, "example.org"),
    ],
)
def test_value_key(slot: str, value: str, qualifiers: dict[str, str] | None,
                   expected: str) -> None:
    assert value_key(slot, value, qualifiers) == expected


def test_unknown_slot_is_a_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="per:favourite_colour"):
        value_key("per:favourite_colour", "blue", None)
    with pytest.raises(KeyError, match="per:nope"):
        compatible("per:nope", "a", "a")


@pytest.mark.parametrize(
    ("slot", "a", "b", "expected"),
    [
        ("per:date_of_birth", "1974", "1974-07-01", True),
        ("per:date_of_birth", "1974-07-01", "1974", True),
        ("per:date_of_birth", "1974-07", "1974-07-01", True),
        ("per:date_of_birth", "1974-07-01", "1974-07-01", True),
        ("per:date_of_birth", "1974", "1975-07-01", False),
        ("per:date_of_birth", "1974-07-01", "1974-07-02", False),
        ("per:date_of_birth", "1974-07", "1974-08-01", False),
        ("per:date_of_birth", "197", "1974", False),
        ("per:city_of_birth", "Cuenca", "CUENCA", True),
        ("per:city_of_birth", "Cuenca", "Quito", False),
        ("per:city_of_birth", "Cuenca", "Cuenca, Ecuador", False),
        ("per:title", "1974", "1974-07-01", False),
    ],
)
def test_compatible(slot: str, a: str, b: str, expected: bool) -> None:
    assert compatible(slot, a, b) is expected
    assert compatible(slot, b, a) is expected


@pytest.mark.parametrize(
    ("qa", "qb", "expected"),
    [
        (OLYMPICS, {"competition": "olympic games", "year": "1996"}, True),
        (OLYMPICS, {**OLYMPICS, "event": "20 km walk"}, True),
        ({**OLYMPICS, "event": "50 km walk"}, {**OLYMPICS, "event": "20 km walk"}, False),
        (OLYMPICS, {"competition": "Olympic Games", "year": "2000"}, False),
        (OLYMPICS, {}, False),
    ],
)
def test_compatible_results(qa: dict[str, str], qb: dict[str, str], expected: bool) -> None:
    assert compatible("per:competition_result", "gold", "1st", qa, qb) is expected


def test_same_filler_by_object() -> None:
    a = Filler("IBM", {}, "E7")
    b = Filler("International Business Machines", {}, "E7")
    assert same_filler("per:employee_or_member_of", a, b)
    assert not same_filler("per:employee_or_member_of", a, b._replace(object="E8"))


@pytest.mark.parametrize(
    ("stored", "new", "expected"),
    [
        ("1974", "1974-07-01", "1974-07-01"),
        ("1974-07-01", "1974", "1974-07-01"),
        ("1974-07", "1974-07-01", "1974-07-01"),
        ("1974-07-01", "1974-07-01", "1974-07-01"),
    ],
)
def test_more_specific_date(stored: str, new: str, expected: str) -> None:
    assert more_specific("per:date_of_birth", stored, new) == expected


def test_more_specific_keeps_stored_string() -> None:
    assert more_specific("per:title", "Champion", "champion") == "Champion"


@pytest.mark.parametrize(
    ("old", "new", "new_document", "expected"),
    [
        (0.8, 0.5, True, 0.9),
        (0.8, 0.5, False, 0.8),
        (0.5, 0.8, False, 0.8),
        (0.9, 0.95, True, CONFIDENCE_CAP),
        (1.0, 0.5, True, 1.0),
        (0.0, 0.0, True, 0.0),
    ],
)
def test_merge_confidence(old: float, new: float, new_document: bool, expected: float) -> None:
    assert merge_confidence(old, new, new_document) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], 0.0), ([0.7], 0.7), ([0.8, 0.5], 0.9), ([0.9, 0.9, 0.9], CONFIDENCE_CAP)],
)
def test_combine_confidences(values: list[float], expected: float) -> None:
    assert combine_confidences(values) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ({"year": "1996"}, {"year": "1997", "medal": "gold"}, {"year": "1996", "medal": "gold"}),
        ({}, {"event": "20 km walk"}, {"event": "20 km walk"}),
        ({"time": ""}, {"time": "1:20:07"}, {"time": "1:20:07"}),
        ({"rank": "1"}, {}, {"rank": "1"}),
    ],
)
def test_merge_qualifiers(old: dict[str, str], new: dict[str, str],
                          expected: dict[str, str]) -> None:
    assert merge_qualifiers(old, new) == expected


@pytest.mark.parametrize(
    ("slot", "values", "expected"),
    [
        ("per:city_of_birth", ["Cuenca", "Quito"], [True, True]),
        ("per:city_of_birth", ["Cuenca"], [False]),
        ("per:cities_of_residence", ["Cuenca", "Quito"], [False, False]),
        ("per:date_of_birth", ["1974-07-01", "1974-07-02", "1980"], [True, True, True]),
        ("per:date_of_birth", ["1974", "1974-07-01"], [False, False]),
    ],
)
def test_conflict_flags(slot: str, values: list[str], expected: list[bool]) -> None:
    assert conflict_flags(slot, [Filler(v) for v in values]) == expected


@pytest.mark.parametrize(
    ("conflict", "all_kb", "sources", "expected"),
    [
        (True, True, 1, "conflict"),
        (True, False, 3, "conflict"),
        (False, True, 1, "kb"),
        (False, True, 2, "kb"),
        (False, False, 2, "corroborated"),
        (False, False, 1, "new"),
    ],
)
def test_fact_status(conflict: bool, all_kb: bool, sources: int, expected: str) -> None:
    assert fact_status(conflict, all_kb, sources) == expected
