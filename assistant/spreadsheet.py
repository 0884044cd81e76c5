"""One rule for every cell the project writes to CSV or XLSX (linter reports, triage exports, feedback export).

- a value that a spreadsheet could read as a formula gets a leading apostrophe, so a pasted name or an e-mail line
  never becomes a live formula (``=HYPERLINK(…)``): one starting with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return, also after leading spaces or line breaks, and the full-width and other Unicode forms of those
  signs (``＝``, ``＋``, ``－``, ``﹦``, ``−``: whatever NFKC folds to them);
- control characters openpyxl refuses and lone surrogates become U+FFFD;
- text is cut to Excel's cell limit (32,767 characters) with a visible marker;
- a list becomes "a; b; c".

Example:
    ws.append([safe_cell(v) for v in row])
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

EXCEL_CELL_LIMIT = 32_767
_CUT = " … [saīsināts]"
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")  # what openpyxl (and UTF-8) refuse
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MINUS_SIGNS = "\u2212\u2010\u2011\u2012\u2013\u2014\u2015\ufe63\uff0d"


def formula_like(value: str) -> bool:
    """Whether a spreadsheet could take this text for a formula (after leading spaces or line breaks too)."""
    if value[:1] in _FORMULA_START:
        return True
    stripped = value.lstrip(" \n\u00a0\u3000\ufeff\u200b")
    first = stripped[:1]
    if not first:
        return False
    if first in _FORMULA_START or first in _MINUS_SIGNS:
        return True
    return unicodedata.normalize("NFKC", first)[:1] in _FORMULA_START


def safe_cell(value: Any) -> Any:
    """A value safe to put in a CSV or XLSX cell (numbers, booleans and None pass as they are)."""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(x) for x in value)
    if not isinstance(value, str):
        return value
    value = _ILLEGAL.sub("\ufffd", value)
    if formula_like(value):
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
