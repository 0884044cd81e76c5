"""The answer path as small steps: route (question bank, lexical, dense → sections) → select and compose
(whole units, short answer + full section) → judge (answerable? why not?).

Example:
    from assistant.answering import AnswerPath
    path = AnswerPath(); path.warm_up(sections, bank, bank_vectors, corpus_texts, vocabulary)
    result = path.run(question_text, hits, query_vector)
"""

from __future__ import annotations

from .compose import Composer, Draft
from .judge import Judge, Verdict
from .question import Question, parse_question
from .route import Route, SectionRouter
from .thresholds import THRESHOLDS, Thresholds

__all__ = [
    "THRESHOLDS",
    "Composer",
    "Draft",
    "Judge",
    "Question",
    "Route",
    "SectionRouter",
    "Thresholds",
    "Verdict",
    "parse_question",
]
