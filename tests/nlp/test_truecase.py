"""Headline truecasing: title-cased headlines read in sentence case, offsets kept."""

from __future__ import annotations

import pytest

from kbp.nlp.truecase import is_title_cased, truecase_headlines


def recase(headline: str, body: str) -> str:
    text = f"{headline}\n\n{body}"
    out = truecase_headlines(text, [(0, len(headline))])
    assert len(out) == len(text)
    assert out[len(headline):] == text[len(headline):], "only the headline changes"
    return out[: len(headline)]


@pytest.mark.parametrize("headline", [
    "Peruvian Federation Names New Director",
    "Quispe Takes Silver in Home Marathon",
    "OBAMA MEETS MERKEL IN BERLIN",
])
def test_truecase_title_cased_headlines_are_recognised(headline):
    assert is_title_cased(headline)


@pytest.mark.parametrize("headline", [
    "Perez wins silver in Beijing",  # sentence case already
    "Obama in Berlin",               # too few words to tell
    "",
])
def test_truecase_other_headlines_are_not(headline):
    assert not is_title_cased(headline)


def test_truecase_body_forms_decide_each_word():
    body = "The Peruvian athletics federation on Monday named Tomás Ccori its new director."
    assert recase("Peruvian Federation Names New Director", body) == (
        "Peruvian federation names new director")


def test_truecase_rare_words_and_acronyms_keep_their_case():
    body = "The IAAF said on Friday that athletes from Russia would miss the Games."
    assert recase("IAAF Bans Quispe And Ccori From Rio Games", body) == (
        "IAAF bans Quispe and Ccori from Rio Games")


def test_truecase_sentence_initial_capitals_are_not_evidence():
    # "Silver" opens a sentence in the body: no sign it is a name
    assert recase("Quispe Takes Silver Again", "Quispe ran well. Silver was hers.") == (
        "Quispe takes silver again")


def test_truecase_upper_case_headline_takes_body_forms():
    body = "President Obama met Angela Merkel in Berlin on Tuesday."
    assert recase("OBAMA MEETS MERKEL IN BERLIN", body) == "Obama meets Merkel in Berlin"


def test_truecase_leaves_sentence_case_headline_and_other_text_alone():
    text = "Perez wins silver in Beijing\n\nPerez Won Silver."
    assert truecase_headlines(text, [(0, 28)]) == text
    assert truecase_headlines(text, []) == text


def test_truecase_never_changes_length():
    # "İ" lower-cases to two characters ("i" and a combining dot): the body's form of
    # the word is one character longer, so the headline keeps its own
    headline = "İSTANBUL MARATHON WINNER NAMED"
    body = "The race in " + "İSTANBUL".lower() + " named its marathon winner."
    assert len("İSTANBUL".lower()) == len("İSTANBUL") + 1
    assert recase(headline, body) == "İSTANBUL marathon winner named"
