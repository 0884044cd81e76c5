"""Darbība ir pakalpojuma saņēmēja, nevis sniedzēja. / The action is the recipient's, not the provider's.

## Kāpēc tas ir slikti?
„Darbība raksturo, ko dara pakalpojuma sniedzējs (pakalpojums ir darbība vai darbības, ko veic
pakalpojuma sniedzējs, nevis pakalpojuma saņēmējs)” (002). Pieteikšanās, saņemšana, iesniegšana,
deklarēšana vai maksāšana ir tas, ko dara klients ("Pieteikšanās ...", "... saņemšana", "Iesnieguma
iesniegšana", "Dzīvesvietas deklarēšana"). Nosauciet, ko iestāde dara pretī.

## Piemērs
    Pieteikšanās bezdarbnieka statusam

## Labāk
    Bezdarbnieka statusa piešķiršana

## Labojums
Tikai ieteikums (jāpārbauda): saņēmēja darbību aizstāj ar sniedzēja parasto atbilstošo darbību, un datīva
objektu pārveido ģenitīvā pirms tās.

## Why is this bad?
"Darbība raksturo, ko dara pakalpojuma sniedzējs (pakalpojums ir darbība vai darbības, ko veic pakalpojuma
sniedzējs, nevis pakalpojuma saņēmējs)" (002). Applying, receiving, submitting, declaring or paying is what
the customer does ("Pieteikšanās ...", "... saņemšana", "Iesnieguma iesniegšana", "Dzīvesvietas
deklarēšana"). Name what the institution does in response.

## Example
    Pieteikšanās bezdarbnieka statusam

## Use instead
    Bezdarbnieka statusa piešķiršana

## Fix
Suggestion only (unsafe): the recipient's action is replaced by the provider's usual counterpart
(linter/data/recipient_actions.tsv) and a dative object is re-inflected into the genitive before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from linter.model import Category, Finding, ServiceName, Severity
from linter.nlp import is_feminine_lemma, to_genitive
from linter.rules._util import cap, data_lines, data_map, data_set, finding, fold_word, plural_only

CODE = "N005"
NAME = "recipient-action"
CATEGORY = Category.RECIPIENT_ACTION
SEVERITY = Severity.ERROR
SOURCE = ("002: Darbība raksturo, ko dara pakalpojuma sniedzējs (..., ko veic pakalpojuma sniedzējs, nevis "
          "pakalpojuma saņēmējs)")
BAD = ["Pieteikšanās bezdarbnieka statusam", "Pases saņemšana", "Iesnieguma iesniegšana",
       "Dzīvesvietas deklarēšana", "Reģistrēties bezdarbnieka uzskaitē", "Makšķerēšanas kartes iegāde",
       "Lietotu bateriju nodošana pārstrādei", "Grāmatu nodošana bibliotēkā"]
GOOD = ["Bezdarbnieka statusa piešķiršana", "Pases izsniegšana", "Dzīvesvietas deklarācijas reģistrācija",
        "Iestādes lietvedības kārtošana", "Mācību grāmatu iegāde skolām", "Ēkas nodošana ekspluatācijā",
        "Sporta zāles nodošana lietošanā biedrībām"]


@lru_cache(maxsize=1)
def _restricted() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for line in data_lines("recipient_action_objects.txt"):
        parts = line.split()
        out[fold_word(parts[0])] = {fold_word(x) for x in parts[1:]}
    return out


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    recip = data_map("recipient_actions.tsv")
    for i, x in enumerate(p.infos[:2]):
        if x.pos == "VERB" and x.folded.endswith("ties"):
            yield finding(__name__, f"\"{p.tokens[i]}\" ir pakalpojuma saņēmēja darbība",
                          f"\"{p.tokens[i]}\" is the recipient's action")
            return
    if p.action_index is not None:
        lemma = fold_word(p.lemmas[p.action_index])
        if lemma not in recip:
            return
        allowed = _restricted().get(lemma)
        if allowed is not None:
            objs = {fold_word(p.lemmas[i]) for i in p.object_indices}
            if not objs & allowed:
                return
        quals = [p.infos[i] for i in p.qualifier_indices]
        if lemma == "nodosana" and any("loc" in x.cases and fold_word(x.lemma) in data_set("handover_for_use.txt")
                                       for x in quals):
            return  # the provider hands something over for use ("Telpu nodošana lietošanā")
        if lemma in ("iegade", "iegusana") and any(x.pos == "NOUN" and x.cases == frozenset({"dat"}) for x in quals):
            return  # acquired for someone named in the dative ("Mācību grāmatu iegāde skolām"): the provider's act
        word = p.tokens[p.action_index]
        yield finding(__name__, f"\"{word}\" ir pakalpojuma saņēmēja darbība; nosauciet, ko dara iestāde",
                      f"\"{word}\" is the recipient's action; name what the institution does",
                      suggest(name, recip[lemma]))


def suggest(name: ServiceName, replacement: str) -> str | None:
    p = name.parsed
    if replacement == "-" or p.action_index is None:
        return None
    a = p.action_index
    before = list(p.tokens[:a])
    after = list(p.tokens[a + 1:])
    if not any(p.infos[i].pos in ("NOUN", "PROPN") for i in range(a)):
        # "Pieteikšanās bezdarbnieka statusam": the dative goal becomes the genitive object
        k = None
        for j in range(a + 1, len(p.infos)):
            if p.infos[j].pos == "NOUN" and "dat" in p.infos[j].cases:
                k = j
                break
            if p.infos[j].pos not in ("NOUN", "ADJ"):
                break
        if k is None:
            return None
        noun = p.infos[k]
        plural = plural_only(noun)
        fem = is_feminine_lemma(noun.lemma)
        before = [to_genitive(p.tokens[j], plural=plural, feminine=fem) if p.infos[j].pos == "ADJ" else p.tokens[j]
                  for j in range(a + 1, k)] + [to_genitive(p.tokens[k])]
        after = list(p.tokens[k + 1:])
    words = [w.lower() if i == 0 else w for i, w in enumerate(before)] + [replacement] + after
    return cap(" ".join(words))
