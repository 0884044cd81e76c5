"""Par: what the tool is, a short "how to use", and the documents it answers from (open in the viewer, download).

Example:
    tab = AboutTab(ctx); tab.build(); tab.wire()
"""

from __future__ import annotations

import logging
from typing import Any

import gradio as gr

from .. import render
from ..backends import BackendMissing
from ..common import AppContext, guarded
from ..viewer import download_copy

log = logging.getLogger("paligs.app")

DOCS_JS = """
element.addEventListener('click', (e) => {
  const b = e.target.closest('[data-open="doc"]');
  if (!b) return;
  e.preventDefault();
  trigger('click', {doc: b.dataset.doc});
});
"""


def how_to_md(organisation: str, inbox: str) -> str:
    return f"""### Par rīku
Pakalpojumu palīgs palīdz darbiniekiem pakalpojumu pārvaldībā; rīku uztur {organisation}. Tas atbild tikai pēc
zemāk uzskaitītajiem dokumentiem un vienmēr norāda avotus; ja dokumentos atbildes nav, tas to pasaka un iesaka
rakstīt uz konsultāciju iesūtni {inbox}. Atbildes nav juridisks atzinums.

### Kā lietot
- **Jautājumi:** uzdodiet jautājumu un nospiediet Enter. Numurs atbildē, piemēram, [1], atver avotu: dokumentu pie
  citētās vietas. „Rādīt visu sadaļu” avotu kartītē parāda visu sadaļu. „Jauna saruna” sāk no sākuma.
- **Nosaukumu pārbaude:** ielīmējiet nosaukumus (katru savā rindā) vai rindas no Excel, vai pievienojiet failu.
  Katram nosaukumam ir vērtējums: ✓ atbilst, ! ieteicams pārskatīt, ✗ jālabo. Rezultātu var lejupielādēt XLSX vai CSV
  formātā (ar jūsu kolonnām).
- **Iesūtne:** pievienojiet e-pastus (.eml, .msg, .mbox) vai CSV/JSONL. Katram ziņojumam ir tēma, termiņš un, ja
  iespējams, atbildes melnraksts, ko var nokopēt vai lejupielādēt kā Outlook vēstuli (.eml). Melnrakstu pirms
  nosūtīšanas vienmēr pārbauda un apstiprina darbinieks.
"""


def with_download_urls(docs: list[dict[str, Any]], backends: Any) -> list[dict[str, Any]]:
    """Each document with a "Lejupielādēt" link (a copy of its source file, served by Gradio)."""
    out = []
    for d in docs:
        d = dict(d)
        try:
            full = backends.document(d.get("source_file") or d.get("id") or "")
        except Exception:  # no download link is better than no list
            log.warning("document unavailable for download", exc_info=True)
            full = None
        path = download_copy(full)
        if path:
            d["download_url"] = f"gradio_api/file={path}"
        out.append(d)
    return out


class AboutTab:
    """The Par tab: build() then wire()."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    @guarded
    def about_load(self) -> str:
        try:
            docs = self.ctx.backends.documents()
        except BackendMissing as exc:
            return f'<div class="pp-docs pp-empty">ℹ️ {render.esc(exc.lv)}</div>'
        return render.docs_html(with_download_urls(docs, self.ctx.backends))

    @guarded
    def open_document(self, evt: gr.EventData) -> tuple[Any, str, Any]:
        data = getattr(evt, "_data", None) or {}
        return self.ctx.viewer.open(str(data.get("doc") or ""))

    def build(self) -> None:
        gr.Markdown(how_to_md(self.ctx.organisation, self.ctx.inbox_email), elem_id="pp-about")
        gr.Markdown("### Dokumenti")
        self.docs = gr.HTML("", elem_id="pp-docs", label="Dokumenti", js_on_load=DOCS_JS)

    def wire(self, demo: gr.Blocks) -> None:
        demo.load(self.about_load, None, [self.docs], api_visibility="private")
        self.docs.click(self.open_document, None, self.ctx.viewer.outputs, api_visibility="private")
