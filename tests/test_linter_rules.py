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


def _user_facing_lv() -> list[tuple[str, str]]:
    """Every Latvian text the web app shows for the rules: the help (explain, lang="lv") and the message of
    each BAD example's finding."""
    from linter.api import explain
    from linter.registry import all_codes

    texts = [(code, explain(code, lang="lv")) for code in all_codes()]
    for r in RULES:
        for text in r.BAD:
            texts += [(r.CODE, f.message_lv) for f in r.check(ServiceName(text))]
    return texts


def test_user_facing_texts_have_no_developer_wording() -> None:
    from tests.english_words import english_words_in

    for code, text in _user_facing_lv():
        assert "test" not in text.lower(), f"{code}: {text!r}"
        assert "linter/" not in text and "hunspell" not in text.lower(), f"{code}: a file or tool name: {text!r}"
        prose = re.sub(r'"[^"]*"|„[^”]*”|lint_ignore|allow_abbreviations|\bR\b', "", text)
        assert english_words_in(prose) == [], f"{code}: English in {text!r}"


def test_help_examples_heading_is_plain() -> None:
    from linter.api import explain

    assert "\n## Piemēri\n" in explain("N001", lang="lv")
    assert "\n## Examples\n" in explain("N001", lang="en")


@pytest.mark.parametrize(("text", "expected"), [
    ("Konsultācijas", "Nav norādīts, par ko vai ar ko ir „konsultācijas”"),
    ("Izsniegšana juridiskām personām", "Nav norādīts, uz ko attiecas darbība „izsniegšana”"),
])
def test_missing_object_message_is_correct_latvian(text: str, expected: str) -> None:
    from linter.rules import n003_missing_object

    msgs = [f.message_lv for f in n003_missing_object.check(ServiceName(text))]
    assert len(msgs) == 1 and msgs[0].startswith(expected), msgs
    assert "kas tiek" not in msgs[0]


@pytest.mark.parametrize(("n", "words"), [(1, "1 vārds"), (2, "2 vārdi"), (11, "11 vārdi"), (21, "21 vārds")])
def test_word_count_agrees_with_the_number(n: int, words: str) -> None:
    from linter.rules.n001_name_length import words_lv

    assert words_lv(n) == words


def test_misspelling_message_agrees_with_the_number() -> None:
    from linter.nlp import hunspell_available
    from linter.rules import l002_misspelling

    assert hunspell_available()  # the environment ships hunspell-lv; without it L002 is silent
    one = [f.message_lv for f in l002_misspelling.check(ServiceName("Personas apliecības izsniegšna"))]
    assert one and one[0].startswith("Vārds nav atrasts vārdnīcā"), one
