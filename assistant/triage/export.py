"""The triage results as a table (CSV or XLSX): one writer for ``python -m assistant triage`` and the web app's
download.

Columns: the JSONL contract fields (``pipeline.CONTRACT_FIELDS``), then ``personal_data_types``, ``attachments``
and ``error``; with ``unredacted`` also the sender's own text (``service_names``, ``subject``, ``body``,
``from``). A list of texts becomes "a; b", anything else structured becomes JSON, and every cell passes the
project's cell rule (``assistant.spreadsheet``: no live formulas, Excel's length limit). CSV is UTF-8 with a BOM
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
from ..spreadsheet import csv_text, safe_cell

UNREDACTED_COLUMNS = ("service_names", "subject", "body", "from")


def columns(*, unredacted: bool = False) -> list[str]:
    from .pipeline import CONTRACT_FIELDS

    return [*CONTRACT_FIELDS, "personal_data_types", "attachments", "error", *(UNREDACTED_COLUMNS if unredacted else ())]


def _value(result: dict[str, Any], key: str) -> Any:
    if key == "personal_data_types":
        return ", ".join(sorted({p.get("type", "") for p in result.get("personal_data") or [] if isinstance(p, dict)}))
    v = result.get(key)
    if v is None:
        return ""
    if isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v):
        return "; ".join(v)
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(v, ensure_ascii=False)
    return v


def rows(results: Sequence[dict[str, Any]], cols: Sequence[str]) -> list[list[Any]]:
    return [[safe_cell(_value(r, k)) for k in cols] for r in results]


def render_csv(results: Sequence[dict[str, Any]], *, unredacted: bool = False) -> str:
    cols = columns(unredacted=unredacted)
    return csv_text(cols, rows(results, cols))


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

    cols = columns(unredacted=unredacted)
    wb = Workbook()
    ws = wb.active
    ws.title = "Rezultāti"
    ws.append(cols)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, row in enumerate(rows(results, cols)):
        ws.append(row)
        colour = fills[i] if fills and i < len(fills) else None
        if colour:
            fill = PatternFill("solid", start_color=colour.lstrip("#"), end_color=colour.lstrip("#"))
            for cell in ws[ws.max_row]:
                cell.fill = fill
    for col in ws.columns:
        ws.column_dimensions[col[0].column_letter].width = min(60, max(8, *(len(str(c.value or "")) for c in col)))
        for c in col[1:]:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.auto_filter.ref = ws.dimensions
    ws.freeze_panes = "A2"
    with atomic_path(out) as tmp:
        wb.save(tmp)
    return out
