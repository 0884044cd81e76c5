"""Names typed without diacritics (and in other cases) get the same structural verdicts as the proper ones."""

from __future__ import annotations

import pytest

from assistant.textnorm import fold
from linter.api import check_names
from linter.registry import all_rules

# every rule's examples, except the spelling/style ones whose point is the typing itself
NAMES = sorted({t for r in all_rules() if r.CATEGORY.value not in ("spelling", "style") for t in (*r.BAD, *r.GOOD)})
IGNORED = {"spelling", "style"}


def _cats(name: str) -> set[str]:
    res = check_names([name], portfolio=False).names[0]
    return {f.category.value for f in res.findings if f.severity.rank >= 1} - IGNORED


@pytest.mark.parametrize("name", NAMES)
def test_folded_name_same_categories(name: str) -> None:
    plain = fold(name)
    plain = plain[:1].upper() + plain[1:]
    assert _cats(plain) == _cats(name)


@pytest.mark.parametrize("name", ["Pieteikšanās bezdarbnieka statusam", "Konsultācijas par iestādes pakalpojumiem",
                                  "Bērna kopšanas pabalsts", "Vecuma pensijas piešķiršana"])
def test_case_does_not_change_structure(name: str) -> None:
    assert _cats(name.upper()) - {"length"} == _cats(name) - {"length"}
    assert _cats(name.lower()) == _cats(name)


def test_folded_name_is_flagged_for_spelling_with_restored_suggestion() -> None:
    res = check_names(["Buvatlaujas izsniegsana juridiskam personam"], portfolio=False).names[0]
    assert "L001" in {f.code for f in res.findings}
    assert res.suggestion == "Būvatļaujas izsniegšana juridiskām personām"
