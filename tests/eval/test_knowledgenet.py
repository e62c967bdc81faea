"""kbp slots as KnowledgeNet facts: the mapping, the span conversion, the format, and a
run of the real pipeline over a tiny in-code document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kbp.eval.knowledgenet import (
    PROPERTIES,
    RULES,
    fact_views,
    load_documents,
    passage_document,
    prediction_records,
    read_predictions,
    run_knowledgenet,
    span_facts,
    write_predictions,
)
from kbp.eval.slots import SpanFact
from kbp.types import Entity, Fact, Mention, Provenance

SHIFT = 100
TEXT = "Anna Berg married Karl Holm, and she was born in Oslo."


def passage(text: str = TEXT, start: int = SHIFT) -> dict:
    return {"passageId": f"d1:{start}:{start + len(text)}", "passageStart": start,
            "passageEnd": start + len(text), "passageText": text,
            "exhaustivelyAnnotatedProperties": [], "facts": []}


def mention(text: str, word: str, type_: str, source: str = "ner", nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Mention("d1", start, start + len(word), word, type_, source)


def entity(n: int, type_: str, *mentions: Mention) -> Entity:
    return Entity(f"d1#{n}", "d1", mentions[0].text, type_, tuple(mentions))


def fact(subject: Entity, slot: str, filler: Mention, obj: Entity | None = None,
         text: str = TEXT, shift: int = SHIFT, **qualifiers: str) -> Fact:
    prov = Provenance("d1", filler.start + shift, filler.end + shift, text, "test",
                      sent_start=shift, sent_end=shift + len(text))
    return Fact(subject.id, slot, filler.text, 0.9, (prov,),
                obj.id if obj is not None else None, qualifiers)


ANNA = entity(1, "PER", mention(TEXT, "Anna Berg", "PER"),
              mention(TEXT, "she", "PER", "pronoun"))
KARL = entity(2, "PER", mention(TEXT, "Karl Holm", "PER"))
OSLO_M = mention(TEXT, "Oslo", "GPE")
OSLO = entity(3, "GPE", OSLO_M)


def views(*facts: Fact, text: str = TEXT, entities=(ANNA, KARL, OSLO)):
    return list(fact_views(passage_document(passage(text)), entities, facts))


def at(word: str, text: str = TEXT, nth: int = 0) -> tuple[int, int]:
    m = mention(text, word, "X", nth=nth)
    return m.start + SHIFT, m.end + SHIFT


def test_rules_cover_the_fifteen_properties() -> None:
    assert {r.target for r in RULES} == set(PROPERTIES)
    assert len(PROPERTIES) == 15
    assert all(r.why for r in RULES)


def test_passage_document_shifts_offsets() -> None:
    doc = passage_document(passage())
    assert doc.text == TEXT
    assert doc.raw_span(0, 9) == (SHIFT, SHIFT + 9)


def test_view_reads_text_in_passage_coordinates() -> None:
    [v] = views(fact(ANNA, "per:city_of_birth", OSLO_M, OSLO))
    assert v.filler == at("Oslo") and v.filler_text == "Oslo"
    assert v.sentence_text == TEXT
    assert v.before_text.endswith("born in ")
    assert v.subject_spans == (at("Anna Berg"), at("she"))


def test_spouse_both_ways_with_every_mention_in_the_sentence() -> None:
    [v] = views(fact(ANNA, "per:spouse", KARL.mentions[0], KARL))
    got = set(span_facts(v))
    anna, she, karl = at("Anna Berg"), at("she"), at("Karl Holm")
    assert got == {SpanFact(anna, karl, "25"), SpanFact(karl, anna, "25"),
                   SpanFact(she, karl, "25"), SpanFact(karl, she, "25")}


def test_nearest_mention_only() -> None:
    [v] = views(fact(ANNA, "per:city_of_birth", OSLO_M, OSLO))
    assert span_facts(v, all_mentions=False) == [SpanFact(at("she"), at("Oslo"), "12")]


def test_birth_origin_and_dates() -> None:
    text = "Ola Nordmann, a Norwegian painter, was born on 3 May 1901 and died in 1950."
    ola = entity(1, "PER", mention(text, "Ola Nordmann", "PER"))
    norwegian = mention(text, "Norwegian", "NORP")
    born = mention(text, "3 May 1901", "DATE")
    died = mention(text, "1950", "DATE")
    vs = views(fact(ola, "per:origin", norwegian, text=text),
               fact(ola, "per:date_of_birth", born, text=text),
               fact(ola, "per:date_of_death", died, text=text),
               fact(ola, "per:title", mention(text, "painter", "X"), text=text),
               text=text, entities=(ola,))
    got = [span_facts(v) for v in vs]
    subj = at("Ola Nordmann", text)
    assert got == [[SpanFact(subj, at("Norwegian", text), "10")],
                   [SpanFact(subj, at("3 May 1901", text), "15")],
                   [SpanFact(subj, at("1950", text), "14")],
                   []]  # per:title has no KnowledgeNet property


@pytest.mark.parametrize(("org", "prop"), [("Labour Party", "45"), ("Acme Corp", "3")])
def test_membership_of_a_party_is_political_affiliation(org: str, prop: str) -> None:
    text = f"Karl Holm joined {org} in 1990."
    karl = entity(1, "PER", mention(text, "Karl Holm", "PER"))
    org_m = mention(text, org, "ORG")
    [v] = views(fact(karl, "per:employee_or_member_of", org_m, entity(2, "ORG", org_m),
                     text=text), text=text, entities=(karl,))
    assert span_facts(v) == [SpanFact(at("Karl Holm", text), at(org, text), prop)]


def test_ceo_runs_from_organisation_to_person_and_needs_the_title() -> None:
    text = "Acme Corp named Karl Holm its chief executive."
    acme = entity(1, "ORG", mention(text, "Acme Corp", "ORG"))
    karl_m = mention(text, "Karl Holm", "PER")
    [v] = views(fact(acme, "org:top_members_employees", karl_m, text=text), text=text,
                entities=(acme,))
    assert span_facts(v) == [SpanFact(at("Acme Corp", text), at("Karl Holm", text), "4")]
    plain = "Acme Corp named Karl Holm its treasurer."
    [v] = views(fact(acme, "org:top_members_employees", karl_m, text=plain), text=plain,
                entities=(acme,))
    assert span_facts(v) == []
    [v] = views(fact(acme, "org:top_members_employees", karl_m, text=plain, title="CEO"),
                text=plain, entities=(acme,))
    assert [f.property for f in span_facts(v)] == ["4"]


def test_inverse_slots_swap_subject_and_object() -> None:
    text = "Anna Berg has a son, Per Berg, and Acme owns Beta Labs."
    anna = entity(1, "PER", mention(text, "Anna Berg", "PER"))
    per_m = mention(text, "Per Berg", "PER")
    acme = entity(2, "ORG", mention(text, "Acme", "ORG"))
    beta_m = mention(text, "Beta Labs", "ORG")
    vs = views(fact(anna, "per:children", per_m, entity(3, "PER", per_m), text=text),
               fact(acme, "org:subsidiaries", beta_m, text=text),
               text=text, entities=(anna, acme))
    assert [span_facts(v) for v in vs] == [
        [SpanFact(at("Per Berg", text), at("Anna Berg", text), "34")],
        [SpanFact(at("Beta Labs", text), at("Acme", text), "1")],
    ]


def test_subject_outside_the_sentence_uses_the_nearest_mention() -> None:
    text = "Karl Holm grew up there. He settled in Oslo."
    karl = entity(1, "PER", mention(text, "Karl Holm", "PER"))
    oslo = mention(text, "Oslo", "GPE")
    second = text.index("He")
    prov = Provenance("d1", oslo.start + SHIFT, oslo.end + SHIFT, "", "test",
                      sent_start=second + SHIFT, sent_end=len(text) + SHIFT)
    f = Fact(karl.id, "per:cities_of_residence", "Oslo", 0.8, (prov,))
    [v] = views(f, text=text, entities=(karl,))
    assert span_facts(v) == [SpanFact(at("Karl Holm", text), at("Oslo", text), "11")]


def test_facts_of_unknown_subjects_are_skipped() -> None:
    stranger = entity(9, "PER", mention(TEXT, "Karl Holm", "PER"))
    assert views(fact(stranger, "per:spouse", ANNA.mentions[0])) == []


def test_prediction_format_round_trip(tmp_path: Path) -> None:
    doc_text = " " * SHIFT + TEXT
    doc = {"documentId": "d1", "fold": 1, "documentText": doc_text, "passages": [passage()]}
    pid = passage()["passageId"]
    pred = {pid: [SpanFact(at("Anna Berg"), at("Karl Holm"), "25")]}
    [record] = prediction_records([doc], pred)
    [p] = record["passages"]
    assert record["documentId"] == "d1" and p["passageId"] == pid
    assert p["facts"] == [{
        "subjectStart": SHIFT, "subjectEnd": SHIFT + 9, "subjectText": "Anna Berg",
        "objectStart": SHIFT + 18, "objectEnd": SHIFT + 27, "objectText": "Karl Holm",
        "propertyId": "25", "subjectUri": "", "objectUri": "",
    }]
    out = tmp_path / "pred.jsonl"
    write_predictions(out, [doc], pred)
    assert read_predictions(out) == pred


BIRTH_TEXT = "Levi Lusko was born in Colorado in 1982."


def test_run_on_a_tiny_document(tmp_path: Path) -> None:
    start = 20
    p = passage(BIRTH_TEXT, start)
    s = start
    p["exhaustivelyAnnotatedProperties"] = [
        {"propertyId": "12", "propertyName": "PLACE_OF_BIRTH", "propertyDescription": ""},
        {"propertyId": "15", "propertyName": "DATE_OF_BIRTH", "propertyDescription": ""},
        {"propertyId": "25", "propertyName": "SPOUSE", "propertyDescription": ""},
    ]

    def gold(word: str, prop: str) -> dict:
        o = BIRTH_TEXT.index(word)
        return {"propertyId": prop, "subjectStart": s, "subjectEnd": s + 10,
                "objectStart": s + o, "objectEnd": s + o + len(word)}

    p["facts"] = [gold("Colorado", "12"), gold("1982", "15")]
    doc = {"fold": 2, "documentId": "7", "documentText": " " * start + BIRTH_TEXT,
           "passages": [p]}
    other = dict(doc, fold=4, documentId="8")
    data = tmp_path / "kn.jsonl"
    data.write_text(json.dumps(doc) + "\n" + json.dumps(other) + "\n", encoding="utf-8")
    assert [d["documentId"] for d in load_documents(data, folds=(1, 2, 3))] == ["7"]
    assert len(load_documents(data, limit=1)) == 1

    out = tmp_path / "pred.jsonl"
    m = run_knowledgenet(data, folds=(2,), predictions_out=out)
    assert m["folds"] == [2] and m["documents"] == 1 and m["passages"] == 1
    assert (m["tp"], m["fn"]) == (2, 0)
    assert m["per_property"]["12"]["name"] == "PLACE_OF_BIRTH"
    written = read_predictions(out)[p["passageId"]]
    assert SpanFact((s, s + 10), (s + 23, s + 31), "12") in written
