"""Kontrole un uzraudzība parasti nav pakalpojums. / Control and supervision is usually not a service.

## Kāpēc tas ir slikti?
„Par pakalpojumu nav jāuzskata: kontroles un uzraudzības funkciju īstenošana (tā var būt
atsevišķu iestāžu pamatdarbība)” (002). Noteikums brīdina, nevis ziņo par kļūdu: inspekcijai kontrole ir
pamatdarbība, un pārbaude, ko pasūta klients (transportlīdzekļa tehniskā apskate), ir pakalpojums. Ja tā ir,
apspiediet konstatējumu ar pamatojumu (kolonna lint_ignore: "S005: mūsu pamatdarbība").

## Piemērs
    Izglītības iestāžu kontrole un uzraudzība
    Būvdarbu kontroles veikšana objektos

## Labāk
    Transportlīdzekļa tehniskā apskate

## Labojums
Automātiska labojuma nav.

## Why is this bad?
"Par pakalpojumu nav jāuzskata: kontroles un uzraudzības funkciju īstenošana (tā var būt atsevišķu iestāžu
pamatdarbība)" (002). The rule warns rather than errs: for an inspectorate control is the core activity, and
an inspection the customer orders (a vehicle roadworthiness test) is a service. Suppress the finding with a
reason when that is the case (lint_ignore column: "S005: mūsu pamatdarbība").

## Example
    Izglītības iestāžu kontrole un uzraudzība
    Būvdarbu kontroles veikšana objektos

## Use instead
    Transportlīdzekļa tehniskā apskate

## Fix
No automatic fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import data_set, finding, fold_word

CODE = "S005"
NAME = "control-supervision"
CATEGORY = Category.NON_SERVICE_ADMIN
SEVERITY = Severity.WARNING
SOURCE = ("002: Par pakalpojumu nav jāuzskata: kontroles un uzraudzības funkciju īstenošana (tā var būt "
          "atsevišķu iestāžu pamatdarbība)")
BAD = ["Izglītības iestāžu kontrole un uzraudzība", "Būvdarbu kontroles veikšana objektos",
       "Darba devēju pārbaudes darba aizsardzības jomā"]
GOOD = ["Valsts valodas prasmes pārbaudes organizēšana", "Transportlīdzekļa tehniskā apskate"]

_ENTITIES = ("devejs", "deveja", "maksatajs", "uznemums", "komersants", "iestade", "persona", "tirgotajs", "objekts",
             "uznemejs", "ipasnieks", "subjekts")


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    if p.action_index is None:
        return
    control = data_set("control_actions.txt")
    acts = [fold_word(p.lemmas[i]) for i in p.action_indices]
    hit = False
    for i, a in zip(p.action_indices, acts):
        if a in control:
            if a.startswith("parbaud"):
                info = p.infos[i]
                objs = {fold_word(p.lemmas[j]) for j in p.object_indices}
                # "Ūdens kvalitātes pārbaude" (one test ordered by a customer) is a service; inspections
                # of whole groups ("Darba devēju pārbaudes") are control
                if info.folded == "parbaude" and not objs & set(_ENTITIES):
                    continue
            hit = True
    if not hit and acts[0] in ("veiksana", "istenosana"):
        hit = any(fold_word(p.lemmas[j]) in control for j in p.object_indices)
    if hit and any(f in ("pieprasijuma", "pasutijuma", "luguma") for f in p.folded):
        hit = False  # an inspection the customer orders ("pēc īpašnieka pieprasījuma") is a service
    if hit:
        yield finding(__name__, "Kontroles un uzraudzības funkcija parasti nav pakalpojums (ja tā ir iestādes "
                                "pamatdarbība, norādiet to ar pamatojumu kolonnā lint_ignore)",
                      "A control or supervision function is usually not a service (suppress with a reason if it is the core activity)")
