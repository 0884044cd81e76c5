"""Latvian text normalisation shared by retrieval, answers, triage and the linter.

- :func:`fold` lower-cases and strips diacritics ("Pārvaldība" -> "parvaldiba").
- :func:`tokens` splits into word tokens, keeping hyphenated compounds ("e-pakalpojums") whole.
- :func:`clean_input` removes control characters and collapses whitespace in user input.

Example:
    fold("Konsultācijas") == "konsultacijas"; tokens("Kas ir d-pakalpojums?") == ["kas", "ir", "d-pakalpojums"]
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD_RE = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)*", re.UNICODE)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_WS_RE = re.compile(r"\s+")

LV_LETTERS = "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ"
_FOLD_TABLE = str.maketrans(
    {
        "ā": "a", "č": "c", "ē": "e", "ģ": "g", "ī": "i", "ķ": "k", "ļ": "l", "ņ": "n", "š": "s", "ū": "u",
        "ž": "z", "ō": "o", "ŗ": "r", "‐": "-", "‑": "-", "–": "-", "—": "-",
    }
)


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """Fold one word (cached: vocabularies are small, calls are many)."""
    w = word.lower().translate(_FOLD_TABLE)
    if w.isascii():
        return w
    return "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower-case and strip diacritics from a whole text (keeps punctuation and spacing)."""
    t = text.lower().translate(_FOLD_TABLE)
    if t.isascii():
        return t
    return "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))


def has_diacritics(text: str) -> bool:
    """True when the text contains at least one Latvian diacritic letter."""
    return any(c in LV_LETTERS for c in text)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, hyphenated compounds kept whole, diacritics kept."""
    return [m.group(0).lower().replace("‐", "-").replace("‑", "-") for m in _WORD_RE.finditer(text)]


def folded_tokens(text: str) -> list[str]:
    """Word tokens, lower-cased and diacritics-folded."""
    return [fold_word(t) for t in tokens(text)]


def clean_input(text: str, max_chars: int | None = None) -> str:
    """Strip control characters, collapse whitespace, optionally truncate (user input)."""
    t = _CONTROL_RE.sub(" ", unicodedata.normalize("NFC", text))
    t = _WS_RE.sub(" ", t).strip()
    if max_chars is not None and len(t) > max_chars:
        t = t[:max_chars].rsplit(" ", 1)[0]
    return t

