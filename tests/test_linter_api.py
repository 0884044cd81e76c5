"""linter.api: the library contract used by the web app and triage (check_names, explain, suppressions)."""

from __future__ import annotations

import pytest

import linter.api as api
from linter.api import check_names, explain, parse_suppressions
from linter.config import LintConfig, config_from_mapping
from linter.errors import LintConfigError, LintInputError
from linter.model import Severity


def test_check_names_contract() -> None:
    rep = check_names(["Pases saņemšana", "Vecuma pensijas piešķiršana"], portfolio=False)
    d = rep.to_json_dict()
    assert [n["row"] for n in d["names"]] == [1, 2]
    assert d["names"][1]["valid"] is True and d["names"][0]["valid"] is False
    assert d["portfolio"] == []
    assert d["summary"]["by_category"]["recipient_action"] == 1
    assert rep.failed() and not check_names(["Vecuma pensijas piešķiršana"], portfolio=False).failed()


def test_rows_are_passed_through() -> None:
    rep = check_names(["Pases saņemšana"], rows=[7], portfolio=False)
    assert rep.names[0].row == 7 and rep.names[0].findings[0].row == 7


def test_portfolio_groups_map_rows(monkeypatch) -> None:  # noqa: ANN001
    class G:
        def to_dict(self):  # noqa: ANN202
            return {"code": "P001", "category": "duplicate", "rows": [1, 2], "message": "m", "suggestion": None}

    import linter.portfolio as portfolio

    monkeypatch.setattr(portfolio, "find_groups", lambda names, semantic=False: [G()])
    rep = check_names(["Pases izsniegšana", "Pases izsniegšana"], rows=[4, 9])
    assert rep.portfolio[0]["rows"] == [4, 9]
    assert rep.names[0].groups and all(f.code[0] != "P" for r in rep.names for f in r.findings)


def test_portfolio_failure_is_reported_not_raised(monkeypatch) -> None:  # noqa: ANN001
    import linter.portfolio as portfolio

    def boom(names, semantic=False):  # noqa: ANN001, ANN202
        raise RuntimeError("x")

    monkeypatch.setattr(portfolio, "find_groups", boom)
    rep = check_names(["Pases izsniegšana Latvijas pilsoņiem"])
    assert rep.portfolio == [] and rep.problems


def test_rule_crash_does_not_lose_the_name(monkeypatch) -> None:  # noqa: ANN001
    from linter.rules import n001_name_length

    def crash(name):  # noqa: ANN001, ANN202
        raise ValueError("bug")

    monkeypatch.setattr(n001_name_length, "check", crash)
    rep = check_names(["Pasu izsniegšana", "Pases izsniegšana Latvijas pilsoņiem"], portfolio=False)
    assert [r.name for r in rep.names] == ["Pasu izsniegšana", "Pases izsniegšana Latvijas pilsoņiem"]
    # the name was not fully checked: an input problem says so (Latvian first), per name, with the rule's code
    crashes = [p for p in rep.problems if "N001" in p.lv]
    assert [p.row for p in crashes] == [1, 2]
    assert "noteikums nevarēja pārbaudīt" in crashes[0].lv and "ValueError: bug" in crashes[0].en
    assert "ValueError" not in crashes[0].lv and "bug" not in crashes[0].lv  # English stays in the English half


def test_fixes_respect_the_config_and_unsafe_flags() -> None:
    from linter.__main__ import apply_safe_fixes
    from linter.api import fix_until_stable

    cfg = config_from_mapping({"allow_abbreviations": ["PVN"]})
    # an allowed abbreviation is not expanded by the combined suggestion
    name = "pases saņemšana PVN  maksātājiem"
    assert check_names([name], config=cfg, portfolio=False).names[0].suggestion == "Pases izsniegšana PVN maksātājiem"
    assert "PVN" not in check_names([name], portfolio=False).names[0].suggestion  # default config expands it
    assert "PVN" in fix_until_stable("Pases saņemšana PVN", ("T005",), cfg)
    # lower-casing every word of an all-capitalised name is not a safe fix (proper nouns)
    assert apply_safe_fixes("Pases Izsniegšana Latvijas Pilsoņiem", cfg) == "Pases Izsniegšana Latvijas Pilsoņiem"
    assert apply_safe_fixes("  pases izsniegšana  ", cfg) == "Pases izsniegšana"


def test_extras_must_match_the_names() -> None:
    with pytest.raises(LintInputError):
        check_names(["Pases izsniegšana", "Vīzu izsniegšana"], extras=[{"a": 1}], portfolio=False)


def test_config_mapping_and_overrides() -> None:
    cfg = config_from_mapping({"select": ["N", "S"], "ignore": ["S005"], "severity": {"N001": "error"}})
    assert "S005" not in cfg.enabled_codes() and "T001" not in cfg.enabled_codes()
    rep = check_names(["Pasu izsniegšana"], config=cfg, portfolio=False)
    assert rep.names[0].findings[0].severity is Severity.ERROR
    with pytest.raises(LintConfigError):
        config_from_mapping({"severity": {"N001": "fatal"}})
    with pytest.raises(LintConfigError):
        LintConfig().with_overrides(min_severity="loud")


def test_parse_suppressions() -> None:
    assert parse_suppressions("S005: mūsu pamatdarbība; t005: iestādes saīsinājums") == [
        ("S005", "mūsu pamatdarbība"), ("T005", "iestādes saīsinājums")]
    assert parse_suppressions("S005") == [("S005", "")]
    assert parse_suppressions(None) == []


def test_explain() -> None:
    text = explain("S001")
    assert text.startswith("S001 support-for-own-services") and "002" in text
    assert "X001" in explain("unused-suppression")
    assert api.__all__


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("  pases izsniegšana Latvijas pilsoņiem.", "Pases izsniegšana Latvijas pilsoņiem"),
        ("konsultacijas par iestades pakalpojumiem", "Konsultācijas par iestādes pakalpojumiem"),
        ("Sociālais dzīvoklis maznodrošinātām personām.", "Sociālā dzīvokļa izīrēšana maznodrošinātām personām"),
        ("Pieteikšanās sociālajai palīdzībai", "Sociālās palīdzības piešķiršana"),
        ("Sniegt konsultācijas uzņēmējiem", "Konsultāciju sniegšana uzņēmējiem"),
        ("PVN maksātāju reģistrācija.", "Pievienotās vērtības nodokļa maksātāju reģistrācija"),
        ("Vadītāja Apliecības Izsniegšana", "Vadītāja apliecības izsniegšana"),
        ("Pases izsniegšana Latvijas pilsoņiem", None),
    ],
)
def test_combined_suggestion(name: str, expected: str | None) -> None:
    assert check_names([name], portfolio=False).names[0].suggestion == expected


def test_check_names_rejects_a_single_string_and_reports_empty_names() -> None:
    from linter.errors import LintInputError

    with pytest.raises(LintInputError, match="saraksts"):
        check_names("Pases izsniegšana")
    with pytest.raises(LintInputError, match="row numbers"):
        check_names(["Pases izsniegšana", "Pases saņemšana"], rows=[1])
    r = check_names(["Pases izsniegšana Latvijas pilsoņiem", None, "  "], portfolio=False)  # type: ignore[list-item]
    assert [p.row for p in r.problems] == [2, 3] and "tukšs" in r.problems[0].lv
    assert r.to_json_dict()["summary"]["input_problems"][0]["row"] == 2


def test_missing_dictionary_is_reported_not_passed_quietly(monkeypatch) -> None:  # noqa: ANN001
    import linter.nlp as nlp

    monkeypatch.setattr(nlp, "hunspell_available", lambda: False)
    rep = check_names(["Pases izsniegšana Latvijas pilsoņiem"], portfolio=False)
    assert any("hunspell-lv" in p.lv and p.row is None for p in rep.problems)
    rep = check_names(["Pases izsniegšana"], portfolio=False, config=config_from_mapping({"select": ["N"]}))
    assert not any("hunspell-lv" in p.lv for p in rep.problems)  # spelling was not asked for
    monkeypatch.undo()
    assert not any("hunspell-lv" in p.lv for p in check_names(["Pases izsniegšana"], portfolio=False).problems)


def test_portfolio_never_suggests_a_name_the_linter_flags() -> None:
    """P003 used to suggest "Pases izsniegšana" while N001 flags 2-word names: a suggested name goes through the
    same rules; one that fails them is not suggested, and the message says why and what to do."""
    rep = check_names(["Pases izsniegšana bērniem", "Pases izsniegšana pieaugušajiem"])
    (g,) = rep.portfolio
    assert g["code"] == "P003" and g["suggestion"] is None
    lv = rep.portfolio_lv[0]
    assert "„Pases izsniegšana” neatbilst nosaukuma prasībām" in lv and "Nosaukumā ir 2 vārdi" in lv
    assert lv in g["message"] and "no merged name is suggested" in g["message"]
    # a passing merged name is still suggested
    ok = check_names(["Bērna kopšanas pabalsta piešķiršana vecākiem", "Bērna kopšanas pabalsta piešķiršana"])
    assert [x["suggestion"] for x in ok.portfolio] == ["Bērna kopšanas pabalsta piešķiršana"]


def test_every_suggested_group_name_passes_the_rules() -> None:
    """Over the labelled portfolio lists (hundreds of real-looking names): no group proposes a flagged name."""
    import json
    from pathlib import Path

    from linter.api import NAME_SUGGESTING_GROUPS

    suggested = 0
    for f in sorted((Path(__file__).parent.parent / "evals" / "sets" / "portfolio").glob("*.json")):
        names = json.loads(f.read_text(encoding="utf-8"))["names"]
        for g in check_names(names).portfolio:
            if g["code"] in NAME_SUGGESTING_GROUPS and g["suggestion"]:
                suggested += 1
                assert check_names([g["suggestion"]], portfolio=False).names[0].valid, (f.name, g)
    assert suggested >= 10  # the check ran over real suggestions
