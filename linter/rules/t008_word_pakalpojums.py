"""Vārds "pakalpojums" nosaukumā. / The word "pakalpojums" in the name.

## Kāpēc tas ir slikti?
Katrs saraksta ieraksts ir pakalpojums; vārds neko nepievieno un parasti stāv tur, kur jābūt
darbībai ("Bibliotēkas pakalpojums lasītājiem"). Nosaukums pasaka, ko dara sniedzējs (002: „Pakalpojuma
nosaukums raksturo, ko dara pakalpojuma sniedzējs”). Pakalpojumi kā temats ("konsultācijas par
pakalpojumiem") ir noteikumu par to, kas nav pakalpojums, ziņā, tāpat precizējums aiz darbības, kas nosauc
citus pakalpojumus ("Klientu apkalpošanas nodrošināšana citu iestāžu pakalpojumiem").

## Piemērs
    Sociālās aprūpes pakalpojumu nodrošināšana mājās

## Labāk
    Sociālās aprūpes nodrošināšana mājās

## Labojums
Ieteikums (jāpārbauda): vārdu izņem, ja darbība paliek.

## Why is this bad?
Every entry of the list is a service; the word adds nothing and usually stands where the action should be
("Bibliotēkas pakalpojums lasītājiem"). The name says what the provider does (002: "Pakalpojuma
nosaukums raksturo, ko dara pakalpojuma sniedzējs"). Mentioning services as a topic ("konsultācijas par
pakalpojumiem") is left to the non-service rules, and so is a qualifier after the action that names other
services ("Klientu apkalpošanas nodrošināšana citu iestāžu pakalpojumiem").

## Example
    Sociālās aprūpes pakalpojumu nodrošināšana mājās

## Use instead
    Sociālās aprūpes nodrošināšana mājās

## Fix
Suggestion (unsafe): drop the word when an action remains.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import cap, finding, fold_word

CODE = "T008"
NAME = "word-pakalpojums"
CATEGORY = Category.STYLE
SEVERITY = Severity.WARNING
SOURCE = "002: Pakalpojuma nosaukums raksturo, ko dara pakalpojuma sniedzējs"
BAD = ["Sociālās aprūpes pakalpojumu nodrošināšana mājās", "Bibliotēkas pakalpojums lasītājiem"]
GOOD = [
    "Sociālās aprūpes nodrošināšana mājās",
    "Konsultācijas par iestādes pakalpojumiem",
    "Klientu apkalpošanas nodrošināšana citu iestāžu pakalpojumiem",
]


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    after_par = False
    for i, info in enumerate(p.infos):
        if info.folded == "par":
            after_par = True
        if info.folded.startswith("e-"):
            continue  # "e-pakalpojums" is a channel word: T007
        if fold_word(info.lemma) == "pakalpojums" or info.folded.startswith("pakalpojum"):
            if after_par:
                return
            if p.action_index is not None and i > p.action_index and i in p.qualifier_indices:
                return  # the qualifier names other services ("… citu iestāžu pakalpojumiem"): not a label
            keep = [t for j, t in enumerate(p.tokens) if j != i]
            has_object = any(p.infos[j].pos in ("NOUN", "PROPN", "ABBR") for j in p.object_indices if j != i)
            suggestion = cap(" ".join(keep)) if p.action_index is not None and keep and (
                i not in p.object_indices or has_object) and not (i > 0 and p.infos[i - 1].deverbal) else None
            yield finding(__name__, f"Vārds \"{p.tokens[i]}\" nosaukumā ir lieks", f"The word \"{p.tokens[i]}\" is redundant",
                          suggestion)
            return
