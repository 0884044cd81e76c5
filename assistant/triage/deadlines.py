"""Due dates on the Latvian working-day calendar, from rule sets kept as configuration (rules.toml).

``holidays.country_holidays("LV").get_nth_working_day()`` knows public holidays, transferred days off
and working Saturdays; a "weekday and not a holiday" loop does not.

Example:
    rules = load_rules("submissions_law"); due_date(dt.date(2026, 3, 2), "answer", rules)
"""

from __future__ import annotations

import calendar
import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError

RULES_FILE = Path(__file__).with_name("rules.toml")


@dataclass(frozen=True)
class RuleSet:
    """A named set of deadlines per route."""

    name: str
    title: str
    source: str
    routes: dict[str, dict[str, Any]]


@lru_cache(maxsize=8)
def load_rules(name_or_path: str = "submissions_law") -> RuleSet:
    """A rule set by name (from the bundled rules.toml) or from a TOML file path (its first table)."""
    path = Path(name_or_path)
    if name_or_path.endswith(".toml") or path.is_file():
        if not path.is_file():
            raise ConfigError(
                f"termiņu noteikumu fails '{path}' nav atrasts", f"rules file '{path}' not found"
            )
        source_file, wanted = path, None
    else:
        source_file, wanted = RULES_FILE, name_or_path
    try:
        data = tomllib.loads(source_file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            f"termiņu noteikumus nevar nolasīt: {exc}", f"cannot read the rules: {exc}"
        ) from exc
    if wanted is None:
        wanted = next(iter(data), "")
    table = data.get(wanted)
    if not isinstance(table, dict) or not isinstance(table.get("routes"), dict):
        known = ", ".join(k for k, v in data.items() if isinstance(v, dict))
        raise ConfigError(
            f"nezināms termiņu noteikumu kopums '{wanted}' (ir: {known})",
            f"unknown rule set '{wanted}' (known: {known})",
        )
    routes = table["routes"]
    if "answer" not in routes:
        raise ConfigError(
            f"noteikumu kopumā '{wanted}' nav maršruta 'answer'", f"rule set '{wanted}' has no 'answer' route"
        )
    for route, rule in routes.items():
        _check_rule(wanted, str(route), rule)
    return RuleSet(wanted, str(table.get("title", wanted)), str(table.get("source", "")), routes)


# a deadline further away than this is a typo, not a rule (and would leave the holiday calendar's years)
_MAX_VALUE = {"working_days": 366, "months": 36}


def _check_rule(rule_set: str, route: str, rule: Any) -> None:
    """A route's rule is a table with a whole number of ``working_days`` or ``months`` (0 … a sane maximum)."""
    where_lv = f"noteikumu kopumā '{rule_set}', maršrutā '{route}'"
    where_en = f"rule set '{rule_set}', route '{route}'"
    if not isinstance(rule, dict):
        raise ConfigError(
            f"{where_lv}: gaidīta tabula ar 'working_days' vai 'months'",
            f"{where_en}: expected a table with 'working_days' or 'months'",
        )
    for key, top in _MAX_VALUE.items():
        if key not in rule:
            continue
        value = rule[key]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
            raise ConfigError(
                f"{where_lv}: '{key}' jābūt veselam skaitlim no 0 līdz {top} (ir: {value!r})",
                f"{where_en}: '{key}' must be a whole number from 0 to {top} (found: {value!r})",
            )


@lru_cache(maxsize=1)
def _calendar():  # type: ignore[no-untyped-def]
    import holidays

    return holidays.country_holidays("LV", years=range(2000, 2061))


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The n-th Latvian working day after ``start`` (start itself not counted)."""
    if n <= 0:
        return start
    return _calendar().get_nth_working_day(start, n)


def add_months(start: dt.date, months: int) -> dt.date:
    """Same day ``months`` later (clamped to the month's end)."""
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def due_date(received: dt.date, route: str, rules: RuleSet) -> dt.date:
    """The deadline for a route (unknown routes use 'answer')."""
    rule = rules.routes.get(route) or rules.routes["answer"]
    if "months" in rule:
        due = add_months(received, int(rule["months"]))
        # a deadline that falls on a day off moves to the next working day
        cal = _calendar()
        while not cal.is_working_day(due):
            due += dt.timedelta(days=1)
        return due
    return add_working_days(received, int(rule.get("working_days", 10)))
