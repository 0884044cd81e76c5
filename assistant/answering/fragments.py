"""A mechanical check of an answer for fragments: what must never reach a user.

- ``cut``: a line that stops mid-sentence (ends on a comma, a dash or a word that needs a continuation: "un",
  "piemēram", "tostarp", a preposition), or starts mid-sentence (a lower-case continuation that is not a list
  item);
- ``heading``: an answer that is only a title or heading (short lines without a statement), or a lead-in
  ending in ":" with nothing after it;
- ``ocr``: a token that is not a word: not in hunspell-lv or the corpus vocabulary, not a number, not a known
  abbreviation;
- ``contact``: a phone number or e-mail address when the question does not ask whom to contact.

The composer uses the same test on every unit it shows; ``python -m evals answers`` runs it on every answer
and lists the offenders.

Example:
    problems("Iestāde veido veicinošu regulējumu, nosakot, piemēram. [1]", "Kā veicināt?")  # -> ["cut"]
"""

from __future__ import annotations

import re

from ..sentences import WORD_QUALITY
from ..textnorm import fold, fold_word
from .compose import asks_for_contact

_MARKER_RE = re.compile(r"\s*\[\d{1,2}\]")
_BULLET_RE = re.compile(r"^\s*•\s+")
# words after which a Latvian sentence cannot end (conjunctions, prepositions, "for example", relative pronouns)
_DANGLING = frozenset(
    fold_word(w)
    for w in (
        "un vai ar par no uz pie pēc līdz bez pret starp caur aiz virs zem ap kā kas ka lai jo bet tomēr gan "
        "piemēram tostarp t.sk arī kuru kura kuras kurā kurš kuri kurām kuriem kam kā, ir tiek būs nav ne "
        "tajā šajā to tā tās tie šo šī šie"
    ).split()
)
_PHONE_RE = re.compile(r"(?<!\d)(?:\+371[\s-]?)?\d{2}\s?\d{3}\s?\d{3}(?!\d)")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_OWN_LINE_RE = re.compile(r"^\(… un vēl \d+ punkt")  # the composer's own note on a cut list


def _lines(answer: str) -> list[str]:
    return [ln.strip() for ln in answer.split("\n") if ln.strip()]


def problems(answer: str, question: str = "") -> list[str]:
    """The kinds of fragment found in an answer (empty when it is clean)."""
    found: list[str] = []
    lines = [_MARKER_RE.sub("", ln).strip() for ln in _lines(answer)]
    lines = [ln for ln in lines if ln and not _OWN_LINE_RE.match(ln)]
    if not lines:
        return ["empty"]
    # cut sentences
    for i, ln in enumerate(lines):
        body = _BULLET_RE.sub("", ln)
        last = body.rstrip(" .").rsplit(" ", 1)[-1] if body.rstrip(" .") else ""
        if body.endswith((",", "–", "—", "-", "(")) or (fold_word(last.strip('"„“”()')) in _DANGLING and len(body.split()) > 1):
            found.append("cut")
            break
        if body.endswith(":") and (i + 1 >= len(lines) or not lines[i + 1].startswith("•")) and not ln.startswith("•"):
            found.append("heading")
            break
        if not ln.startswith("•") and body[:1].islower() and i == 0:
            found.append("cut")
            break
    # bare heading: nothing but short statement-less lines
    if all(len(_BULLET_RE.sub("", ln).split()) <= 6 and not re.search(r"[.!?]$", ln) for ln in lines) and not any(
        ln.startswith("•") for ln in lines
    ):
        found.append("heading")
    # OCR non-words
    for ln in lines:
        body = _BULLET_RE.sub("", ln)
        if not all(good for *_x, good in WORD_QUALITY.flags(body)):
            found.append("ocr")
            break
    # contact lines nobody asked for
    if not asks_for_contact(" ".join(fold(question).split())) and any(
        _PHONE_RE.search(ln) or _EMAIL_RE.search(ln) for ln in lines
    ):
        found.append("contact")
    return sorted(set(found))


__all__ = ["problems"]
