"""Organisations written again in parentheses get the same facts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Span

from kbp.kb.text import initials
from kbp.slots.base import SlotContext
from kbp.slots.organisations.mentions import _plausible_org
from kbp.slots.organisations.tables import _ORG
from kbp.slots.schema import slot as get_slot
from kbp.types import Entity, Fact, Mention

# -- names in parentheses ------------------------------------------------------------------
_ALIAS_GAP = re.compile(r"\s*\(\s*(?:(?:formerly|previously|also known as|known as|or)\s+)?",
                        re.I)


def _alias_pairs(ctx: SlotContext, sent: Span, same: bool = False
                 ) -> Iterator[tuple[Entity, Mention, Entity, Mention]]:
    """(organisation, its mention, other name, its mention) for each organisation written
    right after another in parentheses: an abbreviation or a former name ("Stanley Black
    & Decker (SWK)", "Bethesda Game Studios (formerly Escalation Studios)").  With
    ``same``, also when coreference already made the two one entity (an acronym)."""
    orgs = [m for m in ctx.mentions_in(sent, _ORG)]
    for a, b in zip(orgs, orgs[1:], strict=False):
        gap = _ALIAS_GAP.fullmatch(ctx.text, a.end, b.start)
        if gap is None or not ctx.text.startswith(")", b.end) or " and " in b.text:
            continue
        ea, eb = ctx.entity_at(ctx.token_of(a).i), ctx.entity_at(ctx.token_of(b).i)
        if ea is not None and eb is not None and (same or ea is not eb) \
                and _plausible_org(b.text):
            yield ea, a, eb, b


def _aliases(ctx: SlotContext, sent: Span) -> dict[str, tuple[Entity, Mention]]:
    """Organisation entity id -> the other name of it in :func:`_alias_pairs`, both ways."""
    out: dict[str, tuple[Entity, Mention]] = {}
    for ea, a, eb, b in _alias_pairs(ctx, sent):
        out[ea.id] = (eb, b)
        out[eb.id] = (ea, a)
    return out


#: "(IAAF)" right after a name: the small NER model seldom tags the acronym itself.
_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,9})\)")


def alternate_names(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """org:alternate_names: the name in parentheses after an organisation's name, or
    its acronym there ("International Association of Athletics Federations (IAAF)")."""
    found = set()
    for ea, _, _, b in _alias_pairs(ctx, sent, same=True):
        found.add(b.start)
        yield ctx.fact(ea, "org:alternate_names", b.text, (b.start, b.end), sent, 0.85,
                       "pattern.org_alias")
    for m in ctx.mentions_in(sent, _ORG):
        acronym = _ACRONYM.match(ctx.text, m.end)
        entity = ctx.entity_at(ctx.token_of(m).i)
        if acronym is None or entity is None or acronym.start(1) in found:
            continue
        letters = acronym.group(1).replace("&", "")
        if len(letters) >= 2 and letters.upper() == initials(m.text).upper():
            yield ctx.fact(entity, "org:alternate_names", acronym.group(1), acronym.span(1),
                           sent, 0.85, "pattern.org_alias")


def _with_aliases(extractor):
    """``extractor``, whose facts are repeated for an organisation's name in parentheses
    (as subject, or as object with the name's span as filler)."""

    def run(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
        facts = list(extractor(ctx, sent))
        if not facts:
            return
        aliases = _aliases(ctx, sent)
        yield from facts
        if not aliases:
            return
        seen = {(f.subject, f.slot, f.object, f.value) for f in facts}
        for f in facts:
            extra = []
            if f.subject in aliases and get_slot(f.slot).subject == "ORG":
                extra.append(replace(f, subject=aliases[f.subject][0].id))
            if f.object in aliases:
                ent, m = aliases[f.object]
                start, end = ctx.analysis.document.raw_span(m.start, m.end)
                prov = replace(f.provenance[0], start=start, end=end)
                extra.append(replace(f, object=ent.id, value=m.text, provenance=(prov,)))
            for g in extra:
                key = (g.subject, g.slot, g.object, g.value)
                if key not in seen and g.subject != g.object:
                    seen.add(key)
                    yield g

    run.__name__ = extractor.__name__
    run.__qualname__ = extractor.__qualname__
    run.__doc__ = extractor.__doc__
    return run
