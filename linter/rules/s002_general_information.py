"""Vispārējas informācijas sniegšana vai publicēšana nav pakalpojums. / Publishing general information is not a service.

## Kāpēc tas ir slikti?
„Par pakalpojumu nav jāuzskata: vispārējas skaidrojošas un izglītojošas informācijas pieejamības
nodrošināšana saistībā ar kādu no iestādes darbības jomām (tostarp šādas informācijas publicēšana iestādes
tīmekļvietnē)” (002). Informācija no reģistra vai datubāzes ir dati, nevis vispārēja informācija, un tā
joprojām ir pakalpojums ("Uzņēmumu reģistra informācijas pieejamības nodrošināšana uzņēmējiem", 002).

## Piemērs
    Informācijas publicēšana iestādes tīmekļvietnē
    Sabiedrības informēšana par dzeramā ūdens kvalitāti

## Labāk
    Uzņēmumu reģistra informācijas pieejamības nodrošināšana uzņēmējiem

## Labojums
Automātiska labojuma nav: izņemiet ierakstu no pakalpojumu saraksta (tā ir iestādes komunikācijas daļa).

## Why is this bad?
"Par pakalpojumu nav jāuzskata: vispārējas skaidrojošas un izglītojošas informācijas pieejamības
nodrošināšana saistībā ar kādu no iestādes darbības jomām (tostarp šādas informācijas publicēšana iestādes
tīmekļvietnē)" (002). Information from a register or database is data, not general information, and stays
a service ("Uzņēmumu reģistra informācijas pieejamības nodrošināšana uzņēmējiem", 002).

## Example
    Informācijas publicēšana iestādes tīmekļvietnē
    Sabiedrības informēšana par dzeramā ūdens kvalitāti

## Use instead
    Uzņēmumu reģistra informācijas pieejamības nodrošināšana uzņēmējiem

## Fix
No automatic fix: remove the entry from the service list (it is part of the institution's communication).
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import data_set, finding, fold_word

CODE = "S002"
NAME = "general-information"
CATEGORY = Category.NON_SERVICE_INFORMATION
SEVERITY = Severity.ERROR
SOURCE = ("002: Par pakalpojumu nav jāuzskata: vispārējas skaidrojošas un izglītojošas informācijas "
          "pieejamības nodrošināšana (tostarp šādas informācijas publicēšana iestādes tīmekļvietnē)")
BAD = ["Informācijas publicēšana iestādes tīmekļvietnē", "Sabiedrības informēšana par dzeramā ūdens kvalitāti",
       "Informācija par nodokļiem", "Informacijas publicesana tiesaiste"]
GOOD = ["Uzņēmumu reģistra informācijas pieejamības nodrošināšana uzņēmējiem",
        "Izziņas izsniegšana par nodokļu parādu neesamību"]

_WEB = ("timeklviet", "majaslap", "portal", "tiessaist", "socialaj", "internet")
_GENERAL_ADJ = {"visparejs", "informativs", "skaidrojoss", "izglitojoss", "tematisks", "vispars"}
_DATA = {"registrs", "datubaze", "dati", "kadastrs", "arhivs", "zemesgramata", "statistika"}


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    if not p.tokens:
        return
    lemmas = [fold_word(x) for x in p.lemmas]
    info_objects = data_set("information_objects.txt")
    if lemmas and (set(lemmas) & _DATA):
        return
    web = any(f.startswith(_WEB) for f in p.folded)
    topic = "par" in p.folded
    general = any(fold_word(x.lemma).startswith(tuple(_GENERAL_ADJ)) or x.folded.startswith(
        ("visparej", "informativ", "skaidrojos", "izglitojos", "tematisk")) for x in p.infos)
    if p.action_index is None:
        h = p.head_index
        if h is not None and lemmas[h] in info_objects and (topic or general or web):
            yield _f()
        return
    action = lemmas[p.action_index]
    objects = {lemmas[i] for i in p.object_indices}
    has_info_object = bool(objects & info_objects)
    if action == "informesana":
        yield _f()
    elif action in ("publicesana", "izplatisana") and (has_info_object or web or topic or general):
        yield _f()
    elif action in data_set("information_actions.txt") and has_info_object and (topic or general or web):
        yield _f()


def _f() -> Finding:
    return finding(__name__, "Vispārējas informācijas sniegšana vai publicēšana nav pakalpojums",
                   "Providing or publishing general information is not a service")
