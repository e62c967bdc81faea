"""Cleaning of plain-text encyclopedia articles (Wikipedia pages stripped of markup).

Such text has HTML entities left in, headings glued to the next sentence
("Personal lifeJefferson"), sentences glued together ("Games.He won"), and a tail
of references, succession boxes, ``Category:`` tags and interlanguage links
("Ecuadorca:Jefferson Pérez de:Jefferson Pérez ...").  :func:`clean_article`
returns the readable body with an :class:`~kbp.types.OffsetMap` into the raw
string, plus the categories (with raw spans) and interlanguage links from the tail.

Every inserted character maps to the next real character; a decoded entity maps
to the entity's first character (``&``).
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass

from kbp.io.langcodes import MAJOR_CODES, WIKI_CODES
from kbp.io.offsets import Edit, apply_edits, compose, drop_prefix, forward, shift
from kbp.types import OffsetMap


@dataclass(frozen=True)
class CleanedArticle:
    """The body text of an article and what its tail holds."""

    text: str
    offsets: OffsetMap
    #: ``(name, raw_start, raw_end)``: the name without ``Category:`` and its raw span.
    categories: tuple[tuple[str, int, int], ...] = ()
    #: ``(language code, article name)`` pairs.
    interlanguage: tuple[tuple[str, str], ...] = ()
    #: Spans of ``text`` that are section headings which had been glued to the text.
    headings: tuple[tuple[int, int], ...] = ()


# -- the tail -----------------------------------------------------------------------

_TAIL_HEADING = re.compile(
    r"External links|References|See also|Further reading|Notes|Bibliography|Footnotes"
)
_SUCCESSION = re.compile(r"\|\s*(?:title|years|before|after)\s*=")
_CATEGORY = re.compile(r"Category:(?=\S)")
#: Tail headings count only in the last part of the text, not in the lead.
_TAIL_FROM = 0.25
_LINK = re.compile(r"(?<!\S)([a-z]{2,3}(?:-[a-z]+){0,2}|simple):(?=\S)")
_GLUED_LINK = re.compile(r"([a-z]+(?:-[a-z]+)*):(?=\S)")
_MAX_LINK_NAME = 120
_MAX_BOX_LINE = 300


def _heading_fits(raw: str, start: int, end: int) -> bool:
    """A tail heading stands alone: glued to what follows, or ends its line."""
    if end >= len(raw.rstrip()):
        return True
    nxt = raw[end]
    return (
        nxt in "\r\n\t*|[:"
        or raw.startswith("  ", end)
        or nxt.isupper()
        or nxt.isdigit()
    )


def _glued_code(run: str) -> str | None:
    """The language code a lowercase run like ``cuadorca`` ends with."""
    found = [run[i:] for i in range(len(run)) if run[i:] in WIKI_CODES]
    if not found:
        return None
    found.sort(key=lambda c: (c not in MAJOR_CODES, -len(c)))
    return found[0]


def _valid_name(name: str) -> bool:
    return bool(name) and "\n" not in name and len(name) <= _MAX_LINK_NAME


def _interlanguage(raw: str, lo: int, hi: int, need: int) -> tuple[int, list[tuple[str, str]]]:
    """Start and ``(code, name)`` list of the interlanguage links that end the text."""
    marks = [(m.start(), m.end(), m.group(1)) for m in _LINK.finditer(raw, lo, hi)
             if m.group(1) in WIKI_CODES]
    first_text = marks[0][0] if marks else hi
    glued = None
    for m in _GLUED_LINK.finditer(raw, lo, first_text):
        glued = m
    if glued is not None:
        code = _glued_code(glued.group(1))
        if code is not None and (glued.start() > lo or raw[lo - 1 : lo].isspace()):
            marks.insert(0, (glued.end() - 1 - len(code), glued.end(), code))
    links: list[tuple[str, str]] = []
    start = hi
    for k in range(len(marks) - 1, -1, -1):  # the longest valid run that ends the text
        s, e, code = marks[k]
        name_end = marks[k + 1][0] if k + 1 < len(marks) else hi
        name = html.unescape(raw[e:name_end]).strip()
        if not _valid_name(name):
            break
        links.insert(0, (code, name))
        start = s
    if len(links) < need:
        return hi, []
    return start, links


def _split_tail(raw: str) -> tuple[int, list[tuple[str, int, int]], list[tuple[str, str]]]:
    """Where the body ends in ``raw``, the categories, and the interlanguage links."""
    n = len(raw)
    cut = n
    for m in _TAIL_HEADING.finditer(raw, int(n * _TAIL_FROM)):
        if _heading_fits(raw, m.start(), m.end()):
            cut = m.start()
            break
    box = _SUCCESSION.search(raw)
    if box:
        # the box entry starts its line, or (in text flattened to one line) follows
        # a run of spaces
        line_start = raw.rfind("\n", 0, box.start())
        if line_start < 0 or line_start < box.start() - _MAX_BOX_LINE:
            line_start = raw.rfind("  ", 0, box.start())
        cut = min(cut, line_start if line_start >= 0 else box.start())
    cats = list(_CATEGORY.finditer(raw))
    if cats:
        cut = min(cut, cats[0].start())
        il_start, links = _interlanguage(raw, cats[-1].end(), n, 1)
    else:
        lo = cut if cut < n else int(n * _TAIL_FROM)
        il_start, links = _interlanguage(raw, lo, n, 2)
        cut = min(cut, il_start)
    categories = []
    for i, m in enumerate(cats):
        end = cats[i + 1].start() if i + 1 < len(cats) else il_start
        newline = raw.find("\n", m.end(), end)
        end = newline if newline >= 0 else end
        s, e = m.end(), end
        while e > s and raw[e - 1].isspace():
            e -= 1
        if e > s:
            categories.append((html.unescape(raw[s:e]).replace("\xa0", " "), s, e))
    return cut, categories, links


# -- the body -----------------------------------------------------------------------

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SENT_GLUE = re.compile(r"\.(?=[^\W\d_])")
#: A year glued to the next sentence ("2008In"); not isotopes like "85Rb".
_DIGIT_GLUE = re.compile(r"(?<!\w)\d{4}(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])")
_CASE_GLUE = re.compile(r"[a-zß-öø-ÿ]{3,}(?=[A-ZÀ-ÖØ-Þ])")
_LETTERS = re.compile(r"[^\W\d_]+")
_MAX_HEADING_WORDS = 5
_MAX_HEADING_CHARS = 60
#: Words of sentences, not of section headings.
_NOT_HEADING_WORDS = frozenset(
    "is was are were be been has have had will would can could may also its it "
    "he she they we this that which who".split()
)
#: Camel-case names that open sentences; never split as "heading + text".
_CAMEL_WORDS = frozenset(
    w.lower()
    for w in """JavaScript PlayStation WordPress PowerPoint SharePoint MasterCard
    GlaxoSmithKline DreamWorks PricewaterhouseCoopers LinkedIn WikiLeaks BlackBerry
    SmackDown HarperCollins SpaceX AstraZeneca ExxonMobil DaimlerChrysler ConocoPhillips
    CenturyLink SoundCloud DeepMind GitHub WhatsApp PepsiCo BlackRock WestJet AirAsia
    EasyJet MySpace StarCraft WarCraft CinemaScope TechCrunch SmithKline MasterChef""".split()
)


def _entity_edits(text: str) -> list[Edit]:
    edits = []
    for m in _ENTITY.finditer(text):
        char = html.unescape(m.group(0))
        if char != m.group(0):
            edits.append((m.start(), m.end(), char.replace("\xa0", " ")))
    return edits


def _word_before(t: str, at: int) -> str:
    """The non-space characters just before ``at`` (at most 100)."""
    lo = max(0, at - 100)
    return t[max(t.rfind(" ", lo, at), t.rfind("\n", lo, at), lo - 1) + 1 : at]


def _sentence_glue(t: str, at: int) -> bool:
    """Is the ``.`` at ``at`` the end of a sentence glued to the next one?"""
    prev, nxt = t[at - 1 : at], t[at + 1]
    if not nxt.isupper() or not (prev.islower() or prev.isdigit() or prev in ')]"'):
        return False
    if t[at + 2 : at + 3] == ".":  # an initial: "Ph.D.", "J.R.R."
        return False
    word = _word_before(t, at)
    return not ("/" in word or "@" in word or word.lower().startswith("www"))


def _glue_edits(t: str) -> tuple[list[Edit], list[tuple[int, int]]]:
    """Separators to insert into decoded body text, and the glued headings found."""
    edits: dict[int, Edit] = {}
    for m in _SENT_GLUE.finditer(t):
        if m.end() < len(t) and _sentence_glue(t, m.start()):
            edits[m.end()] = (m.end(), m.end(), " ")
    digit_glue = [m.end() for m in _DIGIT_GLUE.finditer(t)]
    for pos in digit_glue:
        edits[pos] = (pos, pos, " ")
    headings = []
    for m in _CASE_GLUE.finditer(t):
        at = m.end()
        if at + 1 >= len(t) or not t[at + 1].islower():  # "lifeJefferson", not "CwthE"
            continue
        ws = m.start()
        while ws > max(0, m.start() - 40) and t[ws - 1].isalpha():  # to the word start
            ws -= 1
        word = _LETTERS.match(t, ws)
        if word and word.group(0).lower() in _CAMEL_WORDS:
            continue
        lo = max(0, m.start() - 2 * _MAX_HEADING_CHARS)  # bounded: no quadratic scans
        b = max(t.rfind(c, lo, m.start()) for c in '.!?\n"') + 1
        k = bisect.bisect_right(digit_glue, m.start())
        if k:
            b = max(b, digit_glue[k - 1])
        segment = t[b:at]
        heading = segment.strip()
        words = heading.split()
        if (
            not heading
            or not (heading[0].isupper() or heading[0].isdigit())
            or len(heading) > _MAX_HEADING_CHARS
            or len(words) > _MAX_HEADING_WORDS
            or any(w.lower() in _NOT_HEADING_WORDS for w in words[1:])
        ):
            continue
        edits[at] = (at, at, "\n\n")
        if b in edits and edits[b][1] == b:
            edits[b] = (b, b, "\n\n")  # the heading was glued to the previous sentence
        elif b > 0 and t[b - 1] in ".!?" and segment[:1] == " ":
            ws = len(segment) - len(segment.lstrip())
            edits[b] = (b, b + ws, "\n\n")
        lead = len(segment) - len(segment.lstrip())
        headings.append((b + lead, at))
    return sorted(edits.values()), headings


def clean_article(raw: str) -> CleanedArticle:
    """Clean a plain-text encyclopedia article; see the module docstring for the rules."""
    cut, categories, links = _split_tail(raw)
    start = len(raw) - len(raw.lstrip())
    end = len(raw[:cut].rstrip())
    if end <= start:
        return CleanedArticle("", OffsetMap(), tuple(categories), tuple(links))
    body = raw[start:end]
    decoded, to_body = apply_edits(body, _entity_edits(body))
    edits, heading_spans = _glue_edits(decoded)
    text, to_decoded = apply_edits(decoded, edits)
    offsets = compose(to_decoded, shift(to_body, start))
    fwd = forward(edits)
    headings = [(fwd(s), fwd(e - 1) + 1) for s, e in heading_spans]
    lead = len(text) - len(text.lstrip())
    if lead:
        offsets = drop_prefix(offsets, lead)
        headings = [(s - lead, e - lead) for s, e in headings]
    text = text.strip()
    return CleanedArticle(
        text=text,
        offsets=offsets,
        categories=tuple(categories),
        interlanguage=tuple(links),
        headings=tuple((s, e) for s, e in headings if 0 <= s < e <= len(text)),
    )
