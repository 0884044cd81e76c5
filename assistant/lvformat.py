"""Latvian formatting of values in everything staff read: spreadsheets (CSV, XLSX), the web app, drafts.

Dates are dd.mm.gggg, times are Europe/Riga local time, decimals use a comma, booleans are "jā"/"nē".
Machine formats (JSON, JSONL, SARIF) keep ISO dates and numbers; only the human-facing renderings use this module.

Example:
    date_lv("2026-11-16") == "16.11.2026"; number_lv(0.9123, 2) == "0,91"; yes_no(True) == "jā"
    datetime_lv("2026-11-16T08:05:00+00:00") == "16.11.2026 10:05"
"""

from __future__ import annotations

import datetime as dt
from typing import Any

RIGA = "Europe/Riga"


def _riga() -> dt.tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(RIGA)
    except Exception:  # noqa: BLE001 - no tz database: Latvia's standard time is better than UTC
        return dt.timezone(dt.timedelta(hours=2), "EET")


def now_utc() -> dt.datetime:
    """The present moment (UTC, aware); the one clock of :func:`riga_now` and :func:`riga_today`."""
    return dt.datetime.now(dt.UTC)


def riga_now(moment: dt.datetime | None = None) -> dt.datetime:
    """``moment`` (default: now; naive = UTC) in Riga time."""
    moment = moment or now_utc()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(_riga())


def riga_today(moment: dt.datetime | None = None) -> dt.date:
    """The calendar day in Riga at ``moment`` (default: now), whatever the server's own time zone: at 23:30 UTC
    on 1 March it is already 2 March in Riga."""
    return riga_now(moment).date()


def yes_no(value: Any) -> str:
    """ "jā" / "nē" for a truth value; "" for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return "jā" if value.strip().lower() in {"true", "1", "yes", "jā", "ja"} else "nē"
    return "jā" if value else "nē"


def _as_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def date_lv(value: Any) -> str:
    """A date (date, datetime or ISO text) as dd.mm.gggg; text that is not a date is returned as it is."""
    d = _as_date(value)
    if d is None:
        return "" if value is None else str(value)
    return f"{d.day:02d}.{d.month:02d}.{d.year:04d}"


def datetime_lv(value: Any) -> str:
    """A moment (aware datetime or ISO text; naive = UTC) as "dd.mm.gggg HH:MM" in Riga time."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value).strip())
        except ValueError:
            return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(_riga())
    return f"{date_lv(local.date())} {local.hour:02d}:{local.minute:02d}"


def number_lv(value: Any, digits: int = 2) -> str:
    """A number with a decimal comma ("0,91"); thousands are separated by a space ("12 345,6")."""
    if value is None or value == "":
        return ""
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    text = f"{x:,.{digits}f}"
    return text.replace(",", " ").replace(".", ",")


def count_lv(n: Any, one: str, many: str) -> str:
    """A count with its noun in the right number: Latvian takes the singular after numbers ending in 1 but not in
    11 ("1 jauns vektors", "21 lapa", "11 lapas", "3 lapas")."""
    try:
        k = int(n)
    except (TypeError, ValueError):
        return f"{n} {many}"
    return f"{k} {one if k % 10 == 1 and k % 100 != 11 else many}"


def size_lv(n_bytes: Any) -> str:
    """A file size for people: "740 B", "12 KB", "3,4 MB"."""
    try:
        n = int(n_bytes)
    except (TypeError, ValueError):
        return ""
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{round(n / 1024)} KB"
    return f"{number_lv(n / 1048576, 1)} MB"


LANGUAGE_LV = {"lv": "latviešu", "en": "angļu", "ru": "krievu", "other": "cita", "": ""}


def language_lv(code: Any) -> str:
    code = "" if code is None else str(code)
    return LANGUAGE_LV.get(code, code)
