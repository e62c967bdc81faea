"""JSON lines: one JSON object per line, for source documents and for KB entries.

Files are streamed line by line; ``max_bytes`` applies to each line.  A bad line
is reported (with its line number) and the other lines still load.  A ``.json``
file whose first character is ``[`` is read whole as an array of objects.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kbp.errors import EmptyInputError, InputTooLargeError, MalformedInputError
from kbp.io.dates import normalize_date
from kbp.io.files import Reporter, check_binary, load_text, read_head
from kbp.types import ENTITY_TYPES, Document, KBEntry

log = logging.getLogger("kbp.io")
_CHUNK = 1 << 16


def _read_line(f: Any, limit: int) -> tuple[bytes, bool]:
    """The next line (at most ``limit + 1`` bytes kept) and whether it was too long."""
    line = f.readline(limit + 1)
    if len(line) <= limit or line.endswith(b"\n"):
        return line, False
    while True:  # skip the rest of an over-long line without holding it
        more = f.readline(_CHUNK)
        if not more or more.endswith(b"\n"):
            return line, True


def _decode_line(data: bytes, path: Path, lineno: int) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        log.warning(
            "%s:%d: not valid UTF-8 at byte %d of the line; decoded with replacement "
            "characters", path, lineno, exc.start,
        )
        return data.decode("utf-8", errors="replace")


def iter_records(
    path: Path, report: Reporter, max_bytes: int
) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for each JSON object in the file."""
    head = read_head(path)
    check_binary(path, head)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        yield from _iter_array(path, report, max_bytes)
        return
    seen = False
    with open(path, "rb") as f:
        lineno = 0
        while True:
            data, too_long = _read_line(f, max_bytes)
            if not data:
                break
            lineno += 1
            if too_long:
                report(InputTooLargeError(str(path), (
                    f"line is over the {max_bytes:,}-byte limit (raise it with --max-bytes)"
                ), lineno))
                seen = True
                continue
            if lineno == 1 and data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            line = _decode_line(data, path, lineno)
            if not line.strip():
                continue
            seen = True
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                report(MalformedInputError(
                    str(path), f"invalid JSON: {exc.msg} at column {exc.colno}", lineno))
                continue
            if not isinstance(obj, dict):
                report(MalformedInputError(
                    str(path), f"expected a JSON object, got {type(obj).__name__}", lineno))
                continue
            yield lineno, obj
    if not seen:
        raise EmptyInputError(str(path), "no JSON records in file")


def _iter_array(
    path: Path, report: Reporter, max_bytes: int
) -> Iterator[tuple[int, dict[str, Any]]]:
    text = load_text(path, max_bytes)
    try:
        records = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInputError(str(path), f"invalid JSON: {exc.msg}", exc.lineno) from exc
    if not isinstance(records, list):
        raise MalformedInputError(str(path), "expected a JSON array of objects")
    for i, obj in enumerate(records, 1):
        if isinstance(obj, dict):
            yield i, obj
        else:
            report(MalformedInputError(str(path), f"record {i} is not a JSON object"))


def _text_field(path: Path, obj: dict[str, Any], lineno: int) -> str:
    text = obj.get("text")
    if not isinstance(text, str):
        raise MalformedInputError(str(path), 'record has no "text" string', lineno)
    if not text.strip():
        raise EmptyInputError(str(path), 'record has an empty "text"', lineno)
    return text


def document_from_record(path: Path, obj: dict[str, Any], lineno: int) -> Document:
    """A source Document from ``{"id" | "doc_id", "text", "title"?, "date"?}``.

    Offsets are the identity into the record's ``"text"`` string (not into the
    file): JSON escapes make file positions meaningless for readers of the text.
    """
    doc_id = obj.get("id", obj.get("doc_id"))
    if doc_id is None or not str(doc_id).strip():
        raise MalformedInputError(str(path), 'record has no "id" (or "doc_id")', lineno)
    text = _text_field(path, obj, lineno)
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    date = obj.get("date") if isinstance(obj.get("date"), str) else None
    headlines = ((0, len(title)),) if title and text.startswith(title) else ()
    return Document(
        id=str(doc_id).strip(),
        text=text,
        path=str(path),
        kind="source",
        title=title,
        date=normalize_date(date) or date,
        headlines=headlines,
    )


def kb_entry_from_record(path: Path, obj: dict[str, Any], lineno: int) -> KBEntry:
    """A KBEntry from ``{"title", "text", "id"?, "aliases"?, "type"?}``.

    ``kb_id`` is ``"id"`` when given, else the title with spaces as underscores.
    Offsets are the identity into ``"text"``.
    """
    title = obj.get("title")
    if not isinstance(title, str) or not title.strip():
        raise MalformedInputError(str(path), 'record has no "title" string', lineno)
    title = title.strip()
    text = _text_field(path, obj, lineno)
    kb_id = str(obj["id"]).strip() if obj.get("id") not in (None, "") else title.replace(" ", "_")
    raw_aliases = obj.get("aliases") or ()
    if isinstance(raw_aliases, str):
        raw_aliases = (raw_aliases,)
    aliases = tuple(dict.fromkeys(
        a.strip() for a in raw_aliases if isinstance(a, str) and a.strip() and a.strip() != title
    ))
    etype = obj.get("type")
    etype = etype.upper() if isinstance(etype, str) and etype.upper() in ENTITY_TYPES else None
    doc = Document(id=kb_id, text=text, path=str(path), kind="kb", title=title)
    return KBEntry(kb_id=kb_id, title=title, type=etype, text=doc, aliases=aliases)


def read_jsonl_documents(path: Path, report: Reporter, max_bytes: int) -> Iterator[Document]:
    """Source documents of a JSON lines file; bad records are reported and skipped."""
    for lineno, obj in iter_records(path, report, max_bytes):
        try:
            yield document_from_record(path, obj, lineno)
        except (MalformedInputError, EmptyInputError) as exc:
            report(exc)


def read_jsonl_kb(path: Path, report: Reporter, max_bytes: int) -> Iterator[KBEntry]:
    """KB entries of a JSON lines file; bad records are reported and skipped."""
    for lineno, obj in iter_records(path, report, max_bytes):
        try:
            yield kb_entry_from_record(path, obj, lineno)
        except (MalformedInputError, EmptyInputError) as exc:
            report(exc)
