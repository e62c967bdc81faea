"""A rule-based recogniser for slot values: race times, heights and ages.

The statistical model tags "34 years of age" as DATE, splits "1 hour, 19 minutes,
1 second" into three TIME spans and calls "1:17:21" a CARDINAL.  The value ruler
matches token patterns kept as data in ``kbp/data/value_patterns.json`` and labels
the matches ``DURATION``, ``HEIGHT`` or ``AGE``; "twelve years ago", which the model
often cuts to "years ago", becomes a whole ``DATE``.

A match replaces the model's entities it overlaps only when all of them carry one of
the numeric labels in ``overwrite_labels`` (DATE, TIME, CARDINAL, ORDINAL, QUANTITY): a match
that would cut into a PERSON, ORG or GPE is dropped and the model's entity stays.
Overlapping matches are resolved longest first (``spacy.util.filter_spans``).
The component also trims whitespace tokens from the ends of the model's entities.

spaCy is imported lazily so that importing this module stays cheap.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

#: Name of the component in ``nlp.pipe_names``.
VALUE_RULER = "kbp_value_ruler"
#: Registered factory name; bump the version when the component's behaviour changes.
VALUE_RULER_FACTORY = "kbp_value_ruler_v1"
#: Resource under ``kbp/data`` holding the patterns.
PATTERNS_RESOURCE = "value_patterns.json"
#: Every value pattern holds a digit or a number word.
_HAS_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred)",
    re.I,
)
#: Labels the ruler produces.
VALUE_LABELS: tuple[str, ...] = ("DURATION", "HEIGHT", "AGE", "DATE")
#: Model labels a ruler match may overwrite.
OVERWRITE_LABELS: tuple[str, ...] = ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY")


@lru_cache(maxsize=1)
def _pattern_spec() -> dict[str, Any]:
    text = resources.files("kbp").joinpath("data", PATTERNS_RESOURCE).read_text(encoding="utf-8")
    return json.loads(text)


def _expand(pattern: Sequence[dict[str, Any]], classes: dict[str, Any], pid: str) -> list[list]:
    """Replace every ``{"@": NAME}`` token by each sequence of ``classes[NAME]``."""
    seqs: list[list[dict[str, Any]]] = [[]]
    for token in pattern:
        if "@" in token:
            name = token["@"]
            if name not in classes or len(token) != 1:
                raise ValueError(f"value pattern {pid!r}: bad class reference {token!r}")
            alternatives = classes[name]
            seqs = [seq + copy.deepcopy(alt) for seq in seqs for alt in alternatives]
        else:
            seqs = [seq + [copy.deepcopy(token)] for seq in seqs]
    return seqs


def load_value_patterns() -> list[dict[str, Any]]:
    """The ruler's patterns with class references expanded.

    Each item is ``{"label": ..., "id": ..., "pattern": [token dicts]}``; a pattern line
    in the data file with class references becomes several items sharing its id.
    """
    spec = _pattern_spec()
    classes = spec.get("classes", {})
    out: list[dict[str, Any]] = []
    for entry in spec["patterns"]:
        label, pid = entry["label"], entry["id"]
        if label not in VALUE_LABELS:
            raise ValueError(f"value pattern {pid!r} has unknown label {label!r}")
        for seq in _expand(entry["pattern"], classes, pid):
            out.append({"label": label, "id": pid, "pattern": seq})
    return out


def _trim_words() -> dict[str, frozenset[str]]:
    return {
        label: frozenset(w.lower() for w in words)
        for label, words in _pattern_spec().get("trim", {}).items()
    }


class ValueRuler:
    """Pipeline component: find value spans and merge them into ``doc.ents``."""

    def __init__(self, nlp: Language, name: str, overwrite_labels: Iterable[str]) -> None:
        from spacy.matcher import Matcher

        self.name = name
        self.overwrite_labels = frozenset(overwrite_labels)
        self.matcher = Matcher(nlp.vocab, validate=True)
        self._keys: dict[int, tuple[str, str]] = {}
        grouped: dict[tuple[str, str], list[list]] = {}
        for item in load_value_patterns():
            grouped.setdefault((item["label"], item["id"]), []).append(item["pattern"])
        for (label, pid), patterns in grouped.items():
            key = f"{label}:{pid}"
            self.matcher.add(key, patterns)
            self._keys[nlp.vocab.strings[key]] = (label, pid)
        self.trim = _trim_words()

    def find(self, doc: Doc) -> list[Span]:
        """Non-overlapping value spans of ``doc`` (longest first wins)."""
        from spacy.tokens import Span
        from spacy.util import filter_spans

        spans = []
        for match_id, start, end in self._matches(doc):
            label, pid = self._keys[match_id]
            words = self.trim.get(label)
            if words:
                while end > start and doc[end - 1].lower_ in words:
                    end -= 1
                while start < end and doc[start].lower_ in words:
                    start += 1
            if start < end:
                spans.append(Span(doc, start, end, label=label, span_id=pid))
        return filter_spans(spans)

    def _matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Matcher hits, looking only at sentences that hold a number: every pattern
        needs one, and skipping the rest halves the component's cost on news text."""
        if not doc.has_annotation("SENT_START"):
            return list(self.matcher(doc))
        text = doc.text
        out = []
        for sent in doc.sents:
            if _HAS_NUMBER.search(text, sent.start_char, sent.end_char):
                out += [(m, sent.start + a, sent.start + b) for m, a, b in self.matcher(sent)]
        return out

    def __call__(self, doc: Doc) -> Doc:
        ents, changed = _strip_space_edges(doc)
        for span in self.find(doc):
            overlapping = [e for e in ents if e.start < span.end and span.start < e.end]
            if any(e.label_ not in self.overwrite_labels for e in overlapping):
                continue  # the model found a name here; leave it alone
            if overlapping:
                gone = {(e.start, e.end) for e in overlapping}
                ents = [e for e in ents if (e.start, e.end) not in gone]
            ents.append(span)
            changed = True
        if changed:
            doc.ents = sorted(ents, key=lambda e: e.start)
        return doc


def _strip_space_edges(doc: Doc) -> tuple[list[Span], bool]:
    """The model's entities without whitespace tokens at their ends.

    The model sometimes ends an entity on a line break ("Final Olympic Race\\n\\n");
    mentions built from it should not.  Returns the entities and whether any changed.
    """
    from spacy.tokens import Span

    out: list[Span] = []
    changed = False
    for ent in doc.ents:
        start, end = ent.start, ent.end
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if (start, end) == (ent.start, ent.end):
            out.append(ent)
            continue
        changed = True
        if start < end:
            out.append(Span(doc, start, end, label=ent.label, kb_id=ent.kb_id, span_id=ent.id))
    return out, changed


def register_value_ruler() -> None:
    """Register the factory with spaCy (idempotent)."""
    from spacy.language import Language

    if Language.has_factory(VALUE_RULER_FACTORY):
        return

    def make_value_ruler(nlp: Language, name: str, overwrite_labels: list[str]) -> ValueRuler:
        return ValueRuler(nlp, name, overwrite_labels)

    Language.factory(
        VALUE_RULER_FACTORY,
        default_config={"overwrite_labels": list(OVERWRITE_LABELS)},
        func=make_value_ruler,
    )


def add_value_ruler(nlp: Language) -> ValueRuler:
    """Add the value ruler after ``ner`` (or last when there is no ``ner``); return it.

    Calling it again on the same pipeline returns the component already there.
    """
    if VALUE_RULER in nlp.pipe_names:
        return nlp.get_pipe(VALUE_RULER)
    register_value_ruler()
    where = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    return nlp.add_pipe(VALUE_RULER_FACTORY, name=VALUE_RULER, **where)
