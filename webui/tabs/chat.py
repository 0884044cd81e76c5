"""Jautājumi: the conversation, its sources (each opens the document viewer) and feedback on answers.

Handlers are plain methods (testable without a browser): ``chat_submit`` streams an answer, ``chat_clear`` starts a
new conversation (view, memory and sources), ``open_source`` turns a clicked ``[n]`` or source card into the viewer's
"open a document" event, ``rate``/``rate_like``/``export_feedback`` store and export feedback.

Example:
    tab = ChatTab(ctx); tab.build(); tab.wire()
"""

from __future__ import annotations

import functools
import logging
import time
from typing import Any

import gradio as gr

from assistant.errors import InputError, PaligsError

from .. import render
from ..backends import BackendMissing
from ..common import ASK_CONCURRENCY, AppContext, error, guarded, guarded_gen, tmpdir
from ..inputs import check_question, names_are_quoted, quoted_service_names, service_findings_only

log = logging.getLogger("paligs.app")

EXAMPLE_QUESTIONS = [
    "Kas ir e-pakalpojums?",
    "Vai konsultācijas ir pakalpojums?",
    "Kādi ir pakalpojumu veidi atkarībā no saņēmēja?",
    "Kā jāveido pakalpojuma nosaukums?",
    "Vai 'Konsultācijas par būvatļaujām' ir pakalpojums?",
    "kas ir pakalpojumu portfelis",
]
EMPTY_HINT = "Ierakstiet jautājumu un nospiediet Enter vai „Jautāt”."
# the sources panel reports clicks on "[n]" links (page script: window.ppOpenSource) and on its own buttons
SOURCES_JS = """
window.ppOpenSource = (k, n) => trigger('click', {kind: 'cite', answer: k, n: n});
element.addEventListener('click', (e) => {
  const b = e.target.closest('[data-open]');
  if (!b) return;
  e.preventDefault();
  trigger('click', {kind: b.dataset.open, answer: parseInt(b.dataset.answer || '-1', 10), n: parseInt(b.dataset.n, 10)});
});
"""


class ChatTab:
    """The Jautājumi tab: build() makes the components, wire() connects the events."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # ------------------------------------------------------------------ answers

    def wait_ready(self) -> None:
        warm = self.ctx.warm
        if not warm.wait(timeout=600):
            raise InputError("indekss vēl tiek veidots; mēģiniet pēc brīža", "the index is still being built")
        if warm.state == "error":
            raise InputError(f"indekss nav pieejams: {warm.message}", "the index is not available")

    def lint_block(
        self, names: list[str], *, service_only: bool = False
    ) -> tuple[str, dict[str, Any] | None, list[dict[str, Any]]]:
        """The linter's findings for names in a question, with the policy passages behind them as citations;
        ``service_only``: only whether each is a service (nothing when none is said not to be one)."""
        backends = self.ctx.backends
        try:
            try:
                report = backends.check_names(names, lv=True)
            except TypeError:  # a backend without the Latvian view
                report = backends.check_names(names)
        except BackendMissing as exc:
            return f"ℹ️ Nosaukumu pārbaude nav pieejama: {exc.lv}", None, []
        if service_only:
            report = service_findings_only(report)
            if not any(n.get("findings") for n in report.get("names") or []):
                return "", None, []  # nothing says it is not a service: the guidance's answer says the rest
        sources = [
            f.get("source") or ""
            for n in report.get("names") or []
            for f in n.get("findings") or []
            if f.get("source")
        ]
        try:
            cites = backends.policy_passages(sources) if sources else []
        except Exception:
            log.warning("policy passages unavailable", exc_info=True)
            cites = []
        num = {src: c["n"] for c in cites for src in c.get("sources") or []}
        lines = ["**Nosaukuma pārbaude** (pēc pakalpojumu pārvaldības vadlīnijām):"]
        grouped = {int(r) for g in report.get("portfolio") or [] for r in g.get("rows") or []}
        for n in report.get("names") or []:
            key = render.verdict_of(n, int(n.get("row") or 0) in grouped)
            verdict = {
                "ok": "✓ atbilst noteikumiem",
                "review": "! ieteicams pārskatīt",
                "fix": "✗ neatbilst",
            }[key]
            lines.append(f"\n„{n.get('name', '')}” — **{verdict}**")
            for f in n.get("findings") or []:
                sev = render.SEVERITY_LV.get(f.get("severity", ""), f.get("severity", ""))
                sug = f" Ieteikums: *{f['suggestion']}*." if f.get("suggestion") else ""
                src = f.get("source") or ""
                ref = f" [{num[src]}]" if src in num else (f" ({src})" if src else "")
                lines.append(f"- `{f.get('code', '')}` {sev}: {render.message_lv(f)}{sug}{ref}")
            if not n.get("findings"):
                lines.append("- piezīmju nav")
        return "\n".join(lines), report, cites

    @staticmethod
    def linter_answer(
        question: str, lint_md: str, report: dict[str, Any], cites: list[dict]
    ) -> dict[str, Any]:
        return {
            "question": question,
            "answer": lint_md,
            "answerable": True,
            "citations": cites,
            "retrieved": [],
            "mode": "linter",
            "notice": "",
            "linter": report,
        }

    def linter_first(self, question: str) -> tuple[str, dict[str, Any] | None, dict[str, Any] | None]:
        """For a question proposing a service name: (findings markdown, linter report, final answer or None).

        The linter's verdict with the policy passages behind it is the whole answer; without those passages the
        findings go before the assistant's answer. ("", None, None) when the question proposes no name.
        """
        names = quoted_service_names(question)
        if not names:
            return "", None, None
        # a quoted name is asked about as a name; "vai X ir pakalpojums?" in one's own words asks whether X is a
        # service: its spelling and form are not the question
        lint_md, report, cites = self.lint_block(names, service_only=not names_are_quoted(question))
        if report is None and not lint_md:
            return "", None, None
        if report is not None and cites:
            return "", report, self.linter_answer(question, lint_md, report, cites)
        return lint_md, report, None

    def answer_dict(self, question: str, history: list[tuple[str, str]]) -> dict[str, Any]:
        """The /ask API's answer: the linter's verdict for a proposed name, else the assistant's answer."""
        _lint_md, report, final = self.linter_first(question)
        if final is not None:
            return final
        ans = self.ctx.backends.ask(question, history)
        d = ans.to_dict() if hasattr(ans, "to_dict") else dict(ans)
        if report is not None:
            d["linter"] = report
        return d

    # ------------------------------------------------------------------ handlers

    @guarded_gen
    def chat_submit(self, question: str, messages: list, history: list, answers: list):
        """Stream an answer. An empty or blank question only shows the hint (nothing else changes)."""
        if not (question or "").strip():
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), EMPTY_HINT
            return
        q = check_question(question)
        k = len(answers or [])  # this answer's index: its [n] links say which answer they belong to
        messages = list(messages or []) + [
            {"role": "user", "content": q},
            {"role": "assistant", "content": "⏳ Meklēju dokumentos…"},
        ]
        sources_wait = '<div class="pp-sources pp-empty">Meklēju avotus…</div>'
        yield "", messages, history, answers, sources_wait, gr.skip(), ""
        warm = self.ctx.warm
        try:
            if warm.state == "building":
                messages[-1] = {
                    "role": "assistant",
                    "content": "⏳ Gaidu, kamēr meklēšanas indekss būs gatavs…",
                }
                yield gr.skip(), messages, history, answers, gr.skip(), gr.skip(), gr.skip()
            self.wait_ready()
            lint_md, _report, final = self.linter_first(q)
            if lint_md:  # findings without policy passages: show them while the assistant answers
                messages[-1] = {"role": "assistant", "content": lint_md + "\n\n⏳ Meklēju dokumentos…"}
                yield gr.skip(), messages, history, answers, sources_wait, gr.skip(), gr.skip()
            text = ""
            last_push = 0.0
            stream = (
                ()
                if final is not None
                else self.ctx.backends.ask_stream(q, [tuple(h) for h in history or []])
            )
            for piece in stream:
                if isinstance(piece, str):
                    text += piece
                    now = time.monotonic()
                    if now - last_push > 0.05:
                        body = (lint_md + "\n\n" if lint_md else "") + text
                        messages[-1] = {"role": "assistant", "content": body + " ▌"}
                        yield gr.skip(), messages, history, answers, gr.skip(), gr.skip(), gr.skip()
                        last_push = now
                else:
                    final = piece
            if final is None:
                raise PaligsError("atbilde netika saņemta", "no answer was produced")
            d = final.to_dict() if hasattr(final, "to_dict") else dict(final)
        except Exception as exc:  # noqa: BLE001 - show the problem in the conversation, keep the question
            err = error(exc)
            messages[-1] = {"role": "assistant", "content": f"⚠️ {err.message}"}
            # keep answers aligned with the chat's turns (the like buttons address messages by position)
            yield q, messages, history, list(answers or []) + [None], gr.skip(), gr.skip(), gr.skip()
            gr.Warning(err.message, title="Uzmanību")
            return
        messages[-1] = {
            "role": "assistant",
            "content": render.answer_markdown(
                d, linter_md=lint_md, inbox=self.ctx.inbox_email, answer_index=k
            ),
        }
        related = None if d.get("answerable", True) else d.get("retrieved")
        panel = render.sources_html(
            d.get("citations") or [], answerable=d.get("answerable", True), related=related, answer_index=k
        )
        history = list(history or []) + [(q, d.get("answer", ""))]
        answers = list(answers or []) + [d]
        yield "", messages, history, answers, panel, render.copy_text(d), ""

    def chat_clear(self) -> tuple[Any, ...]:
        """A new conversation: the view, the memory (history, answers) and the sources are all emptied."""
        return [], [], [], render.sources_html([]), "", "", ""

    @guarded
    def open_source(self, evt: gr.EventData, answers: list) -> tuple[Any, str, Any]:
        """ "A citation was clicked" → the viewer opens the document at the cited passage."""
        data = getattr(evt, "_data", None) or {}
        try:
            k, n = int(data.get("answer", -1)), int(data.get("n", 0))
        except (TypeError, ValueError):
            k, n = -1, 0
        answers = [a for a in answers or []]
        if not answers:
            raise InputError("šim avotam vairs nav atbildes (saruna ir notīrīta)", "the answer is gone")
        d = answers[k] if 0 <= k < len(answers) else answers[-1]
        if not d:
            raise InputError("šai atbildei avotu nav", "this answer has no sources")
        if data.get("kind") == "related":
            items = d.get("retrieved") or []
            item = items[n] if 0 <= n < len(items) else None
        else:
            item = next((c for c in d.get("citations") or [] if str(c.get("n")) == str(n)), None)
        if item is None:
            raise InputError(f"avots [{n}] šajā atbildē nav atrasts", f"source [{n}] not found")
        return self.ctx.viewer.open(
            str(item.get("doc") or ""),
            passage=str(item.get("text") or ""),
            quote=str(item.get("quote") or ""),
            section=str(item.get("section") or ""),
        )

    @guarded
    def rate(self, rating: int, comment: str, answers: list) -> tuple[str, str]:
        rated = [a for a in answers or [] if a]
        if not rated:
            raise InputError("vēl nav atbildes, ko novērtēt: vispirms uzdodiet jautājumu", "no answer yet")
        d = rated[-1]
        store = self.ctx.store
        store.add(
            question=d.get("question", ""),
            answer=d.get("answer", ""),
            citations=d.get("citations"),
            rating=rating,
            comment=comment or "",
            answerable=d.get("answerable"),
            mode=d.get("mode", ""),
        )
        gr.Info("Paldies! Atsauksme saglabāta.", title="Saglabāts")
        c = store.counts()
        return "", f"Saglabātas atsauksmes: {c['total']} (👍 {c['up']}, 👎 {c['down']})."

    @guarded
    def rate_like(self, data: gr.LikeData, answers: list) -> str:
        idx = data.index if isinstance(data.index, int) else data.index[0]
        k = idx // 2
        if not answers or k >= len(answers) or not answers[k]:
            raise InputError("šo ziņu nevar novērtēt", "this message cannot be rated")
        liked = data.liked
        if liked not in (True, False):  # the like was removed
            return gr.skip()
        d = answers[k]
        store = self.ctx.store
        store.add(
            question=d.get("question", ""),
            answer=d.get("answer", ""),
            citations=d.get("citations"),
            rating=1 if liked else -1,
            answerable=d.get("answerable"),
            mode=d.get("mode", ""),
        )
        c = store.counts()
        return f"Saglabātas atsauksmes: {c['total']} (👍 {c['up']}, 👎 {c['down']})."

    @guarded
    def export_feedback(self) -> Any:
        path = self.ctx.store.export_csv(tmpdir() / "atsauksmes.csv")
        return gr.update(value=str(path), visible=True)

    # ------------------------------------------------------------------ layout and events

    def build(self) -> None:
        self.history = gr.State([])
        self.answers = gr.State([])
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                self.chatbot = gr.Chatbot(
                    label="Saruna",
                    height=460,
                    elem_id="pp-chat",
                    placeholder="Uzdodiet jautājumu par pakalpojumu pārvaldību. Atbildes balstās tikai "
                    "uz dokumentiem; numuri [1], [2] atver avotu.",
                    # no per-message copy: it would copy the Markdown of the [n] links; "Atbilde ar avotiem" is the
                    # plain-text copy with the sources
                    buttons=[],
                    feedback_options=("Like", "Dislike"),
                )
                with gr.Row():
                    self.question = gr.Textbox(
                        label="Jautājums",
                        placeholder="Piemēram: Kas ir e-pakalpojums?",
                        lines=1,
                        max_lines=4,
                        scale=5,
                        elem_id="pp-question",
                        autofocus=True,
                    )
                    self.ask_btn = gr.Button("Jautāt", variant="primary", scale=1, elem_id="pp-ask")
                self.hint = gr.Markdown("", elem_id="pp-hint")
                gr.Examples(EXAMPLE_QUESTIONS, inputs=[self.question], label="Jautājumu piemēri")
                with gr.Row():
                    self.clear_btn = gr.Button("Jauna saruna", size="sm", elem_id="pp-clear")
                with gr.Accordion("Novērtēt pēdējo atbildi", open=True):
                    self.comment = gr.Textbox(
                        label="Komentārs (nav obligāts)", lines=1, max_lines=3, elem_id="pp-comment"
                    )
                    with gr.Row():
                        self.up_btn = gr.Button("👍 Noderīga", size="sm", elem_id="pp-up")
                        self.down_btn = gr.Button("👎 Nav noderīga", size="sm", elem_id="pp-down")
                    self.fb_status = gr.Markdown("", elem_id="pp-fb-status")
                with gr.Accordion("Atsauksmes satura kuratoriem", open=False):
                    self.export_btn = gr.Button(
                        "Sagatavot atsauksmju eksportu (CSV)", size="sm", elem_id="pp-export"
                    )
                    self.export_file = gr.DownloadButton(
                        "Lejupielādēt atsauksmes (CSV)", visible=False, size="sm", elem_id="pp-export-dl"
                    )
            with gr.Column(scale=2, min_width=300):
                gr.Markdown("### Avoti")
                self.sources = gr.HTML(
                    render.sources_html([]), elem_id="pp-sources", label="Avoti", js_on_load=SOURCES_JS
                )
                self.copy_box = gr.Textbox(
                    label="Atbilde ar avotiem (kopēšanai)",
                    lines=6,
                    max_lines=14,
                    interactive=False,
                    buttons=["copy"],
                    elem_id="pp-copy",
                )

    def wire(self) -> None:
        inputs = [self.question, self.chatbot, self.history, self.answers]
        outputs = [
            self.question,
            self.chatbot,
            self.history,
            self.answers,
            self.sources,
            self.copy_box,
            self.hint,
        ]
        for trigger in (self.question.submit, self.ask_btn.click):
            trigger(
                self.chat_submit,
                inputs,
                outputs,
                api_visibility="private",
                concurrency_limit=ASK_CONCURRENCY,
                concurrency_id="answers",
                show_progress="hidden",  # the answer shows its own "⏳ Meklēju…" (no overlay on an empty submit)
            )
        cleared = [
            self.chatbot,
            self.history,
            self.answers,
            self.sources,
            self.copy_box,
            self.comment,
            self.hint,
        ]
        self.clear_btn.click(self.chat_clear, None, cleared, api_visibility="private", queue=False)
        # Gradio's own trash icon on the conversation does the same as "Jauna saruna"
        self.chatbot.clear(self.chat_clear, None, cleared, api_visibility="private", queue=False)
        self.sources.click(
            self.open_source, [self.answers], self.ctx.viewer.outputs, api_visibility="private"
        )
        self.up_btn.click(
            functools.partial(self.rate, 1),
            [self.comment, self.answers],
            [self.comment, self.fb_status],
            api_visibility="private",
        )
        self.down_btn.click(
            functools.partial(self.rate, -1),
            [self.comment, self.answers],
            [self.comment, self.fb_status],
            api_visibility="private",
        )
        self.chatbot.like(self.rate_like, [self.answers], [self.fb_status], api_visibility="private")
        self.export_btn.click(self.export_feedback, None, [self.export_file], api_visibility="private")
