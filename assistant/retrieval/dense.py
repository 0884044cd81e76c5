"""Dense retrieval: chunk vectors in a Chroma collection (local PersistentClient or a Chroma server).

Chroma never embeds anything itself here: we pass our own vectors (``embedding_function=None``).

Example:
    r = DenseRetriever(collection, embedder, chunks); hits = r.run("kā nosaukt pakalpojumu?")
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..types import Chunk, Hit


def chroma_settings():
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


class DenseRetriever:
    """Nearest chunks by cosine similarity of e5 vectors, stored in a Chroma collection.

    Example:
        r = DenseRetriever(collection, embedder, chunks, top_k=10); r.run("pakalpojuma līmeņa vienošanās")
    """

    def __init__(self, collection, embedder, chunks: Sequence[Chunk], *, top_k: int = 10, restore=None) -> None:
        self.collection = collection
        self.embedder = embedder
        self.top_k = top_k
        self.chunks = list(chunks)
        self._by_id = {c.chunk_id: i for i, c in enumerate(self.chunks)}
        self._restore = restore
        try:
            self.collection_size = int(collection.count())
        except Exception:  # noqa: BLE001
            self.collection_size = 0

    def warm_up(self, chunks: Sequence[Chunk] | None = None) -> None:
        if chunks is not None:
            self.chunks = list(chunks)
            self._by_id = {c.chunk_id: i for i, c in enumerate(self.chunks)}

    def query_vector(self, query: str) -> np.ndarray:
        q = self._restore(query) if self._restore is not None else query
        return self.embedder.query_vec(q)

    def search_both(self, vec: np.ndarray, k: int) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
        """Two rankings of chunk indexes: by the whole-chunk vector, and by the best sentence window."""
        n = max(1, min(k * 4, self.collection_size or 4 * k))
        res = self.collection.query(query_embeddings=[vec.astype(float).tolist()], n_results=n, include=["distances"])
        whole: list[tuple[int, float]] = []
        win: list[tuple[int, float]] = []
        seen_w: set[int] = set()
        for cid, dist in zip(res["ids"][0], res["distances"][0], strict=False):
            parent, _, part = cid.partition("#")
            i = self._by_id.get(parent)
            if i is None:
                continue
            sim = 1.0 - float(dist)
            if part:
                if i not in seen_w:
                    seen_w.add(i)
                    win.append((i, sim))
            else:
                whole.append((i, sim))
        return whole[:k], win[:k]

    def search_vector(self, vec: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(chunk index, cosine similarity) best first, a chunk scored by its best vector (whole or window)."""
        whole, win = self.search_both(vec, k)
        best: dict[int, float] = {}
        for i, s in whole + win:
            best[i] = max(best.get(i, -1.0), s)
        return sorted(best.items(), key=lambda t: -t[1])[:k]

    def run(self, query: str, *, top_k: int | None = None) -> list[Hit]:
        k = top_k or self.top_k
        return [Hit(self.chunks[i], s, {"dense": s}) for i, s in self.search_vector(self.query_vector(query), k)]
