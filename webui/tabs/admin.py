"""Administrēšana: index status, rebuild and document management, for administrators only.

The tab is shown only to users listed in the ``admins`` setting (without a login: only when the app listens on a
loopback address), and every action checks again on the server (:func:`webui.auth.is_admin`): a hidden tab is not a
permission.

Example:
    tab = AdminTab(ctx); tab.build(); tab.wire(demo)
"""

from __future__ import annotations

import logging
import time
from typing import Any

import gradio as gr

from assistant.config import Settings
from assistant.errors import InputError

from ..auth import ADMIN_EN, ADMIN_LV, is_admin
from ..backends import BackendMissing
from ..common import AppContext, guarded

log = logging.getLogger("paligs.app")

NOT_ADMIN = (ADMIN_LV, ADMIN_EN)
CONFIRM_VALID_S = 600  # a confirmation older than this must be given again


def status_md(ctx: AppContext) -> str:
    """The index status in Latvian for administrators."""
    backends, warm, store = ctx.backends, ctx.warm, ctx.store
    settings: Settings = getattr(backends, "settings", None) or ctx.settings
    try:
        st = backends.index_status()
    except BackendMissing as exc:
        st = {"Piezīme": exc.lv}
    state = {
        "idle": "tiks atvērts pirmajā jautājumā",
        "building": "tiek sagatavots",
        "ready": "gatavs",
        "error": f"kļūda: {warm.message}",
        "missing": warm.message,
    }[warm.state]
    lines = [
        "### Indeksa statuss",
        f"- Stāvoklis: **{state}**",
        f"- Datu mape: `{settings.data_dir}`",
        (
            f"- Vektoru datubāze: {'Chroma serveris ' + settings.chroma_host if settings.chroma_host else 'lokālā Chroma'}"
            f" (kolekcija `{settings.chroma_collection}`)"
        ),
        f"- Iegultņu modelis: `{settings.embedder}`",
        f"- Atbilžu režīms: {'LLM (' + (settings.llm_model or settings.llm_gguf_path) + ')' if settings.llm_enabled else 'izvilkuma (bez LLM)'}",
    ]
    for k, v in (st or {}).items():
        if isinstance(v, (str, int, float, bool)) or v is None:
            lines.append(f"- {k}: {v}")
    try:
        c = store.counts()
        lines.append(f"- Atsauksmes: {c['total']} (👍 {c['up']}, 👎 {c['down']})")
    except Exception:
        log.warning("feedback counts unavailable", exc_info=True)
    avail = backends.available() if hasattr(backends, "available") else {}
    missing = [k for k, ok in avail.items() if not ok]
    if missing:
        lines.append("- Nav pieejams: " + ", ".join(missing))
    return "\n".join(lines)


def _user(request: gr.Request | None) -> str | None:
    return getattr(request, "username", None) if request is not None else None


class AdminTab:
    """The Administrēšana tab: build() then wire()."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def allowed(self, request: gr.Request | None) -> bool:
        return is_admin(self.ctx.settings, _user(request))

    def show_for(self, request: gr.Request) -> tuple[Any, str]:
        """On page load: the tab (and its status) only for administrators."""
        if not self.allowed(request):
            return gr.update(visible=False), ""
        return gr.update(visible=True), status_md(self.ctx)

    @guarded
    def refresh(self, request: gr.Request) -> str:
        if not self.allowed(request):
            raise InputError(*NOT_ADMIN)
        return status_md(self.ctx)

    @staticmethod
    def confirm_changed(value: bool) -> float:
        """The confirmation is kept on the server (per session), so a direct call of the rebuild event without
        ticking the box in this session is refused."""
        return time.time() if value else 0.0

    @guarded
    def rebuild(
        self,
        confirm: bool,
        confirmed_at: float,
        request: gr.Request,
        progress=gr.Progress(),  # noqa: B008 - Gradio's idiom
    ):
        if not self.allowed(request):
            raise InputError(*NOT_ADMIN)
        if not confirm or not confirmed_at or time.time() - float(confirmed_at) > CONFIRM_VALID_S:
            raise InputError("apstipriniet pārbūvi (atzīmējiet izvēles rūtiņu)", "tick the confirmation box")
        progress(0.1, desc="Pārbūvēju indeksu… (tas var ilgt dažas minūtes)")
        t0 = time.monotonic()
        stats = self.ctx.backends.build_index(rebuild=True)
        gr.Info(f"Indekss pārbūvēts {time.monotonic() - t0:.0f} s.", title="Gatavs")
        progress(1.0)
        md = status_md(self.ctx)
        if stats:
            md += "\n\n**Pārbūves rezultāts:** " + ", ".join(f"{k}: {v}" for k, v in stats.items())
        return md

    def build(self) -> None:
        with gr.Tab("Administrēšana", id="admin", elem_id="tab-admin", visible=False) as self.tab:
            self.status = gr.Markdown("", elem_id="pp-index-status")
            self.refresh_btn = gr.Button("Atjaunot statusu", size="sm", elem_id="pp-refresh")
            gr.Markdown(
                "Indeksa pārbūve nolasa dokumentus no jauna (piemēram, pēc dokumentu maiņas). "
                "Pārbūves laikā jautājumi var atbildēt lēnāk."
            )
            self.confirm = gr.Checkbox(
                label="Apstiprinu: pārbūvēt indeksu", value=False, elem_id="pp-confirm"
            )
            self.confirmed_at = gr.State(0.0)
            self.rebuild_btn = gr.Button("Pārbūvēt indeksu", variant="stop", elem_id="pp-rebuild")
            # document management (webui/documents.py: upload, replace, remove; its own server-side check)
            from .. import documents

            self.docs_load, self.docs_outputs = documents.build(self.ctx.settings)

    def wire(self, demo: gr.Blocks) -> None:
        demo.load(self.show_for, None, [self.tab, self.status], api_visibility="private")
        demo.load(self.docs_load, None, self.docs_outputs, api_visibility="private")
        self.refresh_btn.click(self.refresh, None, [self.status], api_visibility="private")
        # the checkbox is reset only after a successful rebuild (as an output of a failing event it would be covered
        # by Gradio's error overlay)
        self.confirm.input(self.confirm_changed, [self.confirm], [self.confirmed_at], api_visibility="private")
        self.rebuild_btn.click(
            self.rebuild,
            [self.confirm, self.confirmed_at],
            [self.status],
            api_visibility="private",
            concurrency_limit=1,
            concurrency_id="rebuild",
        ).success(lambda: (False, 0.0), None, [self.confirm, self.confirmed_at], api_visibility="private")
