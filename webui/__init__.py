"""The staff web app of Pakalpojumu palīgs (Gradio): Jautājumi, Nosaukumu pārbaude, Iesūtne, Par.

Example:
    from webui import build_app, launch_kwargs
    demo = build_app(); demo.queue().launch(**launch_kwargs(demo.paligs_settings))
"""

from __future__ import annotations

from .backends import BackendMissing, Backends
from .feedback import FeedbackStore
from .ui import build_app, configure_queue, launch_kwargs, start_warm_up

__all__ = [
    "BackendMissing",
    "Backends",
    "FeedbackStore",
    "build_app",
    "configure_queue",
    "launch_kwargs",
    "start_warm_up",
]
