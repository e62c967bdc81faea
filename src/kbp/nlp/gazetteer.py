"""Lookup tables for places and nationalities.

Data files under ``kbp/data``:

* ``countries.json``: every sovereign state under its common English name, with
  aliases; a second list holds former states (Soviet Union, Yugoslavia, ...);
* ``demonyms.tsv``: nationality adjectives and nouns -> country;
* ``cities.tsv``: capitals and major cities -> country;
* ``subdivisions.tsv``: states, provinces and regions -> country.

Every lookup is case- and accent-insensitive, ignores a leading "the", treats hyphens
as spaces and "&" as "and", and accepts "St."/"St"/"Saint" for one another.  Tables
are read on first use and cached.  Names of countries returned are the canonical
names of ``countries.json`` ("United States", "United Kingdom", "South Korea").
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Letters NFKD does not decompose, typographic apostrophes and dashes, and "&".
_SINGLE = {"\u00f8": "o", "\u0142": "l", "\u0111": "d", "\u00f0": "d", "\u0131": "i"}
_SINGLE |= {k.upper(): v for k, v in _SINGLE.items() if k != "\u0131"}
_SINGLE |= dict.fromkeys("\u2019\u2018`\u02bc", "'")
_SINGLE |= dict.fromkeys("\u2010\u2011\u2013\u2014-_", " ")
_MULTI = {
    "\u00e6": "ae",
    "\u00c6": "ae",
    "\u0153": "oe",
    "\u0152": "oe",
    "\u00fe": "th",
    "\u00df": "ss",
    "&": " and ",
}
_FOLD = str.maketrans(_SINGLE | _MULTI)


def name_key(name: str) -> str:
    """The lookup key of a name: folded case and accents, no leading "the"."""
    s = name.translate(_FOLD)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"\s+", " ", s).strip(" ,;:")
    s = re.sub(r"^the ", "", s)
    return s


def _variants(key: str) -> tuple[str, ...]:
    """``key`` and its "St."/"St"/"Saint" spellings."""
    m = re.match(r"^(saint|st\.|st) (.+)$", key)
    if not m:
        return (key,)
    rest = m.group(2)
    return (f"saint {rest}", f"st. {rest}", f"st {rest}")


def _read(resource: str) -> str:
    return resources.files("kbp").joinpath("data", resource).read_text(encoding="utf-8")


def _tsv_rows(resource: str, min_fields: int) -> list[list[str]]:
    rows = []
    for lineno, line in enumerate(_read(resource).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) < min_fields or not all(fields[:min_fields]):
            raise ValueError(f"kbp/data/{resource}:{lineno}: expected {min_fields} fields")
        rows.append(fields)
    return rows


@dataclass(frozen=True)
class _Countries:
    by_key: dict[str, str]  # alias key -> canonical name
    current: frozenset[str]
    former: frozenset[str]
    aliases: dict[str, tuple[str, ...]]  # canonical name -> its other names


@lru_cache(maxsize=1)
def _countries() -> _Countries:
    data = json.loads(_read("countries.json"))
    by_key: dict[str, str] = {}
    current: set[str] = set()
    former: set[str] = set()
    aliases: dict[str, tuple[str, ...]] = {}
    for group, names in (("countries", current), ("former", former)):
        for entry in data[group]:
            name = entry["name"]
            names.add(name)
            aliases[name] = tuple(entry.get("aliases", ()))
            for alias in (name, *aliases[name]):
                for key in _variants(name_key(alias)):
                    other = by_key.setdefault(key, name)
                    if other != name:
                        raise ValueError(
                            f"kbp/data/countries.json: {alias!r} names both {other!r} and {name!r}"
                        )
    return _Countries(by_key, frozenset(current), frozenset(former), aliases)


def _check_country(resource: str, country: str) -> str:
    data = _countries()
    if country not in data.current and country not in data.former:
        raise ValueError(f"kbp/data/{resource}: {country!r} is not a canonical country name")
    return country


@lru_cache(maxsize=1)
def _demonyms() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """``(demonym key -> country, country -> primary demonym, demonym key -> nation)``;
    first row wins; the nation is the optional third column ("English" -> England)."""
    to_country: dict[str, str] = {}
    primary: dict[str, str] = {}
    nation: dict[str, str] = {}
    for demonym, country, *rest in _tsv_rows("demonyms.tsv", 2):
        _check_country("demonyms.tsv", country)
        to_country.setdefault(name_key(demonym), country)
        primary.setdefault(country, demonym)
        if rest and rest[0]:
            nation.setdefault(name_key(demonym), rest[0])
    return to_country, primary, nation


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    table: dict[str, str] = {}
    for city, country, *_ in _tsv_rows("cities.tsv", 2):
        _check_country("cities.tsv", country)
        for key in _variants(name_key(city)):
            table.setdefault(key, country)
    return table


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, tuple[str, str]]:
    """Subdivision key -> ``(country, kind)``; the first row wins a shared name."""
    table: dict[str, tuple[str, str]] = {}
    for fields in _tsv_rows("subdivisions.tsv", 3):
        name, country, kind = fields[:3]
        _check_country("subdivisions.tsv", country)
        aliases = [a.strip() for a in fields[3].split("|")] if len(fields) > 3 else []
        for alias in (name, *[a for a in aliases if a]):
            for key in _variants(name_key(alias)):
                table.setdefault(key, (country, kind))
    return table


# ------------------------------------------------------------------------- countries


def canonical_country(name: str) -> str | None:
    """The canonical name of a country or one of its aliases: ``"U.S."`` ->
    ``"United States"``, ``"Britain"`` -> ``"United Kingdom"``, ``"Korea"`` ->
    ``"South Korea"``; former states map to themselves (``"USSR"`` -> ``"Soviet Union"``).
    """
    return _countries().by_key.get(name_key(name))


def country_aliases(country: str) -> tuple[str, ...]:
    """The other names of a canonical country: ``"Myanmar"`` -> ``("Burma", ...)``,
    ``"Soviet Union"`` -> ``("USSR", ...)``; ``()`` for a name that is not canonical."""
    return _countries().aliases.get(country, ())


def is_country(name: str, *, include_former: bool = True) -> bool:
    """Whether ``name`` names a country (a former one too unless ``include_former``)."""
    canon = canonical_country(name)
    if canon is None:
        return False
    return include_former or canon not in _countries().former


def is_former_country(name: str) -> bool:
    """Whether ``name`` names a state that no longer exists (Soviet Union, ...)."""
    canon = canonical_country(name)
    return canon is not None and canon in _countries().former


def all_countries(*, include_former: bool = False) -> tuple[str, ...]:
    """Canonical country names, sorted."""
    data = _countries()
    names = data.current | data.former if include_former else data.current
    return tuple(sorted(names))


# -------------------------------------------------------------------------- demonyms


def country_of_demonym(word: str) -> str | None:
    """The country of a nationality word: ``"Ecuadorian"`` -> ``"Ecuador"``,
    ``"Americans"`` -> ``"United States"``.  ``"Dominican"`` and ``"Congolese"``, shared
    by two countries, give the larger (Dominican Republic, DR Congo).
    """
    table = _demonyms()[0]
    key = name_key(word)
    if key in table:
        return table[key]
    if key.endswith("s") and key[:-1] in table:  # plural nouns: "Colombians"
        return table[key[:-1]]
    return None


def nation_of_demonym(word: str) -> str | None:
    """The place a nationality word names when it is narrower than a sovereign
    country: ``"English"`` -> ``"England"``, ``"Welsh"`` -> ``"Wales"``; else None."""
    table = _demonyms()[2]
    key = name_key(word)
    return table.get(key) or (table.get(key[:-1]) if key.endswith("s") else None)


def demonym_of_country(country: str) -> str | None:
    """The usual adjective of a country or alias: ``"USA"`` -> ``"American"``."""
    canon = canonical_country(country)
    return None if canon is None else _demonyms()[1].get(canon)


# ---------------------------------------------------------------------------- cities


def country_of_city(city: str) -> str | None:
    """The country of a capital or major city: ``"Cuenca"`` -> ``"Ecuador"``.

    A name shared by several places gives the most prominent one (see the comments in
    ``cities.tsv``).  ``"City, Country"`` and ``"City, State"`` forms are read too:
    ``"Cuenca, Spain"`` -> ``"Spain"``, ``"Athens, Ga."`` -> ``"United States"``.
    """
    key = name_key(city)
    found = _cities().get(key)
    if found is not None:
        return found
    if "," in city:
        head, _, tail = city.rpartition(",")
        tail_country = canonical_country(tail) or country_of_state(tail)
        if tail_country is not None and head.strip():
            return tail_country
    return None


# ---------------------------------------------------------------- states, provinces


def is_state_or_province(name: str) -> bool:
    """Whether ``name`` is a US state, Canadian province or territory, Australian state,
    a UK constituent country, or a state/province/region of India, Pakistan, China,
    Germany, Mexico, Brazil, Spain, Italy, South Africa (and a few Russian republics).
    """
    return name_key(name) in _subdivisions()


def country_of_state(name: str) -> str | None:
    """The country of a state or province: ``"Ontario"`` -> ``"Canada"``."""
    found = _subdivisions().get(name_key(name))
    return None if found is None else found[0]


def subdivision_kind(name: str) -> str | None:
    """``"state"``, ``"province"``, ``"territory"``, ``"country"`` (England), ..."""
    found = _subdivisions().get(name_key(name))
    return None if found is None else found[1]


def is_place(name: str) -> bool:
    """Whether ``name`` is a known country, city, state or province."""
    return bool(canonical_country(name) or country_of_city(name)
                or is_state_or_province(name))
