"""Nosaukums ir par īsu vai par garu (3–6 vārdi). / The name is too short or too long (3–6 words).

## Kāpēc tas ir slikti?
„Pakalpojuma nosaukums ir pēc iespējas īss: 3–6 vārdi” (002). Īsākā nosaukumā reti ir pateikts
gan tas, ko saņem, gan tas, ko dara sniedzējs; garākā parasti ir sabāzti nosacījumi, kanāli vai vairāki
pakalpojumi vienā.

Kā skaita vārdus: skaitās katrs vārds, arī "un" un prievārdi; vārdi ar defisi ("Rīga-Ogre-Lielvārde",
"e-pakalpojums") ir viens vārds; skaitlis vai kārtas skaitlis ("2.", "2025.", "50%") ir viens vārds, tāpat
intervāls ("1.–4."). Pieturzīmes neskaitās.

## Piemērs
    Pasu izsniegšana
    Atļaujas izsniegšana koku ciršanai ārpus meža zemes pilsētas teritorijā

## Labāk
    Pases izsniegšana Latvijas pilsoņiem
    Koku ciršanas atļaujas izsniegšana

## Labojums
Automātiska labojuma nav: nosaukumu saīsināt vai papildināt var tikai cilvēks.

## Why is this bad?
"Pakalpojuma nosaukums ir pēc iespējas īss: 3–6 vārdi" (002). A shorter name rarely says both what is
provided and what the provider does; a longer one usually packs conditions, channels or several services
into one name.

How words are counted: every word token counts, including "un" and prepositions; a hyphenated compound
("Rīga-Ogre-Lielvārde", "e-pakalpojums") is one word; a number or ordinal ("2.", "2025.", "50%") is one word,
and so is a range ("1.–4."). Punctuation does not count.

## Example
    Pasu izsniegšana
    Atļaujas izsniegšana koku ciršanai ārpus meža zemes pilsētas teritorijā

## Use instead
    Pases izsniegšana Latvijas pilsoņiem
    Koku ciršanas atļaujas izsniegšana

## Fix
No automatic fix: shortening or completing a name needs a person.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import finding

CODE = "N001"
NAME = "name-length"
CATEGORY = Category.LENGTH
SEVERITY = Severity.WARNING
SOURCE = "002: Pakalpojuma nosaukums ir pēc iespējas īss: 3–6 vārdi"
BAD = ["Pasu izsniegšana", "Atļaujas izsniegšana koku ciršanai ārpus meža zemes pilsētas teritorijā"]
GOOD = ["Pases izsniegšana Latvijas pilsoņiem", "Bērnu uzņemšana 1. klasē",
        "Autobusu pārvadājumu nodrošināšana maršrutā Rīga-Ogre-Lielvārde"]

MIN_WORDS = 3
MAX_WORDS = 6


def check(name: ServiceName) -> Iterator[Finding]:
    n = len(name.parsed.tokens)
    if n == 0:
        return
    if n < MIN_WORDS:
        yield finding(__name__, f"Nosaukumā ir {n} vārd{'s' if n == 1 else 'i'}; ieteicami 3–6",
                      f"The name has {n} word{'s' if n != 1 else ''}; 3–6 are recommended")
    elif n > MAX_WORDS:
        yield finding(__name__, f"Nosaukumā ir {n} vārdi; ieteicami 3–6",
                      f"The name has {n} words; 3–6 are recommended")
