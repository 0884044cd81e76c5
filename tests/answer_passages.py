"""Shared test helpers for the answer tests: a set of passages, hits in a given order, a warmed composer, a stand-in
retriever, and the check that every quoted unit is verbatim in the passage it cites.

Example:
    P = Passages(CHUNKS); d = P.composer.run("Kas ir e-pakalpojums?", P.hits(0, 2)); assert_all_contained(d)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from assistant.answer import ExtractiveComposer
from assistant.sentences import contained_in, content_stems
from assistant.types import Chunk, Hit


class Passages:
    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.chunks = list(chunks)

    def hits(self, *idx: int) -> list[Hit]:
        """The chunks at ``idx`` as retrieval hits, best first (score 1, 1/2, 1/3, …)."""
        return [Hit(self.chunks[i], 1.0 / (r + 1)) for r, i in enumerate(idx)]

    @cached_property
    def composer(self) -> ExtractiveComposer:
        c = ExtractiveComposer()
        c.warm_up(self.chunks)
        return c


def assert_all_contained(draft) -> None:
    """Every unit the draft quotes is verbatim in the passage its citation points to."""
    by_n = {c.n: c.chunk.text for c in draft.citations}
    for n, text in draft.used:
        assert contained_in(text, by_n[n]), text


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
