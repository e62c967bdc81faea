"""Pattern extractors for the events of a person's life: lifespans, death, residence,
marriage, parents and children, religion and criminal charges.

Each extractor reads one sentence of the parse and yields Facts; :data:`LIFE_EXTRACTORS`
pairs each with a cheap text trigger, as ``patterns.SENTENCE_EXTRACTORS`` does.  Places
of birth inside "(born 3 May 1950 in Leeds)" and parents in "born ... to A and B" are
left to ``patterns.births``.
"""

from __future__ import annotations

import re

from kbp.slots.life.beliefs import charges, religions
from kbp.slots.life.common import KIN_OF, RELIGIONS
from kbp.slots.life.dates import deaths, lifespans
from kbp.slots.life.family import kin_of, marriages
from kbp.slots.life.residence import residences


# -- registry ----------------------------------------------------------------------------------
def _words(*words: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(words) + r")", re.I)


#: (extractor, trigger), as ``patterns.SENTENCE_EXTRACTORS``.
LIFE_EXTRACTORS = (
    (lifespans, re.compile(r"\([^()]*\d{3}")),
    (deaths, _words(r"di(?:ed|es|e)\b", "killed", "assassinated", "murdered", "executed",
                    "beheaded", "hanged", r"death\b")),
    (residences, _words("liv(?:e|es|ed|ing)\\b", "resid", "settl", "mov(?:e|ed|es|ing)\\b",
                        "relocat", "(?:e|im)?migrat", "gr[eo]w(?:n|s|ing)? up", "raised",
                        r",\s+of\s+\w")),
    (marriages, _words("marr", r"wed(?:s|ded|ding)?\b", "divorc")),
    (kin_of, re.compile(r"\b(?:" + "|".join(sorted(KIN_OF, key=len, reverse=True))
                        + r")s?,?\s+of\b", re.I)),
    (religions, re.compile(r"\b(?:" + "|".join(sorted(
        {w.split()[-1] for w in RELIGIONS}, key=len, reverse=True)) + r")\b", re.I)),
    (charges, _words("charg", "convict", "indict", "acquit", "sentenc", "guilty")),
)

__all__ = ["LIFE_EXTRACTORS", "charges", "deaths", "kin_of", "lifespans", "marriages",
           "religions", "residences"]
