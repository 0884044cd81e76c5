"""Hybrid retrieval: BM25 over Latvian stems and character n-grams + e5 vectors + definitions, fused by a
weighted sum of normalised scores (CombSUM; weighted reciprocal rank fusion is kept as ``fusion="rrf"``).

The question is cleaned (control characters, length), its diacritics restored for the dense model
(the lexical side folds them away anyway), then both rankings are fused.

Example:
    hits = get_retriever(settings).run("kā jāveido pakalpojuma nosaukums?", top_k=5)
"""

from __future__ import annotations

import numbers
import time
from collections.abc import Sequence

import numpy as np

from ..errors import InputError
from ..textnorm import clean_input
from ..types import Chunk, Hit
from .dense import DenseRetriever
from .expansion import split_query
from .lexical import LexicalRetriever

MAX_QUERY_CHARS = 2000
# fusion of four rankings: CombSUM of min-max normalised scores (default) or reciprocal rank fusion; measured
# side by side in evals/reports/retrieval.json. Weights chosen by a coarse grid with 5-fold cross-validation
# on the labelled set (docs/retrieval.md): character n-grams and definitions count 1.5, stems and dense 1.
DEFAULT_WEIGHTS = {"bm25": 1.0, "chargram": 1.5, "dense": 1.0, "definition": 1.5}
# weight of the synonyms a query word brings (expansion.SYNONYM_GROUPS) relative to the words typed
SYNONYM_WEIGHT = 0.3
# rankings whose scores are already comparable across questions (added as they are, not min-max normalised)
CALIBRATED = frozenset({"definition"})
MODES = {
    "bm25": ("bm25",),
    "chargram": ("chargram",),
    "lexical": ("bm25", "chargram"),
    "dense": ("dense",),
    "hybrid": ("bm25", "chargram", "dense", "definition"),
}


def check_query(query: object) -> str:
    """A usable query string, or :class:`InputError` with a Latvian message."""
    if not isinstance(query, str):
        raise InputError("jautājumam jābūt tekstam", "the question must be text")
    q = clean_input(query, max_chars=MAX_QUERY_CHARS)
    if not q or not any(c.isalnum() for c in q):
        raise InputError(
            "jautājums ir tukšs: ierakstiet, ko meklēt", "the question is empty: type what to search for"
        )
    return q


def combsum(
    ranked: Sequence[Sequence[tuple[int, float]]],
    weights: Sequence[float],
    calibrated: Sequence[bool] | None = None,
) -> dict[int, float]:
    """Weighted sum of min-max normalised scores (a list whose scores are all equal counts 1 for each item).
    A ``calibrated`` list already scores in [0, 1] (the definition match) and is added as it is."""
    fused: dict[int, float] = {}
    for n, (lst, w) in enumerate(zip(ranked, weights, strict=True)):
        if not lst:
            continue
        if calibrated is not None and calibrated[n]:
            for i, s in lst:
                fused[i] = fused.get(i, 0.0) + w * min(1.0, max(0.0, s))
            continue
        vals = [s for _, s in lst]
        lo, hi = min(vals), max(vals)
        for i, s in lst:
            fused[i] = fused.get(i, 0.0) + w * ((s - lo) / (hi - lo) if hi > lo else 1.0)
    return fused


def rrf(rankings: Sequence[Sequence[int]], weights: Sequence[float], k: float = 60.0) -> dict[int, float]:
    """Weighted reciprocal rank fusion: sum of w / (k + rank)."""
    fused: dict[int, float] = {}
    for ranking, w in zip(rankings, weights, strict=True):
        for r, i in enumerate(ranking):
            fused[i] = fused.get(i, 0.0) + w / (k + r + 1)
    return fused


class HybridRetriever:
    """BM25 + character n-grams + dense + definitions, fused; the contract object of ``assistant.index.get_retriever``.

    Example:
        r = HybridRetriever(lexical, dense); r.run("pakalpojumu katalogs", top_k=10)
    """

    def __init__(
        self,
        lexical: LexicalRetriever,
        dense: DenseRetriever | None,
        *,
        chargram: LexicalRetriever | None = None,
        top_k: int = 10,
        rrf_k: float = 60.0,
        weights: dict[str, float] | None = None,
        candidates: int = 40,
        info: dict | None = None,
        fusion: str = "combsum",
        synonym_weight: float = SYNONYM_WEIGHT,
    ) -> None:
        self.lexical = lexical
        self.dense = dense
        self.top_k = top_k
        self.rrf_k = rrf_k
        self.chargram = chargram
        self.fusion = fusion
        self.weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
        self.candidates = candidates
        self.synonym_weight = synonym_weight
        self.info = dict(info or {})
        self.last_timings_ms: dict[str, float] = {}
        from .definitions import DefinitionIndex

        self.definitions = DefinitionIndex()
        self.definitions.warm_up(lexical.chunks)
        # set by assistant.index.open_retriever: the domain vocabulary (query expansion), the sections and
        # the question bank of the build (the answer path's route step)
        self.vocabulary = None
        self.sections: list = []
        self.bank_entries: list = []
        self.bank_vectors = None

    @property
    def chunks(self) -> list[Chunk]:
        return self.lexical.chunks

    def lexical_scores(self, lex: LexicalRetriever, q: str, parts: tuple[str, str] | None = None) -> np.ndarray:
        """Scores of one lexical index for the query's content words (question/filler words dropped), plus
        ``synonym_weight`` times the scores of the synonyms those words bring (see ``expansion``).
        ``parts``: ``split_query(q)`` when the caller already has it (one analysis for both lexical indexes)."""
        core, extra = parts if parts is not None else split_query(q)
        s = lex.scores(core)
        if extra and self.synonym_weight:
            s = s + self.synonym_weight * lex.scores(extra)
        return s

    def expansion(self, q: str) -> str:
        """The domain vocabulary's terms for the everyday words of the query ("" without a vocabulary)."""
        return self.vocabulary.expand(q) if self.vocabulary is not None else ""

    def query_vector(self, q: str, expansion: str | None = None):
        """The e5 vector of the query as typed (None without a dense index). The vocabulary expansion is not
        added: e5 reads the sentence as a whole, and the same vector is matched against the question bank's
        questions, which are written in the staff's own words too (``expansion`` is accepted and unused)."""
        if self.dense is None:
            return None
        return self.dense.query_vector(q)

    def rankings(
        self, q: str, *, dense: bool = True, expansion: str | None = None, qvec=None
    ) -> dict[str, list[tuple[int, float]]]:
        """The separate rankings (chunk index, score) that fusion combines: bm25 (stems), chargram
        (character 5-grams), dense (e5 vectors) and definition ("kas ir X" -> where X is defined).
        ``expansion``: the vocabulary's terms for the query (computed when None), scored like synonyms;
        ``qvec``: the query vector when the caller already has it."""
        t0 = time.perf_counter()
        out: dict[str, list[tuple[int, float]]] = {}
        exp = self.expansion(q) if expansion is None else expansion
        core, extra = split_query(q)
        parts = (core, f"{extra} {exp}".strip())
        for name, lex in (("bm25", self.lexical), ("chargram", self.chargram)):
            if lex is None:
                out[name] = []
                continue
            s = self.lexical_scores(lex, q, parts)
            out[name] = [(int(i), float(s[i])) for i in np.argsort(-s, kind="stable")[: self.candidates] if s[i] > 0]
        t1 = time.perf_counter()
        out["dense"] = []
        if dense and self.dense is not None:
            vec = qvec if qvec is not None else self.query_vector(q, exp)
            out["dense"] = self.dense.search_vector(vec, self.candidates)
        t2 = time.perf_counter()
        out["definition"] = self.definitions.rank_scored(q)
        self.last_timings_ms = {"lexical": (t1 - t0) * 1000, "dense": (t2 - t1) * 1000}
        return out

    def fuse(
        self, ranks: dict[str, list[tuple[int, float]]], mode: str = "hybrid", fusion: str | None = None
    ) -> list[tuple[int, float]]:
        """(chunk index, fused score) best first; one ranking alone keeps its own scores."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; choose from {sorted(MODES)}")
        names = [n for n in MODES[mode] if n != "dense" or self.dense is not None]
        if len(names) == 1:
            return list(ranks[names[0]])
        weights = [self.weights[n] for n in names]
        if (fusion or self.fusion) == "rrf":
            scores = rrf([[i for i, _ in ranks[n]] for n in names], weights, self.rrf_k)
        else:
            scores = combsum([ranks[n] for n in names], weights, [n in CALIBRATED for n in names])
        return sorted(scores.items(), key=lambda t: (-t[1], t[0]))

    def run(
        self, query: str, *, top_k: int | None = None, mode: str = "hybrid", expansion: str | None = None, qvec=None
    ) -> list[Hit]:
        """Best chunks for the query, best first. ``mode``: hybrid | bm25 | chargram | lexical | dense.

        ``top_k``: how many results, a whole number of at least 1 (as ``search --k``); ``None`` means the
        retriever's default. 0, negative or non-integer values are an :class:`InputError`, checked (like the
        mode) before any ranking is computed."""
        if mode not in MODES:
            raise InputError(
                f"nezināms meklēšanas režīms {mode!r}; iespējamie: {', '.join(sorted(MODES))}",
                f"unknown search mode {mode!r}; choose from {', '.join(sorted(MODES))}",
            )
        if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, numbers.Integral) or top_k < 1):
            raise InputError(
                f"rezultātu skaitam jābūt veselam skaitlim, kas nav mazāks par 1, nevis {top_k!r}",
                f"the number of results must be a whole number of at least 1, not {top_k!r}",
            )
        q = check_query(query)
        k = self.top_k if top_k is None else int(top_k)
        ranks = self.rankings(q, dense="dense" in MODES[mode], expansion=expansion, qvec=qvec)
        detail: dict[int, dict[str, float]] = {}
        for name, ranked in ranks.items():
            for i, sc in ranked:
                detail.setdefault(i, {})[name] = float(sc)
        return [Hit(self.chunks[i], float(sc), detail.get(i, {})) for i, sc in self.fuse(ranks, mode)[:k]]

    def as_langchain(self, *, top_k: int | None = None):
        """This retriever as a langchain ``BaseRetriever`` (Documents with the chunk fields as metadata)."""
        from .lc import PaligsLangchainRetriever

        return PaligsLangchainRetriever(hybrid=self, k=top_k or self.top_k)
