"""End to end on the shared seeds: 004 is the KB entry, 000 a news report about him."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbp.io import read_documents, read_kb
from kbp.kb import open_store
from kbp.pipeline import Pipeline

from .conftest import SEED_KB, SEED_NEWS, exported

pytestmark = pytest.mark.slow

NEWS_ID = SEED_NEWS.stem
KB_ID = SEED_KB.stem


@pytest.fixture(scope="module")
def kb(tmp_path_factory, seeds_dir):
    db = tmp_path_factory.mktemp("seeds") / "kb.db"
    with open_store(db) as store:
        pipe = Pipeline(store)
        r1 = pipe.add_kb(read_kb([SEED_KB]))
        r2 = pipe.ingest(read_documents([SEED_NEWS]))
        assert r1.failed == r2.failed == 0
        return {"db": db, **exported(store)}


def _raw(doc_id: str) -> str:
    path = {NEWS_ID: SEED_NEWS, KB_ID: SEED_KB}[doc_id]
    return Path(path).read_text(encoding="utf-8")


def _facts(kb, name_part: str, slot: str) -> list[dict]:
    return [
        f
        for f in kb["facts"]
        if name_part.lower() in f["subject"]["name"].lower() and f["slot"] == slot
    ]


def _perez(kb) -> list[dict]:
    return [f for f in kb["facts"] if f["subject"]["kb_id"] == "Jefferson_Pérez"]


def test_seeds_every_perez_mention_links_to_the_kb_entry(kb):
    perez = [
        m
        for m in kb["mentions"]
        if m["doc_id"] == NEWS_ID and ("Perez" in m["text"] or m["text"] == "Jefferson")
    ]
    assert len(perez) >= 10
    assert {m["kb_id"] for m in perez} == {"Jefferson_Pérez"}
    assert len({m["entity_id"] for m in perez}) == 1
    kb_entity = {m["entity_id"] for m in kb["mentions"] if m["doc_id"] == KB_ID
                 and m["kb_id"] == "Jefferson_Pérez"}
    assert kb_entity == {perez[0]["entity_id"]}
    # the news link carries the linker's calibrated score; the KB entry's own name none
    assert len({m["link_score"] for m in perez}) == 1
    assert 0.5 < perez[0]["link_score"] <= 1.0
    assert {m["link_score"] for m in kb["mentions"] if m["doc_id"] == KB_ID
            and m["kb_id"] == "Jefferson_Pérez"} == {None}


def test_seeds_headline_gives_the_name_and_no_run_together_words(kb):
    head = _raw(NEWS_ID).split("\n", 1)[0]
    assert head == "Jefferson Perez Triumphs at Final Olympic Race"
    in_head = [m for m in kb["mentions"] if m["doc_id"] == NEWS_ID and m["end"] <= len(head)]
    assert [(m["start"], m["text"], m["kb_id"]) for m in in_head if m["type"] == "PER"] == [
        (0, "Jefferson Perez", "Jefferson_Pérez")]
    assert not [m["text"] for m in in_head if m["type"] in ("ORG", "FAC")]


@pytest.mark.parametrize("name", ["Valery Borchin", "Jared Tallent", "Manuel Ortiz",
                                  "Enrique Pena"])
def test_seeds_other_people_are_distinct_new_entities(kb, name):
    hits = [m for m in kb["mentions"] if m["doc_id"] == NEWS_ID and m["text"] == name]
    assert hits, f"{name} not found as a mention"
    assert {m["kb_id"] for m in hits} == {None}
    ids = {m["entity_id"] for m in hits}
    assert len(ids) == 1
    others = {m["entity_id"] for m in kb["mentions"] if m["text"] in
              {"Valery Borchin", "Jared Tallent", "Manuel Ortiz", "Enrique Pena"} - {name}}
    others |= {m["entity_id"] for m in kb["mentions"] if m["kb_id"] == "Jefferson_Pérez"}
    assert not ids & others


def _one(facts: list[dict], value: str) -> dict:
    hits = [f for f in facts if f["value"] == value]
    assert hits, f"no fact with value {value!r} in {[f['value'] for f in facts]}"
    return hits[0]


def test_seeds_perez_core_facts(kb):
    p = _perez(kb)
    by_slot = lambda s: [f for f in p if f["slot"] == s]  # noqa: E731
    assert _one(by_slot("per:age"), "34")["status"] == "corroborated"
    cuenca = _one(by_slot("per:city_of_birth"), "Cuenca")
    assert cuenca["status"] == "corroborated"
    assert {pr["doc_id"] for pr in cuenca["provenance"]} == {NEWS_ID, KB_ID}
    assert _one(by_slot("per:origin"), "Ecuador")
    assert _one(by_slot("per:date_of_birth"), "1974-07-01")["status"] in ("kb", "corroborated")
    parents = {f["value"] for f in by_slot("per:parents")}
    assert {"Manuel Jesús Pérez", "María Lucrecia Quezada"} <= parents
    assert "Fabián" in {f["value"] for f in by_slot("per:siblings")}
    schools = {f["value"] for f in by_slot("per:schools_attended")}
    assert {"Eugenio Espejo", "Gabriela Cevallos", "Francisco Febres Cordero"} <= schools
    assert "Jefferson Leonardo Pérez Quezada" in {f["value"] for f in
                                                   by_slot("per:alternate_names")}
    height = _one(by_slot("per:height"), "1.67")
    assert height["status"] == "new"
    coaches = {f["value"] for f in by_slot("per:coach")}
    assert {"Manuel Ortiz", "Enrique Pena"} <= coaches


def _result(facts, competition: str, year: str) -> dict:
    hits = [f for f in facts if f["slot"] == "per:competition_result"
            and f["qualifiers"].get("competition") == competition
            and f["qualifiers"].get("year") == year]
    assert hits, f"no {year} {competition} result in {[f['value'] for f in facts]}"
    return hits[0]


def test_seeds_competition_results(kb):
    p = _perez(kb)
    gold = _result(p, "Olympic Games", "1996")
    assert gold["qualifiers"]["medal"] == "gold"
    assert gold["status"] == "corroborated"
    silver = _result(p, "Olympic Games", "2008")
    assert silver["qualifiers"]["medal"] == "silver"
    assert _result(p, "World Championships", "2003")["qualifiers"]["time"] == "1:17:21"
    borchin = _facts(kb, "Borchin", "per:competition_result")
    b = _result(borchin, "Olympic Games", "2008")
    assert (b["qualifiers"]["medal"], b["qualifiers"]["time"]) == ("gold", "1:19:01")
    assert _one(_facts(kb, "Borchin", "per:origin"), "Russia")
    tallent = _facts(kb, "Tallent", "per:competition_result")
    assert tallent and tallent[0]["qualifiers"]["medal"] == "bronze"
    assert _one(_facts(kb, "Tallent", "per:origin"), "Australia")


def test_seeds_provenance_points_at_the_filler_in_the_right_file(kb):
    checked = 0
    for f in kb["facts"]:
        for pr in f["provenance"]:
            raw = _raw(pr["doc_id"])
            assert 0 <= pr["start"] < pr["end"] <= len(raw)
            text = raw[pr["start"] : pr["end"]]
            if f["slot"] in ("per:city_of_birth", "per:parents", "per:siblings",
                             "per:schools_attended", "per:coach"):
                assert text == f["value"], (f["slot"], f["value"], text)
                checked += 1
    assert checked >= 10
    age = [pr for f in _perez(kb) if f["slot"] == "per:age" for pr in f["provenance"]]
    assert {_raw(pr["doc_id"])[pr["start"] : pr["end"]] for pr in age} == {"34 years of age"}


def test_seeds_reingest_is_a_no_op(kb):
    with open_store(kb["db"]) as store:
        before = store.stats()
        pipe = Pipeline(store)
        assert pipe.ingest(read_documents([SEED_NEWS])).unchanged == 1
        assert pipe.add_kb(read_kb([SEED_KB])).unchanged == 1
        assert store.stats() == before


def test_seeds_derived_time_cites_both_sources_with_lower_confidence(kb):
    derived = [f for f in _perez(kb) if f["slot"] == "per:competition_result"
               and f["qualifiers"].get("derived")]
    assert len(derived) == 1
    fact = derived[0]
    assert fact["qualifiers"]["time"] == "1:19:15" and fact["qualifiers"]["year"] == "2008"
    cited = {_raw(p["doc_id"])[p["start"] : p["end"]] for p in fact["provenance"]}
    assert cited == {"14 seconds", "1 hour, 19 minutes, 1 second"}
    stated = _result([f for f in _perez(kb) if not f["qualifiers"].get("derived")],
                     "Olympic Games", "2008")
    assert fact["confidence"] < stated["confidence"]
