"""Mention detection: each repair of the model's entities, on short sentences.

Most tests parse a sentence and then set the entities the small model is known to
produce (split names, a dropped given name, a name tagged ORG ...), so that they
check what the repair rule does with that output rather than what the statistical
model happens to predict.  The parse itself (tags, sentence starts) is the model's.
"""

from __future__ import annotations

import pytest

from kbp.kb.text import fold
from kbp.nlp.annotate import LABELS, Analysis, analyse, detect_mentions
from kbp.types import Document


def parse(nlp, text: str, ents=(), headlines=()):
    """Parse ``text`` and replace its entities by ``ents``: ``(substring, label)`` pairs in
    text order (each substring is searched for after the previous one)."""
    doc = nlp(text)
    spans = []
    cursor = 0
    for sub, label in ents:
        start = text.index(sub, cursor)
        span = doc.char_span(start, start + len(sub), label=label)
        assert span is not None, f"{sub!r} does not align with tokens"
        spans.append(span)
        cursor = start + len(sub)
    doc.ents = spans
    return Document("doc1", text, headlines=tuple(headlines)), doc


def mentions(nlp, text, ents=(), people=(), kb_types=None, headlines=()):
    document, doc = parse(nlp, text, ents, headlines)
    return detect_mentions(document, doc, tuple(people), kb_types)


def typed(ms, kind: str | None = None) -> list[str]:
    return [m.text for m in ms if kind is None or m.type == kind]


# -- labels and trimming -------------------------------------------------------------


def test_annotate_maps_spacy_labels_and_drops_unlisted_ones(nlp):
    ms = mentions(
        nlp,
        "The novel Brave New World was sold in Paris by Gallimard on Monday.",
        [("Brave New World", "WORK_OF_ART"), ("Paris", "GPE"), ("Gallimard", "ORG"),
         ("Monday", "DATE")],
    )
    assert [(m.text, m.type) for m in ms] == [
        ("Paris", "GPE"), ("Gallimard", "ORG"), ("Monday", "DATE")]
    assert "WORK_OF_ART" not in LABELS


def test_annotate_trims_leading_article_of_organisation(nlp):
    ms = mentions(nlp, "The report named the United Nations as a partner.",
                  [("the United Nations", "ORG")])
    assert [(m.text, m.type) for m in ms] == [("United Nations", "ORG")]
    assert ms[0].start == len("The report named the ")


@pytest.mark.parametrize(("text", "ents", "expected"), [
    ("BERLIN - Friedrich Merz won.", [("BERLIN - Friedrich Merz", "ORG")],
     [("Friedrich Merz", "ORG")]),
    ("ARLINGTON, Virginia (Reuters) - Boeing Co. said so.",
     [("Virginia (Reuters) - Boeing Co.", "ORG")], [("Boeing Co.", "ORG")]),
    ("The European Union's chief spoke.", [("The European Union's", "ORG")],
     [("European Union", "ORG")]),
    ("AMSTERDAM - Heineken said so.", [("AMSTERDAM - Heineken", "ORG")],
     [("Heineken", "ORG")]),
    # a dash inside a name that opens no line is kept
    ("He met the US - China panel.", [("US - China", "ORG")], [("US - China", "ORG")]),
])
def test_annotate_trims_datelines_and_possessives(nlp, text, ents, expected):
    assert [(m.text, m.type) for m in mentions(nlp, text, ents)] == expected


def test_annotate_lone_surname_with_who_makes_its_full_name_a_person(nlp):
    text = "Friedrich Merz won. Merz, who was born in Brilon, spoke."
    ms = mentions(nlp, text, [("Friedrich Merz", "ORG"), ("Brilon", "GPE")])
    assert typed(ms, "PER") == ["Friedrich Merz", "Merz"]
    # without a longer name ending in it, a lone capitalised word is left alone
    ms = mentions(nlp, "Acme won. Merz, who was born in Brilon, spoke.",
                  [("Acme", "ORG"), ("Brilon", "GPE")])
    assert typed(ms, "PER") == []


def test_annotate_one_word_name_before_a_known_surname_is_the_given_name(nlp):
    text = "Sweden's Armand Duplantis won. His father, Greg Duplantis, coaches him."
    ents = [("Sweden", "GPE"), ("Armand", "ORG"), ("Greg Duplantis", "PERSON")]
    assert typed(mentions(nlp, text, ents), "PER") == ["Armand Duplantis", "Greg Duplantis"]
    # a known place before the surname stays a place
    text = "In Lima Duplantis won again. Greg Duplantis watched."
    ms = mentions(nlp, text, [("Lima", "GPE"), ("Greg Duplantis", "PERSON")])
    assert "Lima" in typed(ms, "GPE")


def test_annotate_capitals_in_a_dateline_are_a_place(nlp):
    text = "OXFORD, England (Reuters) - The University of Oxford said so."
    ents = [("OXFORD", "ORG"), ("England", "GPE"), ("Reuters", "ORG"),
            ("University of Oxford", "ORG")]
    assert [(m.text, m.type) for m in mentions(nlp, text, ents)] == [
        ("OXFORD", "GPE"), ("England", "GPE"), ("Reuters", "ORG"),
        ("University of Oxford", "ORG")]
    # capitals elsewhere keep their type
    text = "The NASA team met in Houston."
    assert typed(mentions(nlp, text, [("NASA", "ORG"), ("Houston", "GPE")]), "ORG") == ["NASA"]


def test_annotate_name_before_an_age_is_no_part_of_a_date(nlp):
    text = "Lula, 78, was born in Caetes on Monday, 5 May."
    ms = mentions(nlp, text, [("Lula, 78", "DATE"), ("Caetes", "GPE"),
                              ("Monday, 5 May", "DATE")],
                  people=("Luiz Inacio Lula da Silva",))
    assert [(m.text, m.type) for m in ms if m.type != "AGE"] == [
        ("Lula", "PER"), ("Caetes", "GPE"), ("Monday, 5 May", "DATE")]
    assert "Lula, 78" not in typed(ms)


# -- people: joins, given names, demonyms ---------------------------------------------


@pytest.mark.parametrize(("text", "ents", "expected"), [
    ("United manager Erik ten Hag said so.", [("Erik", "PERSON"), ("ten", "CARDINAL")],
     ["Erik ten Hag"]),
    ("Erik ten Hag said so. Ten Hag, who coached Ajax, left.",
     [("Erik", "PERSON"), ("ten", "CARDINAL"), ("Ten", "CARDINAL"), ("Ajax", "ORG")],
     ["Erik ten Hag", "Ten Hag"]),
    ("Virgil van Dijk scored.", [("Virgil", "PERSON")], ["Virgil van Dijk"]),
    ("Marta Vega de Paris spoke.", [("Marta Vega", "PERSON")], ["Marta Vega de Paris"]),
    ("Marta Vega of Paris spoke.", [("Marta Vega", "PERSON"), ("Paris", "GPE")],
     ["Marta Vega"]),
    # two particles, and the surname with both at a sentence's start
    ("Dolf van den Brink spoke. Van den Brink, 51, left.", [("Dolf", "PERSON")],
     ["Dolf van den Brink", "Van den Brink"]),
])
def test_annotate_name_runs_on_over_a_particle(nlp, text, ents, expected):
    assert typed(mentions(nlp, text, ents), "PER") == expected


def test_annotate_joins_adjacent_person_spans(nlp):
    ms = mentions(
        nlp,
        "On Sunday Jefferson Leonardo Pérez Quezada won a medal.",
        [("Sunday", "DATE"), ("Jefferson Leonardo", "PERSON"), ("Pérez Quezada", "PERSON")],
    )
    assert typed(ms, "PER") == ["Jefferson Leonardo Pérez Quezada"]
    assert typed(ms, "DATE") == ["Sunday"]


@pytest.mark.parametrize("tagged", ["Lucrecia Quezada", "Quezada"])
def test_annotate_pulls_in_dropped_given_names(nlp, tagged):
    ms = mentions(nlp, "His mother, María Lucrecia Quezada, was a teacher.",
                  [(tagged, "PERSON")])
    assert typed(ms, "PER") == ["María Lucrecia Quezada"]


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a nationality word is not a given name
        ("Reporters asked Australian Jared Tallent about the course.",
         [("Tallent", "PERSON")], "Jared Tallent"),
        # nor is the end of the previous entity
        ("On Sunday Jefferson Leonardo won a medal.",
         [("Sunday", "DATE"), ("Leonardo", "PERSON")], "Jefferson Leonardo"),
        # nor the second half of a hyphenated title
        ("The Secretary-General Antonio Guterres spoke.", [("Guterres", "PERSON")],
         "Antonio Guterres"),
    ],
)
def test_annotate_given_name_extension_stops_at_demonym_and_entity(nlp, text, ents, expected):
    assert typed(mentions(nlp, text, ents), "PER") == [expected]


@pytest.mark.parametrize(("text", "ents", "expected"), [
    # "Per" read as the preposition
    ("She is married to the architect Per Holm.", [("Holm", "PERSON")], ["Per Holm"]),
    # a title-case headline capitalises its prepositions too
    ("Triumph For Holm In Oslo", [("Holm", "PERSON")], ["Holm"]),
    ("I am the husband Of Shawna Gray.", [("Shawna Gray", "PERSON")], ["Shawna Gray"]),
])
def test_annotate_pulls_in_given_name_read_as_a_function_word(nlp, text, ents, expected):
    assert typed(mentions(nlp, text, ents), "PER") == expected


def test_annotate_pulls_in_dropped_given_name_at_sentence_start(nlp):
    ms = mentions(nlp, "Tomasz Kowalczyk was born in Poznan.",
                  [("Kowalczyk", "PERSON"), ("Poznan", "GPE")])
    assert typed(ms, "PER") == ["Tomasz Kowalczyk"]


@pytest.mark.parametrize(
    ("tagged", "expected"),
    [
        ("Ethiopian Hiwot Bekele", [("Ethiopian", "NORP"), ("Hiwot Bekele", "PER")]),
        ("Hiwot Bekele Tadesse", [("Hiwot Bekele Tadesse", "PER")]),
    ],
)
def test_annotate_splits_leading_demonym_off_a_person(nlp, tagged, expected):
    ms = mentions(nlp, f"Reporters asked {tagged} about the course.", [(tagged, "PERSON")])
    assert [(m.text, m.type) for m in ms] == expected


# -- unlabelled names ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        # after a nationality
        ("Reporters asked Australian Jared Tallent about the course.", [("Australian", "NORP")]),
        # after a role noun
        ("The team hired coach Jared Tallent last spring.", []),
        # before a relative "who"
        ("The prize went to Jared Tallent who coaches in Gdansk.", [("Gdansk", "GPE")]),
        # beside a role noun
        ("Jared Tallent, the Australian walker, won in Gdansk.",
         [("Australian", "NORP"), ("Gdansk", "GPE")]),
        ("STOCKHOLM - Jared Tallent, the chemist, died in Gdansk.", [("Gdansk", "GPE")]),
    ],
)
def test_annotate_finds_unlabelled_name_in_person_context(nlp, text, ents):
    assert typed(mentions(nlp, text, ents), "PER") == ["Jared Tallent"]


@pytest.mark.parametrize(("text", "expected"), [
    ("King Abdullah II of Jordan met the president.", ["King Abdullah II"]),
    ("They drove down Queen Street to the harbour.", []),  # a street, not a queen
])
def test_annotate_finds_unlabelled_name_after_a_royal_title(nlp, text, expected):
    assert typed(mentions(nlp, text, [("Jordan", "GPE")] if "Jordan" in text else []),
                 "PER") == expected


def test_annotate_headline_person_lends_no_surname_and_dateline_is_no_person(nlp):
    # the model reads a club in a headline as a person: "United" is no surname to find
    # "Manchester United" in the body by, nor is the dateline's "MANCHESTER" his name
    headline = "Manchester United Sign Timber"
    text = f"{headline}\n\nMANCHESTER, England - Manchester United signed Jurrien Timber."
    ms = mentions(nlp, text, [("Manchester United", "PERSON"), ("England", "GPE"),
                              ("Jurrien Timber", "PERSON")], headlines=[(0, len(headline))])
    assert typed(ms, "PER") == ["Jurrien Timber"]


def test_annotate_leaves_unlabelled_name_without_person_context(nlp):
    ms = mentions(nlp, "The prize went to Jared Tallent in Gdansk.", [("Gdansk", "GPE")])
    assert "Jared Tallent" not in typed(ms)


def test_annotate_finds_unlabelled_name_before_comma_who(nlp):
    ms = mentions(nlp, "The prize went to Jared Tallent, who coaches in Gdansk.",
                  [("Gdansk", "GPE")])
    assert typed(ms, "PER") == ["Jared Tallent"]


def known(**types):
    """A reference KB of ``name=type`` entries (underscores for spaces)."""
    keys = {fold(n.replace("_", " ")): t for n, t in types.items()}
    return lambda name: frozenset([keys[fold(name)]]) if fold(name) in keys else frozenset()


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("The team hired Tomasz Wieczorek last spring.", [("Tomasz Wieczorek", "ORG")]),
        ("The prize went to Tomasz Wieczorek in Gdansk.", [("Gdansk", "GPE")]),
    ],
)
def test_annotate_known_kb_person_becomes_person(nlp, text, ents):
    without = mentions(nlp, text, ents)
    assert "Tomasz Wieczorek" not in typed(without, "PER")
    ms = mentions(nlp, text, ents, kb_types=known(Tomasz_Wieczorek="PER"))
    assert typed(ms, "PER") == ["Tomasz Wieczorek"]
    assert "Tomasz Wieczorek" not in typed(ms, "ORG")


def test_annotate_kb_types_sees_only_multiword_runs(nlp):
    asked: list[str] = []

    def kb_types(name: str) -> frozenset[str | None]:
        asked.append(name)
        return frozenset(["PER"])

    mentions(nlp, "Fans in Gdansk cheered for Wieczorek and Tomasz Kowal.", [],
             kb_types=kb_types)
    assert "Tomasz Kowal" in asked
    assert all(len(name.split()) >= 2 for name in asked)


def test_annotate_run_opening_with_a_kb_organisation_is_an_organisation(nlp):
    text = "United Nations Secretary-General Antonio Guterres spoke in Geneva."
    ents = [("Antonio Guterres", "PERSON"), ("Geneva", "GPE")]
    assert "United Nations" not in typed(mentions(nlp, text, ents))
    ms = mentions(nlp, text, ents, kb_types=known(United_Nations="ORG"))
    assert typed(ms, "ORG") == ["United Nations"]
    assert typed(ms, "PER") == ["Antonio Guterres"]
    # a KB name of another type, or a run the model already labelled, is left alone
    assert "United Nations" not in typed(
        mentions(nlp, text, ents, kb_types=known(United_Nations="GPE")))
    labelled = [("United Nations", "GPE"), *ents]
    assert typed(mentions(nlp, text, labelled, kb_types=known(United_Nations="ORG")),
                 "GPE") == ["United Nations", "Geneva"]


@pytest.mark.parametrize(("text", "ents", "kb"), [
    ("He predicted the Higgs boson in 1964.", [("Higgs", "PERSON")],
     {"Higgs_boson": None}),
    ("She was treated for Parkinson's disease.", [("Parkinson", "PERSON")],
     {"Parkinson's_disease": None}),
    ("Fires spread across the Amazon rainforest.", [("Amazon", "ORG")],
     {"Amazon_rainforest": "LOC"}),
])
def test_annotate_name_completed_into_a_kb_term_is_no_name(nlp, text, ents, kb):
    name = ents[0][0]
    assert name in typed(mentions(nlp, text, ents))
    assert name not in typed(mentions(nlp, text, ents, kb_types=known(**kb)))


def test_annotate_surname_opening_a_kb_term_is_not_recovered_as_the_person(nlp):
    text = "Peter Higgs spoke first. The Higgs boson was found in 2012."
    ents = [("Peter Higgs", "PERSON"), ("2012", "DATE")]
    assert typed(mentions(nlp, text, ents), "PER") == ["Peter Higgs", "Higgs"]
    ms = mentions(nlp, text, ents, kb_types=known(Higgs_boson=None))
    assert typed(ms, "PER") == ["Peter Higgs"]


def test_annotate_name_before_a_kb_term_of_its_own_kind_stays(nlp):
    text = "The Higgs family moved to Leeds."
    ents = [("Higgs", "PERSON"), ("Leeds", "GPE")]
    assert "Higgs" in typed(mentions(nlp, text, ents, kb_types=known(Higgs_family="PER")))
    assert "Higgs" in typed(mentions(nlp, text, ents, kb_types=known(Higgs_boson=None)))


# -- headlines -------------------------------------------------------------------------


def test_annotate_headline_person_trimmed_to_name_in_body(nlp):
    text = "Marta Quispe Triumphs Again\nMarta Quispe won the race in Lima."
    ms = mentions(
        nlp, text,
        [("Marta Quispe Triumphs", "PERSON"), ("Marta Quispe", "PERSON"), ("Lima", "GPE")],
        headlines=[(0, 27)],
    )
    people = [(m.start, m.text) for m in ms if m.type == "PER"]
    assert people == [(0, "Marta Quispe"), (28, "Marta Quispe")]


def test_annotate_headline_person_not_named_in_body_is_dropped(nlp):
    text = "Great Day Ahead\nMarta Quispe won the race."
    ents = [("Great Day", "PERSON"), ("Marta Quispe", "PERSON")]
    assert "Great Day" in typed(mentions(nlp, text, ents), "PER")
    ms = mentions(nlp, text, ents, headlines=[(0, 15)])
    assert typed(ms, "PER") == ["Marta Quispe"]


def test_annotate_headline_names_need_the_body_or_a_known_place(nlp):
    text = "Perez Wins at Final Olympic Race in Beijing\nPerez of Ecuador won the race."
    ents = [("Perez", "PERSON"), ("Final Olympic Race", "ORG"), ("Beijing", "GPE"),
            ("Perez", "PERSON"), ("Ecuador", "GPE")]
    assert "Final Olympic Race" in typed(mentions(nlp, text, ents))
    ms = mentions(nlp, text, ents, headlines=[(0, 43)])
    assert [(m.start, m.text) for m in ms] == [
        (0, "Perez"), (36, "Beijing"), (44, "Perez"), (53, "Ecuador")]


def test_annotate_headline_name_takes_the_label_the_body_gives_it(nlp):
    text = "Kenya's Kipchoge Breaks Record\nKipchoge ran alone in Berlin."
    ms = mentions(nlp, text, [("Kenya", "GPE"), ("Kipchoge", "LOC"), ("Kipchoge", "PERSON"),
                              ("Berlin", "GPE")], headlines=[(0, 30)])
    assert [(m.start, m.type) for m in ms if m.text == "Kipchoge"] == [(8, "PER"), (31, "PER")]


def test_annotate_headline_person_the_body_calls_an_organisation(nlp):
    text = "Acme to buy Globex Limited\nAcme said it would buy Globex Limited."
    ms = mentions(nlp, text, [("Acme", "ORG"), ("Globex Limited", "PERSON"), ("Acme", "ORG"),
                              ("Globex Limited", "ORG")], headlines=[(0, 26)])
    assert [(m.start, m.type) for m in ms if m.text == "Globex Limited"] == [
        (12, "ORG"), (50, "ORG")]


def test_annotate_lone_first_word_of_an_organisation(nlp):
    text = "Activision Blizzard agreed. Activision, based in Santa Monica, makes games."
    ms = mentions(nlp, text, [("Activision Blizzard", "ORG"), ("Santa Monica", "GPE")])
    assert [(m.start, m.text, m.type) for m in ms if m.type == "ORG"] == [
        (0, "Activision Blizzard", "ORG"), (28, "Activision", "ORG")]
    text = "United Nations staff met. United won the match."  # a common word: no
    ms = mentions(nlp, text, [("United Nations", "ORG")])
    assert typed(ms, "ORG") == ["United Nations"]


def test_annotate_headline_organisation_named_in_body_is_kept(nlp):
    text = "Gallimard Buys Rival Publisher\nThe sale makes Gallimard the largest house."
    ms = mentions(nlp, text, [("Gallimard", "ORG"), ("Gallimard", "ORG")],
                  headlines=[(0, 30)])
    assert [(m.start, m.type) for m in ms] == [(0, "ORG"), (46, "ORG")]


def test_analyse_reads_title_cased_headline_in_sentence_case(nlp):
    head = "Jefferson Perez Triumphs at Final Olympic Race"
    text = f"{head}\n\nJefferson Perez of Ecuador won silver in the Olympic race walk."
    plain = analyse([Document("d", text)], nlp)[0].mentions
    assert any(m.start < len(head) and "Race" in m.text for m in plain), "model's slip"
    found = analyse([Document("d", text, headlines=((0, len(head)),))], nlp)[0]
    in_head = [(m.text, m.type) for m in found.mentions if m.start < len(head)]
    assert ("Jefferson Perez", "PER") in in_head
    assert not any("Race" in t or "Triumphs" in t for t, _ in in_head)


def test_analyse_mention_text_is_the_documents_own(nlp):
    head = "QUISPE WINS LIMA MARATHON"
    text = f"{head}\n\nQuispe of Peru won the Lima Marathon on Sunday in Lima."
    found = analyse([Document("d", text, headlines=((0, len(head)),))], nlp)[0]
    assert found.doc.text != text  # parsed in sentence case
    assert found.mentions
    assert all(m.text == text[m.start:m.end] for m in found.mentions)
    assert any(m.text.isupper() for m in found.mentions), "a headline mention kept"


# -- retyping ---------------------------------------------------------------------------


def test_annotate_name_part_tagged_place_becomes_person(nlp):
    text = "Jefferson Pérez Quezada won. Pérez now trains in Cuenca."
    ms = mentions(nlp, text, [("Jefferson Pérez Quezada", "PERSON"), ("Pérez", "GPE"),
                              ("Cuenca", "GPE")])
    assert [(m.text, m.type) for m in ms] == [
        ("Jefferson Pérez Quezada", "PER"), ("Pérez", "PER"), ("Cuenca", "GPE")]


def test_annotate_name_after_role_noun_becomes_person(nlp):
    text = "Marathon runner Marta Quispe welcomed the appointment."
    ms = mentions(nlp, text, [("Marta Quispe", "ORG")])
    assert [(m.text, m.type) for m in ms] == [("Marta Quispe", "PER")]


@pytest.mark.parametrize(("text", "ents", "expected"), [
    ("Ethiopia's Tigist Assefa won the race.", [("Tigist Assefa", "FAC")], "PER"),
    ("Britain's Royal Navy sailed.", [("Royal Navy", "ORG")], "ORG"),
    ("Acme's Tigist Assefa spoke.", [("Acme", "ORG"), ("Tigist Assefa", "ORG")], "ORG"),
    ("He was born in Kapsisiywa in 1984.", [("Kapsisiywa", "ORG")], "GPE"),
    ("He was married to Cecilia Morel for decades.", [("Cecilia Morel", "ORG")], "PER"),
    ("He founded the credit card company Bancard.", [("Bancard", "GPE")], "ORG"),
    ("She toured with the band Coldplay.", [("Coldplay", "PERSON")], "ORG"),
    ("Google parent Alphabet reports next week.", [("Google", "ORG"), ("Alphabet", "PERSON")],
     "ORG"),
    ("The Company Bancard grew.", [("Bancard", "GPE")], "GPE"),  # a title word, not a noun
    ("He lives in the northeastern state of Pernambuco.", [("Pernambuco", "ORG")], "GPE"),
    ("They met in the city of Bari.", [("Bari", "PERSON")], "GPE"),
    ("The party of outgoing Chancellor Olaf Scholz lost.", [("Olaf Scholz", "ORG")], "PER"),
    ("Shares of Nvidia rose.", [("Nvidia", "GPE")], "ORG"),
    ("Pfizer Inc. agreed to buy it.", [("Pfizer Inc.", "GPE")], "ORG"),
    ("Faury said Guillaume Faury would stay.", [("Faury", "PERSON"), ("Guillaume Faury", "LOC")],
     "PER"),
    ("Victoria said Lake Victoria was low.", [("Victoria", "PERSON"), ("Lake Victoria", "LOC")],
     "LOC"),
    ("He flew with the musician Prince Harvey.", [("Prince Harvey", "GPE")], "PER"),
    ("It was founded in Salvador, Bahia.", [("Salvador", "GPE"), ("Bahia", "PERSON")], "GPE"),
    ("A court jailed former President Alejandro Toledo.", [("Toledo", "GPE")], "PER"),
    ("She met Marina Silva, the environment minister.", [("Silva", "GPE")], "PER"),
    ("She died at her home in Eugene.", [("Eugene", "PERSON")], "GPE"),
    ("He is coached by Simone Vagnozzi.", [("Simone Vagnozzi", "ORG")], "PER"),
    ("He joined Tessera, a Lisbon-based maker of software.", [("Tessera", "GPE")], "ORG"),
    ("He ran the vacuum maker Dyson.", [("Dyson", "PERSON")], "ORG"),
    ("He hired Ines Duarte, a Lisbon-based surgeon.", [("Ines Duarte", "GPE")], "GPE"),
    ("Daniel Hughes, of Bedminster, appeared in court.",
     [("Daniel Hughes", "PERSON"), ("Bedminster", "PERSON")], "GPE"),
    ("She was twice mayor of Eugene.", [("Eugene", "PERSON")], "GPE"),
    ("Gary Steele is Splunk's chief executive.", [("Gary Steele", "PERSON"),
                                                 ("Splunk", "PERSON")], "ORG"),
    ("Marina Silva, who leads the ministry, spoke.", [("Silva", "GPE")], "PER"),
    ("They beat Costa Rica, who had won twice.", [("Rica", "GPE")], "GPE"),  # a known place
    ("Shares of General Motors rose.", [("Motors", "ORG")], "ORG"),
    ("Ford's shares rose 3%.", [("Ford", "PERSON")], "ORG"),
    ("Japan's shares rose 3%.", [("Japan", "GPE")], "GPE"),
    ("Rivian was founded by RJ Scaringe.", [("Rivian", "ORG"), ("RJ Scaringe", "ORG")], "PER"),
    ("He was a finance chief at Netflix.", [("Netflix", "GPE")], "ORG"),
    ("He is the chief executive of Peloton.", [("Peloton", "PERSON")], "ORG"),
    ("He was a finance chief at Netflix and Spotify.",
     [("Netflix", "GPE"), ("Spotify", "GPE")], "ORG"),  # the list goes on
    ("She is a professor at Geneva.", [("Geneva", "GPE")], "GPE"),  # a known place
    ("He was the CEO of Netanya city hall.", [("Netanya", "GPE")], "GPE"),
])
def test_annotate_type_from_position(nlp, text, ents, expected):
    assert mentions(nlp, text, ents)[-1].type == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a rare capitalised word where an organisation stands, and its other uses
    ("Cisco agreed to buy Splunk, the data analytics company. Splunk was founded in 2003.",
     ["Splunk", "Splunk"]),
    ("Splunk was founded in 2003 by three engineers.", []),  # a capital opening a sentence
    # roles and doctrines are no organisations
    ("She is now Operations Manager at Farleigh, a company established in 1979.", []),
    ("He praised John Wesley, the founder of Methodism, at length.", []),
])
def test_annotate_organisation_the_model_left_unlabelled(nlp, text, expected):
    found = mentions(nlp, text, [(w, "ORG") for w in ("Cisco", "Farleigh") if w in text]
                     + [("John Wesley", "PERSON")] * ("Wesley" in text))
    assert [m.text for m in found if m.type == "ORG" and m.text not in ("Cisco", "Farleigh")
            ] == expected


def test_annotate_organisation_known_by_its_position_types_its_other_uses(nlp):
    text = "Tessera, a Lisbon-based maker of software, grew. Tessera has 120 employees."
    found = mentions(nlp, text, [("Tessera", "ORG"), ("Tessera", "GPE")])
    assert [m.type for m in found if m.text == "Tessera"] == ["ORG", "ORG"]


def test_annotate_nationality_before_a_club_stays_a_nationality(nlp):
    found = mentions(nlp, "He was chairman of English football club Fulham.",
                     [("English", "NORP")])
    assert [(m.text, m.type) for m in found] == [("English", "NORP"), ("Fulham", "ORG")]


_MATCH_REPORT = "The league season resumed with the cup holders and the whole squad fit. "


@pytest.mark.parametrize(("text", "ents", "name", "expected"), [
    ("Lewandowski joined Barcelona from Bayern Munich.",
     [("Lewandowski", "PERSON"), ("Barcelona", "GPE"), ("Bayern Munich", "LOC")],
     "Barcelona", "ORG"),
    ("Lewandowski joined Barcelona from Bayern Munich.",
     [("Lewandowski", "PERSON"), ("Barcelona", "GPE"), ("Bayern Munich", "LOC")],
     "Bayern Munich", "ORG"),
    ("Vinicius equalised for Madrid before the break.", [("Madrid", "GPE")], "Madrid", "ORG"),
    ("Ronaldo signed for Al Nassr in 2023.", [("Al Nassr", "PERSON")], "Al Nassr", "ORG"),
    ("Barcelona coach Hansi Flick was pleased.",
     [("Barcelona", "GPE"), ("Hansi Flick", "PERSON")], "Barcelona", "ORG"),
    ("Kenya beat Uganda 2-0 on Sunday.", [("Kenya", "GPE"), ("Uganda", "GPE")], "Kenya", "ORG"),
    ("Kenya beat Uganda 2-0 on Sunday.", [("Kenya", "GPE"), ("Uganda", "GPE")], "Uganda", "ORG"),
    # a player who beats another stays a person; a place with no club's verb stays a place
    ("Sinner beat Alcaraz 6-3 in Turin.", [("Sinner", "PERSON"), ("Alcaraz", "PERSON"),
                                            ("Turin", "GPE")], "Alcaraz", "PER"),
    ("Sinner beat Alcaraz 6-3 in Turin.", [("Sinner", "PERSON"), ("Alcaraz", "PERSON"),
                                            ("Turin", "GPE")], "Turin", "GPE"),
    ("Flick moved to Munich in 2019.", [("Flick", "PERSON"), ("Munich", "GPE")],
     "Munich", "GPE"),
])
def test_annotate_club_in_a_sports_report_is_an_organisation(nlp, text, ents, name, expected):
    found = mentions(nlp, _MATCH_REPORT + text, ents)
    assert next(m.type for m in found if m.text == name) == expected
    # the same sentences outside a sports report keep the model's types
    if expected == "ORG":
        plain = mentions(nlp, text, ents)
        assert next(m.type for m in plain if m.text == name) != "ORG"


@pytest.mark.parametrize(("text", "name"), [
    ("Vinicius Junior scored late.", "Vinicius Junior"),
    ("Martin Luther King Jr. spoke.", "Martin Luther King Jr."),
])
def test_annotate_name_with_a_generational_suffix_is_a_person(nlp, text, name):
    assert mentions(nlp, text, [(name, "ORG")])[0].type == "PER"


def test_annotate_founder_is_no_organisation_named_with_its_role(nlp):
    ms = mentions(nlp, "It was founded by Carnegie Mellon professor Red Whittaker.",
                  [("Carnegie Mellon", "ORG"), ("Red Whittaker", "PERSON")])
    assert [(m.text, m.type) for m in ms] == [("Carnegie Mellon", "ORG"),
                                              ("Red Whittaker", "PER")]


@pytest.mark.parametrize(("text", "ents", "expected"), [
    ("Seagen was founded in 1997 by Clay Siegall.",
     [("Seagen", "PERSON"), ("1997", "DATE"), ("Clay Siegall", "PERSON")], "ORG"),
    ("Acme, established in 1990, grew.", [("Acme", "GPE"), ("1990", "DATE")], "ORG"),
    ("Rome was founded in 753 BC.", [("Rome", "GPE"), ("753 BC", "DATE")], "GPE"),
])
def test_annotate_what_is_founded_is_an_organisation_unless_a_known_place(
        nlp, text, ents, expected):
    assert mentions(nlp, text, ents)[0].type == expected


def test_annotate_name_with_a_legal_form_is_a_company_with_or_without_it(nlp):
    text = "Pfizer Inc. agreed to buy Seagen. Bourla joined Pfizer in 1993."
    ents = [("Pfizer Inc.", "GPE"), ("Seagen", "ORG"), ("Bourla", "PERSON"),
            ("Pfizer", "PERSON"), ("1993", "DATE")]
    assert [(m.text, m.type) for m in mentions(nlp, text, ents)] == [
        ("Pfizer Inc.", "ORG"), ("Seagen", "ORG"), ("Bourla", "PER"), ("Pfizer", "ORG"),
        ("1993", "DATE")]


@pytest.mark.parametrize(("text", "ents", "expected"), [
    ("The Danish company Bavarian Nordic, which makes vaccines, grew.",
     [("Danish", "NORP"), ("Bavarian", "NORP")], "Bavarian Nordic"),
    # at most three words, and never into the next name
    ("The firm Acme Blue Green Red sold.", [("Acme", "GPE")], "Acme"),
    ("The firm Acme Paris opened.", [("Acme", "PERSON"), ("Paris", "GPE")], "Acme"),
])
def test_annotate_organisation_after_its_noun_takes_the_rest_of_its_name(
        nlp, text, ents, expected):
    orgs = typed(mentions(nlp, text, ents), "ORG")
    assert orgs == [expected]


def test_annotate_first_word_of_an_organisation_keeps_its_own_type(nlp):
    text = "Mr. Pew formed the Pew Law Center. Pew was a partner."
    ents = [("Pew", "PERSON"), ("Pew Law Center", "ORG"), ("Pew", "PERSON")]
    assert [m.type for m in mentions(nlp, text, ents)] == ["PER", "ORG", "PER"]


def test_annotate_one_word_organisation_typed_throughout_unless_a_known_place(nlp):
    text = "Shares of Nvidia rose. Nvidia, based in Santa Clara, grew. Shares of Jordan fell."
    ents = [("Nvidia", "GPE"), ("Nvidia", "GPE"), ("Santa Clara", "GPE"), ("Jordan", "GPE")]
    assert [(m.text, m.type) for m in mentions(nlp, text, ents)] == [
        ("Nvidia", "ORG"), ("Nvidia", "ORG"), ("Santa Clara", "GPE"), ("Jordan", "ORG")]
    text = "Shares of Jordan fell. Jordan, a kingdom, voted."
    ents = [("Jordan", "GPE"), ("Jordan", "GPE")]
    assert [m.type for m in mentions(nlp, text, ents)] == ["ORG", "GPE"]


@pytest.mark.parametrize(("text", "ents", "expected"), [
    ("Yesterday Chancellor Olaf Scholz arrived.", [("Chancellor Olaf Scholz", "PERSON")],
     ["Olaf Scholz"]),
    ("Then Dr. Ana Vega spoke.", [("Dr. Ana Vega", "PERSON")], ["Ana Vega"]),
    ("The Polish Prime Minister Donald Tusk spoke.", [("Polish", "NORP"),
                                                      ("Donald Tusk", "PERSON")],
     ["Donald Tusk"]),
    ("Later Pope Francis spoke.", [("Pope Francis", "PERSON")], ["Pope Francis"]),
])
def test_annotate_title_before_a_name_is_no_part_of_it(nlp, text, ents, expected):
    assert typed(mentions(nlp, text, ents), "PER") == expected


def test_annotate_number_between_commas_after_a_name_is_an_age(nlp):
    text = "Olaf Scholz, 65, promised help. Warsaw, 12, was quiet."
    ms = mentions(nlp, text, [("Olaf Scholz", "PERSON"), ("65", "DATE"), ("Warsaw", "GPE"),
                              ("12", "CARDINAL")])
    assert [(m.text, m.type) for m in ms if m.text in ("65", "12")] == [
        ("65", "AGE"), ("12", "CARDINAL")]


def test_annotate_known_place_after_in_is_a_place_throughout(nlp):
    text = "Scholz visits Kyiv\nScholz arrived in Kyiv on Monday."
    ms = mentions(nlp, text, [("Scholz", "PERSON"), ("Kyiv", "PERSON"), ("Scholz", "PERSON"),
                              ("Kyiv", "PERSON"), ("Monday", "DATE")])
    assert [m.type for m in ms if m.text == "Kyiv"] == ["GPE", "GPE"]


def test_annotate_proper_nouns_ending_in_a_known_surname_are_a_person(nlp):
    text = "On Sunday Eliud Kipchoge won in Kenya. Later Kipchoge said he was happy."
    ms = mentions(nlp, text, [("Sunday", "DATE"), ("Kenya", "GPE"), ("Kipchoge", "PERSON")])
    assert typed(ms, "PER") == ["Eliud Kipchoge", "Kipchoge"]
    assert typed(mentions(nlp, text, [("Sunday", "DATE"), ("Kenya", "GPE")]), "PER") == []


@pytest.mark.parametrize(("text", "ents", "expected"), [
    ("MONACO - Faith Kipyegon of Kenya broke the record.", [("Kipyegon", "ORG")],
     [("Faith Kipyegon", "PER"), ("Kenya", "GPE")]),
    ("On Sunday Eliud Kipchoge of Kenya won.", [],
     [("Eliud Kipchoge", "PER"), ("Kenya", "GPE")]),
    ("Sifan Hassan of the Netherlands was second.", [],
     [("Sifan Hassan", "PER"), ("Netherlands", "GPE")]),
    # an organisation of a country, and a person of a town, are not read so
    ("The Central Bank of Kenya raised rates.", [], [("Kenya", "GPE")]),
    ("Maria Lopez of Cuenca won.", [("Maria Lopez", "ORG")], [("Maria Lopez", "ORG")]),
])
def test_annotate_names_of_a_country_are_an_athlete(nlp, text, ents, expected):
    found = mentions(nlp, text, [*ents, *[(w, "GPE") for w in ("Kenya", "Netherlands")
                                          if w in text]])
    assert [(m.text, m.type) for m in found if m.type in ("PER", "ORG", "GPE")] == expected


@pytest.mark.parametrize("text,name,label", [
    ("The club sacked coach Real Madrid FC staff.", "Real Madrid FC", "ORG"),
    ("He met the president Costa Rica sent.", "Costa Rica", "GPE"),
    ("The runner Lima hosted won.", "Lima", "GPE"),  # one word: not a full name
])
def test_annotate_role_noun_leaves_organisations_and_places(nlp, text, name, label):
    assert [(m.text, m.type) for m in mentions(nlp, text, [(name, label)])] == [(name, label)]


def test_annotate_name_part_of_known_person_becomes_person(nlp):
    text = "Pérez now trains in Cuenca."
    ents = [("Pérez", "GPE"), ("Cuenca", "GPE")]
    assert typed(mentions(nlp, text, ents), "GPE") == ["Pérez", "Cuenca"]
    ms = mentions(nlp, text, ents, people=("Jefferson Pérez",))
    assert [(m.text, m.type) for m in ms] == [("Pérez", "PER"), ("Cuenca", "GPE")]


def test_annotate_known_place_in_a_name_stays_a_place(nlp):
    text = "Michael Jordan toured Jordan with friends."
    ms = mentions(nlp, text, [("Michael Jordan", "PERSON"), ("Jordan", "GPE")])
    assert [(m.text, m.type) for m in ms] == [("Michael Jordan", "PER"), ("Jordan", "GPE")]


@pytest.mark.parametrize(
    ("text", "tagged", "label", "expected"),
    [
        ("She was born in Arequipa and raised there.", "Arequipa", "ORG", "GPE"),
        ("She moved from Cuenca last year.", "Cuenca", "PERSON", "GPE"),
        # not after a place preposition: the model's label is kept
        ("Arequipa hired new staff.", "Arequipa", "ORG", "ORG"),
    ],
)
def test_annotate_known_place_after_preposition_becomes_gpe(nlp, text, tagged, label, expected):
    ms = mentions(nlp, text, [(tagged, label)])
    assert [(m.text, m.type) for m in ms] == [(tagged, expected)]


# -- gaps --------------------------------------------------------------------------------


def test_annotate_recovers_lone_surname_of_named_person(nlp):
    text = "The runner Marta Quispe trains daily. Fans in Lima adore Quispe."
    ms = mentions(nlp, text, [("Marta Quispe", "PERSON"), ("Lima", "GPE")])
    lone = [m for m in ms if m.text == "Quispe"]
    assert len(lone) == 1
    assert (lone[0].type, lone[0].source, lone[0].start) == ("PER", "propn", text.rindex("Quispe"))


def test_annotate_recovers_a_surname_read_as_a_common_noun(nlp):
    text = "He replaces Antonio Costa. Costa later became president of the council."
    found = mentions(nlp, text, [("Antonio Costa", "PERSON")])
    assert [(m.text, m.type) for m in found] == [("Antonio Costa", "PER"), ("Costa", "PER")]


def test_annotate_known_place_with_an_age_beside_a_full_name_is_the_person(nlp):
    text = "Luis Montenegro was sworn in. Montenegro, 51, a lawyer, replaces Costa."
    found = mentions(nlp, text, [("Luis Montenegro", "PERSON"), ("Montenegro", "GPE")])
    assert [m.type for m in found if m.text == "Montenegro"] == ["PER"]
    # without the age, a known place keeps its type
    text = "Luis Montenegro was sworn in. Montenegro is a small country."
    found = mentions(nlp, text, [("Luis Montenegro", "PERSON"), ("Montenegro", "GPE")])
    assert [m.type for m in found if m.text == "Montenegro"] == ["GPE"]


def test_annotate_recovers_lone_name_of_known_people(nlp):
    text = "Fans adore Quispe."
    assert mentions(nlp, text) == []
    ms = mentions(nlp, text, people=("Marta Quispe",))
    assert [(m.text, m.type, m.source) for m in ms] == [("Quispe", "PER", "propn")]
    # any one name of a longer name: "Lula" of "Luiz Inacio Lula da Silva"
    text = "Critics praised Lula on Monday."
    assert typed(mentions(nlp, text, [("Monday", "DATE")])) == ["Monday"]
    ms = mentions(nlp, text, [("Monday", "DATE")], people=("Luiz Inacio Lula da Silva",))
    assert typed(ms, "PER") == ["Lula"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The race started in Arequipa at dawn.", [("Arequipa", "GPE")]),
        ("The race started in Zorbania at dawn.", []),  # not a known place
    ],
)
def test_annotate_recovers_known_place_after_in(nlp, text, expected):
    assert [(m.text, m.type) for m in mentions(nlp, text)] == expected


# -- analyse -----------------------------------------------------------------------------


def test_annotate_analyse_returns_one_sorted_analysis_per_document(nlp):
    docs = [
        Document("a", "At 34 years of age, Maria Gonzalez still races in Quito."),
        Document("b", "Fans adore Quispe."),
    ]
    out = analyse(docs, nlp, people=[(), ("Marta Quispe",)])
    assert [a.document.id for a in out] == ["a", "b"]
    assert all(isinstance(a, Analysis) for a in out)
    for a in out:
        starts = [m.start for m in a.mentions]
        assert starts == sorted(starts)
        for m in a.mentions:
            assert m.doc_id == a.document.id
            assert a.span(m).text == m.text == a.document.text[m.start : m.end]
    age = [m for m in out[0].mentions if m.type == "AGE"]
    assert [(m.text, m.source) for m in age] == [("34 years of age", "ruler")]
    assert [(m.text, m.type) for m in out[1].mentions] == [("Quispe", "PER")]


def test_annotate_analyse_rejects_people_of_wrong_length(nlp):
    docs = [Document("a", "Fans adore Quispe."), Document("b", "Fans adore Vega.")]
    with pytest.raises(ValueError):
        analyse(docs, nlp, people=[("Marta Quispe",)])
