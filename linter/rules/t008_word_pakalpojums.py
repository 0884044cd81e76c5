"""Vārds "pakalpojums" kā etiķete nosaukumā. / The word "pakalpojums" used as a label.

## Kāpēc tas ir slikti?
Katrs saraksta ieraksts ir pakalpojums; nosaukums pasaka, ko dara sniedzējs (002: „Pakalpojuma
nosaukums raksturo, ko dara pakalpojuma sniedzējs”). Vārds "pakalpojums" kā etiķete neko nepievieno un parasti
stāv tur, kur jābūt darbībai: virsraksts nosaukuma priekšā ("Pakalpojums – kapavietas piešķiršana",
"Pakalpojums "..."") vai galvenais vārds nosaukumā bez savas darbības ("Bibliotēkas pakalpojums lasītājiem",
"Pabalstu izmaksas pakalpojums").

Tā nav etiķete, ja "pakalpojums" ir sniedzēja darbības objektā un ir daļa no tā, ko sniedz, — bieži likumā
noteikts vai citas iestādes pakalpojums ("Asistenta pakalpojuma piešķiršana", "Sociālās aprūpes pakalpojumu
nodrošināšana"); precizējums, kas nosauc citus pakalpojumus ("... citu iestāžu pakalpojumiem"); temats
("konsultācijas par pakalpojumiem" vērtē noteikumi par to, kas nav pakalpojums).

## Piemērs
    Pakalpojums – kapavietas piešķiršana
    Bibliotēkas pakalpojums lasītājiem

## Labāk
    Kapavietas piešķiršana
    Grāmatu izsniegšana lasītājiem

## Labojums
Ieteikums (jāpārbauda): virsraksta etiķeti izņem; nosaukums bez darbības jāpārfrāzē.

## Why is this bad?
Every entry of the list is a service; the name says what the provider does (002: "Pakalpojuma nosaukums
raksturo, ko dara pakalpojuma sniedzējs"). "Pakalpojums" used as a label adds nothing and usually stands
where the action should be: a heading in front of the name ("Pakalpojums – kapavietas piešķiršana",
"Pakalpojums \"...\""), or the head of a name that has no action of its own ("Bibliotēkas pakalpojums
lasītājiem", "Pabalstu izmaksas pakalpojums").

Not a label: "pakalpojums" inside the object of a provider's action, where it is part of the name of what is
provided, often a service defined in law or another institution's service ("Asistenta pakalpojuma
piešķiršana", "Sociālās aprūpes pakalpojumu nodrošināšana"); a qualifier naming other services ("...
citu iestāžu pakalpojumiem"); a topic ("konsultācijas par pakalpojumiem", left to the non-service rules).

## Example
    Pakalpojums – kapavietas piešķiršana
    Bibliotēkas pakalpojums lasītājiem

## Use instead
    Kapavietas piešķiršana
    Grāmatu izsniegšana lasītājiem

## Fix
Suggestion (unsafe): drop a heading label; a head without an action needs rewording.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import cap, finding, fold_word

CODE = "T008"
NAME = "word-pakalpojums"
CATEGORY = Category.STYLE
SEVERITY = Severity.WARNING
SOURCE = "002: Pakalpojuma nosaukums raksturo, ko dara pakalpojuma sniedzējs"
BAD = ["Pakalpojums – kapavietas piešķiršana", "Bibliotēkas pakalpojums lasītājiem",
       "Pakalpojums \"Sociālās aprūpes nodrošināšana\"", "Pabalstu izmaksas pakalpojums",
       "Pakalpojums mednieka apliecības izsniegšanai"]
GOOD = [
    "Sociālās aprūpes pakalpojumu nodrošināšana mājās",
    "Asistenta pakalpojuma piešķiršana personām ar invaliditāti",
    "Konsultācijas par iestādes pakalpojumiem",
    "Klientu apkalpošanas nodrošināšana citu iestāžu pakalpojumiem",
]

# "Pakalpojums – ...", "Pakalpojums: ...", "Pakalpojums \"...\"": the word as a heading in front of the name
_HEADING = re.compile(r"^\s*(?:e-)?pakalpojum\w*\s*(?:[:\-–—.|]|[\"'„“«])", re.I)


def _is_pakalpojums(info) -> bool:  # noqa: ANN001
    return not info.folded.startswith("e-") and (fold_word(info.lemma) == "pakalpojums"
                                                 or info.folded.startswith("pakalpojum"))


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    hits = [i for i, x in enumerate(p.infos) if _is_pakalpojums(x)]
    if not hits:
        return
    i = hits[0]
    if i == 0 and _HEADING.match(p.text):
        rest = _HEADING.sub("", p.text, count=1).strip().strip("\"'„“”«»").strip()
        yield finding(__name__, f"Vārds \"{p.tokens[0]}\" ir etiķete nosaukuma priekšā",
                      f"\"{p.tokens[0]}\" is a label in front of the name", cap(rest) if rest else None)
        return
    if p.action_index is not None:
        return  # inside the object, a qualifier or a topic: part of what is named, not a label
    # no action: "pakalpojums" heads the name ("Bibliotēkas pakalpojums lasītājiem") or opens it
    # ("Pakalpojums mednieka apliecības izsniegšanai")
    if i == p.head_index or i == 0:
        yield finding(__name__, f"Vārds \"{p.tokens[i]}\" stāv darbības vietā; nosauciet, ko dara iestāde",
                      f"\"{p.tokens[i]}\" stands where the action should be; name what the institution does")
