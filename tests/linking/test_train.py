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
