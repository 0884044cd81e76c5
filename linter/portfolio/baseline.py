"""The peer to beat: brute-force all-pairs rapidfuzz (token_sort_ratio over folded names), thresholded.

Every pair at or above the threshold is linked; connected components are the groups. It has no notion of
object, action or qualifier, so every group is reported as a "duplicate".
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from assistant.textnorm import folded_tokens

DEFAULT_THRESHOLD = 85


def baseline_groups(
    names: Sequence[str], *, threshold: int = DEFAULT_THRESHOLD, workers: int = -1
) -> list[tuple[int, ...]]:
    """Groups of 1-based rows whose folded names score >= threshold with token_sort_ratio (all pairs)."""
    folded = [" ".join(folded_tokens(n)) if isinstance(n, str) else "" for n in names]
    n = len(folded)
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    step = 2000  # rows per block keeps the score matrix small (step x n bytes)
    for start in range(0, n, step):
        m = process.cdist(
            folded[start : start + step],
            folded,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=threshold,
            dtype=np.uint8,
            workers=workers,
        )
        ii, jj = np.nonzero(m >= threshold)
        for i, j in zip((ii + start).tolist(), jj.tolist()):
            if i < j and folded[i] and folded[j]:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
    comps: dict[int, list[int]] = {}
    for i in range(n):
        comps.setdefault(find(i), []).append(i + 1)
    return [tuple(v) for v in comps.values() if len(v) > 1]
