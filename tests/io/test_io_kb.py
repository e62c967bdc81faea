"""KB readers: TAC KB XML, JSON lines KB, plain-text articles; infobox facts."""

from __future__ import annotations

import pytest

from kbp.errors import InputError, MalformedInputError
from kbp.io import read_article, read_kb
from kbp.slots.infobox import INFOBOX_SLOTS, infobox_fact, strip_wiki_markup
from kbp.slots.schema import SLOTS
from kbp.types import Provenance

TAC_KB = """<?xml version='1.0' encoding='UTF-8'?>
<knowledge_base>
<entity wiki_title="Mike_Quigley_(footballer)" type="PER" id="E0000001"
        name="Mike Quigley (footballer)">
<facts class="Infobox Football biography">
<fact name="fullname">Michael Anthony Joseph Quigley</fact>
<fact name="dateofbirth">2 October 1970 (1970-10-02) (age 38)</fact>
<fact name="cityofbirth"><link entity_id="E0467057">Manchester</link></fact>
<fact name="height">1.73 m</fact>
<fact name="shirt_colour">blue</fact>
</facts>
<wiki_text><![CDATA[Mike Quigley (footballer)

Michael Anthony Joseph Quigley (born 2 October 1970) is an English footballer & coach.]]>
</wiki_text>
</entity>
<entity wiki_title="Acme_Corp" type="ORG" id="E0000002" name="Acme Corp">
<facts class="Infobox Company">
<fact name="founded">1911</fact>
<fact name="num_employees">12,000 (2008)</fact>
<fact name="website">http://www.acme.example/</fact>
</facts>
<wiki_text><![CDATA[Acme Corp

Acme Corp makes everything.]]></wiki_text>
</entity>
<entity wiki_title="Somewhere" type="UKN" id="E0000003" name="Somewhere">
<wiki_text>Somewhere is a place.</wiki_text>
</entity>
</knowledge_base>
"""


def test_tac_kb_entities(write) -> None:
    mike, acme, where = read_kb([write("kb.xml", TAC_KB)])
    assert (mike.kb_id, mike.title, mike.type) == ("E0000001", "Mike Quigley (footballer)", "PER")
    assert mike.aliases == ("Mike Quigley",)
    assert mike.text.id == "E0000001" and mike.text.kind == "kb"
    assert mike.text.text.startswith("Mike Quigley (footballer)\n\nMichael Anthony")
    assert "footballer & coach" in mike.text.text
    facts = {f.slot: f for f in mike.facts}
    assert facts["per:alternate_names"].value == "Michael Anthony Joseph Quigley"
    assert facts["per:date_of_birth"].value == "1970-10-02"
    assert facts["per:city_of_birth"].value == "Manchester"
    assert dict(facts["per:city_of_birth"].qualifiers) == {"kb_link": "E0467057"}
    assert facts["per:height"].value == "1.73"
    assert len(mike.facts) == 4  # shirt_colour maps to no slot
    for f in mike.facts:
        assert f.subject == "E0000001" and f.confidence == 0.95
        assert f.provenance[0].extractor == "infobox" and f.provenance[0].doc_id == "E0000001"
    assert acme.type == "ORG"
    assert {f.slot: f.value for f in acme.facts} == {
        "org:date_founded": "1911",
        "org:number_of_employees_members": "12000",
        "org:website": "http://www.acme.example/",
    }
    assert where.type is None and where.text.text == "Somewhere is a place."


def test_tac_kb_malformed_xml_reports_line(write) -> None:
    truncated = TAC_KB[: TAC_KB.index("<fact name=\"website\">")]
    errors: list[InputError] = []
    entries = list(read_kb([write("bad.xml", truncated)], on_error=errors.append))
    assert [e.kb_id for e in entries] == ["E0000001"]  # entries before the damage load
    assert len(errors) == 1 and isinstance(errors[0], MalformedInputError)
    assert errors[0].line == truncated.count("\n") + 1
    assert "malformed XML" in str(errors[0]) and "bad.xml:" in str(errors[0])


def test_tac_kb_mismatched_tag(write) -> None:
    broken = TAC_KB.replace('<fact name="founded">1911</fact>', '<fact name="founded">1911')
    with pytest.raises(MalformedInputError, match="mismatch") as info:
        list(read_kb([write("bad.xml", broken)]))
    assert info.value.line == broken[: broken.index("</facts>", broken.index("1911"))].count(
        "\n") + 1


def test_tac_kb_entity_without_id_is_reported(write) -> None:
    content = TAC_KB.replace('id="E0000002" ', "")
    errors: list[InputError] = []
    entries = list(read_kb([write("kb.xml", content)], on_error=errors.append))
    assert [e.kb_id for e in entries] == ["E0000001", "E0000003"]
    assert "no id" in str(errors[0])


def test_jsonl_kb(write) -> None:
    content = (
        '{"title": "100 metres", "topic": "Everyday life", "text": "The 100 metres is a race."}\n'
        '{"title": "Jefferson Pérez", "text": "He walks.", "aliases": ["J. Pérez"],'
        ' "type": "per"}\n'
        '{"id": "Q1", "title": "Universe", "text": "All of space.", "type": "UKN"}\n'
        '{"text": "no title"}\n'
    )
    errors: list[InputError] = []
    a, b, c = read_kb([write("kb.jsonl", content)], on_error=errors.append)
    assert (a.kb_id, a.title, a.type) == ("100_metres", "100 metres", None)
    assert a.text.id == "100_metres" and a.text.kind == "kb" and a.text.title == "100 metres"
    assert (b.kb_id, b.type, b.aliases) == ("Jefferson_Pérez", "PER", ("J. Pérez",))
    assert (c.kb_id, c.type) == ("Q1", None)
    assert [e.line for e in errors] == [4]


def test_jsonl_kb_streams_many_lines_quickly(write) -> None:
    import time

    lines = "".join(
        f'{{"title": "Entry {i}", "text": "Entry {i} is number {i}."}}\n' for i in range(10000)
    )
    path = write("big.jsonl", lines)
    t0 = time.perf_counter()
    count = sum(1 for _ in read_kb([path]))
    assert count == 10000
    assert time.perf_counter() - t0 < 5


def test_article_title_from_opening_sentence(write) -> None:
    path = write("acme.txt", "Acme Corporation (founded 1911) is a maker of things.\n\nMore.")
    entry = read_article(path)
    assert (entry.kb_id, entry.title) == ("Acme_Corporation", "Acme Corporation")
    assert entry.text.id == "acme" and entry.text.kind == "kb"
    assert entry.type is None and entry.facts == () and entry.aliases == ()


def test_article_title_argument_wins(write) -> None:
    path = write("acme.txt", "Acme Corporation (founded 1911) is a maker of things.")
    entry = next(read_kb([path], title="Acme Corp"))
    assert (entry.kb_id, entry.title) == ("Acme_Corp", "Acme Corp")
    assert entry.aliases == ("Acme Corporation",)


def test_article_interlanguage_title_must_match_opening_name(write) -> None:
    raw = "Bob Smith (born 1950) is a man.\nCategory:1950 births de:Robert Jones"
    entry = read_article(write("x.txt", raw))
    assert entry.title == "Bob Smith"
    assert entry.aliases == ("Robert Jones",)
    start = raw.index("1950 births")
    assert entry.categories == (("1950 births", start, start + len("1950 births")),)
    assert entry.text.text == "Bob Smith (born 1950) is a man."


def test_seed_article_entry(seed_article) -> None:
    entry = read_article(seed_article)
    assert entry.title == "Jefferson Pérez" and entry.kb_id == "Jefferson_Pérez"
    assert entry.aliases[0] == "Jefferson Leonardo Pérez Quezada"
    assert "Jefferson Pérez" not in entry.aliases
    assert "ジェファーソン・ペレス" in entry.aliases and "Džefersons Peress" in entry.aliases
    assert len(entry.aliases) == len(set(entry.aliases))
    assert entry.text.id == seed_article.stem and entry.text.title == "Jefferson Pérez"
    assert any(name == "1974 births" for name, _, _ in entry.categories)


# -- infobox -----------------------------------------------------------------------

PROV = Provenance(doc_id="E1", start=0, end=0, snippet="infobox")


def test_infobox_table_uses_known_slots() -> None:
    assert set(INFOBOX_SLOTS.values()) <= set(SLOTS)
    for name, slot in [("birth_date", "per:date_of_birth"), ("cityofbirth", "per:city_of_birth"),
                       ("countryofbirth", "per:country_of_birth"), ("coach", "per:coach"),
                       ("key_people", "org:top_members_employees"), ("subsid", "org:subsidiaries")]:
        assert INFOBOX_SLOTS[name] == slot


@pytest.mark.parametrize(
    ("name", "value", "slot", "expected"),
    [
        ("birth_date", "October 2, 1970 (1970-10-02) (age 38)", "per:date_of_birth", "1970-10-02"),
        ("Birth date", "{{birth date and age|1970|10|2}}", "per:date_of_birth", "1970-10-02"),
        ("death_date", "[[March 1999]]", "per:date_of_death", "1999-03"),
        ("founded", "c. 1850", "org:date_founded", "1850"),
        ("spouse", "[[Jane Doe]] (m. 1990)", "per:spouse", "Jane Doe"),
        ("occupation", "'''Race walker'''<ref>IAAF</ref>", "per:title", "Race walker"),
        ("height", "5 ft 6 in", "per:height", "1.68"),
        ("website", "[http://www.ibm.com IBM]", "org:website", "http://www.ibm.com"),
        ("alma_mater", "[[University of Cuenca|Univ. of Cuenca]]", "per:schools_attended",
         "Univ. of Cuenca"),
    ],
)
def test_infobox_fact_values(name: str, value: str, slot: str, expected: str) -> None:
    fact = infobox_fact("E1", name, value, PROV)
    assert fact is not None
    assert (fact.subject, fact.slot, fact.value) == ("E1", slot, expected)
    assert fact.confidence == 0.95 and fact.provenance[0].extractor == "infobox"


@pytest.mark.parametrize(
    ("name", "value"),
    [("shirt_colour", "blue"), ("birth_date", "unknown"), ("spouse", "  "), ("height", "tall")],
)
def test_infobox_fact_none(name: str, value: str) -> None:
    assert infobox_fact("E1", name, value, PROV) is None


def test_infobox_link_qualifier() -> None:
    fact = infobox_fact("E1", "placeofbirth", "Manchester", PROV, link="E0467057")
    assert fact is not None and fact.qualifiers["kb_link"] == "E0467057"


def test_strip_wiki_markup() -> None:
    assert strip_wiki_markup("[[A|B]]<br/>{{flag|X}}[[C]] &amp; D") == "B, C & D"
