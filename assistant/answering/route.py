"""Route: which sections answer a question. Three channels, fused per section.

- **passages**: the hybrid retriever's chunk hits (BM25 over stems, character n-grams, e5 vectors, definitions),
  each credited to the section that holds it;
- **bank, lexical**: BM25 over each section's text together with all the question bank's questions for it
  (doc2query: the bank brings the everyday words people use for what the section says), once with the whole
  question and its vocabulary expansion, once with the asking sentence alone;
- **bank, dense**: e5 similarity between the question and the centroid of the section's bank questions (one
  topic vector per section; single bank questions match on phrasing more than on topic).

Each channel gives a section a score on its own scale (passages and BM25 relative to the best hit, the e5
cosine mapped linearly between two calibrated cosines), summed with the weights in ``thresholds.toml``
(calibrated on the own sets' labelled quotes and by leaving bank questions out: ``python -m evals calibrate``). The route keeps which channel carried
each section (``via``) and the bank question closest to the question, for the answer's debug output.

Guarantee: a section is routed only when at least one channel found it; an empty bank or missing vectors
only silence their own channel.

Example:
    router = SectionRouter(); router.warm_up(sections, bank_entries, bank_vectors)
    routes = router.run(question, hits, query_vector)
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..bank import BankEntry
from ..sections import Section
from ..types import Chunk, Hit
from .question import Question
from .thresholds import THRESHOLDS


@dataclass
class Route:
    """A section with its fused score and the evidence per channel."""

    section: Section
    score: float
    channels: dict[str, float] = field(default_factory=dict)
    matched_question: str = ""
    chunk: Chunk | None = None  # the best chunk hit inside the section
    possible: float = 1.0  # the score this section could reach (a section without bank questions has no centroid)

    @property
    def strength(self) -> float:
        """The route score relative to what this section could reach (0..1)."""
        return min(self.score / self.possible, 1.0) if self.possible > 0 else 0.0

    @property
    def via(self) -> str:
        if not self.channels:
            return ""
        return max(self.channels.items(), key=lambda kv: kv[1])[0]


class SectionRouter:
    """Sections for a question, best first (see the module docstring)."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self._starts: dict[str, list[int]] = {}
        self._by_doc: dict[str, list[Section]] = {}
        self._bank_sections: list[int] = []  # bank question index -> section index
        self._bank_questions: list[str] = []
        self._bank_lex = None
        self._bank_vecs: np.ndarray | None = None
        self._index_of: dict[str, int] = {}
        self._centroids: np.ndarray | None = None
        self._has_centroid = np.zeros(0, dtype=bool)

    # -- set-up ----------------------------------------------------------------------------------------
    def warm_up(
        self,
        sections: Sequence[Section],
        bank_entries: Sequence[BankEntry] = (),
        bank_vectors: np.ndarray | None = None,
    ) -> None:
        from ..retrieval.lexical import LexicalRetriever

        self.sections = list(sections)
        self._index_of = {s.key: i for i, s in enumerate(self.sections)}
        self._by_doc = {}
        for s in self.sections:
            self._by_doc.setdefault(s.doc, []).append(s)
        self._starts = {d: [s.start for s in secs] for d, secs in self._by_doc.items()}
        qs: list[str] = []
        owners: list[int] = []
        for e in bank_entries:
            sec = self._entry_section(e)
            if sec is None:
                continue
            for q in e.questions:
                qs.append(q)
                owners.append(self._index_of[sec.key])
        self._bank_questions = qs
        self._bank_sections = owners
        per_section: dict[int, list[int]] = {}
        for j, i in enumerate(owners):
            per_section.setdefault(i, []).append(j)
        # doc2query: a section's text, title and every bank question written for it, one BM25 document
        lex = LexicalRetriever(top_k=20)
        lex.warm_up(
            [
                Chunk(
                    chunk_id=s.key,
                    doc=s.doc,
                    title="",
                    section=s.title,
                    text=s.search_text + "\n" + "\n".join(qs[j] for j in per_section.get(i, ())),
                )
                for i, s in enumerate(self.sections)
            ]
        ) if self.sections else None
        self._bank_lex = lex if self.sections else None
        self._bank_vecs = None
        self._centroids = None
        if bank_vectors is not None and len(qs) and bank_vectors.shape[0] == len(qs):
            v = np.asarray(bank_vectors, dtype=np.float32)
            v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
            self._bank_vecs = v
            cent = np.zeros((len(self.sections), v.shape[1]), dtype=np.float32)
            for i, js in per_section.items():
                c = v[js].mean(axis=0)
                cent[i] = c / max(float(np.linalg.norm(c)), 1e-12)
            self._centroids = cent
            self._has_centroid = np.array([i in per_section for i in range(len(self.sections))])

    @property
    def bank_size(self) -> int:
        return len(self._bank_questions)

    def section_at(self, doc: str, offset: int) -> Section | None:
        """The section of a document that holds a cleaned-text offset."""
        starts = self._starts.get(doc)
        if not starts:
            return None
        i = bisect.bisect_right(starts, offset) - 1
        return self._by_doc[doc][max(i, 0)]

    def _entry_section(self, e: BankEntry) -> Section | None:
        """The section a bank entry started: the one carrying its title nearest its anchor (an anchor on a slide's
        header line starts the section at the next content line), else the section holding the anchor."""
        titled = [s for s in self._by_doc.get(e.doc, ()) if e.title and s.title == e.title]
        if titled:
            return min(titled, key=lambda s: abs(s.start - e.start))
        # a section split for length keeps its title with " (2)": the part holding the anchor
        return self.section_at(e.doc, e.start)

    def section_of(self, chunk: Chunk) -> Section | None:
        i = self._index_of.get(chunk.chunk_id)  # sections made one per chunk (sections_from_chunks)
        if i is not None:
            return self.sections[i]
        # a chunk belongs to the section holding most of it: its middle
        return self.section_at(chunk.doc, (chunk.start + chunk.end) // 2)

    # -- channels ----------------------------------------------------------------------------------------
    def _passages(self, hits: Sequence[Hit]) -> tuple[dict[int, float], dict[int, Chunk]]:
        out: dict[int, float] = {}
        best_chunk: dict[int, Chunk] = {}
        if not hits:
            return out, best_chunk
        top = max(h.score for h in hits) or 1.0
        for h in hits:
            sec = self.section_of(h.chunk)
            if sec is None:
                continue
            i = self._index_of[sec.key]
            v = max(h.score, 0.0) / top
            if v > out.get(i, 0.0):
                out[i] = v
                best_chunk[i] = h.chunk
        return out, best_chunk

    def _defined(self, definitions: Sequence[Hit]) -> tuple[dict[int, float], dict[int, Chunk]]:
        """The definition channel: each section holding a chunk that defines the asked concept, its best score."""
        out: dict[int, float] = {}
        chunk: dict[int, Chunk] = {}
        for h in definitions:
            sec = self.section_of(h.chunk)
            if sec is not None:
                i = self._index_of[sec.key]
                out[i] = max(out.get(i, 0.0), h.score)
                chunk.setdefault(i, h.chunk)
        return out, chunk

    def _bank_lexical(self, text: str) -> dict[int, float]:
        out: dict[int, float] = {}
        if self._bank_lex is None:
            return out
        s = self._bank_lex.scores(text.strip())
        top = float(s.max()) if len(s) else 0.0
        if top <= 0:
            return out
        for i in np.argsort(-s)[:20]:
            if s[i] <= 0:
                break
            out[int(i)] = float(s[i]) / top
        return out

    def _bank_dense(self, qvec: np.ndarray | None) -> tuple[dict[int, float], dict[int, int]]:
        """Section centroid similarities (mapped to 0..1) and, per section, its closest bank question."""
        out: dict[int, float] = {}
        closest: dict[int, int] = {}
        if self._centroids is None or qvec is None:
            return out, closest
        v = np.asarray(qvec, dtype=np.float32)
        v = v / max(float(np.linalg.norm(v)), 1e-12)
        sims = self._centroids @ v
        lo, hi = THRESHOLDS.bank_cos_low, THRESHOLDS.bank_cos_high
        for i in np.argsort(-sims)[:20]:
            if not self._has_centroid[i]:
                continue
            val = (float(sims[i]) - lo) / (hi - lo)
            if val <= 0:
                break
            out[int(i)] = min(val, 1.0)
        qs = self._bank_vecs @ v
        top = np.argpartition(-qs, min(40, len(qs) - 1))[:40]
        for j in top[np.argsort(-qs[top])]:
            closest.setdefault(self._bank_sections[int(j)], int(j))
        return out, closest

    # -- run ------------------------------------------------------------------------------------------
    def run(
        self,
        q: Question,
        hits: Sequence[Hit],
        qvec: np.ndarray | None = None,
        *,
        k: int = 5,
        definitions: Sequence[Hit] = (),
    ) -> list[Route]:
        """Sections best first. ``definitions``: chunks that define the concept of a "Vai X ir <concept>?"
        question (its definition answers it), a channel of their own."""
        t = THRESHOLDS
        passages, best_chunk = self._passages(hits)
        defined, def_chunk = self._defined(definitions)
        for i, c in def_chunk.items():
            best_chunk.setdefault(i, c)
        blex = self._bank_lexical(f"{q.text} {q.expansion}")
        # the asking sentence alone: a long situation must not drown what is asked
        bask = self._bank_lexical(q.ask) if q.situation else blex
        bden, closest = self._bank_dense(qvec)
        fused: dict[int, Route] = {}
        for name, scores, w in (
            ("lexical+dense", passages, t.w_passages),
            ("bank", blex, t.w_bank_lexical),
            ("bank_ask", bask, t.w_bank_ask),
            ("bank_dense", bden, t.w_bank_dense),
            ("definition", defined, t.w_definition),
        ):
            for i, v in scores.items():
                r = fused.get(i)
                if r is None:
                    r = fused[i] = Route(self.sections[i], 0.0, chunk=best_chunk.get(i))
                r.score += w * v
                r.channels[name] = round(w * v, 4)
        full = t.w_passages + t.w_bank_lexical + t.w_bank_ask
        for i, r in fused.items():
            j = closest.get(i)
            if j is not None:
                r.matched_question = self._bank_questions[j]
            has_centroid = bool(len(self._has_centroid)) and bool(self._has_centroid[i])
            r.possible = full + (t.w_bank_dense if has_centroid else 0.0) + (t.w_definition if i in defined else 0.0)
        # ranked by strength: each section on the evidence it can have (a document added without a question bank
        # competes on its passages and text, not against channels it cannot reach)
        routes = sorted(fused.values(), key=lambda r: (-r.strength, -r.score, r.section.ordinal, r.section.doc))
        return routes[:k]


__all__ = ["Route", "SectionRouter"]
