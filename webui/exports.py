"""Downloads of the triage table: CSV (UTF-8 BOM, ``;``) or XLSX (coloured rows, filters on).

(The linter's annotated XLSX/CSV come from linter.io through :class:`webui.backends.LintRun`.)
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from assistant.spreadsheet import safe_cell

from .render import TRIAGE_COLUMNS, triage_colour, triage_rows

TRIAGE_EXPORT = [
    "id", "language", "topic", "topic_confidence", "answerable", "needs_human", "reasons", "contains_personal_data",
    "personal_data_types", "injection_suspected", "received", "due", "route", "subject_redacted", "body_redacted",
    "draft_reply", "error",
]  # fmt: skip


def _write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(header)
        w.writerows(rows)
    return path


def _write_xlsx(path: Path, header: list[str], rows: list[list[Any]], fills: list[str] | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "Rezultāti"
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, row in enumerate(rows):
        ws.append([safe_cell(v) for v in row])
        if fills and fills[i]:
            fill = PatternFill("solid", start_color=fills[i].lstrip("#"), end_color=fills[i].lstrip("#"))
            for cell in ws[ws.max_row]:
                cell.fill = fill
    for col in ws.columns:
        width = min(60, max(8, *(len(str(c.value or "")) for c in col)))
        ws.column_dimensions[col[0].column_letter].width = width
        for c in col[1:]:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.auto_filter.ref = ws.dimensions
    ws.freeze_panes = "A2"
    wb.save(path)
    return path


def triage_export_rows(results: list[dict[str, Any]]) -> list[list[Any]]:
    out = []
    for r in results:
        row = dict(r)
        row["reasons"] = "; ".join(r.get("reasons") or [])
        row["personal_data_types"] = ", ".join(
            sorted({p.get("type", "") for p in r.get("personal_data") or []})
        )
        out.append([safe_cell(row.get(k, "")) for k in TRIAGE_EXPORT])
    return out


def write_triage(results: list[dict[str, Any]], fmt: str, out: Path) -> Path:
    rows = triage_export_rows(results)
    if fmt == "csv":
        return _write_csv(out, TRIAGE_EXPORT, rows)
    fills = [triage_colour(r) for r in results]
    return _write_xlsx(out, TRIAGE_EXPORT, rows, fills)


__all__ = ["TRIAGE_COLUMNS", "triage_export_rows", "triage_rows", "write_triage"]
