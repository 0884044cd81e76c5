"""Nosaukums rakstīts ar lielajiem burtiem. / The name is in ALL CAPS.

## Kāpēc tas ir slikti?
Lielie burti izskatās pēc kliegšanas, tos ir grūtāk lasīt, un tie slēpj, kuri vārdi ir
saīsinājumi; katalogos un pakalpojumu sarakstā nosaukumus raksta kā teikumu (002 piemēri).

## Piemērs
    TRANSPORTLĪDZEKĻU REĢISTRĀCIJA UN UZSKAITE

## Labāk
    Transportlīdzekļu reģistrācija un uzskaite

## Labojums
Ieteikums (jāpārbauda): teikuma rakstība, atļautos saīsinājumus (VARAM, VID u.c.) atstājot ar lielajiem
burtiem.

## Why is this bad?
Capitals read as shouting, are harder to read and hide which words are acronyms; catalogues and the
service list write names in sentence case (002 examples).

## Example
    TRANSPORTLĪDZEKĻU REĢISTRĀCIJA UN UZSKAITE

## Use instead
    Transportlīdzekļu reģistrācija un uzskaite

## Fix
Suggestion (unsafe): sentence case, keeping allowed acronyms (VARAM, VID, ...) in capitals.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import cap, data_set, finding, fold_word

CODE = "T004"
NAME = "all-caps"
CATEGORY = Category.STYLE
SEVERITY = Severity.WARNING
SOURCE = "002: Pakalpojuma nosaukums: Semināru organizēšana nevalstisko organizāciju pārstāvjiem (example form)"
BAD = ["TRANSPORTLĪDZEKĻU REĢISTRĀCIJA UN UZSKAITE", "IESTĀDES LIETVEDĪBAS NODROŠINĀŠANA"]
GOOD = ["IKT infrastruktūras uzturēšana VARAM resora iestādēm"]


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    words = [t for t in p.tokens if any(c.isalpha() for c in t)]
    upper = [t for t in words if t.isupper() and len(t) > 1]
    allowed = data_set("abbreviations_allowed.txt") | {fold_word(a) for a in name.context.allow_abbreviations}
    long_upper = [t for t in upper if fold_word(t) not in allowed]
    if len(words) >= 2 and len(upper) == len(words) and len(long_upper) >= 2:
        fixed = " ".join(t if fold_word(t) in allowed else t.lower() for t in p.text.split(" "))
        yield finding(__name__, "Nosaukums rakstīts tikai ar lielajiem burtiem", "The name is written in capitals",
                      cap(fixed))
