"""Candidate pairs and their features for the statistical relation classifier.

A candidate is a (subject entity, object mention) pair inside one sentence: the
subject is a person or organisation entity of the coreference resolution (so a
pronoun the resolution attached to a person counts as a mention of that person), the
object a typed mention of the sentence (a name, a place, a date, a nationality word).
Its features are cheap reads of the spaCy parse: the words between the two mentions,
the dependency path between their heads, the entity types, order and distance, the
words around the object and trigger words of the sentence.  Features are plain
strings; the model (:mod:`kbp.slots.relations.model`) weighs them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kbp.nlp import gazetteer
from kbp.slots.base import SlotContext
from kbp.types import Entity, Mention

#: Mention types an object may have; anything else (numbers, money, ...) is no filler
#: of a KnowledgeNet-style relation.
OBJECT_TYPES = frozenset({"PER", "ORG", "GPE", "LOC", "FAC", "NORP", "DATE"})
#: Subject and object further apart than this (in tokens) are not paired: long
#: sentences with lists would otherwise give quadratically many candidates, and facts
#: that far apart are rare.
MAX_DISTANCE = 40
#: Words between the mentions beyond this many are summarised by their ends only.
MAX_BETWEEN = 10
#: Lemmas that announce a relation wherever they sit in the sentence.  They are features
#: (``trig=``) and also the evidence a relation needs (:attr:`Relation.cues`).
TRIGGERS = frozenset(
    "bear born birth birthplace native hail die death dead kill murder assassinate "
    "marry married wed wife husband spouse widow widower divorce partner fiancee fiance "
    "son daughter child father mother parent stepson stepdaughter stepfather stepmother "
    "heir found founder co-founder cofounder establish create start form launch "
    "incorporate inception ceo chief executive president chairman chairwoman chair head lead "
    "director manager managing boss run headquarter headquarters hq base locate office "
    "graduate graduation study attend educate education degree school university college "
    "academy institute alumnus alumna student enrol enroll "
    "work employ employee join serve member hire professor lecturer teach researcher "
    "scientist engineer editor fellow staff faculty coach play player sign "
    "citizen live reside resident residence home move relocate settle grow raise "
    "party politician elect candidate senator democrat republican "
    "subsidiary own acquire division unit brand owner affiliate".split()
)
#: Negation on the path between the two mentions ("is not a subsidiary of") denies the
#: relation; such pairs are not candidates.
NEGATIONS = frozenset({"neg"})
_PRONOUNS = frozenset("he him his himself she her hers herself".split())


@dataclass(frozen=True)
class Candidate:
    """One (subject entity, object mention) pair of a sentence, with its features."""

    subject: Entity
    #: The subject's mention in the sentence nearest the object (the one read).
    subject_mention: Mention
    object: Mention
    #: The entity the object mention belongs to, when it is an entity mention.
    object_entity: Entity | None
    sent: Span
    features: tuple[str, ...]


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-6" if n < 7 else "7-10" if n < 11 else "11-20" \
        if n < 21 else "21+"


def _word(tok: Token) -> str:
    """A token as a feature word: its lower-case lemma, digits folded."""
    lemma = tok.lemma_.lower()
    return "<num>" if lemma.isdigit() else lemma


def dependency_path(a: Token, b: Token) -> tuple[list[str], list[str]] | None:
    """The path from ``a`` up to the lowest common ancestor and down to ``b``: the dep
    labels (``^`` going up, ``v`` going down) and the lemmas of the nodes in between.
    None when the two tokens are not in one tree."""
    up_a = [a, *a.ancestors]
    where = {t.i: k for k, t in enumerate(up_a)}
    up_b = [b]
    while up_b[-1].i not in where:
        head = up_b[-1].head
        if head.i == up_b[-1].i:
            return None
        up_b.append(head)
    k = where[up_b[-1].i]
    labels = [t.dep_ + "^" for t in up_a[:k]] + [t.dep_ + "v" for t in reversed(up_b[:-1])]
    inner = up_a[1 : k + 1] + list(reversed(up_b[1:-1]))
    return labels, [_word(t) for t in inner if t is not a and t is not b]


def _negated(a: Token, b: Token) -> bool:
    """Whether a word on the tree path between ``a`` and ``b`` (ends included) carries a
    negation ("X is not a subsidiary of Y", "never married Z")."""
    up_a = [a, *a.ancestors]
    index = {t.i: k for k, t in enumerate(up_a)}
    nodes = []
    for t in (b, *b.ancestors):
        if t.i in index:  # the lowest common ancestor
            nodes.extend(up_a[: index[t.i] + 1])
            break
        nodes.append(t)
    else:
        return False
    return any(c.dep_ in NEGATIONS for t in nodes for c in t.children)


def _head(ctx: SlotContext, m: Mention) -> Token:
    return ctx.token_of(m)


def pair_features(ctx: SlotContext, sent: Span, subj: Mention, subj_entity: Entity,
                  obj: Mention, others: Sequence[Mention] = ()) -> tuple[str, ...]:
    """The features of one (subject mention, object mention) pair of ``sent``;
    ``others`` are the sentence's other typed mentions (to tell whether another one of
    the object's type sits between the two, or nearer the subject)."""
    doc = ctx.doc
    s_span, o_span = ctx.analysis.span(subj), ctx.analysis.span(obj)
    hs, ho = _head(ctx, subj), _head(ctx, obj)
    s_type = subj_entity.type
    o_type = obj.type
    forward = s_span.start < o_span.start
    f: list[str] = [f"types={s_type}>{o_type}", f"order={'so' if forward else 'os'}"]
    left, right = (s_span, o_span) if forward else (o_span, s_span)
    between = [t for t in doc[left.end : right.start] if not t.is_space]
    f.append(f"dist={_bucket(len(between))}")
    words = [_word(t) for t in between if not t.is_punct or t.text in ",()"]
    if len(words) <= MAX_BETWEEN:
        f.extend(f"bw={w}" for w in set(words))
        f.append("bseq=" + " ".join(words[:6]))
    if words:
        f.append(f"bfirst={words[0]}")
        f.append(f"blast={words[-1]}")
        if len(words) > 1:
            f.append(f"blast2={words[-2]} {words[-1]}")
    else:
        f.append("bnone")
    if subj.source == "pronoun" or subj.text.lower() in _PRONOUNS:
        f.append(f"spron={subj.text.lower()}")
    elif subj.source == "nominal":
        f.append("snominal")
    # The syntax: the path between the heads, and what each head hangs from.
    path = dependency_path(hs, ho)
    if path is not None:
        labels, lemmas = path
        if _negated(hs, ho):
            f.append("negated")
        f.append("path=" + " ".join(labels))
        if len(labels) <= 6:
            f.append("lpath=" + " ".join(labels) + "|" + " ".join(lemmas))
        f.append(f"tpath={s_type}>{o_type}|" + " ".join(labels))
        f.extend(f"pw={w}" for w in set(lemmas))
        f.append(f"plen={_bucket(len(labels))}")
    f.append(f"sdep={hs.dep_}")
    f.append(f"odep={ho.dep_}>{_word(ho.head)}")
    if ho.head.dep_ == "prep" or ho.dep_ == "pobj":
        f.append(f"ogov={_word(ho.head)}>{_word(ho.head.head)}")
    # Words right around the object ("born in X", "X, the company's ...").
    prev = [_word(t) for t in doc[max(sent.start, o_span.start - 2) : o_span.start]]
    if prev:
        f.append(f"oprev={prev[-1]}")
        f.append("oprev2=" + " ".join(prev))
    if o_span.end < sent.end:
        f.append(f"onext={_word(doc[o_span.end])}")
    # The object itself: its last word ("University", "Party", "Inc") and gazetteer kind.
    f.append(f"olast={o_span[-1].lower_}")
    f.append(f"slast={s_span[-1].lower_}" if subj.source not in ("pronoun", "nominal")
             else "slast=<pron>")
    if o_type in ("GPE", "LOC", "NORP"):
        name = obj.text
        if gazetteer.canonical_country(name):
            f.append("oplace=country")
        elif gazetteer.is_state_or_province(name):
            f.append("oplace=state")
        elif gazetteer.country_of_city(name):
            f.append("oplace=city")
        elif gazetteer.country_of_demonym(name):
            f.append("oplace=demonym")
    if o_type in ("NORP", "ORG"):
        f.append(f"otext={obj.text.lower()}")
    # Competitors: mentions of the object's type between the two, or nearer the subject.
    same = [m for m in others if m.type == o_type and m is not obj]
    inside = sum(1 for m in same if left.start_char <= m.start and m.end <= right.end_char)
    f.append(f"nsame={min(inside, 3)}")
    gap = abs(hs.i - ho.i)
    if not any(abs(ctx.token_of(m).i - hs.i) < gap for m in same):
        f.append("oclosest")
    if len(s_span) == 1 and subj.source not in ("pronoun", "nominal"):
        f.append("sone")
    # Trigger words anywhere in the sentence, marked by side.
    for t in sent:
        w = _word(t)
        if w in TRIGGERS:
            side = "b" if left.end <= t.i < right.start else "o"
            f.append(f"trig={w}")
            f.append(f"trig{side}={w}")
    return tuple(dict.fromkeys(f))


class _Index:
    """The document's mentions grouped by sentence, built once per document."""

    def __init__(self, ctx: SlotContext) -> None:
        self.starts = [s.start_char for s in ctx.doc.sents]
        self.subjects: dict[int, list[tuple[Entity, Mention]]] = {}
        self.objects: dict[int, list[Mention]] = {}
        for e in ctx.resolution.entities:
            if e.type in ("PER", "ORG"):
                for m in e.mentions:
                    self.subjects.setdefault(self._key(m.start), []).append((e, m))
        for m in ctx.analysis.mentions:
            if m.type in OBJECT_TYPES:
                self.objects.setdefault(self._key(m.start), []).append(m)

    def _key(self, start: int) -> int:
        return self.starts[max(0, bisect.bisect_right(self.starts, start) - 1)]


def candidates(ctx: SlotContext) -> Iterator[Candidate]:
    """Every candidate pair of the document, sentence by sentence.  Sentences with fewer
    than two mentions give none (and cost nothing but the lookup)."""
    index = _Index(ctx)
    for sent in ctx.doc.sents:
        if ctx.in_headline(sent):
            continue
        subjects = index.subjects.get(sent.start_char)
        objects = index.objects.get(sent.start_char)
        if not subjects or not objects:
            continue
        by_entity: dict[str, tuple[Entity, list[Mention]]] = {}
        for e, m in subjects:
            by_entity.setdefault(e.id, (e, []))[1].append(m)
        for entity, mentions in by_entity.values():
            taken = [(m.start, m.end) for m in entity.mentions]
            for obj in objects:
                if any(a < obj.end and obj.start < b for a, b in taken):
                    continue  # a mention of the subject itself
                head = ctx.token_of(obj)
                obj_entity = ctx.entity_at(head.i) if obj.type != "DATE" else None
                subj = min(mentions, key=lambda m: _gap(m, obj))
                s_tok = ctx.token_of(subj)
                if abs(s_tok.i - head.i) > MAX_DISTANCE:
                    continue
                yield Candidate(entity, subj, obj, obj_entity, sent,
                                pair_features(ctx, sent, subj, entity, obj, objects))


def _gap(a: Mention, b: Mention) -> int:
    return max(0, max(a.start, b.start) - min(a.end, b.end))


__all__ = ["MAX_DISTANCE", "OBJECT_TYPES", "TRIGGERS", "Candidate", "candidates",
           "dependency_path", "pair_features"]
