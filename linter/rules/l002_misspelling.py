"""Iespējama pareizrakstības kļūda. / Possible misspelling.

## Kāpēc tas ir slikti?
Nosaukums ar drukas kļūdu ("Transportlīdzekļa reģistācija") publiskajā katalogā izskatās pavirši,
un to neatrod meklēšana. Vārdus pārbauda ar Debian hunspell-lv vārdnīcu un nozares vārdiem, kuru tajā nav
(linter/data/extra_words.txt; papildiniet ar extra_words konfigurācijā). Vārdus ar lielo sākumburtu nosaukuma
vidū (īpašvārdus) un saīsinājumus nepārbauda. Ja hunspell-lv nav instalēta, noteikums nedarbojas.

## Piemērs
    Personas apliecības izsniegšna

## Labāk
    Personas apliecības izsniegšana

## Labojums
Ieteikums (jāpārbauda): hunspell pirmais ieteiktais vārds.

## Why is this bad?
A misspelt name ("Transportlīdzekļa reģistācija") looks careless in the public catalogue and is not found
by search. Words are checked with Debian's hunspell-lv dictionary plus the domain words it lacks
(linter/data/extra_words.txt; extend with extra_words in the configuration). Capitalised words inside the
name (proper names) and acronyms are not checked. The rule is inactive when hunspell-lv is not installed.

## Example
    Personas apliecības izsniegšna

## Use instead
    Personas apliecības izsniegšana

## Fix
Suggestion (unsafe): hunspell's first suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from linter.model import Category, Finding, ServiceName, Severity
from linter.nlp import hunspell_available, spelled, suggestions
from linter.rules._util import data_map, finding, fold_word

CODE = "L002"
NAME = "misspelling"
CATEGORY = Category.SPELLING
SEVERITY = Severity.WARNING
SOURCE = "Latviešu valodas pareizrakstība (hunspell-lv)"
BAD = ["Personas apliecības izsniegšna", "Transportlīdzekļa reģistācija Latvijā"]
GOOD = ["Personas apliecības izsniegšana", "Autobusu pārvadājumu nodrošināšana maršrutā Rīga-Ogre-Lielvārde",
        "Ūdenssaimniecības projektu līdzfinansēšana pašvaldībām"]


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    return frozenset(w for k in data_map("english_terms.txt") for w in k.split())


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_COMBINING = ("energo", "bio", "eko", "auto", "foto", "tele", "elektro", "termo", "hidro", "mikro", "makro",
              "multi", "inter", "starp", "pirms", "pēc", "virs", "zem", "līdz", "daudz", "maz", "liel", "pus", "paš",
              "kop", "bez", "vis", "vien", "divu", "trīs", "būv", "ūdens", "siltum", "dzīv", "valst", "pašvaldīb",
              "e-", "re", "pār", "pirm", "ārpus", "iekš", "jaun", "vec", "pamat", "augst", "zemes", "meža", "darba",
              "surdo", "video", "audio", "radio", "agro", "ģeo", "kino", "mono", "poli", "super", "ultra", "eiro",
              "pret", "kopīg", "lauk", "jūr", "ceļ", "dzelzceļ", "gāz", "naft", "siltum", "enerģ")
_LINKS = ("", "s", "a", "e", "u", "is", "us", "š", "ju", "as", "es")


@lru_cache(maxsize=20_000)
def _compound(low: str) -> bool:
    """A Latvian compound of known parts ("energosertifikāta", "daudzdzīvokļu", "ūdenssaimniecības")."""
    if len(low) > 40:
        return False
    for i in range(3, len(low) - 3):
        head, tail = low[:i], low[i:]
        if not spelled(tail) or len(tail) < 4:
            continue
        if head in _COMBINING or any(spelled(head + link) for link in _LINKS):
            return True
    return False


def _best_suggestion(word: str) -> str | None:
    """hunspell's suggestions re-ranked: fewest edits, then the same last letter (the case ending)."""
    sugg = [x for x in suggestions(word) if " " not in x] or list(suggestions(word))
    if not sugg:
        return None
    from rapidfuzz.distance import Levenshtein

    dist = Levenshtein.distance
    return min(sugg, key=lambda s: (dist(s.lower(), word), s[-1:] != word[-1:], sugg.index(s)))


def _known(word: str, extra: frozenset[str]) -> bool:
    low = word.lower()
    if fold_word(low) in extra or spelled(low) or _compound(low):
        return True
    if "-" in low:
        return all(not part or spelled(part) or fold_word(part) in extra or len(part) == 1
                   for part in low.split("-"))
    return False


def check(name: ServiceName) -> Iterator[Finding]:
    if not hunspell_available():
        return
    p = name.parsed
    extra = _english()
    if name.context.extra_words or name.context.extra_english_terms:
        extra = extra | frozenset(fold_word(w) for w in (*name.context.extra_words, *name.context.extra_english_terms))
    fixed = p.text
    bad: list[tuple[str, str | None]] = []
    for i, (tok, info) in enumerate(zip(p.tokens, p.infos)):
        if info.known or info.restored or info.pos in ("NUM", "ABBR", "ADP", "CCONJ"):
            continue
        if len(tok) > 40 or not _WORD.fullmatch(tok):
            continue  # not a word (a pasted blob is reported by N001 and the input check)
        if i > 0 and tok[:1].isupper():
            continue
        if len(tok) <= 2 or _known(info.form, extra):
            continue
        best = _best_suggestion(tok.lower())
        if best:
            best = best[:1].upper() + best[1:] if tok[:1].isupper() else best
            fixed = re.sub(rf"(?<!\w){re.escape(tok)}(?!\w)", best, fixed, count=1)
        bad.append((tok, best))
    if not bad:
        return
    shown = bad[:5]
    lv = ", ".join(f"\"{t}\"" + (f" (varbūt \"{b}\"?)" if b else "") for t, b in shown)
    en = ", ".join(f"\"{t}\"" + (f" (did you mean \"{b}\"?)" if b else "") for t, b in shown)
    more = f" (+{len(bad) - 5})" if len(bad) > 5 else ""
    yield finding(__name__, f"Vārdi nav atrasti vārdnīcā: {lv}{more}", f"Not in the dictionary: {en}{more}",
                  fixed if any(b for _, b in bad) else None)
