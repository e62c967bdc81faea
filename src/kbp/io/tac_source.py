"""TAC / LDC SGML source files: one file may hold several ``<DOC>`` elements.

The markup is scanned with regular expressions rather than parsed with an
SGML/HTML parser: those parsers decode entities and drop tags without telling
where each character came from, and every character of ``Document.text`` must map
back to its offset in the decoded file.  The scan copies runs of text between
tags, decodes ``&amp; &lt; &gt; &quot; &apos;`` and numeric entities, and records
an anchor for each change in the document's :class:`~kbp.types.OffsetMap`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

from kbp.errors import EmptyInputError, InputTooLargeError, MalformedInputError
from kbp.io.dates import date_from_id, normalize_date
from kbp.io.files import Reporter, line_of, load_text, too_large_message
from kbp.io.offsets import TextBuilder, drop_prefix
from kbp.types import Document, OffsetMap

_DOC_OPEN = re.compile(r"<doc(?=[\s>])[^>]*>", re.IGNORECASE)
_DOC_CLOSE = re.compile(r"</doc\s*>", re.IGNORECASE)
_ID_ATTR = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_DATETIME_ATTR = re.compile(r"""\bdatetime\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
#: A tag, comment or CDATA marker, or one of the entities SGML text uses.
_MARKUP = re.compile(
    r"(?P<tag><!--.*?-->|<!\[CDATA\[|\]\]>|</?(?P<name>[A-Za-z][\w.:-]*)[^<>]*>)"
    r"|(?P<ent>&(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});)",
    re.DOTALL,
)
#: Tags that separate blocks of text: removing one between two words leaves a newline.
_BLOCK = frozenset(
    "p doc text body headline dateline post quote turn speaker poster postdate "
    "docid doctype datetime date_time date keyword br".split()
)
#: Elements that hold metadata, left out of the body when there is no <TEXT>.
_META = ("docid", "doctype", "datetime", "date_time", "date", "headline", "keyword")
_DATE_ELEMENTS = ("datetime", "date_time", "date")


def _element(raw: str, name: str, start: int, end: int) -> tuple[int, int, int] | None:
    """``(open_start, content_start, content_end)`` of the first ``<name>`` in the region.

    ``content_end`` is -1 when the element is not closed.
    """
    m = re.compile(rf"<{name}(?=[\s>])[^>]*>", re.IGNORECASE).search(raw, start, end)
    if not m:
        return None
    close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(raw, m.end(), end)
    return m.start(), m.end(), close.start() if close else -1


def _strip_markup(
    raw: str, start: int, end: int, skip: list[tuple[int, int]] | None = None
) -> tuple[str, OffsetMap]:
    """Text of ``raw[start:end]`` without tags, entities decoded, ends stripped."""
    out = TextBuilder()
    last = " "
    regions = []
    pos = start
    for s, e in sorted(skip or []):
        if s > pos:
            regions.append((pos, s))
        pos = max(pos, e)
    regions.append((pos, end))
    for lo, hi in regions:
        pos = lo
        for m in _MARKUP.finditer(raw, lo, hi):
            chunk = raw[pos : m.start()]
            out.copy(chunk, pos)
            last = chunk[-1] if chunk else last
            if m.group("ent"):
                char = html.unescape(m.group("ent"))
                out.put(char, m.start(), m.end() - m.start())
                last = char[-1]
            elif (
                (m.group("name") or "").lower() in _BLOCK
                and not last.isspace()
                and m.end() < hi
                and not raw[m.end()].isspace()
                and raw[m.end()] != "<"
            ):
                out.put("\n", m.end())
                last = "\n"
            pos = m.end()
        out.copy(raw[pos:hi], pos)
        if pos < hi:
            last = raw[hi - 1]
    text, offsets = out.build()
    stripped = text.lstrip()
    offsets = drop_prefix(offsets, len(text) - len(stripped))
    return stripped.rstrip(), offsets


def _doc_id(raw: str, open_tag: re.Match[str], start: int, end: int) -> str | None:
    el = _element(raw, "docid", start, end)
    if el and el[2] >= 0:
        found = " ".join(raw[el[1] : el[2]].split())
        if found:
            return found
    m = _ID_ATTR.search(open_tag.group(0), 4)
    if m:
        return next(g for g in m.groups() if g is not None).strip() or None
    return None


def _date(raw: str, start: int, end: int, doc_id: str) -> str | None:
    for name in _DATE_ELEMENTS:
        el = _element(raw, name, start, end)
        if el and el[2] >= 0:
            found = normalize_date(raw[el[1] : el[2]])
            if found:
                return found
    m = _DATETIME_ATTR.search(raw, start, end)
    if m:
        found = normalize_date(m.group(1))
        if found:
            return found
    return date_from_id(doc_id)


def _one_doc(
    path: Path, raw: str, open_tag: re.Match[str], end: int, max_bytes: int, line: int
) -> Document:
    start = open_tag.end()
    if end - start > max_bytes:
        raise InputTooLargeError(str(path), too_large_message(end - start, max_bytes), line)
    doc_id = _doc_id(raw, open_tag, start, end)
    if not doc_id:
        raise MalformedInputError(str(path), "<DOC> has no <DOCID> and no id attribute", line)
    head_text, head_map = "", OffsetMap()
    head = _element(raw, "headline", start, end)
    if head and head[2] >= 0:
        head_text, head_map = _strip_markup(raw, head[1], head[2])
    body_el = _element(raw, "text", start, end) or _element(raw, "body", start, end)
    if body_el:
        if body_el[2] < 0:
            raise MalformedInputError(
                str(path), f"<TEXT> of {doc_id} is not closed", line_of(raw, body_el[0])
            )
        body, body_map = _strip_markup(raw, body_el[1], body_el[2])
    else:
        skip = []
        for name in _META:
            el = _element(raw, name, start, end)
            if el:
                skip.append((el[0], el[2] if el[2] >= 0 else el[1]))
        body, body_map = _strip_markup(raw, start, end, skip)
    if not body and not head_text:
        raise EmptyInputError(str(path), f"document {doc_id} holds no text", line)
    out = TextBuilder()
    headlines: tuple[tuple[int, int], ...] = ()
    if head_text:
        out.extend(head_text, head_map)
        headlines = ((0, len(head_text)),)
        if body:
            out.put("\n\n", body_map.to_raw(0))
    out.extend(body, body_map)
    text, offsets = out.build()
    return Document(
        id=doc_id,
        text=text,
        path=str(path),
        kind="source",
        title=" ".join(head_text.split()) or None,
        date=_date(raw, start, end, doc_id),
        offsets=offsets,
        headlines=headlines,
    )


def read_sgml(path: Path, report: Reporter, max_bytes: int) -> Iterator[Document]:
    """Every ``<DOC>`` of a TAC/LDC SGML file as a Document.

    ``text`` is the headline, a blank line and the body (``<TEXT>``, else ``<BODY>``,
    else the whole element less its metadata) with tags removed; ``offsets`` map
    each character to its offset in the decoded file text (BOM dropped).  The date
    comes from ``<DATETIME>``/``<DATE_TIME>``/``<DATE>``, a ``datetime`` attribute,
    or a ``yyyymmdd`` in the id.  ``max_bytes`` applies to each ``<DOC>``.  A bad
    ``<DOC>`` is reported and the next one is read.
    """
    raw = load_text(path, None)
    opens = list(_DOC_OPEN.finditer(raw))
    if not opens:
        raise MalformedInputError(str(path), "no <DOC> element found (not TAC SGML)")
    line, counted_to = 1, 0
    for i, open_tag in enumerate(opens):
        line += raw.count("\n", counted_to, open_tag.start())  # running count: O(file)
        counted_to = open_tag.start()
        limit = opens[i + 1].start() if i + 1 < len(opens) else len(raw)
        close = _DOC_CLOSE.search(raw, open_tag.end(), limit)
        if not close:
            report(MalformedInputError(str(path), "<DOC> is not closed by </DOC>", line))
            continue
        try:
            yield _one_doc(path, raw, open_tag, close.start(), max_bytes, line)
        except (MalformedInputError, EmptyInputError, InputTooLargeError) as exc:
            report(exc)
