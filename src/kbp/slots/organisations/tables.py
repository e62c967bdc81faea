"""Tables of the organisation extractors: title words, verbs and nouns."""

from __future__ import annotations

import re

# -- tables --------------------------------------------------------------------------------

#: Leading positions: the holder is one of the organisation's top members.
TOP_TITLES = frozenset({
    "ceo", "c.e.o.", "chief executive", "chief executive officer", "president",
    "chairman", "chairwoman", "chairperson", "chair", "co-chairman", "co-chair",
    "vice chairman", "vice-chairman", "executive chairman", "vice president",
    "vice-president", "executive vice president", "senior vice president",
    "managing director", "executive director", "director general", "director-general",
    "general manager", "chief operating officer", "coo", "chief financial officer", "cfo",
    "chief technology officer", "cto", "chief information officer", "cio",
    "chief marketing officer", "cmo", "director", "owner", "publisher", "editor-in-chief",
    "editor in chief", "dean", "rector", "provost", "secretary general", "secretary-general",
    "general secretary", "chief economist", "principal", "superintendent", "commissioner",
    "governor", "administrator", "managing partner", "senior partner",
})
#: Founders: the holder founded the organisation (org:founded_by as well).
FOUNDER_TITLES = frozenset({"founder", "co-founder", "cofounder", "founding member",
                            "founding director", "founding partner"})
#: Other positions and memberships: employee or member only.
STAFF_TITLES = frozenset({
    "member", "employee", "professor", "associate professor", "assistant professor",
    "full professor", "emeritus professor", "professor emeritus", "lecturer",
    "senior lecturer", "researcher", "research scientist", "research fellow", "fellow",
    "scientist", "engineer", "software engineer", "analyst", "consultant", "adviser",
    "advisor", "economist", "editor", "senior editor", "reporter", "correspondent",
    "columnist", "journalist", "producer", "designer", "developer", "programmer",
    "manager", "executive", "partner", "head", "coach", "head coach", "player",
    "captain", "spokesman", "spokeswoman", "spokesperson", "treasurer", "secretary",
    "trustee", "board member", "instructor", "teacher", "curator", "attorney",
    "general counsel", "physician", "surgeon", "conductor", "associate", "staff writer",
    "writer", "anchor", "presenter", "commentator", "officer",
    # occupations: "a physicist at CERN", "Yale University psychologist Stanley Milgram"
    "mathematician", "physicist", "chemist", "biologist", "astronomer", "historian",
    "philosopher", "sociologist", "psychologist", "anthropologist", "linguist", "geologist",
    "astronaut", "pilot", "architect", "banker", "chef", "diplomat",
})
#: Occupations named by a science: "physicist of X" is not an employer.
SCIENTISTS = frozenset({"mathematician", "physicist", "chemist", "biologist", "astronomer",
                        "historian", "philosopher", "sociologist", "psychologist",
                        "anthropologist", "linguist", "geologist"})
TITLES = TOP_TITLES | FOUNDER_TITLES | STAFF_TITLES
#: Titles whose "of" phrase names a field rather than an employer ("professor of physics").
ACADEMIC_TITLES = frozenset({"professor", "associate professor", "assistant professor",
                             "full professor", "emeritus professor", "professor emeritus",
                             "lecturer", "senior lecturer", "fellow", "research fellow",
                             *SCIENTISTS})
#: Chief executives: their title may also take "for" ("CEO for CareerBuilder.com").
CEO_TITLES = frozenset({"ceo", "c.e.o.", "chief executive", "chief executive officer"})

#: Nouns an "of" may pass through between a title and its organisation ("chairman of
#: the board of Y", "a member of the faculty of Y").
OF_CHAIN_NOUNS = frozenset({"board", "faculty", "staff", "directors", "trustees",
                            "governors", "regents", "department", "team"})

#: Employment verbs (lemma) -> prepositions that introduce the employer ("" for a
#: direct object).
EMPLOYMENT_VERBS: dict[str, frozenset[str]] = {
    "work": frozenset({"for", "at"}),
    "join": frozenset({""}),
    "rejoin": frozenset({""}),
    "play": frozenset({"for"}),
    "sign": frozenset({"for", "with"}),
    "teach": frozenset({"at"}),
    "elect": frozenset({"to"}),
    "employ": frozenset({"by", "at"}),
    "hire": frozenset({"by"}),
    "serve": frozenset({"on", "in", "with"}),
    "resign": frozenset({"from"}),
    "retire": frozenset({"from"}),
}

#: Founding verbs (lemma); "form", "create", "launch" and "start" need an ORG object.
FOUNDING_VERBS = frozenset({"found", "co-found", "cofound", "establish", "form", "create",
                            "launch", "start", "incorporate", "set"})

#: Words after which "in Z" gives an organisation's headquarters ("office" only after
#: "head" or "main"; "located" and "situated" only with the organisation as subject).
HQ_WORDS = frozenset({"headquartered", "based", "headquarters", "hq", "office", "located",
                      "situated"})

#: Nouns that make an organisation part of another ("a subsidiary of Z").
PART_NOUNS = frozenset({"subsidiary", "division", "unit", "arm", "imprint", "subsidiaries",
                        "affiliate", "part", "branch", "brand", "label"})
#: Of these, the words that also make a place part of another ("part of the German
#: Riviera", "a unit of the Tongass National Forest"): they need a company's name.
WEAK_PART_NOUNS = frozenset({"part", "unit", "branch"})
#: Words that make a name a company's ("Tata Group", "Calian Ltd.").
COMPANY_WORDS = re.compile(
    r"\b(?:group|holdings?|inc|incorporated|corp|corporation|company|co|companies|ltd|"
    r"limited|llc|plc|ag|sa|gmbh|nv|bv|enterprises|industries|partners|bank|media|"
    r"entertainment|systems|technologies|communications|networks?|brands|international)\b",
    re.I)
#: Verbs by which an organisation comes to own another.
OWNING_VERBS = frozenset({"acquire", "buy", "purchase", "own"})

#: Party adjectives and nouns that name a party on their own ("Republican senator").
PARTY_WORDS = re.compile(
    r"^(?:democrat(?:ic)?|republican|labou?r|conservative|liberal|tory|socialist|"
    r"communist|green|libertarian|whig|federalist|unionist|nationalist|social democrat(?:ic)?|"
    r"christian democrat(?:ic)?|peronist)s?$", re.I)
#: A party's name inside an ORG mention.
PARTY_NAME = re.compile(r"\b(?:part(?:y|ies|i|ido|ito|ei))\b", re.I)
#: Nouns for a politician, modified by a party word ("a Democratic senator").
POLITICIAN_NOUNS = frozenset(
    "politician member senator congressman congresswoman representative candidate leader "
    "mp legislator lawmaker deputy councillor councilor councilman councilwoman mayor "
    "governor nominee delegate activist minister premier chairman president assemblyman "
    "assemblywoman alderman".split())

#: Nouns that refer back to an organisation ("the company was founded in 1990").
ORG_ANAPHORS = frozenset({"company", "firm", "organization", "organisation", "corporation",
                          "group", "band", "business", "agency", "institute", "society",
                          "association", "charity", "foundation", "club", "label",
                          "publisher", "newspaper", "magazine", "bank", "airline",
                          "network", "studio", "university", "college", "school"})

_ORG = ("ORG",)
_PER = ("PER",)
_POSSESSIVE = re.compile(r"\s*['\u2019]s?$")


_TITLE_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(sorted(map(re.escape, TITLES), key=len, reverse=True))
    + r")(?![\w-])", re.I)
