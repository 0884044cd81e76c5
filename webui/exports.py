"""Downloads of the triage table: the CLI's writer (``assistant.triage.export``), with the app table's row colours.

(The linter's annotated XLSX/CSV come from linter.io through :class:`webui.backends.LintRun`.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.triage.export import write_table

from .render import TRIAGE_COLUMNS, triage_colour, triage_rows


def write_triage(results: list[dict[str, Any]], fmt: str, out: Path) -> Path:
    """``fmt`` "csv" or "xlsx"; XLSX rows coloured as in the app (green a draft, yellow a person, red an error)."""
    fills = [triage_colour(r) for r in results] if fmt == "xlsx" else None
    return write_table(results, fmt, out, fills=fills)


__all__ = ["TRIAGE_COLUMNS", "triage_rows", "write_triage"]
