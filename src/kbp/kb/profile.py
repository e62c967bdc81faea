"""An entity's profile: who it is, its names, and every fact the store holds about it.

:func:`entity_profile` builds a plain dict (JSON-ready); :func:`render_profile`
prints it to a terminal.  Names, values and document ids come from untrusted text, so
they are rendered as literal text, never as rich markup.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from kbp.kb.store import Store
from kbp.kb.text import fold
from kbp.slots.schema import RESULT_QUALIFIERS, SLOTS

__all__ = ["STATUS_STYLES", "entity_profile", "format_value", "render_profile"]

#: Terminal style of each fact status.
STATUS_STYLES: dict[str, str] = {
    "kb": "cyan",
    "new": "yellow",
    "corroborated": "green",
    "conflict": "bold red",
}

_SLOT_ORDER = {name: i for i, name in enumerate(SLOTS)}


def entity_profile(store: Store, entity_id: str, min_confidence: float = 0.0) -> dict[str, Any]:
    """The profile of ``entity_id``: ``{"entity", "aliases", "facts"}``.

    ``facts`` maps each slot (in the schema's order) to its fillers, most confident
    first, each with value, object, qualifiers, status, confidence, sources and
    provenance.  An unknown id raises ``KeyError``.
    """
    entity = store.get_entity(entity_id)
    if entity is None:
        raise KeyError(f"no entity {entity_id!r} in the store")
    by_slot: dict[str, list[dict[str, Any]]] = {}
    for fact in store.facts(subject=entity_id, min_confidence=min_confidence):
        obj = fact.object
        by_slot.setdefault(fact.slot, []).append({
            "id": fact.id,
            "value": fact.value,
            "object": None if obj is None else {"id": obj.id, "name": obj.name,
                                                "type": obj.type, "kb_id": obj.kb_id},
            "qualifiers": dict(fact.qualifiers),
            "status": fact.status,
            "confidence": round(fact.confidence, 3),
            "sources": fact.sources,
            "provenance": [p.to_json() for p in fact.provenance],
        })
    facts = {
        name: sorted(by_slot[name], key=lambda r: (-r["confidence"], r["value"]))
        for name in sorted(by_slot, key=lambda n: (_SLOT_ORDER.get(n, len(_SLOT_ORDER)), n))
    }
    return {
        "entity": {"id": entity.id, "name": entity.name, "type": entity.type,
                   "kb_id": entity.kb_id},
        "aliases": list(entity.aliases),
        "facts": facts,
    }


def format_value(value: str, qualifiers: dict[str, str]) -> str:
    """A value with its qualifiers, compactly: ``"gold · 20 km walk · 1:17:21"``.

    Result qualifiers come in their schema order, then the rest by key; a qualifier
    already readable in what is shown (the year inside "2012 Olympics") is left out.
    """
    order = {key: i for i, key in enumerate(RESULT_QUALIFIERS)}
    keys = sorted(qualifiers, key=lambda k: (order.get(k, len(order)), k))
    parts = [value]
    for key in keys:
        text = str(qualifiers[key]).strip()
        if text and fold(text) not in fold(" ".join(parts)):
            parts.append(text)
    return " · ".join(parts)


def _sources(provenance: list[dict[str, Any]]) -> str:
    return ", ".join(dict.fromkeys(str(p["doc_id"]) for p in provenance))


def render_profile(profile: dict[str, Any], console: Console) -> None:
    """Print ``profile`` (from :func:`entity_profile`): a header, then a table of facts."""
    entity = profile["entity"]
    header = Text()
    header.append(entity["name"], style="bold")
    if entity.get("type"):
        header.append(f"  {entity['type']}", style="magenta")
    header.append("  ")
    if entity.get("kb_id"):
        header.append(f"KB {entity['kb_id']}", style="cyan")
    else:
        header.append("NIL (new entity)", style="yellow")
    header.append(f"  [{entity['id']}]", style="dim")
    console.print(header)
    if profile.get("aliases"):
        console.print(f"[dim]also known as:[/dim] {escape(', '.join(profile['aliases']))}")
    facts: dict[str, list[dict[str, Any]]] = profile.get("facts", {})
    if not facts:
        console.print("[dim]no facts[/dim]")
        return
    table = Table(show_header=True, header_style="bold", expand=False)
    table.add_column("slot", no_wrap=True)
    table.add_column("value")
    table.add_column("status", no_wrap=True)
    table.add_column("conf.", justify="right", no_wrap=True)
    table.add_column("sources")
    for slot_name, rows in facts.items():
        for i, row in enumerate(rows):
            status = row["status"]
            table.add_row(
                Text(slot_name if i == 0 else ""),
                Text(format_value(row["value"], row.get("qualifiers", {}))),
                Text(status, style=STATUS_STYLES.get(status, "")),
                Text(f"{row['confidence']:.2f}"),
                Text(_sources(row.get("provenance", []))),
            )
    console.print(table)
