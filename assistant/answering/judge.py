"""Judge: do the documents answer this question? Decline plainly when they do not.

Declined, whatever the route:
- ``personal_case``: the asker's own application or case ("mans iesniegums kavējas");
- ``missing_fact``: the question demands a fact that only an institution's own page states (a fee, opening
  hours, a phone number, a person's name, a date) or a number, and the answer states none;
- ``out_of_corpus``: the ask's words are mostly absent from the corpus and the domain vocabulary (another
  country, a law the documents do not cover, a named system), see :data:`~thresholds.Thresholds.max_oov_share`;
- ``weak_match``: the support — how much of the question the answer covers, and how surely a section was
  routed — is below :data:`~thresholds.Thresholds.min_support`;
- ``empty``: nothing showable was found.

Example:
    verdict = Judge().run(question, draft, routes); verdict.answerable, verdict.reason, verdict.features
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..answerability import _ANSWER_PATTERNS, SPECIFIC_FACTS, is_personal_case
from ..sentences import content_words, stem
from ..textnorm import fold
from .compose import Draft
from .question import Question
from .route import Route
from .thresholds import THRESHOLDS


@dataclass
class Verdict:
    answerable: bool
    reason: str
    features: dict[str, Any] = field(default_factory=dict)


class Judge:
    """The answerability decision (see the module docstring)."""

    def __init__(self) -> None:
        self._vocab_stems: set[str] = set()
        self._vocab_words: set[str] = set()

    def warm_up(self, corpus_texts: Sequence[str], extra_texts: Sequence[str] = ()) -> None:
        """The corpus vocabulary (folded words and their stems) plus the domain vocabulary's phrases."""
        for t in list(corpus_texts) + list(extra_texts):
            for w in content_words(t):
                self._vocab_words.add(w)
                self._vocab_stems.add(stem(w))

    def in_corpus(self, word: str) -> bool:
        if word in self._vocab_words or stem(word) in self._vocab_stems:
            return True
        # a longer form of a corpus word ("pakalpojumsniedzējs") or an OCR-shortened one
        s = stem(word)
        return len(s) >= 6 and any(v.startswith(s[:6]) for v in self._prefix_index(s[:3]))

    def _prefix_index(self, p: str) -> list[str]:
        idx = self.__dict__.setdefault("_pidx", {})
        if not idx:
            for v in self._vocab_stems:
                idx.setdefault(v[:3], []).append(v)
        return idx.get(p, [])

    def features(self, q: Question, draft: Draft, routes: Sequence[Route]) -> dict[str, Any]:
        ask_words = content_words(q.ask)
        oov = [w for w in ask_words if not self.in_corpus(w)]
        top = routes[0] if routes else None
        answer_text = fold(draft.text)
        expected = q.fact
        stated = None
        if expected in _ANSWER_PATTERNS:
            stated = bool(_ANSWER_PATTERNS[expected].search(answer_text))
        return {
            "route": round(top.score, 4) if top else 0.0,
            "via": top.via if top else "",
            "coverage": round(draft.coverage, 4),
            "oov": oov,
            "oov_share": round(len(oov) / len(ask_words), 4) if ask_words else 0.0,
            "fact": expected,
            "fact_stated": stated,
            "bank_channels": sorted(top.channels) if top else [],
        }

    def run(self, q: Question, draft: Draft, routes: Sequence[Route]) -> Verdict:
        t = THRESHOLDS
        f = self.features(q, draft, routes)
        if is_personal_case(q.text):
            return Verdict(False, "personal_case", f)
        if not draft.text:
            return Verdict(False, "empty", f)
        if f["fact"] in SPECIFIC_FACTS and not f["fact_stated"]:
            return Verdict(False, "missing_fact", f)
        if f["fact"] in ("count", "frequency") and f["fact_stated"] is False:
            return Verdict(False, "missing_fact", f)
        if f["oov_share"] > t.max_oov_share:
            return Verdict(False, "out_of_corpus", f)
        support = 0.5 * f["coverage"] + 0.5 * min(f["route"] / t.route_full, 1.0)
        f["support"] = round(support, 4)
        if support < t.min_support:
            return Verdict(False, "weak_match", f)
        return Verdict(True, "ok", f)


_TASK_REQUEST = re.compile(r"^(?:uzraksti|sacer|izdoma|iesaki|pastasti\s+joku|izstasti\s+joku|uzzime|partulko)\b")

__all__ = ["Judge", "Verdict"]
