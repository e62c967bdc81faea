"""The ``tac-el`` export: one ``query_id, kb_id or NILnnnn, confidence`` line per mention."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from kbp.kb import FORMATS, SQLiteStore, export
from kbp.kb.tac import export_tac_el
from kbp.types import Mention


def mention(doc_id: str, start: int, text: str, type_: str = "PER") -> Mention:
    return Mention(doc_id, start, start + len(text), text, type_)


@pytest.fixture
def store() -> Iterator[SQLiteStore]:
    s = SQLiteStore(":memory:")
    curie = s.ensure_kb_entity("Marie_Curie", "Marie Curie", "PER")
    pierre = s.new_entity("Pierre Curie", "PER")
    acme = s.new_entity("Acme Labs", "ORG")
    s.add_mentions("doc2", [
        (mention("doc2", 0, "Acme Labs", "ORG"), 0, 9, acme),
        (mention("doc2", 20, "Pierre"), 20, 26, pierre),
        (mention("doc2", 40, "Curie"), 41, 46, curie),  # raw offsets differ from clean ones
    ])
    s.add_mentions("doc1", [
        (mention("doc1", 0, "Marie Curie"), 0, 11, curie),
        (mention("doc1", 16, "Pierre Curie"), 16, 28, pierre),
        (mention("doc1", 40, "1903", "DATE"), 40, 44, None),  # no entity: not a link
    ])
    yield s
    s.close()


def test_tac_el_lines(store: SQLiteStore) -> None:
    out = io.StringIO()
    written = export_tac_el(store, out)
    assert out.getvalue().splitlines() == [
        "doc1:0-11\tMarie_Curie\t1.0",
        "doc1:16-28\tNIL0001\t1.0",
        "doc2:0-9\tNIL0002\t1.0",
        "doc2:20-26\tNIL0001\t1.0",  # same NIL entity, same number across documents
        "doc2:41-46\tMarie_Curie\t1.0",
    ]
    assert written == 5


@pytest.mark.parametrize("min_confidence", [0.0, 0.5, 1.0])
def test_tac_el_is_registered_and_keeps_every_link(
    store: SQLiteStore, min_confidence: float
) -> None:
    assert FORMATS["tac-el"] is export_tac_el
    out = io.StringIO()
    assert export(store, "tac-el", out, min_confidence=min_confidence) == 5
    assert all(len(line.split("\t")) == 3 for line in out.getvalue().splitlines())


def test_tac_el_confidence_is_the_link_score() -> None:
    with SQLiteStore(":memory:") as s:
        curie = s.ensure_kb_entity("Marie_Curie", "Marie Curie", "PER")
        pierre = s.new_entity("Pierre Curie", "PER")
        s.add_mentions("d", [(mention("d", 0, "Marie Curie"), 0, 11, curie),
                             (mention("d", 16, "Pierre"), 16, 22, pierre)],
                       {curie: 0.875, pierre: 0.42})
        out = io.StringIO()
        assert export_tac_el(s, out) == 2
        assert out.getvalue().splitlines() == ["d:0-11\tMarie_Curie\t0.875",
                                               "d:16-22\tNIL0001\t0.42"]
        out = io.StringIO()
        assert export_tac_el(s, out, min_confidence=0.5) == 1
        assert out.getvalue().startswith("d:0-11\tMarie_Curie")


def test_tac_el_empty_store() -> None:
    with SQLiteStore(":memory:") as s:
        out = io.StringIO()
        assert export_tac_el(s, out) == 0
        assert out.getvalue() == ""


def test_cli_export_tac_el(tmp_path) -> None:
    from typer.testing import CliRunner

    from kbp.cli import app

    db = tmp_path / "kb.db"
    with SQLiteStore(db) as s:
        nil = s.new_entity("Acme Labs", "ORG")
        s.add_mentions("d", [(mention("d", 3, "Acme", "ORG"), 3, 7, nil)])
    result = CliRunner().invoke(app, ["--db", str(db), "-q", "export", "--format", "tac-el"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["d:3-7\tNIL0001\t1.0"]


def test_tac_sf_lines_use_inclusive_offsets_and_filter_confidence() -> None:
    from kbp.kb.tac import export_tac_sf
    from kbp.types import Fact, Provenance

    s = SQLiteStore(":memory:")
    curie = s.ensure_kb_entity("Marie_Curie", "Marie Curie", "PER")
    nil = s.new_entity("Pierre Curie", "PER")
    prov = Provenance("doc1", 30, 36, "Marie Curie was born in Warsaw.", "t", 0, 31)
    s.add_fact(Fact(curie, "per:city_of_birth", "Warsaw", 0.9, (prov,)), "source")
    s.add_fact(Fact(nil, "per:title", "physicist", 0.4,
                    (Provenance("doc2", 5, 14, "s", "t"),)), "source")
    out = io.StringIO()
    assert export_tac_sf(s, out, min_confidence=0.5) == 1
    assert out.getvalue() == (
        "Marie_Curie\tper:city_of_birth\tkbp\tdoc1:0-30\tWarsaw\tdoc1:30-35\t0.900\n")
    assert "tac-sf" in FORMATS
    out = io.StringIO()
    assert export_tac_sf(s, out) == 2
    assert out.getvalue().splitlines()[1].startswith(f"{nil}\tper:title\tkbp\tdoc2:5-13\t")
    s.close()
