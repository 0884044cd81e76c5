"""Vispārējas informācijas sniegšana vai publicēšana nav pakalpojums. / Publishing general information is not a service.

## Kāpēc tas ir slikti?
„Par pakalpojumu nav jāuzskata: vispārējas skaidrojošas un izglītojošas informācijas pieejamības
nodrošināšana saistībā ar kādu no iestādes darbības jomām (tostarp šādas informācijas publicēšana iestādes
tīmekļvietnē)” (002). Informācija no reģistra vai datubāzes ir dati, nevis vispārēja informācija, un tā
joprojām ir pakalpojums ("Uzņēmumu reģistra informācijas pieejamības nodrošināšana uzņēmējiem", 002).

Noteikums to nosaka pēc darbības un tās objekta: darbība, kas pati
informē vai izglīto sabiedrību ("informēšana", "izglītošana"); publiskots saturs ("publicēšana",
"izplatīšana", "izdošana" — bukletam, pārskatam, ieteikumiem, ziņām);
sabiedrībai sagatavots saturs ("Izglītojošu materiālu izstrāde par ...", "Preses paziņojumu sagatavošana");
informācija, ko sniedz par kādu tematu vai sabiedrībai ("Informācijas sniegšana par iestādes darba laiku").

## Piemērs
    Informācijas publicēšana iestādes tīmekļvietnē
    Sabiedrības informēšana par dzeramā ūdens kvalitāti
    Drošības ieteikumu izplatīšana iedzīvotājiem

## Labāk
    Uzņēmumu reģistra informācijas pieejamības nodrošināšana uzņēmējiem

## Labojums
Automātiska labojuma nav: izņemiet ierakstu no pakalpojumu saraksta (tā ir iestādes komunikācijas daļa).

## Why is this bad?
"Par pakalpojumu nav jāuzskata: vispārējas skaidrojošas un izglītojošas informācijas pieejamības
nodrošināšana saistībā ar kādu no iestādes darbības jomām (tostarp šādas informācijas publicēšana iestādes
tīmekļvietnē)" (002). Information from a register or database is data, not general information, and stays
a service ("Uzņēmumu reģistra informācijas pieejamības nodrošināšana uzņēmējiem", 002).

Detected from the action and its object (linter/data/information_actions.tsv): an action that itself
informs or educates the public ("informēšana", "izglītošana"); content made public ("publicēšana",
"izplatīšana", "izdošana" of a booklet, a report, recommendations, news, linter/data/information_objects.txt);
content produced for the public ("Izglītojošu materiālu izstrāde par ...", "Preses paziņojumu sagatavošana");
information handed over on a topic or to the public ("Informācijas sniegšana par iestādes darba laiku").

## Example
    Informācijas publicēšana iestādes tīmekļvietnē
    Sabiedrības informēšana par dzeramā ūdens kvalitāti
    Drošības ieteikumu izplatīšana iedzīvotājiem

## Use instead
    Uzņēmumu reģistra informācijas pieejamības nodrošināšana uzņēmējiem

## Fix
No automatic fix: remove the entry from the service list (it is part of the institution's communication).
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import data_map, data_set, finding, fold_word

CODE = "S002"
NAME = "general-information"
CATEGORY = Category.NON_SERVICE_INFORMATION
SEVERITY = Severity.ERROR
SOURCE = ("002: Par pakalpojumu nav jāuzskata: vispārējas skaidrojošas un izglītojošas informācijas "
          "pieejamības nodrošināšana (tostarp šādas informācijas publicēšana iestādes tīmekļvietnē)")
BAD = ["Informācijas publicēšana iestādes tīmekļvietnē", "Sabiedrības informēšana par dzeramā ūdens kvalitāti",
       "Informācija par nodokļiem", "Informacijas publicesana tiesaiste", "Jauniešu izglītošana par drošību internetā",
       "Ugunsdrošības ieteikumu izplatīšana iedzīvotājiem", "Novada avīzes informatīvā izdevuma izdošana",
       "Gada pārskata publicēšana", "Preses relīžu sagatavošana"]
GOOD = ["Uzņēmumu reģistra informācijas pieejamības nodrošināšana uzņēmējiem",
        "Izziņas izsniegšana par nodokļu parādu neesamību", "Mācību grāmatu izdošana skolām",
        "Skaidrojumu sniegšana par pabalsta piešķiršanas nosacījumiem", "Paziņojums par koku ciršanu"]

_WEB = ("timeklviet", "majaslap", "portal", "tiessaist", "socialaj", "internet")
_GENERAL = ("visparej", "informativ", "skaidrojos", "izglitojos", "tematisk", "publisk")
_DATA = {"registrs", "datubaze", "dati", "kadastrs", "arhivs", "zemesgramata", "statistika"}


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    if not p.tokens:
        return
    lemmas = [fold_word(x) for x in p.lemmas]
    if set(lemmas) & _DATA:
        return  # data from a register is a service (002: Uzņēmumu reģistra informācijas pieejamības nodrošināšana)
    content = data_set("information_objects.txt")
    web = any(f.startswith(_WEB) for f in p.folded)
    topic = "par" in p.folded
    general = any(x.folded.startswith(_GENERAL) or fold_word(x.lemma).startswith(_GENERAL) for x in p.infos)
    public = any(lem in data_set("public_audience.txt") for i, lem in enumerate(lemmas) if i != p.action_index)
    if p.action_index is None:
        h = p.head_index
        # a notice by itself ("Paziņojums par koku ciršanu") is a document handed in or out, not published content
        if h is not None and lemmas[h] in content - {"pazinojums"} and (topic or general or web):
            yield _f()
        return
    has_content = any(lemmas[i] in content for i in p.object_indices)
    kinds = data_map("information_actions.tsv")
    for a in p.action_indices:
        kind = kinds.get(lemmas[a])
        if kind == "inform" or (
            kind == "spread" and (has_content or general or (lemmas[a] != "izdosana" and (web or topic)))
        ) or (kind == "make" and has_content and (topic or general or public or web)) or (
            kind == "give" and any(lemmas[i] == "informacija" for i in p.object_indices)
            and (topic or general or web or public)
        ):
            yield _f()
            return


def _f() -> Finding:
    return finding(__name__, "Vispārējas informācijas sniegšana vai publicēšana nav pakalpojums",
                   "Providing or publishing general information is not a service")
