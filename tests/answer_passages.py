"""Shared test helpers for the answer tests: a stand-in retriever over hand-made chunks.

Example:
    Assistant(Settings(), retriever=StemRetriever(CHUNKS)).ask("Kas ir e-pakalpojums?")
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.sentences import content_stems
from assistant.types import Chunk, Hit


class StemRetriever:
    """A stand-in retriever over hand-made chunks: ranks them by shared content stems (enough for contract tests)
    and remembers the queries it was given."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.chunks = list(chunks)
        self.queries: list[str] = []

    def run(self, query: str, *, top_k: int = 10) -> list[Hit]:
        self.queries.append(query)
        q = set(content_stems(query))
        ranked = sorted(self.chunks, key=lambda c: -len(q & set(content_stems(c.text))))
        return [Hit(c, 1.0 / (i + 1)) for i, c in enumerate(ranked[:top_k])]
