"""Nosaukumam priekšā pielīmēts virsraksts. / A heading is glued to the name.

## Kāpēc tas ir slikti?
No tīmekļa lapas vai dokumenta nokopētos sarakstos katra nosaukuma priekšā bieži paliek kategorijas
virsraksts, atdalīts ar punktu, kolu vai domuzīmi ("Sociālā palīdzība. Dzīvokļa pabalsta piešķiršana").
Virsraksts nav daļa no tā, ko dara sniedzējs (002: „Pakalpojuma nosaukums raksturo, ko dara pakalpojuma
sniedzējs”; 3–6 vārdi), tas liek vienam pakalpojumam divos sarakstos izskatīties atšķirīgi, un katalogā šādu
grupējumu glabā atsevišķi no nosaukuma. Virsrakstu atpazīst pēc uzbūves: īsa daļa bez darbības pirms
atdalītāja, aiz kuras seko nosaukums ar darbību.

## Piemērs
    Sociālā palīdzība. Dzīvokļa pabalsta piešķiršana
    Izglītība: Bērnu uzņemšana pirmsskolas izglītības iestādē

## Labāk
    Dzīvokļa pabalsta piešķiršana

## Labojums
Ieteikums (jāpārbauda): nosaukums bez virsraksta.

## Why is this bad?
Lists copied from a web page or a document often keep their category heading in front of each name,
joined by a full stop, a colon or a dash ("Sociālā palīdzība. Dzīvokļa pabalsta piešķiršana"). The heading
is not part of what the provider does (002: "Pakalpojuma nosaukums raksturo, ko dara pakalpojuma sniedzējs";
3–6 words), it makes one service look different in two lists, and the catalogue keeps such grouping apart
from the name. A heading is recognised by structure: a short part with no action in front of a separator,
followed by a part that is a name with an action.

## Example
    Sociālā palīdzība. Dzīvokļa pabalsta piešķiršana
    Izglītība: Bērnu uzņemšana pirmsskolas izglītības iestādē

## Use instead
    Dzīvokļa pabalsta piešķiršana

## Fix
Suggestion (unsafe): the name without the heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.nlp import analyze_name
from linter.rules._util import cap, finding, fold_word

CODE = "T010"
NAME = "glued-heading"
CATEGORY = Category.STYLE
SEVERITY = Severity.WARNING
SOURCE = "002: Pakalpojuma nosaukums raksturo, ko dara pakalpojuma sniedzējs; ir pēc iespējas īss: 3–6 vārdi"
BAD = ["Sociālā palīdzība. Dzīvokļa pabalsta piešķiršana", "Izglītība: Bērnu uzņemšana pirmsskolas izglītības iestādē",
       "Būvniecība – Būvatļaujas izsniegšana", "NEKUSTAMAIS ĪPAŠUMS. Zemes ierīcības projekta apstiprināšana"]
GOOD = ["Autobusu pārvadājumu nodrošināšana maršrutā Rīga – Ogre", "Pases izsniegšana Latvijas pilsoņiem",
        "Izziņas izsniegšana: par deklarēto dzīvesvietu", "Bērnu uzņemšana 1. klasē",
        "Materiāls pabalsts - dāvanu karte bērna piedzimšanas gadījumā"]

# a full stop, colon, dash or bar between two parts (not inside "1. klasē", "t.sk.", "Rīga-Ogre")
_SEP = re.compile(r"(?<=[^\W\d])\s*[.:]\s+(?=\w)|\s+[–—-]\s+|\s*\|\s*")
MAX_HEADING_WORDS = 4


def check(name: ServiceName) -> Iterator[Finding]:
    text = name.parsed.text
    m = _SEP.search(text)
    if not m:
        return
    left, right = text[: m.start()].strip(), text[m.end():].strip()
    if not left or not right:
        return
    head = analyze_name(left)
    if not head.tokens or len(head.tokens) > MAX_HEADING_WORDS:
        return
    # a name has an object and an action (002); a heading names a field: no action, or an action noun with
    # nothing but adjectives ("Sociālā palīdzība", "Būvniecība")
    if head.action_index is not None and (head.qualifier_indices or any(
            head.infos[i].pos in ("NOUN", "PROPN", "ABBR") for i in head.object_indices)):
        return
    if fold_word(head.tokens[0]).startswith("pakalpojum"):
        return  # "Pakalpojums – ...": the label rule T008
    if not any(x.pos in ("NOUN", "PROPN", "ADJ") for x in head.infos):
        return
    rest = analyze_name(right)
    if rest.action_index is None or not any(rest.infos[i].pos in ("NOUN", "PROPN", "ABBR")
                                            for i in rest.object_indices):
        return
    if "gen" in rest.infos[rest.action_index].cases:
        return  # an ambiguous "-šanas" is no firm action: "Pabalsts - karte piedzimšanas gadījumā" explains, not heads
    yield finding(__name__, f"Nosaukumam priekšā ir virsraksts \"{left}\"", f"A heading \"{left}\" is glued to the name",
                  cap(right))
