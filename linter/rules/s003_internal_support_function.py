"""Iestādes iekšējā atbalsta funkcija nav pakalpojums. / The institution's own support function is not a service.

## Kāpēc tas ir slikti?
„Par pakalpojumu nav jāuzskata: pašas iestādes atbalsta funkciju īstenošana (savas iestādes
ietvaros, piemēram, lietvedības, grāmatvedības un IKT nodrošināšana)” (002): lietvedība, grāmatvedība,
personāls, IKT, telpas un transports pašai iestādei neapmierina nevienu ārēju vajadzību.

Izņēmums, ko noteikums ievēro: tās pašas funkcijas, ko sniedz citām iestādēm, ir derīgi starpinstitūciju
pakalpojumi (koplietošanas pakalpojumi, kompetences centri): "Grāmatvedības uzskaites nodrošināšana VARAM
resora iestādēm", "Personāla atlases nodrošināšana citām valsts iestādēm".

## Piemērs
    Lietvedības nodrošināšana iestādē
    Darba algas aprēķināšana iestādes darbiniekiem

## Labāk
    Grāmatvedības uzskaites nodrošināšana VARAM resora iestādēm

## Labojums
Automātiska labojuma nav: izņemiet to no pakalpojumu saraksta vai nosauciet iestādes, kurām to sniedz.

## Why is this bad?
"Par pakalpojumu nav jāuzskata: pašas iestādes atbalsta funkciju īstenošana (savas iestādes ietvaros,
piemēram, lietvedības, grāmatvedības un IKT nodrošināšana)" (002): records, accounting, HR, ICT, premises
and transport for the institution itself satisfy no outside need.

Exception the rule keeps: the same functions provided to other institutions are valid inter-institutional
services (shared services, competence centres): "Grāmatvedības uzskaites nodrošināšana VARAM resora
iestādēm", "Personāla atlases nodrošināšana citām valsts iestādēm".

## Example
    Lietvedības nodrošināšana iestādē
    Darba algas aprēķināšana iestādes darbiniekiem

## Use instead
    Grāmatvedības uzskaites nodrošināšana VARAM resora iestādēm

## Fix
No automatic fix: remove it from the service list, or name the institutions it is provided to.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import data_lines, data_map, finding, fold_word, for_other_institutions, own_institution_marker

CODE = "S003"
NAME = "internal-support-function"
CATEGORY = Category.NON_SERVICE_INTERNAL
SEVERITY = Severity.ERROR
SOURCE = ("002: Par pakalpojumu nav jāuzskata: pašas iestādes atbalsta funkciju īstenošana (savas iestādes "
          "ietvaros, piemēram, lietvedības, grāmatvedības un IKT nodrošināšana)")
BAD = ["Lietvedības nodrošināšana iestādē", "Ienākošo dokumentu reģistrēšana iestādē", "Darba algas aprēķināšana iestādes darbiniekiem",
       "IKT infrastruktūras uzturēšana iestādes vajadzībām", "IESTĀDES LIETVEDĪBAS NODROŠINĀŠANA"]
GOOD = ["Grāmatvedības uzskaites nodrošināšana VARAM resora iestādēm",
        "Personāla atlases nodrošināšana citām valsts iestādēm", "Arhīva izziņu izsniegšana par darba stāžu",
        "Apsardzes darbinieka apliecības izsniegšana"]


_OTHER_ADMIN = {"publicesana", "izplatisana", "informesana", "izstrade", "izstradasana", "sagatavosana",
                "aktualizesana", "kontrole", "uzraudziba"}


@lru_cache(maxsize=1)
def _domains() -> tuple[tuple[str, ...], tuple[str, ...]]:
    strong, weak = [], []
    for line in data_lines("internal_domains.txt"):
        kind, word = line.split(None, 1)
        (strong if kind == "strong" else weak).append(fold_word(word))
    return tuple(strong), tuple(weak)


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    if not p.tokens or for_other_institutions(p):
        return
    strong, weak = _domains()
    # a document or permit handed to a person ("Apsardzes darbinieka sertifikāta izsniegšana"): the domain words
    # say whose document it is, not that the institution serves itself
    nouns = [i for i in p.object_indices if p.infos[i].pos == "NOUN"]
    if p.action_index is not None and nouns and \
            data_map("product_actions.tsv").get(fold_word(p.lemmas[nouns[-1]])) == "izsniegšana":
        return
    lemmas = [fold_word(x.lemma) for x in p.infos] + list(p.folded)
    own = own_institution_marker(p) or any(f in ("iestadei", "iestade") for f in p.folded)
    hit_strong = any(lem.startswith(strong) for lem in lemmas)
    hit_weak = any(lem.startswith(weak) for lem in lemmas)
    first_own = p.folded[0] in ("iestades", "savas") and not any("klient" in f for f in p.folded)
    # "Darbinieku atlase", "Personāla lietvedība": the name starts with the institution's own staff
    first_own = first_own or fold_word(p.infos[0].lemma).startswith(("darbinieks", "personals"))
    action = fold_word(p.lemmas[p.action_index]) if p.action_index is not None else ""
    if action in _OTHER_ADMIN:
        hit_weak = first_own = False  # publishing or drafting: S002/S004 name the problem better
    if hit_strong or (hit_weak and own) or first_own:
        yield finding(__name__, "Iestādes iekšējā atbalsta funkcija (savas iestādes vajadzībām) nav pakalpojums",
                      "An internal support function of the institution itself is not a service")
