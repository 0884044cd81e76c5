"""Every rule's BAD examples fire it and its GOOD examples do not; every rule is documented the same way."""

from __future__ import annotations

import re

import pytest

from linter.model import Category, ServiceName, Severity
from linter.registry import META_RULES, all_rules, rules_markdown

RULES = all_rules()
CASES = [(r.CODE, text, True) for r in RULES for text in r.BAD] + [
    (r.CODE, text, False) for r in RULES for text in r.GOOD
]


@pytest.mark.parametrize(("code", "text", "fires"), CASES, ids=[f"{c}-{'bad' if f else 'good'}-{t[:30]}" for c, t, f in CASES])
def test_rule_examples(code: str, text: str, fires: bool) -> None:
    rule = next(r for r in RULES if r.CODE == code)
    found = [f for f in rule.check(ServiceName(text)) if f.code == code]
    assert bool(found) is fires, f"{code} on {text!r}: {[f.message for f in found]}"
    for f in found:
        assert " / " in f.message  # Latvian / English
        assert f.source


@pytest.mark.parametrize("rule", RULES, ids=[r.CODE for r in RULES])
def test_rule_is_documented(rule) -> None:  # noqa: ANN001
    from linter.api import doc_parts
    from tests.english_words import english_words_in

    doc = rule.__doc__ or ""
    lv, en = doc_parts(doc)
    for section in ("## Kāpēc tas ir slikti?", "## Piemērs", "## Labāk", "## Labojums"):
        assert section in lv, f"{rule.CODE} lacks {section}"
    for section in ("## Why is this bad?", "## Example", "## Use instead", "## Fix"):
        assert section in en, f"{rule.CODE} lacks {section}"
    assert " / " in doc.splitlines()[0]
    # the Latvian half is Latvian (the web app shows it); file names and quoted policy text aside
    prose = re.sub(r'linter/data/\S+|"[^"]*"|„[^”]*”', "", lv)
    assert english_words_in(prose) == [], f"{rule.CODE}: English in the Latvian documentation"
    assert isinstance(rule.CATEGORY, Category) and isinstance(rule.SEVERITY, Severity)
    assert rule.BAD and rule.GOOD
    assert rule.NAME == rule.NAME.lower() and " " not in rule.NAME


def test_codes_unique_and_table_generated() -> None:
    codes = [r.CODE for r in RULES] + list(META_RULES)
    assert len(codes) == len(set(codes))
    table = rules_markdown()
    for code in codes:
        assert f"| {code} |" in table


def test_every_category_has_a_rule() -> None:
    assert {r.CATEGORY for r in RULES} == set(Category)
