"""Core value types shared by retrieval, answers, triage and the app.

Example:
    hit = Hit(chunk=chunk, score=0.87); hit.to_dict()["doc"]  # -> "002_af057d60808f1741.txt"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class DocMeta:
    """A corpus document's manifest entry."""

    id: str
    source_file: str
    title: str
    issuer: str = ""
    year: int | None = None
    kind: str = ""
    language: str = "lv"
    notes: str = ""
    ocr: bool = False


@dataclass(frozen=True)
class Document:
    """A loaded document: cleaned text plus the original, with an offset map between them."""

    meta: DocMeta
    text: str  # cleaned (OCR-repaired) text that is chunked and indexed
    original: str  # the source text as read
    # offsets[i] = index in `original` of character i of `text` (same length as text)
    offsets: tuple[int, ...] | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the cleaned text back to the original text."""
        if self.offsets is None or not self.offsets:
            return start, end
        end_i = min(max(end - 1, start), len(self.offsets) - 1)
        return self.offsets[min(start, len(self.offsets) - 1)], self.offsets[end_i] + 1


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage with its place in the document."""

    chunk_id: str  # stable content hash
    doc: str  # the document's source_file
    title: str  # document title
    section: str  # section heading or slide title
    text: str  # the chunk text as indexed (cleaned)
    position: int = 0  # ordinal within the document
    start: int = 0  # character span in the cleaned text
    end: int = 0
    orig_start: int = 0  # character span in the original source text
    orig_end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "chunk_id": self.chunk_id,
            "title": self.title,
            "section": self.section,
            "text": self.text,
        }


@dataclass(frozen=True)
class Hit:
    """A chunk returned by a retriever with its score (higher is better)."""

    chunk: Chunk
    score: float
    scores: dict[str, float] = field(default_factory=dict)  # per-retriever scores/ranks, for debugging

    def to_dict(self) -> dict[str, Any]:
        d = self.chunk.to_dict()
        d["score"] = round(float(self.score), 6)
        return d


@dataclass(frozen=True)
class Citation:
    """A numbered source of an answer: the chunk and the exact sentence(s) used."""

    n: int
    chunk: Chunk
    quote: str
    section_text: str = ""  # the whole section the quote comes from (readable text), shown on demand

    def to_dict(self) -> dict[str, Any]:
        d = {"n": self.n}
        d.update(self.chunk.to_dict())
        d["quote"] = self.quote
        d["section_text"] = self.section_text or self.chunk.text
        return d


@dataclass
class Answer:
    """An answer with its citations and the passages it was drawn from."""

    question: str
    answer: str
    answerable: bool
    citations: list[Citation] = field(default_factory=list)
    retrieved: list[Hit] = field(default_factory=list)
    mode: str = "extractive"  # "extractive" | "llm"
    notice: str = ""  # e.g. "LLM nav pieejams, parādīta izvilkuma atbilde"
    timings_ms: dict[str, float] = field(default_factory=dict)
    resolved_question: str = ""  # the question after follow-up resolution
    debug: dict[str, Any] = field(default_factory=dict)  # how it was found: matched_via, sections, judge features

    def to_dict(self, id: Any = None) -> dict[str, Any]:
        d: dict[str, Any] = {}
        if id is not None:
            d["id"] = id
        d.update(
            {
                "question": self.question,
                "answer": self.answer,
                "answerable": self.answerable,
                "citations": [c.to_dict() for c in self.citations],
                "retrieved": [h.to_dict() for h in self.retrieved],
                "mode": self.mode,
                "notice": self.notice,
                "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
                "debug": self.debug,
            }
        )
        return d
