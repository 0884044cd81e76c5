"""Angļu valodas termins nosaukumā. / An English term in the name.

## Kāpēc tas ir slikti?
Pakalpojumu nosaukumi ir oficiāls latviešu teksts latviešu lietotājiem; "helpdesk", "online" vai
"SLA" vietā ir latviešu termini (atbalsta dienests, tiešsaistes, pakalpojuma līmeņa vienošanās — tā, kā tos
raksta vadlīnijas, 002: „veidojot valstī vienotu pakalpojumu pārvaldības vidi, ir izmantojami termini latviešu
valodā”). Vārds ir angļu, ja tas ir pārbaudītāja angļu terminu sarakstā (ar latviešu terminu) vai ja
latviešu valodas vārdnīcā tā nav un angļu tekstos tas sastopams daudz biežāk nekā latviešu ("Parking", "startup").

## Piemērs
    Helpdesk nodrošināšana VARAM resora iestādēm

## Labāk
    Atbalsta dienesta nodrošināšana VARAM resora iestādēm

## Labojums
Latviešu termins ir norādīts ziņojumā; nosaukums parasti jāpārfrāzē, tāpēc automātiska labojuma nav.

## Why is this bad?
Service names are official Latvian text for Latvian users; "helpdesk", "online" or "SLA" have Latvian terms
(atbalsta dienests, tiešsaistes, pakalpojuma līmeņa vienošanās, as the policy writes them, 002: "veidojot
valstī vienotu pakalpojumu pārvaldības vidi, ir izmantojami termini latviešu valodā"). A word is English when
it is in linter/data/english_terms.txt (with its Latvian term) or when hunspell-lv does not know it and
wordfreq finds it clearly more often in English than in Latvian ("Parking", "startup").

## Example
    Helpdesk nodrošināšana VARAM resora iestādēm

## Use instead
    Atbalsta dienesta nodrošināšana VARAM resora iestādēm

## Fix
The Latvian term is given in the message; the name usually needs rewording, so no automatic fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from linter.model import Category, Finding, ServiceName, Severity
from linter.nlp import english_word
from linter.rules._util import data_map, finding, fold_word

CODE = "T006"
NAME = "english-term"
CATEGORY = Category.STYLE
SEVERITY = Severity.WARNING
SOURCE = "002: veidojot valstī vienotu pakalpojumu pārvaldības vidi, ir izmantojami termini latviešu valodā"
BAD = ["Helpdesk nodrošināšana VARAM resora iestādēm", "Online karjeras konsultēšana jauniešiem",
       "Shuttle autobusa nodrošināšana lidostā"]
GOOD = ["Karjeras konsultēšana jauniešiem", "Video novērošanas sistēmas uzstādīšana", "eID kartes izsniegšana"]


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(k.split()[0] for k in data_map("english_terms.txt"))


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    terms = data_map("english_terms.txt")
    if name.context.extra_english_terms:
        terms = {**terms, **{fold_word(t): "" for t in name.context.extra_english_terms}}
    folded = list(p.folded)
    firsts = _first_words() if not name.context.extra_english_terms else {k.split()[0] for k in terms}
    if not firsts.intersection(folded):
        found = [t for t, x in zip(p.tokens, p.infos) if not x.known and x.pos not in ("ABBR", "NUM")
                 and not any(c.isupper() for c in t[1:]) and english_word(t)]
        if found:
            words = ", ".join(f"\"{t}\"" for t in found)
            if len(found) == 1:
                yield finding(__name__, f"Angļu vārds {words}; lietojiet latviešu terminu",
                              f"English word {words}; use the Latvian term")
            else:
                yield finding(__name__, f"Angļu vārdi {words}; lietojiet latviešu terminus",
                              f"English words {words}; use the Latvian terms")
        return
    for i, f in enumerate(folded):
        for n in (2, 1):
            key = " ".join(folded[i:i + n])
            if len(folded[i:i + n]) == n and key in terms:
                lv = terms[key]
                hint = f" (latviski: {lv})" if lv else ""
                yield finding(__name__, f"Angļu termins \"{' '.join(p.tokens[i:i + n])}\"{hint}",
                              f"English term \"{' '.join(p.tokens[i:i + n])}\"{' (in Latvian: ' + lv + ')' if lv else ''}")
                break
