"""The app's document management for administrators: upload (PDF, DOCX, HTML, Markdown, text) with a small metadata
form prefilled from the file, every document with its status, replace, remove.

Plain handler functions (testable without a browser) over :class:`assistant.library.DocumentLibrary`, plus
:func:`build` that lays out the panel and wires them. Every handler checks the caller on the server with
:func:`require_admin` (the one admin check); a non-administrator gets a Latvian message and nothing changes.

Example:
    rows = list_rows(settings); msg, rows = upload(settings, "anna", "/tmp/x.pdf", title="X")
"""


import html
import logging
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.lvformat import count_lv, number_lv
from assistant.errors import InputError, PaligsError

log = logging.getLogger("paligs.app.documents")

COLUMNS = ["ID", "Nosaukums", "Izdevējs", "Gads", "Veids", "Izcelsme", "Statuss", "OCR lapas", "Jāpārbauda"]
KIND_CHOICES = [
    ("vadlīnijas", "guideline"),
    ("normatīvs akts / noteikumi", "regulation"),
    ("biežāk uzdotie jautājumi", "FAQ"),
    ("prezentācija", "presentation"),
    ("veidlapa / paraugs", "template"),
    ("ziņojums / pārskats", "report"),
    ("cits", "other"),
]
def kind_lv(kind: Any) -> str:
    """A document kind as staff read it: the Latvian name, whatever the manifest or the form stored."""
    from .render import kind_lv as shared

    k = str(kind or "").strip()
    for lv, code in KIND_CHOICES:
        if k.lower() == code.lower():
            return lv
    return shared(k)


STATUS_LV = {"indexed": "indeksā", "pending": "gaida indeksu", "problem": "problēma"}
ADMIN_ONLY_LV = "dokumentus pievienot, aizstāt un izņemt var tikai administratori (iestatījums admins)"
ADMIN_ONLY_EN = "only administrators may add, replace and remove documents (setting admins)"


# ------------------------------------------------------------------------------------------------ admin
def is_admin(settings: Settings, username: str | None) -> bool:
    """Whether this user may manage documents: the app's one check (:func:`webui.auth.is_admin`)."""
    from .auth import is_admin as shared

    return bool(shared(settings, username))


def require_admin(settings: Settings, username: str | None) -> None:
    """The one server-side gate of every document action: :class:`InputError` for anyone else."""
    if not is_admin(settings, username):
        log.warning("document action refused for user %r", username)
        raise InputError(ADMIN_ONLY_LV, ADMIN_ONLY_EN)


def _user(request: Any) -> str | None:
    return getattr(request, "username", None) if request is not None else None


# -------------------------------------------------------------------------------------------- handlers
def list_rows(settings: Settings) -> list[list[Any]]:
    from assistant.library import DocumentLibrary

    rows = []
    for d in DocumentLibrary(settings).list():
        ocr = ""
        if d.get("ocr_pages"):
            ocr = f"{_pages(d['ocr_pages'])} (ticamība {number_lv(d.get('ocr_confidence'), 1)})"
        elif d.get("ocr"):
            ocr = "visas (slaidi)"
        check = _pages(d.get("low_confidence_pages") or []) or (d.get("problem") or "")
        rows.append(
            [
                d.get("id"),
                d.get("title"),
                d.get("issuer") or "",
                d.get("year") or "",
                kind_lv(d.get("kind")),
                "piegādāts" if d.get("origin") == "corpus" else "pievienots",
                STATUS_LV.get(str(d.get("status")), str(d.get("status"))),
                ocr,
                check,
            ]
        )
    return rows


def _pages(ns: list[int]) -> str:
    return ", ".join(str(n) for n in ns[:20]) + (" …" if len(ns) > 20 else "")


def guess(settings: Settings, username: str | None, path: str | None) -> dict[str, Any]:
    """Metadata guesses for the form (title, issuer, year, kind, language) from an uploaded file."""
    require_admin(settings, username)
    if not path:
        return {}
    from assistant.library import check_file, guess_metadata

    check_file(Path(path), settings)
    return guess_metadata(Path(path))


def upload(
    settings: Settings,
    username: str | None,
    path: str | None,
    *,
    title: str = "",
    issuer: str = "",
    year: Any = None,
    kind: str = "",
    language: str = "",
    notes: str = "",
    replace_id: str = "",
    progress: Any = None,
) -> tuple[str, list[list[Any]]]:
    """Add (or, with ``replace_id``, replace) a document; (Latvian Markdown report, the document rows)."""
    require_admin(settings, username)
    if not path:
        raise InputError("izvēlieties failu augšupielādei", "choose a file to upload")
    from assistant.library import DocumentLibrary

    lib = DocumentLibrary(settings)
    meta = {
        "title": title or None,
        "issuer": issuer if issuer else None,
        "year": year if year not in (None, "") else None,
        "kind": kind or None,
        "language": language or None,
        "notes": notes or None,
    }
    cb = None if progress is None else (lambda frac, msg: progress(frac, desc=msg))
    name = Path(path).name
    if replace_id and replace_id.strip():
        rep = lib.replace(replace_id.strip(), path, user=username or "", original_name=name, progress=cb, **meta)
    else:
        rep = lib.add(path, user=username or "", original_name=name, progress=cb, **meta)
    return report_md(rep), list_rows(settings)


def remove(settings: Settings, username: str | None, doc_id: str, confirm: bool) -> tuple[str, list[list[Any]]]:
    require_admin(settings, username)
    if not (doc_id or "").strip():
        raise InputError("ierakstiet izņemamā dokumenta ID", "type the ID of the document to remove")
    if not confirm:
        raise InputError("apstipriniet izņemšanu (atzīmējiet izvēles rūtiņu)", "tick the confirmation box")
    from assistant.library import DocumentLibrary

    rep = DocumentLibrary(settings).remove(doc_id.strip(), user=username or "")
    return report_md(rep), list_rows(settings)


def report_md(rep: dict[str, Any]) -> str:
    action = {"added": "pievienots", "replaced": "aizstāts", "removed": "izņemts"}.get(rep.get("action", ""), "")
    head = f"**Dokuments {html.escape(str(rep['id']))} {action}:** {html.escape(str(rep.get('title') or ''))}"
    lines = [f"{head} ({number_lv(rep.get('seconds'), 2)} s)"]
    idx = rep.get("index") or {}
    if rep.get("action") != "removed":
        pages = count_lv(rep["pages"], "lapa", "lapas") + ", " if rep.get("pages") else ""
        lines.append(
            f"- {pages}{count_lv(rep.get('chars'), 'rakstzīme', 'rakstzīmes')}; "
            f"indeksā {count_lv(idx.get('chunks'), 'fragments', 'fragmenti')} "
            f"({count_lv(idx.get('embedded', 0), 'jauns vektors', 'jauni vektori')}, "
            f"{idx.get('reused', 0)} no kešatmiņas)"
        )
        if rep.get("ocr_pages"):
            lines.append(
                f"- Skenētās lapas (atpazītas ar OCR): {_pages(rep['ocr_pages'])}; vidējā ticamība "
                f"{number_lv(rep.get('ocr_confidence'), 1)}"
            )
        if rep.get("low_confidence_pages"):
            lines.append(
                f"- ⚠️ **Pārbaudiet lapas {_pages(rep['low_confidence_pages'])}:** OCR ticamība zema, teksts var būt "
                "nolasīts ar kļūdām (labāk augšupielādēt kvalitatīvāku skenējumu)"
            )
        if rep.get("bank_questions"):
            lines.append(f"- Jautājumu banka: {count_lv(rep['bank_questions'], 'jautājums', 'jautājumi')} (uzrakstīja LLM)")
        for p in rep.get("bank_problems") or []:
            lines.append(f"- ⚠️ {html.escape(str(p).split(' / ')[0])}")
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------------- layout
def build(settings: Settings) -> tuple[Any, list[Any]]:
    """The "Dokumenti" panel, inside the caller's ``gr.Blocks`` context: the table for everyone who may see it,
    the controls for administrators (shown on page load after the server-side check). Returns the page-load
    handler and its outputs for the caller's ``demo.load``."""
    import gradio as gr

    def _err(exc: BaseException) -> gr.Error:
        if isinstance(exc, PaligsError):
            return gr.Error(html.escape(exc.lv[:1].upper() + exc.lv[1:]), title="Kļūda", print_exception=False)
        log.exception("document handler failed")
        return gr.Error("Radās neparedzēta kļūda; dokumenti un indekss nav mainīti.", title="Kļūda", print_exception=False)

    gr.Markdown(
        "### Dokumentu pārvaldība\nPievienojiet iestādes vadlīnijas, noteikumus vai veidlapas (PDF — arī skenētus, "
        "DOCX, HTML, Markdown, teksts). Jautājumi tiek atbildēti no iepriekšējā indeksa, līdz jaunais ir gatavs."
    )
    notice = gr.Markdown("", elem_id="pp-docs-notice")
    table = gr.Dataframe(
        headers=COLUMNS,
        interactive=False,
        wrap=True,
        elem_id="pp-docs-admin",
        label="Dokumenti",
        column_widths=["6%", "26%", "17%", "6%", "9%", "9%", "9%", "11%", "7%"],
    )
    with gr.Group(visible=False) as controls:
        with gr.Row():
            file = gr.File(
                label="Fails",
                file_types=[".pdf", ".docx", ".html", ".htm", ".md", ".txt"],
                type="filepath",
                elem_id="pp-doc-file",
            )
            with gr.Column():
                title = gr.Textbox(label="Nosaukums", elem_id="pp-doc-title")
                issuer = gr.Textbox(label="Izdevējs", elem_id="pp-doc-issuer")
                with gr.Row():
                    year = gr.Textbox(label="Gads", max_lines=1)
                    kind = gr.Dropdown(choices=KIND_CHOICES, label="Veids", allow_custom_value=True)
                    language = gr.Textbox(label="Valoda", value="lv", max_lines=1)
                replace_id = gr.Textbox(label="Aizstāt dokumentu ar ID (tukšs = jauns dokuments)", max_lines=1)
        upload_btn = gr.Button("Pievienot dokumentu", variant="primary", elem_id="pp-doc-upload")
        result = gr.Markdown("", elem_id="pp-doc-result")
        with gr.Row():
            remove_id = gr.Textbox(label="Izņemt dokumentu ar ID", max_lines=1, elem_id="pp-doc-remove-id")
            confirm = gr.Checkbox(label="Apstiprinu izņemšanu", value=False, elem_id="pp-doc-confirm")
            remove_btn = gr.Button("Izņemt", variant="stop", elem_id="pp-doc-remove")

    def on_load(request: gr.Request):
        try:
            rows = list_rows(settings)
        except Exception as exc:  # noqa: BLE001 - the panel shows the problem instead of failing the page
            return gr.update(), f"ℹ️ {html.escape(getattr(exc, 'lv', 'dokumentu sarakstu nevar nolasīt'))}", gr.update()
        admin = is_admin(settings, _user(request))
        msg = "" if admin else "ℹ️ Dokumentus pievienot un izņemt var tikai administratori."
        return rows, msg, gr.update(visible=admin)

    def on_file(path, request: gr.Request):
        try:
            g = guess(settings, _user(request), path)
        except Exception as exc:
            raise _err(exc) from exc
        if not g:
            return gr.update(), gr.update(), gr.update(), gr.update(), gr.update()
        return g.get("title", ""), g.get("issuer", ""), str(g.get("year") or ""), g.get("kind") or None, g.get("language") or "lv"

    def on_upload(path, t, i, y, k, lang, rid, request: gr.Request, progress=gr.Progress()):  # noqa: B008
        try:
            return upload(
                settings, _user(request), path, title=t, issuer=i, year=y, kind=k or "", language=lang,
                replace_id=rid, progress=progress,
            )
        except Exception as exc:
            raise _err(exc) from exc

    def on_remove(did, ok, request: gr.Request):
        try:
            return remove(settings, _user(request), did, ok)
        except Exception as exc:
            raise _err(exc) from exc

    file.upload(on_file, [file], [title, issuer, year, kind, language], api_visibility="private")
    upload_btn.click(
        on_upload,
        [file, title, issuer, year, kind, language, replace_id],
        [result, table],
        api_visibility="private",
        concurrency_limit=1,
        concurrency_id="documents",
    )
    remove_btn.click(
        on_remove, [remove_id, confirm], [result, table], api_visibility="private", concurrency_limit=1,
        concurrency_id="documents",
    ).success(lambda: False, None, [confirm], api_visibility="private")
    return on_load, [table, notice, controls]
