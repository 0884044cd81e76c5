"""The triage results as a table (CSV or XLSX): one writer for ``python -m assistant triage`` and the web app's
download.

Columns: the JSONL contract fields (``pipeline.CONTRACT_FIELDS``), then ``attachments`` and ``error``; with
``unredacted`` also the sender's own text (``service_names``, ``subject``, ``body``, ``from``); results that carry
a ``sender`` (the web app's) get a "Sūtītājs" column. The spreadsheet is for staff, so it is Latvian: Latvian
column titles and values (jā/nē, topic, route and reason names, dd.mm.gggg dates, decimal comma, personal data as
"tālrunis (1)", sources as "[1] title — section"); in the XLSX, dates and the topic confidence are real date and
number cells (formats "DD.MM.YYYY" and "0.00") that sort and filter; JSONL keeps the contract's English field
names. Every cell
passes the project's cell rule (``assistant.spreadsheet``: no live formulas, Excel's length limit). CSV is UTF-8 with a BOM
and ``;`` (what Excel opens correctly in a Latvian locale); XLSX rows can be coloured, with filters and a frozen
header. Files are written atomically.

Example:
    write_table(results, "xlsx", Path("iesutne.xlsx"), fills=[triage_colour(r) for r in results])
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..fileio import atomic_path, write_text_atomic
from ..pii import PLACEHOLDERS
from ..spreadsheet import csv_text, safe_cell

UNREDACTED_COLUMNS = ("service_names", "subject", "body", "from")

# the spreadsheet's Latvian column titles (JSONL keeps the English field names of the contract)
HEADERS_LV = {
    "id": "ID",
    "sender": "Sūtītājs",
    "language": "Valoda",
    "topic": "Tēma",
    "topic_confidence": "Tēmas ticamība",
    "topic2": "Otrā tēma",
    "answerable": "Atbilde vadlīnijās",
    "needs_human": "Jāskata cilvēkam",
    "reasons": "Iemesli",
    "contains_personal_data": "Ir personas dati",
    "personal_data": "Personas dati",
    "injection_suspected": "Aizdomas par uzvednes injekciju",
    "route": "Virzība",
    "received": "Saņemts",
    "due": "Atbildes termiņš",
    "subject_redacted": "Temats (personas dati aizklāti)",
    "body_redacted": "Teksts (personas dati aizklāti)",
    "draft_reply": "Atbildes melnraksts",
    "citations": "Avoti",
    "attachments": "Pielikumi",
    "error": "Kļūda",
    "service_names": "Pakalpojumu nosaukumi",
    "subject": "Temats",
    "body": "Teksts",
    "from": "Sūtītājs (e-pasts)",
}
TOPIC_LV: dict[str, str] = {}  # filled from topics.toml (the titles staff see) on first use: topic_lv()
ROUTE_LV = {
    "answer": "atbildēt ar melnrakstu",
    "complex": "sarežģīts: izskatīt",
    "review": "izskatīt",
    "redirect": "novirzīt citai iestādei",
    "security": "drošība: izskatīt",
    "error": "kļūda",
}
# every kind of personal data staff are shown, in Latvian: the detector's own names for what it covers (its
# placeholders, "[vārds, uzvārds]" → "vārds, uzvārds", so a kind it learns is named here too), plus kinds other
# sources may report; a kind without a Latvian name is shown as PII_OTHER_LV, never as its English code
PII_LV = {
    **{kind: placeholder.strip("[]") for kind, placeholder in PLACEHOLDERS.items()},
    "card": "kartes numurs",
    "passport": "pases numurs",
}
PII_OTHER_LV = "citi personas dati"


def pii_kind_lv(kind: Any) -> str:
    """A personal-data kind as staff read it ("personal_code" → "personas kods")."""
    return PII_LV.get(str(kind or ""), PII_OTHER_LV)


def topic_lv(code: Any) -> str:
    """A topic's Latvian title (``topics.toml``, the one list of topics)."""
    if not TOPIC_LV:
        from .topics import topic_table

        TOPIC_LV.update({c: t.title for c, t in topic_table().topics.items()})
    code = "" if code is None else str(code)
    return TOPIC_LV.get(code, code)


def columns(*, unredacted: bool = False, sender: bool = False) -> list[str]:
    """The contract fields in spreadsheet order (keys of the result dicts); ``sender`` adds the web app's
    "Sūtītājs" column after the id."""
    from .pipeline import CONTRACT_FIELDS

    cols = [*CONTRACT_FIELDS, "attachments", "error", *(UNREDACTED_COLUMNS if unredacted else ())]
    return [cols[0], "sender", *cols[1:]] if sender else cols


def headers(cols: Sequence[str]) -> list[str]:
    return [HEADERS_LV.get(c, c) for c in cols]


def _value(result: dict[str, Any], key: str) -> Any:
    """A cell in Latvian: jā/nē, Latvian topic/route/reason names, dd.mm.gggg dates, decimal comma, readable lists."""
    from ..lvformat import date_lv, language_lv, number_lv, size_lv, yes_no
    from .pipeline import REASONS_LV

    v = result.get(key)
    if key == "personal_data":
        found = [p.get("type", "") for p in v or [] if isinstance(p, dict)]
        counts = {t: found.count(t) for t in dict.fromkeys(found)}
        return "; ".join(f"{pii_kind_lv(t)} ({n})" for t, n in counts.items())
    if v is None:
        return ""
    if key in ("answerable", "needs_human", "contains_personal_data", "injection_suspected"):
        return yes_no(v)
    if key in ("topic", "topic2"):
        return topic_lv(v)
    if key == "route":
        return ROUTE_LV.get(str(v), v)
    if key == "language":
        return language_lv(v)
    if key == "reasons":
        return "; ".join(REASONS_LV.get(str(c), str(c)) for c in v or [])
    if key in ("received", "due"):
        return date_lv(v)
    if key == "topic_confidence":
        return number_lv(v, 2)
    if key == "citations":
        return "; ".join(
            f"[{c.get('n', '')}] " + " — ".join(x for x in (str(c.get("title", "")), str(c.get("section", ""))) if x)
            for c in v or []
            if isinstance(c, dict)
        )
    if key == "attachments":
        return "; ".join(
            f"{a.get('filename', a.get('name', ''))} ({size_lv(a.get('size', a.get('bytes', '')))})"
            if isinstance(a, dict) else str(a)
            for a in v or []
        )
    if key == "error":
        return str(v).split(" / ")[0]  # the Latvian half
    if isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v):
        return "; ".join(v)
    if isinstance(v, bool):
        return yes_no(v)
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(v, ensure_ascii=False)
    return v


def rows(results: Sequence[dict[str, Any]], cols: Sequence[str]) -> list[list[Any]]:
    return [[safe_cell(_value(r, k)) for k in cols] for r in results]


# XLSX cells that are real values, so staff can sort and filter them: dates with a dd.mm.gggg format and numbers
# with two decimals (Excel shows a Latvian decimal comma from the number format "0.00" in a Latvian locale); the
# CSV keeps them as Latvian text
DATE_COLUMNS = ("received", "due")
NUMBER_COLUMNS = {"topic_confidence": "0.00"}
XLSX_DATE_FORMAT = "DD.MM.YYYY"


def _xlsx_value(result: dict[str, Any], key: str) -> Any:
    """A typed cell for the XLSX: a date, a number, else the Latvian text of :func:`_value`."""
    import datetime as dt

    v = result.get(key)
    if key in DATE_COLUMNS and v not in (None, ""):
        if isinstance(v, dt.date):
            return v if not isinstance(v, dt.datetime) else v.date()
        try:
            return dt.date.fromisoformat(str(v).strip()[:10])
        except ValueError:
            pass  # not a date: shown as written
    if key in NUMBER_COLUMNS and isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    return safe_cell(_value(result, key))


def xlsx_rows(results: Sequence[dict[str, Any]], cols: Sequence[str]) -> list[list[Any]]:
    return [[_xlsx_value(r, k) for k in cols] for r in results]


def _has_sender(results: Sequence[dict[str, Any]]) -> bool:
    return any(r.get("sender") for r in results)


def render_csv(results: Sequence[dict[str, Any]], *, unredacted: bool = False) -> str:
    cols = columns(unredacted=unredacted, sender=_has_sender(results))
    return csv_text(headers(cols), rows(results, cols))


def write_table(
    results: Sequence[dict[str, Any]],
    fmt: str,
    out: Path,
    *,
    unredacted: bool = False,
    fills: Sequence[str | None] | None = None,
) -> Path:
    """Write ``results`` as ``fmt`` ("csv" or "xlsx") to ``out``; ``fills`` colours XLSX rows ("#RRGGBB")."""
    out = Path(out)
    if fmt == "csv":
        write_text_atomic(out, render_csv(results, unredacted=unredacted))
        return out
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    cols = columns(unredacted=unredacted, sender=_has_sender(results))
    wb = Workbook()
    ws = wb.active
    ws.title = "Iesūtne"
    ws.append(headers(cols))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    formats = {
        i: XLSX_DATE_FORMAT if c in DATE_COLUMNS else NUMBER_COLUMNS[c]
        for i, c in enumerate(cols)
        if c in DATE_COLUMNS or c in NUMBER_COLUMNS
    }
    for i, row in enumerate(xlsx_rows(results, cols)):
        ws.append(row)
        for j, fmt_ in formats.items():
            cell = ws.cell(ws.max_row, j + 1)
            if not isinstance(cell.value, str):
                cell.number_format = fmt_
        colour = fills[i] if fills and i < len(fills) else None
        if colour:
            fill = PatternFill("solid", start_color=colour.lstrip("#"), end_color=colour.lstrip("#"))
            for cell in ws[ws.max_row]:
                cell.fill = fill
    for col in ws.columns:
        # a date cell is as wide as "dd.mm.gggg", not as its Python text
        ws.column_dimensions[col[0].column_letter].width = min(
            60, max(8, *(10 if c.is_date else len(str(c.value or "")) for c in col))
        )
        for c in col[1:]:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.auto_filter.ref = ws.dimensions
    ws.freeze_panes = "A2"
    with atomic_path(out) as tmp:
        wb.save(tmp)
    return out
