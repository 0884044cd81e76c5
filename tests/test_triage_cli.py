"""``python -m assistant triage``: JSONL contract, CSV/XLSX output, summary on stderr, bad input batches."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.commands.triage import summary_lines
from assistant.triage.export import columns, headers

REPO = Path(__file__).resolve().parent.parent
ROWS = [
    {
        "id": "a1",
        "subject": "Nosaukums",
        "body": "Labdien! Kā pareizi nosaukt pakalpojumu? Tālr. 29123456",
        "from": "x@iestade.lv",
        "date": "2026-03-02",
    },
    {"id": "a2", "subject": "", "body": ""},
    {"id": "a3", "subject": "Pabalsts", "body": "Kad man izmaksās pabalstu? p.k. 120389-12345"},
]


def cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """The real command line, in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "assistant", "triage", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


@pytest.fixture
def run_cli(capsys):
    """The same command in this process (shares the loaded language models: fast)."""
    from assistant.__main__ import main

    def go(*args: str) -> subprocess.CompletedProcess:
        code = main(["triage", *args])
        out = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out.out, out.err)

    return go


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("inbox")
    (d / "in.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS) + "\n", encoding="utf-8"
    )
    (d / "bad.csv").write_text("foo,bar\n1,2\n", encoding="utf-8")
    (d / "fake.msg").write_bytes(b"not a msg")
    return d


def test_jsonl_contract_in_order(inbox: Path):
    p = cli(str(inbox / "in.jsonl"), "--format", "jsonl", "--no-assistant", "--no-progress")
    assert p.returncode == 0, p.stderr
    lines = [json.loads(x) for x in p.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["a1", "a2", "a3"]
    assert lines[0]["topic"] == "service_naming" and lines[0]["language"] == "lv"
    assert "29123456" not in p.stdout and "120389" not in p.stdout  # redacted by default
    assert "date_missing" in lines[1]["reasons"] and lines[2]["topic"] == "out_of_scope"
    assert "Vajag cilvēku / needs a person" in p.stderr and "Traceback" not in p.stderr


def test_no_redact_shows_values(run_cli, inbox: Path):
    p = run_cli(str(inbox / "in.jsonl"), "--no-assistant", "--no-progress", "--no-redact")
    assert "29123456" in p.stdout


def test_bad_inputs_keep_the_batch(run_cli, inbox: Path):
    p = run_cli(str(inbox), "--no-assistant")
    assert p.returncode == 0 and "Traceback" not in p.stderr
    rows = [json.loads(x) for x in p.stdout.splitlines()]
    errors = [r for r in rows if r.get("error")]
    # bad.csv row, fake.msg and the empty message are error rows; the other two are triaged
    assert len(rows) == 5 and len(errors) == 3 and {r["id"] for r in errors} == {"bad:1", "fake", "a2"}
    assert "Brīdinājums / Warning" in p.stderr and "Šķiro" in p.stderr  # warnings + progress bar


def test_csv_and_xlsx_outputs(run_cli, inbox: Path, tmp_path: Path):
    out_csv = tmp_path / "o.csv"
    p = run_cli(
        str(inbox / "in.jsonl"), "--format", "csv", "-o", str(out_csv), "--no-assistant", "--no-progress"
    )
    assert p.returncode == 0, p.stderr
    text = out_csv.read_text(encoding="utf-8-sig")  # UTF-8 with a BOM and ";": what Excel opens in Latvia
    assert text.splitlines()[0] == ";".join(headers(columns())) and text.count("\na") == 3
    assert text.splitlines()[0].startswith("ID;Valoda;Tēma;Tēmas ticamība;")  # Latvian: the file is for staff
    out_x = tmp_path / "o.xlsx"
    p = run_cli(
        str(inbox / "in.jsonl"), "--format", "xlsx", "-o", str(out_x), "--no-assistant", "--no-progress"
    )
    assert p.returncode == 0, p.stderr
    from openpyxl import load_workbook

    ws = load_workbook(out_x).active
    assert ws.max_row == 4 and ws.cell(1, 1).value == "ID" and ws.title == "Iesūtne"


def test_xlsx_needs_output_and_unknown_rules_are_clear_errors(run_cli, inbox: Path):
    p = run_cli(str(inbox / "in.jsonl"), "--format", "xlsx", "--no-assistant")
    assert p.returncode == 2 and "Kļūda:" in p.stderr and "Error:" in p.stderr and "Traceback" not in p.stderr
    p = run_cli(str(inbox / "in.jsonl"), "--rules", "nav_tadu", "--no-assistant")
    assert p.returncode == 2 and "nav_tadu" in p.stderr and "Traceback" not in p.stderr


def test_unwritable_output_fails_before_the_triage(run_cli, inbox: Path, tmp_path: Path):
    for target in (tmp_path / "nav" / "o.csv", tmp_path):
        p = run_cli(str(inbox / "in.jsonl"), "--format", "csv", "-o", str(target), "--no-progress")
        assert p.returncode == 2 and "Kļūda:" in p.stderr and "Error:" in p.stderr
        assert "Šķiro" not in p.stderr and "Apstrādāti" not in p.stderr  # nothing ran, nothing was lost
    assert not (tmp_path / "nav").exists()


def test_control_characters_do_not_break_xlsx(run_cli, tmp_path: Path):
    src = tmp_path / "ctrl.jsonl"
    src.write_text(
        json.dumps({"id": "c1", "subject": "Ctrl\x01", "body": "Labdien!\x07 Kā nosaukt pakalpojumu?\x1b"})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "o.xlsx"
    p = run_cli(str(src), "--format", "xlsx", "-o", str(out), "--no-assistant", "--no-progress")
    assert p.returncode == 0, p.stderr
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    col = [c.value for c in ws[1]].index("Teksts (personas dati aizklāti)") + 1
    assert (
        ws.cell(2, 1).value == "c1"
        and ws.cell(2, col).value == "Labdien!\ufffd Kā nosaukt pakalpojumu?\ufffd"
    )


def test_summary_counts():
    import datetime as dt

    rows = [
        {"topic": "digital", "needs_human": True, "due": "2026-03-04"},
        {"topic": "digital", "needs_human": False, "due": "2026-03-20"},
        {"error": "x", "needs_human": True, "due": "2026-03-03", "topic": "out_of_scope"},
    ]
    lines = summary_lines(rows, today=dt.date(2026, 3, 2))
    assert "digital: 2" in lines[1] and lines[2].endswith(": 2") and lines[3].endswith(": 2")


def test_an_output_that_is_an_input_is_refused_before_any_work(run_cli, tmp_path: Path):
    src = tmp_path / "in.jsonl"
    original = "\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS) + "\n"
    src.write_text(original, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    cases = [
        (str(src), str(src)),  # the same file
        (str(src), str(tmp_path / "sub" / ".." / "in.jsonl")),  # the same file by another path
        (str(tmp_path), str(tmp_path / "o.jsonl")),  # inside an input folder
        (str(tmp_path), str(tmp_path / "sub" / "o.csv")),  # deeper inside it
    ]
    for inp, out in cases:
        p = run_cli(inp, "--format", "csv", "-o", out, "--no-assistant", "--no-progress")
        assert p.returncode == 2 and "Kļūda:" in p.stderr and "Error:" in p.stderr, (inp, out)
        assert "Apstrādāti" not in p.stderr and "Traceback" not in p.stderr
    assert src.read_text(encoding="utf-8") == original
    assert sorted(x.name for x in tmp_path.rglob("*")) == ["in.jsonl", "sub"]


def test_no_redact_puts_the_unredacted_fields_in_csv_and_xlsx(run_cli, inbox: Path, tmp_path: Path):
    out_csv = tmp_path / "o.csv"
    p = run_cli(
        str(inbox / "in.jsonl"),
        "--format",
        "csv",
        "-o",
        str(out_csv),
        "--no-assistant",
        "--no-progress",
        "--no-redact",
    )
    assert p.returncode == 0, p.stderr
    import csv

    rows = list(csv.DictReader(out_csv.open(encoding="utf-8-sig"), delimiter=";"))
    assert {"Temats", "Teksts", "Sūtītājs (e-pasts)", "Pakalpojumu nosaukumi"} <= set(rows[0])
    assert (
        rows[0]["Teksts"] == ROWS[0]["body"]
        and rows[0]["Sūtītājs (e-pasts)"] == "x@iestade.lv"
        and rows[0]["Temats"] == "Nosaukums"
    )
    out_x = tmp_path / "o.xlsx"
    p = run_cli(
        str(inbox / "in.jsonl"),
        "--format",
        "xlsx",
        "-o",
        str(out_x),
        "--no-assistant",
        "--no-progress",
        "--no-redact",
    )
    from openpyxl import load_workbook

    ws = load_workbook(out_x).active
    header = [c.value for c in ws[1]]
    assert ws.cell(2, header.index("Teksts") + 1).value == ROWS[0]["body"]
    # redacted by default: no such columns, no values
    p = run_cli(
        str(inbox / "in.jsonl"), "--format", "csv", "-o", str(out_csv), "--no-assistant", "--no-progress"
    )
    text = out_csv.read_text(encoding="utf-8-sig")
    assert "Teksts" not in text.splitlines()[0].split(";") and "29123456" not in text


def test_a_failed_run_leaves_the_old_output_untouched(run_cli, inbox: Path, tmp_path: Path, monkeypatch):
    from assistant.triage.pipeline import TriagePipeline

    out = tmp_path / "o.jsonl"
    out.write_text("old\n", encoding="utf-8")

    def boom(self, messages, *, progress=None):
        if progress is not None:
            progress(1)
        raise RuntimeError("stopped half way")

    monkeypatch.setattr(TriagePipeline, "run", boom)  # the command goes through TriagePipeline.run
    p = run_cli(str(inbox / "in.jsonl"), "-o", str(out), "--no-assistant")
    assert p.returncode != 0 and "Traceback" not in p.stderr
    assert out.read_text(encoding="utf-8") == "old\n" and [x.name for x in tmp_path.iterdir()] == ["o.jsonl"]


def test_a_failed_write_leaves_no_half_file(tmp_path: Path, monkeypatch):
    import assistant.fileio as fileio
    from assistant.commands.triage import _write
    from assistant.errors import InputError

    out = tmp_path / "o.csv"
    out.write_text("old\n", encoding="utf-8")
    real_write_text = Path.write_text

    def half(self: Path, text: str, **kw) -> int:
        if ".tmp" in self.name:  # the temporary file beside the target
            real_write_text(self, text[:5], **kw)
            raise OSError(28, "No space left on device")
        return real_write_text(self, text, **kw)

    monkeypatch.setattr(Path, "write_text", half)
    for fmt in ("csv", "jsonl"):
        with pytest.raises(InputError) as exc:
            _write([{"id": "1", "topic": "x"}], fmt, str(out))
        assert "No space" in exc.value.en and "nevar ierakstīt" in exc.value.lv
        assert out.read_text(encoding="utf-8") == "old\n" and [x.name for x in tmp_path.iterdir()] == ["o.csv"]
    monkeypatch.undo()
    with fileio.atomic_path(out) as tmp:
        tmp.write_text("new\n", encoding="utf-8")
    assert out.read_text(encoding="utf-8") == "new\n" and [x.name for x in tmp_path.iterdir()] == ["o.csv"]


def test_a_bad_rules_file_is_refused_naming_the_key(run_cli, inbox: Path, tmp_path: Path):
    bad = tmp_path / "r.toml"
    bad.write_text('[x]\n[x.routes]\nanswer={working_days="ten"}\n', encoding="utf-8")
    p = run_cli(str(inbox / "in.jsonl"), "--rules", str(bad), "--no-assistant", "--no-progress")
    assert p.returncode == 2 and "Traceback" not in p.stderr and p.stdout == ""
    assert "working_days" in p.stderr and "Kļūda:" in p.stderr and "Error:" in p.stderr


def test_one_table_writer_for_cli_and_app(tmp_path: Path):
    import csv as _csv

    from assistant.triage.export import render_csv
    from webui.exports import write_triage

    r = {"id": "1", "reasons": ["personal_data", "low_confidence"], "personal_data": [
        {"type": "phone", "field": "body", "start": 3, "end": 14, "value": "+371 2••• ••••"}], "topic": "@x"}
    app = write_triage([r], "csv", tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    assert app.splitlines() == render_csv([r]).lstrip("\ufeff").splitlines()  # the app download is the CLI table
    row = dict(zip(*_csv.reader(app.splitlines(), delimiter=";"), strict=True))
    assert row["Iemesli"] == "ziņojumā ir personas dati; zema temata ticamība"  # Latvian, not codes
    assert row["Personas dati"] == "tālrunis (1)" and row["Tēma"] == "'@x"
