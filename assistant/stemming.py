"""Latvian token normalisers for the lexical index: fold + inflection reduction, several measured options.

The default (``"suffix"``) strips Latvian case/number/definiteness endings from *folded* words, so a question
typed without diacritics ("iestazu") meets the document's words ("iestādēm") on the same stem ("iestad").
Other options are kept for the side-by-side measurement in ``python -m evals retrieval``:
``fold`` (no stemming), ``prefix5``/``prefix6`` (truncation), ``lvstemmer`` (LatvianStemmer on the restored
word), ``simplemma`` (lemma of the restored word), ``hunspell`` (hunspell-lv stem), and combinations
``suffix+prefix6``.

Example:
    stem("Pakalpojumu") == stem("pakalpojums") == "pakalpojum"
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache

from .textnorm import fold_word, tokens

STEMMER_VERSION = "suffix-2"
DEFAULT_STEMMER = "suffix"

# folded inflectional endings, longest first (nouns, adjectives incl. definite forms, participles)
_ENDINGS = sorted(
    {
        "ajiem", "ajam", "ajai", "ajas", "ajos", "aja", "ais", "iem", "ijam", "ija",
        "am", "em", "im", "um", "ai", "ei", "as", "es", "is", "os", "us", "ie",
        "a", "e", "i", "o", "u", "s",
    },
    key=len,
    reverse=True,
)
# Latvian palatalisation before some endings (iestāde -> iestāžu, līmenis -> līmeņu): folded stem-final pairs
_UNPALATAL = {"z": "d", "c": "k", "dz": "g"}
_STOP = frozenset(
    "un ir ar uz no par vai kas ka ko kā kur kad lai pie pēc bet arī tas tā tie tās to tam šis šī šo"
    " jo gan tad vēl ja ne nav kāds kāda kādi kādas kura kurš kuri kuras".split()
)
STOPWORDS = frozenset(fold_word(w) for w in _STOP)


@lru_cache(maxsize=200_000)
def suffix_stem(word: str) -> str:
    """Folded light stem: strip the longest ending leaving >= 3 letters, undo palatalisation."""
    w = fold_word(word)
    if len(w) <= 3 or "-" in w and len(w.rsplit("-", 1)[-1]) <= 3:
        return w
    for end in _ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 3:
            w = w[: -len(end)]
            break
    for pal, plain in _UNPALATAL.items():
        if w.endswith(pal) and len(w) > 4:
            w = w[: -len(pal)] + plain
            break
    return w


def _prefix(n: int) -> Callable[[str], str]:
    def f(word: str) -> str:
        return fold_word(word)[:n]

    return f


_LOCK = threading.Lock()
_HUNSPELL = None


def _hunspell():
    global _HUNSPELL
    with _LOCK:
        if _HUNSPELL is None:
            import hunspell

            _HUNSPELL = hunspell.HunSpell("/usr/share/hunspell/lv_LV.dic", "/usr/share/hunspell/lv_LV.aff")
        return _HUNSPELL


def _restored(word: str) -> str:
    from .diacritics import get_restorer

    return get_restorer().restore_word(word).lower()


@lru_cache(maxsize=200_000)
def _lvstemmer(word: str) -> str:
    import LatvianStemmer

    return fold_word(LatvianStemmer.stem(_restored(word)))


@lru_cache(maxsize=200_000)
def _simplemma(word: str) -> str:
    import simplemma

    return fold_word(simplemma.lemmatize(_restored(word), lang="lv"))


@lru_cache(maxsize=200_000)
def _hunspell_stem(word: str) -> str:
    w = _restored(word)
    try:
        stems = _hunspell().stem(w)
    except Exception:  # noqa: BLE001 - odd input for the C library
        stems = []
    if stems:
        s = stems[0]
        return fold_word(s.decode("utf-8") if isinstance(s, bytes) else s)
    return suffix_stem(w)


STEMMERS: dict[str, Callable[[str], str]] = {
    "fold": fold_word,
    "suffix": suffix_stem,
    "prefix5": _prefix(5),
    "prefix6": _prefix(6),
    "lvstemmer": _lvstemmer,
    "simplemma": _simplemma,
    "hunspell": _hunspell_stem,
}


def get_stemmer(name: str) -> Callable[[str], str]:
    """A token -> term function; ``a+b`` combines (``suffix+prefix6`` = prefix of the suffix stem)."""
    if "+" in name:
        first, second = (get_stemmer(p) for p in name.split("+", 1))
        return lambda w: second(first(w))
    try:
        return STEMMERS[name]
    except KeyError:
        raise ValueError(f"unknown stemmer {name!r}; choose from {sorted(STEMMERS)}") from None


def stem(word: str) -> str:
    """The default stemmer (folded suffix stem)."""
    return suffix_stem(word)


def char_grams(text: str, n: int = 5) -> list[str]:
    """Character n-grams of folded words with boundary marks ("#pakal", "pakal", ...): robust to OCR damage
    and to inflection, for the second lexical index."""
    out: list[str] = []
    for t in tokens(text):
        ft = fold_word(t)
        if ft in STOPWORDS:
            continue
        w = f"#{ft}#"
        if len(w) <= n:
            out.append(w)
        else:
            out.extend(w[i : i + n] for i in range(len(w) - n + 1))
    return out


def analyze(text: str, stemmer: str = DEFAULT_STEMMER, *, keep_stopwords: bool = False) -> list[str]:
    """Text -> lexical terms: tokens, folded, stemmed, stop words dropped. Compounds also give their parts.

    ``stemmer="char5"`` (or char3/char4) gives character n-grams instead (:func:`char_grams`)."""
    if stemmer.startswith("char") and stemmer[4:].isdigit():
        return char_grams(text, int(stemmer[4:]))
    f = get_stemmer(stemmer)
    out: list[str] = []
    for t in tokens(text):
        ft = fold_word(t)
        if not keep_stopwords and ft in STOPWORDS:
            continue
        if "-" in t:
            out.append(f(t))
            out.extend(f(p) for p in t.split("-") if len(p) > 1)
        else:
            out.append(f(t))
    return out
