"""Iespējama pareizrakstības kļūda. / Possible misspelling.

## Kāpēc tas ir slikti?
Nosaukums ar drukas kļūdu ("Transportlīdzekļa reģistācija") publiskajā katalogā izskatās pavirši,
un to neatrod meklēšana. Vārds ir pareizs, ja tas ir latviešu valodas vārdnīcā (īpašvārds ar lielo burtu:
"Eiropas", "Šengenas"), ja tas ir nozares vārdu sarakstā (administrators to var
papildināt konfigurācijā) vai vadlīniju dokumentu vārdos, ja tas ir
latviešu vārdu biežuma sarakstā vai ja tas ir salikts no zināmām daļām ("muzejpedagoģisko",
"treniņnodarbību"). Saīsinājumus, vārdus ar lielo burtu vidū ("eID") un angļu vārdus (tos nosauc T006)
nepārbauda. Ja serverī nav latviešu valodas vārdnīcas, noteikums nedarbojas.

## Piemērs
    Personas apliecības izsniegšna

## Labāk
    Personas apliecības izsniegšana

## Labojums
Ieteikums (jāpārbauda): tuvākais esošais vārds, biežāk lietotais vispirms ("pieširšana" → "piešķiršana");
ieteikuma nav, ja vārdnīca nepiedāvā vienu esošu vārdu.

## Why is this bad?
A misspelt name ("Transportlīdzekļa reģistācija") looks careless in the public catalogue and is not found
by search. A word counts as correct when Debian's hunspell-lv knows it (a proper noun with its capital:
"Eiropas", "Šengenas"), when it is in the domain word list (linter/data/extra_words.txt; extend with
extra_words in the configuration) or among the words of the guidance documents (linter/data/corpus_words.txt),
when wordfreq's Latvian frequency list has it, or when it is a compound of known parts ("muzejpedagoģisko",
"treniņnodarbību"). Acronyms, words with a capital inside ("eID") and English words (T006 names those) are
not checked. The rule is inactive when hunspell-lv is not installed.

## Example
    Personas apliecības izsniegšna

## Use instead
    Personas apliecības izsniegšana

## Fix
Suggestion (unsafe): the closest existing word, the more frequent one first ("pieširšana" → "piešķiršana");
no suggestion when hunspell offers no single existing word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from linter.model import Category, Finding, ServiceName, Severity
from linter.nlp import english_word, hunspell_available, known_word, ranked_suggestions
from linter.rules._util import data_map, finding, fold_word

CODE = "L002"
NAME = "misspelling"
CATEGORY = Category.SPELLING
SEVERITY = Severity.WARNING
SOURCE = "Latviešu valodas pareizrakstība (vārdnīca un vārdu biežuma saraksts)"
BAD = ["Personas apliecības izsniegšna", "Transportlīdzekļa reģistācija Latvijā", "Bezdarbnieka statusa pieširšana"]
GOOD = ["Personas apliecības izsniegšana", "Autobusu pārvadājumu nodrošināšana maršrutā Rīga-Ogre-Lielvārde",
        "Ūdenssaimniecības projektu līdzfinansēšana pašvaldībām", "Eiropas veselības apdrošināšanas kartes izsniegšana",
        "Muzejpedagoģisko nodarbību organizēšana skolēniem", "eID kartes izsniegšana"]


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    return frozenset(w for k in data_map("english_terms.txt") for w in k.split())


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _known(word: str, extra: frozenset[str]) -> bool:
    low = word.lower()
    if fold_word(low) in extra or known_word(word):
        return True
    if "-" in low:
        return all(not part or known_word(part) or fold_word(part) in extra or len(part) == 1
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
        if any(c.isupper() for c in tok[1:]):
            continue  # "eID", "eParaksts": a brand or acronym, not a dictionary word
        if len(tok) <= 2 or _known(tok, extra) or english_word(tok):
            continue
        sugg = ranked_suggestions(tok.lower())
        best = sugg[0] if sugg else None
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
    head = "Vārds nav atrasts" if len(bad) == 1 else "Vārdi nav atrasti"
    yield finding(__name__, f"{head} vārdnīcā: {lv}{more}", f"Not in the dictionary: {en}{more}",
                  fixed if any(b for _, b in bad) else None)
