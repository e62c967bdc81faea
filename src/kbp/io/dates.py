"""Dates in metadata fields (SGML headers, infobox values, document ids) to ISO 8601.

Metadata adds forms that running text does not have (``{{birth date|1970|10|2}}``,
``20080815``, "c. 1850", a parenthesised duplicate); free text is handed to
:func:`kbp.nlp.normalize.normalize_date`, the one date parser of the project.
"""

from __future__ import annotations

import datetime as dt
import re

from kbp.nlp.normalize import normalize_date as normalize_free_text_date

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_COMPACT = re.compile(r"^\s*((?:19|20)\d{2})(\d{2})(\d{2})(?:[T\s]|$)")
_ID_DATE = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d{2})(\d{2})(\d{2})(?![0-9A-Za-z])")
_TEMPLATE = re.compile(r"\{\{[^{}]*?date[^{}]*\}\}", re.IGNORECASE)
_PARENS = re.compile(r"\([^()]*\)")
_CIRCA = re.compile(r"^\s*(?:c\.|ca\.|circa|about|around)\s*", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"^\s*(\d{3,4})\s*$")


def _ymd(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        if day is not None and month is not None:
            return dt.date(year, month, day).isoformat()
        if month is not None:
            dt.date(year, month, 1)
            return f"{year:04d}-{month:02d}"
    except ValueError:
        return None
    return f"{year:04d}" if year > 0 else None


def _from_template(text: str) -> str | None:
    """``{{birth date and age|1970|10|2}}`` and friends."""
    m = _TEMPLATE.search(text)
    if not m:
        return None
    params = [p.strip() for p in m.group(0).strip("{}").split("|")[1:]]
    nums = [int(p) for p in params if p.isdigit()]
    if not nums or nums[0] < 100:
        return None
    return _ymd(*nums[:3])


def normalize_date(text: str | None) -> str | None:
    """ISO form of a free-text date, or None when no year can be found.

    >>> normalize_date("October 2, 1970 (1970-10-02) (age 38)")
    '1970-10-02'
    >>> normalize_date("July 1974"), normalize_date("c. 1850")
    ('1974-07', '1850')
    """
    if not text or not text.strip():
        return None
    found = _from_template(text)
    if found:
        return found
    m = _ISO.search(text)
    if m:
        return _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _COMPACT.match(text)
    if m:
        return _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    plain = _CIRCA.sub("", _PARENS.sub(" ", text)).strip()
    m = _YEAR_ONLY.match(plain)
    if m:
        return _ymd(int(m.group(1)))
    if not re.search(r"\d{3,4}", plain):
        return None
    return normalize_free_text_date(plain)


def date_from_id(doc_id: str) -> str | None:
    """The date in an id like ``APW_ENG_20080815.0123``, if it holds a valid one."""
    for m in _ID_DATE.finditer(doc_id):
        found = _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if found:
            return found
    return None
