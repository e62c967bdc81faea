"""The SQLite store's tables, its fixed SQL statements, and opening a file as a store.

Every statement takes its values as ``?`` parameters; see :mod:`kbp.kb.sqlite`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kbp.errors import StoreError

__all__ = ["SCHEMA", "SCHEMA_VERSION", "connect"]

#: Bumped whenever the tables change; a store written by a newer kbp is refused.
SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE kbp_schema (version INTEGER NOT NULL);
CREATE TABLE documents (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, kind TEXT NOT NULL, digest TEXT NOT NULL,
    title TEXT, date TEXT);
CREATE TABLE entities (
    n INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT GENERATED ALWAYS AS ('E' || n) VIRTUAL,
    name TEXT NOT NULL, type TEXT, kb_id TEXT UNIQUE);
CREATE UNIQUE INDEX entities_id ON entities(id);
CREATE TABLE aliases (
    entity_id TEXT NOT NULL, alias TEXT NOT NULL, folded TEXT NOT NULL,
    PRIMARY KEY (entity_id, folded));
CREATE INDEX aliases_folded ON aliases(folded);
CREATE TABLE contexts (entity_id TEXT PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE mentions (
    doc_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, type TEXT NOT NULL, entity_id TEXT,
    UNIQUE (doc_id, start, "end", type));
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE TABLE facts (
    id INTEGER PRIMARY KEY AUTOINCREMENT, subject_id TEXT NOT NULL, slot TEXT NOT NULL,
    value TEXT NOT NULL, value_key TEXT NOT NULL, object_id TEXT,
    qualifiers TEXT NOT NULL DEFAULT '{}', confidence REAL NOT NULL,
    UNIQUE (subject_id, slot, value_key));
CREATE TABLE provenance (
    fact_id INTEGER NOT NULL, doc_id TEXT NOT NULL, doc_kind TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, snippet TEXT NOT NULL,
    extractor TEXT NOT NULL DEFAULT '', sent_start INTEGER, sent_end INTEGER,
    confidence REAL NOT NULL,
    UNIQUE (fact_id, doc_id, start, "end"));
CREATE INDEX provenance_doc ON provenance(doc_id);
"""

#: Columns that build a StoredEntity, for queries over ``entities e``.
ENTITY_COLS = "e.id, e.name, e.type, e.kb_id"
#: Best first: entities with a KB id, then those with more facts, then oldest.
ENTITY_ORDER = (
    "ORDER BY (e.kb_id IS NULL), "
    "(SELECT COUNT(*) FROM facts f WHERE f.subject_id = e.id) DESC, e.n"
)
#: Fact rows with their distinct-document count and whether every source is a KB entry;
#: ``?1`` filters by subject and ``?2`` by slot when not NULL.
FACT_ROWS = """
SELECT f.id, f.subject_id, f.slot, f.value, f.object_id, f.qualifiers, f.confidence,
       (SELECT COUNT(DISTINCT p.doc_id) FROM provenance p WHERE p.fact_id = f.id),
       (SELECT MIN(p.doc_kind = 'kb') FROM provenance p WHERE p.fact_id = f.id)
FROM facts f JOIN entities e ON e.id = f.subject_id
WHERE (?1 IS NULL OR f.subject_id = ?1) AND (?2 IS NULL OR f.slot = ?2)
ORDER BY e.name, e.n, f.slot, f.value, f.id
"""

UPSERT_DOCUMENT = (
    "INSERT INTO documents (id, path, kind, digest, title, date) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET path = excluded.path, kind = excluded.kind, "
    "digest = excluded.digest, title = excluded.title, date = excluded.date"
)
UPSERT_MENTION = (
    'INSERT INTO mentions (doc_id, start, "end", text, type, entity_id) '
    'VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (doc_id, start, "end", type) '
    "DO UPDATE SET text = excluded.text, entity_id = excluded.entity_id"
)
SELECT_MENTIONS = (
    'SELECT m.doc_id, m.start, m."end", m.text, m.type, m.entity_id, e.kb_id '
    "FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id "
    'ORDER BY m.doc_id, m.start, m."end", m.type'
)
INSERT_FACT = (
    "INSERT INTO facts (subject_id, slot, value, value_key, object_id, qualifiers, confidence) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)
UPDATE_FACT = (
    "UPDATE facts SET value = ?, value_key = ?, object_id = ?, qualifiers = ?, confidence = ? "
    "WHERE id = ?"
)
INSERT_PROVENANCE = (
    'INSERT OR IGNORE INTO provenance (fact_id, doc_id, doc_kind, start, "end", snippet, '
    "extractor, sent_start, sent_end, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
#: Provenance of the facts whose ids are given as one JSON array parameter.
SELECT_PROVENANCE = (
    'SELECT fact_id, doc_id, start, "end", snippet, extractor, sent_start, sent_end '
    "FROM provenance WHERE fact_id IN (SELECT value FROM json_each(?)) "
    'ORDER BY fact_id, doc_id, start, "end"'
)
#: Names of the row counts that :data:`COUNTS` returns, in order.
COUNTED = ("documents", "entities", "kb_entities", "nil_entities", "aliases", "mentions",
           "facts", "provenance")
COUNTS = (
    "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM entities), "
    "(SELECT COUNT(*) FROM entities WHERE kb_id IS NOT NULL), "
    "(SELECT COUNT(*) FROM entities WHERE kb_id IS NULL), (SELECT COUNT(*) FROM aliases), "
    "(SELECT COUNT(*) FROM mentions), (SELECT COUNT(*) FROM facts), "
    "(SELECT COUNT(*) FROM provenance)"
)


def _open(path: str) -> sqlite3.Connection:
    """Connect to ``path`` in autocommit mode and check that it is an SQLite file."""
    if path != ":memory:":
        p = Path(path)
        if p.is_dir():
            raise StoreError(f"{path}: not a kbp database (it is a directory)")
        if not p.parent.is_dir():
            raise StoreError(f"{path}: cannot create store (no directory {p.parent})")
    try:
        conn = sqlite3.connect(path, timeout=30.0, isolation_level=None)
    except sqlite3.Error as e:
        raise StoreError(f"{path}: cannot open store ({e})") from e
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as e:
        conn.close()
        raise StoreError(f"{path}: not a kbp database ({e})") from e
    return conn


def _init_schema(conn: sqlite3.Connection, path: str) -> None:
    """Create the tables in an empty database, or check the version of a kbp one."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "kbp_schema" in tables:
        version = conn.execute("SELECT MAX(version) FROM kbp_schema").fetchone()[0]
        if not isinstance(version, int):
            raise StoreError(f"{path}: not a kbp database (no schema version)")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{path}: store has schema version {version}, newer than this kbp "
                f"understands ({SCHEMA_VERSION})"
            )
    elif tables - {"sqlite_sequence"}:
        raise StoreError(f"{path}: not a kbp database (no kbp_schema table)")
    else:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT INTO kbp_schema (version) VALUES (?)", (SCHEMA_VERSION,))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def connect(path: str) -> sqlite3.Connection:
    """An autocommit connection to the kbp store at ``path``, created if empty.

    Raises :class:`StoreError` when the path is not an SQLite file, holds another
    application's tables, or was written by a newer kbp.
    """
    conn = _open(path)
    try:
        _init_schema(conn, path)
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as e:
        conn.close()
        raise StoreError(f"{path}: cannot open store ({e})") from e
    except BaseException:
        conn.close()
        raise
    return conn
