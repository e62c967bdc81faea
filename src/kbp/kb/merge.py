"""How a new fact meets the stored ones: filler identity, confidence, qualifiers, status.

Pure functions only; :mod:`kbp.kb.sqlite` (and any other backend) calls them so every
store merges and labels facts the same way.

- :func:`value_key` is the identity of a filler within one (subject, slot);
- :func:`compatible` / :func:`same_filler` say whether two fillers are the same one
  (a partial date is the same filler as a fuller date it prefixes);
- :func:`merge_confidence`, :func:`merge_qualifiers`, :func:`more_specific` combine a
  new occurrence into a stored row;
- :func:`conflict_flags` and :func:`fact_status` derive the status on read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from kbp.kb.text import fold
from kbp.slots.schema import slot as get_slot

__all__ = [
    "CONFIDENCE_CAP",
    "Filler",
    "combine_confidences",
    "compatible",
    "conflict_flags",
    "fact_status",
    "fold",
    "merge_confidence",
    "merge_qualifiers",
    "more_specific",
    "same_filler",
    "value_key",
]

#: Combining evidence from several documents never claims more than this.
CONFIDENCE_CAP = 0.99

_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")


class Filler(NamedTuple):
    """A stored or incoming slot filler, as far as identity is concerned."""

    value: str
    qualifiers: Mapping[str, str] = {}
    object: str | None = None


def _result_parts(value: str, qualifiers: Mapping[str, str] | None) -> tuple[str, str, str] | None:
    """(competition, year, event) of a RESULT filler, folded; None without comp/year."""
    q = qualifiers or {}
    competition = fold(q.get("competition", ""))
    year = q.get("year", "").strip()
    if not year:
        date = q.get("date", "").strip()
        year = date[:4] if date[:4].isdigit() else ""
    if not competition and not year:
        return None
    return competition, year, fold(q.get("event", ""))


def value_key(slot: str, value: str, qualifiers: Mapping[str, str] | None = None) -> str:
    """The identity of a filler within (subject, ``slot``).

    Strings are folded (case, accents, spacing).  RESULT fillers
    (``per:competition_result``, ``per:record``) are keyed by
    ``competition|year`` (with ``|event`` appended when an event qualifier is
    present, so two events of one championship stay apart, and ``|derived`` for a
    result computed from other facts); without competition and
    year qualifiers the folded value is the key.  URLs ignore the scheme, a leading
    ``www.`` and a trailing slash.  Unknown slots raise ``KeyError``.
    """
    filler = get_slot(slot).filler
    if filler == "RESULT":
        parts = _result_parts(value, qualifiers)
        if parts is not None:
            competition, year, event = parts
            key = f"{competition}|{year}"
            key = f"{key}|{event}" if event else key
            return f"{key}|derived" if (qualifiers or {}).get("derived") else key
    if filler == "URL":
        url = _URL_SCHEME.sub("", fold(value))
        url = url.removeprefix("www.")
        return url.rstrip("/")
    return fold(value)


def _date_prefix(short: str, long: str) -> bool:
    """True when ISO date ``short`` is a coarser form of ``long`` ("1974" of "1974-07-01")."""
    return (
        len(short) < len(long)
        and long.startswith(short)
        and long[len(short)] == "-"
        and bool(_ISO_DATE.match(short))
        and bool(_ISO_DATE.match(long))
    )


def compatible(
    slot: str,
    a_value: str,
    b_value: str,
    a_qualifiers: Mapping[str, str] | None = None,
    b_qualifiers: Mapping[str, str] | None = None,
) -> bool:
    """True when two values of ``slot`` are the same filler.

    Equal :func:`value_key` s are compatible.  DATE fillers are also compatible
    when one ISO date is a coarser prefix of the other ("1974" and "1974-07-01").
    RESULT fillers with the same competition and year are compatible when their
    events are equal or one of them has no event.
    """
    filler = get_slot(slot).filler
    if value_key(slot, a_value, a_qualifiers) == value_key(slot, b_value, b_qualifiers):
        return True
    if filler == "DATE":
        a, b = a_value.strip(), b_value.strip()
        return _date_prefix(a, b) or _date_prefix(b, a)
    if filler == "RESULT":
        pa, pb = _result_parts(a_value, a_qualifiers), _result_parts(b_value, b_qualifiers)
        if pa is None or pb is None:
            return False
        if bool((a_qualifiers or {}).get("derived")) != bool((b_qualifiers or {}).get("derived")):
            return False  # a computed result stays beside the stated one, not merged into it
        return pa[:2] == pb[:2] and (pa[2] == pb[2] or not pa[2] or not pb[2])
    return False


def same_filler(slot: str, a: Filler, b: Filler) -> bool:
    """True when two fillers are one: the same object entity, or compatible values."""
    if a.object is not None and a.object == b.object:
        return True
    return compatible(slot, a.value, b.value, a.qualifiers, b.qualifiers)


def more_specific(slot: str, stored: str, new: str) -> str:
    """The value a merged row keeps: the fuller of two compatible ISO dates, else ``stored``."""
    if get_slot(slot).filler == "DATE" and _date_prefix(stored.strip(), new.strip()):
        return new
    return stored


def merge_confidence(old: float, new: float, new_document: bool) -> float:
    """Confidence after adding an occurrence with confidence ``new`` to a row at ``old``.

    Evidence from a document the row did not cite yet combines as
    ``1 - (1-old)(1-new)``, capped at :data:`CONFIDENCE_CAP` (never lowering either
    input); more evidence from an already cited document only keeps the maximum.
    """
    best = max(old, new)
    if not new_document:
        return best
    return max(best, min(CONFIDENCE_CAP, 1.0 - (1.0 - old) * (1.0 - new)))


def combine_confidences(per_document: Iterable[float]) -> float:
    """Confidence of a row cited by documents whose best confidences are given (0 if none)."""
    values = list(per_document)
    if not values:
        return 0.0
    result = values[0]
    for value in values[1:]:
        result = merge_confidence(result, value, new_document=True)
    return result


def merge_qualifiers(old: Mapping[str, str], new: Mapping[str, str]) -> dict[str, str]:
    """Qualifiers of a merged row: the stored ones win, missing keys come from ``new``."""
    merged = dict(old)
    for key, value in new.items():
        if key not in merged or not merged[key]:
            merged[key] = value
    return merged


def conflict_flags(slot: str, fillers: Sequence[Filler]) -> list[bool]:
    """For each filler of one (subject, ``slot``), whether it is in conflict.

    Only single-valued slots conflict: a filler conflicts when another filler of the
    same subject and slot is not :func:`same_filler` with it.
    """
    if not get_slot(slot).single:
        return [False] * len(fillers)
    flags = []
    for i, a in enumerate(fillers):
        flags.append(
            any(j != i and not same_filler(slot, a, b) for j, b in enumerate(fillers))
        )
    return flags


def fact_status(conflict: bool, all_kb: bool, sources: int) -> str:
    """The status of a stored fact (see :mod:`kbp.kb.store`).

    ``conflict`` comes from :func:`conflict_flags`; ``all_kb`` is True when every
    provenance row comes from a KB entry; ``sources`` counts distinct documents.
    """
    if conflict:
        return "conflict"
    if all_kb:
        return "kb"
    if sources >= 2:
        return "corroborated"
    return "new"
