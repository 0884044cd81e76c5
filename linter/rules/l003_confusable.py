"""Vārds, ko bieži sajauc ar līdzīgu vārdu. / A word often confused with a similar one.

## Kāpēc tas ir slikti?
Dažas kļūdas ir īsti vārdi, tāpēc vārdnīca tās nepamana: "uzturēšanas atļauja" (atļauja kaut ko
uzturēt) vietā "uzturēšanās atļauja", "lasītajiem" (izlasītajiem) vietā "lasītājiem". Pārbaudītājs
zina biežāk sajauktos vārdu pārus.

## Piemērs
    Uzturēšanas atļaujas izsniegšana ārzemniekiem

## Labāk
    Uzturēšanās atļaujas izsniegšana ārzemniekiem

## Labojums
Ieteikums (jāpārbauda): parastais vārds.

## Why is this bad?
Some misspellings are real words, so a dictionary cannot catch them: "uzturēšanas atļauja" (a permit for
maintenance) instead of "uzturēšanās atļauja" (a residence permit), "lasītajiem" (the read ones) instead of
"lasītājiem" (readers). The pairs are kept in linter/data/confusables.tsv.

## Example
    Uzturēšanas atļaujas izsniegšana ārzemniekiem

## Use instead
    Uzturēšanās atļaujas izsniegšana ārzemniekiem

## Fix
Suggestion (unsafe): the usual word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import data_lines, finding

CODE = "L003"
NAME = "confusable-word"
CATEGORY = Category.SPELLING
SEVERITY = Severity.WARNING
SOURCE = "Latviešu valodas pareizrakstība (bieži sajaukti vārdi)"
BAD = ["Uzturēšanas atļaujas izsniegšana ārzemniekiem", "Grāmatu izsniegšana lasītajiem"]
GOOD = ["Uzturēšanās atļaujas izsniegšana ārzemniekiem", "Grāmatu izsniegšana lasītājiem"]


@lru_cache(maxsize=1)
def _pairs() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    out = []
    for line in data_lines("confusables.tsv"):
        parts = line.split("\t")
        if len(parts) == 2:
            out.append((re.compile(rf"(?<!\w){re.escape(parts[0])}", re.I), parts[0], parts[1]))
    return tuple(out)


def check(name: ServiceName) -> Iterator[Finding]:
    text = name.parsed.text
    for rx, wrong, right in _pairs():
        m = rx.search(text)
        if not m:
            continue
        found = m.group(0)
        repl = right[:1].upper() + right[1:] if found[:1].isupper() else right
        yield finding(__name__, f"\"{found}\" — vai domāts \"{repl}\"?", f"\"{found}\" — did you mean \"{repl}\"?",
                      text[: m.start()] + repl + text[m.end():])
