"""Streaming a dump: the XML (plain or bzip2), its pages, and the errors a broken
stream raises, as one-line input errors."""

from __future__ import annotations

import bz2
import logging
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import ParseError

import mwparserfromhell
import mwxml
from mwxml.element_iterator import ElementIterator
from mwxml.errors import MalformedXML

from kbp.errors import EmptyInputError, InputError, InputTooLargeError, MalformedInputError
from kbp.io.files import Reporter, check_binary, read_head, too_large_message
from kbp.io.wikipedia.pages import parse_page
from kbp.io.wikipedia.wikitext import Namespaces
from kbp.types import Document, KBEntry

log = logging.getLogger("kbp.io")

# -- the dump -----------------------------------------------------------------------


def is_bz2_dump(path: Path) -> bool:
    """Whether ``path`` names a bzip2-compressed XML dump (``*.xml.bz2``)."""
    return path.name.lower().endswith(".xml.bz2")


_POSITION = re.compile(r"^(.*?): line (\d+), column (\d+)")


def _xml_error(path: Path, exc: ParseError) -> MalformedInputError:
    message = str(exc)
    m = _POSITION.match(message)
    if m:
        return MalformedInputError(
            str(path), f"malformed XML: {m.group(1)} (column {m.group(3)})", int(m.group(2))
        )
    position = getattr(exc, "position", None)
    line = position[0] if position else None
    return MalformedInputError(str(path), f"malformed XML: {message[:200]}", line)


def _open(path: Path) -> IO[bytes]:
    if is_bz2_dump(path):
        if not read_head(path, 3).startswith(b"BZh"):
            raise MalformedInputError(str(path), "not a bzip2 file (no BZh header)")
        return bz2.open(path, "rb")
    head = read_head(path)
    check_binary(path, head)
    if not head.strip():
        raise EmptyInputError(str(path), "empty file, no pages")
    return open(path, "rb")


class _Aliases:
    """Aliases that redirects and disambiguation pages give to articles.

    ``pending`` holds them for articles not read yet (emitted with the article);
    ``late`` for articles already emitted (emitted as updates at the end).  Both map a
    title to a short list of names; ``emitted`` holds one title per article read,
    which is what it costs to tell the two cases apart.
    """

    def __init__(self) -> None:
        self.pending: dict[str, list[str]] = {}
        self.late: dict[str, list[str]] = {}
        self.emitted: set[str] = set()

    def add(self, target: str, alias: str) -> None:
        table = self.late if target in self.emitted else self.pending
        names = table.setdefault(target, [])
        if alias not in names and alias != target:
            names.append(alias)

    def take(self, title: str) -> list[str]:
        self.emitted.add(title)
        return self.pending.pop(title, [])


def _updates(path: Path, aliases: _Aliases) -> Iterator[KBEntry]:
    """Alias-only entries for articles that redirects named after they were emitted."""
    for title, names in aliases.late.items():
        if not names:
            continue
        kb_id = title.replace(" ", "_")
        # The Document has its own id, so a pipeline that records KB documents by id
        # does not replace the article's document (and what was read from it) with
        # this empty one.  The entry carries no text, type, facts or links.
        doc = Document(id=f"{kb_id}#aliases", text="", path=str(path), kind="kb", title=title)
        yield KBEntry(kb_id=kb_id, title=title, type=None, text=doc, aliases=tuple(names))
    if aliases.pending:
        log.debug("%s: aliases for %d titles not in the dump were dropped",
                  path, len(aliases.pending))


def _pages(path: Path, stream: IO[bytes]) -> Iterator[tuple[mwxml.Page, str | None, Namespaces]]:
    """``(page, newest revision text, namespaces)`` for every page, streamed.

    Each page's XML is released once read: mwxml clears a page's element, and the
    emptied element is taken off the root here so the tree does not grow with the dump.
    """
    root_it = ElementIterator.from_file(stream)
    if root_it.tag != "mediawiki":
        raise MalformedInputError(str(path), f"<{root_it.tag}> is not a MediaWiki dump root")
    root = root_it.element
    dump = mwxml.Dump.from_element(root_it)
    ns = Namespaces.from_site_info(dump.site_info)
    for page in dump.pages:
        newest = None
        for rev in page:  # revisions are listed oldest first; a timestamp decides
            if newest is None or not (rev.timestamp and newest.timestamp) \
                    or rev.timestamp >= newest.timestamp:
                newest = rev
        yield page, (newest.text if newest is not None else None), ns
        del root[:]


#: What a broken stream raises from inside mwxml, xml.etree and bz2: XML syntax errors,
#: mwxml's structural errors (and the plain errors its converters raise on missing or
#: non-numeric elements), a truncated or corrupt bzip2 stream, a failed read.
_STREAM_ERRORS = (
    ParseError, MalformedXML, InputError, AttributeError, TypeError, KeyError, ValueError,
    EOFError, OSError,
)


def _stream_error(path: Path, exc: BaseException) -> InputError:
    if isinstance(exc, InputError):
        return exc
    if isinstance(exc, ParseError):
        return _xml_error(path, exc)
    if isinstance(exc, EOFError):
        return MalformedInputError(str(path), f"truncated bzip2 file: {exc}")
    if isinstance(exc, OSError):
        if is_bz2_dump(path):
            return MalformedInputError(str(path), f"corrupt bzip2 data: {exc}")
        return InputError(str(path), f"cannot read file: {exc.strerror or exc}")
    if isinstance(exc, MalformedXML):
        return MalformedInputError(str(path), f"not a MediaWiki dump: {exc}")
    return MalformedInputError(
        str(path), f"not a MediaWiki dump: an element is missing or invalid ({exc})")


def read_wikipedia(path: Path, report: Reporter, max_bytes: int) -> Iterator[KBEntry]:
    """The articles of a MediaWiki XML dump (``.xml`` or ``.xml.bz2``) as KB entries.

    Each main-namespace article (newest revision) gives a KBEntry: ``kb_id`` is the
    title with spaces as underscores; ``type`` comes from the infobox name or the
    categories (:func:`guess_type`); the Document (``kind="kb"``, ``id=kb_id``) holds
    the article's plain text (templates, references, tables and files removed, links
    replaced by their text) and its offsets are the identity into that plain text, not
    into the dump; ``headlines`` are the section headings in it; ``facts`` come from
    the first infobox; ``categories`` are ``(name, 0, 0)``; ``aliases`` are the bold
    names of the first paragraph, plus the titles of redirects and disambiguation pages
    naming the article; ``links`` are the article links of the body as ``(anchor text,
    normalised target title)`` (:func:`normalize_title`), one pair per link.

    Redirects and disambiguation pages may come before or after their targets.  Names
    seen before the target are emitted with it; names seen after it are emitted at the
    end, one alias-only KBEntry per article: same ``kb_id`` and title, no type, facts,
    categories or links, and an empty-text Document whose id is ``<kb_id>#aliases``
    (its own id, so that it never replaces the article's Document).  Loading it adds
    the aliases to the existing entity.  Aliases for titles never read are dropped.

    An article whose text exceeds ``max_bytes`` characters is reported and skipped.
    Malformed XML, and a ``.bz2`` stream that is truncated or corrupt, raise
    :class:`~kbp.errors.MalformedInputError` (with the line when known) once the alias
    updates gathered so far are emitted.
    """
    aliases = _Aliases()
    error: InputError | None = None
    with _open(path) as stream:
        pages = _pages(path, stream)
        while True:
            try:
                page, text, ns = next(pages)
            except StopIteration:
                break
            except _STREAM_ERRORS as exc:
                error = _stream_error(path, exc)
                break
            if page.namespace != 0 or not page.title or text is None:
                continue
            title = " ".join(page.title.split())
            if len(text) > max_bytes:
                report(InputTooLargeError(
                    str(path), f"page {title!r}: " + too_large_message(len(text), max_bytes)))
                continue
            try:
                parsed = parse_page(title, text, str(path), ns, page.redirect)
            except (mwparserfromhell.parser.ParserError, ValueError, RecursionError) as exc:
                report(MalformedInputError(str(path), f"page {title!r}: {exc}"))
                continue
            for target, alias in parsed.aliases:
                aliases.add(target, alias)
            if parsed.entry is not None:
                entry = parsed.entry
                extra = [a for a in aliases.take(entry.title) if a not in entry.aliases]
                yield replace(entry, aliases=(*entry.aliases, *extra)) if extra else entry
    yield from _updates(path, aliases)
    if error is not None:
        raise error
