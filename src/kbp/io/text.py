"""Plain-text source documents: one file, one document, offsets are the identity."""

from __future__ import annotations

import re
from pathlib import Path

from kbp.io.dates import date_from_id
from kbp.io.files import load_text
from kbp.types import Document

#: A first line followed by a blank line.
_FIRST_LINE = re.compile(r"[ \t]*(\S[^\n]*?)[ \t]*\r?\n[ \t]*\r?\n\s*\S")
_MAX_HEADLINE_CHARS = 150
_MAX_HEADLINE_WORDS = 20


def find_headline(text: str) -> tuple[int, int] | None:
    """Span of a short first line used as a headline, if the text opens with one.

    A headline is at most 20 words, does not end in sentence punctuation, and is
    followed by a blank line and more text.
    """
    m = _FIRST_LINE.match(text)
    if not m:
        return None
    line = m.group(1)
    if len(line) > _MAX_HEADLINE_CHARS or len(line.split()) > _MAX_HEADLINE_WORDS:
        return None
    if line[-1] in ".!?;:,":
        return None
    return m.start(1), m.end(1)


def read_text(path: Path, max_bytes: int) -> Document:
    """A plain-text file as one Document.

    ``id`` is the file name without extension and ``text`` is the decoded file text
    unchanged (a UTF-8 BOM is dropped), so offsets map by identity.  A short first
    line followed by a blank line becomes the title and a headline span.
    """
    text = load_text(path, max_bytes)
    span = find_headline(text)
    return Document(
        id=path.stem,
        text=text,
        path=str(path),
        kind="source",
        title=text[span[0] : span[1]] if span else None,
        date=date_from_id(path.stem),
        headlines=(span,) if span else (),
    )
