"""Competition results and records, run through the real stages on short texts."""

from __future__ import annotations

import pytest

from kbp.coref.resolve import resolve
from kbp.nlp.annotate import analyse
from kbp.nlp.model import load_nlp
from kbp.slots.achievements import normalise_competition
from kbp.slots.extract import extract_facts
from kbp.types import Document


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def results(nlp, text, date=None, headlines=(), slot="per:competition_result"):
    """``(subject name, value, qualifiers, confidence)`` of each fact of ``slot``."""
    analysis = analyse([Document("doc1", text, date=date, headlines=tuple(headlines))], nlp)[0]
    resolution = resolve(analysis)
    names = {e.id: e.name for e in resolution.entities}
    return [
        (names[f.subject], f.value, dict(f.qualifiers), f.confidence)
        for f in extract_facts(analysis, resolution, classifier=False)
        if f.slot == slot
    ]


def values(found) -> set[tuple[str, str]]:
    return {(who, value) for who, value, _, _ in found}


# -- normalise_competition -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "places", "expected"),
    [
        ("Atlanta Olympic Games", set(), ("Olympic Games", "Atlanta")),  # gazetteer city
        ("Zorbville Olympic Games", {"Zorbville"}, ("Olympic Games", "Zorbville")),  # in text
        ("Beijing Olympics", set(), ("Olympic Games", "Beijing")),
        ("Summer Olympics", set(), ("Olympic Games", None)),
        ("Winter Olympics", set(), ("Winter Olympic Games", None)),
        ("the Olympics", set(), ("Olympic Games", None)),
        ("Olympic", set(), ("Olympic Games", None)),
        ("Olympic Games", set(), ("Olympic Games", None)),
        ("Valencia Marathon", {"Valencia"}, ("Valencia Marathon", None)),  # a city race
        ("World Championships", set(), ("World Championships", None)),
    ],
)
def test_achievements_normalise_competition(name, places, expected):
    assert normalise_competition(name, places) == expected


# -- anchors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "qualifiers"),
    [
        ("Maria Gonzalez won the gold medal at the 2004 Athens Olympic Games.",
         "2004 Olympic Games",
         {"competition": "Olympic Games", "year": "2004", "medal": "gold", "rank": "1",
          "place": "Athens"}),
        ("Maria Gonzalez won the silver medal in the 20 km walk at the 2003 World "
         "Championships in Paris.",
         "2003 World Championships",
         {"competition": "World Championships", "year": "2003", "event": "20 km race walk",
          "medal": "silver", "rank": "2"}),
        ("Maria Gonzalez finished fourth at the 2000 Summer Olympics.",
         "2000 Olympic Games",
         {"competition": "Olympic Games", "year": "2000", "rank": "4"}),
        ("Maria Gonzalez won the Valencia Marathon in 2:21:05.",
         "Valencia Marathon",
         {"competition": "Valencia Marathon", "time": "2:21:05"}),
    ],
)
def test_achievements_result_from_medal_rank_or_time(nlp, text, value, qualifiers):
    found = results(nlp, text)
    assert [(who, v, q) for who, v, q, _ in found] == [("Maria Gonzalez", value, qualifiers)]


def test_achievements_year_is_the_one_nearest_the_competition(nlp):
    text = ("Maria Gonzalez, who was born in Cuenca in 1984, also won gold at the Tokyo "
            "Olympics in 2021.")
    assert values(results(nlp, text)) == {("Maria Gonzalez", "2021 Olympic Games")}


def test_achievements_result_without_year_has_lower_confidence(nlp):
    (with_year,) = results(nlp, "Maria Gonzalez finished fourth at the 2000 Summer Olympics.")
    (no_year,) = results(nlp, "Maria Gonzalez won the Valencia Marathon in 2:21:05.")
    assert no_year[3] < with_year[3]


def test_achievements_lost_medal_goes_to_the_winner(nlp):
    found = results(nlp, "Maria Gonzalez lost the gold to John Smith at the 2005 World "
                         "Championships.")
    assert [(who, v, q.get("medal")) for who, v, q, _ in found] == [
        ("John Smith", "2005 World Championships", "gold")]


def test_achievements_loser_never_credited_with_lost_medal(nlp):
    found = results(nlp, "Maria Gonzalez lost the gold to Ana Torres at the 2005 World "
                         "Championships.")
    assert not any(who == "Maria Gonzalez" and q.get("medal") == "gold"
                   for who, _, q, _ in found)


def test_achievements_relative_clause_medal_goes_to_its_noun(nlp):
    text = ("At the 2005 World Championships, John Smith won the race. "
            "Peter Brown, who claimed the bronze, was pleased.")
    found = results(nlp, text)
    assert [(who, v, q.get("medal")) for who, v, q, _ in found] == [
        ("Peter Brown", "2005 World Championships", "bronze")]


def test_achievements_medal_and_rank_of_one_result_are_merged(nlp):
    text = "The bronze went to Peter Brown, who finished third at the 2005 World Championships."
    found = results(nlp, text)
    assert values(found) == {("Peter Brown", "2005 World Championships")}
    assert {(q["medal"], q["rank"]) for _, _, q, _ in found} == {("bronze", "3")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maria Gonzalez won World Championships golds at Paris in 2003 and Helsinki in 2005.",
         {("2003 World Championships", "Paris"), ("2005 World Championships", "Helsinki")}),
        ("Maria Gonzalez won World Championship golds at Paris in 2003, Helsinki in 2005 "
         "and Osaka in 2007.",
         {("2003 World Championship", "Paris"), ("2005 World Championship", "Helsinki"),
          ("2007 World Championship", "Osaka")}),
    ],
)
def test_achievements_plural_medals_give_one_result_per_place_and_year(nlp, text, expected):
    found = results(nlp, text)
    assert {(v, q.get("place")) for _, v, q, _ in found} == expected
    assert {q["medal"] for _, _, q, _ in found} == {"gold"}


def test_achievements_plural_medals_with_competition_after_the_list(nlp):
    text = ("Maria Gonzalez won golds at Paris in 2003, Helsinki in 2005 and Osaka in 2007 "
            "at the World Championships.")
    found = results(nlp, text)
    assert {(v, q.get("place")) for _, v, q, _ in found} == {
        ("2003 World Championships", "Paris"), ("2005 World Championships", "Helsinki"),
        ("2007 World Championships", "Osaka")}


def test_achievements_ranked_finishes_at_two_competitions(nlp):
    text = ("Maria Gonzalez had 4th place finishes at the 2000 Summer Olympics and the "
            "2004 Summer Olympics.")
    found = results(nlp, text)
    assert {(v, q["rank"]) for _, v, q, _ in found} == {
        ("2000 Olympic Games", "4"), ("2004 Olympic Games", "4")}


def test_achievements_time_in_later_sentence_uses_competition_context(nlp):
    text = ("Maria Gonzalez ran at the 2009 Berlin Marathon. "
            "She completed the race in 2 hours, 25 minutes.")
    found = results(nlp, text)
    assert [(who, v, q) for who, v, q, _ in found] == [
        ("Maria Gonzalez", "2009 Berlin Marathon",
         {"competition": "Berlin Marathon", "year": "2009", "time": "2:25:00"})]
    # read from the context, not from the sentence itself: less confident
    assert found[0][3] < 0.8


def test_achievements_title_naming_a_competition_is_no_context(nlp):
    text = ("Maria Gonzalez won the Berlin Marathon in 2:05:10. The 30-year-old Olympic "
            "champion ran alone. Ana Vega won the women's race in 2:15:37.")
    assert values(results(nlp, text)) == {("Maria Gonzalez", "Berlin Marathon"),
                                          ("Ana Vega", "Berlin Marathon")}


def test_achievements_margin_is_not_a_finishing_time(nlp):
    text = ("Maria Gonzalez won in 1:25:10 at the 2003 World Championships, "
            "14 seconds ahead of Ana Torres.")
    found = results(nlp, text)
    assert [q.get("time") for _, _, q, _ in found] == ["1:25:10"]


@pytest.mark.parametrize("text", [
    # a moment of a match, not a finishing time
    "At the Asian Games, Luis Vega opened the scoring after ten minutes in the final.",
    # a place named after the Games is no competition
    "Luis Vega finished in 2:10:05 at the Olympic stadium in Rome.",
])
def test_achievements_no_result_from_a_moment_or_a_venue(nlp, text):
    assert results(nlp, text) == []


# -- years ---------------------------------------------------------------------------------


def test_achievements_document_year_inferred_from_relative_and_absolute_year(nlp):
    text = ("Twelve years ago Maria Gonzalez won an Olympic gold medal. "
            "In 1996 Maria Gonzalez won the gold in Atlanta. "
            "At this year's Olympic Games she won silver.")
    found = results(nlp, text)
    assert {(v, q["medal"]) for _, v, q, _ in found} == {
        ("1996 Olympic Games", "gold"), ("2008 Olympic Games", "silver")}


def test_achievements_relative_year_resolved_against_document_date(nlp):
    text = "This year Maria Gonzalez won the gold medal at the Olympic Games."
    assert values(results(nlp, text, date="2012-08-10")) == {
        ("Maria Gonzalez", "2012 Olympic Games")}
    # without a date and nothing to infer it from, the year stays unknown
    ((_, value, q, _),) = results(nlp, text)
    assert value == "Olympic Games"
    assert "year" not in q


# -- records and headlines -------------------------------------------------------------------


def test_achievements_world_record_is_a_record_fact(nlp):
    text = "Maria Gonzalez set a world record of 1:25:10 at the 2003 World Championships."
    records = results(nlp, text, slot="per:record")
    assert [(who, v, q.get("record"), q.get("time")) for who, v, q, _ in records] == [
        ("Maria Gonzalez", "world record: 2003 World Championships", "world record",
         "1:25:10")]
    assert values(results(nlp, text)) == {("Maria Gonzalez", "2003 World Championships")}


@pytest.mark.parametrize(
    ("tail", "records"),
    [
        ("a new world record in race walking.", 1),
        ("but there are no world records in race walking.", 0),
    ],
)
def test_achievements_negated_world_record_is_not_a_record(nlp, tail, records):
    text = f"Maria Gonzalez walked 1:25:10 at the 2003 World Championships, {tail}"
    assert len(results(nlp, text, slot="per:record")) == records
    assert values(results(nlp, text)) == {("Maria Gonzalez", "2003 World Championships")}


def test_achievements_headline_is_not_read_for_results(nlp):
    text = ("Gonzalez takes gold at the 2003 World Championships\n"
            "Maria Gonzalez won the 20 km walk in Paris.")
    assert values(results(nlp, text)) == {("Maria Gonzalez", "2003 World Championships")}
    assert results(nlp, text, headlines=[(0, text.index("\n"))]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maria Gonzalez won the silver medal at the 2005 World Championships. "
         "Laura Smith finished 14 seconds ahead of Maria Gonzalez. "
         "Smith completed the race in 1 hour, 20 minutes, 5 seconds.", "1:20:19"),
        ("Maria Gonzalez won the silver medal at the 2005 World Championships. "
         "Maria Gonzalez finished 9 seconds behind Laura Smith. "
         "Smith completed the race in 1:20:05.", "1:20:14"),
    ],
)
def test_achievements_time_derived_from_a_margin(nlp, text, expected):
    found = results(nlp, text)
    derived = [(who, q, conf) for who, _, q, conf in found if q.get("derived")]
    assert len(derived) == 1
    who, q, conf = derived[0]
    assert (who, q["time"], q["year"]) == ("Maria Gonzalez", expected, "2005")
    stated = [c for w, _, q2, c in found if w == "Maria Gonzalez" and not q2.get("derived")]
    assert stated and conf < min(stated)


def test_achievements_no_derived_time_without_the_leaders_time(nlp):
    text = ("Maria Gonzalez won the silver medal at the 2005 World Championships. "
            "Laura Smith finished 14 seconds ahead of Maria Gonzalez.")
    assert not [q for _, _, q, _ in results(nlp, text) if q.get("derived")]


def test_achievements_won_title_is_a_win(nlp):
    found = results(nlp, "In 2021 Maria Gonzalez won the Olympic title in Tokyo.")
    assert {(s, v, q.get("medal")) for s, v, q, _ in found} == {
        ("Maria Gonzalez", "2021 Olympic Games", "gold")}


@pytest.mark.parametrize("background", [
    "Ana Soto, who won the Olympic title in Tokyo, was third.",
    "Ana Soto won the Olympic title in Tokyo last year.",
])
def test_achievements_background_event_does_not_replace_the_storys(nlp, background):
    text = ("Maria Gonzalez won the Diamond League meeting in Oslo on Sunday. "
            f"{background} Luisa Vega finished second.")
    found = {(s, v) for s, v, _, _ in results(nlp, text)}
    assert ("Luisa Vega", "Diamond League") in found
    assert ("Luisa Vega", "Olympic Games") not in found
