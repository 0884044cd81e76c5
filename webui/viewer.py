"""The document viewer: the whole document, scrolled to the cited passage with the quote highlighted.

Opened by the public "open a document" event (a citation link or source card in Jautājumi, "Atvērt" in Par); it sits
over the page (a dialog: Esc or "Aizvērt" closes it) and offers the source file for download. OCR documents are shown
in their repaired text. A document removed since the answer was given gets a Latvian notice with the cited passage,
never a blank panel.

Example:
    viewer = Viewer(ctx); viewer.build(); viewer.wire()
    panel, html, download = viewer.open("002_af057d60808f1741.txt", passage=chunk_text, quote=quote)
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from . import render
from .backends import BackendMissing
from .common import AppContext

log = logging.getLogger("paligs.app")


def documents_dir() -> Path:
    """Copies of the corpus files offered for download (served by Gradio: the only folder in ``allowed_paths``).
    Kept apart from the download folders, which are swept by age (the copies keep their source's time)."""
    d = Path(tempfile.gettempdir()) / "paligs-dokumenti"
    d.mkdir(parents=True, exist_ok=True)
    return d


def download_copy(doc: dict[str, Any] | None) -> str:
    """A copy of the document's source file to download (its own file name), or "" when there is none."""
    if not doc or not doc.get("path"):
        return ""
    src = Path(doc["path"])
    if not src.is_file():
        return ""
    folder = documents_dir() / (str(doc.get("id") or "doc").replace("/", "_") or "doc")
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / src.name
    try:
        if (
            not dest.exists()
            or dest.stat().st_mtime < src.stat().st_mtime
            or dest.stat().st_size != src.stat().st_size
        ):
            shutil.copy2(src, dest)
    except OSError:
        log.warning("document copy failed", exc_info=True)
        return ""
    return str(dest)


class Viewer:
    """The viewer dialog (build, then wire); :meth:`open` returns the updates for :attr:`outputs`."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def build(self) -> None:
        with gr.Column(visible=False, elem_id="pp-viewer") as self.panel:
            with gr.Row(equal_height=True):
                gr.Markdown("### Dokuments", elem_id="pp-viewer-title")
                self.download = gr.DownloadButton(
                    "Lejupielādēt dokumentu", size="sm", visible=False, elem_id="pp-viewer-dl", scale=0
                )
                self.close_btn = gr.Button("Aizvērt (Esc)", size="sm", elem_id="pp-viewer-close", scale=0)
            self.body = gr.HTML("", elem_id="pp-viewer-doc", label="Dokuments")

    @property
    def outputs(self) -> list[Any]:
        return [self.panel, self.body, self.download]

    def open(
        self, doc: str, *, passage: str = "", quote: str = "", section: str = ""
    ) -> tuple[Any, str, Any]:
        """(panel, HTML, download) for a document by file name or id, at ``passage`` with ``quote`` highlighted."""
        try:
            found = self.ctx.backends.document(doc)
        except BackendMissing as exc:
            return (
                gr.update(visible=True),
                f'<div class="pp-viewer-missing">{render.esc(exc.lv)}</div>',
                gr.update(visible=False),
            )
        html = render.viewer_html(found, passage=passage, quote=quote, section=section, missing_name=doc)
        path = download_copy(found)
        return gr.update(visible=True), html, gr.update(value=path or None, visible=bool(path))

    def close(self) -> Any:
        return gr.update(visible=False)

    def wire(self) -> None:
        self.close_btn.click(self.close, None, [self.panel], api_visibility="private", queue=False)
