"""Pieturzīme nosaukuma beigās vai sākumā. / Punctuation at the end or start of the name.

## Kāpēc tas ir slikti?
Nosaukums ir apzīmējums, nevis teikums: punkts, semikols vai izsaukuma zīme beigās (bieži
palikusi no nokopēta saraksta) vai pēdiņas ap visu nosaukumu liek vienam pakalpojumam sarakstā un katalogā
izskatīties pēc diviem dažādiem nosaukumiem. Saīsinājumi ar punktu beigās ("u.c.", "t.sk.") ir atļauti.

## Piemērs
    Pases izsniegšana Latvijas pilsoņiem.

## Labāk
    Pases izsniegšana Latvijas pilsoņiem

## Labojums
Drošs labojums: pieturzīmi noņem.

## Why is this bad?
A name is a label, not a sentence: a final full stop, semicolon or exclamation mark (often left over from a
copied list), or quotation marks around the whole name, make the same service look like two different names
in the list and in the catalogue.
Abbreviations that end with a full stop ("u.c.", "t.sk.") are allowed.

## Example
    Pases izsniegšana Latvijas pilsoņiem.

## Use instead
    Pases izsniegšana Latvijas pilsoņiem

## Fix
Safe: remove the punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.nlp import ABBREV_SPECIALS
from linter.rules._util import finding

CODE = "T002"
NAME = "stray-punctuation"
CATEGORY = Category.STYLE
SEVERITY = Severity.WARNING
SOURCE = "002: Pakalpojuma nosaukums: Semināru organizēšana nevalstisko organizāciju pārstāvjiem (vadlīniju piemērs)"
BAD = ["Pases izsniegšana Latvijas pilsoņiem.", "Vecuma pensijas piešķiršana;", "- Pases izsniegšana Latvijas pilsoņiem",
       "\"Bāriņtiesas apliecinājuma izsniegšana\"", "„Dzīvesvietas deklarācijas reģistrācija”"]
GOOD = ["Pases izsniegšana Latvijas pilsoņiem", "Bērnu uzņemšana 1. klasē",
        "Koncerta \"Dziesmu svētki\" biļešu tirdzniecība"]

_TRAIL = re.compile(r"[\s.,;:!?]+$")
_LEAD = re.compile(r"^\s*(?:[-–—•*·,;:.]+|\d+[.)]\s+)\s*")


_QUOTES = {'"': '"', "'": "'", "„": "“”\"", "“": "”\"", "«": "»", "”": "”"}


def check(name: ServiceName) -> Iterator[Finding]:
    text = name.parsed.text
    if not text:
        return
    if len(text) > 2 and text[0] in _QUOTES and text[-1] in _QUOTES[text[0]] and \
            not any(c in text[1:-1] for c in "\"„“”«»"):
        yield finding(__name__, "Viss nosaukums ir pēdiņās", "The whole name is in quotation marks", text[1:-1].strip())
        return
    if text[-1] in ".,;:!?" and not any(text.endswith(a) for a in ABBREV_SPECIALS):
        yield finding(__name__, f"Nosaukuma beigās ir pieturzīme \"{text[-1]}\"",
                      f"The name ends with the punctuation mark \"{text[-1]}\"", _TRAIL.sub("", text))
    m = _LEAD.match(text)
    if m and m.group(0).strip():
        yield finding(__name__, "Nosaukuma sākumā ir saraksta zīme vai pieturzīme",
                      "The name starts with a list marker or punctuation", text[m.end():])
