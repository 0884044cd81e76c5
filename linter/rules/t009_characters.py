"""Emocijzīmes, vadības rakstzīmes vai citi neparasti simboli. / Emoji, control characters or odd symbols.

## Kāpēc tas ir slikti?
Tie bojā eksportus, kārtošanu un publisko katalogu, un oficiālā nosaukumā tiem nav vietas.

## Piemērs
    Pases izsniegšana 🙂

## Labāk
    Pases izsniegšana Latvijas pilsoņiem

## Labojums
Drošs labojums: šīs rakstzīmes izņem.

## Why is this bad?
They break exports, sorting and the public catalogue and do not belong in an official name.

## Example
    Pases izsniegšana 🙂

## Use instead
    Pases izsniegšana Latvijas pilsoņiem

## Fix
Safe: remove the characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import finding

CODE = "T009"
NAME = "odd-characters"
CATEGORY = Category.STYLE
SEVERITY = Severity.WARNING
SOURCE = "Vienots nosaukumu pieraksts pakalpojumu sarakstā un katalogā (002: pakalpojumu saraksts)"
BAD = ["Pases izsniegšana Latvijas pilsoņiem 🙂", "Pases\x07 izsniegšana Latvijas pilsoņiem"]
GOOD = ["Nekustamā īpašuma nodokļa 50% atvieglojuma piešķiršana"]

_OK_PUNCT = set(" -–—.,;:!?()%/\"'„“”«»&+§№")


def _odd(c: str) -> bool:
    if c.isalnum() or c in _OK_PUNCT or c in "\t\r\n":
        return False
    cat = unicodedata.category(c)
    return cat.startswith(("S", "C")) or cat in ("Zl", "Zp")


_SUSPECT = re.compile(r"[^\w \-–—.,;:!?()%/\"'„“”«»&+§№]")


def check(name: ServiceName) -> Iterator[Finding]:
    if not _SUSPECT.search(name.raw):
        return
    odd = sorted({c for c in name.raw if _odd(c)})
    if not odd:
        return
    shown = " ".join(repr(c) if unicodedata.category(c).startswith("C") else c for c in odd)
    cleaned = re.sub(r"\s+", " ", "".join(" " if _odd(c) else c for c in name.raw)).strip()
    yield finding(__name__, f"Nosaukumā ir neparasti simboli: {shown}", f"The name contains odd characters: {shown}",
                  cleaned)
