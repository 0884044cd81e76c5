"""The topic of a message from three kinds of evidence: its words, the guidance sections it routes to, its writer.

- **words**: :class:`~assistant.triage.classify.TopicClassifier`'s probabilities (lexicons of the documents' own
  vocabulary, the first question weighing more);
- **sections**: the sections of the guidance the message's question routes to (the answer path's router: the
  question bank's BM25 over the subject and the question, and, once the assistant has been asked, the full route
  with e5 vectors), each mapped to its topic through ``topics.toml`` (:func:`~assistant.triage.topics.
  section_evidence`);
- **writer**: a private person about their own matter, an institution's staff, or a seller
  (:mod:`assistant.triage.writer`), which speaks for or against ``out_of_scope``.

Each topic's score is a weighted sum of these (a conditional logit: the same weights for every topic), and the
softmax of the scores gives probabilities: the topic, a second topic and a calibrated confidence. The weights
live in ``topic_weights.toml`` with the sets they were fitted on and the date (``python -m evals triage
--calibrate`` fits them again and prints the table).

Guarantee: evidence that is missing (no index, ``--no-assistant``) contributes nothing; the words alone then
decide, as before.

Example:
    judge = TopicJudge()
    d = judge.run(classifier.classify_text(text), bank={"service_levels": 1.0}, writer=writer_signs(sender, text))
    d.topic, d.topic2, d.confidence
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .classify import TOPICS, TopicResult
from .writer import WriterSigns

WEIGHTS_FILE = Path(__file__).with_name("topic_weights.toml")
OOS = "out_of_scope"
_P_FLOOR = 1e-3  # a topic the words gave no probability still has log(0.001), not minus infinity

# feature names, in the order of the weight vector (see features())
FEATURES = (
    "words",  # log probability from the lexicon classifier
    "bank",  # share of the question-bank route (subject + question)
    "answer",  # share of the answer path's route (with e5), when the assistant was asked
    "oos_bias",
    "oos_private_mailbox",
    "oos_own_voice",
    "oos_institution_voice",
    "oos_commercial",
)


@dataclass(frozen=True)
class TopicWeights:
    """The fitted weights (``topic_weights.toml``); ``second_min`` is the least probability a second topic needs."""

    weights: Mapping[str, float]
    second_min: float = 0.1
    low_confidence: float = 0.5

    def vector(self) -> list[float]:
        return [float(self.weights.get(f, 0.0)) for f in FEATURES]


@lru_cache(maxsize=4)
def load_weights(path: Path = WEIGHTS_FILE) -> TopicWeights:
    with open(path, "rb") as fh:
        d = tomllib.load(fh)
    w = d.get("weights", {})
    unknown = set(w) - set(FEATURES)
    if unknown:
        raise ValueError(f"{path.name}: unknown weights {sorted(unknown)} (known: {', '.join(FEATURES)})")
    return TopicWeights(
        weights=dict(w),
        second_min=float(d.get("second_min", 0.1)),
        low_confidence=float(d.get("low_confidence", 0.5)),
    )


@dataclass(frozen=True)
class TopicDecision:
    """The topic, a second topic (None when nothing else is likely), the confidence and every probability."""

    topic: str
    confidence: float
    topic2: str | None
    probabilities: dict[str, float]
    evidence: dict[str, dict[str, float]] = field(default_factory=dict)


def features(
    words: Mapping[str, float],
    bank: Mapping[str, float],
    answer: Mapping[str, float],
    writer: WriterSigns | None,
) -> dict[str, list[float]]:
    """Per topic, its feature vector (in :data:`FEATURES` order)."""
    w = writer or WriterSigns()
    out: dict[str, list[float]] = {}
    for t in TOPICS:
        oos = 1.0 if t == OOS else 0.0
        out[t] = [
            math.log(max(float(words.get(t, 0.0)), _P_FLOOR)),
            float(bank.get(t, 0.0)),
            float(answer.get(t, 0.0)),
            oos,
            oos * float(w.private_mailbox),
            oos * float(w.own_voice),
            oos * float(w.institution_voice),
            oos * float(w.commercial),
        ]
    return out


def softmax_scores(feats: Mapping[str, list[float]], vector: list[float]) -> dict[str, float]:
    scores = {t: sum(a * b for a, b in zip(f, vector, strict=True)) for t, f in feats.items()}
    mx = max(scores.values())
    exps = {t: math.exp(s - mx) for t, s in scores.items()}
    z = sum(exps.values())
    return {t: e / z for t, e in exps.items()}


class TopicJudge:
    """Words, sections and writer → topic, second topic, confidence (see the module docstring).

    Example:
        TopicJudge().run(words_result, bank=..., answer=..., writer=...).topic
    """

    def __init__(self, weights: TopicWeights | None = None) -> None:
        self.weights = weights or load_weights()
        self._vector = self.weights.vector()

    def run(
        self,
        words: TopicResult,
        *,
        bank: Mapping[str, float] | None = None,
        answer: Mapping[str, float] | None = None,
        writer: WriterSigns | None = None,
    ) -> TopicDecision:
        feats = features(words.probabilities, bank or {}, answer or {}, writer)
        probs = softmax_scores(feats, self._vector)
        ranked = sorted(probs, key=lambda t: (-probs[t], t))
        topic = ranked[0]
        second = ranked[1] if len(ranked) > 1 and probs[ranked[1]] >= self.weights.second_min else None
        return TopicDecision(
            topic=topic,
            confidence=round(probs[topic], 4),
            topic2=second,
            probabilities=probs,
            evidence={
                "words": dict(words.probabilities),
                "bank": dict(bank or {}),
                "answer": dict(answer or {}),
                "writer": {
                    "private_mailbox": float((writer or WriterSigns()).private_mailbox),
                    "own_voice": float((writer or WriterSigns()).own_voice),
                    "institution_voice": float((writer or WriterSigns()).institution_voice),
                    "commercial": float((writer or WriterSigns()).commercial),
                },
            },
        )


__all__ = ["FEATURES", "TopicDecision", "TopicJudge", "TopicWeights", "features", "load_weights", "softmax_scores"]
