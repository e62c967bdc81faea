"""How common an English word is: wordfreq's large English list, read once per process
and shared by every stage (about 35 MB).

A dictionary lookup per word: wordfreq's own ``zipf_frequency`` tokenises and
normalises every word it is given, a hundred times slower, and keeps a cache of its own.
"""

from __future__ import annotations

import math
from functools import lru_cache

__all__ = ["frequencies", "zipf"]


@lru_cache(maxsize=1)
def frequencies() -> dict[str, float]:
    """Lower-case word -> its frequency in English (wordfreq, ``large`` list)."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", wordlist="large")


def zipf(word: str) -> float:
    """The word's frequency on the Zipf scale (log10 of occurrences per billion words;
    "the" about 7.7, "marathon" 4.2, "Quispe" 1.4); 0 for a word the list lacks."""
    freq = frequencies().get(word.lower())
    return math.log10(freq) + 9.0 if freq else 0.0
