"""Latvian analysis of service names: the only place spaCy and hunspell-lv are loaded (once per process).

Public API (stable; the portfolio checks and the rules build on it):

``analyze_name(name: str) -> ParsedName``
    Parse a service name typed in any case, inflected, with or without diacritics. The result has
    (all tuples are parallel, one entry per word token; punctuation is not a token):

    - ``text``: the cleaned name (control characters removed, whitespace collapsed)
    - ``tokens``: the word tokens as typed ("Pieteikšanās", "e-pakalpojums", "2.", "1.–4.", "50%")
    - ``folded``: lower-cased, diacritics stripped ("pieteiksanas")
    - ``forms``: lower-cased with diacritics restored where they were missing ("konsultacijas" -> "konsultācijas")
    - ``lemmas``: dictionary forms; action nouns keep their noun lemma ("izsniegšanu" -> "izsniegšana",
      "konsultācijas" -> "konsultācija"), other nouns their nominative singular ("pakalpojumiem" -> "pakalpojums")
    - ``pos``: coarse part of speech per token: NOUN ADJ VERB ADP CCONJ NUM PROPN ABBR X
    - ``infos``: the full :class:`WordInfo` per token (cases, number, known word, restored form, ...)
    - ``action_index``: index of the provider's action noun (the head of the name), or None
    - ``action_indices``: the action and the actions coordinated with it ("piešķiršana un izmaksa")
    - ``action_lemma``: lemma of the action noun ("izsniegšana"), or None
    - ``head_index``: index of the head noun (the action when there is one; else the first nominative noun)
    - ``object_tokens`` / ``object_indices``: what precedes the action (the genitive object, "Bezdarbnieka
      statusa"); with no action, the noun phrase up to and including the head ("Bērna kopšanas pabalsts")
    - ``qualifier_tokens`` / ``qualifier_indices``: what follows ("nevalstisko organizāciju pārstāvjiem")

``analyze_word(word: str) -> WordInfo``: one word, cached per process (hunspell is asked once per word).
``restore_diacritics(word: str) -> str``: folded lookup + hunspell; returns the word unchanged when unsure.
``to_genitive(word, *, plural=None) -> str``: inflect a noun/adjective into the genitive (fix suggestions).
``verb_to_action(verb) -> str``: "reģistrēt" -> "reģistrēšana"; ``hunspell_available() -> bool``.

Example:
    >>> p = analyze_name("Pieteiksanas bezdarbnieka statusam")
    >>> p.action_lemma, p.forms[0], p.qualifier_tokens
    ('pieteikšanās', 'pieteikšanās', ('bezdarbnieka', 'statusam'))
    >>> analyze_name("Bērna kopšanas pabalsts").action_index is None
    True
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.textnorm import clean_input, fold_word

DATA = Path(__file__).resolve().parent / "data"
HUNSPELL_DIC = Path("/usr/share/hunspell/lv_LV.dic")
HUNSPELL_AFF = Path("/usr/share/hunspell/lv_LV.aff")

PREPOSITIONS = frozenset(
    "par ar pie pēc uz no līdz bez pa pret caur aiz virs zem starp priekš ap pār gar dēļ labad ārpus iekšpus "
    "pirms kopš saskaņā ārpus attiecībā".split()
)
CONJUNCTIONS = frozenset("un vai kā arī ka bet tostarp jeb gan ne".split())
ABBREV_SPECIALS = ("t.sk.", "u.c.", "utt.", "piem.", "Nr.", "nr.", "t.i.", "u.tml.", "sk.", "pag.", "nov.")

_CASES = {"n": "nom", "g": "gen", "d": "dat", "a": "acc", "l": "loc", "i": "ins", "v": "voc"}
_DEVERBAL_RE = re.compile(r"šan(?:a|as|ai|u|ā|ām|ās|o|ai)$")
_REFLEXIVE_RE = re.compile(r"šanās$")
_NUM_RE = re.compile(r"^\d+(?:[.,]\d+)*\.?(?:[–\-]\d+\.?)?%?$")
_LV_DIACRITIC_OF = {"a": "ā", "c": "č", "e": "ē", "g": "ģ", "i": "ī", "k": "ķ", "l": "ļ", "n": "ņ", "s": "š",
                    "u": "ū", "z": "ž"}


def _lines(name: str) -> list[str]:
    path = DATA / name
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def data_lines(name: str) -> tuple[str, ...]:
    """Non-comment lines of a data file in linter/data (cached)."""
    return _data_lines_cached(name)


@lru_cache(maxsize=64)
def _data_lines_cached(name: str) -> tuple[str, ...]:
    return tuple(_lines(name))


def data_set(name: str) -> frozenset[str]:
    """A word-list data file as a set of folded entries."""
    return _data_set_cached(name)


@lru_cache(maxsize=64)
def _data_set_cached(name: str) -> frozenset[str]:
    return frozenset(fold_word(x) for x in _lines(name))


def data_map(name: str) -> dict[str, str]:
    """A two-column TSV data file as {folded first column: second column} (shared: do not modify)."""
    return _data_map_dict(name)


@lru_cache(maxsize=64)
def _data_map_dict(name: str) -> dict[str, str]:
    return dict(_data_map_cached(name))


@lru_cache(maxsize=64)
def _data_map_cached(name: str) -> tuple[tuple[str, str], ...]:
    out = []
    for line in _lines(name):
        parts = line.split("\t")
        if len(parts) >= 2:
            out.append((fold_word(parts[0].strip()) if " " not in parts[0] else parts[0].strip().lower(),
                        parts[1].strip()))
    return tuple(out)


# --------------------------------------------------------------------------------------------- hunspell
@lru_cache(maxsize=1)
def _hunspell() -> Any | None:
    try:
        import hunspell  # type: ignore[import-not-found]
    except ImportError:
        return None
    if not (HUNSPELL_DIC.exists() and HUNSPELL_AFF.exists()):
        return None
    try:
        h = hunspell.HunSpell(str(HUNSPELL_DIC), str(HUNSPELL_AFF))
    except Exception:  # pragma: no cover - a broken dictionary install
        return None
    for w in _lines("extra_words.txt"):
        h.add(w)
    return h


def hunspell_available() -> bool:
    """True when Debian's hunspell-lv and the Python binding are installed (the spelling rule needs them)."""
    return _hunspell() is not None


def _dec(x: Any) -> str:
    return x.decode("utf-8", "replace") if isinstance(x, bytes) else str(x)


@lru_cache(maxsize=200_000)
def _analyses(word: str) -> tuple[str, ...]:
    h = _hunspell()
    if h is None:
        return ()
    try:
        return tuple(_dec(a).strip() for a in h.analyze(word))
    except Exception:
        return ()


@lru_cache(maxsize=200_000)
def spelled(word: str) -> bool:
    """hunspell accepts the word (or it is in linter/data/extra_words.txt). True when hunspell is missing."""
    h = _hunspell()
    if h is None:
        return True
    try:
        return bool(h.spell(word))
    except Exception:
        return False


@lru_cache(maxsize=20_000)
def suggestions(word: str) -> tuple[str, ...]:
    """hunspell's suggestions for a misspelt word (slow: ~30 ms; cached)."""
    h = _hunspell()
    if h is None or len(word) > 40:  # hunspell's suggest grows fast with length; no real word is this long
        return ()
    try:
        return tuple(_dec(s) for s in h.suggest(word))
    except Exception:
        return ()


# ----------------------------------------------------------------------------------------- vocabulary
# hunspell-lv lacks some correct domain words; the vocabulary beyond it is (1) linter/data/extra_words.txt and
# the configuration's extra_words, (2) words the guidance documents use (linter/data/corpus_words.txt), (3)
# wordfreq's Latvian frequency list (words people actually write, from web, subtitle and news corpora), (4)
# compounds of known parts ("muzejpedagoģisko" = muzej + pedagoģisko). wordfreq also ranks suggestions
# ("pieširšana" -> "piešķiršana", not the rare "pieiršana") and tells English words from misspelt Latvian ones.

# first parts of Latvian compounds that are not words by themselves (combining forms, shortened stems)
_COMBINING = frozenset((
    "energo", "bio", "eko", "auto", "foto", "tele", "elektro", "termo", "hidro", "mikro", "makro", "multi", "inter",
    "starp", "pirms", "pēc", "virs", "zem", "līdz", "daudz", "maz", "liel", "pus", "paš", "kop", "bez", "vis", "vien",
    "divu", "trīs", "būv", "ūdens", "siltum", "dzīv", "valst", "pašvaldīb", "pār", "pirm", "ārpus", "iekš", "jaun",
    "vec", "pamat", "augst", "zemes", "meža", "darba", "surdo", "video", "audio", "radio", "agro", "ģeo", "kino",
    "mono", "poli", "super", "ultra", "eiro", "pret", "kopīg", "lauk", "jūr", "ceļ", "dzelzceļ", "gāz", "naft",
    "enerģ", "tiflo", "fito", "veter", "zoo", "kultūr", "sport", "med", "soc", "ekspres", "starptautisk",
))
# linking endings between the parts ("treniņ|nodarbību" <- treniņš, "ūdens|saimniecības")
_LINKS = ("", "s", "š", "a", "e", "u", "is", "us", "as", "es", "ju", "i")
# verbal prefixes form verbs, not compounds: hunspell knows the real prefixed words itself ("pie|širšana" is a
# typo of "piešķiršana", not a compound)
_VERB_PREFIXES = frozenset("aiz ap at ie iz no pa pār pie sa uz no".split())


@lru_cache(maxsize=4)
def _frequencies(lang: str) -> dict[str, float]:
    try:
        import wordfreq  # type: ignore[import-untyped]

        return wordfreq.get_frequency_dict(lang, "small")
    except Exception:  # noqa: BLE001 - not installed or no list for the language: hunspell + word lists only
        return {}


def word_frequency(word: str, lang: str = "lv") -> float:
    """How often the word is written (wordfreq's small list, 0.0 when unknown or wordfreq is missing)."""
    return _frequencies(lang).get(word.lower(), 0.0)


@lru_cache(maxsize=1)
def _corpus_words() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines("corpus_words.txt"))


def _noun_like(word: str) -> bool:
    """hunspell reads the word as a noun, an adjective or a deverbal noun (a possible compound part)."""
    return any(("po:lietv" in a or "po:īpv" in a or "fl:J" in a or "fl:W" in a) for a in _analyses(word))


@lru_cache(maxsize=50_000)
def compound_tail(low: str) -> str | None:
    """The known last part when ``low`` is a compound of known parts, else None.

    The first part is a combining form ("energo", "starp") or a noun/adjective stem with a linking ending
    ("treniņ" + š); the last part (>= 4 letters) is a noun, adjective or deverbal noun hunspell knows. A verbal
    prefix is never a first part. Example: compound_tail("muzejpedagoģisko") == "pedagoģisko".
    """
    if len(low) > 40 or len(low) < 8 or _hunspell() is None:
        return None
    found = None
    for i in range(3, len(low) - 3):
        head, tail = low[:i], low[i:]
        if head in _VERB_PREFIXES or not spelled(tail) or not _noun_like(tail):
            continue
        if head in _COMBINING or (len(head) >= 4 and any(spelled(head + link) and _noun_like(head + link)
                                                         for link in _LINKS)):
            found = tail
            break
    if found is None:
        return None
    # a word one letter away from a word people often write is that word misspelt, not a new compound
    # ("pieširšana" is "piešķiršana", though "pieš|iršana" splits)
    if any(word_frequency(x) >= 1e-6 and _close(x.lower(), low, 1) for x in suggestions(low)[:6]):
        return None
    return found


@lru_cache(maxsize=50_000)
def known_word(word: str) -> bool:
    """A correct word: hunspell-lv (a proper noun with its capital), the word lists, the guidance documents'
    words, wordfreq's Latvian list or a compound of known parts."""
    low = word.lower()
    if spelled(low) or (word[:1].isupper() and spelled(word[:1] + low[1:])) or low in _extra_words():
        return True
    if low in _corpus_words() or word_frequency(low) > 0 and not english_word(low):
        return True
    if "-" in low:
        return all(len(part) <= 1 or known_word(part) for part in low.split("-"))
    return compound_tail(low) is not None


@lru_cache(maxsize=20_000)
def english_word(word: str) -> bool:
    """An English word written in a Latvian name ("Parking", "startup"): hunspell-lv does not know it and it is
    clearly more frequent in English than in Latvian (wordfreq, Zipf scale)."""
    low = word.lower()
    if len(low) < 3 or not low.isascii() or spelled(low) or spelled(low.capitalize()):
        return False
    from math import log10

    en, lv = word_frequency(low, "en"), word_frequency(low, "lv")
    return en >= 1e-6 and (lv == 0 or log10(en) - log10(lv) >= 0.3)


@lru_cache(maxsize=20_000)
def ranked_suggestions(word: str) -> tuple[str, ...]:
    """hunspell's one-word suggestions, best first: fewest edits, then the most frequent Latvian word, then
    the same last letter (the case ending). Only words that exist are suggested; an empty tuple when none."""
    from rapidfuzz.distance import Levenshtein

    low = word.lower()
    sugg = [x for x in suggestions(low) if " " not in x and x.lower() != low]
    return tuple(sorted(sugg, key=lambda x: (Levenshtein.distance(x.lower(), low), -word_frequency(x),
                                             x[-1:] != low[-1:], sugg.index(x))))


# ------------------------------------------------------------------------------------ diacritic restoration
@lru_cache(maxsize=1)
def _folded_forms() -> dict[str, str]:
    """Folded word -> form with diacritics, from the linter's word lists and the guidance documents' words."""
    forms: dict[str, str] = {}
    for line in _lines("lv_forms.txt"):
        parts = line.split("\t")
        if len(parts) == 2:
            forms[parts[0]] = parts[1]
    for name in ("action_nouns.txt", "non_action_nouns.txt", "extra_words.txt", "resource_words.txt",
                 "channel_words.txt"):
        for w in _lines(name):
            for piece in w.lower().split():
                forms.setdefault(fold_word(piece), piece)
    return forms


@lru_cache(maxsize=100_000)
def restore_diacritics(word: str) -> str:
    """Lower-cased word with Latvian diacritics restored when they are missing ("izsniegsana" -> "izsniegšana").

    Order: a word hunspell accepts stays; else the folded lookup (word lists + guidance documents); else the
    variant with the fewest added diacritics that hunspell accepts; else hunspell suggestions that fold to
    the same letters. Returns the lower-cased input when nothing fits.
    """
    low = word.lower()
    if not low or not any(c.isalpha() for c in low):
        return low
    if spelled(low):
        return low
    folded = fold_word(low)
    hit = _folded_forms().get(folded)
    if hit is not None and (hit == low or fold_word(hit) == folded):
        if low == folded or _compatible(low, hit):
            return hit
    if _hunspell() is None:
        return low
    positions = [i for i, c in enumerate(low) if c in _LV_DIACRITIC_OF]
    if positions and len(positions) <= 16:
        chars = list(low)
        for k in range(1, min(4, len(positions)) + 1):
            for combo in itertools.combinations(positions, k):
                cand = chars[:]
                for i in combo:
                    cand[i] = _LV_DIACRITIC_OF[cand[i]]
                s = "".join(cand)
                if spelled(s):
                    return s
    for s in suggestions(low):
        if fold_word(s) == folded and s.lower() != low and _compatible(low, s.lower()):
            return s.lower()
    return low


def _compatible(typed: str, form: str) -> bool:
    """The typed word's own diacritics are all kept in ``form`` (only missing ones get added)."""
    if len(typed) != len(form):
        return False
    return all(a == b or _LV_DIACRITIC_OF.get(a) == b for a, b in zip(typed, form))


# ------------------------------------------------------------------------------------------- word analysis
@dataclass(frozen=True)
class WordInfo:
    """What the linter knows about one word token.

    Example:
        analyze_word("izsniegsanu") -> WordInfo(form="izsniegšanu", lemma="izsniegšana", pos="NOUN",
        cases={"acc","gen"}, is_action=True, deverbal=True, restored=True, known=True, ...)
    """

    text: str
    lower: str
    folded: str
    form: str
    lemma: str
    pos: str
    cases: frozenset[str] = frozenset()
    number: frozenset[str] = frozenset()
    is_action: bool = False
    deverbal: bool = False
    reflexive: bool = False
    known: bool = True
    restored: bool = False
    verb_form: str | None = None  # "inf" | "fin" | None
    analyses: tuple[str, ...] = field(default=(), repr=False)

    @property
    def folded_lemma(self) -> str:
        return fold_word(self.lemma)

    def can_be(self, *cases: str) -> bool:
        return any(c in self.cases for c in cases)


_DEVERBAL_CASES = {
    "šana": ({"nom"}, {"sg"}), "šanas": ({"gen", "nom"}, {"sg", "pl"}), "šanai": ({"dat"}, {"sg"}),
    "šanu": ({"acc", "gen"}, {"sg", "pl"}), "šanā": ({"loc"}, {"sg"}), "šanām": ({"dat"}, {"pl"}),
    "šanās": ({"nom", "gen", "loc"}, {"sg", "pl"}),
}


def _deverbal_ending(form: str) -> str:
    i = form.rfind("šan")
    return form[i:] if i >= 0 else ""


def _noun_lemma_of_deverbal(form: str) -> str:
    if _REFLEXIVE_RE.search(form):
        return form
    return _DEVERBAL_RE.sub("šana", form)


def _suffix_cases(form: str) -> tuple[frozenset[str], frozenset[str]]:
    """Guess case/number from the ending when hunspell does not know the word."""
    rules = [
        ("iem", {"dat"}, {"pl"}), ("ām", {"dat"}, {"pl"}), ("ēm", {"dat"}, {"pl"}), ("ās", {"loc", "gen"}, {"pl", "sg"}),
        ("os", {"loc"}, {"pl"}), ("ai", {"dat"}, {"sg"}), ("am", {"dat"}, {"sg"}), ("im", {"dat"}, {"sg"}),
        ("ei", {"dat"}, {"sg"}), ("as", {"gen", "nom"}, {"sg", "pl"}), ("es", {"gen", "nom"}, {"sg", "pl"}),
        ("us", {"nom", "gen", "acc"}, {"sg", "pl"}), ("ā", {"loc"}, {"sg"}), ("ē", {"loc"}, {"sg"}),
        ("ī", {"loc"}, {"sg"}), ("u", {"acc", "gen"}, {"sg", "pl"}), ("i", {"nom"}, {"pl"}),
        ("is", {"nom"}, {"sg"}), ("s", {"nom"}, {"sg"}), ("š", {"nom"}, {"sg"}), ("a", {"nom", "gen"}, {"sg"}),
        ("e", {"nom"}, {"sg"}),
    ]
    for suf, cases, num in rules:
        if form.endswith(suf):
            return frozenset(cases), frozenset(num)
    return frozenset(), frozenset()


@lru_cache(maxsize=200_000)
def analyze_word(word: str) -> WordInfo:
    """Analyse one token (cached per process; hunspell is asked once per distinct word)."""
    text = word
    low = word.lower()
    folded = fold_word(low)
    if _NUM_RE.match(low):
        return WordInfo(text, low, folded, low, low, "NUM")
    if low in PREPOSITIONS or folded in _FOLDED_PREPS:
        form = low if low in PREPOSITIONS else _FOLDED_PREPS[folded]
        return WordInfo(text, low, folded, form, form, "ADP", restored=form != low)
    if low in CONJUNCTIONS or folded in _FOLDED_CONJ:
        form = low if low in CONJUNCTIONS else _FOLDED_CONJ[folded]
        return WordInfo(text, low, folded, form, form, "CCONJ", restored=form != low)
    if any(ch.isdigit() for ch in low) or not any(ch.isalpha() for ch in low) or len(low) > 60:
        # numbers-with-letters, symbols and pasted blobs: hunspell is slow on very long strings and they are
        # not words anyway
        return WordInfo(text, low, folded, low, low, "X", known=len(low) <= 60)
    if word.isupper() and len(word) >= 2 and len(word) <= 8 and "-" not in word:
        abbrev = True
    else:
        abbrev = False
    proper = word[:1].isupper() and not abbrev and not spelled(low) and spelled(word[:1] + word[1:].lower())
    form = low if proper else restore_diacritics(low)
    restored = form != low
    known = proper or spelled(form) or form in _extra_words()
    # a proper noun ("Eiropas", "Šengenas") is in hunspell-lv only with its capital
    analyses = _analyses(word[:1] + word[1:].lower()) if proper else _analyses(form)
    if not analyses and not known and not abbrev and "-" not in form:
        # a correct compound hunspell lacks ("muzejpedagoģisko"): its last part carries the case
        tail = compound_tail(form)
        if tail is not None:
            known = True
            analyses = _analyses(tail)
            if any("fl:J" in a for a in analyses):
                analyses = ()  # a deverbal tail: the -šana ending below gives the case
    # hunspell knows "e-pakalpojums" only from our extra list (no analyses): analyse the last part
    if not any("po:" in a for a in analyses) and "-" in form:
        analyses = _analyses(form.rsplit("-", 1)[1])
    base = form
    if not analyses and not known and not abbrev and len(form) >= 4 and "-" not in form and not english_word(form):
        # a typo ("izsniegšna"): analyse the closest dictionary word so the structure rules still work
        for cand in ranked_suggestions(form)[:4]:
            c = cand.lower()
            if c[:2] == form[:2] and abs(len(c) - len(form)) <= 2 and _close(c, form):
                analyses = _analyses(c)
                base = c
                break
    if abbrev and (not analyses or word in _allowed_abbrev_upper()):
        return WordInfo(text, low, folded, word, word, "ABBR", known=True)

    lemma = base
    pos = "X"
    cases: set[str] = set()
    number: set[str] = set()
    deverbal = False
    verb_form: str | None = None
    noun_seen = adj_seen = False
    for a in analyses:
        fields = dict(p.split(":", 1) for p in a.split() if ":" in p and not p.startswith("fl:"))
        flags = [p[3:] for p in a.split() if p.startswith("fl:")]
        po = fields.get("po", "")
        st = fields.get("st", base)
        tag = fields.get("is", "")
        if "J" in flags and (po.startswith("darb") or not po):
            deverbal = True
            noun_seen = True
            lemma = _noun_lemma_of_deverbal(base) if pos != "NOUN" or lemma == form else lemma
            pos = "NOUN"
            _add_case(tag, cases, number, default_nom=True)
        elif po.startswith("lietv"):
            if not noun_seen:
                lemma = st
            noun_seen = True
            pos = "NOUN" if not po.endswith("i") or pos == "NOUN" else ("PROPN" if pos in ("X", "PROPN") else pos)
            _add_case(tag, cases, number, default_nom=True)
        elif po.startswith("īpv") or (po.startswith("darb") and flags and not tag):
            # a verb reading with a participle flag and no person/tense tag is a participle, used as an
            # adjective ("cietušo bērnu", "ienākošās korespondences"), never the finite verb N004 looks for
            adj_seen = True
            if not noun_seen:
                lemma = st
                pos = "ADJ"
        elif po.startswith("darb"):
            if not noun_seen and not adj_seen:
                lemma = st
                pos = "VERB"
                if not tag or tag.startswith("0"):
                    verb_form = "inf"
                else:
                    verb_form = "fin"
        elif po in ("saiklis", "apstv") and pos == "X":
            lemma = st
            pos = "ADV"
    if pos == "PROPN" and noun_seen and any("po:lietv" in a and not a.split("po:")[1].split()[0].endswith("i")
                                              for a in analyses):
        pos = "NOUN"
    if _DEVERBAL_RE.search(base) or _REFLEXIVE_RE.search(base):
        if pos in ("X", "VERB", "NOUN") and not (pos == "VERB" and verb_form == "inf"):
            deverbal = True
            pos = "NOUN"
            lemma = _noun_lemma_of_deverbal(base)
            if not cases or (not any("is:" in a for a in analyses)):
                m = _DEVERBAL_CASES.get(_deverbal_ending(base))
                if m:
                    cases = set(m[0])
                    number = set(m[1])
            if _REFLEXIVE_RE.search(form):
                cases |= {"nom", "gen", "loc"}
    if pos == "X" and not analyses:
        sc, sn = _suffix_cases(form)
        cases |= sc
        number |= sn
        pos = "NOUN" if cases else "X"
    # ambiguities hunspell does not list: -as/-es gen sg = nom pl; -u acc sg = gen pl
    if pos in ("NOUN", "PROPN"):
        if "gen" in cases and (form.endswith("as") or form.endswith("es")) and "sg" in number:
            cases.add("nom")
            number.add("pl")
        if "acc" in cases and form.endswith("u"):
            cases.add("gen")
            number.add("pl")
        if "nom" in cases and "pl" in number and form.endswith("i") and not cases - {"nom"}:
            pass
    reflexive = bool(_REFLEXIVE_RE.search(form))
    is_action = False
    if pos == "NOUN":
        fl = fold_word(lemma)
        if deverbal or fl in _action_set():
            is_action = True
        elif re.search(r"(ācija|īcija|ūcija)$", lemma) and fl not in _non_action_set():
            is_action = True
        elif fl in _recipient_set():
            is_action = True
    return WordInfo(
        text, low, folded, form, lemma, pos, frozenset(cases), frozenset(number), is_action, deverbal,
        reflexive, known, restored, verb_form if pos == "VERB" else None, analyses,
    )


def _close(a: str, b: str, limit: int = 2) -> bool:
    """Edit distance of at most ``limit`` (a cheap bound for typo fallbacks)."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b) <= limit


def _add_case(tag: str, cases: set[str], number: set[str], *, default_nom: bool) -> None:
    if not tag:
        if default_nom:
            cases.add("nom")
            number.add("sg")
        return
    if len(tag) >= 3 and tag[0] in "vd" and tag[2] in _CASES:
        cases.add(_CASES[tag[2]])
        number.add("sg" if tag[0] == "v" else "pl")
    elif tag.startswith("r"):
        cases.add("nom")


_FOLDED_PREPS = {fold_word(p): p for p in PREPOSITIONS}
_FOLDED_CONJ = {fold_word(p): p for p in CONJUNCTIONS}


@lru_cache(maxsize=1)
def _action_set() -> frozenset[str]:
    return data_set("action_nouns.txt")


@lru_cache(maxsize=1)
def _non_action_set() -> frozenset[str]:
    return data_set("non_action_nouns.txt")


@lru_cache(maxsize=1)
def _recipient_set() -> frozenset[str]:
    return frozenset(data_map("recipient_actions.tsv"))


@lru_cache(maxsize=1)
def _extra_words() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines("extra_words.txt"))


@lru_cache(maxsize=1)
def _allowed_abbrev_upper() -> frozenset[str]:
    return frozenset(w.upper() for w in _lines("abbreviations_allowed.txt"))


# ---------------------------------------------------------------------------------------------- spaCy
def _import_spacy() -> Any:
    """Import spaCy without letting thinc import torch (~4 s of a ~5 s start-up; a blank pipeline never uses
    it). torch is hidden only during this import and only when nothing has imported it yet, so a later
    ``import torch`` (sentence-transformers in the same process) works as usual. PALIGS_SPACY_TORCH=1 turns
    this off."""
    import os
    import sys

    hide = "torch" not in sys.modules and os.environ.get("PALIGS_SPACY_TORCH") != "1"
    if hide:
        sys.modules["torch"] = None  # type: ignore[assignment]  # makes "import torch" raise ImportError
    try:
        import spacy
    finally:
        if hide and sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


@lru_cache(maxsize=1)
def get_nlp() -> Any:
    """The blank Latvian spaCy pipeline with our tokenizer exceptions and the ``lv_morph`` component."""
    spacy = _import_spacy()
    from spacy.language import Language
    from spacy.tokens import Token
    from spacy.util import compile_infix_regex

    nlp = spacy.blank("lv")
    # keep hyphenated compounds ("e-pakalpojums", "Rīga-Ogre") whole: drop the letter-hyphen-letter infix
    infixes = [p for p in nlp.Defaults.infixes if "-" not in p and "‐" not in p]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for special in ABBREV_SPECIALS:
        nlp.tokenizer.add_special_case(special, [{"ORTH": special}])
    if not Token.has_extension("lv"):
        Token.set_extension("lv", default=None)

    if "lv_morph" not in Language.factories:

        @Language.component("lv_morph")
        def lv_morph(doc: Any) -> Any:
            # "2025." and "1.–4." are one word each: merge a number with the full stop after it
            with doc.retokenize() as retok:
                for tok in doc[:-1]:
                    nxt = doc[tok.i + 1]
                    if nxt.text == "." and not tok.whitespace_ and (tok.like_num or tok.text[:1].isdigit()):
                        retok.merge(doc[tok.i : tok.i + 2])
            for tok in doc:
                if tok.is_space or (tok.is_punct and tok.text not in ABBREV_SPECIALS):
                    continue
                info = analyze_word(tok.text)
                tok._.lv = info
                tok.lemma_ = info.lemma
                tok.pos_ = info.pos if info.pos in _UPOS else "X"
            return doc

    nlp.add_pipe("lv_morph")
    return nlp


_UPOS = {"NOUN", "ADJ", "VERB", "ADP", "CCONJ", "NUM", "PROPN", "ADV", "X"}


# ------------------------------------------------------------------------------------------ name parsing
@dataclass(frozen=True)
class ParsedName:
    """A service name split into object + action + qualifier (see the module docstring)."""

    text: str
    tokens: tuple[str, ...]
    folded: tuple[str, ...]
    forms: tuple[str, ...]
    lemmas: tuple[str, ...]
    pos: tuple[str, ...]
    infos: tuple[WordInfo, ...]
    action_index: int | None
    action_indices: tuple[int, ...]
    head_index: int | None
    object_indices: tuple[int, ...]
    qualifier_indices: tuple[int, ...]
    has_trailing_punct: bool = False

    @property
    def action_lemma(self) -> str | None:
        return None if self.action_index is None else self.lemmas[self.action_index]

    @property
    def action_lemmas(self) -> tuple[str, ...]:
        return tuple(self.lemmas[i] for i in self.action_indices)

    @property
    def object_tokens(self) -> tuple[str, ...]:
        return tuple(self.tokens[i] for i in self.object_indices)

    @property
    def qualifier_tokens(self) -> tuple[str, ...]:
        return tuple(self.tokens[i] for i in self.qualifier_indices)

    @property
    def folded_lemmas(self) -> tuple[str, ...]:
        return tuple(fold_word(x) for x in self.lemmas)

    def restored_text(self) -> str:
        """The name with missing diacritics restored, keeping the typed capitalisation of each word."""
        out = self.text
        for tok, form in zip(self.tokens, self.forms):
            if fold_word(tok) == fold_word(form) and tok.lower() != form:
                fixed = form.capitalize() if tok[:1].isupper() else form
                if tok.isupper() and len(tok) > 1:
                    fixed = form.upper()
                out = re.sub(rf"(?<!\w){re.escape(tok)}(?!\w)", fixed, out, count=1)
        return out


def _nominative_capable(info: WordInfo) -> bool:
    return info.pos == "NOUN" and ("nom" in info.cases or info.reflexive or not info.cases)


# Prepositions that govern the genitive; the others govern the accusative in the singular. In the plural every
# Latvian preposition takes the dative ("par pakalpojumiem", "no iedzīvotājiem").
_GEN_PREPS = frozenset("no bez līdz pēc pie aiz virs zem priekš dēļ labad ārpus iekšpus pirms kopš".split())


def prepositional_phrases(infos: list[WordInfo] | tuple[WordInfo, ...]) -> list[bool]:
    """For each token: is it inside a prepositional phrase (the preposition and its noun phrase)?

    A Latvian noun phrase ends with its head noun (modifiers come first), and the head stands in the case the
    preposition governs. So the phrase closes after the first governed noun that is not a genitive modifier of
    a governed noun right after it: "Izziņas [par sodāmību] izsniegšana", "Izziņas [par deklarēto dzīvesvietu]
    izsniegšana", "Konsultācijas [par bezdarbnieka statusa iegūšanu]". A conjunction also closes it.
    """
    n = len(infos)
    in_pp = [False] * n
    i = 0
    while i < n:
        if infos[i].pos != "ADP":
            i += 1
            continue
        prep = infos[i].form
        governed = {"gen", "dat"} if prep in _GEN_PREPS else {"acc", "dat"}
        in_pp[i] = True
        j = i + 1
        while j < n:
            x = infos[j]
            if x.pos in ("ADJ", "NUM", "ABBR") or (x.pos == "X" and not x.cases):
                in_pp[j] = True
                j += 1
                continue
            if x.pos not in ("NOUN", "PROPN", "X") or x.pos == "ADP":
                break
            in_pp[j] = True
            k = j + 1
            while k < n and infos[k].pos == "ADJ":
                k += 1
            nxt = infos[k] if k < n else None
            modifier = "gen" in x.cases and nxt is not None and nxt.pos in ("NOUN", "PROPN") and bool(nxt.cases & governed)
            if x.cases & governed and not modifier:
                j += 1
                break
            if not x.cases & (governed | {"gen"}):
                break  # a form the preposition cannot take: the phrase ended before it
            j += 1
        i = j
    return in_pp


def _parse(text: str, infos: list[WordInfo]) -> tuple[int | None, tuple[int, ...], int | None]:
    # the action is the first action noun that can be nominative; an ambiguous form (gen sg = nom pl,
    # "pārbaudes") gives way to a later unambiguous nominative action ("prasmes pārbaudes organizēšana")
    n = len(infos)
    # words after a preposition belong to its phrase: never the head
    in_pp = prepositional_phrases(infos)
    cands = [i for i, x in enumerate(infos) if x.is_action and _nominative_capable(x) and not in_pp[i]]
    action: int | None = None
    if cands:
        def _modifier(i: int) -> bool:
            # "kopšanas pabalsts": an ambiguous genitive before a firm nominative noun modifies that noun
            if "gen" not in infos[i].cases and not infos[i].reflexive:
                return False
            # the head of a Latvian noun phrase comes last: a nominative-capable noun right after it
            # ("apsaimniekošanas atļaujas") makes this one a genitive modifier
            k = i + 1
            while k < n and infos[k].pos == "ADJ":
                k += 1
            if k < n and not in_pp[k] and infos[k].pos == "NOUN" and "nom" in infos[k].cases and not (
                i == 0 and infos[i].reflexive and "gen" in infos[k].cases
            ):  # "Pieteikšanās pirmsskolas ...": a first reflexive action before an ambiguous genitive is the head
                return True
            for j in range(i + 1, n):
                if in_pp[j] or infos[j].pos == "CCONJ":
                    return False
                x = infos[j]
                if x.pos == "NOUN" and "nom" in x.cases and "gen" not in x.cases:
                    return True
            return False

        cands = [i for i in cands if not _modifier(i)]
    if cands:
        firm = [i for i in cands if "gen" not in infos[i].cases and not infos[i].reflexive]
        action = firm[0] if firm else cands[0]
        # an ambiguous first candidate followed directly by a genitive noun: keep it (it is the head)
    coordinated: list[int] = []
    if action is not None:
        coordinated.append(action)
        j = action + 1
        while j + 1 < n and infos[j].pos == "CCONJ" and infos[j + 1].is_action:
            coordinated.append(j + 1)
            j += 2
        head = action
    else:
        # no action: the head is the last nominative-capable noun of the leading noun phrase (modifiers
        # come first in Latvian: "Valsts zemes dienesta kadastra informācijas sistēma")
        head = None
        last_adj = None
        for i, x in enumerate(infos):
            if in_pp[i] or x.pos in ("CCONJ", "ADP", "NUM", "VERB"):
                break
            if x.pos == "ADJ" or x.pos == "ABBR":
                last_adj = i
                continue
            if x.pos in ("NOUN", "PROPN", "X"):
                if "nom" in x.cases or not x.cases:
                    head = i
                    continue
                if "gen" in x.cases or "acc" in x.cases:
                    continue
                break
        if head is None and last_adj is not None:
            head = last_adj  # a noun hunspell reads only as an adjective ("Informatīvie materiāli")
        if head is None:
            for i, x in enumerate(infos):
                if x.pos in ("NOUN", "PROPN", "VERB"):
                    head = i
                    break
    return action, tuple(coordinated), head


_PLAIN = re.compile(r"[^\W_]+(?:-[^\W_]+)*(?: [^\W_]+(?:-[^\W_]+)*)*")


def word_tokens(text: str) -> list[str]:
    """Word tokens of a name from the spaCy tokenizer with our exceptions ("e-pakalpojums", "t.sk.", "2025.").

    Same tokens as the ``lv_morph`` pipeline component produces, without building token extensions (the
    linter's hot path: thousands of names per second).
    """
    if _PLAIN.fullmatch(text):
        # letters, digits, single spaces and inner hyphens only: spaCy's tokenizer (with our hyphen rule) splits
        # such text on spaces alone, so skip building a Doc (tests/test_linter_nlp.py checks the equivalence)
        return text.split(" ")
    doc = get_nlp().tokenizer(text)
    out: list[str] = []
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        t = tok.text
        if i + 1 < n and not tok.whitespace_ and doc[i + 1].text == "." and t[:1].isdigit():
            out.append(t + ".")
            i += 2
            continue
        i += 1
        if tok.is_space or (tok.is_punct and t not in ABBREV_SPECIALS):
            continue
        out.append(t)
    return out


def _retyped(orig: WordInfo, form: str) -> WordInfo:
    a = analyze_word(form)
    return WordInfo(orig.text, orig.lower, orig.folded, a.form, a.lemma, a.pos, a.cases, a.number, a.is_action,
                    a.deverbal, a.reflexive, True, a.form != orig.lower, a.verb_form, a.analyses)


@lru_cache(maxsize=20_000)
def _noun_variant(low: str) -> str | None:
    if _hunspell() is None:
        return None
    positions = [i for i, c in enumerate(low) if c in _LV_DIACRITIC_OF]
    if not positions or len(positions) > 14:
        return None
    for k in range(1, min(3, len(positions)) + 1):
        for combo in itertools.combinations(positions, k):
            chars = list(low)
            for i in combo:
                chars[i] = _LV_DIACRITIC_OF[chars[i]]
            cand = "".join(chars)
            if spelled(cand) and analyze_word(cand).pos == "NOUN":
                return cand
    return None


_LOCATIVE = {"a": "ā", "e": "ē", "i": "ī"}


def _contextual_forms(infos: list[WordInfo]) -> list[WordInfo]:
    """Restoration picks the form with the fewest added marks; the name's structure decides between equals.

    - after the action (or a verb), a second nominative is a locative typed without its mark:
      "Palidziba veidlapu aizpildisana" -> "aizpildīšanā", "Gramatu nodosana biblioteka" -> "bibliotēkā";
    - a first word "...sanas" that modifies nothing is the reflexive "-šanās" ("Registresanas pie arsta").
    """
    out = list(infos)
    n = len(out)
    first = out[0]
    if first.restored and first.deverbal and first.form.endswith("šanas") and (
        n == 1 or out[1].pos == "ADP" or (out[1].pos == "NOUN" and out[1].cases and
                                         not out[1].cases & {"nom", "gen"})
        # "pieteiksanas ...": a recipient's reflexive act ("pieteikšanās") is far likelier than the genitive
        or fold_word(first.form[:-2] + "ās") in _recipient_set()
    ):
        cand = first.form[:-2] + "ās"
        if spelled(cand):
            out[0] = _retyped(first, cand)
    seen_head = False
    for i, x in enumerate(out):
        # (this runs only for names typed without diacritics, so an ASCII word that is valid as typed,
        # "rinda", may have lost its mark as well)
        if seen_head and (x.restored or x.lower.isascii()) and x.pos == "NOUN" and x.cases == frozenset({"nom"}) and \
                out[i - 1].pos != "CCONJ" and x.form[-1:] in _LOCATIVE:
            cand = x.form[:-1] + _LOCATIVE[x.form[-1]]
            if spelled(cand):
                out[i] = _retyped(x, cand)
                continue
        if (x.pos == "VERB" and x.verb_form == "inf") or (x.is_action and "nom" in x.cases and ("gen" not in x.cases or
                                                                     (i == 0 and x.reflexive))):
            seen_head = True
    return out


_AGREE = (("ām", "am"), ("ās", "as"), ("ā", "a"), ("ajām", "ajam"), ("ēm", "em"))


def _agree_adjectives(infos: list[WordInfo]) -> list[WordInfo]:
    """In a name typed without diacritics, an adjective that is a valid word as typed ("juridiskam") takes the
    ending of the restored noun after it ("personām" -> "juridiskām")."""
    out = list(infos)
    for i in range(len(out) - 1):
        adj, noun = out[i], out[i + 1]
        if adj.pos != "ADJ" or adj.restored or not noun.restored:
            continue
        for long_end, short_end in _AGREE:
            if noun.form.endswith(long_end) and adj.form.endswith(short_end) and not adj.form.endswith(long_end):
                cand = adj.form[: -len(short_end)] + long_end
                if spelled(cand):
                    a = analyze_word(cand)
                    out[i] = WordInfo(adj.text, adj.lower, adj.folded, a.form, a.lemma, a.pos, a.cases, a.number,
                                      a.is_action, a.deverbal, a.reflexive, True, True, a.verb_form, a.analyses)
                break
    return out


@lru_cache(maxsize=50_000)
def analyze_name(name: str) -> ParsedName:
    """Parse one service name (see the module docstring). Never raises on odd input; cached per name."""
    text = clean_input(name or "")
    infos = [analyze_word(w) for w in word_tokens(text[:2000])] if text else []
    typed_plain = any(x.restored for x in infos)
    for i, x in enumerate(infos):
        # "Sazina ar sabiedribu", "Arhiva izzinu izsniegsana": a finite verb form in a name typed without
        # diacritics is a noun that lost its marks (service names hardly ever contain finite verbs)
        if x.pos == "VERB" and x.verb_form == "fin" and x.lower.isascii() and (i == 0 or typed_plain):
            noun = _noun_variant(x.lower)
            if noun is not None:
                infos[i] = _retyped(x, noun)
    if any(x.restored for x in infos):
        infos = _contextual_forms(infos)
        infos = _agree_adjectives(infos)
    trailing = bool(text) and not text[-1].isalnum()
    action, coordinated, head = _parse(text, infos)
    n = len(infos)
    if action is not None:
        obj = tuple(range(0, action))
        last = coordinated[-1]
        qual = tuple(range(last + 1, n))
    elif head is not None:
        obj = tuple(range(0, head + 1))
        qual = tuple(range(head + 1, n))
    else:
        obj = ()
        qual = tuple(range(n))
    return ParsedName(
        text=text,
        tokens=tuple(x.text for x in infos),
        folded=tuple(x.folded for x in infos),
        forms=tuple(x.form for x in infos),
        lemmas=tuple(x.lemma for x in infos),
        pos=tuple(x.pos for x in infos),
        infos=tuple(infos),
        action_index=action,
        action_indices=coordinated,
        head_index=head,
        object_indices=obj,
        qualifier_indices=qual,
        has_trailing_punct=trailing,
    )


# ------------------------------------------------------------------------------------------- inflection
def _generate(lemma: str, tag: str) -> str | None:
    h = _hunspell()
    if h is None:
        return None
    try:
        out = [_dec(x) for x in h.generate2(lemma, f"is:{tag}")]
    except Exception:
        return None
    return out[0] if out else None


def to_genitive(word: str, *, plural: bool | None = None, feminine: bool | None = None) -> str:
    """The genitive of a noun or adjective token (keeps the token's capitalisation). Best effort.

    Example: to_genitive("statusam") == "statusa"; to_genitive("izziņu") == "izziņas".
    """
    info = analyze_word(word)
    if info.pos not in ("NOUN", "ADJ", "PROPN"):
        return word
    if plural is None and info.pos != "ADJ" and info.cases == frozenset({"gen"}):
        return word
    pl = plural if plural is not None else ("pl" in info.number and "sg" not in info.number)
    out: str | None = None
    if info.pos in ("NOUN", "PROPN"):
        if info.deverbal:
            base = info.lemma
            out = base[:-1] + ("u" if pl else "as") if base.endswith("a") else base
        else:
            out = _generate(info.lemma, "dpg" if pl else "vpg")
            if out is None and pl:
                # hunspell-lv lists the genitive plural only where it differs from the accusative singular
                acc = _generate(info.lemma, "vpa")
                out = acc if acc and acc.endswith("u") else None
    else:
        lem = info.lemma
        fem = feminine if feminine is not None else False
        definite = info.form.endswith(("ā", "o", "ajam", "ajai", "ajiem", "ajām", "ais", "ās"))
        stem = lem[:-1] if lem.endswith("s") else lem
        if pl:
            out = stem + ("o" if definite else "u")
        elif fem:
            out = stem + ("ās" if definite else "as")
        else:
            out = stem + ("ā" if definite else "a")
    if not out:
        return word
    if word[:1].isupper():
        out = out[:1].upper() + out[1:]
    return out


def verb_to_action(verb: str) -> str | None:
    """Infinitive -> action noun: "reģistrēt" -> "reģistrēšana", "reģistrēties" -> "reģistrēšanās"."""
    info = analyze_word(verb)
    lemma = info.lemma if info.pos == "VERB" else verb.lower()
    if info.form.endswith("ties"):
        return info.form[:-4] + "šanās"
    if lemma.endswith("t"):
        return lemma[:-1] + "šana"
    return None


def is_feminine_lemma(lemma: str) -> bool:
    return lemma.endswith(("a", "e")) and not lemma.endswith("us")


def warm_up() -> None:
    """Load spaCy and hunspell now (the CLI and the web app call this once at start)."""
    get_nlp()
    _hunspell()
    _folded_forms()
