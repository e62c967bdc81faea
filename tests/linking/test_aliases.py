"""Names read from KB titles and leads, variants of mentions, and mention cues."""

from __future__ import annotations

import pytest

from kbp.linking.aliases import is_common_noun, lead_aliases, name_variants
from kbp.linking.context import (
    COLON_CUE,
    COMMA_CUE,
    DATELINE_CUE,
    INNAME_CUE,
    LIST_CUE,
    NOUN_CUE,
    PREP_CUE,
    TEAM_CUE,
    VERSUS_CUE,
    mention_cues,
    place_frame,
    term_weight,
)
from kbp.nlp.model import load_nlp


@pytest.mark.parametrize(("title", "text", "expected"), [
    ("Kyiv", "Kyiv, also spelt Kiev, is the capital and most populous city of Ukraine.",
     {"Kiev"}),
    ("Association football", "Association football, commonly known as football or soccer, "
     "is a team sport played between two teams.", {"football", "soccer"}),
    ("Phoenix, Arizona", "Phoenix is the capital of the U.S. state of Arizona.", {"Phoenix"}),
    ("Abelian group", "In mathematics, an abelian group, also called a commutative group, "
     "is a group.", {"commutative group"}),
    ("Ada Lovelace", "Augusta Ada King, Countess of Lovelace, also known as Ada Lovelace, "
     "was an English mathematician.", {"Augusta Ada King", "Countess of Lovelace"}),
    # a list of fields before the subject
    ("First-order logic", "In mathematics, philosophy, linguistics, and computer science, "
     "first-order logic, also called predicate logic, is a formal system.", {"predicate logic"}),
    # a naming phrase with no comma before it; "more commonly" stays one phrase
    ("Alaska pollock", "The Alaska pollock also known as Pacific pollock or walleye pollock is "
     "a fish.", {"Pacific pollock", "walleye pollock"}),
    ("Myanmar", "Myanmar, more commonly known as Burma, is a country.", {"Burma"}),
    # the first sentence has no "is": its own predicate is not a name
    ("Alpha particle", "Alpha particles, also called alpha rays or alpha radiation, consist of "
     "two protons and two neutrons. They are emitted in alpha decay.",
     {"Alpha particles", "alpha rays", "alpha radiation"}),
    # an abbreviation in brackets whose letters open the subject's words
    ("European Union", "The European Union (EU) is a union of member states.", {"EU"}),
    ("Air conditioning", "Air conditioning, often abbreviated as A/C (US) or air con (UK), is "
     "the process of removing heat.", {"A/C", "air con"}),  # "(US)": a dialect label
    # a description between commas is not a name, a lower-case synonym is
    ("Wild boar", "The wild boar, also known as the wild swine, common wild pig, is a suid.",
     {"wild swine", "common wild pig"}),
    # where or in which language a name is used is no part of it
    ("American football", "American football, referred to simply as football in the "
     "United States and Canada and also known as gridiron football, is a team sport.",
     {"football", "gridiron football"}),
    ("Passover", "Passover, also called Pasch or Pesach, or Peysekh in Yiddish, is a "
     "Jewish holiday.", {"Pasch", "Pesach", "Peysekh"}),
])
def test_lead_aliases_read_the_names_before_the_verb(title, text, expected):
    assert lead_aliases(title, text) == expected


@pytest.mark.parametrize(("title", "text"), [
    ("Blues", "Blues is a music genre and musical form."),  # the title itself
    ("Actinopterygii", "Actinopterygii, members of which are known as ray-finned fish, "
     "is a class of bony fish."),  # a clause, not a name
    ("Abu Bakr al-Razi", "Abu Bakr al-Razi, 864 or 865 – 925, was a Persian physician."),
    ("Sulidae", "The Sulidae, they say, are a family of seabirds."),
    ("Nothing", "No definitional verb here at all"),
    # the place after a comma is where the subject is, not another name of it
    ("Natural History Museum, London",
     "The Natural History Museum in London, England, is a museum of natural history."),
    ("Louvre", "The Louvre, Paris, is the world's most-visited museum."),
    # "Or" opens the word, it is not the naming "or"
    ("Orange", "Orange is the colour between yellow and red."),
    # the subject is a part of the title, not a name of it
    ("History of Egypt", "Egypt, one of the world's oldest civilizations, was unified "
     "around 3150 BC."),
    # the verb is in the next sentence: no definitional opening
    ("History of Spain", "The history of Spain dates to contact between the peoples of the "
     "coast of the Iberian Peninsula with the Greeks. During the Iron Age it was settled."),
    ("Golden ratio", "In mathematics, two quantities are in the golden ratio if their ratio "
     "is the same."),
    ("Stock", "Stocks consist of all the shares by which ownership of a corporation or "
     "company is divided."),
    ("Minor planet", "A minor planet, according to the International Astronomical Union, "
     "is an astronomical object."),
    # "in English literature" is cut only after a naming phrase, never leaving the verb
    ("Kingdom of Bohemia", "The Kingdom of Bohemia, sometimes referenced in English "
     "literature as the Czech Kingdom, was a monarchy."),
])
def test_lead_aliases_leave_out_what_is_not_a_name(title, text):
    assert lead_aliases(title, text) == set()


@pytest.mark.parametrize(("name", "expected"), [
    ("Emperor Leopold I", {"Leopold I"}),
    ("Kannada language", {"Kannada"}),
    ("laboratories", {"laboratory", "laboratorie"}),
    ("churches", {"church", "churche"}),
    ("Lombard", {"Lombards"}),
    ("Spanish", {"Spanish language", "Spanish people", "Spanishs"}),
    ("IAAF", set()),
    ("western Anatolia", {"Anatolia"}),  # a region of a place: the place
    ("Western Australia", set()),  # capitalised, the region has its own name
    ("Mt. Everest", {"Mount Everest"}),
    ("Ft. Worth", {"Fort Worth"}),
    ("Ford Motor Co.", {"Ford Motor", "Ford Motor Company"}),
    ("Warner Bros. Pictures", {"Warner Brothers Pictures"}),
])
def test_name_variants(name, expected):
    assert name_variants(name) == expected


@pytest.mark.parametrize(("title", "text", "expected"), [
    ("Apple", "An apple is the round, edible fruit of an apple tree.", True),
    ("Keyboard instrument", "A keyboard instrument is a musical instrument.", True),
    ("Mercury (element)", "Mercury is a chemical element; mercury is a liquid metal.", True),
    ("Turkey", "Turkey is a country in West Asia.", False),
    ("Ancient Egypt", "Ancient Egypt was a civilization; ancient Egypt lasted.", False),
    ("The Supremes", "The Supremes were an American girl group; the Supremes sang.", False),
    ("Applet", "An applet is a small application.", True),
    ("Apple", "Applesauce is made from apples.", False),  # whole words only
])
def test_is_common_noun(title, text, expected):
    assert is_common_noun(title, text) is expected


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def cues(nlp, text: str, mention: str) -> set[str]:
    doc = nlp(text)
    start = text.index(mention)
    span = doc.char_span(start, start + len(mention))
    return {c for c in mention_cues(span) if c.startswith("__")}


@pytest.mark.parametrize(("text", "mention", "expected"), [
    ("Malkiel was born in Kiev to a Russian family.", "Kiev", {PREP_CUE}),
    ("He was born in Toronto, Ontario in 1951.", "Toronto", {PREP_CUE, COMMA_CUE}),
    ("The five communes (Spanish: comunas) are small.", "Spanish", {COLON_CUE}),
    ("He was an English cricketer who played for Kent.", "English", {NOUN_CUE}),
    ("Italy v Tonga was the opening match.", "Italy", {VERSUS_CUE}),
    ("The counties of Bay, Calhoun, Gulf and Liberty lie there.", "Calhoun",
     {LIST_CUE, COMMA_CUE}),
    ("He supported Maccabi Tel Aviv all his life.", "Tel Aviv", {INNAME_CUE}),
    # the place phrase runs on past the comma: "Scotland" is a place here too
    ("Wilson was born in Mauchline, Scotland, in 1920.", "Scotland", {PREP_CUE, COMMA_CUE}),
    # a country after "for" or "against" in a list is a team
    ("He won caps for England while at Warrington.", "England", {TEAM_CUE}),
    # a dateline names where the story was filed: a place even in a sports report
    ("MANCHESTER, England - United signed Timber.", "England", {PREP_CUE, COMMA_CUE, DATELINE_CUE}),
    ("England signed Timber on Monday.", "England", set()),
    ("He played against the Netherlands, Israel and the United States.", "Israel",
     {TEAM_CUE, COMMA_CUE}),
])
def test_mention_cues(nlp, text, mention, expected):
    assert cues(nlp, text, mention) == expected


@pytest.mark.parametrize(("text", "mention", "expected"), [
    ("A pilot born in Paris, Texas, flew it.", "Paris", ("Texas", "")),
    ("Delta, based in Atlanta, Georgia, grew.", "Georgia", ("", "Atlanta")),
    ("He lived in Salt Lake City, Utah.", "Utah", ("", "Salt Lake City")),
    ("Flights to Paris and Rome resume.", "Paris", ("", "")),
])
def test_place_frame_reads_the_places_across_commas(nlp, text, mention, expected):
    doc = nlp(text)
    start = text.index(mention)
    assert place_frame(doc.char_span(start, start + len(mention))) == expected


def test_term_weight_ranks_rare_words_above_common_ones():
    assert term_weight("bavaria") > term_weight("football") > term_weight("world") > 0
    assert term_weight("the") == 0.0
    assert term_weight("qwzxqvk") == max(term_weight(w) for w in ("qwzxqvk", "bavaria", "the"))
