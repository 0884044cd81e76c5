"""Atbalsts vai konsultācijas par savas iestādes pakalpojumiem nav pakalpojums. / Support for the institution's own services is not a service.

## Kāpēc tas ir slikti?
„Par pakalpojumu nav jāuzskata: atbalsta sniegšana vai nodrošināšana savas iestādes
pakalpojumiem (tostarp konsultēšana par iestādes pakalpojumiem)” un „Pakalpojuma atbalsts nav atsevišķs
pakalpojums” (002): atbalsts ir katra pakalpojuma daļa, arī tad, ja to sniedz zvanu centrs vai klientu
apkalpošanas centrs.

Izņēmumi, ko noteikums ievēro: atbalsts citas iestādes pakalpojumiem ("Klientu konsultēšana citu iestāžu
uzdevumā" ir starpinstitūciju pakalpojums) un konsultēšana, kas pati ir pakalpojums ("Karjeras konsultēšana
jauniešiem", "Juridiskās palīdzības sniegšana").

## Piemērs
    Konsultācijas par iestādes pakalpojumiem
    Zvanu centra darbības nodrošināšana iestādes klientiem

## Labāk
    Aprakstiet atbalstu katra pakalpojuma aprakstā (pakalpojuma līmenis: atbalsta laiks un kanāli).
    Karjeras konsultēšana jauniešiem

## Labojums
Automātiska labojuma nav: izņemiet ierakstu no saraksta vai iekļaujiet to pakalpojumos, kurus tas atbalsta.

## Why is this bad?
"Par pakalpojumu nav jāuzskata: atbalsta sniegšana vai nodrošināšana savas iestādes pakalpojumiem (tostarp
konsultēšana par iestādes pakalpojumiem)" and "Pakalpojuma atbalsts nav atsevišķs pakalpojums" (002): the
support is part of each service, also when a call centre or customer service centre gives it.

Exceptions the rule keeps: support given for another institution's services ("Klientu konsultēšana citu
iestāžu uzdevumā": an inter-institutional service) and counselling that is itself the service ("Karjeras
konsultēšana jauniešiem", "Juridiskās palīdzības sniegšana", linter/data/support_as_service.txt).

## Example
    Konsultācijas par iestādes pakalpojumiem
    Zvanu centra darbības nodrošināšana iestādes klientiem

## Use instead
    Describe the support in each service's description (service level: support hours and channels).
    Karjeras konsultēšana jauniešiem

## Fix
No automatic fix: remove the entry from the list or merge it into the services it supports.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import data_set, finding, fold_word, for_other_institutions, own_institution_marker

CODE = "S001"
NAME = "support-for-own-services"
CATEGORY = Category.NON_SERVICE_SUPPORT
SEVERITY = Severity.ERROR
SOURCE = ("002: Par pakalpojumu nav jāuzskata: atbalsta sniegšana vai nodrošināšana savas iestādes "
          "pakalpojumiem (tostarp konsultēšana par iestādes pakalpojumiem)")
BAD = [
    "Konsultāciju sniegšana par sociālo pabalstu saņemšanu", "Atbalsta sniegšana e-pakalpojumu lietotājiem",
    "Pabalsta piešķiršanas nosacījumu skaidrošana iedzīvotājiem", "Lietotāju atbalsta nodrošināšana iestādes pakalpojumiem",
    "Konsultācijas par iestādes pakalpojumiem", "Palīdzība veidlapu aizpildīšanā klientiem",
       "Klientu apkalpošana klātienē",
       "Zvanu centra darbības nodrošināšana iestādes klientiem", "konsultacijas par iestades pakalpojumiem"]
GOOD = ["Klientu konsultēšana citu iestāžu uzdevumā", "Karjeras konsultēšana jauniešiem", "Sociālā konsultēšana ģimenēm",
        "Juridiskās palīdzības sniegšana trūcīgām personām"]

_HELPERS = {"sniegsana", "nodrosinasana", "organizesana", "uzturesana"}
_DESKS = [("zvanu", "centr"), ("apkalposanas", "centr"), ("informativ", "talrun"), ("informativ", "linij"),
          ("klientu", "jautajum"), ("helpdesk", "klient"), ("call", "cent"), ("help", "desk")]


def _is_support_action(name: ServiceName) -> bool:
    p = name.parsed
    if p.action_index is None:
        return False
    acts = data_set("support_actions.txt")
    lemma = fold_word(p.lemmas[p.action_index])
    if lemma in acts:
        return True
    if lemma in _HELPERS:
        return any(fold_word(p.lemmas[i]) in acts for i in p.object_indices)
    return False


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    if not p.tokens or for_other_institutions(p):
        return
    lemmas = {fold_word(x) for x in p.lemmas}
    if any(x.startswith("metodisk") for x in lemmas):
        return  # methodical support to other institutions: S007
    # counselling that is itself the service ("Karjeras konsultēšana jauniešiem", "Sociālā konsultēšana"): the
    # kind of counselling is named before any "par …" topic; a topic ("par sociālo pabalstu saņemšanu") is not it
    par_at = next((i for i, f in enumerate(p.folded) if f == "par"), len(p.folded))
    kind = {fold_word(x) for x in p.lemmas[:par_at]}
    if kind & data_set("support_as_service.txt"):
        return
    if any(fold_word(x.lemma) == "darbinieks" for x in p.infos) and own_institution_marker(p):
        return  # support to the institution's own staff: S003
    # the desk must be what is provided (before the action), not the place ("... klientu apkalpošanas centrā")
    upto = p.action_index + 1 if p.action_index is not None else len(p.folded)
    folded = " ".join(p.folded[:upto])
    desk = any(a in folded and b in folded for a, b in _DESKS) or (
        "klientu jautajum" in " ".join(p.folded) and any(x in folded for x in ("talrun", "linij", "centr")))
    if desk:
        yield finding(__name__, "Klientu atbalsta dienesta darbība ir iestādes pakalpojumu daļa, nevis pakalpojums",
                      "Running a customer support desk is part of the services it supports, not a service")
        return
    if p.action_index is not None and fold_word(p.lemmas[p.action_index]) == "apkalposana" and any(
            fold_word(p.lemmas[i]) in ("klients", "apmekletajs", "iedzivotajs") for i in p.object_indices):
        yield finding(__name__, "Klientu apkalpošana ir iestādes pakalpojumu daļa, nevis atsevišķs pakalpojums",
                      "Serving customers is part of the institution's services, not a separate service")
        return
    if not _is_support_action(name):
        return
    if _about_own_services(p):
        yield finding(__name__, "Konsultācijas un atbalsts par savas iestādes pakalpojumiem nav atsevišķs pakalpojums",
                      "Consultation and support about the institution's own services is not a separate service")


def _about_own_services(p) -> bool:  # noqa: ANN001
    """The support concerns the institution's own services: a topic ("par ..."), help in a step of them
    ("... aizpildīšanā"), people named by their role towards the services ("lietotājiem", "pakalpojumu
    pieprasītājiem") or services as the beneficiary ("... pakalpojumiem"), or, for an explanation, the
    service's procedure as its object ("Skolas uzņemšanas kārtības skaidrošana")."""
    if any(p.folded[i] == "par" for i in p.qualifier_indices):
        return True
    if any(p.infos[i].deverbal and "loc" in p.infos[i].cases for i in p.qualifier_indices):
        return True
    users = data_set("service_users.txt")
    # by the word's stem as well: typed without diacritics "lietotajiem" is also a participle ("the used ones")
    stems = tuple(u[:-1] for u in users)
    for i, x in enumerate(p.infos):
        if i == p.action_index:
            continue
        lemma = fold_word(x.lemma)
        if lemma in users or x.folded.startswith(stems) or (
                lemma == "pakalpojums" and "dat" in x.cases and i in p.qualifier_indices):
            return True
    procedure = data_set("procedure_nouns.txt")
    return any(fold_word(p.lemmas[i]) in procedure or (p.infos[i].is_action and p.infos[i].deverbal)
               for i in p.object_indices if fold_word(p.lemmas[i]) not in data_set("support_actions.txt"))
