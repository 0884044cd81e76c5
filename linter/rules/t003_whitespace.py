"""Lieki atstarpes simboli. / Stray whitespace.

## Kāpēc tas ir slikti?
Atstarpes sākumā, beigās vai dubultas (bieži no teksta kopēšanas dokumentos) liek vienādiem
nosaukumiem sarakstos, meklēšanā un portfeļa pārbaudēs izskatīties atšķirīgiem.

## Piemērs
    Zemes vienību  kadastrālā uzmērīšana

## Labāk
    Zemes vienību kadastrālā uzmērīšana

## Labojums
Drošs labojums: liekās atstarpes noņem.

## Why is this bad?
Leading, trailing or double spaces (often from copying out of documents) make equal names compare as
different ones in lists, search and the portfolio checks.

## Example
    Zemes vienību  kadastrālā uzmērīšana

## Use instead
    Zemes vienību kadastrālā uzmērīšana

## Fix
Safe: collapse whitespace.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import finding

CODE = "T003"
NAME = "stray-whitespace"
CATEGORY = Category.STYLE
SEVERITY = Severity.WARNING
SOURCE = "Vienots nosaukumu pieraksts pakalpojumu sarakstā un katalogā (002: pakalpojumu saraksts)"
BAD = ["Zemes vienību  kadastrālā uzmērīšana", "  Sociālā dzīvokļa izīrēšana trūcīgām personām",
       "Diploma dublikāta izsniegšana absolventiem "]
GOOD = ["Zemes vienību kadastrālā uzmērīšana"]


def check(name: ServiceName) -> Iterator[Finding]:
    raw = name.raw.replace("\r", "").replace("\n", "")
    if not raw.strip():
        return
    if raw != raw.strip() or re.search(r"\s{2,}|[\t\u00a0\u2000-\u200b]", raw):
        yield finding(__name__, "Nosaukumā ir lieki atstarpes simboli (sākumā, beigās vai dubulti)",
                      "The name has stray whitespace (leading, trailing or double)", name.parsed.text)
