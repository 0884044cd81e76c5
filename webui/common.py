"""What every tab shares: Latvian errors for handlers, per-call download folders, the app context.

Every handler is wrapped (:func:`guarded`, :func:`guarded_gen`): a :class:`PaligsError` becomes a ``gr.Error`` with its
Latvian message, anything else a generic Latvian message (the traceback goes to the server log only), so a user never
sees a stack trace and other sessions are unaffected.

Example:
    @guarded
    def lint_run(self, text, file): ...
"""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.config import Settings
from assistant.errors import PaligsError

log = logging.getLogger("paligs.app")

GENERIC_LV = "radās neparedzēta kļūda. Mēģiniet vēlreiz; ja atkārtojas, ziņojiet administratoram"
ASK_CONCURRENCY = 8
DEFAULT_CONCURRENCY = 4


DISK_FULL_LV = "Serverī nav vietas diskā: rezultātu nevarēja saglabāt. Ziņojiet administratoram; ievadītais nav zudis."


def error_text(exc: BaseException, *, english: bool = False) -> str:
    """The Latvian message for a handler's exception, HTML-escaped (a bug is logged with its traceback and shown as
    the generic message)."""
    if isinstance(exc, gr.Error):
        return str(exc.message)
    if isinstance(exc, PaligsError):
        msg = exc.lv[:1].upper() + exc.lv[1:]
        if english and exc.en and exc.en != exc.lv:
            msg += f" / {exc.en[:1].upper() + exc.en[1:]}"
        return html.escape(msg)
    if isinstance(exc, OSError) and exc.errno in (28, 122):  # ENOSPC, EDQUOT: not a bug, say what to do
        log.error("disk full: %s", type(exc).__name__)
        return DISK_FULL_LV
    log.exception("handler failed")
    return html.escape(GENERIC_LV[:1].upper() + GENERIC_LV[1:]) + "."


def error(exc: BaseException, *, english: bool = False) -> gr.Error:
    """A Latvian gr.Error (with the English after a slash for API callers)."""
    if isinstance(exc, gr.Error):
        return exc
    return gr.Error(error_text(exc, english=english), title="Kļūda", print_exception=False)


def guarded(fn: Callable) -> Callable:
    """Turn every exception of a handler into a Latvian gr.Error (the outputs keep their values)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            raise error(exc) from exc

    return wrapper


def guarded_gen(fn: Callable) -> Callable:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            yield from fn(*args, **kwargs)
        except Exception as exc:
            raise error(exc) from exc

    return wrapper


# how long generated downloads are kept (settings.download_minutes; set by build_app)
DOWNLOAD_AGE_S = [3600.0]


def tmpdir() -> Path:
    """A fresh folder for one call's downloads (the file names stay the user's own); old ones are swept
    (``webui.exports.new_download_dir``)."""
    from . import exports

    return exports.new_download_dir(DOWNLOAD_AGE_S[0])


def download_pair(elem_prefix: str) -> tuple[gr.DownloadButton, gr.DownloadButton]:
    """The hidden "XLSX" and "CSV" download buttons of a results panel (ids ``<prefix>-xlsx`` / ``-csv``)."""
    with gr.Row():
        return tuple(  # type: ignore[return-value]
            gr.DownloadButton(f"Lejupielādēt {fmt.upper()}", visible=False, elem_id=f"{elem_prefix}-{fmt}")
            for fmt in ("xlsx", "csv")
        )


@dataclass
class AppContext:
    """What the tabs share: settings, the backends, the feedback store, the warm-up, the document viewer."""

    settings: Settings
    backends: Any
    store: Any
    warm: Any
    viewer: Any = None
    tabs: dict[str, Any] = field(default_factory=dict)

    @property
    def max_mb(self) -> float:
        return float(self.settings.max_upload_mb)

    @property
    def organisation(self) -> str:
        return getattr(self.settings, "organisation", "") or "VARAM"

    @property
    def inbox_email(self) -> str:
        return getattr(self.settings, "inbox_email", "") or "pvp@varam.gov.lv"
