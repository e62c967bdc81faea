"""Entity-linking scores on tiny literal inputs, some worked out by hand."""

from __future__ import annotations

import pytest

from kbp.eval.el import score_links


def test_perfect_linking_scores_one_everywhere() -> None:
    gold = ["Paris", None, "Paris", None]
    clusters = ["Paris", "Zed", "Paris", "Zed"]
    s = score_links(gold, gold, clusters, ["Paris", "NIL1", "Paris", "NIL1"],
                    [["Paris", "Lyon"], [], ["Paris"], ["Lyon"]])
    for key in ("micro_accuracy", "in_kb_accuracy", "nil_precision", "nil_recall", "nil_f1",
                "nil_accuracy", "b3_precision", "b3_recall", "b3_f1", "candidate_recall"):
        assert s[key] == pytest.approx(1.0), key
    assert (s["mentions"], s["in_kb_mentions"], s["nil_mentions"]) == (4, 2, 2)
    assert s["all_nil_accuracy"] == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        # all NIL predicted: the trivial baseline
        (["A", None, None, None], [None, None, None, None],
         {"micro_accuracy": 0.75, "in_kb_accuracy": 0.0, "nil_precision": 0.75,
          "nil_recall": 1.0, "nil_accuracy": 1.0, "all_nil_accuracy": 0.75}),
        # a wrong KB id is wrong; a NIL linked to the KB is a NIL miss
        (["A", "B", None, None], ["A", "C", "A", None],
         {"micro_accuracy": 0.5, "in_kb_accuracy": 0.5, "nil_precision": 1.0,
          "nil_recall": 0.5, "nil_f1": 2 / 3, "all_nil_accuracy": 0.5}),
        # an in-KB mention predicted NIL costs NIL precision
        (["A", "B", None], [None, "B", None],
         {"micro_accuracy": 2 / 3, "in_kb_accuracy": 0.5, "nil_precision": 0.5,
          "nil_recall": 1.0, "nil_f1": 2 / 3}),
        # no gold NIL and no predicted NIL: empty ratios are 0.0
        (["A", "B"], ["A", "A"],
         {"micro_accuracy": 0.5, "in_kb_accuracy": 0.5, "nil_precision": 0.0,
          "nil_recall": 0.0, "nil_f1": 0.0, "all_nil_accuracy": 0.0}),
    ],
)
def test_accuracy_and_nil_scores(gold, pred, expected) -> None:
    clusters = [g or f"nil{i}" for i, g in enumerate(gold)]
    pred_clusters = [p or f"NIL{i}" for i, p in enumerate(pred)]
    s = score_links(gold, pred, clusters, pred_clusters)
    for key, value in expected.items():
        assert s[key] == pytest.approx(value), key
    assert s["candidate_recall"] is None


@pytest.mark.parametrize(
    ("candidates", "recall"),
    [
        ([["A", "X"], ["X"], [], ["Y"]], 0.5),  # gold A found, gold B missed; NILs ignored
        ([["A"], ["B", "A"], ["Q"], []], 1.0),
        ([[], [], ["A"], ["B"]], 0.0),
    ],
)
def test_candidate_recall_counts_in_kb_mentions_only(candidates, recall) -> None:
    gold = ["A", "B", None, None]
    s = score_links(gold, [None] * 4, ["A", "B", "n", "m"], ["1", "2", "3", "4"], candidates)
    assert s["candidate_recall"] == pytest.approx(recall)


def test_in_kb_errors_by_cause() -> None:
    gold = ["A", "B", "C", "D", None]
    pred = ["A", "X", None, None, "Q"]  # right; ranked below; under threshold; no candidate
    candidates = [["A"], ["X", "B"], ["C", "Y"], ["Z"], ["Q"]]
    s = score_links(gold, pred, ["A", "B", "C", "D", "n"], ["A", "X", "c", "d", "Q"],
                    candidates)
    assert s["in_kb_errors"] == {"no_candidate": 1, "ranked_below": 1, "under_threshold": 1}
    assert score_links(gold, pred, gold, gold)["in_kb_errors"] is None


def test_b_cubed_plus_by_hand() -> None:
    # Gold: m1, m2 -> KB "A" (cluster A); m3, m4, m5 -> NIL cluster "Zed".
    # Pred: m1 -> A, m2 -> B (wrong), m3, m4 -> NIL cluster N1, m5 -> A (wrong).
    gold = ["A", "A", None, None, None]
    pred = ["A", "B", None, None, "A"]
    gold_clusters = ["A", "A", "Zed", "Zed", "Zed"]
    pred_clusters = ["A", "B", "N1", "N1", "A"]
    s = score_links(gold, pred, gold_clusters, pred_clusters)
    # Correct links: m1, m3, m4.  Predicted clusters: A={m1,m5}, B={m2}, N1={m3,m4}.
    # m1: shares gold & pred cluster with correct {m1}: P = 1/|{m1,m5}| = 1/2,
    #     R = 1/|{m1,m2}| = 1/2.
    # m2, m5: wrongly linked -> 0, 0.
    # m3: correct mates {m3,m4}: P = 2/2 = 1, R = 2/3; m4 likewise.
    # P = (1/2 + 0 + 1 + 1 + 0) / 5 = 0.5; R = (1/2 + 0 + 2/3 + 2/3 + 0) / 5 = 11/30.
    assert s["b3_precision"] == pytest.approx(0.5)
    assert s["b3_recall"] == pytest.approx(11 / 30)
    assert s["b3_f1"] == pytest.approx(2 * 0.5 * (11 / 30) / (0.5 + 11 / 30))
    assert s["micro_accuracy"] == pytest.approx(3 / 5)


def test_b_cubed_plus_penalises_split_and_merged_nil_clusters() -> None:
    gold = [None, None, None, None]
    gold_clusters = ["X", "X", "Y", "Y"]
    split = score_links(gold, gold, gold_clusters, ["n1", "n2", "n3", "n4"])
    assert (split["b3_precision"], split["b3_recall"]) == pytest.approx((1.0, 0.5))
    merged = score_links(gold, gold, gold_clusters, ["n"] * 4)
    assert (merged["b3_precision"], merged["b3_recall"]) == pytest.approx((0.5, 1.0))
    # every link is right (NIL == NIL), so accuracy cannot see the clustering errors
    assert split["micro_accuracy"] == merged["micro_accuracy"] == 1.0


def test_empty_input_and_length_mismatch() -> None:
    s = score_links([], [], [], [], [])
    assert s["mentions"] == 0
    assert s["micro_accuracy"] == s["b3_f1"] == s["candidate_recall"] == 0.0
    with pytest.raises(ValueError, match="one entry per mention"):
        score_links(["A"], ["A", None], ["A"], ["A"])
    with pytest.raises(ValueError, match="one entry per mention"):
        score_links(["A"], ["A"], ["A"], ["A"], [])
