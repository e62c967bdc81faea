"""The SQLite store's linking index: query plans, and upgrading a version-1 store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kbp.errors import StoreError
from kbp.kb import sqlite_schema as sql
from kbp.kb.sqlite import SQLiteStore
from kbp.types import Mention


def plan(store: SQLiteStore, query: str, params: tuple[object, ...]) -> list[str]:
    return [r[3] for r in store._conn.execute(f"EXPLAIN QUERY PLAN {query}", params)]


@pytest.mark.parametrize(
    ("query", "params"),
    [
        (sql.KB_ENTITIES_BY_ALIAS, ("perez",)),
        (sql.ALIASES_WITH_TOKEN, ("perez", 200)),
        (sql.LINK_COUNTS, ("perez",)),
        ("SELECT text FROM contexts WHERE entity_id = ?", ("E1",)),
        (sql.ENTITIES_BY_KB_IDS, ('["Q312"]',)),
    ],
)
def test_linking_lookups_are_index_searches(
    tmp_path: Path, query: str, params: tuple[object, ...]
) -> None:
    with SQLiteStore(tmp_path / "kb.sqlite") as store:
        store.ensure_kb_entity("Q312", "Jefferson Pérez", "PER", ["Pérez"])
        steps = plan(store, query, params)
    assert steps
    for step in steps:
        # json_each is the parameter list of a bulk lookup, not a table
        assert step.startswith("SEARCH") or "json_each" in step or step == "LIST SUBQUERY 1"
        assert "TEMP B-TREE" not in step


def write_version_1_store(path: Path) -> dict[str, str]:
    """A store as kbp wrote it before the linking tables existed."""
    with SQLiteStore(path) as store:
        ids = {
            "perez": store.ensure_kb_entity("Q312", "Jefferson Pérez", "PER", ["Pérez"]),
            "quito": store.ensure_kb_entity("Q2900", "Quito", "GPE", ["San Francisco de Quito"]),
            "rosa": store.new_entity("Rosa Pérez", "PER"),
        }
        store.set_entity_context(ids["perez"], "athlete walk")
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("DROP TABLE alias_tokens")
        conn.execute("DROP TABLE link_counts")
        conn.execute("ALTER TABLE mentions DROP COLUMN link_score")
        conn.execute("UPDATE kbp_schema SET version = 1")
    finally:
        conn.close()
    return ids


def schema_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT MAX(version) FROM kbp_schema").fetchone()[0])
    finally:
        conn.close()


def test_version_1_store_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "kb.sqlite"
    ids = write_version_1_store(path)
    assert schema_version(path) == 1
    with SQLiteStore(path) as store:
        assert sorted(store.aliases_with_token("perez")) == ["jefferson perez", "perez"]
        assert store.aliases_with_token("quito") == ["quito", "san francisco de quito"]
        assert store.aliases_with_token("rosa") == []  # NIL names are not indexed
        assert [e.id for e in store.kb_entities_by_alias("perez")] == [ids["perez"]]
        assert store.entity_context(ids["perez"]) == "athlete walk"
        assert store.link_counts("quito") == {}
        store.add_link_counts([("Quito", "Q2900", 2)])
        lima = store.ensure_kb_entity("Q2868", "Lima", "GPE")
        assert store.aliases_with_token("lima") == ["lima"]
        assert lima not in ids.values()
    assert schema_version(path) == sql.SCHEMA_VERSION == 3
    with SQLiteStore(path) as store:  # opening it again changes nothing
        assert store.link_counts("quito") == {"Q2900": 2}
        assert store.stats()["entities"] == 4


def test_version_2_store_gains_link_scores(tmp_path: Path) -> None:
    path = tmp_path / "kb.sqlite"
    with SQLiteStore(path) as store:
        perez = store.ensure_kb_entity("Q312", "Jefferson Pérez", "PER")
        store.add_mentions("d1", [(Mention("d1", 0, 5, "Pérez", "PER"), 0, 5, perez)])
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("ALTER TABLE mentions DROP COLUMN link_score")
    conn.execute("UPDATE kbp_schema SET version = 2")
    conn.close()
    with SQLiteStore(path) as store:
        assert next(store.mentions())["link_score"] is None  # stored before: unknown
        store.add_mentions("d2", [(Mention("d2", 0, 5, "Pérez", "PER"), 0, 5, perez)],
                           {perez: 0.8})
        assert [m["link_score"] for m in store.mentions()] == [None, 0.8]
    assert schema_version(path) == 3


def test_failed_upgrade_leaves_the_version_1_store(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "kb.sqlite"
    write_version_1_store(path)

    def broken(folded: str) -> list[str]:
        raise RuntimeError("interrupted")

    monkeypatch.setattr(sql, "alias_tokens", broken)
    with pytest.raises(RuntimeError, match="interrupted"):
        SQLiteStore(path)
    assert schema_version(path) == 1
    monkeypatch.undo()
    with SQLiteStore(path) as store:
        assert "perez" in store.aliases_with_token("perez")


def test_store_of_a_newer_kbp_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kb.sqlite"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE kbp_schema SET version = ?", (sql.SCHEMA_VERSION + 1,))
    conn.close()
    with pytest.raises(StoreError, match="newer than this kbp"):
        SQLiteStore(path)


def test_bulk_load_writes_the_same_store_as_one_by_one(tmp_path: Path) -> None:
    rows = [(f"Q{i}", f"Name{i % 7} Family{i}", "PER" if i % 2 else None,
             [f"N. Family{i}", f"Family{i}"], f"context {i}") for i in range(300)]
    rows.append(("Q5", "Name5 Family5", "PER", ["Fam Five"], "context again"))
    with SQLiteStore(tmp_path / "bulk.sqlite") as bulk, \
            SQLiteStore(tmp_path / "single.sqlite") as single:
        with bulk.transaction():
            bulk_ids = bulk.ensure_kb_entities(rows)
        single_ids = []
        with single.transaction():
            for kb_id, name, type_, aliases, context in rows:
                single_ids.append(single.ensure_kb_entity(kb_id, name, type_, aliases))
                single.set_entity_context(single_ids[-1], context)
        assert bulk_ids == single_ids
        assert list(bulk.kb_entities()) == list(single.kb_entities())
        assert list(bulk.entity_contexts()) == list(single.entity_contexts())
        for token in ("name3", "family5", "fam", "n."):
            assert bulk.aliases_with_token(token) == single.aliases_with_token(token)
