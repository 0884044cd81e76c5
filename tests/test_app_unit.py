"""Fast tests of the web app's parts that need no server: inputs, rendering, feedback store, auth, exports."""

from __future__ import annotations

import csv
import sqlite3

import pytest

from assistant.errors import ConfigError, InputError
from webui import render
from webui.auth import parse_auth
from webui.exports import write_triage
from webui.feedback import FeedbackStore
from webui.inputs import (
    api_names,
    check_question,
    check_upload,
    pasted_name_lines,
    pasted_names,
    quoted_service_names,
)

CHUNK = (
    "Par pakalpojumu nav jāuzskata: konsultācijas par iestādes pakalpojumiem. "
    "E-pakalpojums – pakalpojums, ko pakalpojuma saņēmējs var pieprasīt un saņemt elektroniskā vidē."
)
CITATION = {
    "n": 1,
    "doc": "002_af057d60808f1741.txt",
    "chunk_id": "c1",
    "title": "Vadlīnijas",
    "section": "Definīcijas",
    "text": CHUNK,
    "quote": "E-pakalpojums – pakalpojums, ko pakalpojuma saņēmējs var pieprasīt un saņemt elektroniskā vidē.",
}


# ---------------------------------------------------------------- inputs


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Vai 'Konsultācijas par būvatļaujām' ir pakalpojums?", ["Konsultācijas par būvatļaujām"]),
        ("Vai „Pases izsniegšana” ir pareizs nosaukums?", ["Pases izsniegšana"]),
        ('vai "Bibliotēkas krājuma uzskaite" ir pakalpojums', ["Bibliotēkas krājuma uzskaite"]),
        ("vai konsultacijas par buvatlaujam ir pakalpojums?", ["Konsultacijas par buvatlaujam"]),
        ("VAI KONSULTĀCIJAS PAR BŪVATĻAUJĀM IR PAKALPOJUMS", ["KONSULTĀCIJAS PAR BŪVATĻAUJĀM"]),
        ("Vai konsultācijas ir pakalpojums?", []),  # a general question, not a proposed name
        ("Kas ir e-pakalpojums?", []),
        ("Vai 'e-pakalpojums' ir pakalpojums?", []),  # one quoted word is a term, not a name
    ],
)
def test_service_names_in_questions(question: str, names: list[str]) -> None:
    assert quoted_service_names(question) == names


def test_question_checks() -> None:
    assert check_question("  Kas   ir\te-pakalpojums? ") == "Kas ir e-pakalpojums?"
    for bad in ("", "   ", None, "?!… 123"):
        with pytest.raises(InputError):
            check_question(bad)
    with pytest.raises(InputError) as e:
        check_question("jautājums " * 10_000)  # ~100 KB
    assert "pārāk garš" in e.value.lv


def test_pasted_names() -> None:
    assert pasted_names("Pases izsniegšana\n\n- Semināru organizēšana\n  • Būvatļauju izsniegšana ") == [
        "Pases izsniegšana",
        "Semināru organizēšana",
        "Būvatļauju izsniegšana",
    ]
    with pytest.raises(InputError):
        pasted_names("\n \n")
    with pytest.raises(InputError) as e:  # a pasted paragraph is reported with its line, not cut silently
        pasted_names("Pases izsniegšana\n" + "x" * 600)
    assert "2. rinda ir pārāk gara (600 rakstzīmes)" in e.value.lv


def test_pasted_names_keep_their_line_numbers() -> None:
    text = "Pases izsniegšana\n\n  \n- Semināru organizēšana\n\x01\nBūvatļauju izsniegšana"
    assert pasted_name_lines(text) == [
        (1, "Pases izsniegšana"),
        (4, "Semināru organizēšana"),
        (6, "Būvatļauju izsniegšana"),
    ]


@pytest.mark.parametrize(
    ("items", "lv"),
    [
        (["Pases izsniegšana", ""], "tukšs nosaukums (2. elements)"),
        (["   ", "Pases izsniegšana", "\x01\x02"], "tukšs nosaukums (1, 3. elements)"),
        (["Pases izsniegšana", "Semināru\norganizēšana"], "bez rindu pārnesumiem (2. elements)"),
        (["Semināru\r\norganizēšana"], "bez rindu pārnesumiem (1. elements)"),
        (["Pases izsniegšana", 7], "nav teksts: 2. elements"),
        (["x" * 600], "pārāk garš (1. elements)"),
        ([], "vismaz vienu nosaukumu"),
        ("Pases izsniegšana", "nosaukumu sarakstu"),
    ],
)
def test_api_names_are_checked_one_by_one(items, lv) -> None:
    with pytest.raises(InputError) as e:
        api_names(items)
    assert lv in e.value.lv and e.value.en


def test_api_names_map_one_to_one() -> None:
    assert api_names(["  Pases   izsniegšana ", "- Semināru organizēšana", "Būvatļauju izsniegšana"]) == [
        "Pases izsniegšana",
        "Semināru organizēšana",
        "Būvatļauju izsniegšana",
    ]


def test_question_must_be_text() -> None:
    with pytest.raises(InputError) as e:
        check_question(123)  # type: ignore[arg-type]
    assert e.value.lv == "jautājumam jābūt tekstam"


def test_settings_from_args_applies_only_given_flags() -> None:
    from argparse import Namespace

    from assistant.config import Settings, settings_from_args

    base = Settings()
    s = settings_from_args(Namespace(port="8080", host=None, other="x"), ("port", "host", "auth"), base)
    assert s.port == 8080 and s.host == base.host and s.auth == base.auth
    with pytest.raises(ConfigError):
        settings_from_args(Namespace(port="abc"), ("port",), base)


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ({"port": 0}, "ports 0 nav derīgs"),
        ({"port": 70000}, "ports 70000"),
        ({"max_upload_mb": -1.0}, "pozitīvam"),
        ({"max_upload_mb": float("nan")}, "pozitīvam"),
    ],
)
def test_launch_settings_are_checked(override, expected) -> None:
    from dataclasses import replace

    from assistant.config import Settings
    from webui.app import launch_kwargs

    assert launch_kwargs(Settings())["max_file_size"] == "20480kb"
    with pytest.raises(ConfigError) as e:
        launch_kwargs(replace(Settings(), **override))
    assert expected in e.value.lv


def test_upload_checks(tmp_path) -> None:
    ok = tmp_path / "saraksts.csv"
    ok.write_text("Nosaukums\nPases izsniegšana\n", encoding="utf-8")
    assert check_upload(str(ok), (".csv",), 1) == ok
    exe = tmp_path / "programma.exe"
    exe.write_bytes(b"MZ\x00")
    with pytest.raises(InputError) as e:
        check_upload(str(exe), (".csv", ".txt"), 1)
    assert "netiek atbalstīts" in e.value.lv and "programma.exe" in e.value.lv
    big = tmp_path / "liels.csv"
    big.write_bytes(b"a" * (2 * 1024 * 1024))
    with pytest.raises(InputError) as e:
        check_upload(str(big), (".csv",), 1)
    assert "pārāk liels" in e.value.lv
    empty = tmp_path / "tukss.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputError):
        check_upload(str(empty), (".csv",), 1)
    with pytest.raises(InputError):
        check_upload(None, (".csv",), 1)


# ---------------------------------------------------------------- rendering


def test_highlight_exact_and_without_diacritics() -> None:
    html = render.highlight(CHUNK, CITATION["quote"])
    assert html.count("<mark>") == 1 and "E-pakalpojums – pakalpojums" in html.split("<mark>")[1]
    # a quote typed without diacritics and with other spacing still finds the passage's own words
    folded = render.highlight(CHUNK, "e-pakalpojums – pakalpojums, ko pakalpojuma sanemejs   var pieprasit")
    assert "<mark>E-pakalpojums – pakalpojums, ko pakalpojuma saņēmējs var pieprasīt</mark>" in folded
    assert "<mark>" not in render.highlight(CHUNK, "teikums, kura tekstā nav")


def test_sources_panel_escapes_and_cites() -> None:
    evil = dict(CITATION, title="<script>alert(1)</script>", text=CHUNK + " <img src=x onerror=alert(1)>")
    html = render.sources_html([evil])
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "[1]" in html and "<mark>" in html and "Definīcijas" in html


def test_answer_markdown_unanswerable_is_distinct() -> None:
    d = {
        "answer": "Dokumentos atbildes nav.",
        "answerable": False,
        "citations": [],
        "retrieved": [
            {"title": "Vadlīnijas", "section": "Maksas", "doc": "002"},
            {"title": "Vadlīnijas", "section": "Maksas", "doc": "002"},
        ],
    }
    md = render.answer_markdown(d)
    assert "Dokumentos par to nav teikts" in md and "pvp@varam.gov.lv" in md
    assert md.count("Vadlīnijas — Maksas") == 1  # related reading, de-duplicated
    ok = render.answer_markdown(
        {"answer": "E-pakalpojums ir … [1]", "answerable": True, "citations": [CITATION]}
    )
    assert "nav teikts" not in ok and "[1]" in ok
    weak = render.answer_markdown({"answer": "Kaut kas.", "answerable": True, "citations": []})
    assert "vāji" in weak


def test_copy_text_has_numbered_sources() -> None:
    text = render.copy_text({"answer": "E-pakalpojums ir … [1]", "citations": [CITATION]})
    assert text.startswith("E-pakalpojums ir") and "Avoti:" in text
    assert "[1] Vadlīnijas — Definīcijas: “E-pakalpojums – pakalpojums" in text


REPORT = {
    "names": [
        {"row": 1, "name": "Pases izsniegšana", "valid": True, "findings": []},
        {
            "row": 2,
            "name": "Konsultācijas par iestādes pakalpojumiem",
            "valid": False,
            "findings": [
                {
                    "code": "S001",
                    "name": "x",
                    "category": "non_service_support",
                    "severity": "error",
                    "message": "Nav pakalpojums",
                    "suggestion": None,
                    "source": "002",
                },
                {
                    "code": "T001",
                    "name": "y",
                    "category": "style",
                    "severity": "info",
                    "message": "Stils",
                    "suggestion": "Labots",
                    "source": "",
                },
            ],
        },
    ],
    "portfolio": [
        {"code": "P001", "category": "duplicate", "rows": [1, 2], "message": "Dublikāti", "suggestion": ""}
    ],
    "summary": {},
}


def test_lint_rows_and_summary() -> None:
    rows = render.lint_rows(REPORT)
    assert len(rows) == 3
    # a name in a duplicate group is never shown as plainly valid, even without findings of its own
    assert rows[0][2] == "! ieteicams pārskatīt" and rows[0][8] == "G1 P001"
    assert [r[4] for r in rows[1:]] == ["S001", "T001"]  # the worst finding first
    assert rows[1][2] == "✗ jālabo" and rows[1][3] == "kļūda" and rows[2][3] == "informācija"
    assert render.severity_of_row(rows[1]) == "error" and render.severity_of_row(rows[0]) == ""
    assert render.row_colour(rows[1]) == render.SEVERITY_COLOURS["error"]
    md = render.lint_summary_md(REPORT)
    assert "**2** nosaukumi" in md and "G1" in md and "rindas 1, 2" in md
    assert "**0** ✓ atbilst" in md and "**1** ! ieteicams pārskatīt" in md and "**1** ✗ jālabo" in md


@pytest.mark.parametrize(
    ("findings", "grouped", "verdict"),
    [
        ([], False, "ok"),
        ([{"severity": "info"}], False, "ok"),  # notes only
        ([{"severity": "warning"}], False, "review"),  # "Pases izsniegšana": 2 words is a warning, not an error
        ([], True, "review"),  # an exact duplicate
        ([{"severity": "warning"}, {"severity": "error"}], False, "fix"),
    ],
)
def test_three_verdicts(findings, grouped, verdict) -> None:
    assert render.verdict_of({"findings": findings}, grouped) == verdict


def test_linter_messages_are_latvian_only() -> None:
    f = {"message": "Nosaukumā ir 2 vārdi; ieteicami 3–6 / The name has 2 words; 3–6 are recommended"}
    assert render.message_lv(f) == "Nosaukumā ir 2 vārdi; ieteicami 3–6"
    g = {"message": "Dublikāti: atstājiet vienu. (EN: exact duplicates; keep one)"}
    assert render.message_lv(g) == "Dublikāti: atstājiet vienu."
    assert render.message_lv({"message": "x / y", "message_lv": "Tikai latviski"}) == "Tikai latviski"


TRIAGE = [
    {
        "id": "m1",
        "sender": "Anna Ozola <anna@pasvaldiba.lv>",
        "received": "2026-11-16",
        "topic": "digital",
        "topic_confidence": 0.91,
        "due": "2026-12-04",
        "needs_human": False,
        "reasons": [],
        "personal_data": [{"type": "phone"}],
        "contains_personal_data": True,
        "language": "lv",
        "subject_redacted": "Par e-pakalpojumu",
        "body_redacted": "Tālrunis [TĀLRUNIS]",
        "draft_reply": "Labdien! …",
        "citations": [CITATION],
        "route": "answer",
    },
    {"id": "m2", "error": "fails bojāts / broken file"},
    {
        "id": "m3",
        "topic": "digital",
        "topic_confidence": 0.4,
        "due": "2026-12-04",
        "needs_human": True,
        "reasons": ["zema pārliecība"],
        "personal_data": [],
        "contains_personal_data": False,
        "language": "lv",
        "subject_redacted": '=HYPERLINK("http://x")',
        "body_redacted": "",
        "draft_reply": None,
        "route": "review",
    },
]


def test_triage_rendering_and_export(tmp_path) -> None:
    rows = render.triage_rows(TRIAGE)
    cols = render.TRIAGE_COLUMNS
    assert cols[:4] == ["ID", "Saņemts", "Sūtītājs", "Temats"]
    assert rows[0][cols.index("Tēma")] == "Digitālie pakalpojumi"
    assert rows[0][cols.index("Personas dati")].startswith("⚠️") and "tālrunis" in rows[0][cols.index("Personas dati")]
    assert rows[0][cols.index("Sūtītājs")] == "Anna Ozola <anna@pasvaldiba.lv>"
    assert rows[0][cols.index("Saņemts")] == "16.11.2026" and rows[0][cols.index("Termiņš")] == "04.12.2026"
    assert "kļūda" in rows[1][cols.index("Tēma")] and rows[2][cols.index("Jāskata cilvēkam")].startswith("jā")
    draft, redacted = render.triage_detail_md(TRIAGE[0])
    assert "Labdien" in draft and "\\[1\\]" in draft and "TĀLRUNIS" in redacted and "\\[TĀLRUNIS\\]" in redacted
    plain = render.draft_text(TRIAGE[0])  # the copy box: plain text, line breaks kept, sources listed
    assert plain.startswith("Labdien! …") and "\nAvoti:\n[1] Vadlīnijas — Definīcijas" in plain
    assert "Melnraksta nav" in render.triage_info_md(TRIAGE[2]) and render.draft_text(TRIAGE[2]) == ""
    html_mail = render.redacted_html(dict(TRIAGE[0], body_redacted="Ar cieņu\nAnna\n<b>x</b>"))
    assert "Ar cieņu\nAnna" in html_mail and "<b>" not in html_mail  # line breaks kept (pre-wrap), inert
    assert render.topic_counts(TRIAGE) == [("Digitālie pakalpojumi", 2)]
    assert render.due_counts(TRIAGE) == [("04.12.2026", 2)]
    out = write_triage(TRIAGE, "csv", tmp_path / "t.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert table[0][:3] == ["ID", "Sūtītājs", "Valoda"] and len(table) == 4
    head = table[0]
    assert table[1][head.index("Tēmas ticamība")] == "0,91" and table[1][head.index("Jāskata cilvēkam")] == "nē"
    assert table[1][head.index("Atbildes termiņš")] == "04.12.2026"
    assert table[3][head.index("Temats (personas dati aizklāti)")].startswith("'=")  # no formula injection
    from openpyxl import load_workbook

    ws = load_workbook(write_triage(TRIAGE, "xlsx", tmp_path / "t.xlsx")).active
    assert ws.max_row == 4 and ws.auto_filter.ref
    # green: a draft is ready, red: unreadable, yellow: a person must look (the app table's colours)
    assert [ws.cell(r, 1).fill.fgColor.rgb[-6:].lower() for r in (2, 3, 4)] == ["e6f4ea", "fde2e1", "fff1c2"]


# ---------------------------------------------------------------- feedback


def test_feedback_store_round_trip(tmp_path) -> None:
    store = FeedbackStore(tmp_path / "sub" / "feedback.sqlite3")
    i = store.add(
        question="Kas ir e-pakalpojums?",
        answer="E-pakalpojums ir … [1]",
        citations=[CITATION],
        rating=1,
        comment="  Noderīgi  ",
        answerable=True,
        mode="extractive",
    )
    store.add(question="Cik maksā pase?", answer="Dokumentos nav.", rating=-1, answerable=False)
    assert i == 1 and store.counts() == {"total": 2, "up": 1, "down": 1}
    row = store.rows()[0]
    assert (
        row["comment"] == "Noderīgi" and row["time"].endswith("+00:00") and "Definīcijas" in row["citations"]
    )
    with sqlite3.connect(tmp_path / "sub" / "feedback.sqlite3") as conn:
        assert conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0] == 2
    out = store.export_csv(tmp_path / "atsauksmes.csv")
    table = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert table[0][:3] == ["Nr.", "Laiks", "Vērtējums"] and table[1][2] == "👍" and table[2][2] == "👎"
    import re

    assert re.fullmatch(r"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}", table[1][1])  # Riga time, dd.mm.gggg
    assert table[1][6] == "jā" and table[2][6] == "nē" and table[1][8] == "izvilkums no dokumentiem"
    assert "[1] Vadlīnijas — Definīcijas" in table[1][7]
    with pytest.raises(InputError):
        store.add(question="", answer="", rating=1)
    with pytest.raises(InputError):
        store.add(question="q", answer="a", rating=5)
    with pytest.raises(InputError) as e:  # refused with its size, not cut
        store.add(question="q", answer="a", rating=1, comment="x" * 2001)
    assert "pārāk garš (2001" in e.value.lv and store.counts()["total"] == 2


def test_feedback_export_is_formula_safe(tmp_path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    store.add(question='=HYPERLINK("http://x")', answer="+1", rating=-1, comment="@sveiki")
    out = store.export_csv(tmp_path / "a.csv")
    row = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))[1]
    assert row[3:6] == ["'@sveiki", '\'=HYPERLINK("http://x")', "'+1"]
    assert store.counts() == {"total": 1, "up": 0, "down": 1}


# ---------------------------------------------------------------- auth


def test_auth_parsing(tmp_path) -> None:
    assert parse_auth("") is None
    assert parse_auth("anna:slepens:ar:koliem") == [("anna", "slepens:ar:koliem")]
    f = tmp_path / "lietotaji.txt"
    f.write_text("# darbinieki\nanna:a1\n\njanis:j2\n", encoding="utf-8")
    assert parse_auth(str(f)) == [("anna", "a1"), ("janis", "j2")]
    with pytest.raises(ConfigError) as e:  # a folder is not "not found"
        parse_auth(str(tmp_path))
    assert "ir mape" in e.value.lv and "is a folder" in e.value.en
    for bad in ("bezkola", "anna:", ":parole", str(tmp_path / "nav.txt")):
        with pytest.raises(ConfigError):
            parse_auth(bad)
    f.write_text("anna\n", encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        parse_auth(str(f))
    assert "1. rinda" in e.value.lv


def test_export_survives_control_characters(tmp_path) -> None:
    from openpyxl import load_workbook

    rows = [{"id": "x", "error": "bojāts", "body_redacted": "\x00\x01 nav e-pasts"}]
    ws = load_workbook(write_triage(rows, "xlsx", tmp_path / "x.xlsx")).active
    col = [c.value for c in ws[1]].index("Teksts (personas dati aizklāti)") + 1  # by name: the contract grows
    assert "nav e-pasts" in str(ws.cell(2, col).value)


def test_highlight_window_keeps_the_quote_in_view() -> None:
    text = "Ievads. " * 200 + CITATION["quote"] + " Beigas." * 200
    html = render.highlight(text, CITATION["quote"], window=300)
    assert html.startswith("…") and html.endswith("…") and len(html) < 500
    assert "<mark>" + render.esc(CITATION["quote"]) + "</mark>" in html
    assert render.highlight(CHUNK, CITATION["quote"], window=10_000) == render.highlight(
        CHUNK, CITATION["quote"]
    )


def test_highlight_falls_back_to_the_closest_line() -> None:
    text = "Par pakalpojumu nav jāuzskata:\n• atbalsta sniegšana savas iestādes pakalpojumiem (tostarp konsultēšana)\n• cits punkts"
    html = render.highlight(
        text, "Par pakalpojumu nav jāuzskata: atbalsta sniegšana savas iestādes pakalpojumiem"
    )
    assert "<mark>• atbalsta sniegšana savas iestādes pakalpojumiem (tostarp konsultēšana)</mark>" in html
    assert "<mark>Par pakalpojumu nav jāuzskata:</mark>" in html and "<mark>• cits" not in html
    assert "<mark>" not in render.highlight(text, "pilnīgi cits teikums par budžeta plānošanu un iepirkumiem")


def test_copy_text_is_plain() -> None:
    text = render.copy_text({"answer": "**Nosaukuma pārbaude**\n- `S001` kļūda [1]", "citations": [CITATION]})
    assert "**" not in text and "`" not in text and text.startswith("Nosaukuma pārbaude\n- S001 kļūda [1]")


def test_help_is_fast_and_lists_flags(repo_root) -> None:
    import subprocess
    import sys
    import time

    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, str(repo_root / "app.py"), "--help"],
        capture_output=True,
        check=False,
        text=True,
        timeout=60,
        cwd=repo_root,
    )
    assert out.returncode == 0 and "--auth" in out.stdout and "--max-upload-mb" in out.stdout
    assert time.perf_counter() - t < 5  # answered before Gradio is imported


def test_mail_text_cannot_inject_markdown() -> None:
    r = dict(
        TRIAGE[0],
        body_redacted="Skat. ![x](http://izsekotajs.example/p.png) <b>sveiki</b>",
        subject_redacted="[klikšķini](http://x.example)",
    )
    _, redacted = render.triage_detail_md(r)
    assert "![x](" not in redacted and "<b>" not in redacted and "](http://x.example)" not in redacted
    assert "izsekotajs.example" in redacted  # the text itself is kept, only inert


def test_triage_export_uses_the_shared_cell_rule(tmp_path) -> None:
    from openpyxl import load_workbook

    rows = [{"id": '=HYPERLINK("http://x")', "error": "", "body_redacted": "x" * 40_000}]
    ws = load_workbook(write_triage(rows, "xlsx", tmp_path / "t.xlsx")).active
    assert ws.cell(2, 1).value == '\'=HYPERLINK("http://x")' and ws.cell(2, 1).data_type == "s"
    body = ws.cell(2, [c.value for c in ws[1]].index("Teksts (personas dati aizklāti)") + 1).value
    assert len(body) <= 32_767 and body.endswith("[saīsināts]")  # Excel's cell limit, visibly cut
    table = list(csv.reader(write_triage(rows, "csv", tmp_path / "t.csv").read_text(encoding="utf-8-sig")
                            .splitlines(), delimiter=";"))  # fmt: skip
    col = table[0].index("Teksts (personas dati aizklāti)")
    assert table[1][0] == '\'=HYPERLINK("http://x")' and table[1][col].endswith("[saīsināts]")


def test_feedback_export_cuts_to_the_cell_limit(tmp_path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    store.add(question="q", answer="a" * 40_000, rating=1)
    row = list(csv.reader(store.export_csv(tmp_path / "a.csv").read_text(encoding="utf-8-sig").splitlines(),
                          delimiter=";"))[1]  # fmt: skip
    assert len(row[5]) <= 32_767 and row[5].endswith("[saīsināts]")


# ---------------------------------------------------------------- real linter behind the app


def _backends(tmp_path):
    from dataclasses import replace

    from assistant.config import Settings
    from webui.backends import Backends

    return Backends(replace(Settings(), data_dir=tmp_path))


def test_name_check_downloads_are_formula_safe(tmp_path) -> None:
    from openpyxl import load_workbook

    evil = '=HYPERLINK("http://izsekotajs.example","Pases izsniegšana")'
    run = _backends(tmp_path).lint(names=["Pases izsniegšana", evil], rows=[1, 3])
    text = run.write("csv", tmp_path / "n.csv").read_text(encoding="utf-8-sig")
    table = list(csv.reader(text.splitlines(), delimiter=";"))
    assert table[2][:2] == ["3", "'" + evil]  # the pasted line number and the neutralised name
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in table for cell in row)
    ws = load_workbook(run.write("xlsx", tmp_path / "n.xlsx")).active
    values = [c.value for r in ws.iter_rows() for c in r if isinstance(c.value, str)]
    assert "'" + evil in values and not any(v.startswith("=") for v in values)
    assert not any(c.data_type == "f" for r in ws.iter_rows() for c in r)


def test_pasted_rows_reach_the_linter(tmp_path) -> None:
    run = _backends(tmp_path).lint(names=["Pases izsniegšana", "Pases izsniegšana"], rows=[2, 5])
    assert [n["row"] for n in run.report["names"]] == [2, 5]
    dup = [g for g in run.report.get("portfolio") or [] if g.get("code") == "P001"]
    assert not dup or dup[0]["rows"] == [2, 5]  # a duplicate is reported on the pasted lines


class _Hit:
    def __init__(self, chunk) -> None:
        self.chunk = chunk


class _CountingRetriever:
    def __init__(self, chunks) -> None:
        self.chunks, self.calls = chunks, 0

    def run(self, query, top_k=10, mode=None):
        self.calls += 1
        return [_Hit(c) for c in self.chunks]


def test_policy_passages_are_cached_and_grouped(tmp_path, monkeypatch) -> None:
    from types import SimpleNamespace

    from assistant.types import Chunk
    from webui import backends as bk

    chunk = Chunk(chunk_id="c9", doc="002_x.txt", title="Vadlīnijas", section="2", text=CHUNK)
    retriever = _CountingRetriever(
        [Chunk(chunk_id="c1", doc="001_y.txt", title="", section="", text="t"), chunk]
    )
    index = SimpleNamespace(get_retriever=lambda settings: retriever)
    monkeypatch.setattr(bk, "_import", lambda part: index)
    b = _backends(tmp_path)
    srcs = ["002: Par pakalpojumu nav jāuzskata: konsultācijas", "002: atbalsts iestādes pakalpojumiem"]
    first = b.policy_passages(srcs)
    assert len(first) == 1 and first[0]["chunk_id"] == "c9" and first[0]["sources"] == srcs
    assert retriever.calls == 2
    assert b.policy_passages(srcs + ["bez numura"]) == first and retriever.calls == 2  # cached by source text
    fresh = _CountingRetriever([chunk])  # a rebuilt index: searched again
    index.get_retriever = lambda settings: fresh
    assert b.policy_passages(srcs[:1])[0]["chunk_id"] == "c9" and fresh.calls == 1
    monkeypatch.setattr(bk, "POLICY_CACHE_SIZE", 3)
    b.policy_passages([f"002: teikums {i}" for i in range(10)])
    assert len(b._policy_cache) <= 3  # bounded


def test_every_personal_data_kind_staff_see_is_latvian(tmp_path) -> None:
    """The "Personas dati" column of the app's table, the CSV and the XLSX name every kind in Latvian."""
    import datetime as dt

    from openpyxl import load_workbook

    from assistant.config import Settings
    from assistant.pii import PLACEHOLDERS
    from assistant.triage.export import PII_LV, PII_OTHER_LV, pii_kind_lv
    from assistant.triage.mail import Message
    from assistant.triage.pipeline import TriagePipeline

    latvian = set(PII_LV.values()) | {PII_OTHER_LV}
    assert set(PLACEHOLDERS) <= set(PII_LV)  # every kind the detector reports has its Latvian name
    assert all(label not in PII_LV for label in latvian)  # no label is an English code
    assert pii_kind_lv("something_new") == PII_OTHER_LV
    body = (
        "Labdien, Anna Kalniņa!\nKlienta p.k. 010190-12345, tālr. +371 29123456, e-pasts anna@example.lv, "
        "adrese Brīvības iela 12-3, Rīga, LV-1010, konts LV80BANK0000435195001.\nVai tas ir pakalpojums?"
    )
    row = TriagePipeline(Settings(), use_assistant=False, use_linter=False).triage(
        Message(id="m1", subject="Jautājums", body=body, date=dt.date(2026, 3, 2))
    ).to_dict()
    row["sender"] = "anna@example.lv"
    assert {p["type"] for p in row["personal_data"]} == set(PLACEHOLDERS)  # the sample has every kind
    extra = dict(row, personal_data=[*row["personal_data"], {"type": "something_new"}])

    shown = render.triage_rows([extra])[0][render.TRIAGE_COLUMNS.index("Personas dati")]
    assert shown.startswith("⚠️ ")
    rest = shown.removeprefix("⚠️ ")
    for label in sorted(latvian, key=len, reverse=True):
        rest = rest.replace(label, "")
    assert not rest.strip(", "), f"not Latvian in {shown!r}"  # only Latvian labels and their separators
    assert "vārds, uzvārds" in shown and PII_OTHER_LV in shown
    csv_path = write_triage([extra], "csv", tmp_path / "t.csv")
    table = list(csv.reader(csv_path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    exported = table[1][table[0].index("Personas dati")]
    assert exported.startswith("vārds, uzvārds (1)") or "vārds, uzvārds (1)" in exported
    labels = {part.rsplit(" (", 1)[0] for part in exported.split("; ")}
    assert labels <= latvian and PII_OTHER_LV in labels, labels
    ws = load_workbook(write_triage([extra], "xlsx", tmp_path / "t.xlsx")).active
    head = [c.value for c in ws[1]]
    assert ws.cell(2, head.index("Personas dati") + 1).value == exported


def test_triage_xlsx_has_real_date_and_number_cells(tmp_path) -> None:
    """Saņemts and Atbildes termiņš are date cells shown dd.mm.gggg, Tēmas ticamība a number with two decimals
    (a decimal comma in Latvian Excel), so staff can sort and filter; the CSV keeps Latvian text."""
    import datetime as dt

    from openpyxl import load_workbook

    ws = load_workbook(write_triage(TRIAGE, "xlsx", tmp_path / "t.xlsx")).active
    head = [c.value for c in ws[1]]
    received = ws.cell(2, head.index("Saņemts") + 1)
    due = ws.cell(2, head.index("Atbildes termiņš") + 1)
    confidence = ws.cell(2, head.index("Tēmas ticamība") + 1)
    for cell, day in ((received, dt.date(2026, 11, 16)), (due, dt.date(2026, 12, 4))):
        assert cell.is_date and cell.data_type == "d" and cell.value.date() == day
        assert cell.number_format == "DD.MM.YYYY"
    assert confidence.data_type == "n" and confidence.value == pytest.approx(0.91)
    assert confidence.number_format == "0.00"
    later = ws.cell(4, head.index("Atbildes termiņš") + 1)  # the other rows too
    assert later.is_date and later.number_format == "DD.MM.YYYY"
    assert ws.cell(3, head.index("Saņemts") + 1).value is None  # an unreadable message has no date: empty
    # the CSV stays text in Latvian
    table = list(csv.reader(write_triage(TRIAGE, "csv", tmp_path / "t.csv").read_text(encoding="utf-8-sig")
                            .splitlines(), delimiter=";"))  # fmt: skip
    assert table[1][table[0].index("Saņemts")] == "16.11.2026" and table[1][table[0].index("Tēmas ticamība")] == "0,91"


def test_a_thing_asked_about_in_ones_own_words_is_checked_only_for_being_a_service():
    from webui.inputs import names_are_quoted, service_findings_only

    report = {
        "names": [
            {
                "row": 1,
                "name": "Iekseja dokumentu aprite",
                "verdict": "fix",
                "findings": [
                    {"code": "L001", "category": "spelling", "severity": "warning"},
                    {"code": "N002", "category": "missing_action", "severity": "error"},
                    {"code": "S003", "category": "non_service_internal", "severity": "error"},
                ],
            }
        ],
        "portfolio": [{"rows": [1]}],
    }
    only = service_findings_only(report)
    assert [f["code"] for f in only["names"][0]["findings"]] == ["S003"] and "verdict" not in only["names"][0]
    assert only["portfolio"] == [] and report["names"][0]["verdict"] == "fix"  # the input is left as it was
    assert names_are_quoted("Vai 'Konsultācijas par būvatļaujām' ir pakalpojums?")
    assert not names_are_quoted("vai iekseja dokumentu aprite starp nodalam ari ir pakalpojums?")
