"""Iesūtne: e-mails (.eml, .msg, .mbox, CSV, JSONL) → a triage table (received, sender, subject, topic, due date,
needs a person, personal data), per message the draft reply to copy or to download as an Outlook draft (.eml), the
message with personal data covered, Latvian CSV/XLSX downloads and charts.

Example:
    tab = InboxTab(ctx); tab.build(); tab.wire()
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import InputError
from assistant.pii import redact as redact_field
from assistant.pii import scrub

from .. import exports, mailbox, render
from ..common import AppContext, download_pair, guarded, tmpdir
from ..inputs import TRIAGE_EXTS, check_upload

log = logging.getLogger("paligs.app")

TRIAGE_ACCEPT = ",".join(TRIAGE_EXTS)
ROW_CLICK_JS = """
element.addEventListener('click', (e) => {
  const b = e.target.closest('[data-row]');
  if (!b) return;
  trigger('click', {row: parseInt(b.dataset.row, 10)});
});
"""


def eml_file_name(message_id: str) -> str:
    """A safe file name for a reply to the message with this id ("atbilde_<id>.eml")."""
    stem = re.sub(r"[^\w.-]+", "_", message_id or "", flags=re.UNICODE).strip("._")[:60] or "zinojums"
    return f"atbilde_{stem}.eml"


def _now_riga() -> dt.datetime:
    from assistant.lvformat import riga_now

    return riga_now()


def reply_eml(result: dict[str, Any] | None, draft: str, *, from_addr: str, organisation: str) -> str | None:
    """The reply draft as an .eml file Outlook opens as a draft: To the sender, "Re: …", threaded under the
    original, the (possibly edited) Latvian draft with the redacted original quoted, marked unsent
    (``assistant.triage.reply``: the same builder as the IMAP drafts). None without a draft."""
    if not result or not (draft or "").strip() or result.get("error"):
        return None
    from email.utils import formataddr

    from assistant.triage.reply import Original, build_reply, eml_bytes, message_ids

    orig = result.get("_reply") or {}
    ids = message_ids(str(orig.get("message_id") or ""))
    original = Original(
        message_id=ids[0] if ids else "",
        references=str(orig.get("references") or ""),
        subject=str(orig.get("subject") or result.get("subject_redacted") or ""),
        sender=str(result.get("sender") or ""),
    )
    row = dict(result, draft_reply=draft.strip())  # the draft as the person left it in the box
    sender = formataddr((organisation, from_addr)) if from_addr else ""
    msg = build_reply(row, original, from_address=sender, now=_now_riga())
    if msg is None:  # suspected prompt injection and the like: a person writes the reply
        return None
    path = tmpdir() / eml_file_name(str(result.get("id", "")))
    path.write_bytes(eml_bytes(msg))
    return str(path)


class InboxTab:
    """The Iesūtne tab: build() then wire()."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # ------------------------------------------------------------------ handlers

    def triage_paths(self, paths: list[Path], rejected: list[dict[str, Any]], progress: Any) -> list[dict]:
        """Triage readable files (unreadable items keep their error row) in order, then the rejected files."""
        backends = self.ctx.backends
        messages, _problems = backends.load_messages(paths) if paths else ([], [])

        def cb(done: int, total: int) -> None:
            progress(0.1 + 0.85 * done / max(1, total), desc=f"Šķiroju {done}/{total}…")

        return (backends.triage(messages, progress=cb) if messages else []) + rejected

    @guarded
    def triage_run(self, files: list | None, progress=gr.Progress()):  # noqa: B008 - Gradio's idiom
        if not files:
            raise InputError(
                "augšupielādējiet vismaz vienu failu (.eml, .msg, .mbox, .csv, .jsonl)", "upload a file"
            )
        paths, rejected = [], []
        for f in files:
            try:
                paths.append(check_upload(f, TRIAGE_EXTS, self.ctx.max_mb))
            except InputError as exc:
                # the file name may hold personal data ("Janis_Berzins_120389-12345.eml"): shown redacted
                name = Path(str(f)).name
                rejected.append({"id": scrub(redact_field(name)), "error": scrub(exc.lv, [name])})
        if not paths and rejected:
            raise InputError("; ".join(r["error"] for r in rejected[:3]), "no usable file")
        progress(0.05, desc="Nolasu ziņojumus…")
        results = self.triage_paths(paths, rejected, progress)
        if not results:
            raise InputError("failos nav neviena ziņojuma", "the files contain no messages")
        return self.show_results(results, progress)

    def show_results(self, results: list[dict[str, Any]], progress: Any = None, lead: str = "") -> tuple[Any, ...]:
        """The tab's outputs for triaged messages (uploaded files or the mailbox); ``lead`` goes before the summary."""
        if progress is not None:
            progress(0.97, desc="Sagatavoju tabulu…")
        out = tmpdir()
        xlsx = exports.write_triage(results, "xlsx", out / "iesutne.xlsx")
        csvp = exports.write_triage(results, "csv", out / "iesutne.csv")
        ids = [str(r.get("id", "")) for r in results]
        needs = sum(1 for r in results if r.get("needs_human") or r.get("error"))
        pii = sum(1 for r in results if r.get("contains_personal_data"))
        errors = sum(1 for r in results if r.get("error"))
        from assistant.triage.reply import reply_kind

        drafts = sum(1 for r in results if reply_kind(r))
        summary = lead + (
            f"**{len(results)}** ziņojumi: **{drafts}** ar atbildes melnrakstu, **{needs}** jāskata cilvēkam, "
            f"**{pii}** ar personas datiem"
            + (f", **{errors}** nevarēja nolasīt" if errors else "")
            + ". Izvēlieties rindu (vai ziņojumu zemāk), lai redzētu melnrakstu."
        )
        first = results[0]
        info, draft, redacted, eml = self.detail(first)
        return (
            summary,
            render.triage_table_html(results),
            results,
            gr.update(choices=ids, value=ids[0] if ids else None, interactive=True),
            info,
            draft,
            redacted,
            eml,
            gr.update(value=str(xlsx), visible=True),
            gr.update(value=str(csvp), visible=True),
            render.bars_html(render.topic_counts(results), "Ziņojumi pa tēmām"),
            render.bars_html(render.due_counts(results), "Ziņojumi pa atbildes termiņiem"),
        )

    def detail(self, r: dict[str, Any]) -> tuple[str, Any, str, Any]:
        """(information, draft text box, redacted message, .eml download) for one message; a citizen's own case
        gets the polite redirect (``assistant/triage/redirect_lv.txt``) to adapt."""
        draft = render.draft_text(r)
        if not draft:
            from assistant.triage.reply import redirect_text, reply_kind

            if reply_kind(r) == "redirect":
                draft = redirect_text(self.ctx.organisation)
        eml = reply_eml(r, draft, from_addr=self.ctx.inbox_email, organisation=self.ctx.organisation)
        return (
            render.triage_info_md(r),
            gr.update(value=draft, interactive=bool(draft)),
            render.redacted_html(r),
            gr.update(value=eml, visible=bool(eml)),
        )

    @guarded
    def mailbox_load(self, progress=gr.Progress()):  # noqa: B008 - Gradio's idiom
        """ "Ielādēt no pastkastes": new messages since the last run; drafts into the mailbox's Drafts folder."""
        progress(0.02, desc="Savienojos ar pastkasti…")

        def cb(done: int, total: int) -> None:
            progress(0.05 + 0.9 * done / max(1, total), desc=f"Šķiroju {done}/{total}…")

        loaded = mailbox.load_from_mailbox(self.ctx.settings, progress=cb)
        if not loaded.rows:
            return (loaded.summary_md, *([gr.skip()] * (len(self.result_outputs) - 1)), loaded.drafts_md)
        return (*self.show_results(loaded.rows, lead=loaded.summary_md + "\n\n"), loaded.drafts_md)

    @guarded
    def triage_open(self, msg_id: str | None, results: list) -> tuple[Any, ...]:
        for r in results or []:
            if str(r.get("id", "")) == str(msg_id):
                return self.detail(r)
        return "Izvēlieties ziņojumu.", gr.update(value="", interactive=False), "", gr.update(visible=False)

    @guarded
    def triage_row_click(self, evt: gr.EventData, results: list) -> tuple[Any, ...]:
        """A message's ID clicked in the table: its draft (the "Atvērt ziņojumu" list is the keyboard way)."""
        try:
            r = int((getattr(evt, "_data", None) or {}).get("row", -1))
        except (TypeError, ValueError):
            r = -1
        if not results or not 0 <= r < len(results):
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        d = results[r]
        return (gr.update(value=str(d.get("id", ""))), *self.detail(d))

    @guarded
    def draft_edited(self, draft: str, msg_id: str | None, results: list) -> Any:
        """The .eml follows the edited draft."""
        r = next((x for x in results or [] if str(x.get("id", "")) == str(msg_id)), None)
        eml = reply_eml(r, draft, from_addr=self.ctx.inbox_email, organisation=self.ctx.organisation)
        return gr.update(value=eml, visible=bool(eml))

    # ------------------------------------------------------------------ layout and events

    def build(self) -> None:
        self.state = gr.State([])
        with gr.Row(equal_height=False):
            with gr.Column(scale=1, min_width=300):
                self.files = gr.File(
                    label=f"E-pasti: .eml, .msg, .mbox, CSV vai JSONL (līdz {self.ctx.max_mb:g} MB katrs)",
                    file_count="multiple",
                    type="filepath",
                    elem_id="pp-mail-files",
                )
                with gr.Row():
                    self.triage_btn = gr.Button("Šķirot", variant="primary", elem_id="pp-triage")
                    # the configured mailbox (PALIGS_IMAP_*): new messages, drafts back into its Drafts folder
                    self.mailbox_btn = gr.Button(
                        "Ielādēt no pastkastes",
                        visible=mailbox.configured(self.ctx.settings),
                        elem_id="pp-mailbox",
                    )
            with gr.Column(scale=2, min_width=300):
                self.summary = gr.Markdown("", elem_id="pp-triage-summary")
                self.dl_xlsx, self.dl_csv = download_pair("pp-tdl")
                self.mailbox_md = gr.Markdown("", elem_id="pp-mailbox-drafts")
        gr.Markdown("#### Ziņojumi (ID atver ziņojumu un tā melnrakstu)")
        self.table = gr.HTML(
            render.triage_table_html([]), elem_id="pp-triage-table", label="Ziņojumi", js_on_load=ROW_CLICK_JS
        )
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                self.msg_pick = gr.Dropdown(
                    choices=[], label="Atvērt ziņojumu (ID)", interactive=False, elem_id="pp-msg"
                )
                self.info = gr.Markdown("", elem_id="pp-draft-info")
                self.draft = gr.Textbox(
                    label="Atbildes melnraksts (var labot; kopēšanas poga augšā labajā stūrī)",
                    lines=14,
                    max_lines=40,
                    interactive=False,
                    buttons=["copy"],
                    elem_id="pp-draft",
                )
                self.eml = gr.DownloadButton(
                    "Lejupielādēt atbildi Outlook (.eml)", visible=False, size="sm", elem_id="pp-eml"
                )
            with gr.Column(scale=2, min_width=280):
                gr.Markdown("#### Ziņojums (personas dati aizklāti)")
                self.redacted = gr.HTML("", elem_id="pp-redacted", label="Ziņojums")
        with gr.Row():
            self.topic_plot = gr.HTML("", elem_id="pp-topics", label="Ziņojumi pa tēmām")
            self.due_plot = gr.HTML("", elem_id="pp-due", label="Ziņojumi pa termiņiem")

    @property
    def result_outputs(self) -> list[Any]:
        """What a triage run fills (for the mailbox button of issue 14 too: return :meth:`show_results`)."""
        return [
            self.summary,
            self.table,
            self.state,
            self.msg_pick,
            self.info,
            self.draft,
            self.redacted,
            self.eml,
            self.dl_xlsx,
            self.dl_csv,
            self.topic_plot,
            self.due_plot,
        ]

    def wire(self) -> None:
        self.triage_btn.click(
            self.triage_run, [self.files], self.result_outputs, api_name="triage_files", concurrency_limit=2
        )
        self.mailbox_btn.click(
            self.mailbox_load,
            [],
            [*self.result_outputs, self.mailbox_md],
            api_visibility="private",  # it writes into the mailbox: only from the page
            concurrency_limit=1,
        )
        detail = [self.info, self.draft, self.redacted, self.eml]
        self.msg_pick.input(self.triage_open, [self.msg_pick, self.state], detail, api_visibility="private")
        self.table.click(
            self.triage_row_click, [self.state], [self.msg_pick, *detail], api_visibility="private"
        )
        self.draft.blur(
            self.draft_edited, [self.draft, self.msg_pick, self.state], [self.eml], api_visibility="private"
        )
