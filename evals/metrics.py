"""Ranking metrics shared by the evaluations.

``ranks`` are 1-based ranks of the first correct result per question (``None`` = not found).

Example:
    recall_at([1, 3, None], 1) == 1/3; mrr([1, 2, None]) == 0.5
"""

from __future__ import annotations

from collections.abc import Sequence


def recall_at(ranks: Sequence[int | None], k: int) -> float:
    """Share of questions whose first correct result is within the top k."""
    if not ranks:
        return 0.0
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks)


def mrr(ranks: Sequence[int | None], cutoff: int | None = None) -> float:
    """Mean reciprocal rank (0 for a miss or a rank past the cutoff)."""
    if not ranks:
        return 0.0
    return sum(1.0 / r for r in ranks if r is not None and (cutoff is None or r <= cutoff)) / len(ranks)


def first_rank(flags: Sequence[bool]) -> int | None:
    """1-based position of the first True."""
    for i, f in enumerate(flags, start=1):
        if f:
            return i
    return None


def summary(ranks: Sequence[int | None], ks: Sequence[int] = (1, 5, 10)) -> dict[str, float]:
    out = {f"recall@{k}": round(recall_at(ranks, k), 4) for k in ks}
    out["mrr"] = round(mrr(ranks, cutoff=max(ks)), 4)
    out["n"] = len(ranks)
    return out


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    if not values:
        return float("nan")
    s = sorted(values)
    i = min(len(s) - 1, max(0, int(round(p / 100 * len(s) + 0.5)) - 1))
    return s[i]
