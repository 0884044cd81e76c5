"""One rule for every cell the project writes to CSV or XLSX (linter reports, triage exports, feedback export).

- a value starting with ``=``, ``+``, ``-`` or ``@`` gets a leading apostrophe, so a pasted name or an e-mail line
  never becomes a live spreadsheet formula (``=HYPERLINK(…)``);
- control characters openpyxl refuses become U+FFFD;
- text is cut to Excel's cell limit (32,767 characters) with a visible marker;
- a list becomes "a; b; c".

Example:
    ws.append([safe_cell(v) for v in row])
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

EXCEL_CELL_LIMIT = 32_767
_CUT = " … [saīsināts]"
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what openpyxl refuses in a cell
_FORMULA_START = ("=", "+", "-", "@")


def safe_cell(value: Any) -> Any:
    """A value safe to put in a CSV or XLSX cell (numbers, booleans and None pass as they are)."""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(x) for x in value)
    if not isinstance(value, str):
        return value
    value = _ILLEGAL.sub("\ufffd", value)
    if value[:1] in _FORMULA_START:
        value = "'" + value
    if len(value) > EXCEL_CELL_LIMIT:
        value = value[: EXCEL_CELL_LIMIT - len(_CUT)] + _CUT
    return value


def csv_text(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> str:
    """A CSV for spreadsheets: UTF-8 with a byte-order mark, ``;`` between fields (what Excel opens correctly in a
    Latvian locale), every cell through :func:`safe_cell`."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";")
    w.writerow([safe_cell(v) for v in header])
    w.writerows([safe_cell(v) for v in row] for row in rows)
    return "\ufeff" + buf.getvalue()
