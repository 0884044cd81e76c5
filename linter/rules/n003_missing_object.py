"""Nosaukumā nav objekta. / The name has no object.

## Kāpēc tas ir slikti?
„Obligātas ir 2 sastāvdaļas: objekts + darbība” (002). "Izsniegšana juridiskām personām"
nepasaka, kas tiek izsniegts. Objektu raksta ģenitīvā pirms darbības ("Būvatļaujas izsniegšana").
Atbalsta darbības, kurām temats seko aiz tām ("Konsultācijas par ...", "Saziņa ar ..."), vērtē noteikumi par
to, kas nav pakalpojums.

## Piemērs
    Izsniegšana juridiskām personām

## Labāk
    Būvatļaujas izsniegšana juridiskām personām

## Labojums
Automātiska labojuma nav: objektu zina tikai iestāde.

## Why is this bad?
"Obligātas ir 2 sastāvdaļas: objekts + darbība" (002). "Izsniegšana juridiskām personām" does not say what is
issued. The object stands in the genitive before the action ("Būvatļaujas izsniegšana"). Support-like actions
whose topic follows ("Konsultācijas par ...", "Saziņa ar ...") are left to the non-service rules.

## Example
    Izsniegšana juridiskām personām

## Use instead
    Būvatļaujas izsniegšana juridiskām personām

## Fix
No automatic fix: only the institution knows the object.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import data_map, data_set, finding, fold_word

CODE = "N003"
NAME = "missing-object"
CATEGORY = Category.MISSING_OBJECT
SEVERITY = Severity.ERROR
SOURCE = "002: Obligātas ir 2 sastāvdaļas: objekts + darbība"
BAD = ["Izsniegšana juridiskām personām", "Reģistrācija", "Piešķiršana un izmaksa bezdarbniekiem",
       "Pagarināšana uz vienu gadu", "Saskaņošana ar būvvaldi"]
GOOD = ["Būvatļaujas izsniegšana juridiskām personām", "Metodiskā vadība novadu bibliotēkām",
        "Konsultācijas par iestādes pakalpojumiem", "Saziņa ar plašsaziņas līdzekļiem",
        "Palīdzība dzīvokļa apmaiņā"]

_OBJECT_PREPS = {"par", "ar", "uz"}


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    if p.action_index is None:
        return
    if any(p.infos[i].pos in ("NOUN", "PROPN", "ADJ", "ABBR", "NUM", "X") for i in p.object_indices):
        return
    if any(x.pos == "VERB" for x in p.infos[: p.action_index]):
        return  # "Sniegt konsultācijas ...": N004 rewrites the verb and its object
    if fold_word(p.lemmas[p.action_index]) in data_map("recipient_actions.tsv"):
        return  # "Pieteikšanās ...": the recipient's own act; N005 names the problem
    # the topic of "konsultācijas par ...", "saziņa ar ...", "palīdzība veidlapu aizpildīšanā" is its object;
    # only actions that take their object so (linter/data/complement_actions.txt) do: "Piešķiršana uz vienu
    # gadu" and "Saskaņošana ar būvvaldi" still do not say what is granted or agreed
    takes_pp = fold_word(p.lemmas[p.action_index]) in data_set("complement_actions.txt")
    for i in p.qualifier_indices:
        info = p.infos[i]
        if info.folded in _OBJECT_PREPS and takes_pp:
            return
        if (info.deverbal or info.is_action) and "loc" in info.cases:
            return  # help in doing something ("... aizpildīšanā", "... apmaiņā")
    action = p.tokens[p.action_index].lower()
    if takes_pp:  # "Konsultācijas": the topic follows ("... par būvniecību", "... ar plašsaziņas līdzekļiem")
        yield finding(__name__, f"Nav norādīts, par ko vai ar ko ir „{action}” (darbības objekts aiz tās, piemēram, "
                                f"„{action} par …”)",
                      "The name does not say what the action is about (its object after it, e.g. \"... par ...\")")
        return
    yield finding(__name__, f"Nav norādīts, uz ko attiecas darbība „{action}” (objektu raksta ģenitīvā pirms "
                            "darbības)",
                  "The name does not say what the action applies to (object in the genitive before the action)")
