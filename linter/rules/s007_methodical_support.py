"""Metodiskais atbalsts citām iestādēm ir administratīvā funkcija. / Methodical support to other institutions is an administrative function.

## Kāpēc tas ir slikti?
Nozares iestāžu vadīšana ("metodiskā vadība", "metodiskais atbalsts", "metodiskie ieteikumi") ir
politikas veidošanas un īstenošanas daļa, viena no „publiskās pārvaldes administratīvo funkciju”, ko „par
pakalpojumu nav jāuzskata” (002).

## Piemērs
    Metodiskā vadība novadu bibliotēkām

## Labāk
    Atstājiet to iestādes funkcijās, nevis pakalpojumos.

## Labojums
Automātiska labojuma nav.

## Why is this bad?
Guiding the institutions of a sector ("metodiskā vadība", "metodiskais atbalsts", "metodiskie ieteikumi") is
part of making and steering policy, one of the "publiskās pārvaldes administratīvo funkciju" that "par
pakalpojumu nav jāuzskata" (002).

## Example
    Metodiskā vadība novadu bibliotēkām

## Use instead
    Keep it among the institution's functions, not its services.

## Fix
No automatic fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import finding, fold_word

CODE = "S007"
NAME = "methodical-support"
CATEGORY = Category.NON_SERVICE_ADMIN
SEVERITY = Severity.ERROR
SOURCE = "002: Par pakalpojumu nav jāuzskata: publiskās pārvaldes administratīvo funkciju īstenošana"
BAD = ["Metodiskā vadība novadu bibliotēkām", "Metodiskā atbalsta sniegšana pašvaldībām"]
GOOD = ["Mācību kursu organizēšana pašvaldību darbiniekiem"]


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    if any(fold_word(x.lemma).startswith("metodisk") or x.folded.startswith("metodisk") for x in p.infos):
        yield finding(__name__, "Metodiskā vadība un atbalsts ir administratīvā funkcija, nevis pakalpojums",
                      "Methodical guidance and support is an administrative function, not a service")
