"""Saziņa ar sabiedrību (atbildes uz vēstulēm, iesniegumiem, sūdzībām) nav pakalpojums. / Communication with the public is not a service.

## Kāpēc tas ir slikti?
„Par pakalpojumu nav jāuzskata: ... saziņa ar sabiedrību (tostarp atbildes uz vēstulēm,
iesniegumiem un sūdzībām, vispārējas informācijas sniegšana saistībā ar iestādi)” (002).

## Piemērs
    Sūdzību izskatīšana un atbilžu sagatavošana
    Atbilžu sniegšana uz iedzīvotāju vēstulēm

## Labāk
    Nosauciet pakalpojumu, par kuru ir vēstules ("Bezdarbnieka statusa piešķiršana").

## Labojums
Automātiska labojuma nav.

## Why is this bad?
"Par pakalpojumu nav jāuzskata: ... saziņa ar sabiedrību (tostarp atbildes uz vēstulēm, iesniegumiem un
sūdzībām, vispārējas informācijas sniegšana saistībā ar iestādi)" (002).

## Example
    Sūdzību izskatīšana un atbilžu sagatavošana
    Atbilžu sniegšana uz iedzīvotāju vēstulēm

## Use instead
    Name the service the letters are about ("Bezdarbnieka statusa piešķiršana").

## Fix
No automatic fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import data_set, finding, fold_word

CODE = "S006"
NAME = "communication-with-public"
CATEGORY = Category.NON_SERVICE_ADMIN
SEVERITY = Severity.ERROR
SOURCE = ("002: Par pakalpojumu nav jāuzskata: saziņa ar sabiedrību (tostarp atbildes uz vēstulēm, "
          "iesniegumiem un sūdzībām)")
BAD = ["Sūdzību izskatīšana un atbilžu sagatavošana", "Atbilžu sniegšana uz iedzīvotāju vēstulēm",
       "Atbildes uz iedzīvotāju vēstulēm",
       "Saziņa ar sabiedrību un plašsaziņas līdzekļiem", "Sabiedrisko attiecību nodrošināšana"]
GOOD = ["Pabalsta pieteikumu pieņemšana", "Iesnieguma pieņemšana", "Preses izdevumu piegāde abonentiem",
        "Preses relīžu sagatavošana"]

_ACTIONS = {"izskatisana", "sagatavosana", "sniegsana", "atbildesana", "apstrade", "nodrosinasana"}


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    if p.action_index is None:
        # "Atbildes uz iedzīvotāju vēstulēm": the thing named is the answer itself
        if p.head_index is not None and fold_word(p.lemmas[p.head_index]) in data_set("communication_objects.txt") \
                and any(f in ("uz", "par") for f in p.folded):
            yield _f()
        return
    action = fold_word(p.lemmas[p.action_index])
    if action in ("sazina", "komunikacija") or (action == "atbildesana"):
        yield _f()
        return
    joined = " ".join(p.folded[: p.action_index])
    # relations with the media and the public: "Preses konferenču organizēšana", "Sabiedrisko attiecību
    # nodrošināšana"; content for them (press releases, news) is general information: S002
    if ("preses" in joined and "konferenc" in joined) or "plassazinas" in joined or (
            "sabiedrisk" in joined and "attiecib" in joined):
        yield _f()
        return
    if action not in _ACTIONS:
        return
    comm = data_set("communication_objects.txt")
    objects = {fold_word(p.lemmas[i]) for i in p.object_indices}
    if objects & comm:
        yield _f()


def _f() -> Finding:
    return finding(__name__, "Saziņa ar sabiedrību (atbildes uz vēstulēm, iesniegumiem, sūdzībām) nav pakalpojums",
                   "Communication with the public (answering letters, submissions, complaints) is not a service")
