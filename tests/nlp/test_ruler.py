"""The value ruler: race times, heights and ages on real sentences."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from kbp.nlp.ruler import (
    VALUE_LABELS,
    VALUE_RULER,
    _expand,
    add_value_ruler,
    load_value_patterns,
)


def ents(doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize(
    ("sentence", "span", "label"),
    [
        (
            "Now, at 34 years of age, it seems that Perez has done his country proud again.",
            "34 years of age",
            "AGE",
        ),
        (
            "Borchin completed the race in 1 hour, 19 minutes, 1 second.",
            "1 hour, 19 minutes, 1 second",
            "DURATION",
        ),
        (
            "Pérez also set the world best performance (as there are no world records in "
            "race walking) with 1:17:21.Pérez had 4th place finishes in the 20 km walk.",
            "1:17:21",
            "DURATION",
        ),
        (
            "Even more amazing is the fact that the 1.67-meter-tall athlete has managed his "
            "own training.",
            "1.67-meter",
            "HEIGHT",
        ),
        (
            "Perez lost the gold to Russian rival Valery Borchin who managed to finish just "
            "14 seconds ahead of the veteran race walker.",
            "14 seconds",
            "DURATION",
        ),
        (
            "Twelve years ago a much younger Jefferson Perez took home Ecuador's first "
            "Olympic gold medal.",
            "Twelve years ago",
            "DATE",
        ),
    ],
)
def test_seed_sentences(nlp, sentence, span, label):
    assert (span, label) in ents(nlp(sentence))


@pytest.mark.parametrize(
    ("phrase", "span", "label"),
    [
        ("He won in 1:17:21.", "1:17:21", "DURATION"),
        ("He won in 1:19:01, a season's best.", "1:19:01", "DURATION"),
        ("She ran 3:45.12 in the heats.", "3:45.12", "DURATION"),
        ("He won the marathon in 2:08:34.5 on Sunday.", "2:08:34.5", "DURATION"),
        ("Bolt ran 9.58 seconds in Berlin.", "9.58 seconds", "DURATION"),
        (
            "He finished in 1 hour 19 minutes and 1 second.",
            "1 hour 19 minutes and 1 second",
            "DURATION",
        ),
        ("The stage took 2 hours 5 minutes.", "2 hours 5 minutes", "DURATION"),
        ("He was 14 seconds behind.", "14 seconds", "DURATION"),
        ("The 1.67 m athlete won.", "1.67 m", "HEIGHT"),
        ("He stands 1.67 metres tall.", "1.67 metres", "HEIGHT"),
        ("The 1.67m athlete won.", "1.67m", "HEIGHT"),
        ("He is 6 ft 2 in and fast.", "6 ft 2 in", "HEIGHT"),
        ("The 6-foot-2 guard scored.", "6-foot-2", "HEIGHT"),
        ("The six-foot-two guard scored.", "six-foot-two", "HEIGHT"),
        ("She is 5 feet 7 inches.", "5 feet 7 inches", "HEIGHT"),
        ("She is 5 ft. 7 in. and fast.", "5 ft. 7 in", "HEIGHT"),
        ("He is six feet tall.", "six feet", "HEIGHT"),
        ("He is 167 cm tall.", "167 cm", "HEIGHT"),
        ("The 6'2\" guard scored.", "6'2\"", "HEIGHT"),
        ("He retired aged 34 last year.", "aged 34", "AGE"),
        ("He retired at age 34.", "age 34", "AGE"),
        ("He retired at the age of 34.", "age of 34", "AGE"),
        ("The 34-year-old won silver.", "34-year-old", "AGE"),
        ("The thirty-four-year-old won silver.", "thirty-four-year-old", "AGE"),
        ("He is 34 years old.", "34 years old", "AGE"),
        ("He died on Tuesday. He was 74.", "was 74", "AGE"),
    ],
)
def test_value_patterns(nlp, phrase, span, label):
    assert (span, label) in ents(nlp(phrase))


@pytest.mark.parametrize(
    "phrase",
    [
        "He ran the 20 km walk.",  # a distance, not a height
        "The race started at 3:45 in the afternoon.",  # no fraction: could be a clock
        "They cleared 400 metres of road.",
        "The 7-foot wall fell.",
    ],
)
def test_no_false_values(nlp, phrase):
    labels = {label for _, label in ents(nlp(phrase))}
    assert not labels & {"DURATION", "HEIGHT", "AGE"}


def test_ruler_replaces_split_time_pieces(nlp):
    doc = nlp("Borchin completed the race in 1 hour, 19 minutes, 1 second.")
    assert [label for _, label in ents(doc)].count("TIME") == 0


def test_ruler_keeps_names(nlp):
    doc = nlp.make_doc("He was aged 34 then")
    doc.ents = [Span(doc, 2, 4, label="PERSON")]
    ruler = nlp.get_pipe(VALUE_RULER)
    assert ents(ruler(doc)) == [("aged 34", "PERSON")]


def test_ruler_overwrites_numeric_labels(nlp):
    doc = nlp.make_doc("He was aged 34 then")
    doc.ents = [Span(doc, 3, 4, label="DATE")]
    ruler = nlp.get_pipe(VALUE_RULER)
    assert ents(ruler(doc)) == [("aged 34", "AGE")]


def test_ruler_overwrites_a_race_time_read_as_an_ordinal(nlp):
    doc = nlp.make_doc("She was second in 4:15.24 today")
    doc.ents = [Span(doc, 2, 3, label="ORDINAL"), Span(doc, 4, 5, label="ORDINAL")]
    ruler = nlp.get_pipe(VALUE_RULER)
    assert ents(ruler(doc)) == [("second", "ORDINAL"), ("4:15.24", "DURATION")]


def test_span_id_names_the_pattern(nlp):
    doc = nlp("Borchin completed the race in 1 hour, 19 minutes, 1 second.")
    (dur,) = [e for e in doc.ents if e.label_ == "DURATION"]
    assert dur.id_ == "h_m_s"


def test_entities_do_not_end_in_whitespace(nlp):
    doc = nlp("Jefferson Perez Triumphs at Final Olympic Race\n\nTwelve years ago he won.")
    assert all(not e[0].is_space and not e[-1].is_space for e in doc.ents)


def test_add_value_ruler_is_idempotent(nlp):
    assert add_value_ruler(nlp) is nlp.get_pipe(VALUE_RULER)
    assert nlp.pipe_names.count(VALUE_RULER) == 1


def test_patterns_load_and_use_known_labels():
    patterns = load_value_patterns()
    assert {p["label"] for p in patterns} == set(VALUE_LABELS)
    assert all(p["pattern"] and "@" not in str(p["pattern"]) for p in patterns)


def test_expand_classes():
    classes = {"N": [[{"ORTH": "1"}], [{"ORTH": "one"}, {"ORTH": "-"}]]}
    out = _expand([{"@": "N"}, {"LOWER": "x"}], classes, "t")
    assert out == [
        [{"ORTH": "1"}, {"LOWER": "x"}],
        [{"ORTH": "one"}, {"ORTH": "-"}, {"LOWER": "x"}],
    ]
    with pytest.raises(ValueError):
        _expand([{"@": "MISSING"}], classes, "t")


def test_seed_news_document(nlp, seeds_dir):
    path = seeds_dir / "000_09c5cf1c384a8273.txt"
    if not path.exists():
        pytest.skip("seed news document missing")
    found = set(ents(nlp(path.read_text(encoding="utf-8"))))
    assert {
        ("34 years of age", "AGE"),
        ("1 hour, 19 minutes, 1 second", "DURATION"),
        ("14 seconds", "DURATION"),
        ("1.67-meter", "HEIGHT"),
    } <= found


@pytest.mark.parametrize("phrase", ["He was 74 kilograms heavier.", "The score was 74."])
def test_value_patterns_bare_number_is_an_age_only_after_a_pronoun_and_before_a_stop(nlp,
                                                                                     phrase):
    assert not [e for e in ents(nlp(phrase)) if e[1] == "AGE"]
