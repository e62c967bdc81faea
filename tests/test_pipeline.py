"""The pipeline on a KB entry built in code and a few one-line source documents."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kbp.errors import StoreError
from kbp.kb import SQLiteStore
from kbp.nlp.model import load_nlp
from kbp.pipeline import Pipeline, Report, digest
from kbp.types import Document, Fact, KBEntry, Provenance

KB_TEXT = "Maria Gonzalez is a Colombian race walker. She was born in Bogota."
NEWS_A = "Maria Gonzalez won the race in Lima on Sunday. Her coach Peter Brown was proud."
NEWS_A2 = "Maria Gonzalez won the race in Lima on Sunday. Her coach Carlos Ruiz was proud."
NEWS_B = "Peter Brown said the team trained in Quito for the race."


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture
def store(tmp_path):
    with SQLiteStore(tmp_path / "kb.db") as s:
        yield s


@pytest.fixture
def pipeline(store, nlp) -> Pipeline:
    return Pipeline(store, nlp)


def kb_entry(type_: str | None = "PER", categories=(("1980 births", 200, 211),)) -> KBEntry:
    text = Document("kb:maria", KB_TEXT, path="kb/maria.xml", kind="kb", title="Maria Gonzalez")
    height = Fact("KB100", "per:height", "1.60", 0.9,
                  (Provenance("kb:maria", 300, 304, "height = 1.60", "infobox"),))
    return KBEntry("KB100", "Maria Gonzalez", type_, text, aliases=("Maria Elena Gonzalez",),
                   facts=(height,), categories=tuple(categories))


def news(doc_id: str, text: str) -> Document:
    return Document(doc_id, text, path=f"news/{doc_id}.txt")


def facts_of(store, entity_id: str) -> set[tuple[str, str, str]]:
    return {(f.slot, f.value, f.status) for f in store.facts(subject=entity_id)}


def mentions_of(store, doc_id: str) -> list[dict]:
    return [m for m in store.mentions() if m["doc_id"] == doc_id]


def kb_id_of(store) -> str:
    (entity,) = [e for e in store.kb_entities() if e.kb_id == "KB100"]
    return entity.id


# -- reference KB ---------------------------------------------------------------------------


def test_pipeline_add_kb_registers_entity_and_kb_facts(pipeline, store):
    report = pipeline.add_kb([kb_entry()])
    assert (report.processed, report.unchanged, report.failed) == (1, 0, 0)
    (entity,) = store.kb_entities()
    assert (entity.kb_id, entity.name, entity.type) == ("KB100", "Maria Gonzalez", "PER")
    assert "Maria Elena Gonzalez" in entity.aliases
    facts = facts_of(store, entity.id)
    assert {
        ("per:origin", "Colombia", "kb"),  # from the text
        ("per:title", "race walker", "kb"),
        ("per:city_of_birth", "Bogota", "kb"),
        ("per:date_of_birth", "1980", "kb"),  # from a category
        ("per:height", "1.60", "kb"),  # a structured fact of the entry
    } <= facts
    linked = {m["text"]: m["entity_id"] for m in mentions_of(store, "kb:maria")}
    assert linked["Maria Gonzalez"] == entity.id
    assert linked["She"] == entity.id  # the topic's pronoun
    assert report.mentions == len(mentions_of(store, "kb:maria"))


def test_pipeline_source_mentions_link_to_the_kb_entity(pipeline, store):
    pipeline.add_kb([kb_entry()])
    report = pipeline.ingest([news("news1", NEWS_A)])
    assert (report.processed, report.failed) == (1, 0)
    kb = kb_id_of(store)
    rows = {m["text"]: m for m in mentions_of(store, "news1")}
    assert (rows["Maria Gonzalez"]["entity_id"], rows["Maria Gonzalez"]["kb_id"]) == (kb, "KB100")
    assert rows["Peter Brown"]["kb_id"] is None
    (coach,) = store.facts(subject=kb, slot="per:coach")
    assert (coach.value, coach.status) == ("Peter Brown", "new")
    assert coach.object is not None and coach.object.id == rows["Peter Brown"]["entity_id"]
    assert coach.object.kb_id is None


def test_pipeline_nil_entity_is_shared_across_documents(pipeline, store):
    pipeline.add_kb([kb_entry()])
    report = pipeline.ingest([news("news1", NEWS_A), news("news2", NEWS_B)])
    assert report.processed == 2
    brown = {m["entity_id"] for m in store.mentions() if m["text"] == "Peter Brown"}
    assert len(brown) == 1
    assert store.get_entity(brown.pop()).kb_id is None
    places = {m["text"]: m["entity_id"] for m in store.mentions() if m["type"] == "GPE"}
    assert places["Lima"] != places["Quito"]


SENATE = ("Tom Hale, the senator, voted against the budget bill in parliament and told "
          "reporters the government coalition would collapse before the election.")
SENATE_2 = ("Reporters asked why Tom Hale, the senator, opposed the budget bill while the "
            "coalition government in parliament prepared for the election.")
DERBY = ("Tom Hale scored twice for the club in the derby, and the striker's goals lifted "
         "the team to second place in the league table after the match.")


def test_link_spans_clusters_nil_names_by_context_across_documents(pipeline):
    """Given spans (as in an evaluation) go through the pipeline's NIL clustering: one
    unknown senator in two texts is one entity, a footballer of that name another."""
    from kbp.linking.spans import link_spans

    def cluster(doc_id: str, text: str) -> str:
        start = text.index("Tom Hale")
        (span,) = link_spans(pipeline, doc_id, text, [(start, start + len("Tom Hale"))])
        assert span.kb_id is None
        return span.cluster

    senator = cluster("a", SENATE)
    assert cluster("b", SENATE_2) == senator
    assert cluster("c", DERBY) != senator


def test_pipeline_reingest_unchanged_is_a_no_op(pipeline, store):
    pipeline.add_kb([kb_entry()])
    docs = [news("news1", NEWS_A), news("news2", NEWS_B)]
    pipeline.ingest(docs)
    before = store.stats()
    seen: list[str] = []
    again = pipeline.ingest(docs, on_done=seen.append)
    assert (again.processed, again.unchanged, again.mentions, again.facts) == (0, 2, 0, 0)
    assert seen == ["news1", "news2"]
    kb_again = pipeline.add_kb([kb_entry()])
    assert (kb_again.processed, kb_again.unchanged) == (0, 1)
    assert store.stats() == before


def test_pipeline_changed_document_replaces_its_old_facts(pipeline, store):
    pipeline.add_kb([kb_entry()])
    pipeline.ingest([news("news1", NEWS_A)])
    kb = kb_id_of(store)
    assert {f.value for f in store.facts(subject=kb, slot="per:coach")} == {"Peter Brown"}
    report = pipeline.ingest([news("news1", NEWS_A2)])
    assert (report.processed, report.unchanged) == (1, 0)
    assert {f.value for f in store.facts(subject=kb, slot="per:coach")} == {"Carlos Ruiz"}
    texts = {m["text"] for m in mentions_of(store, "news1")}
    assert "Carlos Ruiz" in texts
    assert "Peter Brown" not in texts
    assert store.document_digest("news1") == digest(news("news1", NEWS_A2))


def test_pipeline_kb_entry_with_changed_categories_is_analysed_again(pipeline, store):
    pipeline.add_kb([kb_entry()])
    report = pipeline.add_kb([kb_entry(categories=(("1981 births", 200, 211),))])
    assert report.processed == 1
    births = {f.value for f in store.facts(subject=kb_id_of(store), slot="per:date_of_birth")}
    assert births == {"1981"}


def test_pipeline_structured_only_registers_entity_without_mentions(pipeline, store):
    entry = kb_entry(type_=None, categories=(("1980 births", 200, 211),
                                             ("Living people", 220, 233),
                                             ("Colombian athletes", 240, 258)))
    report = pipeline.add_kb([entry], analyse_text=False)
    assert (report.processed, report.mentions) == (1, 0)
    kb = kb_id_of(store)
    assert store.get_entity(kb).type == "PER"  # guessed from "Living people"
    assert facts_of(store, kb) == {
        ("per:date_of_birth", "1980", "kb"),
        ("per:origin", "Colombia", "kb"),
        ("per:height", "1.60", "kb"),
    }
    assert list(store.mentions()) == []
    assert store.document_digest("kb:maria") is None
    # the text is analysed when the entry is added again in full
    full = pipeline.add_kb([entry])
    assert (full.processed, full.unchanged) == (1, 0)
    assert mentions_of(store, "kb:maria")
    assert ("per:title", "race walker", "kb") in facts_of(store, kb)


def test_pipeline_failed_document_is_rolled_back_and_the_next_one_processed(
    pipeline, store, monkeypatch
):
    pipeline.add_kb([kb_entry()])
    before = store.stats()
    real_add_fact = store.add_fact

    def add_fact(fact, doc_kind):
        if any(p.doc_id == "bad" for p in fact.provenance):
            raise StoreError("disk full")
        return real_add_fact(fact, doc_kind)

    monkeypatch.setattr(store, "add_fact", add_fact)
    bad = news("bad", "Tomas Rivera is a Chilean swimmer. Rivera trained in Santiago.")
    good = news("good", "Peter Brown is a British cyclist.")
    report = pipeline.ingest([bad, good])
    assert (report.processed, report.failed) == (1, 1)
    assert len(report.errors) == 1
    assert "news/bad.txt" in report.errors[0] and "disk full" in report.errors[0]
    # nothing of the failed document was written: no document row, mentions or entities
    assert store.document_digest("bad") is None
    assert mentions_of(store, "bad") == []
    assert not store.entities_by_alias("Tomas Rivera")
    assert not store.entities_by_alias("Santiago")
    # the next document went through
    assert store.document_digest("good") is not None
    (brown,) = store.entities_by_alias("Peter Brown")
    assert ("per:origin", "United Kingdom", "new") in facts_of(store, brown.id)
    after = store.stats()
    assert after["documents"] == before["documents"] + 1
    assert after["mentions"] == before["mentions"] + len(mentions_of(store, "good"))

    # once the store works again, the failed document is processed (it was never recorded)
    monkeypatch.undo()
    retry = pipeline.ingest([bad, good])
    assert (retry.processed, retry.unchanged, retry.failed) == (1, 1, 0)
    (rivera,) = store.entities_by_alias("Tomas Rivera")
    assert ("per:origin", "Chile", "new") in facts_of(store, rivera.id)


# -- records ---------------------------------------------------------------------------------


def test_pipeline_report_fail_counts_and_keeps_the_message():
    report = Report()
    report.fail("a.txt: broken")
    report.fail("b.txt: broken")
    assert report.failed == 2
    assert report.errors == ["a.txt: broken", "b.txt: broken"]


def test_pipeline_digest_depends_on_content_only():
    doc = news("n1", NEWS_A)
    assert digest(doc) == digest(news("n1", NEWS_A))
    assert digest(doc) == digest(replace(doc, path="elsewhere.txt"))
    changed = [
        replace(doc, text=NEWS_A2),
        replace(doc, title="A title"),
        replace(doc, date="2008-08-23"),
        replace(doc, kind="kb"),
    ]
    assert len({digest(doc), *(digest(d) for d in changed)}) == 1 + len(changed)
    assert digest(doc, "extra") != digest(doc)


@pytest.mark.parametrize(("title", "lead", "expected"), [
    ("Apple Inc.", "Apple Inc. is an American multinational technology company based in "
                   "Cupertino. It makes phones.", "ORG"),
    ("Le Monde", "Le Monde is a French newspaper founded in 1944. It is read daily.", "ORG"),
    ("St. Louis", "St. Louis is an independent city in the U.S. state of Missouri.", "GPE"),
    ("Apple", "An apple is the round, edible fruit of an apple tree.", None),
    # a founder's "his" in a university's lead does not make it a person ...
    ("Stanford University", "Stanford University is a private research university in "
     "California. It was founded in 1885 by Leland Stanford and his wife, Jane.", "ORG"),
    # ... while a newspaper's editor is one, and so is a broadcaster whose lead has "He"
    ("Horace Greeley", "Horace Greeley was an American newspaper editor and publisher. "
     "His paper was read widely.", "PER"),
    ("David Attenborough", "David Attenborough is an English broadcaster and writer. He "
     "presented many series.", "PER"),
])
def test_pipeline_guessed_type_reads_past_abbreviations(pipeline, store, title, lead,
                                                        expected):
    doc = Document(f"kb:{title}", lead, kind="kb", title=title)
    pipeline.add_kb([KBEntry(title.replace(" ", "_"), title, None, doc)], analyse_text=False)
    (entity,) = [e for e in store.kb_entities() if e.name == title]
    assert entity.type == expected


def test_pipeline_marks_kb_entries_that_are_common_nouns(pipeline, store):
    """A story's "Apple" (a company) is less likely the entry whose lead says "an apple"."""
    for title, lead in (("Apple", "An apple is the round, edible fruit of an apple tree."),
                        ("Apple Inc.", "Apple Inc. is an American technology company.")):
        doc = Document(f"kb:{title}", lead, kind="kb", title=title)
        pipeline.add_kb([KBEntry(title.replace(" ", "_"), title, None, doc)],
                        analyse_text=False)
    lookup = pipeline.linker().kb
    common = {e.name: lookup.is_common(e.id) for e in store.kb_entities()}
    assert common == {"Apple": True, "Apple Inc.": False}


def test_pipeline_kb_readded_after_an_index_change_is_registered_again(
        pipeline, store, monkeypatch):
    """A store built before kbp derived common-noun marks (or new aliases) is brought up
    to date by adding the same KB again."""
    lead = "An apple is the round, edible fruit of an apple tree."
    entry = KBEntry("Apple", "Apple", None, Document("kb:Apple", lead, kind="kb", title="Apple"))
    monkeypatch.setattr("kbp.pipeline.is_common_noun", lambda title, text: False)
    pipeline.add_kb([entry])
    (apple,) = store.kb_entities()
    assert not pipeline.linker().kb.is_common(apple.id)
    monkeypatch.undo()
    assert pipeline.add_kb([entry]).unchanged == 1  # same version
    monkeypatch.setattr("kbp.pipeline.KB_INDEX_VERSION", "test")
    report = pipeline.add_kb([entry])
    assert (report.processed, report.unchanged) == (1, 0)
    assert pipeline.linker().kb.is_common(apple.id)
    assert [e.id for e in store.kb_entities()] == [apple.id]  # updated, not duplicated
