"""Nosaukumā nav darbības. / The name has no action.

## Kāpēc tas ir slikti?
„Obligātas ir 2 sastāvdaļas: objekts + darbība” un „Pakalpojuma nosaukums raksturo, ko dara
pakalpojuma sniedzējs” (002). Nosaukums, kurā ir tikai lieta ("Bērna kopšanas pabalsts", "Ielu tirdzniecības
atļauja"), pasaka, ko saņem, bet ne to, ko dara iestāde. Darbību izsaka darbības lietvārds: -šana
(izsniegšana), -ācija (reģistrācija) un citi, piemēram, apskate, izmaksa, uzraudzība.

## Piemērs
    Bērna kopšanas pabalsts

## Labāk
    Bērna kopšanas pabalsta piešķiršana

## Labojums
Tikai ieteikums (jāpārbauda): ja galvenais lietvārds ir zināms produkts (pabalsts, atļauja, apliecība u.c.),
labojums to liek ģenitīvā un pievieno parasto darbību.

## Why is this bad?
"Obligātas ir 2 sastāvdaļas: objekts + darbība" and "Pakalpojuma nosaukums raksturo, ko dara pakalpojuma
sniedzējs" (002). A name that is only a thing ("Bērna kopšanas pabalsts", "Ielu tirdzniecības atļauja") says
what is received but not what the institution does. The action is an action noun: -šana (izsniegšana),
-ācija (reģistrācija) and others such as apskate, izmaksa, uzraudzība (see linter/data/action_nouns.txt).

## Example
    Bērna kopšanas pabalsts

## Use instead
    Bērna kopšanas pabalsta piešķiršana

## Fix
Suggestion only (unsafe): when the head noun is a known product (pabalsts, atļauja, apliecība, ...; see
linter/data/product_actions.tsv) the fix puts it into the genitive and adds the usual action.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.nlp import is_feminine_lemma, to_genitive
from linter.rules._util import cap, data_map, finding, fold_word, plural_only

CODE = "N002"
NAME = "missing-action"
CATEGORY = Category.MISSING_ACTION
SEVERITY = Severity.ERROR
SOURCE = "002: Obligātas ir 2 sastāvdaļas: objekts + darbība"
BAD = ["Bērna kopšanas pabalsts", "Ielu tirdzniecības atļauja", "Vasaras nometnes skolēniem"]
GOOD = ["Bērna kopšanas pabalsta piešķiršana", "Transportlīdzekļa tehniskā apskate", "Pensijas pārrēķins"]


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    if not p.tokens or p.action_index is not None:
        return
    if any(x.pos == "VERB" for x in p.infos):
        return  # N004 explains a verb instead of an action noun
    if not any(x.pos in ("NOUN", "PROPN", "ADJ", "X", "ABBR") for x in p.infos):
        return
    yield finding(__name__, "Nosaukumā nav darbības (ko dara pakalpojuma sniedzējs)",
                  "The name has no action (what the provider does)", suggest(name))


def suggest(name: ServiceName) -> str | None:
    p = name.parsed
    h = p.head_index
    if h is None:
        return None
    head = p.infos[h]
    if any(x.is_action for x in p.infos):
        return None  # an action noun in another case ("... izsniegšanai"): the name needs rewording, not an add-on
    action = data_map("product_actions.tsv").get(fold_word(head.lemma))
    if not action:
        return None
    fem = is_feminine_lemma(head.lemma)
    plural = plural_only(head)
    words = []
    for i in range(h):
        info = p.infos[i]
        if info.pos == "ADJ":
            words.append(to_genitive(p.tokens[i], plural=plural, feminine=fem).lower())
        else:
            words.append(p.tokens[i] if i else p.tokens[i].lower())
    words.append(to_genitive(p.tokens[h], plural=plural).lower())
    words.append(action)
    words.extend(p.tokens[i] for i in range(h + 1, len(p.tokens)))
    return cap(" ".join(words))
