"""File-level behaviour: listing, detection, and each kind of bad input."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kbp.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
    MissingInputError,
)
from kbp.io import detect_format, iter_files, read_documents, read_kb


def test_iter_files_recurses_sorted_and_skips_hidden(write, tmp_path: Path) -> None:
    write("b/z.txt", "z")
    write("b/a/y.txt", "y")
    write("a.txt", "a")
    write(".hidden.txt", "h")
    write(".git/config.txt", "c")
    single = write("c.txt", "c")
    found = list(iter_files([tmp_path, single]))
    rel = [p.relative_to(tmp_path).as_posix() for p in found]
    assert rel == ["a.txt", "b/a/y.txt", "b/z.txt", "c.txt", "c.txt"]


def test_iter_files_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(MissingInputError, match="no such file or directory") as info:
        list(iter_files([tmp_path / "nope.txt"]))
    assert str(tmp_path / "nope.txt") in str(info.value)


def test_missing_path_goes_to_on_error_and_reading_continues(write, tmp_path: Path) -> None:
    good = write("good.txt", "Some text here.")
    errors: list[InputError] = []
    docs = list(read_documents([tmp_path / "missing.txt", good], on_error=errors.append))
    assert [d.id for d in docs] == ["good"]
    assert len(errors) == 1 and isinstance(errors[0], MissingInputError)


def test_error_is_raised_without_on_error(write) -> None:
    path = write("empty.txt", "")
    with pytest.raises(EmptyInputError):
        list(read_documents([path]))


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"\x1f\x8b\x08\x00\x00\x00", "gzip"),
    ],
)
def test_binary_magic_is_rejected(write, content: bytes, kind: str) -> None:
    path = write("file.txt", content)
    with pytest.raises(BinaryInputError, match=f"looks like {kind}"):
        list(read_documents([path]))


def test_nul_bytes_mean_binary(write) -> None:
    path = write("data.txt", b"hello\x00\x01\x02world")
    errors: list[InputError] = []
    assert list(read_documents([path], on_error=errors.append)) == []
    assert isinstance(errors[0], BinaryInputError)
    assert "not text" in str(errors[0])


def test_invalid_utf8_is_decoded_as_cp1252_with_a_warning(write, caplog) -> None:
    path = write("latin.txt", "Café au lait.".encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="kbp.io"):
        (doc,) = read_documents([path])
    assert doc.text == "Café au lait."
    assert any(
        "latin.txt" in r.getMessage() and "not valid UTF-8 at byte 3" in r.getMessage()
        for r in caplog.records
    )


def test_mostly_utf8_file_gets_replacement_characters(write, caplog) -> None:
    path = write("mixed.txt", "Pérez won. ".encode() + b"\xff bad byte")
    with caplog.at_level(logging.WARNING, logger="kbp.io"):
        (doc,) = read_documents([path])
    assert doc.text.startswith("Pérez won. \ufffd")
    assert "replacement characters" in caplog.text


def test_utf8_bom_is_dropped(write) -> None:
    path = write("bom.txt", b"\xef\xbb\xbfHello there.")
    (doc,) = read_documents([path])
    assert doc.text == "Hello there."


@pytest.mark.parametrize("content", ["", "  \n\t \n"])
def test_empty_and_whitespace_files(write, content: str) -> None:
    path = write("blank.txt", content)
    with pytest.raises(EmptyInputError) as info:
        list(read_documents([path]))
    assert "blank.txt" in str(info.value)


def test_file_over_max_bytes(write) -> None:
    path = write("big.txt", "word " * 100)
    with pytest.raises(InputTooLargeError) as info:
        list(read_documents([path], max_bytes=100))
    message = str(info.value)
    assert "500 bytes" in message and "100-byte limit" in message and "--max-bytes" in message
    assert [d.id for d in read_documents([path], max_bytes=1000)] == ["big"]


def test_article_over_max_bytes(write) -> None:
    path = write("Article.txt", "Foo is a thing. " * 20)
    errors: list[InputError] = []
    assert list(read_kb([path], on_error=errors.append, max_bytes=50)) == []
    assert isinstance(errors[0], InputTooLargeError)


@pytest.mark.parametrize(
    ("name", "head", "kb", "expected"),
    [
        ("a.txt", b"<DOC>", False, "text"),
        ("a.sgm", b"anything", False, "sgml"),
        ("a.xml", b"<?xml version='1.0'?>\n<DOC id='x'>", False, "sgml"),
        ("a.xml", b"<?xml version='1.0'?>\n<knowledge_base>", True, "tackb"),
        ("a.xml", b"<entity id='E1' name='x'>", True, "tackb"),
        ("a.json", b"[]", False, "jsonl"),
        ("a.HTM", b"", False, "html"),
        ("noext", b"  <DOC id='x'>", False, "sgml"),
        ("noext", b"<!DOCTYPE html><html>", False, "html"),
        ("page.dat", b"<html lang='en'>", False, "html"),
        ("noext", b'{"id": 1}', False, "jsonl"),
        ("noext", b"Just some words.", False, "text"),
        ("notes", b"SGML files use <DOC> tags.", False, "text"),
        ("kbdump", b"<?xml version='1.0'?>\n<knowledge_base>", True, "tackb"),
        ("a.xml", b"<?xml version='1.0'?>\n<root/>", True, "tackb"),
    ],
)
def test_detect_format(name: str, head: bytes, kb: bool, expected: str) -> None:
    assert detect_format(Path(name), head, kb=kb) == expected


def test_sniffed_files_are_read_with_the_right_reader(write, tmp_path: Path) -> None:
    write("one", "<DOC id='S1'>\n<TEXT>\nFrom SGML.\n</TEXT>\n</DOC>\n")
    write("two", '{"id": "J1", "text": "From JSON."}\n')
    write("three", "From plain text.")
    docs = {d.id: d.text for d in read_documents([tmp_path])}
    assert docs == {"S1": "From SGML.", "J1": "From JSON.", "three": "From plain text."}


def test_xml_without_doc_is_malformed_for_documents(write) -> None:
    path = write("kb.xml", "<?xml version='1.0'?>\n<knowledge_base></knowledge_base>\n")
    with pytest.raises(MalformedInputError, match="no <DOC>"):
        list(read_documents([path]))


def test_error_from_on_error_is_not_reported_twice(write) -> None:
    path = write("x.jsonl", '{"id": "a", "text": "ok"}\nnot json\n')
    calls: list[InputError] = []

    def stop(error: InputError) -> None:
        calls.append(error)
        raise error

    with pytest.raises(MalformedInputError):
        list(read_documents([path], on_error=stop))
    assert len(calls) == 1
