"""The staff web app: ``build_app()`` composes the tabs (one module each, ``webui/tabs/``) and the document viewer.

``build_app(settings, backends)`` is cheap: no index is built and no model is loaded here. Heavy parts load on the
first request or in :func:`start_warm_up` (called by ``app.py`` on launch).

Example:
    demo = build_app(load_settings()); configure_queue(demo).launch(**launch_kwargs(settings))
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.config import Settings, load_settings

from .api import register_api
from .backends import Backends
from .common import DEFAULT_CONCURRENCY, DOWNLOAD_AGE_S, AppContext
from .feedback import FeedbackStore
from .gradio_patches import lazy_session_configs
from .lv import CSS, THEME, head_js, i18n
from .tabs.about import AboutTab
from .tabs.admin import AdminTab
from .tabs.chat import ChatTab
from .tabs.inbox import TRIAGE_ACCEPT, InboxTab
from .tabs.names import LINT_FILE_TYPES, NamesTab
from .viewer import Viewer, documents_dir
from .warmup import WarmUp

log = logging.getLogger("paligs.app")


def build_app(settings: Settings | None = None, backends: Any = None) -> gr.Blocks:
    """Build the Blocks: header, warm-up banner, the tabs, the document viewer, the API. Cheap: nothing heavy loads."""
    settings = settings or load_settings()
    lazy_session_configs()
    backends = backends or Backends(settings)
    ctx = AppContext(
        settings=settings,
        backends=backends,
        store=FeedbackStore(Path(settings.data_dir) / "feedback.sqlite3"),
        warm=WarmUp(backends),
    )
    ctx.viewer = Viewer(ctx)
    chat, names, inbox, about, admin = (
        ChatTab(ctx),
        NamesTab(ctx),
        InboxTab(ctx),
        AboutTab(ctx),
        AdminTab(ctx),
    )
    ctx.tabs = {"chat": chat, "names": names, "inbox": inbox, "about": about, "admin": admin}

    cache_age = max(60, int(getattr(settings, "download_minutes", 60)) * 60)
    DOWNLOAD_AGE_S[0] = float(cache_age)

    def banner() -> tuple[Any, Any]:
        text = ctx.warm.banner()
        return gr.update(value=text, visible=bool(text)), gr.Timer(active=ctx.warm.state == "building")

    # uploads and downloads are deleted from Gradio's cache after download_minutes, and all of them when the app
    # stops (Gradio's delete_cache; our own download folders: webui.exports)
    with gr.Blocks(
        title="Pakalpojumu palīgs",
        analytics_enabled=False,
        fill_width=False,
        delete_cache=(min(600, cache_age), cache_age),
    ) as demo:
        demo.paligs_warm_up = ctx.warm  # type: ignore[attr-defined]
        demo.paligs_settings = settings  # type: ignore[attr-defined]
        demo.paligs_context = ctx  # type: ignore[attr-defined]
        gr.Markdown(
            "# Pakalpojumu palīgs\n"
            "Jautājumi par pakalpojumu pārvaldību, pakalpojumu nosaukumu pārbaude un konsultāciju iesūtnes šķirošana "
            f"— pēc pakalpojumu pārvaldības vadlīnijām. {ctx.organisation}.",
            elem_id="pp-header",
        )
        status = gr.Markdown("", visible=False, elem_id="pp-status")
        timer = gr.Timer(2.0, active=False)
        with gr.Tabs():
            with gr.Tab("Jautājumi", id="jautajumi", elem_id="tab-jautajumi"):
                chat.build()
            with gr.Tab("Nosaukumu pārbaude", id="nosaukumi", elem_id="tab-nosaukumi"):
                names.build()
            with gr.Tab("Iesūtne", id="iesutne", elem_id="tab-iesutne"):
                inbox.build()
            with gr.Tab("Par", id="par", elem_id="tab-par"):
                about.build()
            admin.build()
        ctx.viewer.build()

        ctx.viewer.wire()
        chat.wire()
        names.wire()
        inbox.wire()
        about.wire(demo)
        admin.wire(demo)
        register_api(ctx, chat)
        demo.load(banner, None, [status, timer], api_visibility="private")
        timer.tick(banner, None, [status, timer], api_visibility="private")
    return demo


def launch_kwargs(settings: Settings) -> dict[str, Any]:
    """Arguments for ``demo.launch()``: host/port, auth, upload limit, Latvian theme, i18n, CSS and scripts."""
    from .auth import LoginThrottle
    from .launch import body_limit_kwargs, check_launch_settings

    port, max_mb, auth = check_launch_settings(settings)
    login = None
    if auth:
        login = LoginThrottle(
            auth, max_failures=int(settings.login_max_failures), delay_s=float(settings.login_delay_s)
        ).gradio_auth()
    return {
        "server_name": settings.host,
        "server_port": port,
        "auth": login,
        "app_kwargs": body_limit_kwargs(settings),
        "auth_message": "Pakalpojumu palīgs: ievadiet lietotājvārdu un paroli.",
        "max_file_size": f"{max(1, int(max_mb * 1024))}kb",
        "show_error": True,
        "theme": THEME(),
        "css": CSS,
        "head": head_js({"#pp-names-file": ",".join(LINT_FILE_TYPES), "#pp-mail-files": TRIAGE_ACCEPT}),
        "i18n": i18n(),
        "footer_links": [],
        "favicon_path": None,
        # only the copies of the corpus documents offered for download ("Par" tab), nothing else on disk
        "allowed_paths": [str(documents_dir())],
    }


def start_warm_up(demo: gr.Blocks) -> None:
    warm = getattr(demo, "paligs_warm_up", None)
    if warm is not None:
        warm.start()


def configure_queue(demo: gr.Blocks) -> gr.Blocks:
    return demo.queue(default_concurrency_limit=DEFAULT_CONCURRENCY, max_size=256)
