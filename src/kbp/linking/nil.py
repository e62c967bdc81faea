"""NIL clustering: the same unknown entity across documents is one store entity, two
different ones with the same name are two."""

from __future__ import annotations

from kbp.kb.store import Store
from kbp.linking.context import context_terms
from kbp.types import Entity

#: Least share of context words two mentions of a name must have in common to be one
#: NIL entity when they come with context (see :func:`nil_entity`).
NIL_CONTEXT_OVERLAP = 0.1
NIL_CONTEXT_TERMS = 300
#: Contexts smaller than this say too little to keep two same-named entities apart.
NIL_CONTEXT_MIN = 12


def nil_entity(store: Store, entity: Entity, context: frozenset[str] = frozenset()) -> str:
    """The store id of NIL ``entity``: an existing NIL entity with the same name and type
    whose context is compatible, or a new one.

    ``context`` holds the words around the entity's mentions.  A same-named NIL entity
    whose stored context shares fewer than :data:`NIL_CONTEXT_OVERLAP` of the smaller
    context's words is another person (or place) of that name; contexts of fewer than
    :data:`NIL_CONTEXT_MIN` words are not compared.  The chosen entity's
    context grows by the new words, up to :data:`NIL_CONTEXT_TERMS`.
    """
    context = context - context_terms(" ".join((entity.name, *entity.names)))
    best, best_overlap = None, -1.0
    for name in (entity.name, *entity.names):
        for e in store.entities_by_alias(name, entity.type):
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
        entity_id = store.new_entity(entity.name, entity.type)
        stored: frozenset[str] = frozenset()
    else:
        entity_id = best.id
        stored = frozenset((store.entity_context(entity_id) or "").split())
    if context:
        merged = sorted(stored | context)[:NIL_CONTEXT_TERMS] if stored else sorted(context)
        store.set_entity_context(entity_id, " ".join(merged[:NIL_CONTEXT_TERMS]))
    return entity_id
