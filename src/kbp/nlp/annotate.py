"""Mention detection: spaCy's entities, repaired where the small model is known to slip.

The statistical model splits long Spanish-style names ("Jefferson Leonardo" +
"Pérez Quezada"), drops a leading given name ("María" of "María Lucrecia
Quezada"), glues a headline to the next line, and misses plain names next to a
nationality ("Australian Jared Tallent").  Each repair below is one small rule on
the parse, so it holds for any English text rather than for one document; the types
read from a mention's position are :mod:`kbp.nlp.retype`'s.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from kbp.kb.text import fold
from kbp.nlp import gazetteer
from kbp.nlp.retype import (
    NOT_PERSON_WORDS,
    OCCUPATIONS,
    ORG_NOUNS,
    PERSON_CUES,
    PLACE_PREPOSITIONS,
    appositive_ages,
    is_rare_word,
    org_by_position,
    retype,
)
from kbp.nlp.truecase import truecase_headlines
from kbp.types import Document, Mention

#: spaCy labels -> kbp mention types.  Labels not listed are dropped.
LABELS: dict[str, str] = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "FAC",
    "NORP": "NORP",
    "EVENT": "EVENT",
    "DATE": "DATE",
    "TIME": "TIME",
    "CARDINAL": "CARDINAL",
    "ORDINAL": "ORDINAL",
    "QUANTITY": "QUANTITY",
    "MONEY": "MONEY",
    "PERCENT": "PERCENT",
    "DURATION": "DURATION",
    "HEIGHT": "HEIGHT",
    "AGE": "AGE",
}

#: Labels of names (not values): in a headline they must be confirmed by the body.
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})

#: Titles written before a person's name ("Chancellor Olaf Scholz", "Prime Minister
#: Donald Tusk", "Dr. Ana Vega"), lower-cased: no part of the name itself.  Royal and
#: religious styles stay in the name, as encyclopedias title them ("Pope Francis",
#: "Emperor Meiji", "Sultan Buyung").
NAME_TITLES = frozenset(
    "president chancellor prime minister premier secretary senator sen governor gov mayor "
    "general gen admiral colonel col captain capt lieutenant lt sergeant sgt brigadier "
    "major marshal emeritus "
    "commander judge ambassador commissioner chairman chairwoman "
    "professor prof dr mr mrs ms rev reverend deputy vice representative rep "
    "congressman congresswoman".split()
)


@dataclass
class Analysis:
    """A document with its parse and the mentions found in it (sorted by offset)."""

    document: Document
    doc: Doc
    mentions: list[Mention] = field(default_factory=list)
    _spans: dict[tuple[int, int], Span] = field(default_factory=dict, repr=False)

    def span(self, m: Mention) -> Span:
        key = (m.start, m.end)
        if key not in self._spans:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            assert span is not None, f"mention {m.text!r} does not align with tokens"
            self._spans[key] = span
        return self._spans[key]


#: The types of the reference-KB entries a name names outright (``None`` for an entry
#: of no type); empty when it names none.
KBTypes = Callable[[str], frozenset[str | None]]


def _is_name_token(tok) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.is_alpha


#: Word classes of words a capitalised given name is misread as ("Per", "Will", "Van").
_FUNCTION_POS = frozenset({"ADP", "AUX", "ADV", "SCONJ", "CCONJ", "PART"})
#: Function words no one is named, capitalised in title-case text ("the husband Of Shawna
#: Gray").
_NEVER_GIVEN = frozenset(
    "of in on at to for by with from and or nor but as than into onto upon over under "
    "about after before since until if so not".split())


def _misread_given_name(doc: Doc, i: int) -> bool:
    """Whether token ``i``, right before a person's name, is a given name the model read
    as a function word: capitalised inside a sentence, after a lower-case word (in a
    title-case headline every word is capitalised)."""
    tok = doc[i]
    return (tok.pos_ in _FUNCTION_POS and tok.is_alpha and tok.lower_ not in _NEVER_GIVEN
            and tok.text[0].isupper() and tok.text[1:].islower() and not tok.is_sent_start
            and i > 0 and not doc[i - 1].text[:1].isupper()
            and "\n" not in tok.whitespace_)


def _trim(span: Span, text: str) -> Span | None:
    """Cut a span at the first line break and after a dateline, and drop edge
    punctuation, a possessive "'s" and 'the' (``text``: the document's text)."""
    doc = span.doc
    start, end = span.start, span.end
    for i in range(start, end):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            end = i + 1 if "\n" not in doc[i].text else i
            break
    # a dateline glued to the name after it: "BERLIN - Friedrich Merz", "ARLINGTON,
    # Virginia - Boeing Co."
    dateline = _dateline_end(text, doc[start].idx)
    if doc[start].idx < dateline <= doc[end - 1].idx:
        start = next(i for i in range(start, end) if doc[i].idx >= dateline)
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1  # "the European Union's foreign policy chief"
    if start < end and doc[start].lower_ == "the" and span.label_ in ("ORG", "FAC", "EVENT"):
        start += 1
    if span.label_ in ("DATE", "CARDINAL"):
        # "Lula, 78" read as one date: the name before the comma is no part of it
        comma = next((i for i in range(start, end) if doc[i].text == ","), start)
        if comma > start and all(
                _is_name_token(doc[i]) and doc[i].lower_ not in _CALENDAR_WORDS
                for i in range(start, comma)) and all(
                doc[i].like_num for i in range(comma + 1, end)):
            start = comma + 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_)


#: A news dateline opening a line: a place in capitals, maybe its region and the agency,
#: then a dash ("BERLIN -", "ARLINGTON, Virginia (Reuters) —").
DATELINE = re.compile(r"[ \t]*[A-Z][A-Z.'’ -]*[A-Z.]"  # BERLIN, NEW YORK
                      r"(?:,[ \t]+[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)*)?"  # , Virginia
                      r"(?:[ \t]+\([^)\n]{1,30}\))?"  # (Reuters)
                      r"[ \t]+(?:-|–|—|--)[ \t]+")


def _dateline_end(text: str, char: int) -> int:
    """Where the dateline of the line holding ``char`` ends (-1 when it has none)."""
    dateline = DATELINE.match(text, text.rfind("\n", 0, char) + 1)
    return dateline.end() if dateline is not None else -1


def _datelines(text: str) -> list[tuple[int, int]]:
    """The character ranges of the text's datelines."""
    out = []
    for line in re.finditer(r"^.", text, re.MULTILINE):
        dateline = DATELINE.match(text, line.start())
        if dateline is not None:
            out.append((line.start(), dateline.end()))
    return out


def _dateline_place(span: Span, text: str) -> Span:
    """A name in capitals inside a line's dateline is the place the story was filed from
    ("OXFORD, England -" read as an organisation)."""
    if (span.label_ not in ("ORG", "PERSON", "FAC", "NORP") or not span.text.isupper()
            or text[span.start_char - 1 : span.start_char] == "("):  # "(AP)"
        return span
    if span.end_char > _dateline_end(text, span.start_char):
        return span
    return Span(span.doc, span.start, span.end, label="GPE")


#: Month and weekday names, which do open dates ("Monday, 5").
_CALENDAR_WORDS = frozenset(
    w.lower() for w in (*calendar.month_name, *calendar.day_name) if w)


def _repair_people(
    doc: Doc, spans: list[Span], kb_types: KBTypes | None = None,
    headlines: tuple[tuple[int, int], ...] = (),
) -> list[Span]:
    """Join split names, pull in a dropped given name, and find names the model missed
    (``kb_types`` reads names in the reference KB; a person tagged in a ``headline``,
    whose capitals mislead the model, lends the body no surname)."""
    spans = _particle_names(doc, _split_demonyms(doc, spans))
    if kb_types is not None:
        spans = _known_names(doc, _known_people(doc, spans, kb_types), kb_types)
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label_ == "PERSON"
            and span.label_ == "PERSON"
            and prev.end == span.start
            and "\n" not in doc[prev.end - 1].whitespace_
        ):
            out[-1] = Span(doc, prev.start, span.end, label="PERSON")
            continue
        if span.label_ == "PERSON":
            start = span.start
            floor = prev.end if prev is not None else 0
            if start > floor and _misread_given_name(doc, start - 1):
                start -= 1  # "the architect Per Holm", "Per" read as the preposition
            while (
                start > floor
                and _is_name_token(doc[start - 1])
                and not gazetteer.country_of_demonym(doc[start - 1].text)
                and "\n" not in doc[start - 1].whitespace_
                and doc[start - 1].lower_ not in PERSON_CUES  # "Coach Perez"
                and doc[start - 1].lower_ not in NAME_TITLES
                and not _after_hyphen(doc, start - 1)  # "Secretary-General Antonio ..."
            ):
                start -= 1
            # a title before the name is no part of it: "Chancellor Olaf Scholz",
            # "Prime Minister Donald Tusk"; a "name" that is all title is none
            while start < span.end and doc[start].lower_.rstrip(".") in NAME_TITLES:
                start += 1
            if start == span.end:
                continue
            span = Span(doc, start, span.end, label="PERSON")
        elif span.label_ in ("GPE", "LOC", "ORG", "NORP", "FAC") and len(span) <= 2:
            span = _titled_person(doc, span, prev.end if prev is not None else 0, out)
        out.append(span)
    covered = {i for s in out for i in range(s.start, s.end)}
    # a run of proper nouns ending in the surname of a person the text names is a person
    # ("Eliud Kipchoge of Kenya won", missed, beside "Kipchoge told reporters")
    surnames = {s[-1].lower_ for s in out if s.label_ == "PERSON"
                and not any(a <= s.start_char < b for a, b in headlines)}
    i = 0
    while i < len(doc):
        if i in covered or not _is_name_token(doc[i]):
            i += 1
            continue
        j = i
        while j < len(doc) and j not in covered and _is_name_token(doc[j]):
            j += 1
        start = i
        while start < j and (doc[start].lower_ in NAME_TITLES
                             or doc[start].lower_ in _CALENDAR_WORDS):
            start += 1  # "Polish Prime Minister", "On Sunday" are no name
        if j - start >= 2 and (_person_context(doc, i, j, out)
                               or doc[j - 1].lower_ in surnames
                               or _of_country(doc, start, j)):
            out.append(Span(doc, start, j, label="PERSON"))
        elif 0 < j - start <= 3 and _unlabelled_org(doc, start, j):
            out.append(Span(doc, start, j, label="ORG"))  # "Splunk was founded in 2003"
        elif j - i >= 2 and doc[i].lower_ in ROYAL_TITLES and not any(
                t.lower_ in NOT_PERSON_WORDS for t in doc[i:j]):
            out.append(Span(doc, i, j, label="PERSON"))  # "King Abdullah II", missed
        elif j - start == 1 and _person_context(doc, i, j, out):
            # "Merz, who was born in Brilon" after "Friedrich Merz" typed as an
            # organisation: the surname and its full name are a person
            full = [k for k, s in enumerate(out) if s.label_ != "PERSON"
                    and 2 <= len(s) <= 3 and s[-1].lower_ == doc[start].lower_
                    and all(_is_name_token(t) for t in s)]
            for k in full:
                out[k] = Span(doc, out[k].start, out[k].end, label="PERSON")
            if full:
                out.append(Span(doc, start, j, label="PERSON"))
        elif j - start == 1 and doc[start].lower_ in surnames:
            # "Sweden's Armand Duplantis" with "Armand" alone typed an organisation,
            # beside his father "Greg Duplantis": the two words are a person
            k = next((k for k, s in enumerate(out) if s.end == start and len(s) == 1
                      and s.label_ in ("ORG", "FAC", "LOC", "GPE")
                      and _is_name_token(s[0]) and not gazetteer.is_place(s.text)
                      and not gazetteer.country_of_demonym(s.text)), None)
            if k is not None:
                out[k] = Span(doc, out[k].start, j, label="PERSON")
        i = j
    return sorted(out + _brand_names(doc, out), key=lambda s: s.start)


def _brand_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Every use of a rare capitalised word the model read as a common noun, when one
    use stands where an organisation's name does ("Cisco agreed to buy Splunk, the data
    analytics company", "Splunk was founded in 2003"; see :func:`_unlabelled_org`).
    The capital counts only inside a sentence, where no rule of grammar puts it."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    words = [t for t in doc if t.i not in covered and t.pos_ == "NOUN" and t.is_alpha
             and t.text[:1].isupper() and t.text[1:].islower()]
    named = {t.text for t in words if not t.is_sent_start}
    brands = {t.text for t in words if t.text in named and is_rare_word(t.lower_)
              and _unlabelled_org(doc, t.i, t.i + 1)}
    return [Span(doc, t.i, t.i + 1, label="ORG") for t in words if t.text in brands]


#: Titles that stand only before a person's name: not those that also open other names
#: ("General Motors", "Major League Baseball", "Prime Video", "Captain America").
PERSON_TITLES = NAME_TITLES - frozenset(
    "general gen major marshal prime minister secretary deputy vice emeritus captain capt "
    "commander judge representative rep".split())


def _titled_person(doc: Doc, span: Span, floor: int, spans: list[Span]) -> Span:
    """A name the model typed as something else is a person, with the given names it left
    unlabelled, after a title ("former President Alejandro Toledo" with "Toledo" as a
    place; a known place needs such a given name) or with a person's context beside it
    ("Marina Silva, Brazil's environment minister" with "Silva" as a place, see
    :func:`_person_context`); ``span`` unchanged otherwise."""
    start = span.start
    while start > floor and _is_name_token(doc[start - 1]) and (
            doc[start - 1].lower_ not in PERSON_TITLES) and not doc[start].is_sent_start:
        start -= 1
    if any(t.lower_ in NOT_PERSON_WORDS for t in doc[start : span.end]):
        return span
    title = doc[start - 1] if start > floor else None
    if title is None or title.lower_.rstrip(".") not in PERSON_TITLES:
        named = start < span.start and (_person_context(doc, start, span.end, spans)
                                        or _of_country(doc, start, span.end))
        if not named or gazetteer.is_place(doc[start : span.end].text):
            return span
        return Span(doc, start, span.end, label="PERSON")
    if start == span.start and gazetteer.is_place(span.text):
        return span  # "the president Costa Rica sent": a known place, no given name
    return Span(doc, start, span.end, label="PERSON")


#: Titles that open a ruler's or a noble's name and stay part of it ("King Hussein").
ROYAL_TITLES = frozenset(
    "king queen prince princess pope sheikh emir sultan tsar czar shah sir dame".split())


def _after_hyphen(doc: Doc, i: int) -> bool:
    """Whether token ``i`` closes a hyphenated compound ("General" in "Secretary-General")."""
    return i > 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_


#: Lower-case words inside a surname ("Erik ten Hag", "Matthijs de Ligt").
NAME_PARTICLES = frozenset(
    "van von de der den ten ter da di do dos das du del della la le bin ibn al".split())


def _particle_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """A person's name that the model cut at a lower-case particle ("Erik" + CARDINAL
    "ten" in "Erik ten Hag") runs on to the capitalised surname after it; the surname
    with its particle capitalised at a sentence's start ("Ten Hag, who ...") names the
    same person (the particle and the last name only: "The Du Han de Martigny" is a
    family)."""
    found = []
    for s in spans:
        end = s.end
        while s.label_ == "PERSON":  # one particle or more: "ten Hag", "van den Brink"
            k = end
            while k < len(doc) and k - end < 3 and doc[k].lower_ in NAME_PARTICLES \
                    and doc[k].is_lower:
                k += 1
            if k == end or k >= len(doc) or not _is_name_token(doc[k]):
                break
            end = k + 1
        if end > s.end:
            found.append(Span(doc, s.start, end, label="PERSON"))
    # the particles and the last name: ("ten", "hag"), ("van", "den", "brink")
    tails = set()
    for s in found:
        k = len(s) - 1
        while k > 0 and s[k - 1].lower_ in NAME_PARTICLES:
            k -= 1
        if k < len(s) - 1:
            tails.add(tuple(t.lower_ for t in s[k:]))
    found.extend(Span(doc, i, i + len(tail), label="PERSON") for tail in tails
                 for i in range(len(doc) - len(tail) + 1)
                 if doc[i].is_sent_start and doc[i].text[:1].isupper()
                 and tuple(t.lower_ for t in doc[i : i + len(tail)]) == tail)
    if not found:
        return spans
    taken = {t for f in found for t in range(f.start, f.end)}
    kept = [s for s in spans if not any(t in taken for t in range(s.start, s.end))]
    return sorted(kept + found, key=lambda s: s.start)


def _split_demonyms(doc: Doc, spans: list[Span]) -> list[Span]:
    """"Ethiopian Hiwot Bekele" -> NORP "Ethiopian" + PERSON "Hiwot Bekele"."""
    out = []
    for s in spans:
        if s.label_ == "PERSON" and len(s) > 2 and gazetteer.country_of_demonym(s[0].text):
            out.append(Span(doc, s.start, s.start + 1, label="NORP"))
            s = Span(doc, s.start + 1, s.end, label="PERSON")
        out.append(s)
    return out


def _name_runs(doc: Doc) -> Iterator[tuple[int, int]]:
    """``(start, end)`` token offsets of each run of proper nouns within a line."""
    i = 0
    while i < len(doc):
        if not _is_name_token(doc[i]):
            i += 1
            continue
        j = i
        while j < len(doc) and _is_name_token(doc[j]) and "\n" not in doc[j - 1].whitespace_:
            j += 1
        yield i, j
        i = j


def _known_people(doc: Doc, spans: list[Span], kb_types: KBTypes) -> list[Span]:
    """Runs of proper nouns that name a KB person become PERSON, whatever the model said."""
    found = [Span(doc, i, j, label="PERSON") for i, j in _name_runs(doc)
             if j - i >= 2 and "PER" in kb_types(doc[i:j].text)]
    if not found:
        return spans
    taken = {t for s in found for t in range(s.start, s.end)}
    kept = [s for s in spans if not any(t in taken for t in range(s.start, s.end))]
    return sorted(kept + found, key=lambda s: s.start)


#: Words after a capitalised name that may complete a KB title with it ("Higgs boson",
#: "Parkinson's disease"): at most this many.
TERM_TAIL = 2


def _opens_kb_term(doc: Doc, i: int, kb_types: KBTypes) -> bool:
    """Whether the lower-case words after token ``i`` complete it into the title of a KB
    entry that is neither a person nor an organisation ("Higgs boson")."""
    tail = i + 1
    while (tail < len(doc) and tail - i <= TERM_TAIL
           and (doc[tail].is_lower and doc[tail].pos_ in ("NOUN", "ADJ")
                or doc[tail].text == "'s")):
        tail += 1  # nouns only: "Higgs said" asks the KB nothing
    kinds = next((k for end in range(tail, i + 1, -1) if (k := kb_types(doc[i:end].text))),
                 frozenset())
    return bool(kinds) and not kinds & {"PER", "ORG"}


def _known_names(doc: Doc, spans: list[Span], kb_types: KBTypes) -> list[Span]:
    """Two more repairs from the reference KB:

    - a run of proper nouns the model left unlabelled opens with the name of a KB
      organisation: that part is an organisation ("United Nations Secretary-General
      Antonio Guterres", where the small model finds only the person);
    - a one-word person or organisation that the lower-case words after it complete
      into the title of a KB entry of another kind is no name ("Higgs" in "the Higgs
      boson", "Parkinson" in "Parkinson's disease")."""
    covered = {t for s in spans for t in range(s.start, s.end)}
    out = [s for s in spans if not (len(s) == 1 and s.label_ in ("PERSON", "ORG")
                                    and _opens_kb_term(doc, s.start, kb_types))]
    for i, j in _name_runs(doc):
        if any(t in covered for t in range(i, j)):
            continue
        end = next((e for e in range(j, i + 1, -1) if "ORG" in kb_types(doc[i:e].text)), 0)
        if end:
            out.append(Span(doc, i, end, label="ORG"))
    return sorted(out, key=lambda s: s.start)


def _person_context(doc: Doc, start: int, end: int, spans: list[Span]) -> bool:
    """An unlabelled run of proper nouns is a person after a nationality or a role noun,
    when a relative 'who' follows it ("Jared Tallent, who ...") or a role noun stands
    beside it ("Ronaldo Nazario, the Brazilian striker")."""
    if start > 0:
        before = doc[start - 1]
        if before.lower_ in PERSON_CUES:
            return True
        if any(s.end == start and s.label_ == "NORP" for s in spans):
            return True
    after = [t.lower_ for t in doc[end : end + 2]]
    if after[:1] == ["who"] or after == [",", "who"]:
        return True
    roles = PERSON_CUES | OCCUPATIONS
    if doc[end - 1].lower_ in roles:  # "the Managing Director, President of ..."
        return False
    return any(c.dep_ == "appos" and c.lemma_.lower() in roles for c in doc[end - 1].children)


def _unlabelled_org(doc: Doc, start: int, end: int) -> bool:
    """Whether an unlabelled run of proper nouns, no known place, is an organisation by
    its position (:func:`~kbp.nlp.retype.org_by_position`: "Splunk was founded in 2003",
    "Splunk's chief executive") or by an organisation noun in apposition ("Splunk, the
    data analytics company")."""
    run = doc[start:end]
    last = run[-1].lower_
    if (gazetteer.is_place(run.text) or gazetteer.country_of_demonym(run.text)
            or last in OCCUPATIONS or last in PERSON_CUES or last in NAME_TITLES
            or last.endswith("ism")):
        return False  # "Operations Manager at ...", a role; "founder of Methodism"
    if end < len(doc) and doc[end].text == "," and any(
            c.dep_ == "appos" and c.lemma_.lower() in ORG_NOUNS and c.left_edge.i == end + 1
            for c in run[-1].children):
        return True
    return org_by_position(Mention("", run.start_char, run.end_char, run.text, "ORG"), doc.text)


def _of_country(doc: Doc, start: int, end: int) -> bool:
    """Whether a run of two or three names, none of another kind of name's words, is
    followed by "of" and a country: how sports reports introduce an athlete ("Faith
    Kipyegon of Kenya", "Sifan Hassan of the Netherlands"; "Central Bank of Kenya" is
    no one)."""
    if not 2 <= end - start <= 3 or end >= len(doc) or doc[end].lower_ != "of" or any(
            t.lower_ in NOT_PERSON_WORDS or t.lower_ in NAME_TITLES for t in doc[start:end]):
        return False
    k = end + 1
    if k < len(doc) and doc[k].lower_ == "the":
        k += 1
    stop = k
    while stop < len(doc) and stop - k < 3 and _is_name_token(doc[stop]):
        stop += 1
    return stop > k and gazetteer.canonical_country(doc[k:stop].text) is not None


def _headline_names(doc: Doc, spans: list[Span], headlines) -> list[Span]:
    """Names in a headline that the story's body confirms.

    A person shrinks to the longest prefix named as a person in the body ("Marta Quispe
    Triumphs" -> "Marta Quispe"); a name the body gives under another label takes that
    label; another name stays when the body names it too, or when it is a known place
    or nationality.  An unconfirmed name in a headline is most often capitalised words
    run together ("Final Olympic Race").
    """
    def in_headline(s: Span) -> bool:
        return any(a <= s.start_char < b for a, b in headlines)

    body = [s for s in spans if not in_headline(s)]
    body_people = {s.text.lower() for s in body if s.label_ == "PERSON"}
    #: a name's label in the body, where the model reads it in a sentence
    body_labels: dict[str, Counter[str]] = {}
    for b in body:
        if b.label_ in _NAME_LABELS:
            body_labels.setdefault(b.text.lower(), Counter())[b.label_] += 1
    out = []
    for s in spans:
        if in_headline(s) and s.label_ == "PERSON":
            for end in range(s.end, s.start, -1):
                if doc[s.start : end].text.lower() in body_people:
                    s = Span(doc, s.start, end, label="PERSON")
                    break
            else:
                if s.text.lower() not in body_labels:
                    continue
                # "Activision Blizzard" taken for a person in the headline only
                label = body_labels[s.text.lower()].most_common(1)[0][0]
                s = Span(doc, s.start, s.end, label=label)
        elif in_headline(s) and s.label_ in _NAME_LABELS:
            if s.text.lower() in body_labels:  # "Kipchoge" as LOC in the headline
                label = body_labels[s.text.lower()].most_common(1)[0][0]
                s = Span(doc, s.start, s.end, label=label)
            elif not (gazetteer.is_place(s.text) or gazetteer.country_of_demonym(s.text)):
                continue
        out.append(s)
    return out


def detect_mentions(
    document: Document,
    doc: Doc,
    people: tuple[str, ...] = (),
    kb_types: KBTypes | None = None,
) -> list[Mention]:
    """Entity and value mentions of a parsed document, as kbp Mentions.

    ``people`` are names known to belong to persons (a KB entry's title and aliases);
    ``kb_types(name)`` gives the types of the reference-KB entries a name names.
    """
    text = document.text  # not doc.text, which spaCy joins anew at each read
    spans = [_dateline_place(t, text) for s in doc.ents
             if s.label_ in LABELS and (t := _trim(s, text)) is not None]
    spans = _repair_people(doc, spans, kb_types, document.headlines)
    if document.headlines:
        spans = _headline_names(doc, spans, document.headlines)
    mentions = []
    for s in spans:
        mentions.append(
            Mention(
                doc_id=document.id,
                start=s.start_char,
                end=s.end_char,
                text=document.text[s.start_char : s.end_char],
                type=LABELS[s.label_],
                source="ruler" if s.label_ in ("DURATION", "HEIGHT", "AGE") else "ner",
            )
        )
    mentions = retype(mentions, people, document.text)
    return appositive_ages(document, _fill_gaps(document, doc, mentions, people, kb_types))


def _fill_gaps(
    document: Document,
    doc: Doc,
    mentions: list[Mention],
    people: tuple[str, ...],
    kb_types: KBTypes | None = None,
) -> list[Mention]:
    """Proper nouns the model left unlabelled, recovered from the document itself:

    - a lone given name or surname of a person named in full elsewhere ("Quispe was
      born ..." after "Marta Quispe"), or any one name of three or more ("Lula" after
      "Luiz Inacio Lula da Silva", as coreference matches them), is that person, unless
      the words after it make a KB term of it ("the Higgs boson" after "Peter Higgs");
    - the first word of an organisation named in full elsewhere, when it is no common
      English word ("Activision, based in ..." after "Activision Blizzard"), is that
      organisation;
    - a known city or country after "in"/"from" ("born ... in Arequipa") is a place.
    """
    parts = set()
    for name in [m.text for m in mentions if m.type == "PER"] + list(people):
        tokens = fold(name).split()
        if len(tokens) > 2:  # any of three or more ("Lula" of "Luiz Inacio Lula da Silva")
            parts.update(tokens)
        elif len(tokens) > 1:
            parts.update((tokens[0], tokens[-1]))
    org_parts = {
        first for m in mentions if m.type == "ORG" and len(tokens := fold(m.text).split()) > 1
        if is_rare_word(first := tokens[0])
        and not (gazetteer.is_place(first) or gazetteer.country_of_demonym(first))
    }
    covered = {i for m in mentions for i in range(m.start, m.end)}
    datelines = _datelines(document.text)
    added = []
    for tok in doc:
        if tok.idx in covered or not tok.text[:1].isupper() or any(
                a <= tok.idx < b for a, b in datelines):
            continue  # "MANCHESTER, England -" is where the story was filed
        # the tagger often takes a rare capitalised word for a common noun ("Activision"),
        # and a surname too ("Costa later became president" beside "Antonio Costa"),
        # unless it names a thing after the person ("the Higgs boson")
        org_part = bool(org_parts) and tok.is_alpha and fold(tok.text) in org_parts
        person_part = (tok.pos_ == "NOUN" and tok.is_alpha and tok.dep_ != "compound"
                       and fold(tok.text) in parts)
        if not (org_part or person_part or _is_name_token(tok)):
            continue
        if tok.i + 1 < len(doc) and _is_name_token(doc[tok.i + 1]):
            continue  # part of a longer unlabelled name: not a lone name part
        if tok.i > 0 and _is_name_token(doc[tok.i - 1]):
            continue
        kind = None
        if fold(tok.text) in parts:
            if kb_types is not None and _opens_kb_term(doc, tok.i, kb_types):
                continue
            kind = "PER"
        elif org_part:
            kind = "ORG"
        elif (tok.i > 0 and doc[tok.i - 1].lower_ in PLACE_PREPOSITIONS
              and gazetteer.is_place(tok.text)):
            kind = "GPE"
        if kind:
            added.append(Mention(document.id, tok.idx, tok.idx + len(tok), tok.text, kind,
                                 source="propn"))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def analyse(
    documents: list[Document],
    nlp: Language,
    batch_size: int = 16,
    people: list[tuple[str, ...]] | None = None,
    kb_types: KBTypes | None = None,
) -> list[Analysis]:
    """Parse a batch of documents and detect their mentions (``people``: per document,
    names known to be persons; ``kb_types``: the types of the KB entries a name
    names).  Title-cased headlines are parsed in sentence case
    (:mod:`kbp.nlp.truecase`); mention texts are the document's own."""
    texts = (truecase_headlines(d.text, d.headlines) for d in documents)
    per_doc = people or [()] * len(documents)
    return [
        Analysis(d, doc, detect_mentions(d, doc, names, kb_types))
        for d, doc, names in zip(
            documents, nlp.pipe(texts, batch_size=batch_size), per_doc, strict=True
        )
    ]
