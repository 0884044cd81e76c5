"""Resurss (e-lietotne, e-forma, informācijas sistēma, portāls, reģistrs) nosaukts kā pakalpojums. / A resource named as a service.

## Kāpēc tas ir slikti?
Informācijas sistēmas, e-lietotnes un e-formas, portāli un reģistri ir resursi un kanāli, ar
kuriem pakalpojumus sniedz („Specializētie pamatdarbības digitālo tehnoloģiju risinājumi (tostarp
e-lietotnes un e-formas, informācijas sistēmas ...)”, 001); pakalpojums ir tas, ko dara sniedzējs (002:
„Pakalpojuma nosaukums raksturo, ko dara pakalpojuma sniedzējs”). E-lietotne nav e-pakalpojums.

## Piemērs
    Būvniecības informācijas sistēma
    Pabalsta pieteikuma e-forma

## Labāk
    Būvatļaujas izsniegšana

## Labojums
Automātiska labojuma nav: nosauciet pakalpojumu, ko resurss atbalsta.

## Why is this bad?
Information systems, e-apps and e-forms, portals and registers are the resources and channels through which
services are provided ("Specializētie pamatdarbības digitālo tehnoloģiju risinājumi (tostarp e-lietotnes un
e-formas, informācijas sistēmas ...)", 001); a service is what the provider does (002: "Pakalpojuma
nosaukums raksturo, ko dara pakalpojuma sniedzējs"). An e-app is not an e-service.

## Example
    Būvniecības informācijas sistēma
    Pabalsta pieteikuma e-forma

## Use instead
    Būvatļaujas izsniegšana

## Fix
No automatic fix: name the service the resource supports.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import data_set, finding, fold_word

CODE = "S008"
NAME = "resource-as-service"
CATEGORY = Category.NON_SERVICE_ADMIN
SEVERITY = Severity.ERROR
SOURCE = ("002: Pakalpojuma nosaukums raksturo, ko dara pakalpojuma sniedzējs; 001: e-lietotnes un e-formas, "
          "informācijas sistēmas ir digitālo tehnoloģiju risinājumi")
BAD = ["Būvniecības informācijas sistēma", "Pabalsta pieteikuma e-forma", "Iedzīvotāju reģistrs",
       "Pašvaldības portāls iedzīvotājiem"]
GOOD = ["Biedrību reģistrācija biedrību un nodibinājumu reģistrā", "Vīzas izsniegšana ārzemniekiem"]


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    if p.action_index is not None or p.head_index is None:
        return
    res = data_set("resource_words.txt")
    head = p.infos[p.head_index]
    lemma = fold_word(head.lemma)
    if lemma in res or head.folded.startswith(("e-liet", "e-form", "e-pakalp")) or lemma.endswith(
        ("sistema", "portals", "registrs", "lietotne", "platforma", "datubaze", "savietotajs")
    ):
        yield finding(__name__, f"\"{p.tokens[p.head_index]}\" ir resurss vai kanāls, nevis pakalpojums",
                      f"\"{p.tokens[p.head_index]}\" is a resource or channel, not a service")
