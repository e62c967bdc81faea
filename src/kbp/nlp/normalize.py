"""Normalisers for slot values: dates, durations, heights, ages and number words.

Every ``normalize_*`` function is pure and returns ``None`` when it cannot read its
input; none of them raises on bad text.

* dates -> ISO 8601, partial where the text is partial: ``"1974-07-01"``, ``"1974-07"``,
  ``"1974"``;
* durations -> ``"H:MM:SS"`` with any fraction of a second kept: ``"1:19:01"``,
  ``"2:08:34.5"``;
* heights -> metres with two decimals: ``"1.67"``;
* ages -> whole years: ``"34"``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# --------------------------------------------------------------------------- numbers

_UNITS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen"
        " fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    word: 10 * value
    for value, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_WORDS_ALT = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_TENS_ALT = "|".join(_TENS)
_ONE_TO_NINE = "|".join(w for w, v in _UNITS.items() if 1 <= v <= 9)
#: A number written in digits or in words up to ninety-nine (for embedding in patterns).
_NUMBER_RE = rf"(?:\d+|(?:{_TENS_ALT})[\s-]+(?:{_ONE_TO_NINE})|{_WORDS_ALT})"


def parse_number_word(text: str) -> int | None:
    """``"12"``, ``"1,000"``, ``"Twelve"``, ``"thirty-four"`` -> int; otherwise None.

    Words cover zero to ninety-nine.
    """
    s = text.strip().lower()
    if not s:
        return None
    if _DIGITS.fullmatch(s):
        return int(s.replace(",", ""))
    parts = [p for p in re.split(r"[\s-]+", s) if p]
    if len(parts) == 1:
        word = parts[0]
        if word in _UNITS:
            return _UNITS[word]
        return _TENS.get(word)
    if len(parts) == 2 and parts[0] in _TENS and 1 <= _UNITS.get(parts[1], 0) <= 9:
        return _TENS[parts[0]] + _UNITS[parts[1]]
    return None


def _clean(text: str) -> str:
    s = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    s = re.sub(r"\s+", " ", s).strip()
    return s.strip(' ,;:!?()[]{}"')


# ----------------------------------------------------------------------------- dates

_MIN_YEAR, _MAX_YEAR = 1000, 2999
_LEADING_WORDS = re.compile(
    r"^(?:in|on|since|by|from|until|till|during|as of|of|at|around|about|circa|ca\.|c\."
    r"|before|after|early|late|mid|mid-|the)\s+",
    re.IGNORECASE,
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE_AGO = re.compile(
    rf"^(?P<n>a|an|{_NUMBER_RE})\s+(?P<unit>years?|months?|weeks?|days?|decades?)\s+ago$"
)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _shift_months(d: dt.date, months: int) -> tuple[int, int]:
    index = d.year * 12 + (d.month - 1) + months
    return index // 12, index % 12 + 1


def _relative_date(s: str, ref: dt.date | None) -> tuple[bool, str | None]:
    """``(matched, value)``: whether ``s`` is a relative expression, and its value."""
    s = re.sub(r"'s$", "", s.lower()).strip()  # "this year's"
    simple = {
        "today": 0,
        "tonight": 0,
        "this morning": 0,
        "this afternoon": 0,
        "this evening": 0,
        "yesterday": -1,
        "tomorrow": 1,
    }
    if s in simple:
        return True, None if ref is None else (ref + dt.timedelta(days=simple[s])).isoformat()
    m = re.fullmatch(r"(this|last|next|past|previous|coming) (year|month|week)", s)
    if m:
        if ref is None:
            return True, None
        step = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}
        k = step[m.group(1)]
        if m.group(2) == "year":
            return True, _iso(ref.year + k)
        if m.group(2) == "month":
            return True, _iso(*_shift_months(ref, k))
        return True, None  # a week is not a calendar unit ISO dates express simply
    m = _RELATIVE_AGO.fullmatch(s)
    if m:
        if ref is None:
            return True, None
        n_text = m.group("n")
        n = 1 if n_text in ("a", "an") else parse_number_word(n_text)
        if n is None:
            return True, None
        unit = m.group("unit").rstrip("s")
        if unit == "decade":
            return True, _iso(ref.year - 10 * n)
        if unit == "year":
            return True, _iso(ref.year - n)
        if unit == "month":
            return True, _iso(*_shift_months(ref, -n))
        days = 7 * n if unit == "week" else n
        return True, _iso_date(ref - dt.timedelta(days=days))
    m = re.fullmatch(rf"(last|this|next|on)?\s*({'|'.join(_WEEKDAYS)})", s)
    if m:
        if ref is None:
            return True, None
        # News convention: a bare weekday is the most recent one on or before the
        # reference date; "last" is strictly before it, "next" strictly after.
        back = (ref.weekday() - _WEEKDAYS.index(m.group(2))) % 7
        if m.group(1) == "next":
            return True, _iso_date(ref + dt.timedelta(days=(7 - back) or 7))
        if m.group(1) == "last" and back == 0:
            back = 7
        return True, _iso_date(ref - dt.timedelta(days=back))
    return False, None


def _iso_date(d: dt.date) -> str | None:
    return _iso(d.year, d.month, d.day)


# Two default dates differing in every field: a field dateutil fills from the default
# differs between the two parses, so it was missing from the text.
_DEFAULT_A = dt.datetime(1904, 1, 1)
_DEFAULT_B = dt.datetime(1908, 2, 2)


def _parse_absolute(s: str, ref: dt.date | None) -> str | None:
    from dateutil import parser as dparser

    s = re.sub(r"\bthe\b", " ", s, flags=re.IGNORECASE)
    s = re.sub(r"\s+", " ", s).strip()
    if not re.search(r"\d", s) or not re.search(r"[A-Za-z]|\d[/.-]\d", s):
        return None
    try:
        a = dparser.parse(s, default=_DEFAULT_A, ignoretz=True)
        b = dparser.parse(s, default=_DEFAULT_B, ignoretz=True)
    except (ValueError, OverflowError, TypeError):
        return None
    has_year = a.year == b.year
    has_month = a.month == b.month
    has_day = a.day == b.day
    if has_year and not re.search(r"(?<!\d)\d{4}(?!\d)", s):
        return None  # two-digit or implied year: too ambiguous
    if not has_month:
        return _iso(a.year) if has_year and not has_day else None
    if not has_year:
        if ref is None:
            return None
        year = ref.year
    else:
        year = a.year
    return _iso(year, a.month, a.day if has_day else None)


def normalize_date(text: str, ref: dt.date | None = None) -> str | None:
    """An ISO 8601 date, partial where the text is: ``"July 1974"`` -> ``"1974-07"``.

    ``ref`` is the document date; relative expressions ("this year", "last year",
    "twelve years ago", "yesterday", "Sunday") need it and give None without it, and it
    supplies the year of a date written without one ("July 1").  A bare weekday is the
    most recent such day on or before ``ref`` (news usage).  A month name alone, a
    decade ("the 1990s") and a two-digit year give None.
    """
    s = _clean(text)
    while True:
        stripped = _LEADING_WORDS.sub("", s)
        if stripped == s:
            break
        s = stripped
    s = s.rstrip(".")
    if not s:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{4})-(\d{2})", s)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)))
    if re.fullmatch(r"\d{4}", s):
        return _iso(int(s))
    if re.fullmatch(r"\d{4}s|'?\d{2}s", s):
        return None  # a decade
    matched, value = _relative_date(s, ref)
    if matched:
        return value
    value = _parse_absolute(s, ref)
    if value is not None:
        return value
    # "summer of 1996", "the 1996 season": one standalone year and no other digits.
    years = re.findall(r"(?<![\d'])\d{4}(?![\d]|s\b)", s)
    if len(years) == 1 and len(re.findall(r"\d+", s)) == 1:
        return _iso(int(years[0]))
    return None


# ------------------------------------------------------------------------- durations

_HMS = re.compile(r"(\d{1,3}):([0-5]\d):([0-5]\d(?:\.\d+)?)")
_MS = re.compile(r"(\d{1,3}):([0-5]\d(?:\.\d+)?)")
_S = re.compile(r"\d+(?:\.\d+)?")
_UNIT_PART = re.compile(
    rf"(?P<n>\d+(?:\.\d+)?|{_NUMBER_RE})\s*-?\s*"
    r"(?P<unit>hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b\.?",
)
_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}


def _unit_key(unit: str) -> str:
    return unit[0]


def _format_decimal(total: Decimal) -> str:
    if total < 0:
        raise ValueError(f"negative duration: {total}")
    whole = int(total)
    frac = total - whole
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    out = f"{h}:{m:02d}:{s:02d}"
    if frac:
        digits = format(frac, "f").split(".", 1)[1] if "." in format(frac, "f") else ""
        if digits.strip("0"):
            out += "." + digits
    return out


def normalize_duration(text: str) -> str | None:
    """A duration as ``"H:MM:SS"`` (fraction kept): ``"1 hour, 19 minutes, 1 second"``
    -> ``"1:19:01"``, ``"1:17:21"`` -> ``"1:17:21"``, ``"3:45.12"`` -> ``"0:03:45.12"``.

    ``"M:SS"`` without a fraction is read as minutes and seconds; a clock time followed
    by "a.m."/"p.m."/"GMT" or the like is rejected.
    """
    s = _clean(text).lower().rstrip(".")
    s = re.sub(r"^(?:in|of|with|a time of|time of)\s+", "", s)
    if not s:
        return None
    m = _HMS.fullmatch(s)
    if m:
        total = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + Decimal(m.group(3))
        return _format_decimal(total)
    m = re.fullmatch(r"(\d{1,3}:[0-5]\d(?:\.\d+)?)(?:\s*(?:min|mins|minutes))?", s)
    if m:
        mm, ss = _MS.fullmatch(m.group(1)).groups()  # type: ignore[union-attr]
        return _format_decimal(int(mm) * 60 + Decimal(ss))
    return _spelled_duration(s)


def _spelled_duration(s: str) -> str | None:
    pos = 0
    seen: list[str] = []
    total = Decimal(0)
    for m in _UNIT_PART.finditer(s):
        gap = s[pos : m.start()]
        if gap.strip(" ,") not in ("", "and"):
            return None
        key = _unit_key(m.group("unit"))
        order = "hms"
        if seen and order.index(key) <= order.index(seen[-1]):
            return None  # repeated or out-of-order units
        n_text = m.group("n")
        try:
            n = Decimal(n_text) if n_text[0].isdigit() else Decimal(parse_number_word(n_text) or -1)
        except InvalidOperation:
            return None
        if n < 0:
            return None
        if seen and key != "h" and n >= 60:
            return None  # "1 hour 75 minutes" is not a well-formed duration
        total += n * _UNIT_SECONDS[key]
        seen.append(key)
        pos = m.end()
    if not seen or s[pos:].strip(" ,"):
        return None
    return _format_decimal(total)


def duration_seconds(hms: str) -> float:
    """Seconds in ``"H:MM:SS(.f)"`` (also ``"M:SS"``, plain seconds, or anything
    :func:`normalize_duration` reads).  Raises ValueError when it cannot be read.
    """
    s = hms.strip()
    m = _HMS.fullmatch(s)
    if m:
        return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    m = _MS.fullmatch(s)
    if m:
        return int(m.group(1)) * 60 + float(m.group(2))
    if _S.fullmatch(s):
        return float(s)
    norm = normalize_duration(s)
    if norm is None:
        raise ValueError(f"not a duration: {hms!r}")
    return duration_seconds(norm)


def format_hms(seconds: float) -> str:
    """``"H:MM:SS"`` for a number of seconds, with up to three decimals of a second kept:
    ``4741`` -> ``"1:19:01"``, ``7714.5`` -> ``"2:08:34.5"``.  The inverse of
    :func:`duration_seconds`.  Raises ValueError for negative or non-finite input.
    """
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"cannot format {seconds!r} seconds as H:MM:SS")
    total = Decimal(repr(round(float(seconds), 3)))
    return _format_decimal(total)


# --------------------------------------------------------------------------- heights

_FEET_WORDS = r"(?:\d+|three|four|five|six|seven|eight)"
_INCH_NUM = rf"(?:\d+(?:\.\d+)?|{_WORDS_ALT})"
_METRIC = re.compile(
    r"(?P<v>\d+(?:[.,]\d{1,3})?)\s*-?\s*"
    r"(?P<u>m|meters?|metres?|mtrs?|cm|centimet(?:er|re)s?)\.?"
)
_IMPERIAL = re.compile(
    rf"(?P<ft>{_FEET_WORDS})\s*-?\s*(?:ft\.?|feet|foot|'|\u2032)"
    rf"(?:\s*[-,]?\s*(?P<in>{_INCH_NUM})\s*-?\s*(?:in\.?|inch(?:es)?|\"|''|\u2033)?)?"
)
_INCHES_ONLY = re.compile(r"(?P<in>\d+(?:\.\d+)?)\s*-?\s*(?:in\.?|inch(?:es)?|\"|\u2033)")
_INCH_M = Decimal("0.0254")


def _metres(value: Decimal) -> str | None:
    if value <= 0:
        return None
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _num(text: str) -> Decimal | None:
    if text[0].isdigit():
        return Decimal(text)
    n = parse_number_word(text)
    return None if n is None else Decimal(n)


def normalize_height(text: str) -> str | None:
    """A height in metres with two decimals: ``"1.67-meter"`` -> ``"1.67"``,
    ``"6 ft 2 in"`` -> ``"1.88"``, ``"167 cm"`` -> ``"1.67"``, ``"6-foot-2"`` -> ``"1.88"``.
    """
    s = _clean(text).lower().replace("\u2019", "'")
    s = re.sub(r"[\s-]*tall$", "", s).strip()
    m = _METRIC.fullmatch(s)
    if m:
        value = Decimal(m.group("v").replace(",", "."))
        if m.group("u").startswith("c"):
            value /= 100
        return _metres(value)
    m = _IMPERIAL.fullmatch(s)
    if m:
        feet = _num(m.group("ft"))
        inches = _num(m.group("in")) if m.group("in") else Decimal(0)
        if feet is None or inches is None or inches >= 12:
            return None
        return _metres((feet * 12 + inches) * _INCH_M)
    m = _INCHES_ONLY.fullmatch(s)
    if m:
        return _metres(Decimal(m.group("in")) * _INCH_M)
    return None


# ------------------------------------------------------------------------------ ages

_AGE = re.compile(
    r"(?:at\s+)?(?:the\s+)?(?:(?:aged|age|ages)(?:\s+of)?\s+|(?:was|is)\s+)?"
    rf"(?P<n>{_NUMBER_RE})"
    r"(?:[\s-]+(?:years?|yrs?)(?:[\s-]+old|\s+of\s+age)?|[\s-]*(?:yo|y/o|y\.o\.))?"
)
_MAX_AGE = 130


def normalize_age(text: str) -> str | None:
    """An age in whole years: ``"34 years of age"``, ``"34-year-old"``, ``"aged 34"``,
    ``"was 34"`` (of "He was 34."), ``"thirty-four"`` -> ``"34"``.
    """
    s = _clean(text).lower().rstrip(".")
    m = _AGE.fullmatch(s)
    if not m:
        return None
    n = parse_number_word(m.group("n"))
    if n is None or n > _MAX_AGE:
        return None
    return str(n)
