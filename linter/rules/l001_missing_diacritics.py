"""Trūkst garumzīmju vai mīkstinājuma zīmju. / Latvian diacritics are missing.

## Kāpēc tas ir slikti?
Nosaukums bez garumzīmēm un mīkstinājuma zīmēm ("Buvatlaujas izsniegsana") ir kļūdains latviešu
teksts: to ir grūti lasīt, to neatrod meklēšana, kurā vārds ierakstīts pareizi, un tas bojā pakalpojumu
katalogu. Noteikums atjauno katru vārdu pēc vārdnīcas bez diakritiskajām zīmēm (vadlīniju dokumentu vārdi un
pārbaudītāja vārdu saraksti), pēc tam pēc latviešu valodas vārdnīcas; ja serverī tās nav, noteikums
nedarbojas.

## Piemērs
    Buvatlaujas izsniegsana juridiskam personam

## Labāk
    Būvatļaujas izsniegšana juridiskām personām

## Labojums
Ieteikums (jāpārbauda): atjaunotais nosaukums; ja vārdu var atjaunot vairākos veidos, izvēlēts variants ar
mazāko pievienoto zīmju skaitu.

## Why is this bad?
Names written without diacritics ("Buvatlaujas izsniegsana") are misspelt Latvian: they are hard to read,
are not found by a search typed correctly and break the catalogue. The rule restores each word by a folded
lookup (the guidance documents' vocabulary and the linter's word lists), then by hunspell-lv; it is inactive
when hunspell-lv is not installed.

## Example
    Buvatlaujas izsniegsana juridiskam personam

## Use instead
    Būvatļaujas izsniegšana juridiskām personām

## Fix
Suggestion (unsafe): the restored name; an ambiguous word gets the form with the fewest added marks.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.nlp import hunspell_available
from linter.rules._util import finding

CODE = "L001"
NAME = "missing-diacritics"
CATEGORY = Category.SPELLING
SEVERITY = Severity.WARNING
SOURCE = "Latviešu valodas pareizrakstība (valsts valodas lietojums oficiālos tekstos)"
BAD = ["Buvatlaujas izsniegsana juridiskam personam", "Konsultacijas par bezdarbnieka statusa iegusanu"]
GOOD = ["Būvatļaujas izsniegšana juridiskām personām"]


def check(name: ServiceName) -> Iterator[Finding]:
    if not hunspell_available():
        return
    p = name.parsed
    words = [t for t, x in zip(p.tokens, p.infos) if x.restored and x.pos not in ("ABBR", "NUM")]
    if not words:
        return
    yield finding(__name__, f"Trūkst garumzīmju vai mīkstinājuma zīmju: {', '.join(words)}",
                  f"Latvian diacritics are missing: {', '.join(words)}", p.restored_text())
