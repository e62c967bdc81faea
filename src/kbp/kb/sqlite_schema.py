"""The SQLite store's tables, its fixed SQL statements, and opening a file as a store.

Every statement takes its values as ``?`` parameters; see :mod:`kbp.kb.sqlite`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kbp.errors import StoreError

__all__ = ["SCHEMA", "SCHEMA_VERSION", "connect"]

#: Bumped whenever the tables change; a store written by a newer kbp is refused and
#: one written by an older kbp is upgraded in place when it is opened (see ``_upgrade``).
SCHEMA_VERSION = 3

#: Tables added in version 2: the linker's on-demand index.  ``alias_tokens`` holds each
#: word of each folded alias of a KB entity; ``link_counts`` how often an anchor text
#: links to a KB entry.  Both are keyed so that every lookup is one index range.
V2_TABLES = """
CREATE TABLE alias_tokens (
    token TEXT NOT NULL, folded TEXT NOT NULL,
    PRIMARY KEY (token, folded)) WITHOUT ROWID;
CREATE TABLE link_counts (
    folded TEXT NOT NULL, kb_id TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (folded, kb_id)) WITHOUT ROWID;
"""

#: Added in version 3: how sure the linker was of each mention's entity (the calibrated
#: link score; NULL for mentions it did not decide, such as a KB entry's own name).
V3_MENTION_SCORE = "ALTER TABLE mentions ADD COLUMN link_score REAL"

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
    text TEXT NOT NULL, type TEXT NOT NULL, entity_id TEXT, link_score REAL,
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
""" + V2_TABLES

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

INSERT_ALIAS = "INSERT OR IGNORE INTO aliases (entity_id, alias, folded) VALUES (?, ?, ?)"
INSERT_ALIAS_TOKEN = "INSERT OR IGNORE INTO alias_tokens (token, folded) VALUES (?, ?)"
UPSERT_CONTEXT = (
    "INSERT INTO contexts (entity_id, text) VALUES (?, ?) "
    "ON CONFLICT (entity_id) DO UPDATE SET text = excluded.text"
)
UPSERT_LINK_COUNT = (
    "INSERT INTO link_counts (folded, kb_id, count) VALUES (?, ?, ?) "
    "ON CONFLICT (folded, kb_id) DO UPDATE SET count = count + excluded.count"
)
#: KB entities with the folded alias ``?``, one row per alias of each (``b``): the entities
#: come in the order of the alias index, their aliases in the order of ``b.folded`` (the
#: caller sorts them by ``b.rowid``, their insertion order).
KB_ENTITIES_BY_ALIAS = (
    "SELECT e.id, e.name, e.type, e.kb_id, b.rowid, b.alias, b.folded "
    "FROM aliases a CROSS JOIN entities e CROSS JOIN aliases b "
    "WHERE a.folded = ? AND e.id = a.entity_id AND e.kb_id IS NOT NULL "
    "AND b.entity_id = e.id"
)
ALIASES_WITH_TOKEN = "SELECT folded FROM alias_tokens WHERE token = ? LIMIT ?"
LINK_COUNTS = "SELECT kb_id, count FROM link_counts WHERE folded = ?"
#: Entities ``(kb_id, n, type)`` of the KB ids given as one JSON array parameter.
ENTITIES_BY_KB_IDS = (
    "SELECT kb_id, n, type FROM entities WHERE kb_id IN (SELECT value FROM json_each(?))"
)

UPSERT_DOCUMENT = (
    "INSERT INTO documents (id, path, kind, digest, title, date) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET path = excluded.path, kind = excluded.kind, "
    "digest = excluded.digest, title = excluded.title, date = excluded.date"
)
UPSERT_MENTION = (
    'INSERT INTO mentions (doc_id, start, "end", text, type, entity_id, link_score) '
    'VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (doc_id, start, "end", type) '
    "DO UPDATE SET text = excluded.text, entity_id = excluded.entity_id, "
    "link_score = excluded.link_score"
)
SELECT_MENTIONS = (
    'SELECT m.doc_id, m.start, m."end", m.text, m.type, m.entity_id, e.kb_id, m.link_score '
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


def alias_tokens(folded: str) -> list[str]:
    """The distinct words of a folded alias, as :data:`V2_TABLES`'s ``alias_tokens`` keys
    them (split on whitespace, like the linker splits names)."""
    return list(dict.fromkeys(folded.split()))


def _schema_version(conn: sqlite3.Connection, path: str) -> int:
    version = conn.execute("SELECT MAX(version) FROM kbp_schema").fetchone()[0]
    if not isinstance(version, int):
        raise StoreError(f"{path}: not a kbp database (no schema version)")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: store has schema version {version}, newer than this kbp "
            f"understands ({SCHEMA_VERSION})"
        )
    return version


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _upgrade(conn: sqlite3.Connection, path: str) -> None:
    """Bring a store written by an older kbp to :data:`SCHEMA_VERSION`, all or nothing.

    Version 1 -> 2 creates the linking tables and fills ``alias_tokens`` from the
    aliases of the KB entities already stored (link counts start empty); 2 -> 3 adds
    the mentions' ``link_score`` column (NULL for the mentions already stored).
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = _schema_version(conn, path)  # again: another process may have done it
        if version < 2:
            _run_script(conn, V2_TABLES)
            kb_aliases = conn.execute(
                "SELECT a.folded FROM aliases a JOIN entities e ON e.id = a.entity_id "
                "WHERE e.kb_id IS NOT NULL")
            conn.executemany(INSERT_ALIAS_TOKEN, (
                (token, folded) for (folded,) in kb_aliases for token in alias_tokens(folded)))
        columns = {row[1] for row in conn.execute("PRAGMA table_info(mentions)")}
        if version < 3 and "link_score" not in columns:
            conn.execute(V3_MENTION_SCORE)
        if version < SCHEMA_VERSION:
            conn.execute("UPDATE kbp_schema SET version = ?", (SCHEMA_VERSION,))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _init_schema(conn: sqlite3.Connection, path: str) -> None:
    """Create the tables in an empty database, or check the version of a kbp one and
    upgrade it when it is older."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "kbp_schema" in tables:
        if _schema_version(conn, path) < SCHEMA_VERSION:
            _upgrade(conn, path)
    elif tables - {"sqlite_sequence"}:
        raise StoreError(f"{path}: not a kbp database (no kbp_schema table)")
    else:
        conn.execute("BEGIN IMMEDIATE")
        try:
            _run_script(conn, SCHEMA)
            conn.execute("INSERT INTO kbp_schema (version) VALUES (?)", (SCHEMA_VERSION,))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def connect(path: str) -> sqlite3.Connection:
    """An autocommit connection to the kbp store at ``path``, created if empty.

    A store written by an older kbp is upgraded.  Raises :class:`StoreError` when the
    path is not an SQLite file, holds another application's tables, or was written by a
    newer kbp.
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
