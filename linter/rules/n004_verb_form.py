"""Darbības vārda forma darbības lietvārda vietā. / A verb instead of an action noun.

## Kāpēc tas ir slikti?
Nosaukums ir „objekts + darbība + papildu informācija” (002): darbību nosauc ar darbības
lietvārdu ("Semināru organizēšana"), nevis ar darbības vārdu kā rīkojumu ("Reģistrēt uzņēmumu" izklausās pēc
norādījuma).

## Piemērs
    Reģistrēt uzņēmumu

## Labāk
    Uzņēmuma reģistrēšana

## Labojums
Tikai ieteikums (jāpārbauda): nenoteiksme kļūst par -šana lietvārdu, un akuzatīva objekts pārceļas pirms tā
ģenitīvā ("Izsniegt būvatļauju fiziskām personām" → "Būvatļaujas izsniegšana fiziskām personām").

## Why is this bad?
The name is "objekts + darbība + papildu informācija" (002): the action is named by an action noun
("Semināru organizēšana"), not ordered with a verb ("Reģistrēt uzņēmumu" reads like an instruction).

## Example
    Reģistrēt uzņēmumu

## Use instead
    Uzņēmuma reģistrēšana

## Fix
Suggestion only (unsafe): the infinitive becomes its -šana noun and the accusative object moves before it in
the genitive ("Izsniegt būvatļauju fiziskām personām" -> "Būvatļaujas izsniegšana fiziskām personām").
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.nlp import is_feminine_lemma, to_genitive, verb_to_action
from linter.rules._util import cap, finding

CODE = "N004"
NAME = "verb-instead-of-action-noun"
CATEGORY = Category.MISSING_ACTION
SEVERITY = Severity.ERROR
SOURCE = "002: pakalpojuma nosaukums = objekts + darbība + papildu informācija"
BAD = ["Reģistrēt uzņēmumu", "Izsniegt būvatļauju fiziskām personām", "Piešķirt dzīvokļa pabalstu pensionāriem"]
GOOD = ["Uzņēmuma reģistrēšana komercreģistrā", "Būvatļaujas izsniegšana fiziskām personām"]


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    verbs = [i for i, x in enumerate(p.infos) if x.pos == "VERB" and x.verb_form is not None]
    if not verbs:
        return
    v = verbs[0]
    if p.action_index is not None and p.action_index < v:
        return
    if p.infos[v].verb_form == "fin" and p.action_index is not None:
        return  # "Algotu pagaidu darbu nodrošināšana": a verb-like modifier before a real action
    if v > 1:
        return  # a verb deep inside a relative clause ("personām, kuras sasniegušas ...")
    yield finding(__name__, f"\"{p.tokens[v]}\" ir darbības vārds; lietojiet darbības lietvārdu (-šana)",
                  f"\"{p.tokens[v]}\" is a verb; use an action noun (-šana)", suggest(name, v))


def suggest(name: ServiceName, v: int) -> str | None:
    p = name.parsed
    if p.infos[v].folded.endswith("ties"):
        return None  # a reflexive verb is the recipient's act: N005 proposes the provider's action
    action = verb_to_action(p.tokens[v])
    if not action:
        return None
    j = v + 1
    obj: list[int] = []
    while j < len(p.infos) and p.infos[j].pos in ("ADJ", "NOUN") and (
        p.infos[j].pos == "ADJ" or p.infos[j].can_be("acc", "gen")
    ):
        obj.append(j)
        if p.infos[j].pos == "NOUN" and "acc" in p.infos[j].cases:
            j += 1
            break
        j += 1
    if not obj:
        return None
    head = p.infos[obj[-1]]
    # after a verb the object is accusative: -u is singular, -as/-es/-us/-is plural ("Sniegt konsultācijas")
    plural = head.form.endswith(("as", "es", "us", "is")) or (
        "pl" in head.number and "sg" not in head.number and not head.form.endswith("u"))
    fem = is_feminine_lemma(head.lemma)
    words = [to_genitive(p.tokens[i], plural=plural, feminine=fem).lower() if p.infos[i].pos == "NOUN" or
             p.infos[i].pos == "ADJ" else p.tokens[i] for i in obj]
    words.append(action)
    words.extend(p.tokens[k] for k in range(j, len(p.tokens)))
    words = list(p.tokens[:v]) + words
    return cap(" ".join(words))
