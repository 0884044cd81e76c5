"""Nosaukuma lielie un mazie burti. / Capitalisation of the name.

## Kāpēc tas ir slikti?
Pakalpojuma nosaukumu raksta kā teikumu: pirmais burts lielais, pārējie mazie, izņemot īpašvārdus
un saīsinājumus. Saraksti, katalogi (latvija.gov.lv) un portfelis nosaukumus kārto un salīdzina;
"pabalsta izmaksa" un "Vadītāja Apliecības Izsniegšana" izceļas un izskatās pēc atšķirīgiem ierakstiem (002
visus piemēru nosaukumus raksta tā: "Semināru organizēšana nevalstisko organizāciju pārstāvjiem").

## Piemērs
    pabalsta izmaksa bezdarbniekiem
    Vadītāja Apliecības Izsniegšana

## Labāk
    Pabalsta izmaksa bezdarbniekiem
    Vadītāja apliecības izsniegšana

## Labojums
Pirmā burta labojums ir drošs; vārdu ar lielo sākumburtu pārrakstīšana ar mazo ir tikai ieteikums
(īpašvārdiem jāpaliek ar lielo burtu).

## Why is this bad?
A service name is written like a sentence: a capital first letter, the rest in lower case except proper
names and acronyms. Lists, catalogues (latvija.gov.lv) and the portfolio sort and compare names; "pabalsta
izmaksa" and "Vadītāja Apliecības Izsniegšana" stand out and look like different entries (002 writes every
example name so: "Semināru organizēšana nevalstisko organizāciju pārstāvjiem").

## Example
    pabalsta izmaksa bezdarbniekiem
    Vadītāja Apliecības Izsniegšana

## Use instead
    Pabalsta izmaksa bezdarbniekiem
    Vadītāja apliecības izsniegšana

## Fix
Safe for the first letter; lowering Title Case words is a suggestion (proper names must stay capitalised).
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import cap, caps_share, finding, known_abbreviations

CODE = "T001"
NAME = "capitalisation"
CATEGORY = Category.STYLE
SEVERITY = Severity.WARNING
SOURCE = "002: Pakalpojuma nosaukums: Semināru organizēšana nevalstisko organizāciju pārstāvjiem (vadlīniju piemērs)"
BAD = ["pabalsta izmaksa bezdarbniekiem", "Vadītāja Apliecības Izsniegšana"]
GOOD = ["Pabalsta izmaksa bezdarbniekiem", "eID kartes izsniegšana", "Pases izsniegšana Latvijas pilsoņiem",
        "Mājdzīvnieku reģistrācija Lauksaimniecības datu centrā"]


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    text = p.text
    if not p.tokens:
        return
    share, caps_words = caps_share(p, known_abbreviations())
    if caps_words >= 2 and share >= 0.75:
        return  # ALL CAPS: T004
    first = p.tokens[0]
    # "eID", "iPhone": a word with a capital inside is written the way its owner writes it
    if first[:1].isalpha() and first[:1].islower() and not (first.startswith("e-") and len(p.tokens) == 1) \
            and not any(c.isupper() for c in first[1:]):
        yield finding(__name__, "Nosaukumam jāsākas ar lielo burtu", "The name should start with a capital letter",
                      cap(text))
        return
    words = [(i, t) for i, t in enumerate(p.tokens) if t[:1].isalpha() and p.infos[i].pos not in ("ABBR",)]
    if len(words) >= 3 and all(t[:1].isupper() for _, t in words):
        fixed = text
        for i, t in words[1:]:
            fixed = fixed.replace(t, t.lower(), 1)
        # not safe: a proper noun ("Latvijas", "Eiropas") would be lowered too
        yield finding(__name__, "Visi vārdi sākas ar lielo burtu; rakstiet kā teikumu",
                      "Every word is capitalised; write the name in sentence case", fixed, safe=False)
        return
    a = p.action_index
    if a is not None and a > 0 and p.tokens[a][:1].isupper():
        yield finding(__name__, f"Darbības vārds \"{p.tokens[a]}\" jāraksta ar mazo burtu",
                      f"The action \"{p.tokens[a]}\" should be lower case",
                      text.replace(p.tokens[a], p.tokens[a].lower(), 1))
