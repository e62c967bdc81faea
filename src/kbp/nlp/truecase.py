"""Headline truecasing: a title-cased or upper-case headline read in sentence case.

The statistical NER model leans on capitals: in "Peruvian Federation Names New
Director" it tags "Peruvian Federation Names New" as one organisation, and in
"Jefferson Perez Triumphs at Final Olympic Race" it adds "Final Olympic Race".  The
story under a headline says how each of its words is written in running text, so the
headline is rewritten word by word before parsing:

- a word the body writes mid-sentence takes the body's most frequent form
  ("Federation" -> "federation", "Olympic" stays);
- a word the body does not use is lower-cased when it is a common English word
  (wordfreq) and not a known place or nationality ("Names" -> "names"); other words
  (rare names, "iPhone") keep their case, and so does an acronym in a title-cased
  headline ("IAAF");
- the first word keeps its capital, as a sentence's would.

Only the case of letters changes and only where the lower-case form has the same
length, so every character offset into the document still holds.  Hand-written rather
than a statistical truecaser: none on PyPI ships a model that runs offline, and the
body of the same story is better evidence than corpus statistics.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from kbp.nlp import gazetteer
from kbp.nlp.frequency import zipf

__all__ = ["is_title_cased", "truecase_headlines"]

_WORD = re.compile(r"[^\W\d_]+")
#: Words that stay lower case in a title-cased headline and say nothing about it.
_MINOR = frozenset(
    "a an and as at but by for from in into nor of off on onto or over per the than to "
    "up upon via vs with".split()
)
#: A word this common in English (Zipf scale, wordfreq) is a word, not a name, unless
#: the body writes it capitalised: "Takes", "Triumphs", "Unveils" (5.2, 3.2, 3.1) against
#: "Quispe", "IAAF" (1.4, 2.5).  A name the story uses is capitalised in its body.
COMMON_ZIPF = 3.0
#: Characters after which a capital starts a sentence, so says nothing about the word.
_SENTENCE_END = frozenset('.!?:;"“”\'‘’')


def is_title_cased(headline: str) -> bool:
    """Whether a headline capitalises (nearly) every word: at least three words besides
    the minor ones, three quarters of them capitalised, or the whole line in capitals."""
    words = [w for w in _WORD.findall(headline) if w.lower() not in _MINOR]
    if len(words) < 3:
        return False
    if all(w.isupper() for w in words):
        return True
    return sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _body_forms(text: str, skip: Iterable[tuple[int, int]]) -> dict[str, Counter[str]]:
    """Lower-cased word -> how the text writes it mid-sentence, outside ``skip``."""
    regions = sorted(skip)
    forms: dict[str, Counter[str]] = {}
    for m in _WORD.finditer(text):
        if any(a <= m.start() < b for a, b in regions):
            continue
        word = m.group()
        if word[0].isupper():
            j = m.start() - 1
            while j >= 0 and text[j] in " \t":
                j -= 1
            if j < 0 or text[j] == "\n" or text[j] in _SENTENCE_END:
                continue  # a sentence's or a line's first word
        forms.setdefault(word.lower(), Counter())[word] += 1
    return forms


def _common_word(word: str) -> bool:
    if zipf(word) < COMMON_ZIPF:
        return False
    return not (gazetteer.is_place(word) or gazetteer.country_of_demonym(word))


def _recase(headline: str, forms: dict[str, Counter[str]]) -> str:
    shouting = headline.isupper()
    out = []
    last = 0
    for i, m in enumerate(_WORD.finditer(headline)):
        word = m.group()
        seen = forms.get(word.lower())
        if len(word) > 1 and word.isupper() and not shouting:
            new = word  # an acronym in a title-cased headline: "IAAF Bans ..."
        elif seen:
            # the body's most frequent form; a tie goes to the lower-case one
            new = max(seen.items(), key=lambda kv: (kv[1], kv[0].islower()))[0]
        elif (word[1:].islower() or shouting) and _common_word(word):
            new = word.lower()
        else:
            new = word  # a rare word ("Quispe"), inner capitals ("iPhone")
        if i == 0:
            new = new[:1].upper() + new[1:]
        if len(new) != len(word):
            new = word  # a case change that changes length would shift offsets
        out.append(headline[last:m.start()])
        out.append(new)
        last = m.end()
    out.append(headline[last:])
    return "".join(out)


def truecase_headlines(text: str, headlines: Iterable[tuple[int, int]]) -> str:
    """``text`` with each title-cased or upper-case headline region in sentence case,
    judged by how the rest of ``text`` writes its words (same length as ``text``)."""
    spans = [(a, b) for a, b in headlines if is_title_cased(text[a:b])]
    if not spans:
        return text
    forms = _body_forms(text, headlines)
    parts = []
    last = 0
    for a, b in sorted(spans):
        parts.append(text[last:a])
        parts.append(_recase(text[a:b], forms))
        last = b
    parts.append(text[last:])
    return "".join(parts)
