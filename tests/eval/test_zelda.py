"""Loading ZELDA-style splits and scoring a linker over them, with a fake linker."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kbp.linking.spans
from kbp.cli import app
from kbp.errors import ConfigError, MalformedInputError, MissingInputError
from kbp.eval.zelda import (
    LinkedSpan,
    evaluate_split,
    kb_id_for,
    load_kb_titles,
    load_split,
    run_el_eval,
)
from kbp.kb import open_store

KB = [
    {"title": "Paris", "topic": "Geography", "text": "Paris is the capital of France."},
    {"title": "Marie Curie", "topic": "Science", "text": "Marie Curie was a physicist."},
]
DOCS = [
    {"id": "d1", "text": "Marie Curie moved to Paris. Curie met Pierre Curie.",
     "index": [[0, 11], [21, 26], [28, 33], [38, 50]],
     "wikipedia_titles": ["Marie Curie", "Paris", "Marie Curie", "Pierre Curie"]},
    {"id": "d2", "text": "Paris Hilton is not in Paris, Texas.",
     "index": [[0, 12], [23, 35], [23, 40]],  # the last span runs past the text
     "wikipedia_titles": ["Paris Hilton", "Paris, Texas", "Paris, Texas"]},
]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture()
def bench(tmp_path: Path) -> Path:
    write_jsonl(tmp_path / "wiki-vital-10k" / "kb.jsonl", KB)
    write_jsonl(tmp_path / "zelda-el" / "wned-wiki-dev.jsonl", DOCS)
    return tmp_path


def by_text(doc_id: str, text: str, spans: list[tuple[int, int]]) -> list[LinkedSpan]:
    """Links a span whose text is a KB title (underscored), everything else NIL by text."""
    out = []
    for start, end in spans:
        name = text[start:end]
        kb_id = {"Paris": "Paris", "Marie Curie": "Marie_Curie"}.get(name)
        out.append(LinkedSpan(kb_id, kb_id or f"NIL:{name}", (kb_id,) if kb_id else ()))
    return out


def test_kb_titles_and_kb_ids(bench: Path) -> None:
    titles = load_kb_titles(bench / "wiki-vital-10k" / "kb.jsonl")
    assert titles == {"Paris", "Marie Curie"}
    assert kb_id_for("Marie Curie", titles) == "Marie_Curie"
    assert kb_id_for("Pierre Curie", titles) is None


def test_load_split_aligns_gold_and_clips_overlong_spans(bench: Path) -> None:
    docs = load_split(bench / "zelda-el" / "wned-wiki-dev.jsonl", {"Paris", "Marie Curie"})
    assert [d.id for d in docs] == ["d1", "d2"]
    d1, d2 = docs
    assert d1.spans[0] == (0, 11) and d1.text[28:33] == "Curie"
    assert d1.kb_ids == ("Marie_Curie", "Paris", "Marie_Curie", None)
    assert d2.spans[-1] == (23, len(d2.text))
    assert d2.kb_ids == (None, None, None)
    assert d2.titles == ("Paris Hilton", "Paris, Texas", "Paris, Texas")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("not json", "not JSON"),
        ('{"id": "x", "text": "ab", "index": [[0, 1]], "wikipedia_titles": []}', "aligned"),
        ('{"id": "x", "text": "ab", "index": [[0]], "wikipedia_titles": ["A"]}', "bad mention"),
    ],
)
def test_load_split_rejects_malformed_lines(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(MalformedInputError, match=problem):
        load_split(path, set())
    with pytest.raises(MissingInputError):
        load_split(tmp_path / "absent.jsonl", set())


def test_evaluate_split_with_a_fake_linker(bench: Path) -> None:
    calls: list[str] = []

    def link_fn(doc_id, text, spans):
        calls.append(doc_id)
        return by_text(doc_id, text, spans)

    result = evaluate_split(bench / "zelda-el" / "wned-wiki-dev.jsonl",
                            bench / "wiki-vital-10k" / "kb.jsonl", link_fn)
    assert calls == ["d1", "d2"]
    assert (result["split"], result["documents"], result["mentions"]) == ("wned-wiki-dev", 2, 7)
    # right: Marie Curie, Paris (d1), Pierre Curie (NIL), and the three NILs of d2;
    # wrong: the bare "Curie" (gold Marie_Curie, predicted NIL)
    assert result["micro_accuracy"] == pytest.approx(6 / 7)
    assert result["in_kb_accuracy"] == pytest.approx(2 / 3)
    assert result["nil_precision"] == pytest.approx(4 / 5)
    assert result["nil_recall"] == pytest.approx(1.0)
    assert result["candidate_recall"] == pytest.approx(2 / 3)
    assert result["all_nil_accuracy"] == pytest.approx(4 / 7)
    # "Paris, Texas" twice but with different texts: split into two NIL clusters
    assert result["b3_precision"] == pytest.approx(6 / 7)
    assert result["b3_recall"] == pytest.approx((0.5 + 1 + 0 + 1 + 1 + 0.5 + 0.5) / 7)
    limited = evaluate_split(bench / "zelda-el" / "wned-wiki-dev.jsonl",
                             bench / "wiki-vital-10k" / "kb.jsonl", by_text, limit=1)
    assert (limited["documents"], limited["mentions"]) == (1, 4)


def test_evaluate_split_needs_one_link_per_span(bench: Path) -> None:
    with pytest.raises(ValueError, match="2 links for 4 spans"):
        evaluate_split(bench / "zelda-el" / "wned-wiki-dev.jsonl",
                       bench / "wiki-vital-10k" / "kb.jsonl",
                       lambda d, t, s: by_text(d, t, s)[:2])


@pytest.fixture()
def fake_link_spans(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Replace kbp's span linker; records the pipelines and writes a NIL entity."""
    seen: list[object] = []

    def link_spans(pipeline, doc_id, text, spans):
        seen.append(pipeline)
        pipeline.store.new_entity(f"scratch {doc_id}", None)
        assert {e.kb_id for e in pipeline.store.kb_entities()} == {"Paris", "Marie_Curie"}
        return by_text(doc_id, text, spans)

    monkeypatch.setattr(kbp.linking.spans, "link_spans", link_spans)
    return seen


def test_run_el_eval_caches_the_kb_store_and_leaves_it_clean(
    bench: Path, tmp_path: Path, fake_link_spans: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kbp.pipeline import Pipeline

    loads: list[int] = []
    add_kb = Pipeline.add_kb
    monkeypatch.setattr(Pipeline, "add_kb",
                        lambda self, *a, **k: loads.append(1) or add_kb(self, *a, **k))
    store = tmp_path / "cache" / "kb.db"
    store.parent.mkdir()
    first = run_el_eval("wned-wiki-dev", bench, store_path=store)
    second = run_el_eval("wned-wiki-dev", bench, store_path=store, limit=1)
    assert len(loads) == 1  # the second run reused the cached store
    assert first["micro_accuracy"] == pytest.approx(6 / 7)
    assert second["documents"] == 1
    assert len(fake_link_spans) == 3
    with open_store(store) as s:
        stats = s.stats()
    assert (stats["kb_entities"], stats["nil_entities"]) == (2, 0)
    scratch = run_el_eval("wned-wiki-dev", bench)  # no --store: a scratch store
    assert scratch["mentions"] == 7 and len(loads) == 2


def test_run_el_eval_rejects_unknown_split_and_missing_files(bench: Path) -> None:
    with pytest.raises(ConfigError, match="unknown split"):
        run_el_eval("conll", bench)
    with pytest.raises(MissingInputError):
        run_el_eval("shadowlinks-top", bench)


def test_cli_eval_el_prints_a_table_then_json(
    bench: Path, tmp_path: Path, fake_link_spans: list[object]
) -> None:
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "unused.db"), "eval", "el",
                                      "--split", "wned-wiki-dev", "--benchmarks", str(bench),
                                      "--limit", "1"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    metrics = json.loads(lines[-1])
    assert (metrics["split"], metrics["documents"], metrics["mentions"]) == (
        "wned-wiki-dev", 1, 4)
    assert any("in_kb_accuracy" in line for line in lines[:-1])
    missing = CliRunner().invoke(app, ["eval", "el", "--benchmarks", str(tmp_path / "none")])
    assert missing.exit_code == 1 and "error:" in missing.output
