"""The shared spaCy pipeline: loading, sentence starts, tokenizer adaptations."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kbp.errors import ConfigError
from kbp.nlp import model
from kbp.nlp.model import (
    MAX_LENGTH,
    PARAGRAPH_SENTS,
    build_nlp,
    load_nlp,
    split_text,
)
from kbp.nlp.ruler import VALUE_RULER

HEADLINE = (
    "Jefferson Perez Triumphs at Final Olympic Race\n\n"
    "Twelve years ago a much younger Jefferson Perez took home Ecuador's first "
    "Olympic gold medal when he won the men's 20-kilometer race walk."
)


def sent_starts(doc) -> list[str]:
    return [s[0].text for s in doc.sents]


def test_load_nlp_is_cached(nlp):
    assert load_nlp() is nlp


def test_pipeline_order(nlp):
    names = nlp.pipe_names
    assert names.index(PARAGRAPH_SENTS) < names.index("parser")
    assert names.index(VALUE_RULER) == names.index("ner") + 1


def test_max_length(nlp):
    assert nlp.max_length == MAX_LENGTH == 2_000_000


def test_missing_model_raises_config_error():
    with pytest.raises(ConfigError, match="pip install"):
        build_nlp("kbp_no_such_model_xyz")


def test_import_does_not_load_spacy():
    code = (
        "import sys, kbp.nlp.model, kbp.nlp.ruler, kbp.nlp.normalize, kbp.nlp.gazetteer; "
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_blank_line_starts_sentence(nlp):
    doc = nlp(HEADLINE)
    assert "Twelve" in sent_starts(doc)
    first = next(iter(doc.sents))
    assert first.text.strip() == "Jefferson Perez Triumphs at Final Olympic Race"


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Perez Wins Silver\nTwelve years ago he won gold.", "Twelve"),
        ("Personal life\nJefferson was born in El Vecino.", "Jefferson"),
        ("Results\n\n1. Valery Borchin (Russia) 1:19:01", "1"),
        ("Medals\r\nGold: Borchin", "Gold"),
    ],
)
def test_line_break_starts_sentence(nlp, text, start):
    assert start in sent_starts(nlp(text))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a hard-wrapped line continues the sentence
        ("Perez won the silver medal in the\nOlympic race walk on Saturday.", "Olympic"),
        ("Perez, who was born in Cuenca,\nEcuador, won the silver medal.", "Ecuador"),
        ("He finished the race walk in second place and\nlater retired.", "later"),
    ],
)
def test_wrapped_line_does_not_start_sentence(nlp, text, word):
    assert word not in sent_starts(nlp(text))


def test_parser_still_splits_within_paragraph(nlp):
    doc = nlp("Perez won silver. Borchin won gold.\n\nTallent was third.")
    assert sent_starts(doc) == ["Perez", "Borchin", "Tallent"]


def test_glued_period_after_number_splits(nlp):
    doc = nlp("Perez set the world best performance with 1:17:21.Pérez had 4th place finishes.")
    assert [t.text for t in doc][7:10] == ["1:17:21", ".", "Pérez"]
    assert "Pérez" in sent_starts(doc)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Xinhua, April 23, 2008In the 2003", ["2008", "In"]),
        ("3:45.12", ["3:45.12"]),
        ("2:08:34.5", ["2:08:34.5"]),
        ("U.S. 2.0", ["U.S.", "2.0"]),
        ("No.1 seed", ["No.1", "seed"]),
    ],
)
def test_tokenizer_adaptations(nlp, text, tokens):
    words = [t.text for t in nlp.tokenizer(text)]
    pos = words.index(tokens[0])
    assert words[pos : pos + len(tokens)] == tokens


def test_component_registration_is_idempotent():
    model.register_components()
    model.register_components()


@pytest.mark.parametrize("limit", [1, 7, 20, 1000])
def test_split_text_round_trips(limit):
    text = "First paragraph here.\n\nSecond one, longer than the first.\nA line.\n\nEnd"
    pieces = split_text(text, limit)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= limit for _, p in pieces)
    assert all(text[off : off + len(p)] == p for off, p in pieces)


def test_split_text_prefers_blank_lines():
    text = "aaaa bbbb\ncccc\n\ndddd eeee"
    assert split_text(text, 20) == [(0, "aaaa bbbb\ncccc\n\n"), (16, "dddd eeee")]


def test_split_text_short_and_empty():
    assert split_text("abc") == [(0, "abc")]
    assert split_text("") == [(0, "")]
    with pytest.raises(ValueError):
        split_text("abc", 0)


def test_saved_pipeline_reloads(nlp, tmp_path):
    import spacy

    nlp.to_disk(tmp_path / "pipeline")
    model.register_components()
    again = spacy.load(tmp_path / "pipeline")
    assert again.pipe_names == nlp.pipe_names
    doc = again("Borchin completed the race in 1 hour, 19 minutes, 1 second.")
    assert ("1 hour, 19 minutes, 1 second", "DURATION") in [(e.text, e.label_) for e in doc.ents]
