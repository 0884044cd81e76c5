"""Neatšifrēts saīsinājums. / Unexplained abbreviation.

## Kāpēc tas ir slikti?
Pakalpojuma nosaukumu lasa cilvēki, kuri nezina iestādes žargonu: "IIN pārmaksas atmaksa" vai
"NĪN atvieglojumi" publiskajā katalogā nav saprotami. Visiem zināmi iestāžu saīsinājumi (VARAM, VID) un
termini, ko lieto pašas vadlīnijas (IKT), ir atļauti (linter/data/abbreviations_allowed.txt; papildiniet ar
allow_abbreviations konfigurācijā).

## Piemērs
    PVN maksātāju reģistrācija

## Labāk
    Pievienotās vērtības nodokļa maksātāju reģistrācija

## Labojums
Ieteikums (jāpārbauda), ja saīsinājums ir failā linter/data/abbreviations_expand.tsv.

## Why is this bad?
A service name is read by people who do not know the institution's jargon: "IIN pārmaksas atmaksa" or
"NĪN atvieglojumi" are opaque in the public catalogue. Institution acronyms everyone knows (VARAM, VID) and
terms the policy itself uses (IKT) are allowed (linter/data/abbreviations_allowed.txt; extend it with
allow_abbreviations in the configuration).

## Example
    PVN maksātāju reģistrācija

## Use instead
    Pievienotās vērtības nodokļa maksātāju reģistrācija

## Fix
Suggestion (unsafe) when the abbreviation is in linter/data/abbreviations_expand.tsv.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import cap, data_map, data_set, finding, fold_word

CODE = "T005"
NAME = "unexplained-abbreviation"
CATEGORY = Category.STYLE
SEVERITY = Severity.WARNING
SOURCE = "Nosaukums saprotams pakalpojuma saņēmējam (002: pakalpojums apmierina pakalpojuma saņēmēja vajadzības)"
BAD = ["PVN maksātāju reģistrācija", "IIN pārmaksas atmaksa iedzīvotājiem", "NĪN atvieglojumu piešķiršana pensionāriem"]
GOOD = ["Infrastruktūras uzturēšana VARAM resora iestādēm", "Nodokļu deklarācijas pieņemšana VID"]

_ABBR = re.compile(r"^[A-ZĀČĒĢĪĶĻŅŠŪŽ]{2,7}$|^[A-ZĀČĒĢĪĶĻŅŠŪŽ][a-zāčēģīķļņšūž]?[A-ZĀČĒĢĪĶĻŅŠŪŽ]{1,5}$")


@lru_cache(maxsize=1)
def _expand() -> dict[str, str]:
    return {k.upper(): v for k, v in data_map("abbreviations_expand.tsv").items()}


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    words = [t for t in p.tokens if any(c.isalpha() for c in t)]
    if words and all(t.isupper() for t in words) and len(words) >= 2:
        return  # ALL CAPS name: T004
    allowed = data_set("abbreviations_allowed.txt") | {fold_word(a) for a in name.context.allow_abbreviations}
    expand = _expand()
    for tok in p.tokens:
        if not _ABBR.match(tok) or fold_word(tok) in allowed:
            continue
        full = expand.get(tok.upper()) or expand.get(fold_word(tok).upper())
        suggestion = None
        if full:
            suggestion = cap(re.sub(rf"(?<!\w){re.escape(tok)}(?!\w)", full, p.text, count=1))
        yield finding(__name__, f"Saīsinājums \"{tok}\" nav atšifrēts", f"The abbreviation \"{tok}\" is not spelled out",
                      suggestion)
