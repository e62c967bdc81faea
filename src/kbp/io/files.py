"""File-level checks shared by every reader: listing, size, binary content, decoding.

Each check raises the matching :class:`~kbp.errors.InputError` subclass with a
one-line message that names the file.  Text that is not valid UTF-8 is not an
error: it is decoded best-effort and a warning goes to the ``kbp.io`` logger.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kbp.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MissingInputError,
)

log = logging.getLogger("kbp.io")

#: Largest single document text, in bytes.  Container formats (JSON lines, XML KB)
#: are streamed and the limit applies to each record.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

#: How far into a file the binary and format sniffing looks.
HEAD_BYTES = 8192

Reporter = Callable[[InputError], None]

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x89PNG", "PNG"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"\xd0\xcf\x11\xe0", "MS Office"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: A non-ASCII character that decoded cleanly: the file does use UTF-8.
_NON_ASCII_OK = re.compile("[^\x00-\x7f\ufffd]")


def make_reporter(on_error: Reporter | None) -> Reporter:
    """A reporter that hands each error to ``on_error``, or raises it when there is none.

    Reported errors are marked (see :func:`was_reported`) so that a caller catching
    an error that a nested reader already reported does not report it twice.
    """

    def _report(error: InputError) -> None:
        error._kbp_reported = True  # type: ignore[attr-defined]
        if on_error is None:
            raise error
        on_error(error)

    return _report


def was_reported(error: InputError) -> bool:
    """Whether ``error`` already went through a reporter."""
    return getattr(error, "_kbp_reported", False)


def walk(paths: Iterable[str | Path], report: Reporter) -> Iterator[Path]:
    """Files named in ``paths``; folders are walked recursively in sorted order.

    Hidden files and folders (name starting with ``.``) inside a folder are skipped;
    a missing path is reported as :class:`MissingInputError` and skipped.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk_dir(path, set(), report)
        elif path.is_file():
            yield path
        elif path.exists():
            report(InputError(str(path), "not a regular file or folder"))
        else:
            report(MissingInputError(str(path), "no such file or directory"))


def _walk_dir(folder: Path, seen: set[str], report: Reporter) -> Iterator[Path]:
    real = os.path.realpath(folder)
    if real in seen:  # a symlink loop
        return
    seen.add(real)
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        report(InputError(str(folder), f"cannot list folder: {exc.strerror}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk_dir(entry, seen, report)
        elif entry.is_file():
            yield entry


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    """The first ``size`` bytes of ``path``; an unreadable file is an InputError."""
    try:
        with open(path, "rb") as f:
            return f.read(size)
    except FileNotFoundError as exc:
        raise MissingInputError(str(path), "no such file or directory") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot read file: {exc.strerror}") from exc


def check_binary(path: Path, head: bytes) -> None:
    """Raise :class:`BinaryInputError` if ``head`` looks like a binary file."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            raise BinaryInputError(str(path), f"binary file (looks like {name}), not text")
    if head.startswith(_UTF16_BOMS):
        return
    nul = head.find(b"\x00")
    if nul >= 0:
        raise BinaryInputError(str(path), f"binary file (NUL byte at offset {nul}), not text")


def check_size(path: Path, max_bytes: int) -> int:
    """The file's size in bytes; raise :class:`InputTooLargeError` above ``max_bytes``."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise MissingInputError(str(path), "no such file or directory") from exc
    if size > max_bytes:
        raise InputTooLargeError(str(path), too_large_message(size, max_bytes))
    return size


def too_large_message(size: int, max_bytes: int) -> str:
    return (
        f"{size:,} bytes is over the {max_bytes:,}-byte limit "
        "(raise it with --max-bytes)"
    )


def decode(data: bytes, path: Path | str) -> str:
    """Decode file bytes to text: UTF-8 (BOM stripped), else best effort with a warning.

    A UTF-16 file with a BOM is decoded as UTF-16.  Bytes that are not UTF-8 are
    decoded as cp1252 when the file has no valid multi-byte UTF-8 at all (an old
    Windows file); otherwise the bad bytes become U+FFFD.
    """
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    replaced = data.decode("utf-8", errors="replace")
    if not _NON_ASCII_OK.search(replaced):
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            log.warning("%s: not valid UTF-8 at byte %d; decoded as cp1252", path, bad)
            return text
    log.warning(
        "%s: not valid UTF-8 at byte %d; decoded with replacement characters", path, bad
    )
    return replaced


def load_text(path: Path, max_bytes: int | None = None) -> str:
    """The whole file as text, after the size, binary, decoding and emptiness checks.

    ``max_bytes=None`` skips the size check (for files holding many documents).
    """
    if max_bytes is not None:
        check_size(path, max_bytes)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise MissingInputError(str(path), "no such file or directory") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot read file: {exc.strerror}") from exc
    check_binary(path, data[:HEAD_BYTES])
    text = decode(data, path)
    if not text.strip():
        what = "empty file" if not text else "file holds only whitespace"
        raise EmptyInputError(str(path), f"{what}, no text to read")
    return text


def line_of(text: str, pos: int) -> int:
    """1-based line number of offset ``pos`` in ``text``."""
    return text.count("\n", 0, pos) + 1
