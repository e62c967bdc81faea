"""When a fact held: temporal qualifiers read from the fact's sentence, and the check of
an age against a known date of birth.

- :func:`temporal_qualifiers` finds the time expression that goes with a filler ("CEO
  from 1998 to 2004", "has lived in Quito since 2010", "married Ana Vega in 1999",
  "(1990–1995)") and returns ``start`` / ``end`` years for the slots whose facts hold
  over a period (:data:`TIMED_SLOTS`).
- :func:`check_age` qualifies an age with the date it was true (``as_of``) and compares
  it with the dates of birth known for the person: a consistent age is corroborated, an
  inconsistent one loses confidence and names the date it conflicts with.

Years only: the sentence rarely gives more for a tenure, and a year is what a reader
compares.  Written as patterns rather than with a date parser because what matters is
the word that binds the year to the fact (from, until, since, in ... married), which a
date parser discards.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from kbp.types import Fact

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["TIMED_SLOTS", "ClauseTest", "age_at", "check_age", "same_clause",
           "temporal_qualifiers"]

#: Slots whose facts hold over a period of time.
TIMED_SLOTS = frozenset({
    "per:title", "per:employee_or_member_of", "org:top_members_employees", "per:spouse",
    "per:cities_of_residence", "per:statesorprovinces_of_residence",
    "per:countries_of_residence", "per:schools_attended", "org:member_of", "org:members",
    "per:coach", "org:political_religious_affiliation",
})
_YEAR = r"((?:1[5-9]|20)\d\d)"
#: (pattern, qualifiers it gives: group number per key); the first match nearest the
#: filler wins.
_PATTERNS: tuple[tuple[re.Pattern[str], dict[str, int]], ...] = (
    (re.compile(rf"\bfrom {_YEAR}\s*(?:to|until|till|through)\s*{_YEAR}"), {"start": 1, "end": 2}),
    (re.compile(rf"\bbetween {_YEAR} and {_YEAR}"), {"start": 1, "end": 2}),
    (re.compile(rf"\(\s*{_YEAR}\s*[–—-]\s*{_YEAR}\s*\)"), {"start": 1, "end": 2}),
    (re.compile(rf"\b{_YEAR}\s*[–—-]\s*{_YEAR}\b"), {"start": 1, "end": 2}),
    (re.compile(rf"\((?:since |from )?{_YEAR}\s*[–—-]\s*(?:present|now)?\s*\)"), {"start": 1}),
    (re.compile(rf"\b(?:since|from) {_YEAR}\b"), {"start": 1}),
    (re.compile(rf"\b(?:until|till|through) {_YEAR}\b"), {"end": 1}),
)
#: Verbs that date the start or the end of a period: "became CEO in 2001", "married in
#: 1999", "retired in 2005".
_START_VERB = re.compile(
    r"\b(?:became|become|becomes|joined|joins|appointed|named|elected|hired|married|marries|"
    r"moved to|settled in|enrolled|founded|took over|was made)\b")
_END_VERB = re.compile(
    r"\b(?:left|leaves|resigned|retired|stepped down|divorced|was fired|was dismissed|"
    r"graduated|died)\b")
_IN_YEAR = re.compile(rf"\b(?:in|In) (?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+ )?{_YEAR}\b")
#: How far (characters) a time expression may be from the filler to qualify it.
WINDOW = 80


#: Whether two character spans of a sentence, ``(a0, a1)`` and ``(b0, b1)``, are in one
#: clause (see :func:`same_clause`).
ClauseTest = Callable[[int, int, int, int], bool]


def temporal_qualifiers(slot: str, sentence: str, start: int, end: int,
                        same: ClauseTest | None = None) -> dict[str, str]:
    """``start``/``end`` years for a fact of ``slot`` whose filler is
    ``sentence[start:end]``; empty for slots that do not hold over a period or when no
    time expression is near the filler.  ``same``, when given, must accept the time
    expression and the filler as parts of one clause (:func:`same_clause`)."""
    if slot not in TIMED_SLOTS:
        return {}

    def apart(a0: int, a1: int) -> bool:
        return _clause_between(sentence, a0, a1, start, end) or (
            same is not None and not same(a0, a1, start, end))

    best: tuple[int, dict[str, str]] | None = None
    for pattern, groups in _PATTERNS:
        for m in pattern.finditer(sentence):
            gap = _gap(m.start(), m.end(), start, end)
            if gap <= WINDOW and (best is None or gap < best[0]) and not apart(
                    m.start(), m.end()):
                best = (gap, {k: m.group(g) for k, g in groups.items()})
    if best is not None:
        return _ordered(best[1])
    out: dict[str, str] = {}
    for m in _IN_YEAR.finditer(sentence):
        if _gap(m.start(), m.end(), start, end) > WINDOW or apart(m.start(), m.end()):
            continue
        # the verb right before the year dates it ("joined Acme in 1990 and left it in
        # 1995"); with none ("In 1999 he married"), any such verb around it
        kind = _last_verb_kind(sentence[max(0, m.start() - 40): m.start()])
        if kind is None:
            lo, hi = min(m.start(), start), max(m.end(), end)
            around = sentence[max(0, lo - 40): hi + 40]
            kind = ("end" if _END_VERB.search(around)
                    else "start" if _START_VERB.search(around) else None)
        if kind is not None:
            out.setdefault(kind, m.group(1))
    return _ordered(out)


def _last_verb_kind(text: str) -> str | None:
    """"start" or "end" for the last dating verb of ``text``, None without one."""
    found = [(v.end(), "end") for v in _END_VERB.finditer(text)]
    found += [(v.end(), "start") for v in _START_VERB.finditer(text)]
    return max(found)[1] if found else None


def _gap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, max(a0, b0) - min(a1, b1))


_CLAUSE = re.compile(r"\b(?:which|that|who|whose|whom)\b|;")


def _clause_between(sentence: str, a0: int, a1: int, b0: int, b1: int) -> bool:
    """Whether a relative clause or a semicolon separates the two spans: the time then
    belongs to something else ("president of a club that was founded in 1901")."""
    return bool(_CLAUSE.search(sentence[min(a1, b1): max(a0, b0)]))


def _own_object(verb: Token) -> bool:
    """Whether a verb has an object of its own that is no pronoun ("headed Renault", not
    "left it")."""
    return any(c.dep_ in ("dobj", "attr") and c.pos_ != "PRON" for c in verb.children)


def same_clause(sent: Span) -> ClauseTest:
    """A :data:`ClauseTest` on the parse of ``sent`` (offsets relative to its text): two
    spans are in one clause when the verbs that govern them are the same, or joined by
    "and" without an object of the second's own.  In "Piñera, who studied at Harvard,
    led Chile from 2010 to 2014" the years are the leading's, not the studies'; in
    "joined Acme in 1990 and left in 1995" both years are the job's; in "led Nissan from
    1999 and headed Renault" the year is Nissan's only."""
    def verb(a: int, b: int) -> Token | None:
        span = sent.char_span(a, b, alignment_mode="expand")
        if span is None or not len(span):
            return None
        tok = span.root
        while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
            tok = tok.head
        while tok.dep_ == "conj" and tok.head.i != tok.i and not _own_object(tok):
            tok = tok.head
        return tok

    def test(a0: int, a1: int, b0: int, b1: int) -> bool:
        va, vb = verb(a0, a1), verb(b0, b1)
        return va is None or vb is None or va == vb

    return test


def _ordered(q: dict[str, str]) -> dict[str, str]:
    """Drop a range that runs backwards (a score or an ID, not a period)."""
    if "start" in q and "end" in q and q["end"] < q["start"]:
        return {}
    return q


# -- age against date of birth ---------------------------------------------------------


def age_at(birth: str, date: str) -> set[int]:
    """The ages a person born on ``birth`` can have on ``date`` (ISO dates, either may be
    a bare year or year-month): one value when both are full dates, two when a birthday
    may or may not have passed; empty when either has no year."""
    b, d = _parts(birth), _parts(date)
    if b is None or d is None:
        return set()
    years = d[0] - b[0]
    if b[1] and b[2] and d[1] and d[2]:
        return {years - ((d[1], d[2]) < (b[1], b[2]))}
    if b[1] and d[1] and b[1] != d[1]:
        return {years - (d[1] < b[1])}
    return {years - 1, years}


def _parts(iso: str) -> tuple[int, int, int] | None:
    m = re.match(r"^(\d{4})(?:-(\d\d))?(?:-(\d\d))?", iso or "")
    if not m:
        return None
    return int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)


#: How much an age consistent with a known date of birth gains, and the factor an
#: inconsistent one keeps.
AGE_CORROBORATED, AGE_CONFLICT_FACTOR = 0.1, 0.5


def check_age(fact: Fact, birth_dates: Iterable[str], as_of: str | None) -> Fact:
    """``fact`` (a ``per:age``) qualified with ``as_of`` (the date of the document it
    comes from, or its year) and checked against ``birth_dates``: consistent with one of
    them -> ``checked_against`` and a higher confidence; inconsistent with all ->
    ``conflicts_with`` and a lower one.  Unchanged without a date or a usable age."""
    if fact.slot != "per:age" or not as_of or not fact.value.isdigit():
        return fact
    qualifiers = dict(fact.qualifiers)
    qualifiers.setdefault("as_of", as_of)
    age = int(fact.value)
    expected = {b: age_at(b, as_of) for b in birth_dates}
    expected = {b: ages for b, ages in expected.items() if ages}
    confidence = fact.confidence
    if any(age in ages for ages in expected.values()):
        qualifiers["checked_against"] = "per:date_of_birth"
        confidence = min(0.95, confidence + AGE_CORROBORATED)
    elif expected:
        qualifiers["conflicts_with"] = "per:date_of_birth " + ", ".join(sorted(expected))
        confidence = round(confidence * AGE_CONFLICT_FACTOR, 3)
    return replace(fact, qualifiers=qualifiers, confidence=confidence)
