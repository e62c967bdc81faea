"""A plain-text encyclopedia article as a KB entry."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

from kbp.io.cleaning import CleanedArticle, clean_article
from kbp.io.files import DEFAULT_MAX_BYTES, load_text
from kbp.types import Document, KBEntry

_NAME_END = re.compile(r" \(| is | was | are | were ")
_MAX_NAME_WORDS = 10


def fold(text: str) -> str:
    """Accent- and case-insensitive form of ``text``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is a Latin letter."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


def opening_name(text: str) -> str | None:
    """The subject's name in the opening sentence: the text before " (" or " is "."""
    first = text.split("\n", 1)[0][:300]
    m = _NAME_END.search(first)
    if not m:
        return None
    name = " ".join(first[: m.start()].strip(" \"'").split())
    if not name or len(name.split()) > _MAX_NAME_WORDS:
        return None
    return name


def infer_title(cleaned: CleanedArticle, fallback: str) -> tuple[str, str | None]:
    """``(title, opening-sentence name)`` of an article.

    The title is the most common Latin-script interlanguage name when each of its
    tokens appears (accent-insensitively) in the opening-sentence name; else the
    opening-sentence name; else ``fallback``.
    """
    name = opening_name(cleaned.text)
    latin = [n for _, n in cleaned.interlanguage if is_latin(n)]
    if latin and name:
        best = Counter(latin).most_common(1)[0][0]
        tokens = set(fold(name).split())
        if all(tok in tokens for tok in fold(best).split()):
            return best, name
    return (name or fallback), name


def read_article(
    path: str | Path, title: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> KBEntry:
    """A plain-text encyclopedia article (stripped Wikipedia page) as a KBEntry.

    The text is cleaned by :func:`~kbp.io.cleaning.clean_article`; its offsets map
    into the decoded file.  ``kb_id`` is the title with spaces as underscores; the
    title is ``title`` when given, else inferred (see :func:`infer_title`).  Aliases
    are the opening-sentence full name and the distinct interlanguage names.
    """
    path = Path(path)
    raw = load_text(path, max_bytes)
    cleaned = clean_article(raw)
    fallback = path.stem.replace("_", " ")
    inferred, name = infer_title(cleaned, fallback)
    title = " ".join((title or inferred).split()) or fallback
    aliases = [a for a in (name, *(n for _, n in cleaned.interlanguage)) if a and a != title]
    doc = Document(
        id=path.stem,
        text=cleaned.text,
        path=str(path),
        kind="kb",
        title=title,
        offsets=cleaned.offsets,
        headlines=cleaned.headings,
    )
    return KBEntry(
        kb_id=title.replace(" ", "_"),
        title=title,
        type=None,
        text=doc,
        aliases=tuple(dict.fromkeys(aliases)),
        facts=(),
        categories=cleaned.categories,
    )
