"""Normalisers: dates, durations, heights, ages, number words."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from kbp.nlp.normalize import (
    duration_seconds,
    format_hms,
    normalize_age,
    normalize_date,
    normalize_duration,
    normalize_height,
    parse_number_word,
)

REF = dt.date(2008, 8, 23)  # a Saturday


# ------------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("0", 0),
        ("1,000", 1000),
        ("Twelve", 12),
        ("twelve", 12),
        (" one ", 1),
        ("nineteen", 19),
        ("twenty", 20),
        ("thirty-four", 34),
        ("Thirty four", 34),
        ("ninety-nine", 99),
    ],
)
def test_parse_number_word(text, value):
    assert parse_number_word(text) == value


@pytest.mark.parametrize(
    "text", ["", "dozen", "one hundred", "twelve-four", "four-twenty", "3.5", "-3", "12th", "a"]
)
def test_parse_number_word_rejects(text):
    assert parse_number_word(text) is None


# -------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("July 1, 1974", "1974-07-01"),
        ("1 July 1974", "1974-07-01"),
        ("July 1974", "1974-07"),
        ("1974", "1974"),
        ("in 1996", "1996"),
        ("In 1996", "1996"),
        ("August 23, 2003", "2003-08-23"),
        ("2007-09-29", "2007-09-29"),
        ("2007-09", "2007-09"),
        ("April 23, 2008", "2008-04-23"),
        ("on July 1, 1974", "1974-07-01"),
        ("the 1st of July, 1974", "1974-07-01"),
        ("Monday, July 1, 1974", "1974-07-01"),
        ("Jul. 1, 1974", "1974-07-01"),
        ("07/01/1974", "1974-07-01"),
        ("September 2008", "2008-09"),
        ("summer of 1996", "1996"),
        ("mid-1996", "1996"),
        ("early 1996", "1996"),
        ("1996.", "1996"),
    ],
)
def test_absolute_dates(text, iso):
    assert normalize_date(text) == iso
    assert normalize_date(text, REF) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("this year", "2008"),
        ("this year\u2019s", "2008"),
        ("this year's", "2008"),
        ("last year", "2007"),
        ("next year", "2009"),
        ("twelve years ago", "1996"),
        ("Twelve years ago", "1996"),
        ("12 years ago", "1996"),
        ("a year ago", "2007"),
        ("two decades ago", "1988"),
        ("three months ago", "2008-05"),
        ("last month", "2008-07"),
        ("today", "2008-08-23"),
        ("yesterday", "2008-08-22"),
        ("tomorrow", "2008-08-24"),
        ("10 days ago", "2008-08-13"),
        ("Saturday", "2008-08-23"),
        ("Sunday", "2008-08-17"),
        ("on Friday", "2008-08-22"),
        ("last Saturday", "2008-08-16"),
        ("next Monday", "2008-08-25"),
        ("July 1", "2008-07-01"),
    ],
)
def test_relative_dates_need_ref(text, iso):
    assert normalize_date(text, REF) == iso
    assert normalize_date(text) is None


def test_months_ago_crosses_year():
    assert normalize_date("three months ago", dt.date(2008, 2, 10)) == "2007-11"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "the 1990s",
        "1990s",
        "July 1, 74",
        "2008-02-30",
        "2008-13",
        "1 hour",
        "34 years of age",
        "May",
        "12",
        "1996-97",
        "this week",
    ],
)
def test_unreadable_dates(text):
    assert normalize_date(text, REF) is None


# ---------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("text", "hms"),
    [
        ("1:17:21", "1:17:21"),
        ("1:17:21.", "1:17:21"),
        ("1:19:01", "1:19:01"),
        ("01:17:21", "1:17:21"),
        ("17:21", "0:17:21"),
        ("17:21 minutes", "0:17:21"),
        ("3:45.12", "0:03:45.12"),
        ("2:08:34.5", "2:08:34.5"),
        ("2:08:34.50", "2:08:34.50"),
        ("1 hour, 19 minutes, 1 second", "1:19:01"),
        ("1 hour 19 minutes and 1 second", "1:19:01"),
        ("2 hours 5 minutes", "2:05:00"),
        ("14 seconds", "0:00:14"),
        ("9.58 seconds", "0:00:09.58"),
        ("one hour", "1:00:00"),
        ("twenty-one minutes", "0:21:00"),
        ("90 minutes", "1:30:00"),
        ("1.5 hours", "1:30:00"),
        ("1h 19m 1s", "1:19:01"),
        ("3 hrs 2 mins 5 secs", "3:02:05"),
        ("in 1:17:21", "1:17:21"),
    ],
)
def test_normalize_duration(text, hms):
    assert normalize_duration(text) == hms


@pytest.mark.parametrize(
    "text",
    [
        "",
        "foo",
        "10:30 a.m.",
        "10:30 GMT",
        "1:75:00",
        "1 hour 75 minutes",
        "19 minutes 1 hour",
        "1 second 1 second",
        "1 hour and change",
        "hours",
    ],
)
def test_unreadable_durations(text):
    assert normalize_duration(text) is None


@pytest.mark.parametrize(
    ("hms", "seconds"),
    [
        ("1:19:01", 4741.0),
        ("0:00:14", 14.0),
        ("2:08:34.5", 7714.5),
        ("0:00:09.58", 9.58),
        ("17:21", 1041.0),
        ("14", 14.0),
        ("1 hour, 19 minutes, 1 second", 4741.0),
    ],
)
def test_duration_seconds(hms, seconds):
    assert math.isclose(duration_seconds(hms), seconds)


@pytest.mark.parametrize(
    ("seconds", "hms"),
    [
        (0, "0:00:00"),
        (14, "0:00:14"),
        (4741, "1:19:01"),
        (4741.0, "1:19:01"),
        (7714.5, "2:08:34.5"),
        (9.58, "0:00:09.58"),
        (90000, "25:00:00"),
        (1 / 3, "0:00:00.333"),
    ],
)
def test_format_hms(seconds, hms):
    assert format_hms(seconds) == hms


@pytest.mark.parametrize("hms", ["1:17:21", "1:19:01", "2:08:34.5", "0:03:45.12", "0:00:14"])
def test_duration_round_trip(hms):
    assert format_hms(duration_seconds(hms)) == hms


def test_derived_time_behind_winner():
    assert format_hms(duration_seconds("1:19:01") + duration_seconds("0:00:14")) == "1:19:15"


@pytest.mark.parametrize("bad", ["", "abc", "1:2:3:4"])
def test_duration_seconds_rejects(bad):
    with pytest.raises(ValueError):
        duration_seconds(bad)


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf")])
def test_format_hms_rejects(bad):
    with pytest.raises(ValueError):
        format_hms(bad)


# ------------------------------------------------------------------------ heights


@pytest.mark.parametrize(
    ("text", "metres"),
    [
        ("1.67-meter", "1.67"),
        ("1.67 m", "1.67"),
        ("1.67m", "1.67"),
        ("1.67 metres", "1.67"),
        ("1.67 meters", "1.67"),
        ("1,67 m", "1.67"),
        ("1.67-meter-tall", "1.67"),
        ("1.67 m tall", "1.67"),
        ("1.8 m", "1.80"),
        ("167 cm", "1.67"),
        ("167cm", "1.67"),
        ("167.5 centimetres", "1.68"),
        ("6 ft 2 in", "1.88"),
        ("6-foot-2", "1.88"),
        ("six-foot-two", "1.88"),
        ("5 feet 7 inches", "1.70"),
        ("5 ft. 7 in.", "1.70"),
        ("6'2\"", "1.88"),
        ("6\u20322\u2033", "1.88"),
        ("6 feet", "1.83"),
        ("six feet tall", "1.83"),
        ("74 inches", "1.88"),
    ],
)
def test_normalize_height(text, metres):
    assert normalize_height(text) == metres


@pytest.mark.parametrize("text", ["", "tall", "0 m", "6 ft 14 in", "1.67", "20 km", "six"])
def test_unreadable_heights(text):
    assert normalize_height(text) is None


# --------------------------------------------------------------------------- ages


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("34 years of age", "34"),
        ("34-year-old", "34"),
        ("34 year old", "34"),
        ("34-years-old", "34"),
        ("34 years old", "34"),
        ("aged 34", "34"),
        ("Aged 34", "34"),
        ("age 34", "34"),
        ("at the age of 34", "34"),
        ("age of 34", "34"),
        ("34", "34"),
        ("thirty-four", "34"),
        ("thirty-four-year-old", "34"),
        ("Twelve years old", "12"),
        ("34 yo", "34"),
        ("was 74", "74"),
    ],
)
def test_normalize_age(text, age):
    assert normalize_age(text) == age


@pytest.mark.parametrize("text", ["", "old", "200", "18-month-old", "34 years ago", "age"])
def test_unreadable_ages(text):
    assert normalize_age(text) is None


@pytest.mark.parametrize(
    ("text", "allowed"),
    [
        ("July 1, 1974 10:00 EST", {"1974-07-01"}),
        ("1974 J", {None, "1974"}),
        ("May 1974 M", {None, "1974", "1974-05"}),
    ],
)
def test_dates_with_zone_letters_do_not_warn(text, allowed):
    # dateutil warns about unknown time zone names; warnings are errors under pytest
    assert normalize_date(text, REF) in allowed


@pytest.mark.parametrize(
    "text",
    [
        "::",
        "1:",
        ":1",
        "--",
        "1.2.3.4",
        "ft in",
        "'\"",
        "\n",
        "\u00a0",
        "99999999999 hours",
        "a" * 500,
    ],
)
def test_normalisers_never_raise(text):
    for fn in (normalize_duration, normalize_height, normalize_age, parse_number_word):
        fn(text)
    normalize_date(text)
    normalize_date(text, REF)
