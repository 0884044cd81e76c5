"""Definition look-up: "Kas ir X?" questions find the passage where X is defined ("X – ...").

Guidance texts define their terms as "Pakalpojuma turētājs - iestāde, kuras ..." or "PLVN – ...". At warm-up
each chunk's defined terms are stemmed; a question of the form "kas ir X", "ko nozīmē X", "X definīcija",
"ko saprot ar X" ranks the chunks that define X (all of X's terms, compared by folded stems).

Example:
    d = DefinitionIndex(); d.warm_up(chunks); d.rank("kas ir pakalpojuma turetajs")  # -> [chunk indexes]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..stemming import analyze
from ..textnorm import fold
from ..types import Chunk

# "Term – definition" at the start of a line (dash with spaces), the term 1-6 words
_DEF_LINE_RE = re.compile(r"^[\s•\-–*]*([^\W\d_][\w\-\"“”„()/ ]{0,70}?)\s+[–—-]\s+\S", re.UNICODE)
_QUERY_RES = [
    re.compile(r"^(?:kas|ko)\s+(?:tad\s+)?(?:ir|ir\s+tas|tas\s+ir|nozime|saprot\s+ar|sauc\s+par|apzime)\s+(.+)$"),
    re.compile(r"^(?:ka|kada)\s+(?:ir\s+)?(?:definet[as]?|definicija|skaidrojums)\s+(.+)$"),
    re.compile(r"^(.+?)\s+(?:definicija|skaidrojums|nozime)$"),
    re.compile(r"^(?:ko\s+nozime|kas\s+ir)\s+(.+)$"),
]


def defined_terms(text: str) -> list[str]:
    out = []
    for line in text.split("\n"):
        m = _DEF_LINE_RE.match(line)
        if m and 1 <= len(m.group(1).split()) <= 8:
            term = m.group(1).strip()
            inner = re.findall(r"\(([^)]*)\)", term)
            bare = re.sub(r"\([^)]*\)?", " ", term).strip()
            out.extend(t for t in [bare, *(re.sub(r"^(vai|jeb)\s+", "", i.strip()) for i in inner)] if t)
    return out


def query_subject(query: str) -> str | None:
    """X of a definition question, or None."""
    q = re.sub(r"[?!.,:;\"“”„]+", " ", fold(query)).strip()
    q = " ".join(q.split())
    for rx in _QUERY_RES:
        m = rx.match(q)
        if m:
            subj = m.group(1).strip()
            if 1 <= len(subj.split()) <= 6:
                return subj
    return None


class DefinitionIndex:
    """Chunks by the terms they define."""

    def __init__(self) -> None:
        self._terms: list[list[frozenset[str]]] = []

    def warm_up(self, chunks: Sequence[Chunk]) -> None:
        self._terms = [[frozenset(analyze(t)) for t in defined_terms(c.text) if analyze(t)] for c in chunks]

    def rank(self, query: str, k: int = 10) -> list[int]:
        subj = query_subject(query)
        if not subj:
            return []
        want = frozenset(analyze(subj))
        if not want:
            return []
        scored: list[tuple[float, int]] = []
        for i, terms in enumerate(self._terms):
            best = 0.0
            for t in terms:
                if t == want:
                    best = max(best, 1.0)
                elif t and t <= want or want <= t:
                    best = max(best, len(t & want) / len(t | want))
            if best >= 0.5:
                scored.append((-best, i))
        scored.sort()
        return [i for _, i in scored[:k]]
