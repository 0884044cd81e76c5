"""Due dates on the Latvian working-day calendar (transfers and working Saturdays included)."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.errors import ConfigError
from assistant.triage.deadlines import add_months, add_working_days, due_date, load_rules


def test_working_saturday_counts():
    # 17 Jan 2026 is a working Saturday in Latvia (transferred day)
    assert add_working_days(dt.date(2026, 1, 14), 3) == dt.date(2026, 1, 17)


def test_naive_weekday_loop_would_differ():
    start, n = dt.date(2026, 1, 14), 10
    d, left = start, n
    while left:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            left -= 1
    assert add_working_days(start, n) != d  # the naive loop misses the working Saturday


def test_holidays_skipped():
    # 4 May 2026 (Monday) is a public holiday (Restoration of Independence, moved from Sunday)
    assert add_working_days(dt.date(2026, 4, 30), 1) == dt.date(2026, 5, 5)


def test_submissions_law_routes():
    rules = load_rules("submissions_law")
    received = dt.date(2026, 3, 2)
    assert due_date(received, "answer", rules) == dt.date(2026, 3, 16)
    assert due_date(received, "redirect", rules) == dt.date(2026, 3, 9)
    assert due_date(received, "complex", rules) == dt.date(2026, 4, 2)


def test_portal_consultation_rules():
    rules = load_rules("portal_consultation")
    assert due_date(dt.date(2026, 3, 2), "answer", rules) == dt.date(2026, 3, 11)
    assert due_date(dt.date(2026, 3, 2), "redirect", rules) == dt.date(2026, 3, 3)


def test_month_end_clamped():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)


def test_unknown_rules_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError) as exc:
        load_rules("no_such_rules")
    assert "no_such_rules" in exc.value.lv
    custom = tmp_path / "r.toml"
    custom.write_text('[mine]\ntitle="x"\n[mine.routes]\nanswer={working_days=2}\n', encoding="utf-8")
    assert due_date(dt.date(2026, 3, 2), "answer", load_rules(str(custom))) == dt.date(2026, 3, 4)


@pytest.mark.parametrize(
    "rule, key",
    [
        ('{working_days = "ten"}', "working_days"),
        ("{working_days = -1}", "working_days"),
        ("{working_days = 2.5}", "working_days"),
        ('{months = "1"}', "months"),
        ("{months = true}", "months"),
    ],
)
def test_a_bad_rule_value_fails_at_load_naming_the_key(tmp_path, rule, key):
    custom = tmp_path / "bad.toml"
    custom.write_text(f"[mine]\n[mine.routes]\nanswer={{working_days=2}}\nreview={rule}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_rules(str(custom))
    # Latvian and English both name the rule set, the route and the key
    for text in (exc.value.lv, exc.value.en):
        assert key in text and "review" in text and "mine" in text


def test_a_route_that_is_not_a_table_fails_at_load(tmp_path):
    custom = tmp_path / "bad.toml"
    custom.write_text("[mine]\n[mine.routes]\nanswer=10\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_rules(str(custom))
    assert "answer" in exc.value.lv and "answer" in exc.value.en


def test_the_bundled_rule_sets_pass_the_check():
    for name in ("submissions_law", "portal_consultation"):
        assert load_rules(name).routes["answer"]
