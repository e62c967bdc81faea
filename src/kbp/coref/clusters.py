"""The clusters coreference builds before they become :class:`~kbp.types.Entity`."""

from __future__ import annotations

from kbp.kb.text import fold, initials
from kbp.nlp.frequency import zipf
from kbp.nlp.retype import is_rare_word
from kbp.types import Mention

#: Mention sources that are not names (left out of an entity's names).
NOT_NAMES = ("pronoun", "nominal")


class Cluster:
    """Mentions of one entity, growing while the document is read.

    ``gender`` ("m", "f" or None) is known for people only; ``unnamed`` marks a cluster
    made of pronouns alone ("He was born in Lima." with no name in the document).
    """

    def __init__(self, type_: str, names: tuple[str, ...] = (), topic: bool = False,
                 unnamed: bool = False, gender: str | None = None) -> None:
        self.type = type_
        self.mentions: list[Mention] = []
        self.names: list[tuple[str, ...]] = [tuple(fold(n).split()) for n in names]
        self.topic = topic
        self.unnamed = unnamed
        self.gender = gender
        self.last = -1
        #: (start, end) of mentions that give the name the person was born with
        self.birth_names: set[tuple[int, int]] = set()

    def add(self, m: Mention, proper: bool = True) -> None:
        self.mentions.append(m)
        self.last = max(self.last, m.start)
        if proper:
            self.names.append(tuple(fold(m.text).split()))

    def count_before(self, char: int) -> int:
        return sum(1 for m in self.mentions if m.start < char)

    def fits(self, gender: str | None) -> bool:
        """Whether a pronoun of ``gender`` may refer to this cluster."""
        return gender is None or self.gender is None or self.gender == gender


def person_match(name: tuple[str, ...], cluster: Cluster) -> bool:
    """Whether the folded name ``name`` is a variant of one of the cluster's names."""
    if not name:
        return False
    for other in cluster.names:
        if name == other:
            return True
        if len(name) == 1:
            # a lone given name or surname matches either end of a full name
            if name[0] in (other[0], other[-1]) or name[0] in other[1:-1] and len(other) > 2:
                return True
        elif set(name) <= set(other) or (len(other) > 1 and set(other) <= set(name)):
            return True
    return False


#: A company's legal form, folded: "Apple Inc." is "Apple".
LEGAL_FORMS = frozenset(
    "corporation corp corp. company co co. inc inc. incorporated ltd ltd. limited plc ag "
    "sa s.a. se nv n.v. gmbh llc".split())
#: Words that often follow a company's own name ("Nissan Motor Co.", "Volkswagen Group"):
#: the first word alone names the company when it is no common word ("General Motors").
COMPANY_TAIL = LEGAL_FORMS | frozenset(
    "motor motors group holding holdings industries international enterprises technology "
    "technologies systems".split())
#: Zipf frequency from which a first word is too common to name a company on its own.
COMMON_FIRST_WORD = 4.6


def organisation_match(mention: Mention, key: tuple[str, ...], cluster: Cluster) -> bool:
    """Whether an organisation's name ``key`` (folded words of ``mention``) is one of the
    cluster's names, its first word when that is rare ("Activision" for "Activision
    Blizzard") or all the rest is generic ("Nissan" for "Nissan Motor Co.") or,
    written in capitals, its initials ("IAAF" for "International Association of
    Athletics Federations")."""
    if key in cluster.names:
        return True
    if len(key) != 1:
        return False
    if any(len(other) > 1 and key[0] == other[0] and _first_word_names(other)
           for other in cluster.names):
        return True
    return len(mention.text) > 1 and mention.text.isupper() and any(
        initials(m.text) == mention.text for m in cluster.mentions if " " in m.text)


def _first_word_names(name: tuple[str, ...]) -> bool:
    """Whether the first word of an organisation's folded name names it alone: a rare
    word ("Activision Blizzard"), one before a legal form only ("Apple Inc."), or one
    that is no common word before generic words ("Nissan Motor Co.", not "General
    Motors")."""
    first, rest = name[0], set(name[1:])
    return (is_rare_word(first) or rest <= LEGAL_FORMS
            or rest <= COMPANY_TAIL and zipf(first) < COMMON_FIRST_WORD)
