"""JSON Lines exports and the terminal entity profile."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from rich.console import Console

from kbp.errors import ConfigError
from kbp.kb import FORMATS, SQLiteStore, export, export_facts, export_mentions
from kbp.kb.profile import entity_profile, format_value, render_profile
from kbp.types import Fact, Mention, Provenance

FACT_KEYS = {"subject", "slot", "value", "object", "qualifiers", "confidence", "status",
             "sources", "provenance"}


def fact(subject: str, slot: str, value: str, doc_id: str = "d1", confidence: float = 0.8,
         object: str | None = None, **qualifiers: str) -> Fact:
    prov = Provenance(doc_id, 10, 10 + len(value), f"... {value} ...", extractor="test")
    return Fact(subject, slot, value, confidence, (prov,), object=object, qualifiers=qualifiers)


@pytest.fixture
def store() -> Iterator[SQLiteStore]:
    s = SQLiteStore(":memory:")
    perez = s.ensure_kb_entity("Q312", "Jefferson Pérez", "PER", ["Pérez"])
    ecuador = s.ensure_kb_entity("Q736", "Ecuador", "GPE")
    rosa = s.new_entity("Rosa Pérez", "MISC")
    s.add_fact(fact(perez, "per:country_of_birth", "Ecuador", "kb:Q312", 1.0, ecuador), "kb")
    s.add_fact(fact(perez, "per:country_of_birth", "Ecuador", "d1", 0.7, ecuador), "source")
    s.add_fact(fact(perez, "per:competition_result", "gold", "d1", 0.654321,
                    competition="Olympic Games", year="1996", event="20 km walk",
                    time="1:20:07"), "source")
    s.add_fact(fact(perez, "per:date_of_birth", "1974-07-01", "kb:Q312", 1.0), "kb")
    s.add_fact(fact(perez, "per:date_of_birth", "1975", "d2", 0.4), "source")
    s.add_fact(fact(rosa, "per:title", "coach", "d2", 0.3), "source")
    s.add_mentions("d1", [(Mention("d1", 0, 15, "Jefferson Pérez", "PER"), 5, 20, perez),
                          (Mention("d1", 30, 37, "Ecuador", "GPE"), 35, 42, None)],
                   {perez: 0.93})
    yield s
    s.close()


def lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


def test_export_facts_line_shape(store: SQLiteStore) -> None:
    out = io.StringIO()
    written = export_facts(store, out)
    records = lines(out.getvalue())
    assert written == len(records) == 5
    for record in records:
        assert set(record) == FACT_KEYS
        assert set(record["subject"]) == {"id", "name", "type", "kb_id"}  # type: ignore[arg-type]
        assert record["object"] is None or set(record["object"]) == {"id", "name", "type"}  # type: ignore[arg-type]
        assert record["status"] in {"kb", "new", "corroborated", "conflict"}
        for prov in record["provenance"]:  # type: ignore[attr-defined]
            assert set(prov) == {"doc_id", "start", "end", "snippet", "extractor"}
    # ordered by subject name, slot, value
    keys = [(r["subject"]["name"], r["slot"], r["value"]) for r in records]  # type: ignore[index]
    assert keys == sorted(keys)


def test_export_facts_values(store: SQLiteStore) -> None:
    out = io.StringIO()
    export_facts(store, out)
    records = {(r["slot"], r["value"]): r for r in lines(out.getvalue())}
    country = records[("per:country_of_birth", "Ecuador")]
    assert country["subject"] == {"id": "E1", "name": "Jefferson Pérez", "type": "PER",
                                  "kb_id": "Q312"}
    assert country["object"] == {"id": "E2", "name": "Ecuador", "type": "GPE"}
    assert (country["status"], country["sources"], country["confidence"]) == (
        "corroborated", 2, 1.0)
    result = records[("per:competition_result", "gold")]
    assert result["confidence"] == 0.654
    assert result["qualifiers"] == {"competition": "Olympic Games", "year": "1996",
                                    "event": "20 km walk", "time": "1:20:07"}
    assert result["provenance"] == [{"doc_id": "d1", "start": 10, "end": 14,
                                     "snippet": "... gold ...", "extractor": "test"}]
    assert records[("per:date_of_birth", "1975")]["status"] == "conflict"
    coach = records[("per:title", "coach")]
    assert coach["subject"]["type"] is None  # "MISC" is not an entity type
    assert coach["subject"]["kb_id"] is None


def test_export_facts_min_confidence(store: SQLiteStore) -> None:
    out = io.StringIO()
    assert export_facts(store, out, min_confidence=0.5) == 3
    assert all(r["confidence"] >= 0.5 for r in lines(out.getvalue()))  # type: ignore[operator]


def test_export_empty_store() -> None:
    with SQLiteStore(":memory:") as empty:
        out = io.StringIO()
        assert export_facts(empty, out) == 0
        assert export_mentions(empty, out) == 0
        assert out.getvalue() == ""


def test_export_mentions(store: SQLiteStore) -> None:
    out = io.StringIO()
    assert export_mentions(store, out) == 2
    assert lines(out.getvalue()) == [
        {"doc_id": "d1", "start": 5, "end": 20, "text": "Jefferson Pérez", "type": "PER",
         "entity_id": "E1", "kb_id": "Q312", "link_score": 0.93},
        {"doc_id": "d1", "start": 35, "end": 42, "text": "Ecuador", "type": "GPE",
         "entity_id": None, "kb_id": None, "link_score": None},
    ]


def test_formats_registry(store: SQLiteStore) -> None:
    assert {"facts", "mentions"} <= set(FORMATS)
    out = io.StringIO()
    assert export(store, "mentions", out) == 2
    with pytest.raises(ConfigError, match="tac-xx"):
        export(store, "tac-xx", io.StringIO())


def test_profile_contents(store: SQLiteStore) -> None:
    profile = entity_profile(store, "E1")
    assert profile["entity"] == {"id": "E1", "name": "Jefferson Pérez", "type": "PER",
                                 "kb_id": "Q312"}
    assert profile["aliases"] == ["Pérez"]
    assert list(profile["facts"]) == ["per:date_of_birth", "per:country_of_birth",
                                      "per:competition_result"]
    births = profile["facts"]["per:date_of_birth"]
    assert [b["value"] for b in births] == ["1974-07-01", "1975"]
    assert {b["status"] for b in births} == {"conflict"}
    assert set(entity_profile(store, "E1", min_confidence=0.9)["facts"]) == {
        "per:date_of_birth", "per:country_of_birth"}
    with pytest.raises(KeyError, match="E99"):
        entity_profile(store, "E99")


def render(store: SQLiteStore, entity_id: str) -> str:
    console = Console(record=True, width=120, color_system=None)
    render_profile(entity_profile(store, entity_id), console)
    return console.export_text()


def test_render_profile(store: SQLiteStore) -> None:
    text = render(store, "E1")
    assert "Jefferson Pérez" in text and "Q312" in text and "Pérez" in text
    assert "gold · Olympic Games · 20 km walk · 1996 · 1:20:07" in text
    assert "corroborated" in text and "conflict" in text
    assert "d1, kb:Q312" in text


def test_render_nil_profile(store: SQLiteStore) -> None:
    text = render(store, "E3")
    assert "Rosa Pérez" in text and "NIL (new entity)" in text
    assert "coach" in text and "new" in text


def test_render_shows_markup_literally(store: SQLiteStore) -> None:
    shady = store.new_entity("[bold]Mallory[/bold]", "PER")
    store.add_aliases(shady, ["[red]M[/red]"])
    store.add_fact(fact(shady, "per:title", "[bold]chief[/bold] [link=x]y", "[i]doc"), "source")
    text = render(store, shady)
    assert "[bold]Mallory[/bold]" in text
    assert "[red]M[/red]" in text
    assert "[bold]chief[/bold] [link=x]y" in text
    assert "[i]doc" in text


@pytest.mark.parametrize(
    ("value", "qualifiers", "expected"),
    [
        ("gold", {"event": "20 km walk", "time": "1:17:21"}, "gold · 20 km walk · 1:17:21"),
        ("gold", {"medal": "Gold", "event": "20 km walk"}, "gold · 20 km walk"),
        ("1st", {"competition": "2003 World Championships", "year": "2003"},
         "1st · 2003 World Championships"),
        ("Cuenca", {}, "Cuenca"),
        ("coach", {"zz": "x", "employer": "FEA"}, "coach · FEA · x"),
    ],
)
def test_format_value(value: str, qualifiers: dict[str, str], expected: str) -> None:
    assert format_value(value, qualifiers) == expected
