"""The knowledge base: a store of entities, facts and their provenance, and its views.

``open_store(path)`` opens (or creates) the default embedded SQLite store; the
exports and the entity profile read any :class:`Store`.
"""

from __future__ import annotations

from pathlib import Path

from kbp.kb.export import FORMATS, export, export_facts, export_mentions
from kbp.kb.merge import compatible, value_key
from kbp.kb.profile import entity_profile, render_profile
from kbp.kb.sqlite import SQLiteStore
from kbp.kb.store import STATUSES, Store, StoredEntity, StoredFact
from kbp.kb.text import fold

__all__ = [
    "FORMATS",
    "STATUSES",
    "SQLiteStore",
    "Store",
    "StoredEntity",
    "StoredFact",
    "compatible",
    "entity_profile",
    "export",
    "export_facts",
    "export_mentions",
    "fold",
    "open_store",
    "render_profile",
    "value_key",
]


def open_store(path: str | Path) -> Store:
    """Open the knowledge-base store at ``path`` (created if missing; ":memory:" allowed).

    Raises :class:`~kbp.errors.StoreError` when ``path`` is not a kbp database.
    """
    return SQLiteStore(path)
