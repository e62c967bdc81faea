"""Source document readers: plain text, TAC SGML, JSON lines, HTML."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from kbp.errors import EmptyInputError, InputError, InputTooLargeError, MalformedInputError
from kbp.io import read_documents
from kbp.types import Document

SGML = """<DOC id="APW_ENG_20080815.0123" type="story">
<HEADLINE>
Perez wins silver &amp; retires
</HEADLINE>
<DATELINE>BEIJING, Aug. 16</DATELINE>
<TEXT>
<P>
Jefferson Perez of Ecuador won the silver medal &quot;for his country&quot; in the walk.
</P>
<P>
He said it was his last race &lt;really&gt;, and thanked Quito.
</P>
</TEXT>
</DOC>
<DOC>
<DOCID> XIN_ENG_20080816.0001 </DOCID>
<DATETIME> 2008-08-16T10:00:00 </DATETIME>
<BODY>
<HEADLINE>Walker retires</HEADLINE>
<TEXT><P>Borchin won the gold.</P><P>Tallent was third.</P></TEXT>
</BODY>
</DOC>
"""


def _source_char_ok(raw: str, doc: Document, i: int) -> bool:
    """Is text[i] the raw character at its mapped offset, or the entity it came from?"""
    r = doc.offsets.to_raw(i)
    ch = doc.text[i]
    if raw[r] == ch:
        return True
    if raw[r] == "&":
        return html.unescape(raw[r : raw.index(";", r) + 1]) == ch
    return ch.isspace()  # an inserted separator


# -- plain text ---------------------------------------------------------------------


def test_plain_text_with_headline(write) -> None:
    text = "Jefferson Perez Triumphs at Final Race\n\nTwelve years ago he won. He is 34.\n"
    (doc,) = read_documents([write("news_1.txt", text)])
    assert doc.id == "news_1" and doc.kind == "source"
    assert doc.text == text  # unchanged, identity offsets
    assert doc.offsets.to_raw(50) == 50
    assert doc.title == "Jefferson Perez Triumphs at Final Race"
    assert doc.headlines == ((0, len("Jefferson Perez Triumphs at Final Race")),)
    assert doc.path.endswith("news_1.txt")


@pytest.mark.parametrize(
    "text",
    [
        "He won the race today.\n\nMore text follows here.",  # ends with a period
        "One line only, no blank line after it\nsecond line",
        "Only a headline without body",
    ],
)
def test_plain_text_without_headline(write, text: str) -> None:
    (doc,) = read_documents([write("n.txt", text)])
    assert doc.title is None and doc.headlines == ()


def test_plain_text_date_from_id_like_name(write) -> None:
    (doc,) = read_documents([write("APW_ENG_20080815.0123.txt", "Body text.")])
    assert doc.date == "2008-08-15"


# -- TAC SGML ----------------------------------------------------------------------


def test_sgml_documents(write) -> None:
    first, second = read_documents([write("apw.sgm", SGML)])
    assert first.id == "APW_ENG_20080815.0123"
    assert first.date == "2008-08-15"  # from the id
    assert first.title == "Perez wins silver & retires"
    assert first.text.startswith("Perez wins silver & retires\n\nJefferson Perez of Ecuador")
    assert first.headlines == ((0, len("Perez wins silver & retires")),)
    assert '"for his country"' in first.text and "<really>" in first.text
    assert "<P>" not in first.text and "BEIJING" not in first.text
    assert first.text.endswith("thanked Quito.")
    assert second.id == "XIN_ENG_20080816.0001"
    assert second.date == "2008-08-16"
    assert second.text == "Walker retires\n\nBorchin won the gold.\nTallent was third."


def test_sgml_offsets_map_back_to_raw_file(write) -> None:
    path = write("apw.sgm", SGML)
    raw = path.read_text(encoding="utf-8")
    docs = list(read_documents([path]))
    first = docs[0]
    start = first.text.index("Ecuador")
    s, e = first.raw_span(start, start + len("Ecuador"))
    assert raw[s:e] == "Ecuador"
    start = first.text.index("Quito")
    s, e = first.raw_span(start, start + 5)
    assert raw[s:e] == "Quito"
    # an entity-decoded character maps to its entity
    amp = first.text.index("&")
    assert raw.startswith("&amp;", first.offsets.to_raw(amp))
    for doc in docs:
        assert all(_source_char_ok(raw, doc, i) for i in range(len(doc.text)))
        assert sum(not doc.text[i] == raw[doc.offsets.to_raw(i)] for i in range(len(doc.text))) < 8


def test_sgml_unclosed_doc_is_reported_and_earlier_docs_load(write) -> None:
    content = "<DOC id='A1'>\n<TEXT>\nFine.\n</TEXT>\n</DOC>\n<DOC id='A2'>\n<TEXT>\nCut off"
    errors: list[InputError] = []
    docs = list(read_documents([write("bad.sgml", content)], on_error=errors.append))
    assert [d.id for d in docs] == ["A1"]
    assert isinstance(errors[0], MalformedInputError)
    assert errors[0].line == 6 and "bad.sgml:6" in str(errors[0])


def test_sgml_unclosed_text_and_missing_id(write) -> None:
    content = "<DOC id='B1'>\n<TEXT>\nno end\n</DOC>\n<DOC>\n<TEXT>x</TEXT>\n</DOC>\n"
    errors: list[InputError] = []
    assert list(read_documents([write("b.sgm", content)], on_error=errors.append)) == []
    assert [type(e) for e in errors] == [MalformedInputError, MalformedInputError]
    assert "not closed" in str(errors[0]) and "no <DOCID>" in str(errors[1])
    assert errors[1].line == 5


def test_sgml_without_doc_is_malformed(write) -> None:
    with pytest.raises(MalformedInputError, match="no <DOC>"):
        list(read_documents([write("x.sgm", "<P>text</P>")]))


def test_sgml_max_bytes_applies_per_doc(write) -> None:
    small = "<DOC id='S'><TEXT>short</TEXT></DOC>\n"
    big = "<DOC id='L'><TEXT>" + "long text " * 50 + "</TEXT></DOC>\n"
    errors: list[InputError] = []
    docs = list(read_documents([write("m.sgm", small + big)], on_error=errors.append,
                               max_bytes=200))
    assert [d.id for d in docs] == ["S"]
    assert isinstance(errors[0], InputTooLargeError) and errors[0].line == 2


def test_forum_style_doc_without_text_element(write) -> None:
    content = (
        '<doc id="bolt-eng-DF-1">\n<headline>Race walking</headline>\n'
        '<post author="fan" datetime="2011-09-20T08:44:00" id="p1">\n'
        "Great race by Perez.\n</post>\n</doc>\n"
    )
    (doc,) = read_documents([write("df.xml", content)])
    assert doc.text == "Race walking\n\nGreat race by Perez."
    assert doc.date == "2011-09-20"


# -- JSON lines --------------------------------------------------------------------


def test_jsonl_documents_and_bad_line(write) -> None:
    content = (
        '{"id": "d1", "text": "First text.", "date": "August 15, 2008"}\n'
        "\n"
        '{"doc_id": "d2", "title": "Head", "text": "Head\\n\\nSecond text."}\n'
        '{"id": "d3", "text": "broken\n'
        '{"text": "no id"}\n'
        '{"id": "d5", "text": "Fifth."}\n'
    )
    errors: list[InputError] = []
    docs = list(read_documents([write("docs.jsonl", content)], on_error=errors.append))
    assert [d.id for d in docs] == ["d1", "d2", "d5"]
    assert docs[0].date == "2008-08-15"
    assert docs[1].title == "Head" and docs[1].headlines == ((0, 4),)
    assert docs[1].offsets.to_raw(6) == 6  # identity into the "text" string
    assert [e.line for e in errors] == [4, 5]
    assert all(isinstance(e, MalformedInputError) for e in errors)
    assert "docs.jsonl:4" in str(errors[0]) and '"id"' in str(errors[1])


def test_jsonl_line_over_max_bytes(write) -> None:
    content = '{"id": "a", "text": "' + "x" * 300 + '"}\n{"id": "b", "text": "ok"}\n'
    errors: list[InputError] = []
    docs = list(read_documents([write("l.jsonl", content)], on_error=errors.append,
                               max_bytes=100))
    assert [d.id for d in docs] == ["b"]
    assert isinstance(errors[0], InputTooLargeError) and errors[0].line == 1


def test_jsonl_with_no_records_is_empty(write) -> None:
    with pytest.raises(EmptyInputError):
        list(read_documents([write("e.jsonl", "\n\n")]))


# -- HTML --------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><title>Perez wins silver</title></head><body>
<nav>Home | About | Contact</nav>
<article><h1>Perez wins silver</h1>
<p>Jefferson Perez of Ecuador won the silver medal in the 20 km walk on Saturday in
Beijing. He was 34 years old and said it was his last race.</p>
<p>Valeriy Borchin of Russia won the gold medal in one hour and nineteen minutes.</p>
</article><footer>Copyright 2008</footer></body></html>"""


def test_html_main_text(write, tmp_path: Path) -> None:
    (doc,) = read_documents([write("perez.html", PAGE)])
    assert doc.id == "perez" and doc.path == str(tmp_path / "perez.html")
    assert doc.title == "Perez wins silver"
    assert doc.text.startswith("Perez wins silver\n\nJefferson Perez of Ecuador")
    assert doc.headlines == ((0, len("Perez wins silver")),)
    assert "Valeriy Borchin" in doc.text
    assert "Copyright" not in doc.text and "<p>" not in doc.text
