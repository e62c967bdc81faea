"""NIL clustering: the same unknown entity across documents is one store entity, two
different ones with the same name are two."""

from __future__ import annotations

from collections.abc import Sequence

from kbp.kb.store import Store
from kbp.linking.context import context_terms, term_weight
from kbp.types import Entity

#: Least share of context words two mentions of a name must have in common to be one
#: NIL entity when they come with context (see :func:`nil_entity`).
NIL_CONTEXT_OVERLAP = 0.1
NIL_CONTEXT_TERMS = 300
#: Contexts smaller than this say too little to keep two same-named entities apart.
NIL_CONTEXT_MIN = 12


def nil_entity(store: Store, entity: Entity, context: frozenset[str] = frozenset()) -> str:
    """The store id of NIL ``entity``: :func:`nil_cluster` of its names and type."""
    return nil_cluster(store, (entity.name, *entity.names), entity.type, context)


def nil_cluster(
    store: Store,
    names: Sequence[str],
    type_: str | None,
    context: frozenset[str] = frozenset(),
) -> str:
    """The store id of a NIL entity called ``names`` (the first is its name): an
    existing NIL entity with one of these names and a compatible type (the same, or
    unknown on either side) whose context is compatible, or a new one.

    ``context`` holds the words around the entity's mentions.  A same-named NIL entity
    whose stored context shares fewer than :data:`NIL_CONTEXT_OVERLAP` of the smaller
    context's words is another person (or place) of that name; contexts of fewer than
    :data:`NIL_CONTEXT_MIN` words are not compared.  The chosen entity's
    context grows by the new words, up to :data:`NIL_CONTEXT_TERMS`.
    """
    context = context - context_terms(" ".join(names))
    best, best_overlap = None, -1.0
    for name in names:
        for e in store.entities_by_alias(name, type_):
            if e.kb_id is not None:
                continue
            stored = frozenset((store.entity_context(e.id) or "").split())
            if min(len(stored), len(context)) < NIL_CONTEXT_MIN:
                overlap = 1.0  # too little to compare: trust the name
            else:
                overlap = len(stored & context) / min(len(stored), len(context))
            if overlap >= NIL_CONTEXT_OVERLAP and overlap > best_overlap:
                best, best_overlap = e, overlap
        if best is not None:
            break
    if best is None:
        entity_id = store.new_entity(names[0], type_)
        stored: frozenset[str] = frozenset()
    else:
        entity_id = best.id
        stored = frozenset((store.entity_context(entity_id) or "").split())
    if context:
        # the rarest words say most about which entity this is (see term_weight)
        merged = sorted(stored | context, key=lambda w: (-term_weight(w), w))
        store.set_entity_context(entity_id, " ".join(sorted(merged[:NIL_CONTEXT_TERMS])))
    return entity_id
