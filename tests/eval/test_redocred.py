"""kbp slots as Re-DocRED relations: text from tokens, entity matching, the mapping, and
a run of the real pipeline over a tiny in-code document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kbp.errors import ConfigError
from kbp.eval.knowledgenet import fact_views
from kbp.eval.redocred import (
    RELATIONS,
    RULES,
    document_text,
    gold_triples,
    relation_triples,
    run_redocred,
    vertex_for,
    vertex_spans,
)
from kbp.types import Document, Entity, Fact, Mention, Provenance

SENTS = [
    ["Anna", "Berg", "(", "born", "3", "May", "1950", ")", "is", "Norway", "'s", "best",
     "painter", "."],
    ["She", "married", "Karl", "Holm", ",", "a", "Labour", "Party", "politician", "."],
]
RECORD = {
    "title": "Anna Berg",
    "sents": SENTS,
    "vertexSet": [
        [{"name": "Anna Berg", "pos": [0, 2], "sent_id": 0, "type": "PER"}],
        [{"name": "3 May 1950", "pos": [4, 7], "sent_id": 0, "type": "TIME"}],
        [{"name": "Norway", "pos": [9, 10], "sent_id": 0, "type": "LOC"}],
        [{"name": "Karl Holm", "pos": [2, 4], "sent_id": 1, "type": "PER"}],
        [{"name": "Labour Party", "pos": [6, 8], "sent_id": 1, "type": "ORG"}],
    ],
    "labels": [
        {"h": 0, "t": 1, "r": "P569", "evidence": [0]},
        {"h": 0, "t": 2, "r": "P27", "evidence": [0]},
        {"h": 0, "t": 3, "r": "P26", "evidence": [1]},
        {"h": 3, "t": 0, "r": "P26", "evidence": [1]},
        {"h": 3, "t": 4, "r": "P102", "evidence": [1]},
        {"h": 2, "t": 0, "r": "P1376", "evidence": []},  # not a slot relation
    ],
}
TEXT = "Anna Berg (born 3 May 1950) is Norway's best painter. She married Karl Holm, " \
       "a Labour Party politician."


def test_document_text_keeps_every_token_span() -> None:
    text, spans = document_text(SENTS)
    assert text == TEXT
    for sent, row in zip(SENTS, spans, strict=True):
        assert [text[a:b] for a, b in row] == sent


def test_vertex_spans_and_gold_subset() -> None:
    _, tokens = document_text(SENTS)
    vertices = vertex_spans(RECORD, tokens)
    assert [[TEXT[a:b] for a, b in v] for v in vertices] == [
        ["Anna Berg"], ["3 May 1950"], ["Norway"], ["Karl Holm"], ["Labour Party"]]
    gold = gold_triples([RECORD], ["d"])
    assert ("d", 2, 0, "P1376") not in gold
    assert gold == {("d", 0, 1, "P569"), ("d", 0, 2, "P27"), ("d", 0, 3, "P26"),
                    ("d", 3, 0, "P26"), ("d", 3, 4, "P102")}


def test_relations_are_the_slot_subset() -> None:
    assert len(RELATIONS) == 23
    assert {r.target for r in RULES} == set(RELATIONS)
    assert all(r.why for r in RULES)


def test_vertex_for_prefers_most_mentions_then_nearest() -> None:
    vertices = [[(0, 4)], [(10, 14), (20, 24)], [(30, 34)]]
    assert vertex_for([(10, 14), (20, 24), (0, 4)], vertices) == 1
    assert vertex_for([(0, 4), (30, 34)], vertices, near=(28, 29)) == 2
    assert vertex_for([(0, 4), (30, 34)], vertices, near=(5, 6)) == 0
    assert vertex_for([(40, 44)], vertices) is None


def m(word: str, type_: str, source: str = "ner", text: str = TEXT) -> Mention:
    start = text.index(word)
    return Mention("d", start, start + len(word), word, type_, source)


ANNA = Entity("d#1", "d", "Anna Berg", "PER", (m("Anna Berg", "PER"), m("She", "PER", "pronoun")))
KARL = Entity("d#2", "d", "Karl Holm", "PER", (m("Karl Holm", "PER"),))


def fact(subject: Entity, slot: str, filler: Mention, obj: Entity | None = None,
         text: str = TEXT) -> Fact:
    prov = Provenance("d", filler.start, filler.end, "", "test", 0, len(text))
    return Fact(subject.id, slot, filler.text, 0.9, (prov,), obj.id if obj else None)


def triples(*facts: Fact, text: str = TEXT, sents=SENTS, record=RECORD,
            entities=(ANNA, KARL)) -> list:
    _, tokens = document_text(sents)
    vertices = vertex_spans(record, tokens)
    out = []
    for view in fact_views(Document("d", text), entities, facts):
        out.extend(relation_triples(view, "d", vertices))
    return out


def test_facts_become_gold_entity_triples() -> None:
    got = triples(
        fact(ANNA, "per:date_of_birth", m("3 May 1950", "DATE")),
        fact(ANNA, "per:origin", m("Norway", "GPE")),
        fact(ANNA, "per:spouse", KARL.mentions[0], KARL),
        fact(KARL, "per:employee_or_member_of", m("Labour Party", "ORG")),
        fact(ANNA, "per:title", m("painter", "X")),
    )
    assert got == [("d", 0, 1, "P569"), ("d", 0, 2, "P27"), ("d", 0, 3, "P26"),
                   ("d", 3, 0, "P26"), ("d", 3, 4, "P102")]


def test_an_end_outside_the_gold_entities_is_unmatched() -> None:
    got = triples(fact(ANNA, "per:cities_of_residence", m("best", "GPE")))
    start = TEXT.index("best")
    assert got == [("d", 0, ("unmatched", start, start + 4), "P551")]


PARENT_SENTS = [["Per", "Berg", "is", "the", "son", "of", "his", "father", "Ola", "Berg",
                 "and", "Kari", "Berg", "."],
                ["Ola", "Berg", "founded", "Berg", "AS", "in", "1990", "."]]
PARENT_TEXT = "Per Berg is the son of his father Ola Berg and Kari Berg. " \
              "Ola Berg founded Berg AS in 1990."
PARENT_RECORD = {"sents": PARENT_SENTS, "labels": [], "vertexSet": [
    [{"pos": [0, 2], "sent_id": 0}],
    [{"pos": [8, 10], "sent_id": 0}, {"pos": [0, 2], "sent_id": 1}],
    [{"pos": [11, 13], "sent_id": 0}],
    [{"pos": [3, 5], "sent_id": 1}],
    [{"pos": [6, 7], "sent_id": 1}],
]}


def test_parents_split_by_the_parent_word_and_add_the_child_back() -> None:
    def pm(word: str, type_: str = "PER", nth: int = 0) -> Mention:
        start = -1
        for _ in range(nth + 1):
            start = PARENT_TEXT.index(word, start + 1)
        return Mention("d", start, start + len(word), word, type_)

    per = Entity("d#1", "d", "Per Berg", "PER", (pm("Per Berg"), pm("his", "PER")))
    ola = Entity("d#2", "d", "Ola Berg", "PER", (pm("Ola Berg"), pm("Ola Berg", nth=1)))
    kari_m = pm("Kari Berg")
    company = Entity("d#3", "d", "Berg AS", "ORG", (pm("Berg AS", "ORG"),))
    first_end = PARENT_TEXT.index(".") + 1

    def f(subject, slot, filler, obj=None, sent=(0, first_end)):
        prov = Provenance("d", filler.start, filler.end, "", "test", *sent)
        return Fact(subject.id, slot, filler.text, 0.9, (prov,), obj.id if obj else None)

    second = (first_end + 1, len(PARENT_TEXT))
    got = triples(
        f(per, "per:parents", ola.mentions[0], ola),
        f(per, "per:parents", kari_m),  # no parent word right before it: no P22/P25
        f(company, "org:founded_by", ola.mentions[1], ola, second),
        f(company, "org:date_founded", pm("1990", "DATE"), None, second),
        text=PARENT_TEXT, sents=PARENT_SENTS, record=PARENT_RECORD,
        entities=(per, ola, company),
    )
    assert got == [("d", 0, 1, "P22"), ("d", 1, 0, "P40"), ("d", 2, 0, "P40"),
                   ("d", 3, 1, "P112"), ("d", 3, 4, "P571")]


def write_split(root: Path, records: list) -> Path:
    (root / "re-docred").mkdir(parents=True)
    (root / "re-docred" / "dev_revised.json").write_text(json.dumps(records), encoding="utf-8")
    return root


def test_run_on_a_tiny_document(tmp_path: Path) -> None:
    sents = [["Levi", "Lusko", "was", "born", "in", "Colorado", "in", "1982", "."]]
    record = {"title": "Levi Lusko", "sents": sents, "vertexSet": [
        [{"name": "Levi Lusko", "pos": [0, 2], "sent_id": 0, "type": "PER"}],
        [{"name": "Colorado", "pos": [5, 6], "sent_id": 0, "type": "LOC"}],
        [{"name": "1982", "pos": [7, 8], "sent_id": 0, "type": "TIME"}],
    ], "labels": [{"h": 0, "t": 1, "r": "P19", "evidence": [0]},
                  {"h": 0, "t": 2, "r": "P569", "evidence": [0]}]}
    root = write_split(tmp_path, [record, record])
    result = run_redocred(root, "dev", limit=1)
    assert result["split"] == "dev" and result["documents"] == 1 and result["gold"] == 2
    assert result["tp"] == 2 and result["f1"] == 1.0
    assert result["per_relation"]["P19"]["tp"] == 1
    with pytest.raises(ConfigError):
        run_redocred(root, "train")
