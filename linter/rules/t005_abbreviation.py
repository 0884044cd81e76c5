"""Neatšifrēts saīsinājums. / Unexplained abbreviation.

## Kāpēc tas ir slikti?
Pakalpojuma nosaukumu lasa cilvēki, kuri nezina iestādes žargonu: "IIN pārmaksas atmaksa" vai
"NĪN atvieglojumi" publiskajā katalogā nav saprotami. Termini, ko lieto pašas vadlīnijas (IKT, ES), ir atļauti
jebkur. Iestāžu saīsinājumi (VARAM, VID) var nosaukt saņēmējus vai vietu aiz darbības, kā tas ir vadlīniju
piemērā ("Infrastruktūras uzturēšana VARAM resora iestādēm"), bet ne objektu, kas pasaka, ko sniedz
("VDEĀVK atzinuma izsniegšana"). Ar allow_abbreviations konfigurācijā saīsinājumu var atļaut jebkur.

## Piemērs
    PVN maksātāju reģistrācija

## Labāk
    Pievienotās vērtības nodokļa maksātāju reģistrācija

## Labojums
Ieteikums (jāpārbauda), ja pārbaudītājs zina saīsinājuma atšifrējumu.

## Why is this bad?
A service name is read by people who do not know the institution's jargon: "IIN pārmaksas atmaksa" or
"NĪN atvieglojumi" are opaque in the public catalogue. Terms the guidance itself uses (IKT, ES;
linter/data/abbreviations_terms.txt) are allowed anywhere. Institution acronyms (VARAM, VID;
linter/data/abbreviations_allowed.txt) may name the recipients or the place after the action, as the policy's
own example does ("Infrastruktūras uzturēšana VARAM resora iestādēm"), but not the object, which says what is
provided ("VDEĀVK atzinuma izsniegšana"). allow_abbreviations in the configuration allows an acronym anywhere.

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
from linter.rules._util import cap, caps_share, data_map, data_set, finding, fold_word, known_abbreviations

CODE = "T005"
NAME = "unexplained-abbreviation"
CATEGORY = Category.STYLE
SEVERITY = Severity.WARNING
SOURCE = "Nosaukums saprotams pakalpojuma saņēmējam (002: pakalpojums apmierina pakalpojuma saņēmēja vajadzības)"
BAD = ["PVN maksātāju reģistrācija", "IIN pārmaksas atmaksa iedzīvotājiem", "NĪN atvieglojumu piešķiršana pensionāriem",
       "CSDD reģistrācijas apliecības dublikāta izsniegšana"]
GOOD = ["Infrastruktūras uzturēšana VARAM resora iestādēm", "Nodokļu deklarācijas pieņemšana VID",
        "Garantētā minimālā ienākuma (GMI) pabalsta piešķiršana"]

_ABBR = re.compile(r"^[A-ZĀČĒĢĪĶĻŅŠŪŽ]{2,7}$|^[A-ZĀČĒĢĪĶĻŅŠŪŽ][a-zāčēģīķļņšūž]?[A-ZĀČĒĢĪĶĻŅŠŪŽ]{1,5}$")


@lru_cache(maxsize=1)
def _expand() -> dict[str, str]:
    return {k.upper(): v for k, v in data_map("abbreviations_expand.tsv").items()}


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    if not any(_ABBR.match(t) for t in p.tokens):
        return
    anywhere = data_set("abbreviations_terms.txt")
    if name.context.allow_abbreviations:
        anywhere = anywhere | {fold_word(a) for a in name.context.allow_abbreviations}
    institutions = data_set("abbreviations_allowed.txt")
    share, caps_words = caps_share(p, known_abbreviations() | anywhere)
    if caps_words >= 2 and share >= 0.75:
        return  # ALL CAPS name: T004
    expand = _expand()
    # the object (before the action; the whole name when there is none) says what is provided: an acronym
    # there must be spelled out; after the action an institution's acronym may name recipients or the place
    obj = set(p.object_indices) if p.action_index is not None else set(range(len(p.tokens)))
    explained = {m.group(1) for m in re.finditer(r"\(\s*([^\W\d_]{2,7})\s*\)", p.text)}
    for i, tok in enumerate(p.tokens):
        if not _ABBR.match(tok) or tok in explained:
            continue  # "Garantētā minimālā ienākuma (GMI) pabalsts": explained where it stands
        f = fold_word(tok)
        if f in anywhere or (f in institutions and i not in obj):
            continue
        full = expand.get(tok.upper()) or expand.get(fold_word(tok).upper())
        suggestion = None
        if full:
            suggestion = cap(re.sub(rf"(?<!\w){re.escape(tok)}(?!\w)", full, p.text, count=1))
        yield finding(__name__, f"Saīsinājums \"{tok}\" nav atšifrēts", f"The abbreviation \"{tok}\" is not spelled out",
                      suggestion)
