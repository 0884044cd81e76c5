"""The Gradio Blocks of the staff web app: four tabs (Jautājumi, Nosaukumu pārbaude, Iesūtne, Par).

``build_app(settings, backends)`` is cheap: no index is built and no model is loaded here. Heavy parts load on the
first request or in :func:`webui.ui.start_warm_up` (called by ``app.py`` on launch).

Every handler catches :class:`PaligsError` (a Latvian message) and everything else (a generic Latvian message, the
traceback goes to the server log only), so a user never sees a stack trace and other sessions are unaffected.

Example:
    demo = build_app(load_settings()); demo.queue(default_concurrency_limit=4).launch(**launch_kwargs(settings))
"""

from __future__ import annotations

import functools
import html
import logging
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.config import Settings, load_settings
from assistant.errors import InputError, PaligsError

from . import documents as documents_panel
from . import exports, mailbox, render
from .backends import BackendMissing, Backends
from .feedback import FeedbackStore
from .gradio_patches import lazy_session_configs
from .inputs import (
    LINT_EXTS,
    TRIAGE_EXTS,
    api_names,
    check_question,
    check_upload,
    pasted_name_lines,
    pasted_names,
    quoted_service_names,
)
from .lv import CSS, HEAD_JS, THEME

log = logging.getLogger("paligs.app")

EXAMPLE_QUESTIONS = [
    "Kas ir e-pakalpojums?",
    "Vai konsultācijas ir pakalpojums?",
    "Kādi ir pakalpojumu veidi atkarībā no saņēmēja?",
    "Kā jāveido pakalpojuma nosaukums?",
    "Vai 'Konsultācijas par būvatļaujām' ir pakalpojums?",
    "kas ir pakalpojumu portfelis",
]
ASK_CONCURRENCY = 8
DEFAULT_CONCURRENCY = 4
GENERIC_LV = "radās neparedzēta kļūda. Mēģiniet vēlreiz; ja atkārtojas, ziņojiet administratoram"


# ---------------------------------------------------------------- errors


def _error(exc: BaseException, *, english: bool = False) -> gr.Error:
    """A Latvian gr.Error (with the English after a slash for API callers)."""
    if isinstance(exc, gr.Error):
        return exc
    if isinstance(exc, PaligsError):
        msg = exc.lv[:1].upper() + exc.lv[1:]
        if english and exc.en and exc.en != exc.lv:
            msg += f" / {exc.en[:1].upper() + exc.en[1:]}"
        return gr.Error(html.escape(msg), title="Kļūda", print_exception=False)
    log.exception("handler failed")
    return gr.Error(
        html.escape(GENERIC_LV[:1].upper() + GENERIC_LV[1:]) + ".", title="Kļūda", print_exception=False
    )


def guarded(fn: Callable) -> Callable:
    """Turn every exception of a handler into a Latvian gr.Error (the outputs keep their values)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            raise _error(exc) from exc

    return wrapper


def guarded_gen(fn: Callable) -> Callable:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            yield from fn(*args, **kwargs)
        except Exception as exc:
            raise _error(exc) from exc

    return wrapper


def _tmpdir() -> Path:
    d = Path(tempfile.gettempdir()) / "paligs-app" / uuid.uuid4().hex[:12]
    d.mkdir(parents=True, exist_ok=True)
    return d


# ---------------------------------------------------------------- warm-up


class WarmUp:
    """Opens (or on the first start builds) the index in a background thread; the page shows its state."""

    def __init__(self, backends: Any) -> None:
        self.backends = backends
        self.state = "idle"  # idle | building | ready | error | missing
        self.message = ""
        self.started = 0.0
        self.finished = 0.0
        self.first_build = False
        self._done = threading.Event()
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self.state != "idle":
                return
            self.state = "building"
            self.started = time.monotonic()
            try:
                self.first_build = not self.backends.index_built()
            except Exception:  # noqa: BLE001 - only changes the wording of the banner
                self.first_build = False
        threading.Thread(target=self._run, name="paligs-warmup", daemon=True).start()

    def _run(self) -> None:
        try:
            self.backends.warm_up()
            self.state = "ready"
        except BackendMissing as exc:
            self.state, self.message = "missing", exc.lv
        except PaligsError as exc:
            self.state, self.message = "error", exc.lv
        except Exception as exc:
            log.exception("warm-up failed")
            self.state, self.message = "error", str(exc)[:300]
        finally:
            self.finished = time.monotonic()
            self._done.set()

    def wait(self, timeout: float) -> bool:
        if self.state == "idle":
            return True  # not started (tests, plain demo.launch()): the backends load on first use
        return self._done.wait(timeout)

    def banner(self) -> str:
        if self.state == "building":
            secs = int(time.monotonic() - self.started)
            what = (
                "pirmajā palaišanā veidoju meklēšanas indeksu (dokumentu nolasīšana, sadalīšana un iegultņi; "
                "parasti 1–3 minūtes, gaita redzama servera konsolē)"
                if self.first_build
                else "atveru meklēšanas indeksu"
            )
            return (
                f"⏳ **Notiek sagatavošana:** {what} — {secs} s. "
                "Jautājumi tiks atbildēti, tiklīdz tas būs gatavs; pārējās cilnes var lietot jau tagad."
            )
        if self.state == "error":
            return f"⚠️ **Indeksu neizdevās sagatavot:** {html.escape(self.message)}. Skatiet cilni „Par”."
        if self.state == "missing":
            return f"ℹ️ {html.escape(self.message)}"
        return ""


# ---------------------------------------------------------------- the app


def build_app(settings: Settings | None = None, backends: Any = None) -> gr.Blocks:
    """Build the four-tab Blocks. Cheap: nothing heavy is loaded here."""
    settings = settings or load_settings()
    lazy_session_configs()
    backends = backends or Backends(settings)
    store = FeedbackStore(Path(settings.data_dir) / "feedback.sqlite3")
    warm = WarmUp(backends)
    max_mb = float(settings.max_upload_mb)

    # ------------------------------------------------ chat handlers

    def _wait_ready() -> None:
        if not warm.wait(timeout=600):
            raise InputError("indekss vēl tiek veidots; mēģiniet pēc brīža", "the index is still being built")
        if warm.state == "error":
            raise InputError(f"indekss nav pieejams: {warm.message}", "the index is not available")

    def _lint_block(names: list[str]) -> tuple[str, dict[str, Any] | None, list[dict[str, Any]]]:
        """The linter's findings for names in a question, with the policy passages behind them as citations."""
        try:
            report = backends.check_names(names)
        except BackendMissing as exc:
            return f"ℹ️ Nosaukumu pārbaude nav pieejama: {exc.lv}", None, []
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
        for n in report.get("names") or []:
            verdict = "✓ atbilst noteikumiem" if n.get("valid") else "✗ neatbilst"
            lines.append(f"\n„{n.get('name', '')}” — **{verdict}**")
            for f in n.get("findings") or []:
                sev = render.SEVERITY_LV.get(f.get("severity", ""), f.get("severity", ""))
                sug = f" Ieteikums: *{f['suggestion']}*." if f.get("suggestion") else ""
                src = f.get("source") or ""
                ref = f" [{num[src]}]" if src in num else (f" ({src})" if src else "")
                lines.append(f"- `{f.get('code', '')}` {sev}: {f.get('message', '')}{sug}{ref}")
            if not n.get("findings"):
                lines.append("- piezīmju nav")
        return "\n".join(lines), report, cites

    def _linter_answer(
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

    def _linter_first(question: str) -> tuple[str, dict[str, Any] | None, dict[str, Any] | None]:
        """For a question proposing a service name: (findings markdown, linter report, final answer or None).

        The linter's verdict with the policy passages behind it is the whole answer; without those passages the
        findings go before the assistant's answer. ("", None, None) when the question proposes no name.
        """
        names = quoted_service_names(question)
        if not names:
            return "", None, None
        lint_md, report, cites = _lint_block(names)
        if report is not None and cites:
            return "", report, _linter_answer(question, lint_md, report, cites)
        return lint_md, report, None

    def _answer_dict(question: str, history: list[tuple[str, str]]) -> dict[str, Any]:
        _lint_md, report, final = _linter_first(question)
        if final is not None:
            return final
        ans = backends.ask(question, history)
        d = ans.to_dict() if hasattr(ans, "to_dict") else dict(ans)
        if report is not None:
            d["linter"] = report
        return d

    @guarded_gen
    def chat_submit(question: str, messages: list, history: list, answers: list):
        q = check_question(question)
        messages = list(messages or []) + [
            {"role": "user", "content": q},
            {"role": "assistant", "content": "⏳ Meklēju dokumentos…"},
        ]
        sources_wait = '<div class="pp-sources pp-empty">Meklēju avotus…</div>'
        yield "", messages, history, answers, sources_wait, gr.skip()
        try:
            if warm.state == "building":
                messages[-1] = {
                    "role": "assistant",
                    "content": "⏳ Gaidu, kamēr meklēšanas indekss būs gatavs…",
                }
                yield gr.skip(), messages, history, answers, gr.skip(), gr.skip()
            _wait_ready()
            lint_md, _report, final = _linter_first(q)
            if lint_md:  # findings without policy passages: show them while the assistant answers
                messages[-1] = {"role": "assistant", "content": lint_md + "\n\n⏳ Meklēju dokumentos…"}
                yield gr.skip(), messages, history, answers, sources_wait, gr.skip()
            text = ""
            last_push = 0.0
            stream = () if final is not None else backends.ask_stream(q, [tuple(h) for h in history or []])
            for piece in stream:
                if isinstance(piece, str):
                    text += piece
                    now = time.monotonic()
                    if now - last_push > 0.05:
                        body = (lint_md + "\n\n" if lint_md else "") + text
                        messages[-1] = {"role": "assistant", "content": body + " ▌"}
                        yield gr.skip(), messages, history, answers, gr.skip(), gr.skip()
                        last_push = now
                else:
                    final = piece
            if final is None:
                raise PaligsError("atbilde netika saņemta", "no answer was produced")
            d = final.to_dict() if hasattr(final, "to_dict") else dict(final)
        except Exception as exc:  # noqa: BLE001 - show the problem in the conversation, keep the question
            err = _error(exc)
            messages[-1] = {"role": "assistant", "content": f"⚠️ {err.message}"}
            # keep answers aligned with the chat's turns (the like buttons address messages by position)
            yield q, messages, history, list(answers or []) + [None], gr.skip(), gr.skip()
            gr.Warning(err.message, title="Uzmanību")
            return
        messages[-1] = {"role": "assistant", "content": render.answer_markdown(d, linter_md=lint_md)}
        related = None if d.get("answerable", True) else d.get("retrieved")
        panel = render.sources_html(
            d.get("citations") or [], answerable=d.get("answerable", True), related=related
        )
        history = list(history or []) + [(q, d.get("answer", ""))]
        answers = list(answers or []) + [d]
        yield "", messages, history, answers, panel, render.copy_text(d)

    def chat_clear():
        return [], [], [], render.sources_html([]), "", ""

    @guarded
    def rate(rating: int, comment: str, answers: list) -> tuple[str, str]:
        rated = [a for a in answers or [] if a]
        if not rated:
            raise InputError("vēl nav atbildes, ko novērtēt: vispirms uzdodiet jautājumu", "no answer yet")
        d = rated[-1]
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
    def rate_like(data: gr.LikeData, answers: list) -> str:
        idx = data.index if isinstance(data.index, int) else data.index[0]
        k = idx // 2
        if not answers or k >= len(answers) or not answers[k]:
            raise InputError("šo ziņu nevar novērtēt", "this message cannot be rated")
        liked = data.liked
        if liked not in (True, False):  # the like was removed
            return gr.skip()
        d = answers[k]
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
    def export_feedback() -> Any:
        path = store.export_csv(_tmpdir() / "atsauksmes.csv")
        return gr.update(value=str(path), visible=True)

    # ------------------------------------------------ linter handlers

    @guarded
    def lint_run(text: str, file: str | None, progress=gr.Progress()):  # noqa: B008 - Gradio's idiom
        progress(0.05, desc="Nolasu nosaukumus…")
        if file:
            src = check_upload(file, LINT_EXTS, max_mb)
            if (text or "").strip():  # both given: say which one was checked instead of ignoring one silently
                gr.Warning(
                    f"Pārbaudīts pievienotais fails „{src.name}”; ielīmētie nosaukumi netika izmantoti "
                    "(lai pārbaudītu tos, noņemiet failu).",
                    title="Uzmanību",
                )
            run = backends.lint(path=src)
        else:
            src = None
            pairs = pasted_name_lines(text)
            progress(0.2, desc=f"Pārbaudu {len(pairs)} nosaukumus…")
            run = backends.lint(names=[n for _, n in pairs], rows=[i for i, _ in pairs])
        report = run.report
        progress(0.8, desc="Sagatavoju failus…")
        rows = render.lint_rows(report)
        out = _tmpdir()
        stem = (src.stem if src else "nosaukumi") + "_parbaude"
        xlsx = run.write("xlsx", out / f"{stem}.xlsx")
        csvp = run.write("csv", out / f"{stem}.csv")
        summary = render.lint_summary_md(report)
        if run.problems:
            summary += "\n\n**Ievades piezīmes:**\n" + "\n".join(
                f"- {html.escape(p)}" for p in run.problems[:20]
            )
        codes = sorted({r[4] for r in rows if r[4]})
        progress(1.0)
        return (
            summary,
            _lint_styler(rows),
            report,
            gr.update(choices=codes, value=codes[0] if codes else None, interactive=bool(codes)),
            _explain_md(codes[0]) if codes else "",
            gr.update(value=str(xlsx), visible=True),
            gr.update(value=str(csvp), visible=True),
        )

    def _explain_md(code: str | None) -> str:
        if not code:
            return ""
        try:
            return f"### {html.escape(code)}\n\n" + backends.explain(code)
        except PaligsError as exc:
            return f"ℹ️ {exc.lv}"
        except Exception:
            log.exception("explain failed")
            return f"ℹ️ Noteikumam {html.escape(code)} skaidrojuma nav."

    @guarded
    def lint_explain(code: str | None) -> str:
        return _explain_md(code)

    @guarded
    def lint_select(evt: gr.SelectData, report: dict) -> tuple[Any, str]:
        rows = render.lint_rows(report or {})
        r = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        if not rows or r is None or r >= len(rows) or not rows[r][4]:
            return gr.skip(), "Šim nosaukumam piezīmju nav."
        code = rows[r][4]
        return gr.update(value=code), _explain_md(code)

    # ------------------------------------------------ triage handlers

    @guarded
    def triage_run(files: list | None, progress=gr.Progress()):  # noqa: B008 - Gradio's idiom
        if not files:
            raise InputError(
                "augšupielādējiet vismaz vienu failu (.eml, .msg, .mbox, .csv, .jsonl)", "upload a file"
            )
        paths, rejected = [], []
        for f in files:
            try:
                paths.append(check_upload(f, TRIAGE_EXTS, max_mb))
            except InputError as exc:
                rejected.append({"id": Path(str(f)).name, "error": exc.lv})
        if not paths and rejected:
            raise InputError("; ".join(r["error"] for r in rejected[:3]), "no usable file")
        progress(0.05, desc="Nolasu ziņojumus…")
        # unreadable items come back from load_inputs as messages with an error: they keep their row
        messages, _problems = backends.load_messages(paths) if paths else ([], [])

        def cb(done: int, total: int) -> None:
            progress(0.1 + 0.85 * done / max(1, total), desc=f"Šķiroju {done}/{total}…")

        results = (backends.triage(messages, progress=cb) if messages else []) + rejected
        if not results:
            raise InputError("failos nav neviena ziņojuma", "the files contain no messages")
        progress(0.97, desc="Sagatavoju tabulu…")
        return _triage_view(results)

    def _triage_view(results: list[dict[str, Any]], lead: str = "") -> tuple[Any, ...]:
        """The Iesūtne outputs for a list of triage rows (uploaded files or the mailbox)."""
        out = _tmpdir()
        xlsx = exports.write_triage(results, "xlsx", out / "iesutne.xlsx")
        csvp = exports.write_triage(results, "csv", out / "iesutne.csv")
        ids = [str(r.get("id", "")) for r in results]
        needs = sum(1 for r in results if r.get("needs_human") or r.get("error"))
        pii = sum(1 for r in results if r.get("contains_personal_data"))
        errors = sum(1 for r in results if r.get("error"))
        summary = lead + (
            f"**{len(results)}** ziņojumi: **{needs}** jāskata cilvēkam, **{pii}** ar personas datiem"
            + (f", **{errors}** nevarēja nolasīt" if errors else "")
            + ". Izvēlieties rindu (vai ID zemāk), lai redzētu atbildes melnrakstu."
        )
        first = results[0]
        draft, redacted = render.triage_detail_md(first)
        return (
            summary,
            _triage_df(results),
            results,
            gr.update(choices=ids, value=ids[0] if ids else None, interactive=True),
            draft,
            redacted,
            gr.update(value=str(xlsx), visible=True),
            gr.update(value=str(csvp), visible=True),
            _bar(render.topic_counts(results), "Tēma", "Ziņojumi"),
            _bar(render.due_counts(results), "Termiņš", "Ziņojumi"),
        )

    @guarded
    def mailbox_load(progress=gr.Progress()):  # noqa: B008 - Gradio's idiom
        """ "Ielādēt no pastkastes": new messages since the last run; drafts into the mailbox's Drafts folder."""
        progress(0.02, desc="Savienojos ar pastkasti…")

        def cb(done: int, total: int) -> None:
            progress(0.05 + 0.9 * done / max(1, total), desc=f"Šķiroju {done}/{total}…")

        loaded = mailbox.load_from_mailbox(settings, progress=cb)
        if not loaded.rows:
            return (loaded.summary_md, *([gr.skip()] * 9), loaded.drafts_md)
        return (*_triage_view(loaded.rows, loaded.summary_md + "\n\n"), loaded.drafts_md)

    @guarded
    def triage_open(msg_id: str | None, results: list) -> tuple[str, str]:
        for r in results or []:
            if str(r.get("id", "")) == str(msg_id):
                return render.triage_detail_md(r)
        return "Izvēlieties ziņojumu.", ""

    @guarded
    def triage_select(evt: gr.SelectData, results: list) -> tuple[Any, str, str]:
        r = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        if not results or r is None or r >= len(results):
            return gr.skip(), gr.skip(), gr.skip()
        d = results[r]
        draft, redacted = render.triage_detail_md(d)
        return gr.update(value=str(d.get("id", ""))), draft, redacted

    # ------------------------------------------------ about handlers

    @guarded
    def about_load() -> tuple[Any, str]:
        try:
            docs = backends.documents()
        except BackendMissing as exc:
            return _docs_df([]), f"ℹ️ {exc.lv}"
        return _docs_df(docs), _status_md(backends, warm, store)

    @guarded
    def rebuild(confirm: bool, progress=gr.Progress()):  # noqa: B008 - Gradio's idiom
        if not confirm:
            raise InputError("apstipriniet pārbūvi (atzīmējiet izvēles rūtiņu)", "tick the confirmation box")
        progress(0.1, desc="Pārbūvēju indeksu… (tas var ilgt dažas minūtes)")
        t0 = time.monotonic()
        stats = backends.build_index(rebuild=True)
        gr.Info(f"Indekss pārbūvēts {time.monotonic() - t0:.0f} s.", title="Gatavs")
        progress(1.0)
        md = _status_md(backends, warm, store)
        if stats:
            md += "\n\n**Pārbūves rezultāts:** " + ", ".join(f"{k}: {v}" for k, v in stats.items())
        return md

    def banner() -> tuple[str, Any]:
        text = warm.banner()
        active = warm.state == "building"
        return gr.update(value=text, visible=bool(text)), gr.Timer(active=active)

    # ------------------------------------------------ layout

    with gr.Blocks(title="Pakalpojumu palīgs", analytics_enabled=False, fill_width=False) as demo:
        demo.paligs_warm_up = warm  # type: ignore[attr-defined]
        demo.paligs_settings = settings  # type: ignore[attr-defined]
        gr.Markdown(
            "# Pakalpojumu palīgs\n"
            "Jautājumi par pakalpojumu pārvaldību, pakalpojumu nosaukumu pārbaude un konsultāciju iesūtnes šķirošana "
            "— pēc VARAM pakalpojumu pārvaldības vadlīnijām.",
            elem_id="pp-header",
        )
        status = gr.Markdown("", visible=False, elem_id="pp-status")
        timer = gr.Timer(2.0, active=False)

        with gr.Tabs():
            # -------- Jautājumi
            with gr.Tab("Jautājumi", id="jautajumi", elem_id="tab-jautajumi"):
                history = gr.State([])
                answers = gr.State([])
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(
                            label="Saruna",
                            height=460,
                            elem_id="pp-chat",
                            placeholder="Uzdodiet jautājumu par pakalpojumu pārvaldību. Atbildes balstās tikai "
                            "uz dokumentiem, ar numurētām atsaucēm uz avotiem.",
                            buttons=["copy"],
                            feedback_options=("Like", "Dislike"),
                        )
                        with gr.Row():
                            question = gr.Textbox(
                                label="Jautājums",
                                placeholder="Piemēram: Kas ir e-pakalpojums?",
                                lines=1,
                                max_lines=4,
                                scale=5,
                                elem_id="pp-question",
                                autofocus=True,
                            )
                            ask_btn = gr.Button("Jautāt", variant="primary", scale=1, elem_id="pp-ask")
                        gr.Examples(EXAMPLE_QUESTIONS, inputs=[question], label="Jautājumu piemēri")
                        with gr.Row():
                            clear_btn = gr.Button("Jauna saruna", size="sm", elem_id="pp-clear")
                        with gr.Accordion("Novērtēt pēdējo atbildi", open=True):
                            comment = gr.Textbox(
                                label="Komentārs (nav obligāts)", lines=1, max_lines=3, elem_id="pp-comment"
                            )
                            with gr.Row():
                                up_btn = gr.Button("👍 Noderīga", size="sm", elem_id="pp-up")
                                down_btn = gr.Button("👎 Nav noderīga", size="sm", elem_id="pp-down")
                            fb_status = gr.Markdown("", elem_id="pp-fb-status")
                        with gr.Accordion("Atsauksmes satura kuratoriem", open=False):
                            export_btn = gr.Button(
                                "Sagatavot atsauksmju eksportu (CSV)", size="sm", elem_id="pp-export"
                            )
                            export_file = gr.DownloadButton(
                                "Lejupielādēt atsauksmes (CSV)",
                                visible=False,
                                size="sm",
                                elem_id="pp-export-dl",
                            )
                    with gr.Column(scale=2):
                        gr.Markdown("### Avoti")
                        sources = gr.HTML(render.sources_html([]), elem_id="pp-sources", label="Avoti")
                        copy_box = gr.Textbox(
                            label="Atbilde ar avotiem (kopēšanai)",
                            lines=6,
                            max_lines=14,
                            interactive=False,
                            buttons=["copy"],
                            elem_id="pp-copy",
                        )

                chat_inputs = [question, chatbot, history, answers]
                chat_outputs = [question, chatbot, history, answers, sources, copy_box]
                for trigger in (question.submit, ask_btn.click):
                    trigger(
                        chat_submit,
                        chat_inputs,
                        chat_outputs,
                        api_visibility="private",
                        concurrency_limit=ASK_CONCURRENCY,
                        concurrency_id="answers",
                    )
                clear_btn.click(
                    chat_clear,
                    None,
                    [chatbot, history, answers, sources, copy_box, comment],
                    api_visibility="private",
                )
                up_btn.click(
                    functools.partial(rate, 1),
                    [comment, answers],
                    [comment, fb_status],
                    api_visibility="private",
                )
                down_btn.click(
                    functools.partial(rate, -1),
                    [comment, answers],
                    [comment, fb_status],
                    api_visibility="private",
                )
                chatbot.like(rate_like, [answers], [fb_status], api_visibility="private")
                export_btn.click(export_feedback, None, [export_file], api_visibility="private")

            # -------- Nosaukumu pārbaude
            with gr.Tab("Nosaukumu pārbaude", id="nosaukumi", elem_id="tab-nosaukumi"):
                report_state = gr.State({})
                with gr.Row(equal_height=False):
                    with gr.Column(scale=1):
                        names_box = gr.Textbox(
                            label="Pakalpojumu nosaukumi (katrs savā rindā)",
                            lines=8,
                            placeholder="Pases izsniegšana\nKonsultācijas par iestādes pakalpojumiem",
                            elem_id="pp-names",
                        )
                        names_file = gr.File(
                            label=f"…vai fails: TXT, CSV vai XLSX (līdz {max_mb:g} MB)",
                            type="filepath",
                            elem_id="pp-names-file",
                        )
                        lint_btn = gr.Button("Pārbaudīt", variant="primary", elem_id="pp-lint")
                    with gr.Column(scale=2):
                        lint_summary = gr.Markdown("", elem_id="pp-lint-summary")
                        dl_xlsx, dl_csv = _download_pair("pp-dl")
                lint_table = gr.Dataframe(
                    headers=render.LINT_COLUMNS,
                    label="Rezultāti (izvēlieties rindu, lai redzētu noteikuma skaidrojumu)",
                    interactive=False,
                    wrap=True,
                    column_widths=["5%", "20%", "8%", "9%", "6%", "12%", "24%", "10%", "6%"],
                    elem_id="pp-lint-table",
                )
                with gr.Row(equal_height=False):
                    rule_pick = gr.Dropdown(
                        choices=[], label="Noteikums", interactive=False, scale=1, elem_id="pp-rule"
                    )
                    rule_md = gr.Markdown("", elem_id="pp-rule-md")
                lint_btn.click(
                    lint_run,
                    [names_box, names_file],
                    [lint_summary, lint_table, report_state, rule_pick, rule_md, dl_xlsx, dl_csv],
                    api_visibility="private",
                )
                rule_pick.input(lint_explain, [rule_pick], [rule_md], api_visibility="private")
                lint_table.select(lint_select, [report_state], [rule_pick, rule_md], api_visibility="private")

            # -------- Iesūtne
            with gr.Tab("Iesūtne", id="iesutne", elem_id="tab-iesutne"):
                triage_state = gr.State([])
                with gr.Row(equal_height=False):
                    with gr.Column(scale=1):
                        mail_files = gr.File(
                            label=f"E-pasti: .eml, .msg, .mbox, CSV vai JSONL (līdz {max_mb:g} MB katrs)",
                            file_count="multiple",
                            type="filepath",
                            elem_id="pp-mail-files",
                        )
                        triage_btn = gr.Button("Šķirot", variant="primary", elem_id="pp-triage")
                        # the configured mailbox (PALIGS_IMAP_*): new messages, drafts back into its Drafts folder
                        mailbox_btn = gr.Button(
                            "Ielādēt no pastkastes",
                            visible=mailbox.configured(settings),
                            elem_id="pp-mailbox",
                        )
                    with gr.Column(scale=2):
                        triage_summary = gr.Markdown("", elem_id="pp-triage-summary")
                        tdl_xlsx, tdl_csv = _download_pair("pp-tdl")
                        mailbox_md = gr.Markdown("", elem_id="pp-mailbox-drafts")
                triage_table = gr.Dataframe(
                    headers=render.TRIAGE_COLUMNS,
                    label="Ziņojumi (izvēlieties rindu, lai atvērtu)",
                    interactive=False,
                    wrap=True,
                    column_widths=["11%", "22%", "14%", "8%", "9%", "20%", "10%", "6%"],
                    elem_id="pp-triage-table",
                )
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3):
                        msg_pick = gr.Dropdown(
                            choices=[], label="Atvērt ziņojumu (ID)", interactive=False, elem_id="pp-msg"
                        )
                        draft_md = gr.Markdown("", elem_id="pp-draft", label="Atbildes melnraksts")
                    with gr.Column(scale=2):
                        gr.Markdown("#### Ziņojums (personas dati aizklāti)")
                        redacted_md = gr.Markdown("", elem_id="pp-redacted")
                with gr.Row():
                    topic_plot = gr.BarPlot(
                        x="Tēma",
                        y="Ziņojumi",
                        title="Tēmas",
                        label="Ziņojumi pa tēmām",
                        elem_id="pp-topics",
                        x_label_angle=-30,
                    )
                    due_plot = gr.BarPlot(
                        x="Termiņš",
                        y="Ziņojumi",
                        title="Atbildes termiņi",
                        label="Ziņojumi pa termiņiem",
                        elem_id="pp-due",
                        x_label_angle=-30,
                    )
                triage_btn.click(
                    triage_run,
                    [mail_files],
                    [
                        triage_summary,
                        triage_table,
                        triage_state,
                        msg_pick,
                        draft_md,
                        redacted_md,
                        tdl_xlsx,
                        tdl_csv,
                        topic_plot,
                        due_plot,
                    ],
                    api_name="triage_files",
                    concurrency_limit=2,
                )
                mailbox_btn.click(
                    mailbox_load,
                    [],
                    [
                        triage_summary,
                        triage_table,
                        triage_state,
                        msg_pick,
                        draft_md,
                        redacted_md,
                        tdl_xlsx,
                        tdl_csv,
                        topic_plot,
                        due_plot,
                        mailbox_md,
                    ],
                    api_visibility="private",  # it writes into the mailbox: only from the page
                    concurrency_limit=1,
                )
                msg_pick.input(
                    triage_open, [msg_pick, triage_state], [draft_md, redacted_md], api_visibility="private"
                )
                triage_table.select(
                    triage_select, [triage_state], [msg_pick, draft_md, redacted_md], api_visibility="private"
                )

            # -------- Par
            with gr.Tab("Par", id="par", elem_id="tab-par"):
                gr.Markdown(
                    "### Par rīku\nPakalpojumu palīgs atbild tikai pēc zemāk uzskaitītajiem dokumentiem un vienmēr "
                    "norāda avotus. Ja dokumentos atbildes nav, tas to pasaka un iesaka rakstīt uz "
                    f"{render.INBOX}. Atbildes nav juridisks atzinums.\n\n### Indeksētie dokumenti"
                )
                docs_table = gr.Dataframe(
                    headers=DOC_COLUMNS,
                    label="Dokumenti",
                    interactive=False,
                    wrap=True,
                    elem_id="pp-docs",
                    column_widths=["17%", "28%", "25%", "6%", "7%", "10%", "7%"],
                )
                index_md = gr.Markdown("", elem_id="pp-index-status")
                with gr.Accordion("Administrēšana", open=False):
                    gr.Markdown(
                        "Indeksa pārbūve nolasa korpusu no jauna (piemēram, pēc dokumentu maiņas). "
                        "Pārbūves laikā jautājumi var atbildēt lēnāk."
                    )
                    confirm = gr.Checkbox(
                        label="Apstiprinu: pārbūvēt indeksu", value=False, elem_id="pp-confirm"
                    )
                    rebuild_btn = gr.Button("Pārbūvēt indeksu", variant="stop", elem_id="pp-rebuild")
                refresh_btn = gr.Button("Atjaunot statusu", size="sm")
                # the checkbox is reset only after a successful rebuild (as an output of a failing event it would
                # be covered by Gradio's error overlay)
                rebuild_btn.click(
                    rebuild,
                    [confirm],
                    [index_md],
                    api_visibility="private",
                    concurrency_limit=1,
                    concurrency_id="rebuild",
                ).success(lambda: False, None, [confirm], api_visibility="private")
                refresh_btn.click(about_load, None, [docs_table, index_md], api_visibility="private")

            # -------- Dokumenti (administrators: upload, replace, remove; webui/documents.py)
            with gr.Tab("Dokumenti", id="dokumenti", elem_id="tab-dokumenti"):
                docs_admin_load, docs_admin_outputs = documents_panel.build(settings)

        # -------- named API endpoints for scripts (gradio_client)
        def ask(question: str, history: list[list[str]] | None = None) -> dict:
            """Answer a question from the documents: {question, answer, answerable, citations, retrieved, ...}."""
            try:
                q = check_question(question)
                _wait_ready()
                if history is not None and not (
                    isinstance(history, list)
                    and all(isinstance(h, (list, tuple)) and len(h) == 2 for h in history)
                ):
                    raise InputError(
                        "sarunas vēsturei jābūt pāru sarakstam [[jautājums, atbilde], …]",
                        "history must be a list of [question, answer] pairs",
                    )
                bad = [i for i, h in enumerate(history or [], 1) if not all(isinstance(x, str) for x in h)]
                if bad:  # str(None) / str({...}) would reach the answer as "None" / "{'x': 1}"
                    at = ", ".join(map(str, bad[:10]))
                    raise InputError(
                        f"sarunas vēstures pārī jābūt diviem tekstiem [jautājums, atbilde] ({at}. pāris)",
                        f"each history pair must be two strings [question, answer] (pair {at})",
                    )
                hist = [(h[0], h[1]) for h in history or []]
                return _answer_dict(q, hist)
            except Exception as exc:
                raise _error(exc, english=True) from exc

        def lint(names: list[str]) -> dict:
            """Check service names; returns the linter's JSON contract {names, portfolio, summary}."""
            try:
                # a string is pasted text (one name per line); a list is checked item by item, 1:1
                clean = pasted_names(names) if isinstance(names, str) else api_names(names)
                return backends.check_names(clean)
            except Exception as exc:
                raise _error(exc, english=True) from exc

        def triage(messages: list[dict]) -> list[dict]:
            """Triage messages {id, subject, body, from?, date?}; returns one triage result per message, in order."""
            try:
                if not isinstance(messages, list) or not messages:
                    raise InputError("padodiet ziņojumu sarakstu", "pass a list of messages")
                if len(messages) > 2000:
                    raise InputError(
                        "vienā reizē ne vairāk kā 2000 ziņojumu", "at most 2000 messages at a time"
                    )
                # a non-object item keeps its place as an error row: one result per message, in order (an empty
                # record stands in for it, so the default ids of the others stay their positions)
                done = backends.triage_records([m if isinstance(m, dict) else {} for m in messages])
                return [
                    r
                    if isinstance(m, dict)
                    else {
                        "id": str(i),
                        "needs_human": True,
                        "route": "error",
                        "reasons": ["error"],
                        "error": f"{i}. ieraksts nav objekts {{id, subject, body}} / item {i} is not an object",
                    }
                    for i, (m, r) in enumerate(zip(messages, done, strict=True), 1)
                ]
            except Exception as exc:
                raise _error(exc, english=True) from exc

        gr.api(ask, api_name="ask", concurrency_limit=ASK_CONCURRENCY, concurrency_id="answers")
        gr.api(lint, api_name="lint", concurrency_limit=DEFAULT_CONCURRENCY)
        gr.api(triage, api_name="triage", concurrency_limit=2)

        demo.load(about_load, None, [docs_table, index_md], api_visibility="private")
        demo.load(docs_admin_load, None, docs_admin_outputs, api_visibility="private")
        demo.load(banner, None, [status, timer], api_visibility="private")
        timer.tick(banner, None, [status, timer], api_visibility="private")
    return demo


def _download_pair(elem_prefix: str) -> tuple[gr.DownloadButton, gr.DownloadButton]:
    """The hidden "XLSX" and "CSV" download buttons of a results panel (ids ``<prefix>-xlsx`` / ``-csv``)."""
    with gr.Row():
        return tuple(  # type: ignore[return-value]
            gr.DownloadButton(f"Lejupielādēt {fmt.upper()}", visible=False, elem_id=f"{elem_prefix}-{fmt}")
            for fmt in ("xlsx", "csv")
        )


DOC_COLUMNS = ["Fails", "Nosaukums", "Izdevējs", "Gads", "Veids", "OCR", "Rakstzīmes"]


def _docs_df(docs: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [
            d.get("source_file"),
            d.get("title"),
            d.get("issuer"),
            d.get("year") or "",
            d.get("kind"),
            "jā (atjaunotas diakritiskās zīmes)" if d.get("ocr") else "nē",
            d.get("chars"),
        ]
        for d in docs
    ] or [["—", "Dokumenti nav pieejami", "", "", "", "", ""]]


def _status_md(backends: Any, warm: WarmUp, store: FeedbackStore) -> str:
    settings: Settings = getattr(backends, "settings", None) or Settings()
    try:
        st = backends.index_status()
    except BackendMissing as exc:
        st = {"piezīme": exc.lv}
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


def _lint_styler(rows: list[list[Any]]) -> Any:
    import pandas as pd

    df = pd.DataFrame(rows, columns=render.LINT_COLUMNS)
    if df.empty:
        return df
    colours = [render.SEVERITY_COLOURS.get(render.severity_of_row(r), "") for r in rows]

    def paint(row: Any) -> list[str]:
        c = colours[row.name]
        return [f"background-color: {c}; color: #1a1a1a" if c else ""] * len(row)

    return df.style.apply(paint, axis=1)


def _triage_df(results: list[dict[str, Any]]) -> Any:
    import pandas as pd

    rows = render.triage_rows(results)
    df = pd.DataFrame(rows, columns=render.TRIAGE_COLUMNS)
    if df.empty:
        return df
    colours = [render.triage_colour(r) for r in results]
    return df.style.apply(
        lambda row: [f"background-color: {colours[row.name]}; color: #1a1a1a"] * len(row), axis=1
    )


def _bar(counts: list[tuple[str, int]], x: str, y: str) -> Any:
    import pandas as pd

    df = pd.DataFrame({x: [k for k, _ in counts], y: [int(v) for _, v in counts]})
    # the y axis starts at zero (with a single count the automatic domain would hide the bars)
    return gr.update(value=df, y_lim=[0, max([v for _, v in counts] or [1]) + 1])


def launch_kwargs(settings: Settings) -> dict[str, Any]:
    """Arguments for ``demo.launch()``: host/port, auth, upload limit, Latvian theme, CSS and scripts."""
    from .launch import check_launch_settings

    port, max_mb, auth = check_launch_settings(settings)
    return {
        "server_name": settings.host,
        "server_port": port,
        "auth": auth,
        "auth_message": "Pakalpojumu palīgs: ievadiet lietotājvārdu un paroli.",
        "max_file_size": f"{max(1, int(max_mb * 1024))}kb",
        "show_error": True,
        "theme": THEME(),
        "css": CSS,
        "head": HEAD_JS,
        "footer_links": [],
        "favicon_path": None,
    }


def start_warm_up(demo: gr.Blocks) -> None:
    warm = getattr(demo, "paligs_warm_up", None)
    if warm is not None:
        warm.start()


def configure_queue(demo: gr.Blocks) -> gr.Blocks:
    return demo.queue(default_concurrency_limit=DEFAULT_CONCURRENCY, max_size=256)
