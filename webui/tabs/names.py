"""Nosaukumu pārbaude: pasted names (one per line, or rows copied from Excel) or a TXT/CSV/XLSX file → three verdicts
per name (✓ atbilst, ! ieteicams pārskatīt, ✗ jālabo), portfolio groups, the rule explanations in Latvian, and
Latvian XLSX/CSV downloads that keep the input's other columns.

Example:
    tab = NamesTab(ctx); tab.build(); tab.wire()
    summary, table, report, *_ = tab.lint_run("Nr\\tNosaukums\\n1\\tPases izsniegšana\\n", None)
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import InputError, PaligsError

from .. import render
from ..common import DEFAULT_CONCURRENCY, AppContext, download_pair, error_text, guarded, tmpdir
from ..inputs import LINT_EXTS, check_upload, pasted_name_lines

log = logging.getLogger("paligs.app")

LINT_FILE_TYPES = [".txt", ".csv", ".tsv", ".xlsx"]
MAX_TABLE_ROWS = 5000  # the same limit as pasted names (webui.inputs.MAX_NAMES)
RULE_PICK_INFO = (
    "Izvēlieties konstatējuma kodu (piemēram, N001), lai zemāk redzētu, ko noteikums pārbauda, kāpēc un kā labot; "
    "to pašu atver klikšķis uz koda rezultātu tabulā."
)
CODE_CLICK_JS = """
element.addEventListener('click', (e) => {
  const b = e.target.closest('[data-code]');
  if (!b) return;
  trigger('click', {code: b.dataset.code});
});
"""
SCROLL_TO_RESULTS_JS = (
    "() => { const el = document.querySelector('#pp-lint-summary'); "
    "if (el) el.scrollIntoView({behavior: 'smooth', block: 'start'}); }"
)


def hide_paths(text: str, path: Path | None) -> str:
    """A message without the server's paths: the upload's full path (Gradio's cache folder) becomes its file name."""
    if not text:
        return text
    if path is not None:
        text = text.replace(str(path), path.name).replace(str(path.parent) + "/", "")
    # any other absolute temp path that slipped through
    return re.sub(r"(?:/[\w.\-]+)*/(?:tmp|gradio|paligs-app)[\w./\-]*/([\w.\-]+\.\w+)", r"\1", text)


def is_table_paste(text: str) -> bool:
    """Rows copied from a spreadsheet: tab-separated cells on at least one line."""
    return "\t" in (text or "")


class NamesTab:
    """The Nosaukumu pārbaude tab: build() then wire()."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # ------------------------------------------------------------------ handlers

    def _run(self, text: str, file: str | None) -> tuple[Any, Path | None]:
        backends = self.ctx.backends
        if file:
            src = check_upload(file, LINT_EXTS + (".tsv",), self.ctx.max_mb)
            if (text or "").strip():  # both given: say which one was checked instead of ignoring one silently
                gr.Warning(
                    f"Pārbaudīts pievienotais fails „{src.name}”; ielīmētie nosaukumi netika izmantoti "
                    "(lai pārbaudītu tos, noņemiet failu).",
                    title="Uzmanību",
                )
            return backends.lint(path=src), src
        if is_table_paste(text):
            lines = [ln for ln in (text or "").splitlines() if ln.strip()]
            if len(lines) > MAX_TABLE_ROWS + 1:
                raise InputError(
                    f"pārāk daudz rindu ({len(lines)}); vienā reizē ne vairāk kā {MAX_TABLE_ROWS}",
                    f"too many rows ({len(lines)}); at most {MAX_TABLE_ROWS}",
                )
            return backends.lint(table=text), None
        pairs = pasted_name_lines(text)
        return backends.lint(names=[n for _, n in pairs], rows=[i for i, _ in pairs]), None

    @guarded
    def lint_run(self, text: str, file: str | None, progress=gr.Progress()):  # noqa: B008 - Gradio's idiom
        """The seven outputs of a check. A problem (nothing pasted, a damaged file, a bug) is said once, in the
        summary panel, and the other panels are emptied: raising gr.Error would put a red "Kļūda" badge on every
        output of the event, the empty ones included, as if the whole tab were broken."""
        src: Path | None = Path(file) if file else None
        try:
            return self._lint_outputs(text, file, progress)
        except Exception as exc:  # noqa: BLE001 - every failure becomes the one status message
            if isinstance(exc, PaligsError):  # the upload's server path never reaches the user
                exc.lv = hide_paths(exc.lv, src)
                exc.en = hide_paths(exc.en, src)
            return self.failed_outputs(error_text(exc))

    @staticmethod
    def failed_outputs(message: str) -> tuple[Any, ...]:
        """The outputs after a failed check: the message (already HTML-escaped) in the summary, the rest empty."""
        return (
            f"⚠️ {message}",
            render.lint_table_html([]),
            {},
            gr.update(choices=[], value=None, interactive=False, visible=False),
            "",
            gr.update(value=None, visible=False),
            gr.update(value=None, visible=False),
        )

    def _lint_outputs(self, text: str, file: str | None, progress: Any) -> tuple[Any, ...]:
        progress(0.05, desc="Nolasu nosaukumus…")
        run, src = self._run(text, file)
        report = run.report
        progress(0.8, desc="Sagatavoju failus…")
        rows = render.lint_rows(report)
        out = tmpdir()
        stem = (src.stem if src else "nosaukumi") + "_parbaude"
        xlsx = run.write("xlsx", out / f"{stem}.xlsx")
        csvp = run.write("csv", out / f"{stem}.csv")
        summary = render.lint_summary_md(report)
        columns = getattr(run, "columns", []) or []
        name_col = getattr(run, "name_column", None)
        if len(columns) > 1 and name_col is not None and name_col < len(columns):
            summary += (
                f"\n\nNosaukumi ņemti no kolonnas „{html.escape(columns[name_col])}”; pārējās kolonnas saglabātas "
                "lejupielādētajā failā."
            )
        if run.problems:
            summary += "\n\n**Ievades piezīmes:**\n" + "\n".join(
                f"- {html.escape(hide_paths(p, src))}" for p in run.problems[:20]
            )
        codes = sorted({r[4] for r in rows if r[4]})
        progress(1.0)
        return (
            summary,
            render.lint_table_html(rows),
            report,
            gr.update(
                choices=codes, value=codes[0] if codes else None, interactive=bool(codes), visible=bool(codes)
            ),
            self.explain_md(codes[0]) if codes else "",
            gr.update(value=str(xlsx), visible=True),
            gr.update(value=str(csvp), visible=True),
        )

    def explain_md(self, code: str | None) -> str:
        """The rule's documentation in Latvian (the rule docstring's Latvian half)."""
        if not code:
            return ""
        try:
            try:
                text = self.ctx.backends.explain(code, lang="lv")
            except TypeError:  # a backend without languages
                text = self.ctx.backends.explain(code)
            return f"### {html.escape(code)}\n\n" + text
        except PaligsError as exc:
            return f"ℹ️ {exc.lv}"
        except Exception:
            log.exception("explain failed")
            return f"ℹ️ Noteikumam {html.escape(code)} skaidrojuma nav."

    @guarded
    def lint_explain(self, code: str | None) -> str:
        return self.explain_md(code)

    @guarded
    def lint_code_click(self, evt: gr.EventData) -> tuple[Any, str]:
        """A rule code clicked in the results: its explanation (the "Noteikuma skaidrojums" list is the keyboard
        way)."""
        code = str((getattr(evt, "_data", None) or {}).get("code") or "")
        if not code:
            return gr.skip(), gr.skip()
        return gr.update(value=code, visible=True), self.explain_md(code)

    # ------------------------------------------------------------------ layout and events

    def build(self) -> None:
        self.report_state = gr.State({})
        with gr.Row(equal_height=False):
            with gr.Column(scale=1, min_width=300):
                self.names_box = gr.Textbox(
                    label="Pakalpojumu nosaukumi (katrs savā rindā, vai rindas no Excel ar kolonnām)",
                    lines=8,
                    placeholder="Pases izsniegšana\nKonsultācijas par iestādes pakalpojumiem",
                    elem_id="pp-names",
                )
                self.names_file = gr.File(
                    label=f"…vai fails: TXT, CSV vai XLSX (līdz {self.ctx.max_mb:g} MB)",
                    type="filepath",
                    file_types=LINT_FILE_TYPES,
                    elem_id="pp-names-file",
                )
                self.lint_btn = gr.Button("Pārbaudīt", variant="primary", elem_id="pp-lint")
            with gr.Column(scale=2, min_width=300):
                gr.Markdown(
                    "**Vērtējumi:** ✓ atbilst · ! ieteicams pārskatīt (brīdinājumi vai nosaukums ir dublikātu vai "
                    "variāciju grupā) · ✗ jālabo (kļūda)."
                )
                self.summary = gr.Markdown("", elem_id="pp-lint-summary")
                self.dl_xlsx, self.dl_csv = download_pair("pp-dl")
        gr.Markdown("#### Rezultāti (noteikuma kods atver tā skaidrojumu)")
        self.table = gr.HTML(
            render.lint_table_html([]), elem_id="pp-lint-table", label="Rezultāti", js_on_load=CODE_CLICK_JS
        )
        # the rule's explanation under the results, full width (beside them it is a narrow column on a phone)
        # hidden until a check finds something: an empty list with no explanation only puzzles
        self.rule_pick = gr.Dropdown(
            choices=[],
            label="Noteikuma skaidrojums",
            info=RULE_PICK_INFO,
            interactive=False,
            visible=False,
            elem_id="pp-rule",
        )
        self.rule_md = gr.Markdown("", elem_id="pp-rule-md")

    def wire(self) -> None:
        self.lint_btn.click(
            self.lint_run,
            [self.names_box, self.names_file],
            [
                self.summary,
                self.table,
                self.report_state,
                self.rule_pick,
                self.rule_md,
                self.dl_xlsx,
                self.dl_csv,
            ],
            api_visibility="private",
            concurrency_limit=DEFAULT_CONCURRENCY,
        ).success(None, None, None, js=SCROLL_TO_RESULTS_JS, api_visibility="private", queue=False)
        self.rule_pick.input(self.lint_explain, [self.rule_pick], [self.rule_md], api_visibility="private")
        self.table.click(self.lint_code_click, None, [self.rule_pick, self.rule_md], api_visibility="private")
