"""Politikas, plānošanas dokumentu, vadlīniju vai normatīvo aktu izstrāde nav pakalpojums. / Drafting policy, plans, guidelines or regulations is not a service.

## Kāpēc tas ir slikti?
„Par pakalpojumu nav jāuzskata: publiskās pārvaldes administratīvo funkciju īstenošana, tostarp
politiku, plānošanas dokumentu, vadlīniju un normatīvā regulējuma izveide” (002).

## Piemērs
    Nozares politikas izstrāde
    Saistošo noteikumu izstrāde

## Labāk
    Atstājiet to iestādes funkcijās, nevis pakalpojumu sarakstā.

## Labojums
Automātiska labojuma nav.

## Why is this bad?
"Par pakalpojumu nav jāuzskata: publiskās pārvaldes administratīvo funkciju īstenošana, tostarp politiku,
plānošanas dokumentu, vadlīniju un normatīvā regulējuma izveide" (002).

## Example
    Nozares politikas izstrāde
    Saistošo noteikumu izstrāde

## Use instead
    Keep it in the institution's functions, not in its service list.

## Fix
No automatic fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import data_set, finding, fold_word

CODE = "S004"
NAME = "policy-drafting"
CATEGORY = Category.NON_SERVICE_ADMIN
SEVERITY = Severity.ERROR
SOURCE = ("002: Par pakalpojumu nav jāuzskata: ... politiku, plānošanas dokumentu, vadlīniju un normatīvā "
          "regulējuma izveide")
BAD = ["Nozares politikas izstrāde", "Saistošo noteikumu izstrāde", "Normatīvo aktu projektu sagatavošana",
       "Pašvaldības attīstības programmas izstrāde"]
GOOD = ["Tehnisko noteikumu izsniegšana piesārņojošām darbībām", "Zemes ierīcības projekta apstiprināšana",
        "Notariālā akta sagatavošana", "Tehnisko noteikumu sagatavošana būvniecībai"]


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    if p.action_index is None:
        return
    actions = {fold_word(p.lemmas[i]) for i in p.action_indices}
    if not actions & data_set("policy_actions.txt"):
        return
    objects = {fold_word(p.lemmas[i]) for i in p.object_indices} | {p.folded[i] for i in p.object_indices}
    # documents that are policy only with their modifier: "saistošie/Ministru kabineta noteikumi",
    # "attīstības programma/plāns" (not "tehniskie noteikumi", "izglītības programma")
    qualified = any(o.startswith(("noteikum",)) for o in objects) and any(
        o.startswith(("saistos", "kabinet", "iekse")) for o in objects) or any(
        o.startswith(("programm", "plan")) for o in objects) and any(
        o.startswith(("attistib", "ricib", "darbib")) for o in objects)
    if qualified or objects & data_set("policy_objects.txt") or any(
            o.startswith(("normativ", "metodisk", "likumprojekt")) for o in objects):
        yield finding(__name__, "Politikas, plānošanas dokumentu vai normatīvo aktu izstrāde ir administratīvā funkcija, nevis pakalpojums",
                      "Drafting policy, planning documents or regulations is an administrative function, not a service")
