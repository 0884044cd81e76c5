"""Politikas, plānošanas dokumentu, vadlīniju vai normatīvo aktu izstrāde nav pakalpojums. / Drafting policy, plans, guidelines or regulations is not a service.

## Kāpēc tas ir slikti?
„Par pakalpojumu nav jāuzskata: publiskās pārvaldes administratīvo funkciju īstenošana, tostarp
politiku, plānošanas dokumentu, vadlīniju un normatīvā regulējuma izveide” (002). Šāda dokumenta veidošana ir
tas pats darbs neatkarīgi no tā, vai iestāde to izstrādā pati vai sniedz atzinumu par cita izstrādātu projektu
vai to saskaņo ("Atzinumu sniegšana par normatīvo aktu projektiem", "Likumprojektu saskaņošana"). Atzinums par
personu vai lietu ("Komisijas atzinuma sniegšana bērnam") nav politikas darbs.

## Piemērs
    Nozares politikas izstrāde
    Saistošo noteikumu izstrāde
    Atzinumu sniegšana par likumprojektiem

## Labāk
    Atstājiet to iestādes funkcijās, nevis pakalpojumu sarakstā.

## Labojums
Automātiska labojuma nav.

## Why is this bad?
"Par pakalpojumu nav jāuzskata: publiskās pārvaldes administratīvo funkciju īstenošana, tostarp politiku,
plānošanas dokumentu, vadlīniju un normatīvā regulējuma izveide" (002). Shaping such a document is the same
work whether the institution drafts it or gives its opinion on, or agrees, another's draft ("Atzinumu
sniegšana par normatīvo aktu projektiem", "Likumprojektu saskaņošana"). An opinion about a person or a
thing ("Komisijas atzinuma sniegšana bērnam") is not policy work.

## Example
    Nozares politikas izstrāde
    Saistošo noteikumu izstrāde
    Atzinumu sniegšana par likumprojektiem

## Use instead
    Keep it in the institution's functions, not in its service list.

## Fix
No automatic fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import data_set, finding, fold_word

CODE = "S004"
NAME = "policy-drafting"
CATEGORY = Category.NON_SERVICE_ADMIN
SEVERITY = Severity.ERROR
SOURCE = ("002: Par pakalpojumu nav jāuzskata: ... politiku, plānošanas dokumentu, vadlīniju un normatīvā "
          "regulējuma izveide")
BAD = ["Nozares politikas izstrāde", "Saistošo noteikumu izstrāde", "Normatīvo aktu projektu sagatavošana",
       "Pašvaldības attīstības programmas izstrāde", "Atzinumu sniegšana par likumprojektiem",
       "Normatīvo aktu projektu saskaņošana"]
GOOD = ["Tehnisko noteikumu izsniegšana piesārņojošām darbībām", "Zemes ierīcības projekta apstiprināšana",
        "Notariālā akta sagatavošana", "Tehnisko noteikumu sagatavošana būvniecībai",
        "Komisijas atzinuma sniegšana par bērna izglītības programmu", "Būvprojekta saskaņošana"]


# what one gives on a draft: an opinion, comments, proposals, objections
_OPINIONS = {"atzinums", "viedoklis", "komentars", "priekslikums", "iebildums"}
# what one does with another's draft
_REVIEW = {"saskanosana", "izvertesana", "vertesana", "izskatisana"}


def _policy_document(words: set[str]) -> bool:
    """Folded words name a policy document: a policy object, regulations ("normatīvie akti", "likumprojekts"),
    or a document that is policy only with its modifier ("saistošie/Ministru kabineta noteikumi",
    "attīstības programma/plāns"; not "tehniskie noteikumi", "izglītības programma")."""
    qualified = any(o.startswith("noteikum") for o in words) and any(
        o.startswith(("saistos", "kabinet", "iekse")) for o in words) or any(
        o.startswith(("programm", "plan")) for o in words) and any(
        o.startswith(("attistib", "ricib", "darbib")) for o in words)
    return qualified or bool(words & data_set("policy_objects.txt")) or any(
        o.startswith(("normativ", "likumprojekt", "metodisk")) for o in words)


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    if p.action_index is None:
        return
    actions = {fold_word(p.lemmas[i]) for i in p.action_indices}
    objects = {fold_word(p.lemmas[i]) for i in p.object_indices} | {p.folded[i] for i in p.object_indices}
    # an opinion on a draft ("Atzinumu sniegšana par normatīvo aktu projektiem"), or reviewing the draft itself
    after_par = [i for i in range(len(p.folded)) if "par" in p.folded[:i]]
    topic = {fold_word(p.lemmas[i]) for i in after_par} | {p.folded[i] for i in after_par}
    if (objects & _OPINIONS and _policy_document(topic)) or (
            actions & _REVIEW and _policy_document(objects) and any("projekt" in o for o in objects)):
        yield _f()
        return
    if not actions & data_set("policy_actions.txt"):
        return
    if _policy_document(objects):
        yield _f()


def _f() -> Finding:
    return finding(__name__, "Politikas, plānošanas dokumentu vai normatīvo aktu izstrāde ir administratīvā funkcija, nevis pakalpojums",
                   "Drafting policy, planning documents or regulations is an administrative function, not a service")
