"""Wikipedia XML dumps as a reference KB: entries, aliases, links, errors, detection."""

from __future__ import annotations

import bz2
import re
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest

from kbp.errors import EmptyInputError, InputError, InputTooLargeError, MalformedInputError
from kbp.io import detect_format, read_documents, read_kb
from kbp.io.wikipedia import guess_type, normalize_title, wikitext_entry
from kbp.types import KBEntry

FIXTURE = Path(__file__).parent / "fixtures" / "mini-dump.xml"

HEADER = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" \
xml:lang="en">
  <siteinfo>
    <sitename>Testpedia</sitename>
    <case>first-letter</case>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="1" case="first-letter">Talk</namespace>
      <namespace key="6" case="first-letter">File</namespace>
      <namespace key="14" case="first-letter">Category</namespace>
    </namespaces>
  </siteinfo>
"""
_REDIRECT = re.compile(r"#REDIRECT \[\[([^\]]+)\]\]")


def page_xml(title: str, text: str, ns: int = 0, page_id: int = 1) -> str:
    redirect = _REDIRECT.match(text)
    return (
        f"  <page>\n    <title>{escape(title)}</title>\n    <ns>{ns}</ns>\n"
        f"    <id>{page_id}</id>\n"
        + (f"    <redirect title={quoteattr(redirect.group(1))} />\n" if redirect else "")
        + f"    <revision>\n      <id>{page_id}</id>\n"
        "      <timestamp>2024-01-01T00:00:00Z</timestamp>\n"
        f'      <text xml:space="preserve">{escape(text)}</text>\n'
        "    </revision>\n  </page>\n"
    )


def dump(*pages: tuple[str, str] | tuple[str, str, int]) -> str:
    """A dump holding ``(title, wikitext[, namespace])`` pages, in order."""
    body = "".join(page_xml(*p, page_id=i) for i, p in enumerate(pages, 1))
    return HEADER + body + "</mediawiki>\n"


@pytest.fixture(scope="module")
def entries() -> list[KBEntry]:
    return list(read_kb([FIXTURE]))


@pytest.fixture(scope="module")
def by_id(entries: list[KBEntry]) -> dict[str, KBEntry]:
    return {e.kb_id: e for e in entries if not e.text.id.endswith("#aliases")}


# -- articles ---------------------------------------------------------------------


def test_articles_become_entries_in_dump_order(entries: list[KBEntry]) -> None:
    articles = [e for e in entries if e.text.text]
    assert [e.kb_id for e in articles] == [
        "Marguerite_Olvane", "Tobias_Renn", "Harrowgate_Institute", "Velmont"]
    for e in articles:
        assert e.title == e.kb_id.replace("_", " ")
        assert (e.text.id, e.text.kind, e.text.title) == (e.kb_id, "kb", e.title)
        assert e.text.path == str(FIXTURE)


def test_types_from_infobox_and_categories(by_id: dict[str, KBEntry]) -> None:
    assert {k: e.type for k, e in by_id.items()} == {
        "Marguerite_Olvane": "PER", "Tobias_Renn": "PER",
        "Harrowgate_Institute": "ORG", "Velmont": "GPE"}


@pytest.mark.parametrize(
    ("infobox", "categories", "expected"),
    [
        ("Infobox person", (), "PER"),
        ("Infobox_officeholder", (), "PER"),
        ("Infobox sportsperson", (), "PER"),
        ("Infobox football biography", (), "PER"),
        ("Infobox college football player", (), "PER"),
        ("Infobox company", (), "ORG"),
        ("Infobox organization", (), "ORG"),
        ("Infobox university", (), "ORG"),
        ("Infobox football club", (), "ORG"),
        ("Infobox political party", (), "ORG"),
        ("Infobox settlement", (), "GPE"),
        ("Infobox country", (), "GPE"),
        ("Infobox film", ("1999 films",), None),
        (None, ("1901 births", "Painters"), "PER"),
        (None, ("2001 deaths",), "PER"),
        (None, ("Living people",), "PER"),
        (None, ("Companies based in Lyon",), "ORG"),
        (None, ("Political parties in Kestria",), "ORG"),
        (None, ("Cities in France",), "GPE"),
        (None, ("Planets of the Solar System",), None),
        (None, (), None),
    ],
)
def test_guess_type(infobox: str | None, categories: tuple[str, ...], expected: str) -> None:
    assert guess_type(infobox, categories) == expected


def test_plain_text_drops_markup(by_id: dict[str, KBEntry]) -> None:
    text = by_id["Marguerite_Olvane"].text.text
    assert text.startswith(
        "Marguerite Olvane (born 14 March 1952), known as Margot, is a Kestrian painter "
        "from Velmont. She studied at the Institute in the city.")
    assert "She married Tobias Renn in 1979 & kept her name." in text
    for gone in ("{{", "}}", "[[", "]]", "<ref", "cite web", "Category", "wikitable",
                 "Harbour at Dawn", "thumb", "needs a source", "List of Kestrian painters",
                 "References", "See also", "de:", "'''"):
        assert gone not in text, gone


def test_offsets_are_identity_and_headings_are_headlines(by_id: dict[str, KBEntry]) -> None:
    doc = by_id["Marguerite_Olvane"].text
    assert doc.raw_span(3, 10) == (3, 10)
    assert [doc.text[s:e] for s, e in doc.headlines] == ["Career"]
    assert "\n\nCareer\n\nOlvane painted" in doc.text


def test_newest_revision_is_read(by_id: dict[str, KBEntry]) -> None:
    renn = by_id["Tobias_Renn"]
    assert renn.text.text.startswith("Tobias Aurelius Renn (3 July 1948 – 9 January 2011)")
    assert "was a politician." not in renn.text.text
    assert ("Politicians", 0, 0) not in renn.categories


def test_infobox_facts(by_id: dict[str, KBEntry]) -> None:
    facts = {f.slot: f for f in by_id["Marguerite_Olvane"].facts}
    assert {s: f.value for s, f in facts.items()} == {
        "per:alternate_names": "Marguerite Anne Olvane",
        "per:date_of_birth": "1952-03-14",
        "per:city_of_birth": "Velmont, Kestria",
        "per:spouse": "Tobias Renn",
        "per:schools_attended": "Harrowgate Institute",
        "per:title": "Painter",
    }
    assert dict(facts["per:city_of_birth"].qualifiers) == {"kb_link": "Velmont"}
    assert dict(facts["per:spouse"].qualifiers) == {"kb_link": "Tobias_Renn"}
    assert dict(facts["per:title"].qualifiers) == {}
    for f in facts.values():
        assert f.subject == "Marguerite_Olvane"
        (prov,) = f.provenance
        assert (prov.doc_id, prov.start, prov.end, prov.extractor) == (
            "Marguerite_Olvane", 0, 0, "infobox")
    assert facts["per:date_of_birth"].provenance[0].snippet.startswith("birth_date: ")

    renn = {f.slot: f for f in by_id["Tobias_Renn"].facts}
    assert renn["per:date_of_birth"].value == "1948-07-03"
    assert renn["per:date_of_death"].value == "2011-01-09"
    assert renn["per:city_of_death"].value == "Port Areny"
    party = renn["per:employee_or_member_of"]
    assert party.value == "Green Alliance"
    assert dict(party.qualifiers) == {"kb_link": "Green_Alliance_(Kestria)"}
    # "Mayor of [[Velmont]]": the link names part of the value, not the value
    assert renn["per:title"].value == "Mayor of Velmont"
    assert dict(renn["per:title"].qualifiers) == {}

    org = {f.slot: f.value for f in by_id["Harrowgate_Institute"].facts}
    assert org == {"org:date_founded": "1891", "org:founded_by": "Elsbeth Harrowgate",
                   "org:website": "https://harrowgate.example.edu"}
    assert by_id["Velmont"].facts == ()


def test_categories_have_empty_spans(by_id: dict[str, KBEntry]) -> None:
    assert by_id["Marguerite_Olvane"].categories == (
        ("1952 births", 0, 0), ("Living people", 0, 0), ("Kestrian painters", 0, 0))
    assert by_id["Velmont"].categories == (("Cities in Kestria", 0, 0), ("Port cities", 0, 0))


def test_bold_names_of_first_paragraph_are_aliases(by_id: dict[str, KBEntry]) -> None:
    olvane = by_id["Marguerite_Olvane"]
    assert olvane.aliases[0] == "Margot"
    assert "Marguerite Olvane" not in olvane.aliases  # the title itself
    assert by_id["Tobias_Renn"].aliases == ("Tobias Aurelius Renn",)
    assert by_id["Harrowgate_Institute"].aliases == ("HI",)
    entry, _ = wikitext_entry(
        "Foo", "'''Foo''' or '''''Fu''''' is a thing.\n\nLater '''Bar''' is not an alias.")
    assert entry is not None and entry.aliases == ("Fu",)


def test_links_with_anchor_counts(by_id: dict[str, KBEntry]) -> None:
    counts = Counter(by_id["Marguerite_Olvane"].links)
    assert counts == Counter({
        ("Kestria", "Kestria"): 1,
        ("Velmont", "Velmont"): 2,  # one of them [[Velmont#Harbour|Velmont]]
        ("Institute", "Harrowgate Institute"): 1,
        ("the city", "Velmont"): 1,  # [[velmont|the city]]: first letter upper-cased
        ("Tobias Renn", "Tobias Renn"): 1,
    })  # not the file caption, the table, "See also" or the interlanguage link


def test_link_targets_are_normalised() -> None:
    assert normalize_title("new_york_City#History") == "New york City"
    assert normalize_title("  Foo   bar ") == "Foo bar"
    assert normalize_title("#Section") == ""
    entry, _ = wikitext_entry(
        "Page",
        "See [[foo_bar#Early life|early life]], [[:Baz]], [[#Top|top]], [[Talk:Page|talk]], "
        "[[Category:Things]], [[:Category:Things|things]], [[wikt:word|word]], "
        "[[Image:X.png|thumb|caption]] and [[Qux]]s.",
    )
    assert entry is not None
    assert entry.links == (("early life", "Foo bar"), ("Baz", "Baz"), ("Qux", "Qux"))
    assert entry.text.text == "See early life, Baz, top, talk, things, word, and Quxs."
    assert entry.categories == (("Things", 0, 0),)


def test_inline_templates_print_text_and_closing_sections_go() -> None:
    wikitext = (
        "{{Short description|French chemist}}\n"
        "'''Jean Dupont''' ({{IPA-fr|ʒɑ̃ dypɔ̃}}; {{birth date|1901|5|7}} – "
        "{{death date and age|1980|2|1|1901|5|7}}) was a [[France|French]] chemist"
        '<ref name="a">{{cite book|title=X}}</ref><ref name="a" /> known for '
        "{{lang|fr|''la méthode''}}.{{sfn|Smith|2000}} He ran {{convert|10|km|mi}} daily.\n"
        "{{Main|Early life of Jean Dupont}}\n"
        "== Early life ==\nBorn in [[Lyon]]&nbsp;in {{nowrap|May 1901}}. __NOTOC__\n"
        "== External links ==\n* [http://example.org Official site] [[Dupont family]]\n"
        "{{DEFAULTSORT:Dupont, Jean}}\n[[Category:1901 births]]\n"
    )
    entry, _ = wikitext_entry("Jean Dupont", wikitext)
    assert entry is not None
    assert entry.text.text == (
        "Jean Dupont (7 May 1901 – 1 February 1980) was a French chemist known for "
        "la méthode. He ran 10 km daily.\n\nEarly life\n\nBorn in Lyon in May 1901.")
    assert entry.links == (("French", "France"), ("Lyon", "Lyon"))
    assert entry.categories == (("1901 births", 0, 0),)
    assert entry.type == "PER"


# -- redirects and disambiguation pages -------------------------------------------


def test_redirect_before_target_is_an_alias(by_id: dict[str, KBEntry]) -> None:
    assert "Maggie Olvane" in by_id["Marguerite_Olvane"].aliases
    assert "Maggie_Olvane" not in by_id


def test_redirect_after_target_gives_an_alias_update(entries: list[KBEntry]) -> None:
    update = entries[-1]
    assert (update.kb_id, update.title, update.type) == ("Velmont", "Velmont", None)
    assert update.aliases == ("Velmont City",)
    assert (update.text.id, update.text.text, update.text.kind) == ("Velmont#aliases", "", "kb")
    assert (update.facts, update.categories, update.links) == ((), (), ())
    assert sum(e.kb_id == "Velmont" for e in entries) == 2


@pytest.mark.parametrize("redirect_first", [True, False])
def test_redirect_aliases_in_both_orders(write, redirect_first: bool) -> None:
    redirect = ("JD", "#REDIRECT [[Jane Doe]]")
    article = ("Jane Doe", "'''Jane Doe''' is a [[chemist]].")
    pages = (redirect, article) if redirect_first else (article, redirect)
    found = list(read_kb([write("d.xml", dump(*pages))]))
    aliases: set[str] = set()
    for e in found:
        assert e.kb_id == "Jane_Doe"
        aliases.update(e.aliases)
    assert aliases == {"JD"}
    assert len(found) == (1 if redirect_first else 2)
    assert found[0].text.text == "Jane Doe is a chemist."


def test_redirects_to_sections_and_missing_pages_are_dropped(write) -> None:
    found = list(read_kb([write("d.xml", dump(
        ("Early life of Jane", "#REDIRECT [[Jane Doe#Early life]]"),
        ("Jane Doe", "'''Jane Doe''' is a chemist."),
        ("Nobody", "#REDIRECT [[Not In The Dump]]"),
    ))]))
    assert [(e.kb_id, e.aliases) for e in found] == [("Jane_Doe", ())]


def test_disambiguation_page_gives_base_title_to_entries(by_id: dict[str, KBEntry]) -> None:
    assert "Olvane" in by_id["Marguerite_Olvane"].aliases
    assert "Olvane_(disambiguation)" not in by_id
    # only the first link of each line is an entry; the others describe it
    for other in ("Velmont", "Harrowgate_Institute", "Tobias_Renn"):
        assert "Olvane" not in by_id[other].aliases


def test_disambiguation_template_and_order(write) -> None:
    found = list(read_kb([write("d.xml", dump(
        ("Mercury (planet)", "'''Mercury''' is the smallest planet."),
        ("Mercury", "'''Mercury''' may refer to:\n"
                    "* [[Mercury (planet)]], a planet\n"
                    "* [[Mercury (element)]], a metal in [[Group 12 element|group 12]]\n"
                    "{{Disambig}}"),
        ("Mercury (element)", "'''Mercury''' is a chemical element."),
        ("Group 12 element", "'''Group 12''' is a group of elements."),
    ))]))
    by_title: dict[str, set[str]] = {}
    for e in found:
        by_title.setdefault(e.title, set()).update(e.aliases)
    assert by_title == {
        "Mercury (planet)": {"Mercury"},  # bold name, then the update gives it again
        "Mercury (element)": {"Mercury"},
        "Group 12 element": {"Group 12"},
    }
    assert "Mercury" not in {e.title for e in found}


def test_disambiguation_by_title(write) -> None:
    entry, aliases = wikitext_entry(
        "Ada (disambiguation)", "* [[Ada Lovelace]]\n* [[Ada (programming language)]]")
    assert entry is None
    assert aliases == (("Ada Lovelace", "Ada"), ("Ada (programming language)", "Ada"))


# -- namespaces, compression, limits ----------------------------------------------


def test_other_namespaces_are_skipped(entries: list[KBEntry], write) -> None:
    assert not any(e.title.startswith("Talk:") for e in entries)
    found = list(read_kb([write("d.xml", dump(
        ("Talk:Jane Doe", "'''Jane Doe''' is discussed here.", 1),
        ("File:Jane.jpg", "A photo.", 6),
        ("Jane Doe", "'''Jane Doe''' is a chemist."),
    ))]))
    assert [e.kb_id for e in found] == ["Jane_Doe"]


def test_bz2_dump_is_streamed(tmp_path: Path, entries: list[KBEntry]) -> None:
    path = tmp_path / "enwiki-pages-articles.xml.bz2"
    path.write_bytes(bz2.compress(FIXTURE.read_bytes()))
    assert detect_format(path, path.read_bytes()[:100], kb=True) == "wikipedia"
    found = list(read_kb([path]))
    assert [e.text.path for e in found] == [str(path)] * len(entries)

    def content(e: KBEntry) -> tuple:
        return (e.kb_id, e.title, e.type, e.text.id, e.text.text, e.text.headlines,
                e.aliases, e.facts, e.categories, e.links)

    assert [content(e) for e in found] == [content(e) for e in entries]


def _many_pages(n: int) -> str:
    filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20
    return dump(*((f"Page {i}", f"'''Page {i}''' is a page. {filler}") for i in range(n)))


def test_truncated_bz2_keeps_entries_of_whole_blocks(tmp_path: Path) -> None:
    xml = _many_pages(400).encode()  # ~480 kB: several 100 kB blocks at level 1
    data = bz2.compress(xml, compresslevel=1)
    path = tmp_path / "dump.xml.bz2"
    path.write_bytes(data[: len(data) * 3 // 4])
    errors: list[InputError] = []
    found = list(read_kb([path], on_error=errors.append))
    assert 0 < len(found) < 400
    assert [e.kb_id for e in found] == [f"Page_{i}" for i in range(len(found))]
    (error,) = errors
    assert isinstance(error, MalformedInputError)
    assert str(error).startswith(f"{path}: truncated bzip2 file")
    with pytest.raises(MalformedInputError, match="truncated bzip2"):
        list(read_kb([path]))


def test_bad_bz2_files(tmp_path: Path) -> None:
    corrupt = bytearray(bz2.compress(FIXTURE.read_bytes()))
    corrupt[200:260] = bytes(60)
    (tmp_path / "corrupt.xml.bz2").write_bytes(bytes(corrupt))
    (tmp_path / "plain.xml.bz2").write_bytes(FIXTURE.read_bytes())
    errors: list[InputError] = []
    assert list(read_kb([tmp_path], on_error=errors.append)) == []
    assert [type(e) for e in errors] == [MalformedInputError, MalformedInputError]
    assert "corrupt.xml.bz2: corrupt bzip2 data" in str(errors[0])
    assert "plain.xml.bz2: not a bzip2 file" in str(errors[1])


def test_oversized_page_is_reported_and_skipped(write) -> None:
    path = write("d.xml", dump(("Big", "'''Big''' " + "word " * 100), ("Small", "'''Small'''.")))
    errors: list[InputError] = []
    found = list(read_kb([path], on_error=errors.append, max_bytes=200))
    assert [e.kb_id for e in found] == ["Small"]
    (error,) = errors
    assert isinstance(error, InputTooLargeError) and "page 'Big'" in str(error)


# -- malformed input --------------------------------------------------------------


def test_malformed_xml_names_file_and_line(write) -> None:
    xml = dump(("Jane Doe", "'''Jane Doe''' is a chemist."), ("John Roe", "'''John Roe'''."))
    xml = xml.replace("<title>John Roe</title>", "<title>John Roe</titel>")
    path = write("d.xml", xml)
    bad_line = next(i for i, line in enumerate(xml.splitlines(), 1) if "</titel>" in line)
    errors: list[InputError] = []
    found = list(read_kb([path], on_error=errors.append))
    assert [e.kb_id for e in found] == ["Jane_Doe"]  # read before the error
    (error,) = errors
    assert isinstance(error, MalformedInputError)
    assert error.line == bad_line
    assert str(error).startswith(f"{path}:{bad_line}: malformed XML: mismatched tag")
    with pytest.raises(MalformedInputError, match="mismatched tag"):
        list(read_kb([path]))


def test_truncated_xml_is_malformed(write) -> None:
    xml = dump(("Jane Doe", "'''Jane Doe''' is a chemist."), ("John Roe", "'''John Roe'''."))
    path = write("d.xml", xml[: xml.index("John Roe") + 20])
    with pytest.raises(MalformedInputError, match=r"d\.xml:\d+: malformed XML"):
        list(read_kb([path]))


def test_not_a_dump_structure(write) -> None:
    with pytest.raises(MalformedInputError, match="not a MediaWiki dump"):
        list(read_kb([write("d.xml", "<mediawiki><unexpected/></mediawiki>")]))
    no_title = HEADER + "<page><ns>0</ns><revision><text>x</text></revision></page></mediawiki>"
    with pytest.raises(MalformedInputError, match="not a MediaWiki dump"):
        list(read_kb([write("e.xml", no_title)]))


def test_empty_dump_file(write) -> None:
    with pytest.raises(EmptyInputError):
        list(read_kb([write("empty.xml", "")]))


# -- format detection -------------------------------------------------------------


def test_detect_format() -> None:
    head = FIXTURE.read_bytes()[:8192]
    assert detect_format(Path("dump.xml"), head, kb=True) == "wikipedia"
    assert detect_format(Path("dump.xml"), head) == "wikipedia"
    assert detect_format(Path("dump"), b'<?xml version="1.0"?>\n' + head, kb=True) == "wikipedia"
    assert detect_format(Path("X.XML.BZ2"), b"BZh91AY", kb=True) == "wikipedia"
    assert detect_format(Path("kb.xml"), b"<knowledge_base>", kb=True) == "tackb"
    assert detect_format(Path("doc.xml"), b"<DOC id='x'>") == "sgml"


def test_read_kb_finds_dumps_in_folders(tmp_path: Path, entries: list[KBEntry]) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "wiki.xml").write_bytes(FIXTURE.read_bytes())
    (tmp_path / "b.xml.bz2").write_bytes(bz2.compress(FIXTURE.read_bytes()))
    found = list(read_kb([tmp_path]))
    assert [e.kb_id for e in found] == [e.kb_id for e in entries] * 2


def test_read_documents_rejects_dumps(tmp_path: Path) -> None:
    path = tmp_path / "wiki.xml"
    path.write_bytes(FIXTURE.read_bytes())
    errors: list[InputError] = []
    assert list(read_documents([path], on_error=errors.append)) == []
    assert "a Wikipedia dump is a reference KB" in str(errors[0])
    assert "kbp kb add" in str(errors[0])
