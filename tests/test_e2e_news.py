"""End to end on short news stories written for these tests: headline, dateline, people
the small NER model mistypes, organisations named in full and in short, and sentences
whose years belong to another clause.  Each story is ingested into an empty KB and the
exported facts are checked, the right ones present and the tempting wrong ones absent."""

from __future__ import annotations

import pytest

from kbp.io.text import find_headline
from kbp.kb import open_store
from kbp.pipeline import Pipeline
from kbp.types import Document, KBEntry

from .conftest import exported

pytestmark = pytest.mark.slow

MARATHON = """\
Kenya's Kipchoge Breaks Berlin Marathon Record Again

BERLIN, Sept 25 - Eliud Kipchoge of Kenya won the Berlin Marathon on Sunday in 2:01:09, \
cutting 30 seconds off his own world record. The 37-year-old Olympic champion ran alone \
for the last 15 kilometres. Ethiopia's Tigist Assefa won the women's race in 2:15:37.

"I am happy," Kipchoge told German broadcaster ZDF. His coach Patrick Sang said the \
runner had trained in Kaptagat for four months. Kipchoge, who was born in Kapsisiywa in \
1984, also won gold at the Tokyo Olympics in 2021.
"""

OBITUARY = """\
Former Chilean President Sebastián Piñera Dies in Helicopter Crash

SANTIAGO, Feb 6 - Sebastián Piñera, who twice served as president of Chile, died on \
Tuesday when the helicopter he was piloting crashed into Lake Ranco. He was 74.

Piñera, a billionaire businessman who studied economics at Harvard University, led Chile \
from 2010 to 2014 and again from 2018 to 2022. He was married to Cecilia Morel. His \
brother José Piñera served as labor minister.
"""

DEAL = """\
Microsoft to Buy Activision Blizzard for $69 Billion

REDMOND, Washington - Microsoft Corp. said on Tuesday it would buy video game publisher \
Activision Blizzard for $69 billion. Activision, based in Santa Monica, California, makes \
Call of Duty.

Activision chief executive Bobby Kotick will remain in his role until the deal closes. \
Microsoft was founded by Bill Gates and Paul Allen in 1975 in Albuquerque, New Mexico.
"""

VISIT = """\
German Chancellor Visits Kyiv Amid Talks on Air Defence

KYIV, June 10 - German Chancellor Olaf Scholz arrived in Kyiv on Monday for talks with \
Ukrainian President Volodymyr Zelenskiy. Scholz, 65, a Social Democrat who took office in \
December 2021, promised a third air defence system.

Zelenskiy, a former comedian born in Kryvyi Rih, thanked Germany. His wife, Olena \
Zelenska, met students at Taras Shevchenko National University, where she studied \
architecture. Scholz later flew to Warsaw to meet Polish Prime Minister Donald Tusk.
"""


def _document(doc_id: str, text: str) -> Document:
    span = find_headline(text)
    assert span is not None, "each story opens with a headline"
    return Document(doc_id, text, path=f"news/{doc_id}.txt", headlines=(span,))


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    db = tmp_path_factory.mktemp("news") / "kb.db"
    with open_store(db) as store:
        report = Pipeline(store).ingest(
            [_document("marathon", MARATHON), _document("obituary", OBITUARY),
             _document("deal", DEAL), _document("visit", VISIT)])
        assert report.failed == 0
        return exported(store)


def _triples(kb, doc_id: str) -> set[tuple[str, str, str]]:
    return {(f["subject"]["name"], f["slot"], f["value"]) for f in kb["facts"]
            if f["provenance"][0]["doc_id"] == doc_id}


def _fact(kb, subject: str, slot: str, value: str) -> dict:
    (hit,) = [f for f in kb["facts"] if (f["subject"]["name"], f["slot"], f["value"])
              == (subject, slot, value)]
    return hit


def test_news_marathon_story(kb):
    got = _triples(kb, "marathon")
    assert {
        ("Eliud Kipchoge", "per:city_of_birth", "Kapsisiywa"),  # "born in" makes a place
        ("Eliud Kipchoge", "per:date_of_birth", "1984"),
        ("Eliud Kipchoge", "per:coach", "Patrick Sang"),
        ("Eliud Kipchoge", "per:competition_result", "2021 Olympic Games"),  # not 1984
        ("Eliud Kipchoge", "per:age", "37"),  # "The 37-year-old Olympic champion"
        ("Tigist Assefa", "per:competition_result", "Berlin Marathon"),  # not the Games
    } <= got
    assert ("Tigist Assefa", "per:competition_result", "Olympic Games") not in got
    assert not [t for t in got if t[1] == "per:origin" and t[2] == "Germany"]  # ZDF's
    # the full name the model missed, the headline's surname and the later ones: one person
    ids = {m["entity_id"] for m in kb["mentions"]
           if m["doc_id"] == "marathon" and "Kipchoge" in m["text"]}
    assert len(ids) == 1
    assert {m["type"] for m in kb["mentions"] if m["text"] == "Tigist Assefa"} == {"PER"}


def test_news_obituary(kb):
    got = _triples(kb, "obituary")
    assert {
        ("Sebastián Piñera", "per:age", "74"),
        ("Sebastián Piñera", "per:spouse", "Cecilia Morel"),
        ("Sebastián Piñera", "per:siblings", "José Piñera"),
        ("Sebastián Piñera", "per:schools_attended", "Harvard University"),
    } <= got
    assert ("Sebastián Piñera", "per:employee_or_member_of", "Harvard University") not in got
    # the years in the main clause are the presidency's, not the studies'
    school = _fact(kb, "Sebastián Piñera", "per:schools_attended", "Harvard University")
    assert "start" not in school["qualifiers"] and "end" not in school["qualifiers"]


def test_news_deal(kb):
    got = _triples(kb, "deal")
    assert {
        ("Activision Blizzard", "org:city_of_headquarters", "Santa Monica"),
        ("Activision Blizzard", "org:top_members_employees", "Bobby Kotick"),
        ("Bobby Kotick", "per:title", "chief executive"),
        # one company, named in full after the dateline ("REDMOND, Washington - ")
        ("Microsoft Corp.", "org:founded_by", "Bill Gates"),
        ("Microsoft Corp.", "org:date_founded", "1975"),
    } <= got
    assert not [t for t in got if "Washington" in t[0]]
    # "to buy" in the headline and "would buy" below: the deal has not closed
    assert not [t for t in got if t[1] in ("org:parents", "org:subsidiaries")]


def test_news_visit(kb):
    got = _triples(kb, "visit")
    assert {
        ("Olaf Scholz", "per:age", "65"),  # "Scholz, 65,"
        ("Olaf Scholz", "per:title", "chancellor"),  # a title, not part of the name
        ("Volodymyr Zelenskiy", "per:title", "president"),
        ("Volodymyr Zelenskiy", "per:city_of_birth", "Kryvyi Rih"),
        ("Donald Tusk", "per:title", "prime minister"),
        ("Donald Tusk", "per:origin", "Poland"),
    } <= got
    # the sentence about his wife gives her school, not his
    assert ("Volodymyr Zelenskiy", "per:schools_attended",
            "Taras Shevchenko National University") not in got
    names = {m["text"] for m in kb["mentions"] if m["doc_id"] == "visit" and m["type"] == "PER"}
    assert not {"Prime Minister", "Chancellor", "Chancellor Olaf Scholz"} & names


def test_news_headlines_give_names_not_run_together_words(kb):
    heads = {"marathon": MARATHON, "obituary": OBITUARY, "deal": DEAL, "visit": VISIT}
    in_heads = [(m["doc_id"], m["text"], m["type"]) for m in kb["mentions"]
                if m["end"] <= len(heads[m["doc_id"]].split("\n", 1)[0])]
    assert ("marathon", "Kipchoge", "PER") in in_heads
    assert ("deal", "Activision Blizzard", "ORG") in in_heads
    assert ("visit", "Kyiv", "GPE") in in_heads  # a person in the headline's parse
    assert not [t for t in in_heads if "Breaks" in t[1] or "Dies" in t[1] or "Buy" in t[1]]


EARNINGS = """\
Apple Beats Forecasts as iPhone Sales Rise

Apple reported higher quarterly profit on Thursday as sales of the iPhone rose in China. \
Chief executive Tim Cook said the company would open more stores. Shares of the \
Cupertino, California-based company rose 3%. Google parent Alphabet reports next week.
"""
#: Reference entries whose leads name a thing in lower case, beside the company.
COMMON_NOUN_KB = (
    ("Apple", "An apple is the round, edible fruit of an apple tree, grown in orchards."),
    ("Apple Inc.", "Apple Inc. is an American multinational technology company "
                   "headquartered in Cupertino, California. It designs the iPhone."),
    ("Google", "Google LLC is an American technology company known for its search "
               "engine."),
)


def _ingest_with_kb(tmp_path, entries, doc_id: str, story: str):
    """The export of a store holding the reference ``entries`` ((title, lead) pairs) and
    one ingested story."""
    with open_store(tmp_path / "kb.db") as store:
        pipeline = Pipeline(store)
        pipeline.add_kb(
            KBEntry(title.replace(" ", "_"), title, None,
                    Document(f"kb:{title}", lead, kind="kb", title=title))
            for title, lead in entries)
        pipeline.ingest([_document(doc_id, story)])
        return exported(store)


def test_news_company_named_like_a_common_noun(tmp_path):
    """"Apple" in an earnings story is the company, not the fruit the KB also holds."""
    kb = _ingest_with_kb(tmp_path, COMMON_NOUN_KB, "earnings", EARNINGS)
    links = {m["text"]: m["kb_id"] for m in kb["mentions"] if m["doc_id"] == "earnings"}
    assert links["Apple"] == "Apple_Inc."
    assert links["Google"] == "Google"
    # "Google parent Alphabet": Google's parent, not Apple's
    assert {t for t in _triples(kb, "earnings") if t[1] == "org:parents"} == {
        ("Google", "org:parents", "Alphabet")}


OBITUARY_PHYSICS = """\
Physicists Mourn Peter Higgs

EDINBURGH (Reuters) - Peter Higgs, the British physicist who predicted a new particle \
in 1964, died in Edinburgh on Monday at the age of 94. The Higgs boson was found at a \
laboratory near Geneva in 2012. United Nations Secretary-General Antonio Guterres \
called him a giant of science.
"""
#: A particle named after the physicist, and an organisation the small model misses.
PHYSICS_KB = (
    ("Higgs boson", "The Higgs boson is an elementary particle in the Standard Model of "
                    "particle physics, named after the physicist Peter Higgs."),
    ("United Nations", "The United Nations is an intergovernmental organization whose "
                       "stated purposes are to maintain international peace and security."),
)


def test_news_person_named_like_a_kb_term(tmp_path):
    """Peter Higgs is no particle: neither "Higgs" in "the Higgs boson" nor his surname
    links him to the KB's *Higgs boson*, and the year of his prediction is not his
    death's.  "United Nations", missed by the model, is found from the KB."""
    kb = _ingest_with_kb(tmp_path, PHYSICS_KB, "higgs", OBITUARY_PHYSICS)
    people = {m["text"]: m["kb_id"] for m in kb["mentions"]
              if m["doc_id"] == "higgs" and m["type"] == "PER"}
    assert people.get("Peter Higgs", "missing") is None
    assert "Higgs_boson" not in people.values()
    got = _triples(kb, "higgs")
    assert {("Peter Higgs", "per:age", "94"),
            ("Peter Higgs", "per:city_of_death", "Edinburgh"),
            ("Antonio Guterres", "per:employee_or_member_of", "United Nations")} <= got
    assert not {t for t in got if t[1] == "per:date_of_death" and "1964" in t[2]}
    assert not [f for f in kb["facts"] if f["subject"]["kb_id"] == "Higgs_boson"]
    orgs = {m["text"]: m["kb_id"] for m in kb["mentions"] if m["type"] == "ORG"}
    assert orgs["United Nations"] == "United_Nations"
