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
    Latvijas pilsoņa pases izsniegšana
    Koku ciršanas atļaujas izsniegšana

Papildiniet nosaukumu ar to, kas precizē objektu vai darbību. Saņēmēju grupu nosaukumā var norādīt, ja
pakalpojums ir paredzēts tieši tai; vienu pakalpojumu nesadaliet vairākos nosaukumos pēc saņēmēju grupām
("Pases izsniegšana bērniem", "Pases izsniegšana pieaugušajiem"): tās ir viena pakalpojuma variācijas (P003).

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
    Latvijas pilsoņa pases izsniegšana
    Koku ciršanas atļaujas izsniegšana

Complete the name with what specifies the object or the action. A recipient group may be named when the service
is meant for that group; do not split one service into several names by recipient group ("Pases izsniegšana
bērniem", "Pases izsniegšana pieaugušajiem"): they are variations of one service (P003).

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
GOOD = ["Latvijas pilsoņa pases izsniegšana", "Bērnu uzņemšana 1. klasē",
        "Autobusu pārvadājumu nodrošināšana maršrutā Rīga-Ogre-Lielvārde"]

MIN_WORDS = 3
MAX_WORDS = 6


def check(name: ServiceName) -> Iterator[Finding]:
    n = len(name.parsed.tokens)
    if n == 0:
        return
    if n < MIN_WORDS or n > MAX_WORDS:
        yield finding(__name__, f"Nosaukumā ir {words_lv(n)}; ieteicami 3–6",
                      f"The name has {n} word{'s' if n != 1 else ''}; 3–6 are recommended")


def words_lv(n: int) -> str:
    """"1 vārds", "2 vārdi", "21 vārds", "11 vārdi": Latvian numerals ending in 1 (not 11) take the singular."""
    return f"{n} vārds" if n % 10 == 1 and n % 100 != 11 else f"{n} vārdi"
