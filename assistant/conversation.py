"""Follow-up resolution: merge a short or anaphoric question with the topic of the earlier turns.

"Vai konsultācijas ir pakalpojums?" → "un ja tas ir citas iestādes pakalpojums?" is resolved to
"un ja tas ir citas iestādes pakalpojums? (konsultācijas pakalpojums)" before retrieval, so the retriever and
the composer see the topic; :attr:`Answer.resolved_question` records the result.

Example:
    resolve_followup("kāpēc?", [("Vai konsultācijas ir pakalpojums?", "…")])
    # -> "kāpēc? (konsultācijas pakalpojums)"
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .sentences import content_words
from .textnorm import fold, folded_tokens, tokens

# openers and pronouns that point back to an earlier turn (folded)
_OPENERS = re.compile(r"^(?:un|bet|tad|tatad|vai\s+ari|ka\s+ar|un\s+ka\s+ar|kapec|kadel|kas\s+vel|vel|ari)\b")
_ANAPHORA = frozenset(
    [
        "tas",
        "ta",
        "tie",
        "tas",
        "to",
        "tam",
        "tai",
        "tiem",
        "tam",
        "tos",
        "tajos",
        "taja",
        "sis",
        "si",
        "so",
        "sie",
        "sis",
        "sim",
        "sai",
        "siem",
        "tads",
        "tada",
        "tadi",
        "tadu",
        "tados",
        "tadam",
        "tadai",
        "tadiem",
        "tur",
        "tad",
        "sadu",
        "sads",
        "sada",
        "sadi",
        "sadam",
        "sadai",
    ]
)
_BARE = re.compile(r"^(?:kapec|kadel|ka\s+tad|piemers|piemeram|un\s+tad|un\s+velak|kas\s+tad)\W*$")
_QUESTION_WORDS = frozenset(
    [
        "kas",
        "ko",
        "ka",
        "kad",
        "kur",
        "kapec",
        "kadel",
        "kads",
        "kada",
        "kadi",
        "kadas",
        "kurs",
        "kura",
        "kuri",
        "kuras",
        "cik",
        "vai",
    ]
)
MAX_TOPIC_WORDS = 6


def is_followup(question: str) -> bool:
    """True for a question that cannot stand on its own (short, opens with "un"/"bet", or uses "tas"/"tā")."""
    ft = folded_tokens(question)
    if not ft:
        return False
    f = " ".join(ft)
    content = content_words(question)
    if _BARE.match(f) or len(content) == 0:
        return True
    if _OPENERS.match(f) and len(content) <= 4:
        return True
    if any(t in _ANAPHORA for t in ft) and len(content) <= 3:
        return True
    return len(content) <= 1 and len(ft) <= 3 and not any(t in _QUESTION_WORDS for t in ft)


def topic_of(question: str) -> list[str]:
    """The topic words of a question: its content words in their original (diacritic) form."""
    out: list[str] = []
    for t in tokens(question):
        f = fold(t)
        if f in _QUESTION_WORDS:
            continue
        if f in content_words(t) and t not in out:
            out.append(t)
    return out[:MAX_TOPIC_WORDS]


def resolve_followup(question: str, history: Sequence[tuple[str, str]] | None) -> str:
    """Return the question merged with the previous topic when it is a follow-up; otherwise unchanged.

    ``history`` is a list of (question, answer) pairs, oldest first. The topic comes from the most recent
    earlier question that stands on its own (so "un kāpēc?" after a follow-up still finds the real topic).
    """
    q = question.strip()
    if not history or not is_followup(q):
        return q
    own = {fold(w) for w in content_words(q)}
    turns = [str(t[0] or "") for t in history]  # (question, answer) pairs; lists from JSON work too
    for i in range(len(turns) - 1, -1, -1):
        prev_q = turns[i]
        if not prev_q.strip():
            continue
        # a previous follow-up carries its resolved topic in parentheses only if it was stored resolved
        topic = [w for w in topic_of(prev_q) if fold(w) not in own]
        if topic and not is_followup(prev_q):
            return f"{q} ({' '.join(topic)})"
        if topic:
            # keep looking further back (before this turn), but remember this topic as a fallback
            fallback = topic
            for older_q in reversed(turns[:i]):
                if older_q and not is_followup(older_q):
                    extra = [w for w in topic_of(older_q) if fold(w) not in own and w not in fallback]
                    return f"{q} ({' '.join((extra + fallback)[:MAX_TOPIC_WORDS])})"
            return f"{q} ({' '.join(fallback)})"
    return q
