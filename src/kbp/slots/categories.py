"""Facts stated by an encyclopedia entry's categories ("Category:1974 births").

Categories are curated, structured statements, so they are read as facts rather
than thrown away as markup.  Each rule is one regular expression and the slot it
fills; the span in the raw file is the category itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kbp.nlp import gazetteer
from kbp.types import Fact, KBEntry, Provenance

EXTRACTOR = "category.v1"
_OLYMPICS = re.compile(
    r"^\w+(?: \([^)]*\))? at the ((?:19|20)\d{2}) "
    r"(Summer|Winter) (Olympics|Paralympics)$"
)
_MEDALISTS = re.compile(r"^(Olympic|Paralympic) (gold|silver|bronze) medal(?:l)?ists for (.+)$")
_FOR_COUNTRY = re.compile(r"^.+ (?:of|for|from) (.+)$")


def category_facts(entry: KBEntry, subject: str) -> Iterator[Fact]:
    """Facts about ``subject`` (a store entity id) read from ``entry.categories``."""
    for name, start, end in entry.categories:
        prov = Provenance(entry.text.id, start, end, f"Category:{name}", EXTRACTOR)

        def fact(slot: str, value: str, conf: float = 0.9, prov=prov, **q: str) -> Fact:
            return Fact(subject, slot, value, conf, (prov,), qualifiers=q)

        if m := re.fullmatch(r"((?:1|2)\d{3}) births", name):
            yield fact("per:date_of_birth", m.group(1), 0.95)
            continue
        if m := re.fullmatch(r"((?:1|2)\d{3}) deaths", name):
            yield fact("per:date_of_death", m.group(1), 0.95)
            continue
        if m := _OLYMPICS.match(name):
            games = "Olympic Games" if m.group(3) == "Olympics" else "Paralympic Games"
            comp = games if m.group(2) == "Summer" else f"Winter {games}"
            yield fact("per:competition_result", f"{m.group(1)} {comp}", 0.9,
                       competition=comp, year=m.group(1))
            continue
        if m := _MEDALISTS.match(name):
            country = gazetteer.canonical_country(m.group(3))
            if country:
                yield fact("per:origin", country, 0.85)
            continue
        if m := _FOR_COUNTRY.match(name):
            country = gazetteer.canonical_country(m.group(1))
            if country:
                yield fact("per:origin", country, 0.85)
            continue
        first = name.split()[0] if name.split() else ""
        country = gazetteer.country_of_demonym(first)
        if country and len(name.split()) > 1:
            yield fact("per:origin", country, 0.85)
