"""Re-DocRED document-level relations, read off kbp's slot facts.

Data: ``<benchmarks>/re-docred/dev_revised.json`` (development) and
``test_revised.json`` (held out: report only), in DocRED's format: ``sents`` (tokens
per sentence), ``vertexSet`` (entities: lists of mentions with ``sent_id`` and token
``pos``) and ``labels`` (``h``, ``t``, ``r``).

Each document's text is rebuilt from its tokens (:func:`document_text`, which keeps
every token's character span), run through the pipeline's stages without a store,
and each fact becomes ``(doc, head, tail, relation)`` by :data:`RULES` and
:func:`relation_triples`: the head is the gold entity that the fact's subject
mentions overlap, the tail the one the filler span overlaps.  A fact whose head or
tail matches no gold entity stays a prediction (a false positive) with an "unmatched"
placeholder instead of the entity index.  Only :data:`RELATIONS`, the relations kbp's
slots can express, are scored; the gold is restricted to them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from kbp.errors import ConfigError, MalformedInputError, MissingInputError
from kbp.eval.knowledgenet import (
    FactView,
    Rule,
    fact_views,
    filler_is_father,
    filler_is_mother,
    is_employer,
    is_member_org,
    is_party,
    is_team,
    not_party,
    says_chair,
    subject_is_father,
    subject_is_mother,
)
from kbp.eval.slots import overlaps, score_relations
from kbp.types import Document

__all__ = [
    "HELD_OUT_SPLIT",
    "RELATIONS",
    "RULES",
    "SPLITS",
    "document_text",
    "gold_triples",
    "load_split",
    "predict_relations",
    "relation_triples",
    "run_redocred",
    "vertex_for",
    "vertex_spans",
]

SPLITS = {"dev": "dev_revised.json", "test": "test_revised.json"}
HELD_OUT_SPLIT = "test"

#: The Re-DocRED relations kbp's slots can express (the subset that is scored).
RELATIONS: tuple[str, ...] = (
    "P569", "P570", "P19", "P20", "P26", "P22", "P25", "P40", "P3373", "P69", "P108",
    "P463", "P102", "P54", "P27", "P551", "P140", "P112", "P571", "P159", "P355",
    "P749", "P488",
)

Span = tuple[int, int]
Triple = tuple[Any, Any, Any, str]


def _levels(pattern: str, levels: tuple[str, ...], target: str, why: str) -> tuple[Rule, ...]:
    return tuple(Rule(pattern.format(level), target, why=why) for level in levels)


_PLACE_LEVELS = ("country", "stateorprovince", "city")

#: kbp slot -> Wikidata property, one row per reading; a fact becomes every row that
#: applies to it.
RULES: tuple[Rule, ...] = (
    Rule("per:date_of_birth", "P569", why="date of birth"),
    Rule("per:date_of_death", "P570", why="date of death"),
    *_levels("per:{}_of_birth", _PLACE_LEVELS, "P19", "place of birth, any level"),
    *_levels("per:{}_of_death", _PLACE_LEVELS, "P20", "place of death, any level"),
    Rule("per:spouse", "P26", symmetric=True, why="the gold has spouses both ways"),
    Rule("per:siblings", "P3373", symmetric=True, why="the gold has siblings both ways"),
    # per:parents runs child -> parent: father / mother by the parent word before the
    # filler ("his father John"), else by the parent's pronouns; and the inverse child.
    Rule("per:parents", "P22", when=filler_is_father, why="child -> father"),
    Rule("per:parents", "P25", when=filler_is_mother, why="child -> mother"),
    Rule("per:parents", "P40", inverse=True, why="the gold pairs P22/P25 with P40 back"),
    # per:children runs parent -> child; father / mother by the parent's pronouns.
    Rule("per:children", "P40", why="parent -> child"),
    Rule("per:children", "P22", inverse=True, when=subject_is_father, why="child -> father"),
    Rule("per:children", "P25", inverse=True, when=subject_is_mother, why="child -> mother"),
    Rule("per:schools_attended", "P69", why="educated at"),
    # per:employee_or_member_of is split by what the filler is.
    Rule("per:employee_or_member_of", "P102", when=is_party, why="a political party"),
    Rule("per:employee_or_member_of", "P54", when=is_team, why="a sports team"),
    Rule("per:employee_or_member_of", "P463", when=is_member_org,
         why="an association, academy, band, parliament... or 'member of'"),
    Rule("per:employee_or_member_of", "P108", when=is_employer, why="anything else"),
    Rule("per:origin", "P27",
         why="country of citizenship; the tail is the nationality word or country the "
             "fact was read from, which the gold entities include ('German')"),
    *_levels("per:{}_of_residence", ("countries", "statesorprovinces", "cities"), "P551",
             "residence, any level"),
    Rule("per:religion", "P140", why="religion"),
    Rule("org:political_religious_affiliation", "P102", when=is_party,
         why="an organisation's party"),
    Rule("org:political_religious_affiliation", "P140", when=not_party,
         why="otherwise a religion"),
    Rule("org:founded_by", "P112", why="founded by"),
    Rule("org:date_founded", "P571", why="inception"),
    *_levels("org:{}_of_headquarters", _PLACE_LEVELS, "P159", "headquarters, any level"),
    Rule("org:subsidiaries", "P355", why="parent -> subsidiary"),
    Rule("org:subsidiaries", "P749", inverse=True, why="the gold pairs P355 with P749 back"),
    Rule("org:parents", "P749", why="subsidiary -> parent organisation"),
    Rule("org:parents", "P355", inverse=True, why="the gold pairs P749 with P355 back"),
    Rule("org:top_members_employees", "P488", when=says_chair,
         why="organisation -> chairperson, when the title or sentence says chair"),
)


# -- text -------------------------------------------------------------------------------------
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s",
                              "n't", "'re", "'ve", "'ll", "'d", "'m"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$"})


def document_text(sents: Sequence[Sequence[str]]) -> tuple[str, list[list[Span]]]:
    """The text of tokenised sentences, lightly detokenised ("Paris , France" ->
    "Paris, France"), and each token's character span in it (per sentence)."""
    parts: list[str] = []
    spans: list[list[Span]] = []
    pos = 0
    prev = None
    for sent in sents:
        row: list[Span] = []
        for tok in sent:
            tok = str(tok)
            if prev is not None and tok not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER:
                parts.append(" ")
                pos += 1
            parts.append(tok)
            row.append((pos, pos + len(tok)))
            pos += len(tok)
            prev = tok
        spans.append(row)
    return "".join(parts), spans


def vertex_spans(record: Mapping[str, Any], token_spans: Sequence[Sequence[Span]]
                 ) -> list[list[Span]]:
    """Character spans of every mention of every gold entity (``vertexSet``)."""
    out = []
    for vertex in record["vertexSet"]:
        row = []
        for m in vertex:
            sent = token_spans[int(m["sent_id"])]
            a, b = int(m["pos"][0]), int(m["pos"][1])
            if 0 <= a < b <= len(sent):
                row.append((sent[a][0], sent[b - 1][1]))
        out.append(row)
    return out


def gold_triples(records: Sequence[Mapping[str, Any]], doc_ids: Sequence[str],
                 relations: Iterable[str] = RELATIONS) -> set[Triple]:
    keep = set(relations)
    return {(doc_id, int(lab["h"]), int(lab["t"]), str(lab["r"]))
            for record, doc_id in zip(records, doc_ids, strict=True)
            for lab in record.get("labels", ()) if lab["r"] in keep}


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def vertex_for(spans: Sequence[Span], vertices: Sequence[Sequence[Span]],
               near: Span | None = None) -> int | None:
    """The gold entity that ``spans`` (one entity's mentions) stand for: the one with
    the most mentions overlapping them; ties go to the one overlapping the span nearest
    ``near``, then to the one with more overlapping characters, then the first."""
    best: tuple | None = None
    best_i = None
    for i, mentions in enumerate(vertices):
        hits = [s for s in spans if any(overlaps(s, m) for m in mentions)]
        if not hits:
            continue
        chars = sum(_overlap(s, m) for s in hits for m in mentions)
        closeness = 0
        if near is not None:
            closeness = -min(max(0, max(s[0], near[0]) - min(s[1], near[1])) for s in hits)
        key = (len(hits), closeness, chars, -i)
        if best is None or key > best:
            best, best_i = key, i
    return best_i


def relation_triples(view: FactView, doc_id: str, vertices: Sequence[Sequence[Span]],
                     rules: Sequence[Rule] = RULES) -> list[Triple]:
    """The ``(doc, head, tail, relation)`` triples one kbp fact stands for.

    The slot's subject is the gold entity its mentions overlap (:func:`vertex_for`);
    the filler is the gold entity the filler span overlaps, else the one the filler
    entity's mentions overlap.  An end that matches no gold entity is
    ``("unmatched", start, end)`` with its span, so the triple can only be wrong.
    """
    hits = [r for r in rules if r.applies(view)]
    if not hits:
        return []
    subject = vertex_for(view.subject_spans, vertices, near=view.filler)
    filler = vertex_for([view.filler], vertices)
    if filler is None and view.object_spans:
        filler = vertex_for(view.object_spans, vertices, near=view.filler)
    s_end: Any = subject if subject is not None else ("unmatched", *view.subject_spans[0])
    f_end: Any = filler if filler is not None else ("unmatched", *view.filler)
    out: list[Triple] = []
    for rule in hits:
        head, tail = (f_end, s_end) if rule.inverse else (s_end, f_end)
        out.append((doc_id, head, tail, rule.target))
        if rule.symmetric:
            out.append((doc_id, tail, head, rule.target))
    return list(dict.fromkeys(t for t in out if t[1] != t[2]))


# -- running --------------------------------------------------------------------------------
def load_split(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    path = Path(path)
    if not path.is_file():
        raise MissingInputError(str(path), "no such file")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise MalformedInputError(str(path), f"not JSON ({exc.msg})") from None
    if not isinstance(data, list):
        raise MalformedInputError(str(path), "not a list of documents")
    return data[:limit] if limit is not None else data


def predict_relations(
    records: Sequence[Mapping[str, Any]],
    doc_ids: Sequence[str],
    nlp: Any = None,
    batch_size: int = 16,
) -> tuple[set[Triple], int]:
    """kbp's triples over ``records``, and how many of them have an unmatched end."""
    from kbp.coref.resolve import resolve
    from kbp.nlp.annotate import analyse
    from kbp.slots.extract import extract_facts

    if nlp is None:
        from kbp.nlp.model import load_nlp

        nlp = load_nlp()
    predicted: set[Triple] = set()
    for i in range(0, len(records), batch_size):
        batch = records[i : i + batch_size]
        ids = doc_ids[i : i + batch_size]
        built = [document_text(r["sents"]) for r in batch]
        docs = [Document(id=doc_id, text=text, title=r.get("title"))
                for doc_id, r, (text, _) in zip(ids, batch, built, strict=True)]
        for analysis, record, (_, tokens), doc_id in zip(
            analyse(docs, nlp, batch_size=batch_size), batch, built, ids, strict=True
        ):
            vertices = vertex_spans(record, tokens)
            resolution = resolve(analysis)
            facts = extract_facts(analysis, resolution)
            for view in fact_views(analysis.document, resolution.entities, facts):
                predicted.update(relation_triples(view, doc_id, vertices))
    unmatched = sum(1 for t in predicted if isinstance(t[1], tuple) or isinstance(t[2], tuple))
    return predicted, unmatched


def run_redocred(
    benchmarks: str | Path,
    split: str = "dev",
    limit: int | None = None,
    nlp: Any = None,
) -> dict[str, Any]:
    """Run kbp over a Re-DocRED split (the first ``limit`` documents) and score the
    :data:`RELATIONS` subset with :func:`~kbp.eval.slots.score_relations`.  Returns
    its dict plus ``split``, ``documents``, ``gold`` and ``unmatched`` (predictions with
    an end that is no gold entity)."""
    if split not in SPLITS:
        raise ConfigError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    records = load_split(Path(benchmarks) / "re-docred" / SPLITS[split], limit)
    doc_ids = [f"{split}-{i:04d}" for i in range(len(records))]
    predicted, unmatched = predict_relations(records, doc_ids, nlp)
    gold = gold_triples(records, doc_ids)
    scores = score_relations(gold, predicted)
    return {"split": split, "documents": len(records), "gold": len(gold),
            "predicted": len(predicted), "unmatched": unmatched, **scores}
