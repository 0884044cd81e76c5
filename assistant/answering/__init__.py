"""The answer path as small steps: route (question bank, lexical, dense → sections) → select and compose
(whole units, short answer + full section) → judge (answerable? why not?).

The steps are wired together by :class:`assistant.pipeline.Assistant` (``evidence`` → ``router.run`` →
``composer.run`` → ``judge.run``).

Example:
    from assistant.answering import Composer, Judge, SectionRouter, parse_question
    router = SectionRouter(); router.warm_up(sections, bank_entries, bank_vectors)
    q = parse_question("Vai konsultācija ir pakalpojums?", vocabulary)
    routes = router.run(q, hits, query_vector)
    draft = Composer().run(q, routes); verdict = Judge(vocabulary).run(q, draft, routes)
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
