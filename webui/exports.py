"""Downloads of the triage table: the CLI's writer (``assistant.triage.export``), with the app table's row colours.

(The linter's annotated XLSX/CSV come from linter.io through :class:`webui.backends.LintRun`.)
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
import uuid
from pathlib import Path
from typing import Any

from assistant.triage.export import write_table

from .render import TRIAGE_COLUMNS, triage_colour, triage_rows


def write_triage(results: list[dict[str, Any]], fmt: str, out: Path) -> Path:
    """``fmt`` "csv" or "xlsx"; XLSX rows coloured as in the app (green a draft, yellow a person, red an error)."""
    fills = [triage_colour(r) for r in results] if fmt == "xlsx" else None
    return write_table(results, fmt, out, fills=fills)


__all__ = ["TRIAGE_COLUMNS", "new_download_dir", "triage_rows", "write_triage"]


# ------------------------------------------------------------------ where downloads are written

_ROOT = Path(tempfile.gettempdir()) / "paligs-app"
_MINE: list[Path] = []
_LOCK = threading.Lock()


def new_download_dir(max_age_s: float = 3600.0) -> Path:
    """A fresh folder with an unguessable name for one set of downloads. Files older than ``max_age_s`` under
    the app's folder are deleted first, and this process's folders are removed when it exits (Gradio's own
    copies are cleaned by ``delete_cache``)."""
    from .launch import clean_old_files

    clean_old_files(_ROOT, max_age_s)
    d = _ROOT / uuid.uuid4().hex
    d.mkdir(parents=True, exist_ok=True)
    with _LOCK:
        _MINE.append(d)
    return d


@atexit.register
def _remove_mine() -> None:
    with _LOCK:
        for d in _MINE:
            shutil.rmtree(d, ignore_errors=True)
        _MINE.clear()
