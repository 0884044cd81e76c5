"""Kanāls vai tehnoloģija pakalpojuma nosaukumā. / A channel or technology word in the name.

## Kāpēc tas ir slikti?
Vienu pakalpojumu sniedz pa vairākiem kanāliem (klātienē, pa pastu, tiešsaistē); kanāls pieder
pakalpojuma aprakstam, nevis nosaukumam, citādi viens pakalpojums pārvēršas vairākos ierakstos („nav veidoti
kā pēc būtības viena pakalpojuma vairākas variācijas”, 002). E-lietotne vai e-forma ir rīks, nevis
e-pakalpojums (e-lietotne ≠ e-pakalpojums).

## Piemērs
    Būvatļaujas izsniegšana tiešsaistē
    e-pakalpojums Laulības reģistrācija

## Labāk
    Būvatļaujas izsniegšana

## Labojums
Ieteikums (jāpārbauda): kanāla vārdus izņem.

## Why is this bad?
One service is provided through several channels (in person, by post, online); the channel belongs to the
service description, not to its name, otherwise one service turns into several entries ("nav veidoti kā pēc
būtības viena pakalpojuma vairākas variācijas", 002). An e-app or e-form is a tool, not an e-service
(e-lietotne ≠ e-pakalpojums).

## Example
    Būvatļaujas izsniegšana tiešsaistē
    e-pakalpojums Laulības reģistrācija

## Use instead
    Būvatļaujas izsniegšana

## Fix
Suggestion (unsafe): drop the channel words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import cap, data_set, finding, fold_word

CODE = "T007"
NAME = "channel-in-name"
CATEGORY = Category.STYLE
SEVERITY = Severity.WARNING
SOURCE = "002: nav veidoti kā pēc būtības viena pakalpojuma vairākas variācijas (atkarībā no dažādiem nosacījumiem)"
BAD = ["Būvatļaujas izsniegšana tiešsaistē", "Izziņu izsniegšana elektroniski un klātienē",
       "Pieteikšanās e-pakalpojumā Latvija.gov.lv"]
GOOD = ["Būvatļaujas izsniegšana", "Elektroenerģijas pieslēguma nodrošināšana"]

# e-words that name what is provided, not a channel ("E-adreses konta izveide")
_E_PRODUCTS = ("e-adres", "e-parakst", "e-talon")
_URL = re.compile(r"(?:www\.|\.lv\b|\.gov\b|https?:)", re.I)


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    channels = data_set("channel_words.txt") | {fold_word(w) for w in name.context.extra_channel_words}
    hits = [i for i, f in enumerate(p.folded)
            if (f in channels or (f.startswith("e-") and len(f) > 3) or _URL.search(p.tokens[i]))
            and not f.startswith(_E_PRODUCTS)]
    if not hits:
        return
    words = ", ".join(p.tokens[i] for i in hits)
    keep = [t for i, t in enumerate(p.tokens) if i not in hits]
    while keep and fold_word(keep[-1]) in ("un", "vai", "ar", "caur", "par"):
        keep.pop()
    keep = [t for j, t in enumerate(keep) if not (fold_word(t) in ("un", "vai") and
                                                  (j + 1 == len(keep) or fold_word(keep[j + 1]) in ("un", "vai")))]
    # dropping is only safe for a channel qualifier after the action ("... tiešsaistē", "... elektroniski");
    # an e-word that is the head or the object ("e-forma", "e-pakalpojumu lietošanā") needs rewording
    removable = p.action_index is not None and all(
        i in p.qualifier_indices and (p.folded[i] in channels or _URL.search(p.tokens[i])) and
        not p.infos[i].can_be("gen") for i in hits)
    suggestion = cap(" ".join(keep)) if keep and removable else None
    yield finding(__name__, f"Kanāls vai tehnoloģija nosaukumā: {words}",
                  f"Channel or technology word in the name: {words}", suggestion)
