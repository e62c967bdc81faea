"""Text folding shared by the store, the merge and anything that compares names."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "initials", "without_legal_form"]


@lru_cache(maxsize=1 << 16)  # names repeat across mentions and documents
def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text`` for comparing names and values.

    Case-folds, decomposes (NFKD), drops combining marks and collapses runs of
    whitespace to one space: ``fold("  José  PÉREZ ") == "jose perez"``.
    """
    if text.isascii():  # the common case: nothing to decompose, casefold == lower
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


#: A word an acronym keeps whole: a Roman numeral or a number ("World War II" -> "WWII").
_NUMERAL = re.compile(r"^(?:[IVX]{1,4}|\d+)$")


def initials(name: str) -> str:
    """The capitals that open the words of ``name`` ("International Association of
    Athletics Federations" -> "IAAF"), hyphenated words counted apart, numerals kept
    whole ("World War II" -> "WWII")."""
    words = [w for w in re.split(r"[\s-]+", name) if w]
    return "".join(w if _NUMERAL.match(w) else w[0]
                   for w in words if _NUMERAL.match(w) or w[0].isupper())


#: A company's legal form after its name: "Apple Inc.", "Tesla, Inc.", "Nestlé S.A.".
_LEGAL_FORM = re.compile(
    r",?\s+(?:Inc\.?|Incorporated|Corp\.?|Ltd\.?|Limited|LLC|L\.L\.C\.|plc|PLC|AG|SE|"
    r"S\.A\.|N\.V\.|GmbH|Co\.(?:,? Ltd\.)?)$")


def without_legal_form(name: str) -> str:
    """A company's name without its legal form ("Apple Inc." -> "Apple"); the name itself
    when it has none."""
    return _LEGAL_FORM.sub("", name)
