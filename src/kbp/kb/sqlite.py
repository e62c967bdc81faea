"""The embedded SQLite knowledge-base store (the default :class:`~kbp.kb.store.Store`).

One file holds documents, entities with their aliases, mentions, facts and the
provenance of every fact.  Facts are merged on write with :mod:`kbp.kb.merge`;
their status is derived on read.  All SQL takes its values as parameters.
"""

from __future__ import annotations

import functools
import itertools
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kbp.errors import StoreError
from kbp.kb import sqlite_schema as sql
from kbp.kb.merge import (
    Filler,
    combine_confidences,
    conflict_flags,
    fact_status,
    merge_confidence,
    merge_qualifiers,
    more_specific,
    same_filler,
    value_key,
)
from kbp.kb.store import STATUSES, StoredEntity, StoredFact
from kbp.kb.text import fold
from kbp.slots.schema import slot as get_slot
from kbp.types import Document, Fact, Mention, Provenance

__all__ = ["SQLiteStore"]

#: Rows fetched per query when streaming entities or facts.
_BATCH = 500


class SQLiteStore:
    """A :class:`~kbp.kb.store.Store` in one SQLite file (``":memory:"`` for a scratch one).

    Entity ids are ``"E1"``, ``"E2"``, ... in creation order.  Writes outside
    :meth:`transaction` commit at once; inside, they commit together.  A path that
    is not a kbp database raises :class:`~kbp.errors.StoreError`.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._depth = 0
        self._conn = sql.connect(self.path)

    # -- lifecycle -----------------------------------------------------------------

    def close(self) -> None:
        """Close the connection; an open transaction is rolled back."""
        self._conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together; any exception rolls them back and is re-raised.

        Nested use opens a savepoint, so an inner block that fails undoes only itself.
        """
        conn = self._conn
        outer = self._depth == 0
        try:
            conn.execute("BEGIN IMMEDIATE" if outer else "SAVEPOINT kbp_nested")
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot write store ({e})") from e
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if conn.in_transaction:  # SQLite may already have rolled back on its own
                conn.execute("ROLLBACK" if outer else "ROLLBACK TO kbp_nested")
                if not outer:
                    conn.execute("RELEASE kbp_nested")
            raise
        self._depth -= 1
        try:
            conn.execute("COMMIT" if outer else "RELEASE kbp_nested")
        except sqlite3.Error as e:
            if outer and conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot write store ({e})") from e

    @contextmanager
    def _write(self) -> Iterator[None]:
        """A transaction whose SQLite failures surface as :class:`StoreError`."""
        try:
            with self.transaction():
                yield
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot write store ({e})") from e

    # -- documents -------------------------------------------------------------------

    def document_digest(self, doc_id: str) -> str | None:
        """The digest recorded for ``doc_id``, or None if it was never recorded."""
        row = self._conn.execute("SELECT digest FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def record_document(self, doc: Document, digest: str) -> None:
        """Record ``doc``; a changed digest first removes the old version's rows."""
        with self._write():
            old = self.document_digest(doc.id)
            if old is not None and old != digest:
                self._remove_document_rows(doc.id)
            self._conn.execute(
                sql.UPSERT_DOCUMENT, (doc.id, doc.path, doc.kind, digest, doc.title, doc.date))

    def _remove_document_rows(self, doc_id: str) -> None:
        """Delete a document's mentions and provenance; re-score or drop the facts it fed."""
        conn = self._conn
        fact_ids = [
            r[0] for r in conn.execute(
                "SELECT DISTINCT fact_id FROM provenance WHERE doc_id = ?", (doc_id,))
        ]
        conn.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        conn.execute("DELETE FROM provenance WHERE doc_id = ?", (doc_id,))
        for fact_id in fact_ids:
            best = [r[0] for r in conn.execute(
                "SELECT MAX(confidence) FROM provenance WHERE fact_id = ? GROUP BY doc_id",
                (fact_id,))]
            if best:
                conn.execute("UPDATE facts SET confidence = ? WHERE id = ?",
                             (combine_confidences(best), fact_id))
            else:
                conn.execute("DELETE FROM facts WHERE id = ?", (fact_id,))

    # -- entities --------------------------------------------------------------------

    def ensure_kb_entity(
        self, kb_id: str, name: str, type: str | None, aliases: Iterable[str] = ()
    ) -> str:
        """The entity id of KB entry ``kb_id``, created on first sight; aliases are added."""
        return self.ensure_kb_entities([(kb_id, name, type, aliases, None)])[0]

    def ensure_kb_entities(
        self, rows: Iterable[tuple[str, str, str | None, Iterable[str], str | None]]
    ) -> list[str]:
        """:meth:`ensure_kb_entity` for many ``(kb_id, name, type, aliases, context)`` rows
        at once, with :meth:`set_entity_context` for each context that is not None.

        Returns the entity ids in the order of ``rows``.  All rows are written together
        (or, on a bad row, none): one lookup for the known KB ids and one batched insert
        per table, which is what makes loading a KB of millions of entries fast.
        """
        conn = self._conn
        rows = list(rows)
        with self._write():
            known: dict[str, tuple[int, str | None]] = {
                kb_id: (n, type_) for kb_id, n, type_ in conn.execute(
                    sql.ENTITIES_BY_KB_IDS, (json.dumps([r[0] for r in rows]),))
            }
            ids = []
            names: list[tuple[str, Iterable[str]]] = []
            retyped = []
            contexts = []
            for kb_id, name, type_, aliases, context in rows:
                if not kb_id:
                    raise ValueError("ensure_kb_entity needs a non-empty kb_id")
                found = known.get(kb_id)
                if found is None:
                    n = self._insert_entity(name, type_, kb_id)
                    known[kb_id] = (n, type_)
                    entity_id = f"E{n}"
                    names.append((entity_id, [" ".join(name.split())]))
                else:
                    n, old_type = found
                    entity_id = f"E{n}"
                    if old_type is None and type_ is not None:
                        retyped.append((type_, n))
                        known[kb_id] = (n, type_)
                names.append((entity_id, aliases))
                if context is not None:
                    contexts.append((entity_id, context))
                ids.append(entity_id)
            conn.executemany("UPDATE entities SET type = ? WHERE n = ?", retyped)
            self._insert_aliases(names, kb=True)
            conn.executemany(sql.UPSERT_CONTEXT, contexts)
        return ids

    def new_entity(self, name: str, type: str | None) -> str:
        """Create a NIL entity (no KB id) and return its id."""
        with self._write():
            entity_id = f"E{self._insert_entity(name, type, None)}"
            self._insert_aliases([(entity_id, [name])], kb=False)
            return entity_id

    def _insert_entity(self, name: str, type: str | None, kb_id: str | None) -> int:
        """Insert an entity row (without its name as an alias) and return its number."""
        name = " ".join(name.split())
        if not name:
            raise ValueError("an entity needs a non-empty name")
        cur = self._conn.execute(
            "INSERT INTO entities (name, type, kb_id) VALUES (?, ?, ?)", (name, type, kb_id))
        return int(cur.lastrowid or 0)

    def add_aliases(self, entity_id: str, aliases: Iterable[str]) -> None:
        """Add names for ``entity_id``; one alias per folded form, the first spelling kept."""
        with self._write():
            kb_id = self._require_entity(entity_id)
            self._insert_aliases([(entity_id, aliases)], kb=kb_id is not None)

    def _insert_aliases(self, names: list[tuple[str, Iterable[str]]], kb: bool) -> None:
        """Insert ``(entity_id, aliases)``; for KB entities (``kb``) index their words too."""
        rows = []
        for entity_id, aliases in names:
            for alias in aliases:
                alias = " ".join(alias.split())
                folded = fold(alias)
                if folded:
                    rows.append((entity_id, alias, folded))
        self._conn.executemany(sql.INSERT_ALIAS, rows)
        if kb:
            self._conn.executemany(sql.INSERT_ALIAS_TOKEN, (
                (token, folded)
                for folded in dict.fromkeys(r[2] for r in rows)
                for token in sql.alias_tokens(folded)
            ))

    def _require_entity(self, entity_id: str) -> str | None:
        """The KB id of ``entity_id`` (None for a NIL entity); StoreError if there is none."""
        row = self._conn.execute(
            "SELECT kb_id FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no entity {entity_id!r} in the store")
        return row[0]

    def _entities(self, rows: list[tuple[Any, ...]]) -> list[StoredEntity]:
        """StoredEntity objects for ``(id, name, type, kb_id)`` rows, aliases included."""
        if not rows:
            return []
        aliases: dict[str, list[tuple[str, str]]] = {}
        for entity_id, alias, folded in self._conn.execute(
            "SELECT entity_id, alias, folded FROM aliases "
            "WHERE entity_id IN (SELECT value FROM json_each(?)) ORDER BY rowid",
            (json.dumps([r[0] for r in rows]),),
        ):
            aliases.setdefault(entity_id, []).append((folded, alias))
        out = []
        for entity_id, name, type_, kb_id in rows:
            own = fold(name)
            names = tuple(a for f, a in aliases.get(entity_id, ()) if f != own)
            out.append(StoredEntity(entity_id, name, type_, kb_id, names))
        return out

    def get_entity(self, entity_id: str) -> StoredEntity | None:
        """The entity ``entity_id`` with its aliases (the name itself left out), or None."""
        rows = self._conn.execute(
            f"SELECT {sql.ENTITY_COLS} FROM entities e WHERE e.id = ?", (entity_id,)).fetchall()
        found = self._entities(rows)
        return found[0] if found else None

    def entities_by_alias(self, alias: str, type: str | None = None) -> list[StoredEntity]:
        """Entities named ``alias`` (folded); with ``type``, that type or an unknown one."""
        rows = self._conn.execute(
            f"SELECT {sql.ENTITY_COLS} FROM entities e "
            "WHERE e.id IN (SELECT entity_id FROM aliases WHERE folded = ?1) "
            f"AND (?2 IS NULL OR e.type = ?2 OR e.type IS NULL) {sql.ENTITY_ORDER}",
            (fold(alias), type),
        ).fetchall()
        return self._entities(rows)

    def _iter_entities(self, with_kb_id: bool) -> Iterator[StoredEntity]:
        last = 0
        while True:
            rows = self._conn.execute(
                f"SELECT e.n, {sql.ENTITY_COLS} FROM entities e "
                "WHERE e.n > ? AND (e.kb_id IS NOT NULL) = ? ORDER BY e.n LIMIT ?",
                (last, with_kb_id, _BATCH),
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield from self._entities([r[1:] for r in rows])

    def kb_entities(self) -> Iterator[StoredEntity]:
        """Every entity with a KB id, with aliases, in creation order."""
        return self._iter_entities(True)

    def nil_entities(self) -> Iterator[StoredEntity]:
        """Every entity without a KB id, with aliases, in creation order."""
        return self._iter_entities(False)

    def set_entity_context(self, entity_id: str, text: str) -> None:
        """Store the linking context of ``entity_id`` (replacing any earlier one)."""
        with self._write():
            self._require_entity(entity_id)
            self._conn.execute(sql.UPSERT_CONTEXT, (entity_id, text))

    def entity_contexts(self) -> Iterator[tuple[str, str]]:
        """``(entity_id, context text)`` for every entity with a stored context."""
        yield from self._conn.execute("SELECT entity_id, text FROM contexts ORDER BY rowid")

    # -- linking index: each method is one query over a primary key or an index ------

    def kb_entities_by_alias(self, folded: str) -> list[StoredEntity]:
        """KB entities with the folded alias ``folded`` (not folded again), with their
        aliases, in the order their alias was added."""
        found: dict[str, tuple[tuple[str, str, str | None, str], list[tuple[int, str, str]]]]
        found = {}
        for entity_id, name, type_, kb_id, rowid, alias, alias_folded in self._conn.execute(
            sql.KB_ENTITIES_BY_ALIAS, (folded,)
        ):
            entry = found.get(entity_id)
            if entry is None:
                entry = found[entity_id] = ((entity_id, name, type_, kb_id), [])
            entry[1].append((rowid, alias, alias_folded))
        out = []
        for (entity_id, name, type_, kb_id), aliases in found.values():
            own = fold(name)
            names = tuple(a for _, a, f in sorted(aliases) if f != own)
            out.append(StoredEntity(entity_id, name, type_, kb_id, names))
        return out

    def aliases_with_token(self, token: str, limit: int = 200) -> list[str]:
        """Folded KB aliases having the word ``token`` (already folded), at most ``limit``,
        in alphabetical order."""
        return [r[0] for r in self._conn.execute(sql.ALIASES_WITH_TOKEN, (token, limit))]

    def entity_context(self, entity_id: str) -> str | None:
        """The context stored with :meth:`set_entity_context`, or None."""
        row = self._conn.execute(
            "SELECT text FROM contexts WHERE entity_id = ?", (entity_id,)).fetchone()
        return row[0] if row else None

    def add_link_counts(self, rows: Iterable[tuple[str, str, int]]) -> None:
        """Add ``(anchor text, kb_id, count)`` to the link statistics; anchors are folded
        here, and counts add up with those stored before."""
        totals: dict[tuple[str, str], int] = {}
        for anchor, kb_id, count in rows:
            folded = fold(anchor)
            if folded and kb_id and count:
                totals[folded, kb_id] = totals.get((folded, kb_id), 0) + count
        with self._write():
            self._conn.executemany(
                sql.UPSERT_LINK_COUNT, ((f, k, n) for (f, k), n in totals.items()))

    def link_counts(self, folded: str) -> dict[str, int]:
        """``kb_id -> count`` of the links whose folded anchor is ``folded``."""
        return dict(self._conn.execute(sql.LINK_COUNTS, (folded,)).fetchall())

    def find_entities(self, query: str, limit: int = 50) -> list[StoredEntity]:
        """Entities matching ``query``, best first, at most ``limit``.

        Exact KB id first, then an exact folded name or alias, then a folded
        substring of a name or alias; within each, KB entities and those with more
        facts first.
        """
        query = query.strip()
        folded = fold(query)
        if not folded:
            return []
        pattern = "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        tiers = (
            ("e.kb_id = ?", query),
            ("e.id IN (SELECT entity_id FROM aliases WHERE folded = ?)", folded),
            ("e.id IN (SELECT entity_id FROM aliases WHERE folded LIKE ? ESCAPE '\\')", pattern),
        )
        seen: dict[str, tuple[Any, ...]] = {}
        for where, param in tiers:
            select = f"SELECT {sql.ENTITY_COLS} FROM entities e WHERE {where}"
            for row in self._conn.execute(f"{select} {sql.ENTITY_ORDER} LIMIT ?", (param, limit)):
                seen.setdefault(row[0], row)
            if len(seen) >= limit:
                break
        return self._entities(list(seen.values())[:limit])

    # -- mentions and facts ----------------------------------------------------------

    def add_mentions(
        self,
        doc_id: str,
        rows: Iterable[tuple[Mention, int, int, str | None]],
        link_scores: Mapping[str, float] | None = None,
    ) -> None:
        """Store ``(mention, raw_start, raw_end, entity_id)`` rows, each with its entity's
        score in ``link_scores`` (entity id -> score) if any; a repeated span is updated."""
        scores = link_scores or {}
        with self._write():
            self._conn.executemany(
                sql.UPSERT_MENTION,
                ((doc_id, start, end, m.text, m.type, eid, scores.get(eid) if eid else None)
                 for m, start, end, eid in rows),
            )

    def add_fact(self, fact: Fact, doc_kind: str) -> int:
        """Merge ``fact`` into the store and return the id of the row that holds it.

        A stored row of the same subject and slot whose filler is the same
        (:func:`kbp.kb.merge.same_filler`) gains the provenance, a combined
        confidence, missing qualifiers and, for dates, the more specific value.
        """
        get_slot(fact.slot)
        if doc_kind not in ("kb", "source"):
            raise ValueError(f"doc_kind must be 'kb' or 'source', not {doc_kind!r}")
        conn = self._conn
        with self._write():
            self._require_entity(fact.subject)
            if fact.object is not None:
                self._require_entity(fact.object)
            key = value_key(fact.slot, fact.value, fact.qualifiers)
            incoming = Filler(fact.value, fact.qualifiers, fact.object)
            rows = conn.execute(
                "SELECT id, value, value_key, object_id, qualifiers, confidence FROM facts "
                "WHERE subject_id = ? AND slot = ? ORDER BY id", (fact.subject, fact.slot),
            ).fetchall()
            target = next((r for r in rows if r[2] == key), None) or next(
                (r for r in rows
                 if same_filler(fact.slot, Filler(r[1], json.loads(r[4]), r[3]), incoming)),
                None,
            )
            if target is None:
                cur = conn.execute(
                    sql.INSERT_FACT,
                    (fact.subject, fact.slot, fact.value, key, fact.object,
                     json.dumps(dict(fact.qualifiers), sort_keys=True), fact.confidence),
                )
                fact_id = int(cur.lastrowid or 0)
                self._add_provenance(fact_id, fact, doc_kind)
                return fact_id
            fact_id, old_value, old_key, old_object, old_qualifiers, old_conf = target
            cited = {r[0] for r in conn.execute(
                "SELECT doc_id FROM provenance WHERE fact_id = ?", (fact_id,))}
            added = self._add_provenance(fact_id, fact, doc_kind)
            new_document = any(doc_id not in cited for doc_id in added)
            qualifiers = merge_qualifiers(json.loads(old_qualifiers), fact.qualifiers)
            value = more_specific(fact.slot, old_value, fact.value)
            new_key = value_key(fact.slot, value, qualifiers)
            if any(r[2] == new_key and r[0] != fact_id for r in rows):
                new_key = old_key
            conn.execute(
                sql.UPDATE_FACT,
                (value, new_key, old_object or fact.object, json.dumps(qualifiers, sort_keys=True),
                 merge_confidence(old_conf, fact.confidence, new_document), fact_id),
            )
            return fact_id

    def _add_provenance(self, fact_id: int, fact: Fact, doc_kind: str) -> list[str]:
        """Insert the fact's provenance rows not stored yet; the doc ids of those added."""
        added = []
        for p in fact.provenance:
            cur = self._conn.execute(
                sql.INSERT_PROVENANCE,
                (fact_id, p.doc_id, doc_kind, p.start, p.end, p.snippet, p.extractor,
                 p.sent_start, p.sent_end, fact.confidence),
            )
            if cur.rowcount:
                added.append(p.doc_id)
        return added

    def _fact_rows(
        self, subject: str | None, slot: str | None
    ) -> Iterator[tuple[tuple[Any, ...], str]]:
        """Stored fact rows with their derived status, ordered by subject name, slot, value."""
        cursor = self._conn.execute(sql.FACT_ROWS, (subject, slot))
        for (_, slot_name), group in itertools.groupby(cursor, key=lambda r: (r[1], r[2])):
            rows = list(group)
            fillers = [Filler(r[3], json.loads(r[5]), r[4]) for r in rows]
            for row, conflict in zip(rows, conflict_flags(slot_name, fillers), strict=True):
                yield row, fact_status(conflict, bool(row[8]), row[7])

    def _provenance(self, fact_ids: list[int]) -> dict[int, list[Provenance]]:
        found: dict[int, list[Provenance]] = {}
        for fid, doc_id, start, end, snippet, extractor, s_start, s_end in self._conn.execute(
            sql.SELECT_PROVENANCE, (json.dumps(fact_ids),)
        ):
            found.setdefault(fid, []).append(
                Provenance(doc_id, start, end, snippet, extractor, s_start, s_end))
        return found

    def facts(
        self,
        subject: str | None = None,
        slot: str | None = None,
        min_confidence: float = 0.0,
    ) -> Iterator[StoredFact]:
        """Stored facts, optionally of one subject and/or slot, at least ``min_confidence``.

        Ordered by subject name, subject id, slot, value.  Conflicts are judged
        against every stored row of the slot, whatever its confidence.  An unknown
        ``slot`` raises ``KeyError`` at once.
        """
        if slot is not None:
            get_slot(slot)
        return self._iter_facts(subject, slot, min_confidence)

    def _iter_facts(
        self, subject: str | None, slot: str | None, min_confidence: float
    ) -> Iterator[StoredFact]:
        entity = functools.lru_cache(maxsize=4096)(self.get_entity)
        batch: list[tuple[tuple[Any, ...], str]] = []
        for item in self._fact_rows(subject, slot):
            if item[0][6] >= min_confidence:
                batch.append(item)
            if len(batch) >= _BATCH:
                yield from self._stored_facts(batch, entity)
                batch = []
        yield from self._stored_facts(batch, entity)

    def _stored_facts(
        self,
        batch: list[tuple[tuple[Any, ...], str]],
        entity: Callable[[str], StoredEntity | None],
    ) -> Iterator[StoredFact]:
        provenance = self._provenance([row[0] for row, _ in batch])
        for row, status in batch:
            fid, subject_id, slot_name, value, object_id, qualifiers, conf, sources, _ = row
            yield StoredFact(
                id=fid,
                subject=entity(subject_id) or StoredEntity(subject_id, subject_id, None),
                slot=slot_name,
                value=value,
                confidence=conf,
                status=status,
                provenance=tuple(provenance.get(fid, ())),
                object=entity(object_id) if object_id else None,
                qualifiers=json.loads(qualifiers),
                sources=sources,
            )

    def mentions(self) -> Iterator[dict[str, object]]:
        """Mentions as export rows, by document and offset; ``kb_id`` of the linked entity,
        ``link_score`` how sure the linker was of it (None where it did not decide)."""
        keys = ("doc_id", "start", "end", "text", "type", "entity_id", "kb_id", "link_score")
        for row in self._conn.execute(sql.SELECT_MENTIONS):
            yield dict(zip(keys, row, strict=True))

    def stats(self) -> dict[str, int]:
        """Row counts, and the number of facts of each status (``facts_kb``, ...)."""
        out = dict(zip(sql.COUNTED, self._conn.execute(sql.COUNTS).fetchone(), strict=True))
        out.update({f"facts_{status}": 0 for status in STATUSES})
        for _, status in self._fact_rows(None, None):
            out[f"facts_{status}"] += 1
        return out
