"""Pattern extractors for person slots: birth, age, origin, title, family, schools,
coaches, height and alternate names.

Each extractor reads one sentence of the parse and yields Facts.  Trigger words and
relation nouns are tables at the top of the module, so adding a kinship term or a
school keyword is a data change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from kbp.coref.resolve import birth_name_starts
from kbp.kb.text import fold
from kbp.nlp import gazetteer
from kbp.nlp.normalize import normalize_age, normalize_date, normalize_height
from kbp.nlp.retype import NOT_PERSON_WORDS, OCCUPATIONS, ORG_NOUNS
from kbp.slots.base import (
    SlotContext,
    nearest_person,
    place_slot,
    possessor,
    subject_of,
    with_day,
)
from kbp.types import Entity, Fact, Mention

KINSHIP: dict[str, str] = {
    **dict.fromkeys(("brother", "sister", "sibling", "twin"), "per:siblings"),
    **dict.fromkeys(("father", "mother", "parent", "dad", "mom", "mum"), "per:parents"),
    **dict.fromkeys(("son", "daughter", "child", "stepson", "stepdaughter"), "per:children"),
    **dict.fromkeys(("wife", "husband", "spouse", "widow", "widower"), "per:spouse"),
    **dict.fromkeys(
        ("uncle", "aunt", "cousin", "nephew", "niece", "grandfather", "grandmother",
         "grandson", "granddaughter", "grandchild", "brother-in-law", "sister-in-law",
         "father-in-law", "mother-in-law", "stepfather", "stepmother"),
        "per:other_family",
    ),
}
COACH_NOUNS = frozenset({"coach", "trainer", "mentor"})
#: Verbs of coaching: "is coached by", "was trained by", "coaches".
COACH_VERBS = frozenset({"coach", "train", "mentor"})
SCHOOL_VERBS = frozenset({"attend", "enter", "graduate", "study", "enroll", "enrol"})
SCHOOL_NOUNS = frozenset(
    {"school", "college", "university", "academy", "institute", "lyceum", "polytechnic",
     "seminary", "conservatory", "gymnasium"}
)
#: Occupation and role nouns accepted as per:title fillers.
TITLE_NOUNS = OCCUPATIONS
NEIGHBOURHOOD_NOUNS = frozenset({"neighborhood", "neighbourhood", "district", "suburb", "quarter",
                                 "borough", "village", "barrio", "parish"})


def _mentions_after(ctx: SlotContext, sent: Span, start_i: int, stop_i: int, types):
    lo = ctx.doc[start_i].idx
    hi = ctx.doc[stop_i - 1].idx + len(ctx.doc[stop_i - 1]) if stop_i > start_i else lo
    return [m for m in ctx.mentions_in(sent, types) if lo <= m.start and m.end <= hi]


def births(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"X (born July 1, 1974 in Cuenca)", "X was born in Y to A and B"."""
    for tok in sent:
        if tok.lower_ != "born":
            continue
        # "Mary Todd, the wife of Abraham Lincoln, was born in ...": the grammatical
        # subject first; "X (born ...)" has none, so the nearest name before it;
        # "Born in Quito, X moved ...": the subject of the clause it opens
        subject = subject_of(ctx, tok) or _person_before(ctx, sent, tok.i)
        stop = _clause_end(sent, tok)
        if subject is None and tok.dep_ == "advcl" and tok.i < tok.head.i:
            subject = subject_of(ctx, tok.head)
        elif subject is None and tok.i == sent.start:
            # "Born Chloe Wofford in Lorain, Morrison studied ...", which the parser
            # does not read as a clause: the sentence's subject
            subject = subject_of(ctx, sent.root)
        if subject is not None and tok.i == sent.start:
            # a sentence that opens with "Born": its words up to the subject are the
            # birth's ("Born in Lorain, Ohio, in 1931, Morrison ...", where the parser
            # hangs the year on the main verb)
            stop = next((t.i for t in sent if ctx.person_at(t.i) is subject), stop)
        if subject is None:
            continue
        for m in _mentions_after(ctx, sent, tok.i + 1, stop, ("DATE",)):
            m = with_day(ctx.text, m)
            iso = normalize_date(m.text)
            if iso:
                yield ctx.fact(subject, "per:date_of_birth", iso, (m.start, m.end), sent, 0.9,
                               "pattern.birth")
                break
        places = _mentions_after(ctx, sent, tok.i + 1, stop, ("GPE", "LOC"))
        if places:
            place = _enclosing_city(ctx, sent, places)
            slot, value = place_slot("birth", place.text, ctx.text_before(place))
            yield ctx.fact(subject, slot, value, (place.start, place.end), sent, 0.85,
                           "pattern.birth", obj=ctx.entity_at(ctx.token_of(place).i))
            country = _country_after(ctx, place, places)
            if country is not None and slot != "per:country_of_birth":
                yield ctx.fact(subject, "per:country_of_birth", country[1],
                               (country[0].start, country[0].end), sent, 0.8, "pattern.birth",
                               obj=ctx.entity_at(ctx.token_of(country[0]).i))
            elif slot == "per:city_of_birth" and gazetteer.country_of_city(value):
                # the gazetteer knows the city's country: an inference, so less sure
                yield ctx.fact(subject, "per:country_of_birth", gazetteer.country_of_city(value),
                               (place.start, place.end), sent, 0.6, "inference.city_country",
                               qualifiers={"inferred_from": value})
        to = next((t for t in ctx.doc[tok.i + 1 : stop] if t.lower_ == "to"), None)
        if to is not None:
            for m in _mentions_after(ctx, sent, to.i + 1, stop, ("PER",)):
                parent = ctx.entity_at(ctx.token_of(m).i)
                if parent is not None and parent is not subject:
                    yield ctx.fact(subject, "per:parents", m.text, (m.start, m.end), sent, 0.8,
                                   "pattern.birth", obj=parent)


def _country_after(
    ctx: SlotContext, place: Mention, places: list[Mention]
) -> tuple[Mention, str] | None:
    """"Bogota, Colombia": the country named right after a city, if any."""
    for m in places:
        between = ctx.text[place.end : m.start]
        if m.start > place.end and between.strip() == ",":
            country = gazetteer.canonical_country(m.text)
            return (m, country) if country else None
    return None


def _person_before(ctx: SlotContext, sent: Span, token_i: int) -> Entity | None:
    for t in reversed(ctx.doc[sent.start : token_i]):
        e = ctx.person_at(t.i)
        if e is not None:
            return e
    return None


def _clause_end(sent: Span, tok: Token) -> int:
    """Token index where the clause opened by ``tok`` ends: a closing parenthesis, the
    end of a relative or adverbial clause ("X, who was born in Y, fled Japan in 2019":
    2019 is the flight's year), a verb joined to it, or the sentence end."""
    end = sent.end
    if tok.dep_ in ("relcl", "advcl"):  # "Born in Bari, he joined the party in 1974"
        end = min(end, tok.right_edge.i + 1)
    # a verb joined to it opens a clause of its own: "was born in San Candido ... and
    # moved to Monte Carlo in 2020"
    joined = [c.left_edge.i for c in tok.children
              if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > tok.i]
    end = min([end, *joined])
    for t in sent.doc[tok.i + 1 : end]:
        if t.text in (")", ";"):
            return t.i
    return end


def _enclosing_city(ctx: SlotContext, sent: Span, places: list[Mention]) -> Mention:
    """"born in El Vecino, one of the oldest neighborhoods in Cuenca" -> Cuenca."""
    first = places[0]
    after = ctx.doc[ctx.token_of(first).i + 1 : sent.end]
    if any(t.lemma_.lower() in NEIGHBOURHOOD_NOUNS for t in after[:10]) and len(places) > 1:
        return places[1]
    return first


#: A year in a sentence, which dates an age at a past event.
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
#: Words opening a clause about a past moment: "until she was 85", "when he was 12".
_PAST_MOMENT = frozenset("until till when after before since while as".split())
#: Words before an age at an event: "at 34", "at the age of 13", "aged 35".
_AT_AGE = re.compile(r"\b(?:at(?: the)?(?: age of)?|aged)[ \t]*$", re.IGNORECASE)


def ages(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"Maria, 34,", "is 34 years old", "died at 88"; the age at another past event only
    as of the year the sentence gives it ("In 2008 he won silver at 34 years of age"),
    not undated ("joined the academy at the age of 13")."""
    for m in ctx.mentions_in(sent, ("AGE",)):
        qualifiers = {}
        if _age_at_past_event(ctx, m):
            year = _YEAR.search(ctx.sent_text(sent))  # "In the 2008 Olympics ..."
            if year is None:
                continue
            qualifiers["as_of"] = year.group()
        value = normalize_age(m.text)
        subject = nearest_person(ctx, sent, ctx.token_of(m).i)
        if value and subject is not None:
            yield ctx.fact(subject, "per:age", value, (m.start, m.end), sent, 0.8, "pattern.age",
                           qualifiers=qualifiers)


def _age_at_past_event(ctx: SlotContext, m: Mention) -> bool:
    """Whether "at the age of N" or "aged N" dates a past event other than a death, or
    the age is said of a past moment ("worked until she was 85")."""
    verb = ctx.token_of(m)
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.tag_ == "VBD" and verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _PAST_MOMENT for c in verb.children):
        return True
    at_age = _AT_AGE.search(ctx.text_before(m, 16))
    if not (at_age or m.text.lower().startswith(("age of", "aged"))):
        return False
    return verb.tag_ in ("VBD", "VBN") and verb.lemma_.lower() not in ("die", "pass")


#: After a nationality word, what makes it the label of a name in that language.
_LANGUAGE_LABEL = re.compile(r"(?:[ \t]+[A-Z][a-z]+)?:")


def origins(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """A nationality word next to a person: "Russian rival Valery Borchin", "X is an
    Ecuadorian race walker", "X, a Swedish engineer"."""
    for m in ctx.mentions_in(sent, ("NORP",)):
        country = gazetteer.country_of_demonym(m.text)
        if not country:
            continue
        tok = ctx.token_of(m)
        if _LANGUAGE_LABEL.match(ctx.text, m.end):
            continue  # "(Russian: Денис ...)", "(Serbian Cyrillic: ...)": a language
        subject = _person_right_after(ctx, tok) or _described_person(ctx, tok)
        if subject is not None:
            yield ctx.fact(subject, "per:origin", country, (m.start, m.end), sent, 0.8,
                           "pattern.origin", qualifiers={"demonym": m.text})
    yield from _country_beside_name(ctx, sent)


#: Between a person's name and a country: "Lucia Ortega of Mexico", "Sifan Hassan of the
#: Netherlands"; between a country and a name: "Spain's Maria Perez".
_NAME_OF = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?")
_COUNTRYS = re.compile(r"['’]s[ \t]+")


def _country_beside_name(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """The country named right beside a person's name, as sports reports give an
    athlete's: "Lucia Ortega of Mexico", "Spain's Maria Perez" (less sure than a
    nationality word: "of" may give a residence)."""
    # names, not a company misread as a person ("Japan's Capcom Co., Ltd."); a ruler's
    # country counts ("King Carlos IV of Spain" was Spanish)
    people = [m for m in ctx.mentions_in(sent, ("PER",))
              if m.source not in ("pronoun", "nominal") and len(m.text.split()) >= 2
              and not any(w in NOT_PERSON_WORDS for w in re.findall(r"\w+", fold(m.text)))]
    if not people:
        return
    for place in ctx.mentions_in(sent, ("GPE",)):
        country = gazetteer.canonical_country(place.text)
        if country is None:
            continue
        for m in people:
            if (m.end < place.start and _NAME_OF.fullmatch(ctx.text, m.end, place.start)
                    or place.end < m.start
                    and _COUNTRYS.fullmatch(ctx.text, place.end, m.start)):
                subject = ctx.entity_at(ctx.token_of(m).i)
                if subject is not None and subject.type == "PER":
                    yield ctx.fact(subject, "per:origin", country, (place.start, place.end),
                                   sent, 0.6, "pattern.origin")


def _person_right_after(ctx: SlotContext, tok: Token, span: int = 3) -> Entity | None:
    """The person named within ``span`` tokens after ``tok`` ("Colombian coach Enrique
    Pena"), with only lowercase nouns in between."""
    for t in ctx.doc[tok.i + 1 : tok.i + 1 + span]:
        e = ctx.person_at(t.i)
        if e is not None:
            m = next((x for x in e.mentions if x.start <= t.idx < x.end), None)
            return e if m is not None and m.source not in ("pronoun",) else None
        if not (t.pos_ == "NOUN" and t.is_lower or t.lower_ in TITLE_NOUNS
                or t.lower_ in TITLE_MODIFIERS):  # "Polish Prime Minister Donald Tusk"
            return None
    return None


def _described_person(ctx: SlotContext, tok: Token) -> Entity | None:
    """The person the noun ``tok`` modifies describes: the subject of its copula ("X is
    an Ecuadorian race walker") or the name it stands beside ("X, a Swedish engineer")."""
    noun = tok.head
    if noun.dep_ == "appos":  # not "Sparta Rotterdam, a Dutch soccer club" read as a person
        return None if noun.lemma_ in ORG_NOUNS else ctx.person_at(noun.head.i)
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        for child in noun.head.children:
            if child.dep_ == "nsubj":
                return ctx.person_at(child.i)
    return None


#: Words that belong to the title they precede ("chief executive", "vice president",
#: "managing director"), which the parser often attaches as adjectives.
TITLE_MODIFIERS = frozenset(
    "chief senior vice deputy assistant managing associate executive general head "
    "principal lead prime".split()
)


#: Verbs that give someone a post: "named X (as) chief executive".
APPOINTING_VERBS = frozenset("name appoint elect promote hire choose select nominate".split())
#: Verbs whose subject holds the post after "as": "served as president", "would succeed
#: X as chief executive", "joined the firm as an engineer", "was sworn in as prime
#: minister".
SERVING_VERBS = frozenset("serve work act succeed replace remain return join swear".split())


def _title_holder(ctx: SlotContext, tok: Token) -> Entity | None:
    """The person a title noun is said of, or None."""
    if tok.dep_ == "attr" and tok.head.lemma_ in ("be", "become"):
        return subject_of(ctx, tok.head)  # "X is a race walker", "X, who will become chairman"
    if tok.dep_ == "pobj" and tok.head.lower_ == "as" or tok.dep_ == "oprd":
        # "named Marta Lindqvist as its next chief executive", "named X chairman"
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        if verb.lemma_ in APPOINTING_VERBS:
            named = [c for c in (*verb.children, *tok.children)
                     if c.dep_ in ("dobj", "nmod", "oprd")]
            return next((p for c in named if (p := ctx.person_at(c.i)) is not None), None)
        if verb.lemma_ in SERVING_VERBS and tok.dep_ == "pobj":
            return subject_of(ctx, verb)  # "Sato would succeed Toyoda as president"
    holder = _person_right_after(ctx, tok, span=1)  # "coach Enrique Pena"
    if holder is None and tok.dep_ == "appos":
        holder = ctx.person_at(tok.head.i)  # "Lindqvist, a Swedish engineer"
    if holder is None:  # "the chief executive, Guillaume Faury,"
        holder = next((p for c in tok.children
                       if c.dep_ == "appos" and (p := ctx.person_at(c.i)) is not None), None)
    return holder


def titles(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"X is an Ecuadorian race walker", "coach Enrique Pena", "Lindqvist, a Swedish
    engineer", "the chief executive, Guillaume Faury", "X will become chairman", "named
    X as its next chief executive"."""
    for tok in sent:
        # a title before a name may be capitalised: "Chancellor Olaf Scholz"
        word = (tok.lemma_.lower() if tok.pos_ == "NOUN"
                else tok.lower_ if tok.pos_ == "PROPN" else None)
        if word not in TITLE_NOUNS:
            continue
        subject = _title_holder(ctx, tok)
        if subject is None:
            continue
        start_i = tok.i
        while start_i > sent.start:
            prev, cur = ctx.doc[start_i - 1], ctx.doc[start_i]
            # "vice-president", "Secretary-General": the word the hyphen joins on
            hyphen = prev.text == "-" or (cur.text == "-" and not prev.whitespace_)
            if not (hyphen or prev.lower_ in TITLE_MODIFIERS
                    or prev.is_lower and prev.dep_ == "compound"):
                break
            start_i -= 1
        words = ctx.doc[start_i : tok.i + 1]
        # the words as written before the title noun, which is read as its lemma
        value = (words[:-1].text_with_ws + word).replace(" - ", "-").lower()
        start, end = words.start_char, tok.idx + len(tok)
        yield ctx.fact(subject, "per:title", value, (start, end), sent, 0.6, "pattern.title")


def family(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"his brother Fabián", "Perez's wife, Ana", "she is survived by a daughter, Ellen
    Cho, a sister, Ruth Baker"."""
    for tok in sent:
        slot = KINSHIP.get(tok.lower_) or KINSHIP.get(tok.lemma_.lower())
        if slot is None or tok.pos_ != "NOUN":
            continue
        owner = possessor(ctx, tok) or _survived_by(ctx, tok)
        relative = _name_after(ctx, tok)
        if owner is None or relative is None or relative[0] is owner:
            continue
        ent, m = relative
        yield ctx.fact(owner, slot, m.text, (m.start, m.end), sent, 0.8, "pattern.family",
                       obj=ent)


def _survived_by(ctx: SlotContext, noun: Token) -> Entity | None:
    """The person an obituary's "survived by" names ``noun`` a relative of, through the
    list of relatives and their names ("she is survived by a daughter, Ellen Cho, a
    sister, Ruth Baker": Ruth Baker is her sister)."""
    tok = noun
    for _ in range(8):
        if tok.dep_ == "pobj" and tok.head.dep_ == "agent" and tok.head.lower_ == "by":
            verb = tok.head.head
            return subject_of(ctx, verb) if verb.lemma_.lower() == "survive" else None
        if tok.dep_ not in ("appos", "conj") or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _name_after(ctx: SlotContext, tok: Token) -> tuple[Entity, Mention] | None:
    """The proper-name person mention right after ``tok`` (optionally after a comma)."""
    for t in ctx.doc[tok.i + 1 : tok.i + 3]:
        e = ctx.person_at(t.i)
        if e is not None:
            m = next((x for x in e.mentions if x.start <= t.idx < x.end), None)
            if m is not None and m.source not in ("pronoun", "nominal"):
                return e, m
            return None
        if t.text != ",":
            return None
    return None


def coaches(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"his school coach Manuel Ortiz and Colombian coach Enrique Pena"; "Kiptum is
    coached by Gervais Hakizimana", "Hakizimana coaches Kiptum"."""
    owner_for_sentence: Entity | None = None
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in COACH_VERBS:
            yield from _coached(ctx, sent, tok)
            continue
        if tok.lemma_.lower() not in COACH_NOUNS or tok.pos_ != "NOUN":
            continue
        named = _name_after(ctx, tok)
        if named is None:
            continue
        coach, m = named
        head = ctx.token_of(m)
        owner = possessor(ctx, tok) or possessor(ctx, head)
        if owner is None and head.dep_ == "conj":
            owner = possessor(ctx, head.head) or owner_for_sentence
        if owner is None:
            owner = nearest_person(ctx, sent, tok.i, exclude=(coach,))
        if owner is None or owner is coach:
            continue
        owner_for_sentence = owner
        yield ctx.fact(owner, "per:coach", m.text, (m.start, m.end), sent, 0.75, "pattern.coach",
                       obj=coach)


def _coached(ctx: SlotContext, sent: Span, verb: Token) -> Iterator[Fact]:
    """The athlete and the coach of a coaching verb: the passive's subject and its "by"
    ("is coached by X", "who is trained by X and Y"), the active's subject and object
    ("X coaches Y"), or the trainee and "under" ("X trains under Y"); both must be
    people named in the sentence."""
    coach_tok = athlete = None
    under = None
    for child in verb.children:
        if child.dep_ == "agent":
            coach_tok = next((t for t in child.children if t.dep_ == "pobj"), None)
        elif child.dep_ == "nsubj":
            coach_tok = child
        elif child.dep_ == "dobj":
            athlete = ctx.person_at(child.i)
        elif child.dep_ == "prep" and child.lower_ == "under":
            under = next((t for t in child.children if t.dep_ == "pobj"), None)
    if under is not None and athlete is None and verb.lemma_.lower() == "train":
        # "trains in Cuenca under former Olympic champion Jefferson Perez"
        coach_tok, athlete = under, subject_of(ctx, verb)
    if athlete is None and any(c.dep_ == "nsubjpass" for c in verb.children):
        athlete = subject_of(ctx, verb)
    if coach_tok is None or athlete is None:
        return
    # "coached by Simone Vagnozzi and Darren Cahill": each of the list
    for tok in (coach_tok, *(c for c in coach_tok.conjuncts if c.i > coach_tok.i)):
        coach = ctx.person_at(tok.i)
        if coach is None or coach is athlete:
            continue
        m = next((x for x in coach.mentions if x.start <= tok.idx < x.end), None)
        if m is None or m.source in ("pronoun", "nominal"):
            continue
        yield ctx.fact(athlete, "per:coach", m.text, (m.start, m.end), sent, 0.75,
                       "pattern.coach", obj=coach)


def schools(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """"He attended the elementary schools A and B", "entered the C, high school"."""
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in SCHOOL_VERBS:
            continue
        obj = _object_tokens(tok)
        if not any(ctx.doc[i].lemma_.lower() in SCHOOL_NOUNS for i in obj) and not any(
            ctx.doc[i].lemma_.lower() in SCHOOL_NOUNS for i in _appositive_tokens(ctx, obj)
        ):
            continue
        student = nearest_person(ctx, sent, tok.i)
        if student is None:
            continue
        names = [m for m in ctx.mentions_in(sent, ("PER", "ORG", "FAC"))
                 if ctx.token_of(m).i in obj]
        for m in names:
            ent = ctx.entity_at(ctx.token_of(m).i)
            if ent is student:
                continue
            # 0.58 of these were right on KnowledgeNet development folds (calibration.py)
            yield ctx.fact(student, "per:schools_attended", m.text, (m.start, m.end), sent, 0.55,
                           "pattern.school", obj=ent if ent is not None and ent.type == "ORG"
                           else None)
        if not names:
            run = _proper_run(ctx, obj)
            if run is not None:
                yield ctx.fact(student, "per:schools_attended", run.text,
                               (run.start_char, run.end_char), sent, 0.5, "pattern.school")


#: Dependents that open a new clause: their words are not part of the object phrase.
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "punct", "cc"})


def _object_tokens(verb: Token) -> set[int]:
    """Token indices of the verb's object phrase ("attended [the schools A and B]",
    "graduated from [X University]"), without relative clauses."""
    heads = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in
                 ("at", "from", "in", "to")):
        heads += [c for c in prep.children if c.dep_ == "pobj"]
    out: set[int] = set()
    stack = list(heads)
    while stack:
        t = stack.pop()
        out.add(t.i)
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSE_DEPS or c.dep_ == "cc")
    return out


def _appositive_tokens(ctx: SlotContext, obj: set[int]) -> set[int]:
    """"the C, high school, ...": the words of an appositive set off by commas."""
    if not obj:
        return set()
    end = max(obj) + 1
    doc = ctx.doc
    if end < len(doc) and doc[end].text == ",":
        return {t.i for t in doc[end + 1 : end + 4] if t.text != ","}
    return set()


def _proper_run(ctx: SlotContext, obj: set[int]) -> Span | None:
    """The proper-noun run inside an object phrase ("the Colegio Independencia")."""
    idx = sorted(i for i in obj if ctx.doc[i].pos_ == "PROPN")
    if not idx:
        return None
    start = end = idx[0]
    while end + 1 in obj and ctx.doc[end + 1].pos_ == "PROPN":
        end += 1
    return ctx.doc[start : end + 1]


def heights(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    for m in ctx.mentions_in(sent, ("HEIGHT",)):
        value = normalize_height(m.text)
        if not value:
            continue
        tok = ctx.token_of(m)
        subject = ctx.person_at(tok.head.i) or nearest_person(ctx, sent, tok.i)
        if subject is not None:
            yield ctx.fact(subject, "per:height", value, (m.start, m.end), sent, 0.85,
                           "pattern.height", qualifiers={"unit": "m"})


def alternate_names(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """The full name that opens a KB article, when it differs from the entry's title."""
    topic = ctx.resolution.topic
    if topic is None or sent.start != next(iter(ctx.doc.sents)).start:
        return
    for m in ctx.mentions_in(sent, ("PER",)):
        if ctx.entity_at(ctx.token_of(m).i) is topic and m.source == "ner":
            if m.text != topic.name and len(m.text.split()) > len(topic.name.split()):
                yield ctx.fact(topic, "per:alternate_names", m.text, (m.start, m.end), sent,
                               0.9, "pattern.alternate_name")
            return


def birth_names(ctx: SlotContext, sent: Span) -> Iterator[Fact]:
    """A name given at birth ("Adam Ant (born Stuart Leslie Goddard)", "born ... as
    Laura Mountney"), which coreference has joined to the person: an alternate name."""
    starts = {m.start: m for m in ctx.mentions_in(sent, ("PER",))}
    for tok in sent:
        if tok.lower_ != "born":
            continue
        for i in birth_name_starts(tok):
            m = starts.get(ctx.doc[i].idx)
            person = ctx.person_at(i) if m is not None else None
            if person is None:
                continue
            if not set(fold(m.text).split()) <= set(fold(person.name).split()):
                yield ctx.fact(person, "per:alternate_names", m.text, (m.start, m.end), sent,
                               0.8, "pattern.alternate_name")
            break


def _words(*groups) -> re.Pattern[str]:
    alternatives = sorted({w for g in groups for w in g}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, alternatives)) + r")", re.I)


#: (extractor, trigger): the extractor runs on a sentence only when its trigger matches
#: the sentence text (None: always), so most sentences are never walked token by token.
SENTENCE_EXTRACTORS = (
    (births, re.compile(r"\bborn\b", re.I)),
    (ages, None),
    (origins, None),
    (titles, _words(TITLE_NOUNS)),
    (family, _words(KINSHIP)),
    (coaches, _words(COACH_NOUNS, COACH_VERBS)),
    (schools, _words(("attend", "enter", "graduat", "stud", "enrol"))),
    (heights, None),
    (alternate_names, None),
    (birth_names, re.compile(r"\bborn\b", re.I)),
)
