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
# (a leading bullet, list number or opening quote is skipped: '• "Pārrobežu piekļūstamība" — pakalpojumus ...')
_DEF_LINE_RE = re.compile(
    r"^(?:[\s•\-–*]|\d{1,2}[.)+]\s)*[\"“”„«]?([^\W\d_][\w\-\"“”„()/ ]{0,70}?)[\"“”»]?\s+[–—-]\s+\S", re.UNICODE
)
_QUERY_RES = [
    re.compile(r"^(?:kas|ko)\s+(?:tad\s+)?(?:ir|ir\s+tas|tas\s+ir|nozime|saprot\s+ar|sauc\s+par|apzime)\s+(.+)$"),
    re.compile(r"^(?:ka|kada)\s+(?:ir\s+)?(?:definet[as]?|definicija|skaidrojums)\s+(.+)$"),
    re.compile(r"^(.+?)\s+(?:definicija|skaidrojums|nozime)$"),
    re.compile(r"^(?:ko\s+nozime|kas\s+ir)\s+(.+)$"),
]


# "Term ir ..." at the start of a line: only an exact match of the whole question subject counts
_IR_LINE_RE = re.compile(r"^[\s•\-–*#]*([^\W\d_][\w\-]*(?:\s+[^\W\d_][\w\-]*){0,2})\s+(?:ir|nozīmē)\s+\S", re.UNICODE)


def defined_terms(text: str, *, loose: bool = False) -> list[str]:
    """Terms a passage defines ("Term – ..."); with ``loose`` the "Term ir ..." lines."""
    out = []
    if loose:
        for line in text.split("\n"):
            m = _IR_LINE_RE.match(line)
            if m:
                out.append(m.group(1).strip())
        return out
    for line in text.split("\n"):
        m = _DEF_LINE_RE.match(line)
        if m and 1 <= len(m.group(1).split()) <= 8:
            term = m.group(1).strip().strip('"“”„«»').strip()
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
            if 1 <= len(subj.split()) <= 10:
                return subj
    return None


class DefinitionIndex:
    """Chunks by the terms they define."""

    def __init__(self) -> None:
        self._terms: list[list[frozenset[str]]] = []
        self._loose: list[list[frozenset[str]]] = []

    def warm_up(self, chunks: Sequence[Chunk]) -> None:
        def stems(terms: list[str]) -> list[frozenset[str]]:
            return [fs for fs in (frozenset(analyze(t)) for t in terms) if fs]

        self._terms = [stems(defined_terms(c.text)) for c in chunks]

        self._loose = [stems(defined_terms(c.text, loose=True)) for c in chunks]

    def rank(self, query: str, k: int = 10) -> list[int]:
        """Chunk indexes that define the question's subject, best first."""
        return [i for i, _ in self.rank_scored(query, k)]

    def rank_scored(self, query: str, k: int = 10) -> list[tuple[int, float]]:
        """(chunk index, match in (0, 1]) for the chunks that define the question's subject, best first: 1 = the
        defined term is exactly the subject, less for a partial term or a loose "X ir ..." line."""
        subj = query_subject(query)
        if not subj:
            return []
        want = frozenset(analyze(subj))
        if not want:
            return []
        scored: list[tuple[float, int]] = []
        for i, (terms, loose) in enumerate(zip(self._terms, self._loose, strict=True)):
            best = 0.0
            for t in terms:
                if t == want:
                    best = max(best, 1.0)
                elif t <= want and len(t) >= 2 or want <= t:
                    # the defined term is part of the question subject (or the other way round)
                    best = max(best, 0.5 + 0.5 * len(t & want) / len(t | want))
            for t in loose:
                if t == want or (t <= want and len(t) >= 2):
                    best = max(best, 0.4 + 0.5 * len(t & want) / len(t | want))
            if best > 0:
                scored.append((-best, i))
        scored.sort()
        return [(i, -neg) for neg, i in scored[:k]]
