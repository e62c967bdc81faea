"""Readers: files and folders to :class:`~kbp.types.Document` and :class:`~kbp.types.KBEntry`.

Formats are detected by extension, then by sniffing the content:

- ``.txt`` ``.text``: plain text (a source document, or an encyclopedia article for
  :func:`read_kb`);
- ``.sgm`` ``.sgml``, and ``.xml`` holding ``<DOC``: TAC/LDC SGML source documents;
- ``.xml`` holding ``<knowledge_base`` or ``<entity``: the TAC-KBP reference KB;
- ``.xml`` holding ``<mediawiki``, and ``.xml.bz2``: a Wikipedia (MediaWiki) XML dump,
  a KB format only;
- ``.jsonl`` ``.json``: JSON lines (``{"id", "text"}`` documents, ``{"title", "text"}``
  KB entries);
- ``.html`` ``.htm``: a web page, main text extracted with trafilatura.

Other files are sniffed: a start of ``<DOC`` means SGML, ``<mediawiki`` a Wikipedia
dump, ``<html`` or ``<!DOCTYPE html`` HTML, ``{`` JSON lines, anything else plain text.

Each per-file (or per-record) :class:`~kbp.errors.InputError` goes to ``on_error``
and reading goes on; without ``on_error`` the error is raised.  Warnings that are
not errors (text that is not valid UTF-8) go to the ``kbp.io`` logger.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kbp.errors import InputError, MalformedInputError
from kbp.io.article import read_article
from kbp.io.cleaning import CleanedArticle, clean_article
from kbp.io.files import (
    DEFAULT_MAX_BYTES,
    check_binary,
    make_reporter,
    read_head,
    walk,
    was_reported,
)
from kbp.io.html import read_html
from kbp.io.jsonl import read_jsonl_documents, read_jsonl_kb
from kbp.io.tac_kb import read_tac_kb
from kbp.io.tac_source import read_sgml
from kbp.io.text import read_text
from kbp.types import Document, KBEntry

__all__ = [
    "DEFAULT_MAX_BYTES",
    "CleanedArticle",
    "clean_article",
    "detect_format",
    "iter_files",
    "read_article",
    "read_documents",
    "read_kb",
]

ErrorHandler = Callable[[InputError], None]

_BY_EXTENSION = {
    ".txt": "text",
    ".text": "text",
    ".sgm": "sgml",
    ".sgml": "sgml",
    ".jsonl": "jsonl",
    ".json": "jsonl",
    ".html": "html",
    ".htm": "html",
}
_HAS_DOC = re.compile(rb"<doc[\s>]", re.IGNORECASE)
_HAS_KB = re.compile(rb"<knowledge_base|<entity\s")
_KB_START = re.compile(rb"<(?:knowledge_base|entity)[\s>]")
_XML_DECL = re.compile(rb"^<\?xml[^>]*\?>\s*")
_HTML_START = re.compile(rb"<(?:html|!doctype\s+html)[\s>]", re.IGNORECASE)
_HAS_MEDIAWIKI = re.compile(rb"<mediawiki[\s>]")


def _is_bz2_dump(path: Path) -> bool:
    return path.name.lower().endswith(".xml.bz2")


def detect_format(path: Path, head: bytes, *, kb: bool = False) -> str:
    """``"text"``, ``"sgml"``, ``"jsonl"``, ``"html"``, ``"tackb"`` or ``"wikipedia"``.

    ``head`` is the start of the file and ``kb`` says whether KB entries are wanted.
    The extension decides first: ``*.xml.bz2`` is a Wikipedia dump; a ``.xml`` file
    is a Wikipedia dump when it holds ``<mediawiki``, SGML when it holds ``<DOC`` and
    a TAC KB when it holds ``<knowledge_base`` or ``<entity``; for other extensions
    the first characters decide.
    """
    if _is_bz2_dump(path):
        return "wikipedia"
    ext = path.suffix.lower()
    if ext in _BY_EXTENSION:
        return _BY_EXTENSION[ext]
    if ext == ".xml":
        if _HAS_MEDIAWIKI.search(head):
            return "wikipedia"
        if kb and _HAS_KB.search(head):
            return "tackb"
        if _HAS_DOC.search(head):
            return "sgml"
        return "tackb" if kb else "sgml"
    start = _XML_DECL.sub(b"", head.lstrip(b"\xef\xbb\xbf \t\r\n"), count=1)
    if kb and _KB_START.match(start):
        return "tackb"
    if _HAS_MEDIAWIKI.match(start):
        return "wikipedia"
    if _HAS_DOC.match(start):
        return "sgml"
    if _HTML_START.match(start):
        return "html"
    if start.startswith((b"{", b"[")):
        return "jsonl"
    return "text"


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named in ``paths``, folders walked recursively (sorted, hidden skipped).

    A path that does not exist raises :class:`~kbp.errors.MissingInputError`.
    """
    return walk(paths, make_reporter(None))


def _documents_in(path: Path, report: ErrorHandler, max_bytes: int) -> Iterator[Document]:
    head = read_head(path)
    fmt = detect_format(path, head)
    if fmt == "wikipedia":
        raise MalformedInputError(
            str(path),
            "a Wikipedia dump is a reference KB, not source documents: load it with `kbp kb add`",
        )
    check_binary(path, head)
    if fmt == "text":
        yield read_text(path, max_bytes)
    elif fmt == "html":
        yield read_html(path, max_bytes)
    elif fmt == "jsonl":
        yield from read_jsonl_documents(path, report, max_bytes)
    elif fmt == "sgml":
        yield from read_sgml(path, report, max_bytes)
    else:  # pragma: no cover - detect_format returns no other value here
        raise MalformedInputError(str(path), f"unsupported format {fmt}")


def read_documents(
    paths: Iterable[str | Path],
    *,
    on_error: ErrorHandler | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document]:
    """Source documents (``kind="source"``) from files and folders, in path order.

    ``max_bytes`` limits each document's text (each line of a JSON lines file,
    each ``<DOC>`` of an SGML file).
    """
    report = make_reporter(on_error)
    for path in walk(paths, report):
        try:
            yield from _documents_in(path, report, max_bytes)
        except InputError as exc:
            if was_reported(exc):  # on_error (or the default) chose to stop here
                raise
            report(exc)


def _kb_in(
    path: Path, title: str | None, report: ErrorHandler, max_bytes: int
) -> Iterator[KBEntry]:
    head = read_head(path)
    fmt = detect_format(path, head, kb=True)
    if fmt == "wikipedia":  # checks its own content: a .bz2 dump is binary
        # imported when needed: mwxml and mwparserfromhell take a while to load
        from kbp.io.wikipedia import read_wikipedia

        yield from read_wikipedia(path, report, max_bytes)
        return
    check_binary(path, head)
    if fmt == "jsonl":
        yield from read_jsonl_kb(path, report, max_bytes)
    elif fmt == "tackb":
        yield from read_tac_kb(path, report, max_bytes)
    elif fmt == "text":
        yield read_article(path, title, max_bytes=max_bytes)
    else:
        raise MalformedInputError(
            str(path),
            f"a {fmt.upper()} file is not a KB format "
            "(use .txt, .jsonl, TAC KB .xml or a Wikipedia .xml/.xml.bz2 dump)",
        )


def read_kb(
    paths: Iterable[str | Path],
    *,
    title: str | None = None,
    on_error: ErrorHandler | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[KBEntry]:
    """KB entries from plain-text articles, JSON lines files, TAC KB XML files and
    Wikipedia XML dumps (``.xml``, ``.xml.bz2``).

    ``title`` names a plain-text article (meant for a single article file); other
    formats carry their own titles.  ``max_bytes`` limits each entry's text.
    """
    report = make_reporter(on_error)
    for path in walk(paths, report):
        try:
            yield from _kb_in(path, title, report, max_bytes)
        except InputError as exc:
            if was_reported(exc):  # on_error (or the default) chose to stop here
                raise
            report(exc)
