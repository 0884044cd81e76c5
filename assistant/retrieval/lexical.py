"""BM25 (``bm25s``) over Latvian-normalised terms: lower case, diacritics folded, inflection reduced.

Example:
    r = LexicalRetriever(); r.warm_up(chunks); hits = r.run("kas ir d-pakalpojums")
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..chunking import indexed_text
from ..stemming import DEFAULT_STEMMER, analyze
from ..types import Chunk, Hit


class LexicalRetriever:
    """BM25 over stemmed, folded tokens of the chunk text with its title and section.

    Example:
        r = LexicalRetriever(top_k=10); r.warm_up(chunks); hits = r.run("kas ir d-pakalpojums")
    """

    def __init__(self, *, top_k: int = 10, stemmer: str = DEFAULT_STEMMER, k1: float = 1.2, b: float = 0.75) -> None:
        self.top_k = top_k
        self.stemmer = stemmer
        self.k1 = k1
        self.b = b
        self.chunks: list[Chunk] = []
        self._bm25 = None
        self._vocab: dict[str, int] = {}

    def warm_up(self, chunks: Sequence[Chunk]) -> None:
        import bm25s

        self.chunks = list(chunks)
        corpus = [analyze(indexed_text(c), self.stemmer) or ["\u2205"] for c in self.chunks]
        bm = bm25s.BM25(k1=self.k1, b=self.b, method="lucene")
        bm.index(corpus, show_progress=False)
        self._bm25 = bm
        self._vocab = dict(bm.vocab_dict)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk for the query (zeros when no term matches)."""
        if self._bm25 is None:
            raise RuntimeError("warm_up() first")
        terms = [t for t in analyze(query, self.stemmer) if t in self._vocab]
        if not terms:
            return np.zeros(len(self.chunks), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(terms), dtype=np.float32)

    def run(self, query: str, *, top_k: int | None = None) -> list[Hit]:
        k = top_k or self.top_k
        s = self.scores(query)
        order = np.argsort(-s, kind="stable")[:k]
        return [Hit(self.chunks[i], float(s[i]), {"bm25": float(s[i])}) for i in order if s[i] > 0]
