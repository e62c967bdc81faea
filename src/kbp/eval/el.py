"""Entity-linking scores in the TAC-KBP setting: every mention links to a KB id or is NIL.

:func:`score_links` works on plain per-mention lists, so it can score any linker and
any data set; :mod:`kbp.eval.zelda` feeds it the ZELDA benchmark.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

__all__ = ["score_links"]


def _ratio(num: float, den: float) -> float:
    """``num / den``, and 0.0 when there is nothing to divide by."""
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return _ratio(2 * p * r, p + r)


def score_links(
    gold: Sequence[str | None],
    pred: Sequence[str | None],
    gold_clusters: Sequence[str],
    pred_clusters: Sequence[str],
    candidates: Sequence[Sequence[str]] | None = None,
) -> dict[str, object]:
    """Score predicted links against gold links, one list entry per mention.

    ``gold[i]`` / ``pred[i]`` are KB ids, ``None`` for NIL.  ``gold_clusters[i]`` names
    the gold entity (mentions with the same gold title share a cluster, NIL mentions
    included); ``pred_clusters[i]`` names the predicted entity (the KB id, or the NIL
    cluster id).  ``candidates[i]``, when given, is the linker's candidate list.

    Definitions (n = number of mentions; a ratio with nothing to divide by is 0.0):

    - ``micro_accuracy``: mentions with ``pred == gold`` (NIL == NIL is correct) / n.
    - ``in_kb_accuracy``: the same, over mentions whose gold is a KB id.
    - ``nil_precision`` / ``nil_recall`` / ``nil_f1``: NIL as the positive class;
      true positives are mentions with both gold and pred NIL, precision divides by
      predicted NILs, recall by gold NILs.
    - ``nil_accuracy``: accuracy over gold-NIL mentions (equal to ``nil_recall``).
    - ``all_nil_accuracy``: micro accuracy of predicting NIL everywhere (gold NILs / n).
    - ``candidate_recall``: over mentions whose gold is a KB id, the fraction whose
      gold id is in ``candidates[i]``; ``None`` when no candidates are given.
    - ``in_kb_errors``: with candidates (best first), the wrongly linked mentions whose
      gold is a KB id, by cause: ``no_candidate`` (the gold id is not a candidate),
      ``ranked_below`` (another candidate is first) and ``under_threshold`` (the gold id
      is first but the mention was left NIL); ``None`` without candidates.
    - ``b3_precision`` / ``b3_recall`` / ``b3_f1``: B-cubed+ as in TAC-KBP 2011 and
      later.  With G(e) the gold cluster, S(e) the predicted cluster and
      ``ok(e) = (pred(e) == gold(e))`` (a KB id equal to the gold one, or NIL for a
      gold NIL), a pair of mentions is correct when
      ``G(e) == G(e') and S(e) == S(e') and ok(e) and ok(e')``.  Then
      ``P = mean over e of |{e' correct with e}| / |{e' : S(e') == S(e)}|`` and
      ``R = mean over e of |{e' correct with e}| / |{e' : G(e') == G(e)}|``
      (e' ranges over all mentions, e itself included), and ``F1 = 2PR / (P + R)``.
      A wrongly linked mention therefore scores 0 for both, and a correctly linked
      one is credited only with the correctly linked mentions its two clusters share.

    Counts are returned too: ``mentions``, ``in_kb_mentions``, ``nil_mentions``.
    Raises ValueError when the sequences differ in length.
    """
    n = len(gold)
    lengths = {len(pred), len(gold_clusters), len(pred_clusters)}
    if candidates is not None:
        lengths.add(len(candidates))
    if lengths != {n}:
        raise ValueError("gold, pred, clusters and candidates must have one entry per mention")

    ok = [p == g for g, p in zip(gold, pred, strict=True)]
    in_kb = [i for i in range(n) if gold[i] is not None]
    gold_nil = n - len(in_kb)
    pred_nil = sum(1 for p in pred if p is None)
    nil_tp = sum(1 for g, p in zip(gold, pred, strict=True) if g is None and p is None)

    nil_p = _ratio(nil_tp, pred_nil)
    nil_r = _ratio(nil_tp, gold_nil)

    candidate_recall: float | None = None
    errors: dict[str, int] | None = None
    if candidates is not None:
        found = sum(1 for i in in_kb if gold[i] in candidates[i])
        candidate_recall = _ratio(found, len(in_kb))
        errors = {"no_candidate": 0, "ranked_below": 0, "under_threshold": 0}
        for i in in_kb:
            if ok[i]:
                continue
            cands = candidates[i]
            cause = ("no_candidate" if gold[i] not in cands else
                     "ranked_below" if cands[0] != gold[i] else "under_threshold")
            errors[cause] += 1

    b3_p, b3_r = _b_cubed_plus(gold_clusters, pred_clusters, ok)
    return {
        "mentions": n,
        "in_kb_mentions": len(in_kb),
        "nil_mentions": gold_nil,
        "micro_accuracy": _ratio(sum(ok), n),
        "in_kb_accuracy": _ratio(sum(1 for i in in_kb if ok[i]), len(in_kb)),
        "nil_precision": nil_p,
        "nil_recall": nil_r,
        "nil_f1": _f1(nil_p, nil_r),
        "nil_accuracy": nil_r,
        "b3_precision": b3_p,
        "b3_recall": b3_r,
        "b3_f1": _f1(b3_p, b3_r),
        "candidate_recall": candidate_recall,
        "in_kb_errors": errors,
        "all_nil_accuracy": _ratio(gold_nil, n),
    }


def _b_cubed_plus(
    gold_clusters: Sequence[str], pred_clusters: Sequence[str], ok: Sequence[bool]
) -> tuple[float, float]:
    """B-cubed+ precision and recall (see :func:`score_links`), in linear time.

    For a correctly linked mention e the number of mentions correct with it is the
    number of correctly linked mentions in the intersection of its gold and predicted
    clusters; for a wrongly linked one it is 0.
    """
    n = len(ok)
    if n == 0:
        return 0.0, 0.0
    gold_size = Counter(gold_clusters)
    pred_size = Counter(pred_clusters)
    shared_ok = Counter(
        (g, s) for g, s, good in zip(gold_clusters, pred_clusters, ok, strict=True) if good
    )
    precision = recall = 0.0
    for g, s, good in zip(gold_clusters, pred_clusters, ok, strict=True):
        if good:
            both = shared_ok[(g, s)]
            precision += both / pred_size[s]
            recall += both / gold_size[g]
    return precision / n, recall / n
