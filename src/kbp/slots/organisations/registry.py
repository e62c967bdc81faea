"""The (extractor, trigger) table of the organisation extractors."""

from __future__ import annotations

import re

from kbp.slots.organisations.aliases import _with_aliases, alternate_names
from kbp.slots.organisations.founding import founding
from kbp.slots.organisations.ownership import parents
from kbp.slots.organisations.people import employment, leaders, parties, person_of_org
from kbp.slots.organisations.places import headquarters
from kbp.slots.organisations.tables import _TITLE_RE


# -- registration ------------------------------------------------------------------------
def _words(words, prefix: bool = False) -> re.Pattern[str]:
    """A trigger: any of ``words`` at the start of a word ("Tokyo-based" counts), whole
    words unless ``prefix``."""
    alternatives = sorted(set(words), key=len, reverse=True)
    tail = "" if prefix else r"(?!\w)"
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + ")" + tail,
                      re.I)


#: (extractor, trigger) pairs, appended to the person extractors' table by
#: :mod:`kbp.slots.extract`.
ORG_EXTRACTORS = (
    (_with_aliases(leaders), _TITLE_RE),
    (_with_aliases(employment), _words(("work", "join", "rejoin", "play", "sign", "teach",
                                        "taught", "elect", "employ", "hire", "serve",
                                        "served", "serving", "resign", "retir"), prefix=True)),
    (_with_aliases(person_of_org), re.compile(r"\bof\b")),
    (_with_aliases(founding), _words(("found", "co-found", "cofound", "establish", "form",
                                      "creat", "launch", "start", "set up", "incorporat",
                                      "inception"), prefix=True)),
    (_with_aliases(headquarters), _words(("headquarter", "based", "head office",
                                          "main office", "hq", "located", "situated"),
                                         prefix=True)),
    (_with_aliases(parents), _words(("subsidiar", "division", "unit", "arm", "imprint",
                                     "affiliate", "part of", "branch", "brand", "label",
                                     "parent", "daughter", "acquir", "bought", "buy",
                                     "purchas", "own"), prefix=True)),
    (alternate_names, re.compile(r"\(")),
    (parties, _words(("party", "parti", "democrat", "republican", "labour", "labor",
                      "conservative", "liberal", "tory", "tories", "socialist", "communist",
                      "green", "libertarian", "whig", "federalist", "unionist", "nationalist",
                      "peronist"), prefix=True)),
)
