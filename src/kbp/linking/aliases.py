"""Names a KB entry answers to beyond its title, derived from the title and the lead.

Encyclopedia KBs often come without alias lists (the wiki-vital lead sections, a TAC KB
entry without redirects), yet the names are there: in the title's shape ("Mercury
(planet)", "Charles V, Holy Roman Emperor", "Pliny the Elder") and in the opening
sentence, which names the subject the way readers meet it ("Kyiv, also spelt Kiev,
is ...", "Association football, commonly known as football or soccer, is ...",
"Phoenix is the capital ...").  These functions read both; the pipeline registers
the result as the entry's aliases.
"""

from __future__ import annotations

import os
import re

from kbp.kb.text import initials, without_legal_form
from kbp.nlp import gazetteer

__all__ = [
    "HONORIFICS",
    "country_names",
    "demonym_forms",
    "derived_aliases",
    "is_common_noun",
    "lead_aliases",
    "name_variants",
    "singulars",
    "without_legal_form",
]

_PLACE_TYPES = ("GPE", "LOC")
#: "Charles V, Holy Roman Emperor", "Charles I of England" -> "Charles V", "Charles I"
_REGNAL = re.compile(r"^(.+ [IVXL]+)(?:,| of) .+$")
#: "Pliny the Elder", "Alexander the Great" -> "Pliny", "Alexander"
_EPITHET = re.compile(r"^([A-Z][\w'-]+) the [A-Z][a-z]+$")
#: Titles before a name that a KB title leaves out ("Emperor Leopold I").
HONORIFICS = frozenset(
    "emperor empress king queen pope saint st st. sir dame lord lady prince princess "
    "president general admiral cardinal archbishop bishop sultan tsar czar shah".split()
)


def derived_aliases(title: str, type_: str | None, text: str = "") -> set[str]:
    """Names an entry answers to beyond its title: the title without its disambiguator
    ("Mercury (planet)" -> "Mercury"; "Phoenix, Arizona" -> "Phoenix" for places), a
    company's name without its legal form ("Apple Inc." -> "Apple"), a
    regnal name without its realm or office ("Charles V, Holy Roman Emperor" ->
    "Charles V"), a name without its epithet ("Pliny the Elder" -> "Pliny"), an acronym
    for long organisation names, the adjectival forms of a place ("Sicily" ->
    "Sicilian"; see :func:`demonym_forms`), the gazetteer's other names of a country
    ("Myanmar" -> "Burma", "United Kingdom" -> "UK") and, given the entry's ``text``, the
    names its opening sentence gives (:func:`lead_aliases`)."""
    out = set()
    base = re.sub(r"\s*\([^)]*\)$", "", title).strip()
    if base and base != title:
        out.add(base)
    company = without_legal_form(base)
    if company != base and type_ in ("ORG", None):
        out.add(company)  # "Apple Inc." -> "Apple"
    if type_ in _PLACE_TYPES and ", " in base:
        out.add(base.split(", ")[0])
    for pattern in (_REGNAL, _EPITHET):
        found = pattern.match(base)
        if found:
            out.add(found.group(1))
    if type_ in _PLACE_TYPES and " " not in base:
        out |= demonym_forms(base)
    out |= set(country_names(title))  # "United States" -> "US", "America"
    words = [w for w in re.split(r"[\s-]+", base) if w]
    acronym = initials(base)
    if type_ in ("ORG", None) and len(acronym) >= 3 and len(acronym) >= len(words) - 2:
        out.add(acronym)
    if text:
        out |= lead_aliases(title, text)
    return out


#: How much of an entry's lead :func:`is_common_noun` reads.
COMMON_NOUN_SPAN = 600


def is_common_noun(title: str, text: str) -> bool:
    """Whether an entry's lead writes its title in lower case: the entry is a thing or
    an idea ("An apple is the round, edible fruit", "An alphabet is a writing system"),
    so a capitalised name in a story ("Apple reported higher profit") is rarely it."""
    base = re.sub(r"\s*\([^)]*\)$", "", title)
    if not base[:1].isupper() or base.casefold().startswith("the "):
        return False
    lower = re.escape(base.casefold())
    return re.search(rf"(?<![\w-]){lower}(?![\w-])", text[:COMMON_NOUN_SPAN]) is not None


def country_names(title: str) -> tuple[str, ...]:
    """The gazetteer's other names of the country a KB title names ("Myanmar" ->
    "Burma", ...; "Georgia (country)" -> "Sakartvelo"); () for any other title."""
    base = re.sub(r"\s*\(country\)$", "", title)
    if gazetteer.canonical_country(base) != base:
        return ()
    return gazetteer.country_aliases(base)


def demonym_forms(place: str) -> set[str]:
    """Regular adjectival forms of a one-word place name ("Canada" -> "Canadian",
    "Germany" -> "German", "Sicily" -> "Sicilian"); irregular ones come from the
    gazetteer of countries."""
    if len(place) < 4 or not place.isalpha():
        return set()
    stem = place[:-1] if place[-1] in "aeiouy" else place
    forms = {place + "n", place + "an", stem + "ian", stem + "an", place + "ese"}
    if place.endswith("y"):
        forms.add(place[:-1])
    return {f for f in forms if f != place}


# -- the opening sentence -----------------------------------------------------------------

#: The verb that ends the subject of a definitional opening ("X, also Y, is ...").
_LEAD_VERB = re.compile(r"\s(?:is|was|are|were|refers to)\s")
#: A field prefix, one field or a list of them: "In mathematics, an abelian group ...",
#: "In logic, mathematics, and linguistics, a formal language ..."
_FIELD_ITEM = (r"(?!(?:also|sometimes|commonly|often|simply|more|or|and)\b)"
               r"[a-z][a-z-]+(?: [a-z][a-z-]+){0,2}")
_FIELD = re.compile(
    rf"^In [^,.]{{3,60}}, (?:(?:{_FIELD_ITEM}, )*(?:{_FIELD_ITEM} )?(?:and|or) {_FIELD_ITEM}, )?")
#: Where the opening sentence ends (not after "St." or "U.S."): the subject and its
#: verb are in the first sentence.
_SENTENCE_END = re.compile(r"(?:[a-z]{3,}|\d|\))(?=\.\s+[A-Z])")
_NAMING = re.compile(
    r"^(?:(?:also|more|most|commonly|often|sometimes|formerly|officially|usually|simply|"
    r"previously|originally|first|alternatively|or)\s+)*(?:(?:(?:known|referred to)"
    r"(?: simply| in English)? as|called|spelt|spelled|named|nicknamed|styled|abbreviated(?: as)?|"
    r"transcribed(?: as)?|romani[sz]ed(?: as)?|denoted(?: as)?|or)(?!\w))?\s*",
    re.IGNORECASE,
)
#: A naming phrase that opens a segment even without a comma ("The Alaska pollock also
#: known as Pacific pollock").
_NAMED = (r"(?:also|commonly|often|sometimes|formerly|officially|usually)\s+"
          r"(?:known|called|spelt|spelled|referred|named|abbreviated)\b")
_SEGMENT_BREAK = re.compile(rf",\s*|\s+or\s+|;\s*|\s+(?={_NAMED})")
_ADVERBS = frozenset("more most less also sometimes often usually commonly".split())
_ARTICLE = re.compile(r"^(?:the|an?)\s+", re.IGNORECASE)
_LOWER_ARTICLE = re.compile(r"^(?:the|an?)\s+")
#: An abbreviation in brackets after the subject: "(EU)", "(U.S. or US)", "(USSR)".
_ACRONYM = re.compile(r"[A-Z](?:[A-Z&]|\.(?=[A-Z]))*\.?[A-Z]*\.?")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
#: What a name does not contain: a clause, a naming phrase left over, a quotation.
_CLAUSE = re.compile(
    r"\b(?:which|who|whom|whose|that|members|meaning|known|as|and|in|with|before|after|"
    r"by|from|for|during|called|begins|began|they|it|he|she)\b|\b\w+ly$|[\"“”]"
)
_TRIM = " \u00a0,;:'\"–—-"
#: A naming phrase that ends right before a name ("known as", "called").
_NAMED_AS = re.compile(r"\b(?:as|called|named|spelt|spelled)\s*$", re.IGNORECASE)
#: Where or in which language a name is used, after it ("football in the United States").
_WHERE = re.compile(r"\s+in\s+(?:the\s+)?[A-Z][^,]*$")
#: A first segment that is a clause, not a name ("Stocks consist of ... by which").
_RELATIVE = re.compile(r"\b(?:which|who|whom|whose|that)\b")
LEAD_SPAN = 200  # characters: a definitional subject is short
MAX_ALIAS_WORDS = 6
#: The subject may run this many words longer than the title ("Friedrich Wilhelm Heinrich
#: Alexander von Humboldt"); longer, it is a sentence ("The hobby of collecting includes").
FIRST_EXTRA_WORDS = 3


def lead_aliases(title: str, text: str) -> set[str]:
    """The names an encyclopedia lead gives its subject before the verb: "Kyiv, also
    spelt Kiev, is ..." -> {"Kiev"}; "Association football, commonly known as football
    or soccer, is ..." -> {"football", "soccer"}; "Phoenix is the capital ..." (title
    "Phoenix, Arizona") -> {"Phoenix"}.  Descriptions, dates and clauses are left out;
    an empty set when the opening is not of that shape: its subject is a clause ("Stocks
    consist of ... or company is"), a description ("In mathematics, two quantities
    are"), or a part of the title ("Egypt, ..., was" for *History of Egypt*)."""
    opening = _FIELD.sub("", text[: LEAD_SPAN + 40].lstrip(), count=1)
    verb = _LEAD_VERB.search(opening)
    if verb is None or verb.start() > LEAD_SPAN:
        return set()
    subject = opening[: verb.start()]
    end = _SENTENCE_END.search(subject)
    subject = subject[: end.end()] if end else subject
    out = {a for b in _BRACKETS.findall(subject) for a in re.split(r"\s+or\s+|,\s*", b[1:-1])
           if _abbreviates(a.strip(), subject[: subject.find(b)])}  # "(EU)", not "(US)"
    segments = _segments(_BRACKETS.sub(" ", subject))
    if end:  # the verb is in a later sentence: the first one ends with its own predicate
        segments = segments[:-1]  # ("Alpha particles, also called alpha rays, consist of")
    own = title.casefold()
    base = _words(re.sub(r"\s*\([^)]*\)$", "", title).split(", ")[0])
    listing = False  # after "known as", every segment is a name: "X, Y or Z in Yiddish"
    for first, part in segments:
        bare = part.strip(_TRIM)
        naming = _NAMING.match(part)
        name = part[naming.end():].strip(_TRIM)
        if not first and name == bare and (gazetteer.is_place(name) or _is_description(name)):
            continue  # "The Natural History Museum in London, England, is": a location;
            # "A minor planet, according to the IAU, is": a description
        listing = listing or bool(_NAMED_AS.search(naming.group()))
        if listing:  # "known as football in the United States": where it is so named
            name = _WHERE.sub("", name)
        name = _ARTICLE.sub("", name) if first or name != part else _LOWER_ARTICLE.sub("", name)
        words = name.split()
        if first and (_RELATIVE.search(name) or len(words) > len(base) + FIRST_EXTRA_WORDS
                      or _tail_of(_words(name), base)
                      or name[:1].islower() and not _shares_stem(_words(name), base)):
            return set()  # the subject is not a name of the title
        if (not words or len(words) > MAX_ALIAS_WORDS or len(name) < 2
                or any(c.isdigit() for c in name) and not any(c.isdigit() for c in title)
                or _CLAUSE.search(name) and not _CLAUSE.search(title)
                or "." in name.rstrip(".")
                or name.casefold() == own):
            continue
        out.add(name)
    return out


def _abbreviates(short: str, before: str) -> bool:
    """Whether ``short`` is an abbreviation ("EU", "U.S.") whose letters open words of
    the text before it, in order ("The European Union (EU)"), so that a dialect label
    ("air con (UK)") is not taken for one."""
    letters = short.replace(".", "").replace("&", "")
    if not _ACRONYM.fullmatch(short) or len(letters) < 2:
        return False
    initials = iter(w[0].upper() for w in re.findall(r"[^\W\d_]+", before))
    return all(any(c == i for i in initials) for c in letters)


def _words(name: str) -> list[str]:
    return re.findall(r"\w+", name.casefold())


def _tail_of(words: list[str], title: list[str]) -> bool:
    """Whether ``words`` close the longer ``title`` after "of" or a possessive: "egypt"
    in "history of egypt", "faust" in "goethe's faust" (not "impedance" in "electrical
    impedance", nor "beatles" in "the beatles")."""
    n = len(words)
    if not 0 < n < len(title) or title[-n:] != words:
        return False
    before = [w for w in title[:-n] if w != "the"]
    return bool(before) and before[-1] in ("of", "s")  # \w+ splits "goethe's" at "'"


def _shares_stem(words: list[str], title: list[str]) -> bool:
    """Whether a word of one begins like a word of the other or holds it ("examination"
    and "exam", "cicadas" and "cicada", "violoncello" and "cello")."""
    return any(a in b or b in a
               or len(os.path.commonprefix([a, b])) >= min(4, len(a) - 1, len(b) - 1)
               for a in words for b in title if len(a) > 2 and len(b) > 2)


_FUNCTION_WORDS = frozenset(
    "of to the for a an including comprising according consisting meaning".split())


def _is_description(name: str) -> bool:
    """A lower-case phrase that describes rather than names: "heir presumptive to the
    throne", "including talking" (not "common wild pig", "bass fiddle")."""
    words = _LOWER_ARTICLE.sub("", name).split()
    return bool(words) and words[0][:1].islower() and bool(_FUNCTION_WORDS & set(words))


def _segments(subject: str) -> list[tuple[bool, str]]:
    """The comma- and "or"-separated parts of a lead subject, the first one marked."""
    parts: list[str] = []
    for p in _SEGMENT_BREAK.split(subject):
        p = p.strip()
        if parts and parts[-1] and set(parts[-1].casefold().split()) <= _ADVERBS:
            p = f"{parts.pop()} {p}"  # "more" + "commonly known as X"
        parts.append(p)
    return [(i == 0, p) for i, p in enumerate(parts) if p]


# -- variants of a mention ----------------------------------------------------------------


#: Lower-case words before a place name that pick out a part of it ("western Anatolia");
#: capitalised, they are often part of another name ("Western Australia").
REGION_WORDS = frozenset(
    "northern southern eastern western central northeastern northwestern southeastern "
    "southwestern north-eastern north-western south-eastern south-western".split())


#: Abbreviated first words of place names, written out as KB titles write them.
ABBREVIATED = {"mt.": "Mount", "mt": "Mount", "ft.": "Fort", "st.": "Saint", "pt.": "Point"}


#: Abbreviated words of organisation names, written out as KB titles write them.
ABBREVIATED_ORG = {"co.": "Company", "corp.": "Corporation", "bros.": "Brothers",
                   "intl.": "International", "natl.": "National", "assn.": "Association",
                   "univ.": "University", "mfg.": "Manufacturing"}


def name_variants(name: str) -> set[str]:
    """Other spellings under which a KB may know the entity a mention names: without an
    honorific ("Emperor Leopold I" -> "Leopold I") or a company's legal form
    ("Microsoft Corp." -> "Microsoft"), an abbreviation written out ("Mt. Everest" ->
    "Mount Everest", "Ford Motor Co." -> "Ford Motor Company"), the whole place a region
    of it is named by ("western Anatolia" -> "Anatolia"), singular for a lower-case
    plural ("laboratories" -> "laboratory"), without a trailing "language"/"people"
    ("Kannada language" -> "Kannada"), a people's plural ("Lombard" -> "Lombards"), and for a
    nationality word the language and people it names ("Spanish" -> "Spanish
    language", "Spanish people").  The place a nationality word names is the linker's
    demonym candidate, not a variant."""
    words = name.split()
    out: set[str] = set()
    if len(words) > 1 and words[0].casefold().rstrip(".") in HONORIFICS | {"st"}:
        out.add(" ".join(words[1:]))
    if len(words) > 1 and words[0].casefold() in ABBREVIATED:
        out.add(" ".join((ABBREVIATED[words[0].casefold()], *words[1:])))  # "Mt. Everest"
    if len(words) > 1 and any(w.casefold() in ABBREVIATED_ORG for w in words[1:]):
        # "Ford Motor Co." -> "Ford Motor Company"
        out.add(" ".join([words[0]] + [ABBREVIATED_ORG.get(w.casefold(), w)
                                       for w in words[1:]]))
    company = without_legal_form(name)
    if company != name and company:
        out.add(company)  # "Microsoft Corp." -> "Microsoft"
    if len(words) > 1 and words[-1].casefold() in ("language", "people", "peoples"):
        out.add(" ".join(words[:-1]))
    if len(words) > 1 and words[0] in REGION_WORDS and words[1][:1].isupper():
        out.add(" ".join(words[1:]))  # "western Anatolia" -> "Anatolia"
    if name.islower():
        out |= singulars(name)
    if len(words) == 1 and name[:1].isupper() and name[1:].islower():
        out.add(f"{name}s")  # a people: "Lombard" -> "Lombards"
        if gazetteer.country_of_demonym(name):
            out |= {f"{name} language", f"{name} people"}
    out.discard(name)
    return out


#: Suffix rewrites from a word to the field or thing it derives from: the KB names
#: *Sculpture*, *Exploration* and *Biology*, a text says "sculptor", "explorer" and
#: "biologist".  Many rewrites give no KB title; the KB decides which exist.
DERIVATIONS: tuple[tuple[str, str], ...] = (
    # people by their field or craft: sculptor, explorer, painter, actor, philosopher,
    # poet, novelist, pianist, chemist, economist, linguist, biologist, musician
    ("or", "ure"), ("er", "ation"), ("er", ""), ("er", "e"), ("er", "y"), ("er", "ing"),
    ("or", "ing"), ("et", "etry"), ("ist", "ism"), ("ist", "y"), ("ist", "s"), ("ist", ""),
    ("ist", "o"), ("ist", "istry"), ("ist", "ics"), ("ist", "istics"), ("ian", "y"),
    ("ian", "s"), ("ian", ""),
    # adjectives by their noun: economical, musical, atomic, volcanic, genetic, electric,
    # magnetic, chemical, religious, medical, scientific, naval, industrial, democratic
    ("ically", "y"), ("ically", "ics"), ("ally", "e"), ("ally", ""), ("ical", "y"),
    ("ical", "ics"), ("ical", "istry"), ("ical", "icity"), ("al", "e"), ("al", ""),
    ("al", "y"), ("al", "ine"), ("ial", "y"), ("ize", ""), ("ise", ""), ("ic", "ry"),
    ("ic", "y"), ("ic", ""), ("ic", "o"), ("ic", "ics"), ("ic", "ity"), ("ic", "ism"),
    ("tic", "cy"), ("ious", "ion"), ("tific", "ce"),
)
MIN_STEM = 4


def derived_forms(name: str) -> set[str]:
    """Words a lower-case word derives from, by :data:`DERIVATIONS`, after singulars
    ("footballers" -> "footballer" -> "football"; "architecturally" -> "architecture")."""
    if not name.isalpha() or not name.islower():
        return set()
    out = set()
    for word in {name, *singulars(name)}:
        for suffix, repl in DERIVATIONS:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                out.add(word[: len(word) - len(suffix)] + repl)
    out.discard(name)
    return out


def singulars(word: str) -> set[str]:
    """Candidate singulars of a lower-case English plural: more than one is fine, the
    KB decides which exists ("subsidies" -> "subsidy"; "churches" -> "church")."""
    last = word.split()[-1] if word.split() else word
    head = word[: len(word) - len(last)]
    forms = set()
    if len(last) > 4 and last.endswith("ies"):
        forms.add(last[:-3] + "y")
    if len(last) > 4 and last.endswith(("ches", "shes", "sses", "xes")):
        forms.add(last[:-2])
    if len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is")):
        forms.add(last[:-1])
    return {head + f for f in forms}
