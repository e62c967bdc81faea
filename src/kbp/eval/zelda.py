"""The ZELDA entity-linking benchmark against the wiki-vital-10k KB (the TAC EL setting).

A mention whose gold Wikipedia title is a KB title must link to that entry (KB id: the
title with spaces as underscores, as :func:`kbp.io.read_kb` names JSON-lines entries);
every other mention is NIL, and mentions with the same gold title form one cluster.

- :func:`load_kb_titles` and :func:`load_split` read the data;
- :func:`evaluate_split` runs any ``link_fn(doc_id, text, spans) -> [LinkedSpan]`` over
  a split and scores it with :func:`kbp.eval.el.score_links`;
- :func:`run_el_eval` does the same with kbp's own linker over a store holding the KB
  (what ``kbp eval el`` and ``benchmarks/el_zelda.py`` call).
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from kbp.errors import ConfigError, MalformedInputError, MissingInputError
from kbp.eval.el import score_links

__all__ = [
    "SPLITS",
    "ELDocument",
    "LinkFn",
    "LinkedSpan",
    "evaluate_split",
    "kb_id_for",
    "load_kb_titles",
    "load_split",
    "run_el_eval",
]

#: The splits under ``<benchmarks>/zelda-el/``; ``wned-wiki-test`` is held out (report only).
SPLITS = ("wned-wiki-dev", "wned-wiki-test", "shadowlinks-top")


@dataclass(frozen=True)
class LinkedSpan:
    """A linker's answer for one given span.

    ``kb_id`` is the KB id or None for NIL; ``cluster`` names the predicted entity (the
    KB id, or a NIL cluster id shared by the mentions judged to be the same NIL entity);
    ``candidates`` are the KB ids the linker considered, best first.
    """

    kb_id: str | None
    cluster: str
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class ELDocument:
    """One benchmark text with its gold mentions, aligned by position."""

    id: str
    text: str
    spans: tuple[tuple[int, int], ...]
    titles: tuple[str, ...]  # gold Wikipedia titles
    kb_ids: tuple[str | None, ...]  # gold KB ids, None for NIL


LinkFn = Callable[[str, str, list[tuple[int, int]]], Sequence[LinkedSpan]]


def kb_id_for(title: str, kb_titles: set[str] | frozenset[str]) -> str | None:
    """The KB id of a gold title: the title with underscores, or None (NIL)."""
    return title.replace(" ", "_") if title in kb_titles else None


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    if not path.is_file():
        raise MissingInputError(str(path), "no such file")
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedInputError(str(path), f"not JSON ({exc.msg})", lineno) from None
            if not isinstance(obj, dict):
                raise MalformedInputError(str(path), "not a JSON object", lineno)
            yield lineno, obj


def load_kb_titles(path: str | Path) -> set[str]:
    """Titles of a JSON-lines KB (``{"title", ...}`` per line), stripped as the reader does."""
    titles = set()
    for lineno, obj in _records(Path(path)):
        title = obj.get("title")
        if not isinstance(title, str) or not title.strip():
            raise MalformedInputError(str(path), 'record has no "title" string', lineno)
        titles.add(title.strip())
    return titles


def load_split(path: str | Path, kb_titles: set[str] | frozenset[str]) -> list[ELDocument]:
    """A ZELDA split: ``{"id", "text", "index": [[start, end]], "wikipedia_titles"}`` lines.

    A span that runs past the end of its text (one does in ``wned-wiki-test``) is
    clipped to the text; a span left empty is dropped with its title.
    """
    docs = []
    for lineno, obj in _records(Path(path)):
        text, spans, titles = obj.get("text"), obj.get("index"), obj.get("wikipedia_titles")
        if not isinstance(text, str) or not isinstance(spans, list) or not isinstance(
            titles, list
        ) or len(spans) != len(titles):
            raise MalformedInputError(
                str(path), 'needs "text", and "index" aligned with "wikipedia_titles"', lineno
            )
        kept: list[tuple[tuple[int, int], str]] = []
        for span, title in zip(spans, titles, strict=True):
            if not (isinstance(span, list) and len(span) == 2 and isinstance(title, str)):
                raise MalformedInputError(str(path), f"bad mention {span!r} {title!r}", lineno)
            start, end = int(span[0]), min(int(span[1]), len(text))
            if 0 <= start < end:
                kept.append(((start, end), title))
        docs.append(ELDocument(
            id=str(obj.get("id", lineno)),
            text=text,
            spans=tuple(s for s, _ in kept),
            titles=tuple(t for _, t in kept),
            kb_ids=tuple(kb_id_for(t, kb_titles) for _, t in kept),
        ))
    return docs


def evaluate_split(
    split_path: str | Path,
    kb_path: str | Path,
    link_fn: LinkFn,
    limit: int | None = None,
) -> dict[str, object]:
    """Link every document of a split (the first ``limit`` ones) with ``link_fn``; score.

    ``link_fn(doc_id, text, spans)`` must return one :class:`LinkedSpan` per span.
    Gold clusters are the gold titles, predicted clusters the ``LinkedSpan.cluster``
    values, both over the whole split.  Returns :func:`~kbp.eval.el.score_links`'s
    metrics plus ``split`` (the file's stem) and ``documents``.
    """
    split_path = Path(split_path)
    docs = load_split(split_path, load_kb_titles(kb_path))
    if limit is not None:
        docs = docs[:limit]
    gold: list[str | None] = []
    pred: list[str | None] = []
    gold_clusters: list[str] = []
    pred_clusters: list[str] = []
    candidates: list[tuple[str, ...]] = []
    for doc in docs:
        links = list(link_fn(doc.id, doc.text, list(doc.spans)))
        if len(links) != len(doc.spans):
            raise ValueError(
                f"{doc.id}: link_fn returned {len(links)} links for {len(doc.spans)} spans"
            )
        gold.extend(doc.kb_ids)
        gold_clusters.extend(doc.titles)
        for link in links:
            pred.append(link.kb_id)
            pred_clusters.append(link.cluster)
            candidates.append(tuple(link.candidates))
    scores = score_links(gold, pred, gold_clusters, pred_clusters, candidates)
    return {"split": split_path.stem, "documents": len(docs), **scores}


def _holds_kb(store: Any, kb_titles: set[str]) -> bool:
    stored = {e.kb_id for e in store.kb_entities()}
    return {t.replace(" ", "_") for t in kb_titles} <= stored


def _ensure_kb(store_path: Path, kb_path: Path) -> None:
    """Load the KB into the store at ``store_path`` unless it already holds every entry."""
    from kbp.io import read_kb
    from kbp.kb import open_store
    from kbp.pipeline import Pipeline

    titles = load_kb_titles(kb_path)
    with open_store(store_path) as store:
        if not _holds_kb(store, titles):
            Pipeline(store).add_kb(read_kb([kb_path]), analyse_text=False)


def _copy_store(src: Path, dst: Path) -> None:
    """Copy an SQLite store page by page (safe with a write-ahead log)."""
    source, target = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def run_el_eval(
    split: str,
    benchmarks: str | Path = "../shared/benchmarks",
    kb_path: str | Path | None = None,
    limit: int | None = None,
    store_path: str | Path | None = None,
) -> dict[str, object]:
    """Evaluate kbp's linker (:func:`kbp.linking.spans.link_spans`) on one ZELDA split.

    ``split`` is one of :data:`SPLITS`, read from ``<benchmarks>/zelda-el/``; the KB is
    ``kb_path`` (default ``<benchmarks>/wiki-vital-10k/kb.jsonl``), registered with
    ``Pipeline.add_kb(..., analyse_text=False)``.  With ``store_path`` the KB store is
    kept there and reused when it already holds every KB entry; the evaluation itself
    runs on a scratch copy, so whatever linking writes never reaches the cached store.
    Without it the KB is loaded into a scratch store.  Returns :func:`evaluate_split`'s
    dict.
    """
    from kbp.kb import open_store
    from kbp.linking.spans import link_spans
    from kbp.pipeline import Pipeline

    if split not in SPLITS:
        raise ConfigError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    benchmarks = Path(benchmarks)
    split_path = benchmarks / "zelda-el" / f"{split}.jsonl"
    kb = Path(kb_path) if kb_path is not None else benchmarks / "wiki-vital-10k" / "kb.jsonl"
    for path in (split_path, kb):
        if not path.is_file():
            raise MissingInputError(str(path), "no such file")
    with tempfile.TemporaryDirectory(prefix="kbp-el-") as tmp:
        work = Path(tmp) / "work.db"
        if store_path is None:
            _ensure_kb(work, kb)
        else:
            _ensure_kb(Path(store_path), kb)
            _copy_store(Path(store_path), work)
        with open_store(work) as store:
            return evaluate_split(split_path, kb, partial(link_spans, Pipeline(store)), limit)
