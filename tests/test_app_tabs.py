"""The tabs' handlers without a browser (issue 12): citations → viewer, a removed document, a new conversation,
empty submits, pasted Excel rows, three verdicts, reply .eml drafts, the redirect template, the admin check,
Latvian formatting and Gradio's Latvian locale.
"""

from __future__ import annotations

import email
import re
from dataclasses import replace
from email.policy import default as default_policy
from pathlib import Path
from types import SimpleNamespace

import gradio as gr
import pytest

from assistant.config import Settings
from assistant.errors import InputError, PaligsError
from webui import render
from webui.common import AppContext
from webui.feedback import FeedbackStore
from webui.tabs.admin import AdminTab
from webui.tabs.chat import EMPTY_HINT, ChatTab
from webui.tabs.inbox import InboxTab, reply_eml
from webui.tabs.names import NamesTab, hide_paths, is_table_paste
from webui.viewer import Viewer
from webui.warmup import WarmUp

DOC_TEXT = (
    "Ievads par pakalpojumiem.\n\n# Definīcijas\n\nE-pakalpojums – pakalpojums, ko var pieprasīt un saņemt "
    "elektroniskā vidē.\n\nBeigas." * 3
)
CITE = {
    "n": 1,
    "doc": "002_x.txt",
    "title": "Vadlīnijas",
    "section": "Definīcijas",
    "text": "E-pakalpojums – pakalpojums, ko var pieprasīt un saņemt elektroniskā vidē.",
    "quote": "ko var pieprasīt un saņemt elektroniskā vidē",
    "section_text": "# Definīcijas\n\nE-pakalpojums – pakalpojums, ko var pieprasīt un saņemt elektroniskā vidē. "
    "Otrs teikums par to pašu sadaļu.",
}


class Docs:
    """A backend with one document (and none once removed)."""

    def __init__(self, tmp_path: Path, *, present: bool = True) -> None:
        self.present = present
        self.file = tmp_path / "002_x.txt"
        self.file.write_text(DOC_TEXT, encoding="utf-8")

    def document(self, doc: str):
        if not self.present or doc not in ("002_x.txt", "002"):
            return None
        return {
            "id": "002",
            "source_file": "002_x.txt",
            "title": "Vadlīnijas",
            "issuer": "VARAM",
            "year": 2011,
            "kind": "FAQ",
            "ocr": False,
            "text": DOC_TEXT,
            "path": str(self.file),
        }


def _ctx(tmp_path: Path, backends=None, **settings) -> AppContext:
    s = replace(Settings(), data_dir=tmp_path, **settings)
    b = backends or SimpleNamespace()
    ctx = AppContext(settings=s, backends=b, store=FeedbackStore(tmp_path / "f.sqlite3"), warm=WarmUp(b))
    ctx.viewer = Viewer(ctx)
    return ctx


# ---------------------------------------------------------------- 2. sources you can follow


def test_citation_markers_become_links_to_their_own_answer() -> None:
    md = render.answer_markdown(
        {"answer": "E-pakalpojums ir … [1] un [2]. [3]", "citations": [CITE, dict(CITE, n=2)]}, answer_index=4
    )
    assert '[[1]](#avots-4-1 "Atvērt avotu 1")' in md and "#avots-4-2" in md
    assert "[3]" in md and "#avots-4-3" not in md  # a number without a source stays text


def test_sources_panel_opens_documents_and_shows_the_whole_section() -> None:
    html = render.sources_html([CITE], answer_index=2)
    assert 'data-open="cite" data-answer="2" data-n="1"' in html and "Atvērt dokumentā" in html
    assert "<summary>Rādīt visu sadaļu</summary>" in html and "Otrs teikums par to pašu sadaļu" in html
    # without section_text (an older answer) the card is the passage, and no empty control
    assert "Rādīt visu sadaļu" not in render.sources_html([dict(CITE, section_text="")], answer_index=0)


def test_a_clicked_citation_opens_the_viewer_at_the_passage(tmp_path) -> None:
    ctx = _ctx(tmp_path, Docs(tmp_path))
    chat = ChatTab(ctx)
    answers = [{"citations": [CITE], "retrieved": []}]
    panel, html, download = chat.open_source(
        gr.EventData(None, {"kind": "cite", "answer": 0, "n": 1}), answers
    )
    assert panel["visible"] is True and download["visible"] is True
    assert Path(download["value"]).read_text(encoding="utf-8") == DOC_TEXT  # the source file to download
    assert html.count('id="pp-hl"') == 1 and '<mark class="pp-quote">' in html
    assert "izdots 2011. gadā" in html  # old guidance gets a note
    with pytest.raises(gr.Error):  # a source the answer does not have: a Latvian message, no traceback
        chat.open_source(gr.EventData(None, {"kind": "cite", "answer": 0, "n": 9}), answers)


def test_a_removed_document_gets_a_latvian_notice_not_a_blank_panel(tmp_path) -> None:
    ctx = _ctx(tmp_path, Docs(tmp_path, present=False))
    panel, html, download = ChatTab(ctx).open_source(
        gr.EventData(None, {"kind": "cite", "answer": 0, "n": 1}), [{"citations": [CITE]}]
    )
    assert panel["visible"] is True and download["visible"] is False
    assert (
        "Dokuments vairs nav pieejams" in html and "002_x.txt" in html and "<mark>" in html
    )  # the passage itself


def test_viewer_finds_a_passage_typed_differently() -> None:
    doc = {"title": "T", "text": DOC_TEXT, "source_file": "x.txt"}
    html = render.viewer_html(
        doc, passage="e-pakalpojums – pakalpojums, ko var pieprasit un sanemt elektroniska vide."
    )
    assert 'id="pp-hl"' in html  # diacritics lost (OCR, older index): still found
    lost = render.viewer_html(
        doc, passage="Teikums, kura dokumentā vairs nav.", quote="Teikums, kura dokumentā vairs nav."
    )
    assert "nav atrasts" in lost and 'id="pp-hl"' not in lost


def test_document_list_for_staff() -> None:
    docs = [
        {
            "source_file": "003.txt",
            "title": "Vadlīnijas",
            "issuer": "Valsts kanceleja",
            "year": 2011,
            "kind": "guideline",
            "ocr": False,
            "download_url": "gradio_api/file=/x/003.txt",
        },
        {"source_file": "000.txt", "title": "Slaidi", "issuer": "VARAM", "kind": "slides", "ocr": True},
    ]
    html = render.docs_html(docs, today_year=2026)
    assert "vadlīnijas" in html and "izdots 2011. gadā (15 gadus atpakaļ)" in html
    assert "prezentācijas slaidi" in html and "atjaunotām garumzīmēm" in html and "gads nav norādīts" in html
    assert html.count('data-open="doc"') == 2 and html.count("Lejupielādēt") == 1


# ---------------------------------------------------------------- 3. chat without traps


@pytest.mark.parametrize("blank", ["", "   ", "\n\t"])
def test_blank_submit_only_shows_the_hint(tmp_path, blank) -> None:
    chat = ChatTab(_ctx(tmp_path))
    out = list(chat.chat_submit(blank, [{"role": "user", "content": "x"}], [("a", "b")], [{"answer": "b"}]))
    assert len(out) == 1 and out[0][-1] == EMPTY_HINT
    assert all(isinstance(v, type(gr.skip())) for v in out[0][:-1])  # nothing else changes, no error raised


def test_new_conversation_empties_view_memory_and_sources(tmp_path) -> None:
    chatbot, history, answers, sources, copy_box, comment, hint = ChatTab(_ctx(tmp_path)).chat_clear()
    assert (
        chatbot == [] and history == [] and answers == [] and copy_box == "" and comment == "" and hint == ""
    )
    assert "Avoti parādīsies" in sources


# ---------------------------------------------------------------- 4. names tab


class LintBackends:
    """The real linter (through webui.backends.Backends) behind the names tab."""

    def __init__(self, tmp_path: Path) -> None:
        from webui.backends import Backends

        self.real = Backends(replace(Settings(), data_dir=tmp_path))

    def __getattr__(self, name):
        return getattr(self.real, name)


def _lint(tab: NamesTab, text: str, file: str | None = None):
    return tab.lint_run(text, file, progress=lambda *a, **k: None)


def test_pasted_excel_rows_header_detected_name_column_chosen(tmp_path) -> None:
    tab = NamesTab(_ctx(tmp_path, LintBackends(tmp_path)))
    text = "Nr.\tPakalpojuma nosaukums\tIestāde\n1\tPases izsniegšana\tPMLP\n2\tPases izsniegšana\tPMLP\n"
    summary, table, report, *_rest, xlsxf, csvf = _lint(tab, text)
    assert [n["name"] for n in report["names"]] == ["Pases izsniegšana", "Pases izsniegšana"]
    from openpyxl import load_workbook

    sheet = [[c.value for c in r] for r in load_workbook(xlsxf["value"]).active.iter_rows()]
    csv_head = Path(csvf["value"]).read_text(encoding="utf-8-sig").splitlines()[0].split(";")
    assert sheet[0] == csv_head and "Kodi" in sheet[0]  # the download's XLSX and CSV carry the same columns
    assert [r[0] for r in sheet[1:]] == [1, 2]  # the pasted "Nr." is numbers, not text
    assert "Pakalpojuma nosaukums" not in table.split("<tbody>")[1]  # the header is not checked as a name
    assert "„Pakalpojuma nosaukums”" in summary
    csv_text = Path(csvf["value"]).read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Nr.;Pakalpojuma nosaukums;Iestāde;Vērtējums")  # columns kept
    assert "PMLP;! ieteicams pārskatīt" in csv_text  # a duplicate is never "✓ atbilst"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "1\tPases izsniegšana\tPMLP\n2\tBūvatļaujas izsniegšana\tBVKB\n",  # no header: the wordiest column
            ["Pases izsniegšana", "Būvatļaujas izsniegšana"],
        ),
        (
            "Pakalpojums\tPiezīmes\nPases izsniegšana\t\n\nBūvatļaujas izsniegšana\tx\n",
            ["Pases izsniegšana", "Būvatļaujas izsniegšana"],
        ),
        (
            "Nosaukums;Iestāde\tx\nPases izsniegšana;PMLP\ty\n",  # mixed separators: tabs win, the cell is kept whole
            ["Pases izsniegšana;PMLP"],
        ),
    ],
)
def test_pasted_tables(tmp_path, text, names) -> None:
    tab = NamesTab(_ctx(tmp_path, LintBackends(tmp_path)))
    _summary, _table, report, *_ = _lint(tab, text)
    assert [n["name"] for n in report["names"]] == names


def test_pasted_header_only_and_too_many_rows(tmp_path) -> None:
    tab = NamesTab(_ctx(tmp_path, LintBackends(tmp_path)))
    status = _lint(tab, "Nr.\tPakalpojuma nosaukums\tIestāde\n")[0]
    assert "nav neviena pārbaudāma nosaukuma" in status
    many = "Nr.\tNosaukums\n" + "".join(f"{i}\tPases izsniegšana {i}\n" for i in range(5001))
    assert "Pārāk daudz rindu (5002)" in _lint(tab, many)[0]
    assert is_table_paste("a\tb") and not is_table_paste("Pases izsniegšana\nBūvatļaujas izsniegšana")


def _is_hidden_empty_update(update) -> bool:
    return isinstance(update, dict) and update.get("visible") is False and not update.get("value")


@pytest.mark.parametrize("case", ["nothing_pasted", "damaged_file", "bug"])
def test_a_failed_check_says_so_once_and_empties_the_other_panels(tmp_path, monkeypatch, case) -> None:
    """gr.Error would put a red "Kļūda" badge on every output (the empty "Noteikums" field too): a failed check
    returns its message in the summary panel only and raises nothing."""
    tab = NamesTab(_ctx(tmp_path, LintBackends(tmp_path)))
    file = None
    if case == "damaged_file":
        bad = tmp_path / "bad.xlsx"
        bad.write_bytes(b"PK\x03\x04 not really a zip")
        file = str(bad)
    if case == "bug":
        monkeypatch.setattr(tab, "_run", lambda *a: 1 / 0)
    outputs = _lint(tab, "  \n" if case != "bug" else "Pases izsniegšana", file)  # never raises gr.Error
    assert len(outputs) == 7
    status, table, report, rule_pick, rule_md, xlsx, csvf = outputs
    expected = {
        "nothing_pasted": "Ielīmējiet vismaz vienu nosaukumu",
        "damaged_file": "Nevar atvērt XLSX failu bad.xlsx: tas ir bojāts vai nav XLSX fails",
        "bug": "Radās neparedzēta kļūda",
    }[case]
    assert status.startswith("⚠️") and expected in status, status
    assert "zip" not in status.lower() and "ZeroDivision" not in status  # no library text, no traceback
    assert table == render.lint_table_html([]) and report == {} and rule_md == ""
    assert rule_pick["choices"] == [] and rule_pick["visible"] is False and rule_pick["interactive"] is False
    assert _is_hidden_empty_update(xlsx) and _is_hidden_empty_update(csvf)


def test_rule_picker_is_labelled_and_shown_only_with_findings(tmp_path) -> None:
    from webui.tabs.names import RULE_PICK_INFO

    tab = NamesTab(_ctx(tmp_path, LintBackends(tmp_path)))
    with gr.Blocks():
        tab.build()
    assert tab.rule_pick.visible is False and tab.rule_pick.label == "Noteikuma skaidrojums"
    assert tab.rule_pick.info == RULE_PICK_INFO and "noteikums pārbauda" in RULE_PICK_INFO
    clean = _lint(tab, "Būvatļaujas izsniegšana fiziskām personām")[3]
    assert clean["visible"] is False and clean["choices"] == []
    found = _lint(tab, "Pases saņemšana")[3]
    assert found["visible"] is True and "N005" in found["choices"]


def test_messages_never_show_the_servers_paths(tmp_path) -> None:
    upload = Path("/tmp/gradio/3f2a9c/saraksts.xlsx")
    assert (
        hide_paths(f'Lapa "Saraksts" failā {upload} ir tukša', upload)
        == 'Lapa "Saraksts" failā saraksts.xlsx ir tukša'
    )
    assert "/tmp" not in hide_paths("Fails /tmp/paligs-app/abc/x.csv ir tukšs", None)
    tab = NamesTab(_ctx(tmp_path, LintBackends(tmp_path)))
    empty = tmp_path / "tukss.csv"
    empty.write_text("Pakalpojuma nosaukums\n", encoding="utf-8")
    status = _lint(tab, "", str(empty))[0]
    assert "tukss.csv" in status and str(tmp_path) not in status


def test_rule_explanations_are_latvian(tmp_path) -> None:
    text = NamesTab(_ctx(tmp_path, LintBackends(tmp_path))).explain_md("N001")
    assert "Kāpēc tas ir slikti?" in text and "Labojums" in text
    assert (
        "Why is this bad" not in text
        and "How words are counted" not in text
        and "No automatic fix" not in text
    )


# ---------------------------------------------------------------- 5. inbox


RESULT = {
    "id": "q1",
    "sender": "Anna Ozola <anna.ozola@pasvaldiba.lv>",
    "subject_redacted": "Jautājums",
    "draft_reply": "Labdien!\n\nAtbilde.\n\nAr cieņu\nVARAM",
    "_reply": {
        "subject": "Atb: Jautājums par e-pakalpojumu",
        "message_id": "<q1@pasvaldiba.lv>",
        "references": "<q0@pasvaldiba.lv>",
    },
}


def test_reply_eml_is_an_outlook_draft_in_the_thread() -> None:
    path = reply_eml(RESULT, RESULT["draft_reply"], from_addr="pvp@varam.gov.lv", organisation="VARAM")
    msg = email.message_from_bytes(Path(path).read_bytes(), policy=default_policy)
    assert msg["To"] == "Anna Ozola <anna.ozola@pasvaldiba.lv>" and msg["From"] == "VARAM <pvp@varam.gov.lv>"
    assert msg["Subject"] == "Atb: Jautājums par e-pakalpojumu"  # already a reply subject: no "Re: Atb:"
    assert msg["In-Reply-To"] == "<q1@pasvaldiba.lv>" and msg["References"] == "<q0@pasvaldiba.lv> <q1@pasvaldiba.lv>"
    assert msg["X-Unsent"] == "1" and ("+0200" in msg["Date"] or "+0300" in msg["Date"])  # Riga time
    body = msg.get_content().replace("\r\n", "\n")  # CRLF in the file, as mail wants
    assert body.startswith("Labdien!\n\nAtbilde.\n\nAr cieņu\nVARAM\n")  # line breaks kept
    assert "Anna Ozola rakstīja:" in body  # the (redacted) original quoted below
    assert Path(path).name == "atbilde_q1.eml"
    assert reply_eml(RESULT, "  ", from_addr="", organisation="") is None  # no draft, no file
    assert reply_eml(dict(RESULT, error="bojāts"), "x", from_addr="", organisation="") is None
    assert reply_eml(dict(RESULT, injection_suspected=True), "x", from_addr="", organisation="") is None


def test_edited_draft_follows_into_the_eml(tmp_path) -> None:
    tab = InboxTab(_ctx(tmp_path))
    upd = tab.draft_edited("Labdien!\nLabots teksts.", "q1", [RESULT])
    msg = email.message_from_bytes(Path(upd["value"]).read_bytes(), policy=default_policy)
    assert "Labots teksts." in msg.get_content()


def test_redirect_for_a_citizen_in_the_draft_box(tmp_path) -> None:
    tab = InboxTab(_ctx(tmp_path, organisation="Mana ministrija"))
    citizen = {"id": "c", "sender": "Jānis <janis@example.lv>", "reasons": ["citizen_redirect"], "route": "redirect",
               "draft_reply": None, "subject_redacted": "Pabalsts", "body_redacted": "Mans personas kods [KODS]."}
    info, draft, _mail, eml = tab.detail(citizen)
    assert "pieklājīga novirzīšana" in info and "Melnraksta nav" not in info
    assert "latvija.gov.lv" in draft["value"] and "personas kodu" in draft["value"]
    assert draft["value"].rstrip().endswith("Mana ministrija")  # one ministry name, from the settings
    assert eml["visible"] is True
    # suspected prompt injection: no draft at all
    _info, draft2, _m, eml2 = tab.detail(dict(citizen, injection_suspected=True))
    assert draft2["value"] == "" and eml2["visible"] is False


# ---------------------------------------------------------------- 6. administration


def _request(user: str | None):
    return SimpleNamespace(username=user)


def test_admin_section_only_for_admins_and_checked_on_the_server(tmp_path) -> None:
    users = tmp_path / "lietotaji.txt"
    users.write_text("anna:a1\njanis:j2\n", encoding="utf-8")
    calls = []
    backends = SimpleNamespace(
        build_index=lambda rebuild: calls.append(rebuild) or {"Fragmenti": 3},
        index_status=lambda: {"Fragmenti": 3},
        available=dict,
    )
    tab = AdminTab(_ctx(tmp_path, backends, auth=str(users), admins="anna", host="0.0.0.0"))
    assert tab.show_for(_request("janis"))[0]["visible"] is False
    visible, status = tab.show_for(_request("anna"))
    assert visible["visible"] is True and "Fragmenti" in status
    now = AdminTab.confirm_changed(True)
    with pytest.raises(gr.Error) as e:  # a hidden tab is not a permission: the action checks again
        tab.rebuild(True, now, _request("janis"), progress=lambda *a, **k: None)
    assert "tikai administratoriem" in e.value.message and calls == []
    with pytest.raises(gr.Error) as e:  # the box ticked in no session (a direct call): refused
        tab.rebuild(True, 0.0, _request("anna"), progress=lambda *a, **k: None)
    assert "apstipriniet" in e.value.message.lower() and calls == []
    assert "Pārbūves rezultāts" in tab.rebuild(True, now, _request("anna"), progress=lambda *a, **k: None)
    assert calls == [True]
    # without a login: administration only while the app listens on a loopback address
    assert AdminTab(_ctx(tmp_path, backends)).allowed(_request(None)) is True
    assert AdminTab(_ctx(tmp_path, backends, host="0.0.0.0")).allowed(_request(None)) is False


# ---------------------------------------------------------------- 1. Latvian formats and Gradio's locale


def test_latvian_formats() -> None:
    from assistant.lvformat import date_lv, datetime_lv, number_lv, yes_no

    assert date_lv("2026-11-16") == "16.11.2026" and date_lv(None) == ""
    assert datetime_lv("2026-11-16T08:05:00+00:00") == "16.11.2026 10:05"  # winter: UTC+2
    assert datetime_lv("2026-07-16T08:05:00+00:00") == "16.07.2026 11:05"  # summer: UTC+3
    assert number_lv(0.9123) == "0,91" and number_lv(12345.6, 1) == "12 345,6"
    assert yes_no(True) == "jā" and yes_no(False) == "nē" and yes_no(None) == ""


def test_gradio_latvian_locale_is_wired() -> None:
    from webui.lv import GRADIO_I18N_LV, gradio_i18n_module, head_js

    mod = gradio_i18n_module()
    # a Gradio upgrade that renames or drops changeLocale makes this fail (the text fallback would still work)
    assert (
        mod and "changeLocale" in (Path(gr.__file__).parent / "templates/frontend/assets" / mod).read_text()
    )
    js = head_js({"#pp-names-file": ".txt,.csv"})
    assert f'"{mod}"' in js and "changeLocale('lv')" in js and '".txt,.csv"' in js
    for key in ("common.upload", "upload_text.drop_file", "chatbot.copy_message", "dataframe.sort_ascending"):
        assert (
            GRADIO_I18N_LV[key]
            and not re.search(r"[A-Za-z]+ [a-z]+ [a-z]+", GRADIO_I18N_LV[key] or "x")
            or key
        )


def test_linter_lv_view_keeps_the_json_contract() -> None:
    from linter.api import check_names

    r = check_names(["Pases izsniegšana", "Pases izsniegšana", "Pieteikšanās bezdarbnieka statusam"])
    plain, lv = r.to_json_dict(), r.to_lv_dict()
    assert set(plain["names"][0]["findings"][0]) == {
        "code",
        "name",
        "category",
        "severity",
        "message",
        "suggestion",
        "source",
    }
    assert [n["verdict"] for n in lv["names"]] == ["review", "review", "fix"]
    assert (
        " / " not in lv["names"][2]["findings"][0]["message_lv"]
        and " / " in lv["names"][2]["findings"][0]["message"]
    )
    assert "(EN:" not in lv["portfolio"][0]["message_lv"]


def test_explain_languages() -> None:
    from linter.api import explain

    lv, en, both = explain("N001", lang="lv"), explain("N001", lang="en"), explain("N001")
    assert (
        "Kā skaita vārdus" in lv
        and "How words are counted" not in lv
        and lv.startswith("N001 (garums, brīdinājums)")
    )
    assert "How words are counted" in en and "Kāpēc" not in en
    assert "Kāpēc tas ir slikti?" in both and "Why is this bad?" in both


def test_errors_are_latvian_not_tracebacks(tmp_path) -> None:
    ctx = _ctx(tmp_path, SimpleNamespace(document=lambda d: (_ for _ in ()).throw(RuntimeError("secret"))))
    with pytest.raises(gr.Error) as e:
        ChatTab(ctx).open_source(
            gr.EventData(None, {"kind": "cite", "answer": 0, "n": 1}), [{"citations": [CITE]}]
        )
    assert "neparedzēta kļūda" in e.value.message and "secret" not in e.value.message
    assert issubclass(InputError, PaligsError)


def test_bar_charts_are_plain_html() -> None:
    html = render.bars_html([("01.12.2026", 2), ("24.11.2026", 1)], "Ziņojumi pa termiņiem")
    assert html.index("01.12.2026") < html.index("24.11.2026")  # the given (date) order, not text order
    assert 'style="width:100%"' in html and 'style="width:50%"' in html and ">2</span>" in html
    assert "Nav datu" in render.bars_html([], "Tēmas")


def test_a_long_result_is_shown_in_part_and_downloaded_whole(tmp_path) -> None:
    tab = NamesTab(_ctx(tmp_path, LintBackends(tmp_path)))
    text = "Nr.\tPakalpojuma nosaukums\n" + "".join(f"{i}\tPases izsniegšana Nr. {i} pilsoņiem\n" for i in range(5000))
    _summary, table, report, *_rest, _xlsx, csvf = _lint(tab, text)
    assert len(report["names"]) == 5000 and "Parādītas pirmās 1000 no" in table
    assert table.count("<tr") <= 1001 and len(Path(csvf["value"]).read_text(encoding="utf-8-sig").splitlines()) == 5001


def test_default_sheet_names_are_not_shown(tmp_path) -> None:
    from openpyxl import Workbook

    f = tmp_path / "saraksts.xlsx"
    Workbook().save(f)  # one empty sheet called "Sheet"
    tab = NamesTab(_ctx(tmp_path, LintBackends(tmp_path)))
    status = _lint(tab, "", str(f))[0]
    assert "Lapa Nr. 1 failā saraksts.xlsx ir tukša" in status and "Sheet" not in status
