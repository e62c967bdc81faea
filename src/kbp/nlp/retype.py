"""Mention types the statistical model gets wrong and the text itself shows: a name's
position in its sentence ("marathon runner Marta Quispe" is a person, "the company
Bancard" an organisation, "born in Kapsisiywa" a place), a part of a person's full name,
and a number between commas after a name (an age).  Each rule reads the mention and
the characters around it, so it holds for any English text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kbp.kb.text import fold, without_legal_form
from kbp.nlp import gazetteer
from kbp.nlp.frequency import zipf
from kbp.types import Document, Mention

__all__ = ["NAME_BEFORE_COMMA", "NOT_PERSON_WORDS", "OCCUPATIONS", "ORG_NOUNS", "PERSON_CUES",
           "PLACE_PREPOSITIONS", "SPORT_DOC_WORDS", "SPORT_WORDS", "appositive_ages",
           "is_rare_word", "org_by_position", "retype", "sports_report"]

#: Words after which a known place's name is a place ("born in Arequipa").
PLACE_PREPOSITIONS = frozenset({"in", "from", "near", "at", "to"})

#: Nouns that, placed right before an unlabelled proper name, say it is a person.
PERSON_CUES = frozenset(
    "coach trainer rival teammate brother sister father mother son daughter wife husband "
    "president chancellor premier minister senator governor mayor chairman director "
    "manager player athlete striker defender midfielder goalkeeper "
    "champion winner runner walker driver author actor actress singer leader spokesman "
    "spokeswoman musician rapper guitarist drummer pianist composer painter sculptor "
    "novelist poet journalist photographer comedian filmmaker "
    "mr mrs ms dr sir".split()
)
#: Occupations and roles: a noun that describes a person ("the Swedish chemist"), and the
#: titles :mod:`kbp.slots.patterns` reads.
OCCUPATIONS = frozenset(
    "walker racewalker athlete runner sprinter swimmer cyclist skier boxer wrestler footballer "
    "golfer player coach trainer manager president minister senator governor mayor chairman "
    "chairwoman director executive officer secretary ambassador judge lawyer journalist "
    "editor writer author novelist poet actor actress singer musician composer painter "
    "architect engineer scientist physicist chemist economist professor teacher doctor "
    "surgeon nurse priest bishop pastor rabbi imam general admiral colonel captain soldier "
    "pilot astronaut founder entrepreneur businessman businesswoman politician diplomat "
    "spokesman spokeswoman commissioner chancellor premier king queen prince princess".split()
)
#: Words of sports reports.
SPORT_WORDS = frozenset(
    "team match matches cup league rugby cricket football soccer hockey squad scored "
    "defeated beat coach captain tournament championship season played innings wickets "
    "tries goals test tests qualifier fixture".split()
)
#: A document with this many different sports words is a sports report, where a country
#: or a city is often a team even in a sentence with no sports word ("Great Britain won
#: 24-10").
SPORT_DOC_WORDS = 3


def sports_report(text: str) -> bool:
    """Whether ``text`` has :data:`SPORT_DOC_WORDS` different :data:`SPORT_WORDS`."""
    return len(SPORT_WORDS.intersection(re.findall(r"[a-z]+", text.lower()))) >= SPORT_DOC_WORDS


#: kbp types of names (not values).
_NAME_TYPES = frozenset({"PER", "ORG", "GPE", "LOC", "FAC", "NORP"})


def retype(mentions: list[Mention], people: tuple[str, ...], text: str) -> list[Mention]:
    """Relabel what the model gets wrong and the document itself shows:

    - a name with a company's legal form, and the same name without it, is an
      organisation ("Pfizer Inc." as a place, "joined Pfizer" as a person; not the
      first word of any organisation's name: "Pew" beside "the Pew Law Center" is the
      man who founded it);
    - a name ending in a generational suffix ("Vinicius Junior", "Martin Luther King
      Jr.") is a person;
    - a part of a person's full name tagged as a place or organisation ("Pérez" as GPE
      beside "Jefferson Leonardo Pérez Quezada") is a person, and so is a full name
      tagged as a place whose last word the text calls a person ("Guillaume Faury" as
      LOC beside "Faury said");
    - a known city or country after "in"/"from" tagged as an organisation or person
      ("born in Arequipa" as ORG) is a place, and so is a known place after a city and
      a comma ("Salvador, Bahia" with "Bahia" a person) and any name right after "born
      in" ("born in Kapsisiywa") or a place noun and "of" ("the state of Pernambuco");
    - two or three capitalised words where a person's name stands (see
      :func:`_person_by_position`: "marathon runner Marta Quispe", "married to Cecilia
      Morel", "Ethiopia's Tigist Assefa") are a person, unless they are a known place or
      hold a word of another kind of name ("coach Real Madrid FC", "Britain's Royal
      Navy");
    - one to three capitalised words right after an organisation noun, "shares of" or
      a job held there ("chief at", "founder of"), or before "was founded in/by", are
      an organisation ("the credit card company Bancard" as GPE, "the band Coldplay",
      "Shares of Nvidia", "a finance chief at Netflix", "Seagen was founded in 1997"),
      and so are one to three before a possessive of what only a company has ("Ford's
      shares rose"), unless they are a known place;
    - in a sports report, a place or person where a club stands is a team, an
      organisation: after "signed for", "scored for", "joined" ("joined Barcelona from
      Bayern Munich", "equalised for Madrid"), before a player's or coach's role
      ("Barcelona coach Hansi Flick"), or beside a match verb with a score ("Barcelona
      beat Madrid 3-1"; a person who beats another stays a person);
    - a name of two or more words retyped by its position, and a known place found
      after "in", are retyped wherever else the text gives them ("visits Kyiv" as a
      person in a headline, "arrived in Kyiv" below).
    """
    # a name with a legal form is a company, and so is that name without it ("Pfizer
    # Inc." as a place, "joined Pfizer in 1993" as a person)
    companies = {fold(short) for m in mentions
                 if (short := without_legal_form(m.text)) != m.text}
    mentions = [replace(m, type="ORG") if m.type in _NAME_TYPES and (
        fold(m.text) in companies or fold(without_legal_form(m.text)) in companies)
        else m for m in mentions]
    names = [set(fold(m.text).split()) for m in mentions if m.type == "PER"]
    names = [n for n in names if len(n) > 1] + [set(fold(p).split()) for p in people]
    # one-word names of people: a surname the text calls someone by ("Faury said")
    surnames = {fold(m.text) for m in mentions if m.type == "PER" and " " not in m.text}
    out = []
    placed: dict[str, str] = {}  # name -> the type its position gave it
    confirmed: set[str] = set()  # organisations whose position confirms their type
    sports = sports_report(text)
    for k, m in enumerate(mentions):
        if m.type in ("GPE", "ORG", "LOC", "FAC", "NORP"):
            key = set(fold(m.text).split())
            if key and any(key <= n for n in names) and (
                    not gazetteer.is_place(m.text) or _APPOSITIVE_AGE.match(text, m.end)):
                m = replace(m, type="PER")  # a known place only with an age after it:
                # "Montenegro, 51, a lawyer" beside "Luis Montenegro"
            elif m.type != "ORG" and _ends_in_surname(m, surnames):
                m = replace(m, type="PER")
            elif _GENERATIONAL.search(m.text) and len(m.text.split()) <= 4:
                m = replace(m, type="PER")  # "Vinicius Junior" as an organisation
        if m.type in ("ORG", "FAC", "PER") and len(m.text.split()) <= 3:
            before = text[max(0, m.start - 6) : m.start].lower().split()
            if before and before[-1] in PLACE_PREPOSITIONS and gazetteer.is_place(m.text):
                m = replace(m, type="GPE")
                placed[m.text] = "GPE"
            elif _after_city(m, text) and gazetteer.is_place(m.text):
                m = replace(m, type="GPE")  # "in Salvador, Bahia" with "Bahia" a person
            elif m.type != "FAC" and _BORN_IN.search(text, max(0, m.start - 12), m.start):
                m = replace(m, type="GPE")  # "born in Kapsisiywa": a place, known or not
            elif _PLACE_OF.search(text, max(0, m.start - 20), m.start):
                m = replace(m, type="GPE")  # "the state of Pernambuco" as a person
            elif (out and out[-1].type == "PER" and text[out[-1].end : m.start] == ", of "
                  and text[m.end : m.end + 1] in (",", ".")):
                m = replace(m, type="GPE")  # "Daniel Hughes, of Bedminster, appeared"
        if m.type in ("ORG", "FAC", "GPE", "LOC", "NORP") and _person_by_position(m, text):
            m = replace(m, type="PER")
            placed[m.text] = "PER"
        elif m.type in ("PER", "FAC", "GPE", "LOC", "NORP") and (
                org_by_position(m, text) or _joined_to_org(m, out, placed, text)):
            # the rest of the name, which the model left out: "the Danish company
            # Bavarian Nordic" read as the nationality "Bavarian"
            limit = mentions[k + 1].start if k + 1 < len(mentions) else len(text)
            rest = _NAME_REST.match(text, m.end, limit)
            end = rest.end() if rest and len(m.text.split()) + len(rest.group().split()) <= 3 \
                else m.end
            m = replace(m, type="ORG", end=end, text=text[m.start:end])
            placed[m.text] = "ORG"
        elif sports and m.type in ("PER", "GPE", "LOC", "FAC") and _team_by_position(m, text):
            m = replace(m, type="ORG")
        elif m.type == "ORG" and org_by_position(m, text):
            confirmed.add(m.text)  # typed so already: "LISBON - Tessera, a Lisbon-based
            # maker", read from its position when mentions were found
        out.append(m)
    for name in confirmed:
        placed.setdefault(name, "ORG")  # not before: no list runs on from it
    # the same name elsewhere in the text is the same kind of thing ("Activision
    # Blizzard" as a person in the headline, "the publisher Activision Blizzard" below);
    # a one-word name only when it is a known place seen after "in" ("visits Kyiv" and
    # "arrived in Kyiv") or an organisation that is no known place ("Shares of Nvidia"
    # and "Nvidia, based in ..." as a place); a one-word person's name is too often
    # shared (a surname, a family's company)
    return [replace(m, type=placed[m.text])
            if m.text in placed and m.type in _NAME_TYPES
            and (len(m.text.split()) > 1 or placed[m.text] == "GPE"
                 or placed[m.text] == "ORG" and not gazetteer.is_place(m.text))
            else m for m in out]


#: Words that make a name after a role noun or a country's possessive something else than
#: a person ("coach Real Madrid FC", "Britain's Royal Navy", "Kenya's Rift Valley").
NOT_PERSON_WORDS = frozenset(
    "fc club team united city association federation union league council committee "
    "ministry party university college school institute company corporation inc ltd "
    "group bank agency foundation society navy army force forces airways airlines "
    "river lake mountain mountains valley sea island islands park museum stadium "
    "airport bridge county street road avenue boulevard square hospital hall sound bay "
    "cup prize award trophy centre center theatre theater cruises holding holdings".split()
)
#: The suffix of a name shared by a parent and child: only people have one.
_GENERATIONAL = re.compile(r"\S[ \t]+(?:,[ \t]*)?(?:Junior|Júnior|Jr\.?|Jnr\.?|Senior|Sr\.?)$")
_BORN_IN = re.compile(r"\bborn (?:in|at)\s+$")
#: A lower-case place noun and "of" right before a name, or what only a place has: "the
#: northeastern state of Pernambuco", "the city of Bari", "mayor of Eugene", "her home in
#: Eugene".
_PLACE_OF = re.compile(r"\b(?:(?:state|province|region|county|city|town|village|district|"
                       r"municipality|prefecture|mayor|outskirts|suburbs|residents) of|"
                       r"homes? in)[ \t]+$")
_LAST_WORD = re.compile(r"(\w+)\.?[ \t]+$")
_FOUNDED_BY = re.compile(r"\b(?:co-)?founded (?:in \d{4} )?by[ \t]+$")
_NEXT_WORD = re.compile(r"[ \t]+([\w-]+)")
#: Roles after an organisation's name beyond the occupations: "Red Bull CEO", "a Pixar
#: co-founder", "Teamsters head", "an Orange County local".
_ORG_ROLES = frozenset("ceo cfo co-founder owner head member local publisher leader".split())
_MARRIED = re.compile(r"\b(?:(?:married|marry|marries|marrying|wed|weds|divorced)(?: to)?|"
                      r"(?:coached|trained|mentored) by)[ \t]+$")
_POSSESSIVE = re.compile(r"([A-Z][\w.]*(?: [A-Z][\w.]*)*)['’]s[ \t]+$")


#: Nouns that, right before a name, say it names an organisation ("the credit card
#: company Bancard", "the band Coldplay", "the club Barcelona", "Google parent Alphabet").
ORG_NOUNS = frozenset(
    "company firm airline carrier bank club newspaper broadcaster party band label group "
    "retailer manufacturer maker automaker carmaker startup charity network agency brand "
    "conglomerate insurer publisher magazine team parent subsidiary unit division".split()
)


#: Capitalised words right after a name, on the same line.
_NAME_REST = re.compile(r"(?:[ \t]+[A-Z][\w&'’-]*)+")
_SHARES_OF = re.compile(r"\b[Ss]hares (?:of|in)[ \t]+$")
#: What only a company owns, after a name's possessive: "Ford's shares rose", "Splunk's
#: chief executive".
_COMPANY_OWNS = re.compile(r"['’]s[ \t]+(?:shares|stock|share price|market value|"
                           r"quarterly|annual (?:profit|revenue|report)|shareholders|"
                           r"chief executive|ceo|cfo|board of directors|headquarters)\b",
                           re.IGNORECASE)
#: A description of a business after a name: "Tessera, a Lisbon-based maker of software"
#: (the noun after "-based" tells a business from a person).
_BASED = re.compile(r",[ \t]+an?[ \t]+(?:[\w.'’]+[ \t]+)?[\w.'’-]+-based[ \t]+(?:[a-z-]+[ \t]+)?"
                    r"([a-z]+)\b")
#: A name that is founded: "Seagen was founded in 1997", "Acme, established in 1990".
_FOUNDED = re.compile(r",?[ \t]+(?:(?:was|is|had been)[ \t]+)?(?:founded|established|"
                      r"incorporated|set up)[ \t]+(?:in|by|on)\b")


#: A job held at an organisation right before a name: "a finance chief at Netflix", "an
#: engineer at Nvidia", "chief executive of Peloton".
_ROLE_AT = re.compile(
    r"\b(?:(?:chief|executive|officer|engineer|analyst|economist|professor|researcher|"
    r"scientist|manager|employee|worker|spokesman|spokeswoman|spokesperson|lawyer|"
    r"strategist|editor|reporter|correspondent|banker|trader|consultant|lecturer|"
    r"partner|intern) at|(?:chief executive|ceo|cfo|founder|co-founder|chairman|"
    r"chairwoman) of)[ \t]+(?:the[ \t]+)?$", re.IGNORECASE)


#: A place noun right after a name: "the CEO of Netanya city hall".
_PLACE_AFTER = re.compile(r"[ \t]+(?:city|town|county|state|province|region|district)\b")


def org_by_position(m: Mention, text: str) -> bool:
    """Whether one to three capitalised words stand where an organisation's name does:
    after "shares of", an organisation noun or a job held there, before a possessive of
    what only a company has, "was founded" or ", a Lisbon-based maker" (see
    :func:`retype`)."""
    words = m.text.split()
    if not 1 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    if _SHARES_OF.search(text, max(0, m.start - 12), m.start):
        return True  # "Shares of Nvidia rose": a listed company
    if _COMPANY_OWNS.match(text, m.end) and not gazetteer.is_place(m.text):
        return True  # "Ford's shares rose"
    if (_ROLE_AT.search(text, max(0, m.start - 30), m.start)
            and not _PLACE_AFTER.match(text, m.end) and not gazetteer.is_place(m.text)
            and not gazetteer.country_of_demonym(m.text)):
        return True  # "a former finance chief at Netflix" as a place
    if _FOUNDED.match(text, m.end) and not gazetteer.is_place(m.text):
        return True  # "Seagen was founded in 1997 by ...": no person is founded
    based = _BASED.match(text, m.end)
    if based and based.group(1).lower() not in OCCUPATIONS | PERSON_CUES and (
            not gazetteer.is_place(m.text)):
        return True  # "Tessera, a Lisbon-based maker of software" (not "a London-based
        # lawyer")
    before = _LAST_WORD.search(text[max(0, m.start - 20) : m.start])
    return before is not None and before.group(1) in ORG_NOUNS  # lower case: a noun


#: What joins two items of a list of names: ", ", " and ", ", or ".
_CONJUNCTION = re.compile(r",?[ \t]+(?:and|or)[ \t]+|,[ \t]+")


def _joined_to_org(m: Mention, before: list[Mention], placed: dict[str, str],
                   text: str) -> bool:
    """Whether ``m`` is the next item of a list whose previous item was typed an
    organisation by its position ("a finance chief at Netflix and Spotify"), and is no
    known place."""
    if not before or placed.get(before[-1].text) != "ORG":
        return False
    return (_CONJUNCTION.fullmatch(text, before[-1].end, m.start) is not None
            and not gazetteer.is_place(m.text))


#: A name and a comma right before a mention: "Salvador, " in "Salvador, Bahia".
NAME_BEFORE_COMMA = re.compile(r"([A-Z][\w.'-]*(?:[ \t][A-Z][\w.'-]*){0,2}),[ \t]*$")


def _after_city(m: Mention, text: str) -> bool:
    """Whether a known city and a comma stand right before the mention."""
    city = NAME_BEFORE_COMMA.search(text, max(0, m.start - 40), m.start)
    return city is not None and gazetteer.country_of_city(city.group(1)) is not None


def _ends_in_surname(m: Mention, surnames: set[str]) -> bool:
    """Whether two or three capitalised words end in a word the text calls a person by
    alone ("replacing Guillaume Faury" read as a place, "Faury said"), and are no known
    place nor hold a word of another kind of name ("Lake Victoria")."""
    words = m.text.split()
    return (2 <= len(words) <= 3 and all(w[:1].isupper() for w in words)
            and fold(words[-1]) in surnames and not gazetteer.is_place(m.text)
            and not any(w in NOT_PERSON_WORDS for w in fold(m.text).split()))


def _role_next(m: Mention, text: str) -> bool:
    """Whether a role follows the name, which makes the name its organisation's:
    "founded by Unification Church founder Sun Myung Moon", "by Carnegie Mellon
    professor Red Whittaker"."""
    word = _NEXT_WORD.match(text, m.end)
    return word is not None and word.group(1).lower() in OCCUPATIONS | PERSON_CUES | _ORG_ROLES


def _person_by_position(m: Mention, text: str) -> bool:
    """Whether two or three capitalised words stand where a person's name does: after a
    role noun ("marathon runner Marta Quispe"), after "married (to)" ("married to
    Cecilia Morel", tagged as an organisation by the model) or "coached by" ("coached
    by Simone Vagnozzi"), after "founded by"
    ("founded by RJ Scaringe") or after a country's possessive ("Ethiopia's Tigist
    Assefa", tagged as a facility)."""
    words = m.text.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    left = text[max(0, m.start - 40) : m.start]
    before = _LAST_WORD.search(left)
    founded_by = _FOUNDED_BY.search(left) is not None and not _role_next(m, text)
    if not (before is not None and before.group(1).lower() in PERSON_CUES
            or _MARRIED.search(left) or founded_by):
        owner = _POSSESSIVE.search(left) if m.type in ("ORG", "FAC") else None
        if owner is None or gazetteer.canonical_country(owner.group(1)) is None:
            return False
    return not (gazetteer.is_place(m.text)
                or any(w in NOT_PERSON_WORDS for w in fold(m.text).split()))


#: Before a club's name: "signed for Everton", "joined Barcelona from Bayern Munich".
_TEAM_BEFORE = re.compile(
    r"\b(?:(?:signed|signs|signing|plays|played|playing|scored|scores|scoring|equali[sz]ed|"
    r"equali[sz]es|loaned(?: out)?|transferred) (?:for|to|with)|(?:twice|again|once) "
    r"for|on loan (?:at|from|to|with)|(?:joined|joins|joining|left|leaves|leaving)"
    r"(?: [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2} from)?)[ \t]+$")
#: A player's or coach's role after a club's name: "Barcelona coach Hansi Flick".
_TEAM_ROLE_AFTER = re.compile(
    r"[ \t]+(?:coach|manager|boss|captain|striker|forward|winger|midfielder|defender|"
    r"goalkeeper|keeper|fans|supporters|teammates?|squad)\b")
#: A match verb between two teams, with the score after them: "Barcelona beat Real
#: Madrid 3-1"; "lost to" needs no score ("lost 2-0 to Kenya", "lost to Kenya").
_MATCH_AFTER = re.compile(
    r"[ \t]+(?:beat|beats|defeated|defeats|thrashed|edged|drew (?:with|against)|lost to)"
    r"\b[^.;\n]{0,40}?\b\d{1,3}[–-]\d{1,3}\b")
_MATCH_BEFORE = re.compile(r"\b(?:beat|beats|defeated|defeats|thrashed|edged|drew (?:with|"
                           r"against))[ \t]+$")
_LOST_TO = re.compile(r"\blost(?: \d{1,3}[–-]\d{1,3})? to[ \t]+$")
_SCORE_AFTER = re.compile(r"[^.;\n]{0,30}?\b\d{1,3}[–-]\d{1,3}\b")


def _team_by_position(m: Mention, text: str) -> bool:
    """Whether a name stands where a club does in a sports report (see :func:`retype`);
    a person only after a club's verb ("joined Al Nassr"), since players beat players."""
    left = text[max(0, m.start - 50) : m.start]
    if _TEAM_BEFORE.search(left):
        return True
    if m.type == "PER":
        return False
    if _TEAM_ROLE_AFTER.match(text, m.end):
        return True
    return bool(_MATCH_AFTER.match(text, m.end) or _LOST_TO.search(left)
                or _MATCH_BEFORE.search(left) and _SCORE_AFTER.match(text, m.end))


#: ", 65," right after a person's name: the news style for an age.
_APPOSITIVE_AGE = re.compile(r",[ \t]+(1[5-9]|[2-9][0-9]|10[0-9]),")


def appositive_ages(document: Document, mentions: list[Mention]) -> list[Mention]:
    """"Scholz, 65, a Social Democrat": the number after a person's name between commas
    is the person's age (the model reads it as a cardinal or a date)."""
    ages = []
    for m in mentions:
        found = _APPOSITIVE_AGE.match(document.text, m.end) if m.type == "PER" else None
        if found:
            a, b = found.span(1)
            ages.append(Mention(document.id, a, b, found.group(1), "AGE", source="ruler"))
    if not ages:
        return mentions
    kept = [m for m in mentions if not any(m.start < x.end and x.start < m.end for x in ages)]
    return sorted(kept + ages, key=lambda m: m.start)


#: Under this Zipf frequency (wordfreq) a word is rare enough to stand for the name it
#: opens: "Activision" (3.0) for Activision Blizzard, not "United" or "General" (5.5).
RARE_ZIPF = 3.5


def is_rare_word(word: str) -> bool:
    """Whether ``word`` is rare enough in English to stand for the name it opens."""
    return zipf(word) < RARE_ZIPF


