"""What the linker reads from text around a name: the content words of a document or a
sentence, and markers of where a mention sits in its sentence (after "in", before a
colon, in a list, beside a match score)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Span

from kbp.kb.text import fold
from kbp.nlp.annotate import DATELINE
from kbp.nlp.frequency import zipf

_WORD = re.compile(r"[^\W\d_]{3,}")
#: Frequent words that carry no identity (the context feature only needs to ignore the
#: words every text shares).
_STOP = frozenset(
    "the and for that this with from have were been their there which when what would "
    "could about after also into more than then them they over only other some such these "
    "those while where said says being first last years year time made make like just "
    "will shall its his her has had was are not but one two new may can most many".split()
)
#: A match score in the sentence ("won 24–10"): there, a country is usually its team.
_SCORE = re.compile(r"\b\d{1,3}\s?[–—-]\s?\d{1,3}\b(?![–—-]?\d)")
SCORE_CUE = "__score__"


def context_terms(text: str, limit: int = 400) -> frozenset[str]:
    """Content words of a text, folded, for the context-overlap feature."""
    return frozenset([w for w in _WORD.findall(fold(text)) if w not in _STOP][: limit * 4])


def sentence_context(spans: Iterable[Span]) -> frozenset[str]:
    """Content words of the sentences these spans sit in, each sentence read once: the
    context that tells two same-named NIL entities apart (see :mod:`kbp.linking.nil`)."""
    return frozenset().union(*(context_terms(s.text) for s in {span.sent for span in spans}))


def term_weight(term: str) -> float:
    """How much a shared word says about identity: rare words much, common ones little
    ("bavaria" 0.96, "football" 0.47, "world" 0.28), from its frequency in general
    English on wordfreq's Zipf scale (0-8; a word it does not list counts as rarest)."""
    return max(0.0, 7.0 - zipf(term)) / 4.0


def sentence_cues(sentence: str) -> frozenset[str]:
    """What the ranking reads from the mention's sentence: its content words, plus a
    marker when the sentence reports a match score."""
    terms = context_terms(sentence)
    return terms | {SCORE_CUE} if _SCORE.search(sentence) else terms


#: Markers of how a mention sits in its sentence (see :func:`mention_cues`).
PREP_CUE, COMMA_CUE, COLON_CUE, NOUN_CUE, VERSUS_CUE, LIST_CUE, INNAME_CUE, TEAM_CUE = (
    "__prep__", "__comma__", "__colon__", "__noun__", "__versus__", "__list__", "__inname__",
    "__team__")
#: The mention is in a dateline: where the story was filed, a place even in a sports
#: report (no feature of its own; the linker reads no team cue there).
DATELINE_CUE = "__dateline__"
#: In a KB entry's stored context: the entry is a common noun (see
#: :func:`kbp.linking.aliases.is_common_noun`).  No text yields it: words have no "_".
COMMON_CUE = "__common__"
_LOCATIVE = frozenset(
    "in at from near to across throughout into outside inside around within of".split())
_VERSUS = frozenset("v v. vs vs. versus against beat beats defeated defeat over".split())


def mention_cues(span: Span) -> frozenset[str]:
    """:func:`sentence_cues` of the mention's sentence plus markers of its place in it:
    after a locative preposition ("born in Kiev") or in a dateline, next to another
    name across a comma ("Toronto, Ontario"), before a colon ("(Spanish: comunas)"),
    before a common noun ("an English cricketer"), or beside a match verb ("Italy v
    Tonga")."""
    doc = span.doc
    sent = span.sent
    sent_text = sent.text
    cues = set(sentence_cues(sent_text))
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    governor = _governor(span)
    if before is not None and (before.lower_ in _LOCATIVE or governor in _PLACE_OPENERS):
        cues.add(PREP_CUE)
    if (before is not None and before.lower_ in _TEAM_OPENERS) or governor in _TEAM_OPENERS:
        cues.add(TEAM_CUE)
    if (after is not None and after.text == "," and span.end + 1 < len(doc)
            and doc[span.end + 1].pos_ == "PROPN") or (
            before is not None and before.text == "," and span.start > 1
            and doc[span.start - 2].pos_ == "PROPN"):
        cues.add(COMMA_CUE)
    if after is not None and after.text == ":":
        cues.add(COLON_CUE)
    if after is not None and after.pos_ in ("NOUN", "ADJ") and after.is_lower:
        cues.add(NOUN_CUE)
    if any(t is not None and t.lower_ in _VERSUS for t in (before, after)):
        cues.add(VERSUS_CUE)
    if _in_list(span):
        cues.add(LIST_CUE)
    dateline = DATELINE.match(sent_text)
    if dateline is not None and span.end_char - sent.start_char <= dateline.end():
        cues.update((PREP_CUE, DATELINE_CUE))  # "MANCHESTER, England -": where the
        # story was filed
    if (before is not None and before.pos_ == "PROPN" and not before.is_sent_start) or (
            after is not None and after.pos_ == "PROPN" and after.text[:1].isupper()):
        cues.add(INNAME_CUE)
    return frozenset(cues)


#: Words whose place phrase runs on through a list or an apposition: "born in Mauchline,
#: Scotland", "took him to Australia, Indonesia and Canada" (each name is a place).
_PLACE_OPENERS = frozenset("in at near born to from across throughout".split())
#: Words before a team's name in a sports report: "won caps for England", "represented
#: Great Britain", "against the Netherlands, Israel and the United States".
_TEAM_OPENERS = frozenset(
    "for represented representing represents against v v. vs vs. versus".split())
_CHAIN = frozenset(", and or the -".split())


def _governor(span: Span) -> str | None:
    """The word that governs the list or apposition a mention ends ("in" for "Scotland"
    in "born in Mauchline, Scotland"), lower-cased; None when the mention is not inside
    such a chain of names (a name right after its word is handled on its own)."""
    doc = span.doc
    i = span.start - 1
    if i < 1 or doc[i].text not in (",", "and", "or"):
        return None
    while i >= 0 and (doc[i].pos_ == "PROPN" or doc[i].lower_ in _CHAIN):
        i -= 1
    return doc[i].lower_ if i >= 0 else None


def place_frame(span: Span) -> tuple[str, str]:
    """The names a place mention is framed by across commas: the larger place after it
    and the city before it ("Texas" for "Paris" in "Paris, Texas, and ..."; "Atlanta"
    for "Georgia" in "Atlanta, Georgia"); "" where there is none."""
    doc = span.doc
    within = before = ""
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        run = _name_run(doc, span.end + 1, 1)
        within = doc[span.end + 1 : run].text if run > span.end + 1 else ""
    if span.start >= 2 and doc[span.start - 1].text == ",":
        run = _name_run(doc, span.start - 2, -1)
        before = doc[run + 1 : span.start - 1].text if run < span.start - 2 else ""
    return within, before


def _name_run(doc, i: int, step: int, most: int = 3) -> int:
    """The index just past the run of up to ``most`` capitalised proper nouns from ``i``
    in direction ``step``."""
    for _ in range(most):
        if not (0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()):
            break
        i += step
    return i


def _in_list(span: Span) -> bool:
    """Whether the mention is one item of a list of names ("Bay, Calhoun, Gulf and
    Liberty"): a comma or "and" on one side, another capitalised item beyond it, and a
    comma on the other side or the same pattern again."""
    doc = span.doc
    seps = 0
    for i, step in ((span.start - 1, -1), (span.end, 1)):
        if 0 <= i < len(doc) and doc[i].text in (",", "and", "or") and (
                0 <= i + step < len(doc) and doc[i + step].text[:1].isupper()):
            seps += 1
    return seps == 2
