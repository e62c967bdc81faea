"""Learning the linker's weights: out-of-fold probabilities, the NIL threshold, and the
per-split cross-validation report, on separable examples made in code."""

from __future__ import annotations

from kbp.linking import train
from kbp.linking.linker import FEATURES
from kbp.linking.train import (
    Example,
    calibration_table,
    choose_c,
    choose_threshold,
    cross_validate,
    out_of_fold,
)

EXACT = FEATURES.index("exact")
FUZZY = FEATURES.index("fuzzy")


def _row(feature: int) -> list[float]:
    row = [0.0] * len(FEATURES)
    row[FEATURES.index("bias")] = 1.0
    row[feature] = 1.0
    return row


def _examples(n: int = 40) -> list[Example]:
    """Half the mentions have one exact candidate that is right; the other half are NIL
    and have one fuzzy candidate that is wrong."""
    out = []
    for i in range(n):
        if i % 2 == 0:
            out.append(Example(group=i, rows=[_row(EXACT)], labels=[1], gold_in_kb=True))
        else:
            out.append(Example(group=i, rows=[_row(FUZZY)], labels=[0], gold_in_kb=False))
    return out


def test_train_out_of_fold_scores_every_example_with_candidates() -> None:
    examples = _examples() + [Example(group=99, rows=[], labels=[], gold_in_kb=False)]
    probs = out_of_fold(examples)
    assert all(len(p) == len(e.rows) for p, e in zip(probs, examples, strict=True))
    assert probs[0][0] > 0.5 > probs[1][0]


def test_train_threshold_separates_right_links_from_nil() -> None:
    examples = _examples()
    probs = out_of_fold(examples)
    threshold = choose_threshold(examples, probs=probs)
    assert max(p[0] for p, e in zip(probs, examples, strict=True) if not e.gold_in_kb) \
        < threshold <= min(p[0] for p, e in zip(probs, examples, strict=True) if e.gold_in_kb)


def test_train_cross_validation_reports_each_split() -> None:
    examples = _examples()
    rows = cross_validate(examples, {"a": slice(0, 20), "b": slice(20, 40)})
    assert [r["split"] for r in rows] == ["a", "b"]
    assert all(r["micro_accuracy"] == 1.0 and r["in_kb_accuracy"] == 1.0 for r in rows)


def test_train_regularisation_is_chosen_out_of_fold(monkeypatch) -> None:
    """The strength whose out-of-fold predictions score better wins: here the one that
    ranks every right link above every NIL mention."""
    examples = _examples()

    def fake_out_of_fold(examples, folds=5, c=1.0):
        # strength 1 mixes the two kinds of mention up; strength 100 separates them
        return [[0.9 if (e.gold_in_kb == (c == 100.0)) else 0.1] for e in examples]

    monkeypatch.setattr(train, "C_GRID", (1.0, 100.0))
    monkeypatch.setattr(train, "out_of_fold", fake_out_of_fold)
    c, probs, threshold = choose_c(examples)
    assert c == 100.0
    assert threshold == choose_threshold(examples, probs=probs)
    assert all((p[0] >= threshold) == e.gold_in_kb for p, e in zip(probs, examples, strict=True))


def test_train_calibration_table_rises_with_probability() -> None:
    """Best candidates right 1 time in 4 at probability 0.3 and always at 0.9: the table
    says so, and rises."""
    examples = [Example(group=i, rows=[_row(EXACT)], labels=[int(i % 4 == 0)], gold_in_kb=True)
                for i in range(40)]
    examples += [Example(group=40 + i, rows=[_row(EXACT)], labels=[1], gold_in_kb=True)
                 for i in range(40)]
    probs = [[0.3]] * 40 + [[0.9]] * 40
    table = calibration_table(examples, probs)
    assert table[0][0] == 0.0 and table[-1][0] == 1.0
    assert [y for _, y in table] == sorted(y for _, y in table)
    assert dict((x, y) for x, y in table)[0.3] == 0.25
    assert dict((x, y) for x, y in table)[0.9] == 1.0


def test_train_regularisation_grid_can_be_fixed(monkeypatch) -> None:
    """``--c`` on the command line: only the strengths given are tried."""
    tried = []

    def fake_out_of_fold(examples, folds=5, c=1.0):
        tried.append(c)
        return [[0.9 if e.gold_in_kb else 0.1] for e in examples]

    monkeypatch.setattr(train, "out_of_fold", fake_out_of_fold)
    c, _, _ = choose_c(_examples(), grid=(1.0,))
    assert c == 1.0 and tried == [1.0]


def _documents(store) -> list[train.Mentions]:
    """Twenty documents naming Mercury (the planet or the element, as the words around
    it say), Quito, and a person the KB lacks."""
    from kbp.linking.context import context_terms
    from kbp.linking.linker import Query

    for kb_id, title, type_, context in (
            ("KB4", "Quito", "GPE", "capital city of ecuador andes"),
            ("KB5", "Mercury (planet)", None, "planet orbit sun quito"),
            ("KB6", "Mercury (element)", None, "chemical element liquid metal")):
        sid = store.ensure_kb_entity(kb_id, title, type_, ("Mercury",) if "(" in title else ())
        store.set_entity_context(sid, " ".join(context_terms(f"{title} {context}")))
    docs = []
    for g in range(20):
        terms = context_terms("the planet and its orbit" if g % 2 else "a liquid metal")
        docs.append(train.Mentions(g, [
            Query(f"{g}:0", ("Mercury",), None, terms),
            Query(f"{g}:1", ("Quito",), "GPE", terms),
            Query(f"{g}:2", ("Ana Nadie",), "PER", terms),
        ], ["KB5" if g % 2 else "KB6", "KB4", None]))
    return docs


def test_train_rounds_do_not_depend_on_the_shipped_weights(tmp_path, monkeypatch) -> None:
    from kbp.kb import SQLiteStore
    from kbp.linking import linker
    from kbp.linking.linker import KBLookup

    with SQLiteStore(tmp_path / "kb.db") as store:
        docs = _documents(store)
        first = train.examples_of(linker.Linker(KBLookup(store)), docs, coherence=False)
        assert all(row[FEATURES.index("coherence")] == 0.0 for e in first for row in e.rows)
        weights, examples = train.train_rounds(KBLookup(store), docs, grid=(1.0,), rounds=1)
        assert len(examples) == 60
        monkeypatch.setattr(linker, "default_weights", lambda: dict.fromkeys(FEATURES, 9.0))
        again, _ = train.train_rounds(KBLookup(store), docs, grid=(1.0,), rounds=1)
    assert again == weights


def test_train_command_names_a_missing_file(tmp_path, monkeypatch, capsys) -> None:
    import sys

    import pytest

    monkeypatch.setattr(sys, "argv", ["train", "--store", str(tmp_path / "kb.db"), "--kb",
                                      str(tmp_path / "kb.jsonl"), "--split",
                                      str(tmp_path / "dev.jsonl")])
    with pytest.raises(SystemExit):
        train.main()
    assert "kb.jsonl: no such file" in capsys.readouterr().err
    assert not (tmp_path / "kb.db").exists()  # nothing created
