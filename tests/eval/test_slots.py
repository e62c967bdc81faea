"""The slot and relation scorers on literal inputs."""

from __future__ import annotations

import pytest

from kbp.eval.slots import (
    SpanFact,
    knowledgenet_matches,
    overlaps,
    prf,
    score_knowledgenet,
    score_relations,
    span_fact,
)

SPOUSE = {"propertyId": "25", "propertyName": "SPOUSE", "propertyDescription": ""}
BIRTH = {"propertyId": "12", "propertyName": "PLACE_OF_BIRTH", "propertyDescription": ""}


def gold_fact(s: tuple[int, int], o: tuple[int, int], prop: str) -> dict:
    return {"subjectStart": s[0], "subjectEnd": s[1], "objectStart": o[0], "objectEnd": o[1],
            "propertyId": prop, "subjectText": "", "objectText": "", "subjectUri": "",
            "objectUri": ""}


# "Anna Berg married Karl Holm in Oslo."  Anna Berg 0-9, Karl Holm 18-27, Oslo 31-35.
PASSAGE_A = {
    "passageId": "d1:0:36",
    "exhaustivelyAnnotatedProperties": [SPOUSE],
    "facts": [gold_fact((0, 9), (18, 27), "25"), gold_fact((18, 27), (0, 9), "25")],
}
# "Karl was born in Bergen."  Karl 40-44, Bergen 57-63; no gold fact, BIRTH exhaustive.
PASSAGE_B = {
    "passageId": "d1:40:64",
    "exhaustivelyAnnotatedProperties": [BIRTH],
    "facts": [],
}


def test_overlap_is_half_open() -> None:
    assert overlaps((0, 5), (4, 9))
    assert not overlaps((0, 5), (5, 9))
    assert overlaps((3, 4), (0, 10))


def test_span_fact_reads_tuples_and_dicts() -> None:
    assert span_fact(((0, 9), (18, 27), 25)) == SpanFact((0, 9), (18, 27), "25")
    assert span_fact(gold_fact((0, 9), (18, 27), "25")) == SpanFact((0, 9), (18, 27), "25")


def test_prf_handles_zero() -> None:
    assert prf(0, 0, 0) == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0,
                            "fn": 0}
    assert prf(1, 1, 2)["f1"] == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))


def test_partial_overlap_matches() -> None:
    # "Berg" (5-9) overlaps "Anna Berg" (0-9); "Karl" (18-22) overlaps "Karl Holm".
    pred = {"d1:0:36": [SpanFact((5, 9), (18, 22), "25")]}
    s = score_knowledgenet([PASSAGE_A], pred)
    assert (s["tp"], s["fp"], s["fn"]) == (1, 0, 1)
    assert s["precision"] == 1.0 and s["recall"] == 0.5


def test_touching_spans_do_not_match() -> None:
    pred = {"d1:0:36": [SpanFact((9, 12), (18, 27), "25")]}  # starts where "Anna Berg" ends
    s = score_knowledgenet([PASSAGE_A], pred)
    assert (s["tp"], s["fp"], s["fn"]) == (0, 1, 2)


def test_wrong_property_or_direction_does_not_match() -> None:
    pred = {"d1:0:36": [SpanFact((0, 9), (18, 27), "34"), SpanFact((0, 9), (31, 35), "25")]}
    s = score_knowledgenet([PASSAGE_A], pred)
    # property 34 is not exhaustively annotated in the passage: not counted at all
    assert (s["tp"], s["fp"], s["fn"]) == (0, 1, 2)
    assert s["per_property"]["25"]["fp"] == 1
    assert "34" not in s["per_property"]


def test_false_positive_only_for_exhaustive_properties() -> None:
    pred = {
        "d1:40:64": [
            SpanFact((40, 44), (57, 63), "12"),  # BIRTH is exhaustive, no gold: an FP
            SpanFact((40, 44), (57, 63), "11"),  # RESIDENCE was not annotated: ignored
        ]
    }
    s = score_knowledgenet([PASSAGE_A, PASSAGE_B], pred)
    assert (s["tp"], s["fp"], s["fn"]) == (0, 1, 2)
    assert s["per_property"]["12"] == {"name": "PLACE_OF_BIRTH", "precision": 0.0,
                                       "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 1, "fn": 0,
                                       "gold": 0}
    assert s["passages"] == 2


def test_facts_are_scored_within_their_passage() -> None:
    # the right spans, reported for the other passage: no match there
    pred = {"d1:40:64": [SpanFact((0, 9), (18, 27), "25")]}
    s = score_knowledgenet([PASSAGE_A, PASSAGE_B], pred)
    assert (s["tp"], s["fp"], s["fn"]) == (0, 0, 2)


def test_duplicates_and_unknown_passages() -> None:
    pred = {
        "d1:0:36": [SpanFact((0, 9), (18, 27), "25")] * 3 + [SpanFact((0, 4), (18, 27), "25")],
        "elsewhere": [SpanFact((0, 9), (18, 27), "25")],
    }
    s = score_knowledgenet([PASSAGE_A], pred)
    # two distinct predictions, both matching the first gold fact
    assert (s["tp"], s["fp"], s["fn"]) == (1, 0, 1)


def test_both_directions_and_dict_predictions() -> None:
    pred = {"d1:0:36": [gold_fact((0, 9), (18, 27), "25"), ((18, 27), (0, 4), "25")]}
    s = score_knowledgenet([PASSAGE_A], pred)
    assert (s["tp"], s["fp"], s["fn"]) == (2, 0, 0)
    assert s["f1"] == 1.0
    assert s["per_property"]["25"]["name"] == "SPOUSE"


def test_matches_lists_every_outcome() -> None:
    pred = {"d1:0:36": [SpanFact((0, 9), (18, 27), "25")],
            "d1:40:64": [SpanFact((40, 44), (57, 63), "12")]}
    kinds = sorted((pid, kind) for pid, kind, _ in
                   knowledgenet_matches([PASSAGE_A, PASSAGE_B], pred))
    assert kinds == [("d1:0:36", "fn"), ("d1:0:36", "tp"), ("d1:40:64", "fp")]


def test_no_predictions() -> None:
    s = score_knowledgenet([PASSAGE_A], {})
    assert (s["precision"], s["recall"], s["f1"]) == (0.0, 0.0, 0.0)
    assert s["fn"] == 2


def test_score_relations_micro_and_per_relation() -> None:
    gold = {("d1", 0, 1, "P569"), ("d1", 0, 2, "P19"), ("d2", 3, 4, "P26"),
            ("d2", 4, 3, "P26")}
    pred = [("d1", 0, 1, "P569"), ("d1", 0, 1, "P569"), ("d1", 0, 3, "P19"),
            ("d2", 3, 4, "P26"), ("d2", 5, 6, "P40")]
    s = score_relations(gold, pred)
    assert (s["tp"], s["fp"], s["fn"]) == (2, 2, 2)
    assert s["precision"] == 0.5 and s["recall"] == 0.5 and s["f1"] == 0.5
    assert s["per_relation"]["P569"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0,
                                         "tp": 1, "fp": 0, "fn": 0, "gold": 1}
    assert s["per_relation"]["P19"]["fp"] == 1 and s["per_relation"]["P19"]["fn"] == 1
    assert s["per_relation"]["P26"]["recall"] == 0.5
    assert s["per_relation"]["P40"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0,
                                        "tp": 0, "fp": 1, "fn": 0, "gold": 0}


def test_score_relations_keeps_documents_apart() -> None:
    s = score_relations({("d1", 0, 1, "P26")}, {("d2", 0, 1, "P26")})
    assert (s["tp"], s["fp"], s["fn"]) == (0, 1, 1)
    assert score_relations([], [])["f1"] == 0.0
