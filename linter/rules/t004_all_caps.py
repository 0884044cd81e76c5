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
from linter.rules._util import cap, caps_share, finding, fold_word, known_abbreviations

CODE = "T004"
NAME = "all-caps"
CATEGORY = Category.STYLE
SEVERITY = Severity.WARNING
SOURCE = "002: Pakalpojuma nosaukums: Semināru organizēšana nevalstisko organizāciju pārstāvjiem (vadlīniju piemērs)"
BAD = ["TRANSPORTLĪDZEKĻU REĢISTRĀCIJA UN UZSKAITE", "IESTĀDES LIETVEDĪBAS NODROŠINĀŠANA",
       "SAISTOŠIE NOTEIKUMI Nr. 12 PAR PABALSTIEM", "PAKALPOJUMU SARAKSTS 2024. gadam"]
GOOD = ["IKT infrastruktūras uzturēšana VARAM resora iestādēm", "PVN maksātāju reģistrācija"]


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    allowed = known_abbreviations()
    if name.context.allow_abbreviations:
        allowed = allowed | {fold_word(a) for a in name.context.allow_abbreviations}
    share, caps_words = caps_share(p, allowed)
    # mostly capitals: a title or a heading pasted as a name ("SAISTOŠIE NOTEIKUMI Nr. 5", "PASES IZSNIEGŠANA")
    if caps_words >= 2 and share >= 0.75:
        fixed = " ".join(t if fold_word(t) in allowed else t.lower() for t in p.text.split(" "))
        yield finding(__name__, "Nosaukums rakstīts tikai ar lielajiem burtiem", "The name is written in capitals",
                      cap(fixed))
