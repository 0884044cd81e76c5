"""Message language: lv / en / ru / other.

lingua, restricted to the languages an inbox in Latvia sees (built once per process), plus a check for
Latvian typed without diacritics (common function words and domain stems after folding), which
lingua alone can take for Lithuanian or Estonian.

Example:
    detect_language("Labdien, ka pareizi nosaukt pakalpojumu?")  # -> "lv"
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import ConfigError
from ..textnorm import folded_tokens

_CODES = {"LATVIAN": "lv", "ENGLISH": "en", "RUSSIAN": "ru"}
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_RE = re.compile(r"[A-Za-zĀ-ž]")
_LT_RE = re.compile(r"[ąęėįųĄĘĖĮŲ]")  # Lithuanian letters that Latvian does not use
# Latvian function words / domain stems, compared after folding (no diacritics needed)
_LV_WORDS = frozenset(
    [
        "un",
        "ir",
        "vai",
        "par",
        "kas",
        "ka",
        "lai",
        "ar",
        "no",
        "uz",
        "pie",
        "ja",
        "jo",
        "kā",
        "ka",
        "ta",
        "tas",
        "ta",
        "so",
        "šis",
        "sis",
        "sie",
        "mes",
        "mums",
        "musu",
        "jus",
        "jums",
        "jusu",
        "ludzu",
        "paldies",
        "labdien",
        "sveiki",
        "cienijamie",
        "cienitie",
        "ari",
        "ari",
        "vel",
        "tikai",
        "ka",
        "kadi",
        "kads",
        "kada",
        "kapec",
        "kur",
        "kuru",
        "pakalpojums",
        "pakalpojumu",
        "pakalpojuma",
        "pakalpojumi",
        "pakalpojumiem",
        "nosaukums",
        "nosaukumu",
        "iestade",
        "iestades",
        "iestazu",
        "pasvaldiba",
        "pasvaldibas",
        "katalogs",
        "kataloga",
        "jautajums",
        "jautajumu",
        "atbilde",
        "atbildi",
        "sniegt",
        "sniedzejs",
        "sanemejs",
        "drikst",
        "vajag",
        "varam",
        "varetu",
        "butu",
    ]
)
_EN_WORDS = frozenset(
    [
        "the",
        "and",
        "is",
        "are",
        "of",
        "to",
        "in",
        "for",
        "what",
        "how",
        "which",
        "should",
        "could",
        "would",
        "please",
        "hello",
        "thanks",
        "thank",
        "dear",
        "regards",
        "service",
        "services",
        "name",
        "names",
        "our",
        "we",
        "you",
        "can",
        "does",
        "do",
        "with",
        "this",
        "that",
    ]
)


_MISSING: list[ConfigError] = []  # the import error, remembered so a broken install is tried once


def _lingua():  # type: ignore[no-untyped-def]
    """The lingua module; a missing or broken install is a clear error (tried once per process)."""
    if _MISSING:
        raise _MISSING[0]
    try:
        import lingua
    except ImportError as exc:
        err = ConfigError(
            f"valodas noteicējs 'lingua' nav instalēts vai ir bojāts ({exc}); "
            "instalējiet to: pip install lingua-language-detector",
            f"the language detector 'lingua' is missing or broken ({exc}); "
            "install it: pip install lingua-language-detector",
        )
        _MISSING.append(err)
        raise err from exc
    return lingua


def check_available() -> None:
    """Raise :class:`ConfigError` now when lingua cannot be imported (before a batch starts)."""
    _lingua()


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    lingua = _lingua()
    Language, LanguageDetectorBuilder = lingua.Language, lingua.LanguageDetectorBuilder

    langs = [
        Language.LATVIAN,
        Language.ENGLISH,
        Language.RUSSIAN,
        Language.LITHUANIAN,
        Language.ESTONIAN,
        Language.GERMAN,
        Language.UKRAINIAN,
    ]
    return LanguageDetectorBuilder.from_languages(*langs).build()


def warm_up() -> None:
    """Load the language models now (lingua loads each language's model on first use: a few seconds)."""
    detector = _detector()
    for sample in ("Labdien, kā nosaukt pakalpojumu?", "How to name a service?", "Как назвать услугу?"):
        detector.compute_language_confidence_values(sample)


def detect_language(text: str) -> str:
    """'lv', 'en', 'ru' or 'other' ('other' also for text with no letters)."""
    sample = text[:2000]
    if not _LATIN_RE.search(sample) and not _CYRILLIC_RE.search(sample):
        return "other"
    toks = folded_tokens(sample)
    n = max(1, len(toks))
    lv_share = sum(t in _LV_WORDS for t in toks) / n
    en_share = sum(t in _EN_WORDS for t in toks) / n
    cyr = len(_CYRILLIC_RE.findall(sample))
    lat = len(_LATIN_RE.findall(sample))
    detector = _detector()  # a missing lingua is a setup error, not one message's problem
    try:
        values = detector.compute_language_confidence_values(sample)
        top = values[0] if values else None
        name = top.language.name if top is not None and top.value > 0 else ""
        confidence = top.value if top is not None else 0.0
    except (ValueError, RuntimeError):  # lingua's runtime errors on odd text: the word lists still decide
        name, confidence = "", 0.0
    words = [t for t in toks if len(t) > 1 and not t.isdigit()]
    if len(words) < 2:
        # one word: only a word we know ("Paldies!", "Thanks") decides
        if lv_share:
            return "lv"
        if en_share:
            return "en"
        return "ru" if cyr > 3 and name == "RUSSIAN" else "other"
    if lv_share == 0 and en_share == 0 and not cyr and confidence < 0.9:
        return "other"  # letters that make no words we know
    code = _CODES.get(name, "other")
    if code == "other" and name:
        # folded Latvian is sometimes read as Lithuanian/Estonian: trust the Latvian vocabulary
        if (
            lv_share >= 0.12
            and sum(t in _LV_WORDS for t in toks) >= 2
            and cyr < lat
            and not _LT_RE.search(sample)
        ):
            return "lv"
        return "other"
    if not name:
        if cyr > lat:
            return "ru" if cyr > 3 else "other"
        if lv_share >= 0.12:
            return "lv"
        if en_share >= 0.12:
            return "en"
        return "other"
    if code == "en" and lv_share > en_share and lv_share >= 0.2:
        return "lv"
    return code
