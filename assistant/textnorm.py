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



# ---------------------------------------------------------------------------------------------- bytes → text
# the legacy code pages Latvian (and Russian) text arrives in, most likely first
LEGACY_ENCODINGS = ("cp1257", "iso8859_13", "iso8859_4")
INBOX_ENCODINGS = ("cp1257", "iso8859_13", "cp1251", "koi8_r", "cp866")
# letters a wrong code page produces in Latvian or Russian text (Lithuanian/Polish/Western ones, box drawing)
_MOJIBAKE = set("ąćęėįłńóõśųźżâîţôûþ\ufffd" "ĄĆĘĖĮŁŃÓÕŚŲŹŻÂÎŢÔÛÞ" "│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌")


def _text_score(text: str) -> int:
    lv = sum(c in LV_LETTERS for c in text)
    cyr = sum("\u0400" <= c <= "\u04ff" for c in text)
    return lv + cyr - 3 * sum(c in _MOJIBAKE for c in text)


def decode_bytes(
    raw: bytes, *, declared: str | None = None, legacy: tuple[str, ...] = LEGACY_ENCODINGS
) -> tuple[str, str | None]:
    """Bytes of a text file or e-mail part → (text, the legacy encoding guessed, or None when the text was UTF-8,
    UTF-16 with a BOM or in its declared charset). Never raises; the caller decides whether a guess is worth a
    warning and whether NUL bytes mean a binary file.

    Order: the declared charset; UTF-16 with a BOM; UTF-8 (BOM or not); else the candidate among ``legacy`` and
    charset-normalizer's best guess (restricted to ``legacy``) that reads most like Latvian or Russian.
    """
    if declared:
        try:
            return raw.decode(declared), None
        except (LookupError, UnicodeDecodeError):
            pass
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return raw.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    # (score, charset-normalizer's pick, text, encoding): letters decide; on a tie (two Cyrillic code pages both
    # give Cyrillic letters) charset-normalizer's language model does
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=list(legacy)).best()
    candidates: list[tuple[int, bool, str, str]] = []
    if best is not None:
        candidates.append((_text_score(str(best)), True, str(best), best.encoding))
    for enc in legacy:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_text_score(text), False, text, enc))
    if not candidates:
        enc = legacy[0] if legacy else "cp1257"
        return raw.decode(enc, errors="replace"), enc
    _, _, text, enc = max(candidates, key=lambda c: (c[0], c[1]))
    return text, enc
