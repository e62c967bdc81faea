"""Encyclopedia article cleaning and the offset-map helpers it is built on."""

from __future__ import annotations

import html
import random
import re

import pytest

from kbp.io.cleaning import clean_article
from kbp.io.offsets import TextBuilder, apply_edits, compose, drop_prefix
from kbp.types import OffsetMap

_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _source_of(raw: str, r: int) -> str:
    """The raw character at ``r``, or what the entity starting there decodes to."""
    entity = _ENTITY.match(raw, r)
    if entity and html.unescape(entity.group(0)) != entity.group(0):
        return html.unescape(entity.group(0)).replace("\xa0", " ")
    return raw[r]


def _check_offsets(raw: str, text: str, offsets: OffsetMap) -> int:
    """Assert the map property; return how many characters were inserted."""
    inserted = 0
    for i, ch in enumerate(text):
        r = offsets.to_raw(i)
        assert 0 <= r < len(raw)
        if _source_of(raw, r) == ch or (ch.isspace() and _source_of(raw, r).isspace()):
            continue  # the same character, or whitespace replaced by a separator
        # an inserted separator maps to the next real character
        assert ch in " \n", (i, ch, raw[r - 5 : r + 5])
        j = i + 1
        while text[j] in " \n" and _source_of(raw, offsets.to_raw(j)) != text[j]:
            j += 1
        assert offsets.to_raw(j) == r and _source_of(raw, r) == text[j]
        inserted += 1
    return inserted


# -- the seed article --------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(seed_article):
    raw = seed_article.read_text(encoding="utf-8")
    return raw, clean_article(raw)


def test_seed_glue_is_fixed(seed) -> None:
    _, c = seed
    assert "Personal lifeJefferson" not in c.text
    assert "Personal life\n\nJefferson was born" in c.text
    assert "Greece.\n\nPersonal life" in c.text
    assert "The beginnings\n\nHe entered" in c.text
    assert "Individual Achievements\n\nHis first" in c.text
    assert "1:17:21. Pérez" in c.text
    assert "Games. He won" in c.text
    assert "2008 In the 2003" in c.text
    assert "&quot;" not in c.text and "&nbsp;" not in c.text and "&amp;" not in c.text
    assert '"True Olympians"' in c.text and "20 km walk" in c.text
    assert "Tallent & Plätzer" in c.text


def test_seed_headings(seed) -> None:
    _, c = seed
    assert [c.text[s:e] for s, e in c.headings] == [
        "Personal life", "The beginnings", "Individual Achievements"]


def test_seed_tail_is_cut(seed) -> None:
    _, c = seed
    assert c.text.startswith("Jefferson Leonardo Pérez Quezada (born July 1, 1974")
    assert c.text.endswith("Race Walking Challenge Final - IAAF")
    for gone in ("|title=", "External links", "References", "Category:", "ja:", "Kanaykin"):
        assert gone not in c.text


def test_seed_categories(seed) -> None:
    raw, c = seed
    names = [name for name, _, _ in c.categories]
    assert len(names) == 13
    for expected in (
        "1974 births",
        "Olympic gold medalists for Ecuador",
        "Athletes at the 1996 Summer Olympics",
        "Olympic silver medalists for Ecuador",
    ):
        assert expected in names
    assert not any(n.endswith("ca") or ":" in n for n in names)
    for name, start, end in c.categories:
        assert raw[start:end] == name
        assert raw[start - len("Category:") : start] == "Category:"


def test_seed_interlanguage(seed) -> None:
    _, c = seed
    links = dict(c.interlanguage)
    assert c.interlanguage[0] == ("ca", "Jefferson Pérez")
    assert links["ja"] == "ジェファーソン・ペレス" and links["zh"] == "赫费尔松·佩雷斯"
    assert links["lv"] == "Džefersons Peress"
    assert len(c.interlanguage) == 18


def test_seed_offset_map_property(seed) -> None:
    raw, c = seed
    inserted = _check_offsets(raw, c.text, c.offsets)
    assert 5 <= inserted <= 30
    for s, e in c.headings:
        rs, re_ = c.offsets.span_to_raw(s, e)
        assert raw[rs:re_] == c.text[s:e]


# -- rules on small texts ----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("He served in the U.S. Army.", "He served in the U.S. Army."),
        ("Written by J.R.R. Tolkien in 1937.", "Written by J.R.R. Tolkien in 1937."),
        ("She got a Ph.D. in 1990.", "She got a Ph.D. in 1990."),
        ("He won.She lost.", "He won. She lost."),
        ("Visit www.Example.org today.", "Visit www.Example.org today."),
        ("AT&amp;T &lt;b&gt; caf&eacute;&nbsp;bar", "AT&T <b> café bar"),
        ("JavaScript is a language.", "JavaScript is a language."),
        ("In 1990MacArthur rose.", "In 1990 MacArthur rose."),
        ("The A320Neo flew.", "The A320Neo flew."),
        ("The year 1990In that year.", "The year 1990 In that year."),
    ],
)
def test_cleaning_rules(raw: str, expected: str) -> None:
    c = clean_article(raw)
    assert c.text == expected
    _check_offsets(raw, c.text, c.offsets)


def test_camel_case_inside_a_long_sentence_is_kept() -> None:
    raw = "The company later sold its stake in the popular PlayStation maker to others."
    assert clean_article(raw).text == raw


def test_standalone_tail_heading_and_links_without_categories() -> None:
    body = "Foo Bar is a town. " * 10
    raw = f"  {body}\nSee also\nBaz town\nde:Foo Bar fr:Foo Bar"
    c = clean_article(raw)
    assert c.text == body.strip()
    assert c.offsets.to_raw(0) == 2
    assert c.interlanguage == (("de", "Foo Bar"), ("fr", "Foo Bar"))
    assert c.categories == ()


def test_lead_prose_is_not_cut() -> None:
    raw = "Notes From Underground is a novel. " + "It is long. " * 20
    assert clean_article(raw).text == raw.strip()


def test_succession_box_is_cut() -> None:
    body = "Ann Lee won the race in 2001. " * 5
    raw = body + "\nPreceded by  Joe Doe|title=Champion|years=2001|after= Sam Poe"
    assert clean_article(raw).text == body.strip()
    flat = body + "Preceded by  Joe Doe|title=Champion|years=2001|after= Sam Poe"
    assert clean_article(flat).text == body.strip() + " Preceded by"


# -- offset helpers ----------------------------------------------------------------


def test_compose_matches_two_step_mapping() -> None:
    rng = random.Random(7)
    raw = "".join(rng.choice("abc &.") for _ in range(400))
    for _ in range(20):
        edits1 = _random_edits(rng, raw)
        text1, map1 = apply_edits(raw, edits1)
        edits2 = _random_edits(rng, text1)
        text2, map2 = apply_edits(text1, edits2)
        both = compose(map2, map1)
        for x in range(len(text2)):
            assert both.to_raw(x) == map1.to_raw(map2.to_raw(x))
        tail = drop_prefix(both, 3)
        assert all(tail.to_raw(x) == both.to_raw(x + 3) for x in range(len(text2) - 3))


def _random_edits(rng: random.Random, text: str) -> list[tuple[int, int, str]]:
    cuts = sorted(rng.sample(range(len(text)), 12))
    edits = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=True):
        b = min(b, a + rng.choice([0, 1, 4]))
        edits.append((a, b, rng.choice(["", " ", "\n\n", "X"])))
    return edits


def test_text_builder_maps_copies_and_insertions() -> None:
    raw = "<p>ab &amp; cd</p>"
    out = TextBuilder()
    out.copy("ab ", 3)
    out.put("&", 6, 5)
    out.put("\n", 11)
    out.copy(" cd", 11)
    text, offsets = out.build()
    assert text == "ab &\n cd"
    assert [offsets.to_raw(i) for i in range(len(text))] == [3, 4, 5, 6, 11, 11, 12, 13]
    assert raw[offsets.to_raw(text.index("cd"))] == "c"
