"""A light structural parse of a service name: object + action + qualifiers (VARAM guidance 002).

Fast enough for 100k names (a few microseconds per name once the vocabulary is warm): no hunspell, no spaCy.
Words are folded and stemmed (:mod:`.lexicon`), so case, inflection and missing diacritics do not matter.

- the *action* is the first provider action noun in the nominative ("-šana" or a word of the action list);
- the *object* is what precedes it ("Dzīvokļa pabalsta");
- the *qualifiers* follow it, split into phrases of one kind: ``recipient`` (a dative: "pensionāriem"),
  ``channel`` ("klātienē", "elektroniski"), ``condition`` ("pēc nozaudēšanas"), ``place`` (a locative:
  "izglītības iestādē") or ``complement`` ("par ...", "no ...": these extend the object, they do not qualify it).

Example:
    >>> p = parse_name("Dzīvokļa pabalsta piešķiršana personām ar invaliditāti", 0)
    >>> p.surface[p.action], [k for k, _, _ in p.phrases]
    ('piešķiršana', ['recipient'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.textnorm import clean_input, fold_word

from .lexicon import Lexicon, deverbal_base, lexicon, stem

_WORD_RE = re.compile(r"[^\W_]+(?:[-‐‑.][^\W_]+)*", re.UNICODE)
_YEAR_RE = re.compile(r"(?<![\w.])(?:1[89]|20)\d{2}(?!\w)")
_QUOTE_RE = re.compile(r"[\"“”„«»]|'[^']{2,}'")
# Enumeration codes: "A", "A1", "C1E", "3", "12a"; Roman numerals only when the name is not typed in capitals.
_CODE_RE = re.compile(r"(?:[^\W\d_]|[^\W\d_]{1,2}\d{1,2}[^\W\d_]?|\d+[a-z]?)")
_ROMAN_RE = re.compile(r"[IVX]{2,4}")
_NOT_LOWER_ABBREVIATIONS = frozenset({"ES", "PUS"})  # also ordinary words ("es", "pus")
_DATIVE_ENDINGS = ("iem", "am", "em", "im", "um", "ai", "ei")
_CONDITION_NOUNS = frozenset({"karta", "kartiba", "termina", "laika", "gadijuma"})
_CONTINUERS = frozenset({"ar", "un", "vai", "arī", "ari"})


@dataclass(slots=True)
class Parsed:
    """One name, parsed. Indices refer to ``surface``/``folded``/``stems`` (abbreviations already expanded)."""

    index: int
    text: str
    exact_key: str
    surface: list[str]
    folded: list[str]
    stems: list[str]
    action: int | None
    actions: list[int] = field(default_factory=list)  # the action and actions coordinated with it
    phrases: list[tuple[str, int, int]] = field(default_factory=list)  # (kind, start, end) in the qualifier
    has_quote: bool = False
    has_date: bool = False
    has_code: bool = False  # an enumeration code in the qualifier ("A1 kategorijā")


def _is_action(folded: str, lex: Lexicon, typed: str = "") -> bool:
    """A provider action noun in the nominative singular.

    Folding makes the locative look like the nominative ("risināšanā" -> "risinasana"); when the word was typed
    with its diacritics, a final long vowel tells the locative apart.
    """
    if typed and typed[-1:].lower() in "āēīū" and folded[-1:] in "aeiu":
        return False
    if folded in lex.actions:
        return True
    return folded.endswith("sana") and len(folded) > 6 and deverbal_base(folded) is not None


def _is_plural_action(folded: str, lex: Lexicon) -> bool:
    """Nominative plural of an action noun ("konsultācijas"): also a genitive, so only a fallback."""
    return (folded.endswith("as") and folded[:-1] in lex.actions) or (
        folded.endswith("es") and folded[:-1] in lex.actions
    )


def _is_dative(folded: str) -> bool:
    return len(folded) > 3 and folded.endswith(_DATIVE_ENDINGS)


_PAREN_RE = re.compile(r"\s*\([^()]{1,80}\)")
_ACRONYM_RE = re.compile(r"[A-ZĀČĒĢĪĶĻŅŠŪŽ]{2,6}")


def local_abbreviations(texts: list[str]) -> dict[str, list[str]]:
    """Acronyms a list defines itself: an acronym used in one name and spelled out by the initials of consecutive
    words in another ("PLG" <- "Patieso labuma guvēju", "EDS" <- "Elektroniskās deklarēšanas sistēmas")."""
    # an acronym is a capitalised word among lower-case ones (a name typed in capitals has none)
    acronyms = {m.group(0) for t in texts if not t.isupper() for m in _ACRONYM_RE.finditer(t)
                if len(m.group(0)) >= 3 and (m.end() == len(t) or not t[m.end()].isalpha())
                and (m.start() == 0 or not t[m.start() - 1].isalpha())}
    if len(acronyms) > 200:
        return {}  # not a service list with a few acronyms: leave them as they are
    if not acronyms:
        return {}
    out: dict[str, list[str]] = {}
    for t in texts:
        words = [m.group(0) for m in _WORD_RE.finditer(t)]
        initials = "".join(fold_word(w)[:1].upper() for w in words)
        for a in acronyms - set(out):
            i = initials.find(fold_word(a).upper())
            if i >= 0 and not any(w.isupper() for w in words[i:i + len(a)]):
                out[a] = words[i:i + len(a)]
    return out


def parse_name(text: str, index: int, lex: Lexicon | None = None,
               local: dict[str, list[str]] | None = None) -> Parsed:
    """Parse one (already cleaned) name. A parenthesis explains what stands before it ("Personas apliecības
    (eID kartes) izsniegšana") and is left out of the words compared; ``local`` acronyms the list defines
    itself are spelled out (:func:`local_abbreviations`)."""
    lex = lex or lexicon()
    bare = _PAREN_RE.sub("", text)
    raw = [m.group(0).replace("‐", "-").replace("‑", "-") for m in _WORD_RE.finditer(bare if len(bare.split()) >= 2
                                                                                       else text)]
    surface: list[str] = []
    for tok in raw:
        key = fold_word(tok).upper()
        if (
            key in lex.abbreviations
            and len(tok) >= 2
            and (tok.isupper() or (len(tok) >= 3 and key not in _NOT_LOWER_ABBREVIATIONS))
        ):
            surface.extend(lex.abbreviations[key])
        elif local and tok in local:
            surface.extend(w.lower() for w in local[tok])
        else:
            surface.append(tok)
    folded = [fold_word(t) for t in surface]
    stems = [stem(f) for f in folded]
    exact_key = " ".join(fold_word(m.group(0)) for m in _WORD_RE.finditer(text))

    p = Parsed(index, text, exact_key, surface, folded, stems, None)
    p.has_quote = bool(_QUOTE_RE.search(text))
    p.has_date = bool(_YEAR_RE.search(text)) or any(s in lex.holiday for s in stems)
    analyse(p, lex)
    return p


def analyse(p: Parsed, lex: Lexicon) -> None:
    """Find the action, the coordinated actions and the qualifier phrases of a parsed name (in place).

    Run again after typo correction of ``p.folded`` ("izsniegšna" -> "izsniegsana" makes the action visible).
    """
    folded, surface = p.folded, p.surface
    action = None
    for i, f in enumerate(folded):
        if _is_action(f, lex, surface[i]):
            action = i
            break
    if action is None:
        for i in range(len(folded) - 1, -1, -1):
            # a plural action ends the name or is followed by a qualifier ("Logopēda konsultācijas bērniem");
            # before another noun it is a genitive ("Sociālās palīdzības informācijas sistēma")
            nxt = folded[i + 1] if i + 1 < len(folded) else None
            if _is_plural_action(folded[i], lex) and (
                nxt is None
                or _is_dative(nxt)
                or nxt in lex.complement_openers
                or nxt in lex.channel
                or nxt in lex.condition_openers
            ):
                action = i
                break
    if action is None and folded and folded[0] in lex.reflexive_steps:
        action = 0  # "Pieteikšanās bezdarbnieka statusam": the recipient's step
    p.action = action
    if action is None:
        p.actions, p.phrases, p.has_code = [], [], False
        return
    acts = [action]
    j = action + 1
    while (
        j + 1 < len(folded) and folded[j] in ("un", "vai") and _is_action(folded[j + 1], lex, surface[j + 1])
    ):
        acts.append(j + 1)
        j += 2
    p.actions = acts
    p.phrases = _phrases(folded, j, lex)
    all_caps = p.text.isupper()
    p.has_code = any(
        (_CODE_RE.fullmatch(surface[i]) is not None or (not all_caps and _ROMAN_RE.fullmatch(surface[i])))
        and fold_word(surface[i]).upper() not in lex.abbreviations
        for _, s, e in p.phrases
        for i in range(s, e)
    )


def _phrases(folded: list[str], start: int, lex: Lexicon) -> list[tuple[str, int, int]]:
    """Split the qualifier into phrases and give each a kind."""
    out: list[tuple[str, int, int]] = []
    kind: str | None = None
    s = -1
    n = len(folded)

    def close(end: int) -> None:
        nonlocal kind, s
        if s < 0 or end <= s:
            kind, s = None, -1
            return
        k = kind
        words = folded[s:end]
        if "ar" in words[1:]:  # "personām ar invaliditāti": the head is before "ar"
            words = words[: words.index("ar", 1)]
        if k is None or k == "condition?":
            if any(w in lex.channel or stem(w) in lex.channel for w in words):
                k = "channel"
            elif k == "condition?":
                k = "condition"
            elif _is_dative(words[-1]):
                k = "recipient"
            else:
                k = "place"
        out.append((k, s, end))
        kind, s = None, -1

    for i in range(start, n):
        f = folded[i]
        if f in lex.complement_openers:
            close(i)
            kind, s = "complement", i
        elif f in lex.condition_openers and f not in _CONDITION_NOUNS:
            close(i)
            kind, s = "condition", i
        elif f in _CONTINUERS and s >= 0:
            continue
        else:
            if s < 0:
                kind, s = None, i
            if f in _CONDITION_NOUNS and kind is None:
                kind = "condition?"
            # A dative or a channel word ends a phrase unless "ar"/"un" continues it.
            nxt = folded[i + 1] if i + 1 < n else None
            if (
                kind is None
                and (_is_dative(f) or f in lex.channel)
                and nxt not in _CONTINUERS
                and not (nxt is not None and _is_dative(f) and _is_dative(nxt))  # "jaunajiem lauksaimniekiem"
            ):
                close(i + 1)
    close(n)
    return out


def clean_name(value: object) -> str | None:
    """The cleaned name, or None for a value that is not a usable name (empty, not text, no letters)."""
    if not isinstance(value, str):
        return None
    t = clean_input(value, max_chars=500)
    if not any(c.isalpha() for c in t):
        return None
    return t
