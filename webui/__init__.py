"""The staff web app of Pakalpojumu palīgs (Gradio): Jautājumi, Nosaukumu pārbaude, Iesūtne, Par, Administrēšana.

One module per tab in ``webui/tabs/`` (build, then wire), the document viewer in ``webui/viewer.py``, and
``webui/app.py``'s ``build_app()`` composing them.

Gradio is imported only when the app itself is asked for, so the pure helpers (render, inputs, feedback) stay
cheap to import.

Example:
    from webui import build_app, launch_kwargs
    demo = build_app(); demo.queue().launch(**launch_kwargs(demo.paligs_settings))
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "BackendMissing": "webui.backends",
    "Backends": "webui.backends",
    "FeedbackStore": "webui.feedback",
    "build_app": "webui.app",
    "configure_queue": "webui.app",
    "launch_kwargs": "webui.app",
    "start_warm_up": "webui.app",
}
__all__ = [
    "BackendMissing",
    "Backends",
    "FeedbackStore",
    "build_app",
    "configure_queue",
    "launch_kwargs",
    "start_warm_up",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'webui' has no attribute {name!r}")
