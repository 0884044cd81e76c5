"""The linter CLI and its inputs/outputs: formats, exit codes, bad input, suppressions, configuration."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from linter.__main__ import main

NAMES = [
    "Pases izsniegšana Latvijas pilsoņiem",
    "Pieteikšanās bezdarbnieka statusam",
    "konsultacijas par iestades pakalpojumiem",
    "Darba devēju pārbaudes darba aizsardzības jomā",
]


def run(argv: list[str], capsys) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture()
def names_txt(tmp_path: Path) -> Path:
    p = tmp_path / "names.txt"
    p.write_text("\n".join(NAMES) + "\n", encoding="utf-8")
    return p


def test_json_contract(names_txt: Path, capsys) -> None:  # noqa: ANN001
    code, out, _ = run(["check", str(names_txt), "--format", "json", "--no-portfolio"], capsys)
    assert code == 1
    d = json.loads(out)
    assert set(d) == {"names", "portfolio", "summary"}
    assert [n["row"] for n in d["names"]] == [1, 2, 3, 4]
    first, second = d["names"][0], d["names"][1]
    assert first["valid"] is True and first["findings"] == []
    assert second["valid"] is False
    f = second["findings"][0]
    assert set(f) == {"code", "name", "category", "severity", "message", "suggestion", "source"}
    assert f["code"] == "N005" and f["category"] == "recipient_action" and f["severity"] == "error"
    assert f["suggestion"] == "Bezdarbnieka statusa piešķiršana"
    cats = {x["category"] for x in d["names"][2]["findings"]}
    assert {"non_service_support", "spelling", "style"} <= cats
    assert d["summary"]["names"] == 4 and d["summary"]["valid"] == 1


def test_exit_codes(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    clean = tmp_path / "clean.txt"
    clean.write_text("Pases izsniegšana Latvijas pilsoņiem\n", encoding="utf-8")
    assert run(["check", str(clean), "--no-portfolio"], capsys)[0] == 0
    warn = tmp_path / "warn.txt"
    warn.write_text("Darba devēju pārbaudes darba aizsardzības jomā\n", encoding="utf-8")
    assert run(["check", str(warn), "--no-portfolio"], capsys)[0] == 1
    assert run(["check", str(warn), "--no-portfolio", "--fail-on", "error"], capsys)[0] == 0
    assert run(["check", str(warn), "--no-portfolio", "--ignore", "S005"], capsys)[0] == 0
    code, _, err = run(["check", str(warn), "--select", "ZZZ"], capsys)
    assert code == 2 and "Kļūda" in err and "Error" in err
    assert run(["check", str(tmp_path / "missing.txt")], capsys)[0] == 2
    assert run(["check", str(warn), "--format", "pdf"], capsys)[0] == 2


def test_min_severity_and_select(names_txt: Path, capsys) -> None:  # noqa: ANN001
    _, out, _ = run(["check", str(names_txt), "--format", "json", "--no-portfolio", "--min-severity", "error"], capsys)
    sev = {f["severity"] for n in json.loads(out)["names"] for f in n["findings"]}
    assert sev == {"error"}
    _, out, _ = run(["check", str(names_txt), "--format", "json", "--no-portfolio", "--select", "spelling"], capsys)
    codes = {f["code"] for n in json.loads(out)["names"] for f in n["findings"]}
    assert codes == {"L001"}


@pytest.mark.parametrize(("encoding", "delim"), [("utf-8", ";"), ("utf-8-sig", ","), ("cp1257", ";")])
def test_csv_sniffing(tmp_path: Path, capsys, encoding: str, delim: str) -> None:  # noqa: ANN001
    p = tmp_path / "list.csv"
    rows = [["Nr", "Pakalpojuma nosaukums", "lint_ignore"], ["1", "Pases saņemšana", ""],
            ["2", "Būvdarbu kontroles veikšana objektos", "S005: mūsu pamatdarbība"],
            ["3", "Vīzas izsniegšana ārzemniekiem", "S005: kontrole"]]
    buf = io.StringIO()
    csv.writer(buf, delimiter=delim).writerows(rows)
    p.write_bytes(buf.getvalue().encode(encoding))
    code, out, err = run(["check", str(p), "--format", "json", "--no-portfolio"], capsys)
    d = json.loads(out)
    assert [n["name"] for n in d["names"]] == ["Pases saņemšana", "Būvdarbu kontroles veikšana objektos",
                                              "Vīzas izsniegšana ārzemniekiem"]
    assert {f["code"] for f in d["names"][0]["findings"]} >= {"N005"}
    assert d["names"][1]["findings"] == []  # suppressed with a reason
    assert [f["code"] for f in d["names"][2]["findings"]] == ["X001"]  # suppresses nothing
    assert d["names"][2]["valid"] is True
    if encoding == "cp1257":
        assert "Windows-1257" in err


def test_csv_names_with_commas_are_not_cut(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    # a one-column list: every line is one name, commas and all
    p = tmp_path / "one.csv"
    p.write_text("Atļauju izsniegšana, pagarināšana\nPases izsniegšana\nKonsultācijas, semināri un apmācības\n",
                 encoding="utf-8")
    _, out, _ = run(["check", str(p), "--format", "json", "--no-portfolio"], capsys)
    assert [n["name"] for n in json.loads(out)["names"]] == [
        "Atļauju izsniegšana, pagarināšana", "Pases izsniegšana", "Konsultācijas, semināri un apmācības"]
    # a comma table whose name holds an unquoted comma: the split row is reported, not passed silently
    p = tmp_path / "two.csv"
    p.write_text("nosaukums,iestāde\nPases izsniegšana,PMLP\nAtļauju izsniegšana, pagarināšana,VUGD\n",
                 encoding="utf-8")
    _, out, err = run(["check", str(p), "--format", "json", "--no-portfolio"], capsys)
    problems = json.loads(out)["summary"]["input_problems"]
    assert [pr["row"] for pr in problems] == [2] and "vairāk šūnu nekā galvenē" in problems[0]["message"]
    assert "vairāk šūnu" in err


def test_csv_missing_column(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    p = tmp_path / "list.csv"
    p.write_text("Nr;Nosaukums\n1;Pases izsniegšana Latvijas pilsoņiem\n", encoding="utf-8")
    code, _, err = run(["check", str(p), "--column", "Pakalpojums"], capsys)
    assert code == 2 and "Pakalpojums" in err and "Nosaukums" in err


def test_suppression_without_reason(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    p = tmp_path / "list.csv"
    p.write_text("Nosaukums;lint_ignore\nBūvdarbu kontroles veikšana objektos;S005\n", encoding="utf-8")
    _, out, _ = run(["check", str(p), "--format", "json", "--no-portfolio"], capsys)
    codes = [f["code"] for f in json.loads(out)["names"][0]["findings"]]
    assert "S005" in codes and "X002" in codes


def test_bad_rows_reported_rest_checked(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    p = tmp_path / "bad.txt"
    lines = ["Pases izsniegšana Latvijas pilsoņiem", "", "x" * 10000, "Pases izsniegšana 🙂 Latvijas pilsoņiem",
             "Vīzas\x07 izsniegšana ārzemniekiem", "Pasu izsniegšana"]
    p.write_text("\n".join(lines), encoding="utf-8")
    code, out, err = run(["check", str(p), "--format", "json", "--no-portfolio"], capsys)
    assert code == 1
    d = json.loads(out)
    assert [n["row"] for n in d["names"]] == [1, 3, 4, 5, 6]
    assert "2. rinda ir tukša" in err and "row 3" in err
    by_row = {n["row"]: {f["code"] for f in n["findings"]} for n in d["names"]}
    assert "T009" in by_row[4] and "T009" in by_row[5] and "N001" in by_row[6]
    assert len(d["names"][1]["name"]) <= 500


def test_binary_and_empty_input(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    b = tmp_path / "x.txt"
    b.write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    code, _, err = run(["check", str(b)], capsys)
    assert code == 2 and "binār" in err
    e = tmp_path / "e.txt"
    e.write_text("\n\n  \n", encoding="utf-8")
    code, _, err = run(["check", str(e)], capsys)
    assert code == 2 and "ir tukšs" in err and "is empty" in err and "Traceback" not in err
    c = tmp_path / "e.csv"
    c.write_text("Nosaukums\n\n;\n", encoding="utf-8")
    code, _, err = run(["check", str(c)], capsys)
    assert code == 2 and "nav neviena" in err


def test_text_rows_follow_real_line_ends(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    # a form feed or U+2028 inside a line must not split it (str.splitlines would, shifting later rows)
    p = tmp_path / "ff.txt"
    p.write_text("Pases\x0c izsniegšana Latvijas pilsoņiem\r\nA\u2028B\nPases saņemšana\n", encoding="utf-8")
    _, out, _ = run(["check", str(p), "--format", "json", "--no-portfolio"], capsys)
    d = json.loads(out)
    assert [n["row"] for n in d["names"]] == [1, 2, 3]
    assert d["names"][2]["name"] == "Pases saņemšana"


def test_xlsx_roundtrip(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from openpyxl import Workbook, load_workbook

    src = tmp_path / "in.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Saraksts"
    ws.append(["Iestādes pakalpojumu saraksts"])
    ws.append([])
    ws.append(["Nr.", "Pakalpojuma nosaukums", "Piezīmes"])
    ws.append([1, "Pases izsniegšana Latvijas pilsoņiem", ""])
    ws.append([2, "Pases saņemšana", ""])
    ws.append([3, "Grupa", ""])
    ws.append([4, None, ""])
    ws.merge_cells("B6:B7")
    ws.append([5, "Vecuma pensijas piešķiršana", ""])
    wb.save(src)
    out = tmp_path / "out.xlsx"
    code, _, err = run(["check", str(src), "--format", "xlsx", "-o", str(out), "--no-portfolio"], capsys)
    assert code == 1
    assert "apvienota" in err
    res = load_workbook(out)["Saraksts"]
    header = [c.value for c in res[3]]
    assert "Vērtējums" in header and "Portfeļa grupa" in header  # Latvian only: the file is for staff
    col = header.index("Vērtējums") + 1
    assert res.cell(4, col).value == "✓ atbilst"
    assert res.cell(5, col).value == "✗ jālabo"
    assert res.cell(5, col).fill.fgColor.rgb.endswith("F8CBAD")
    assert res.auto_filter.ref and res.auto_filter.ref.startswith("A3")


def test_xlsx_empty_sheet_and_missing_sheet(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from openpyxl import Workbook

    src = tmp_path / "empty.xlsx"
    Workbook().save(src)
    code, _, err = run(["check", str(src)], capsys)
    assert code == 2 and "tukša" in err
    code, _, err = run(["check", str(src), "--sheet", "Nav"], capsys)
    assert code == 2 and "Nav" in err
    # the workbook opens on an empty sheet: the first sheet with data is checked, and the user is told
    wb = Workbook()
    wb.active.title = "Vāks"
    wb.create_sheet("Dati").append(["Pakalpojuma nosaukums"])
    wb["Dati"].append(["Pases saņemšana"])
    wb.save(src)
    code, out, err = run(["check", str(src), "--format", "json", "--no-portfolio"], capsys)
    assert code == 1 and '"Vāks" ir tukša' in err and '"Dati"' in err
    assert [n["name"] for n in json.loads(out)["names"]] == ["Pases saņemšana"]


def test_xlsx_content_under_another_name_and_broken_xlsx(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Pakalpojuma nosaukums"])
    wb.active.append(["Pases saņemšana"])
    src = tmp_path / "saraksts.dat"
    wb.save(tmp_path / "x.xlsx")
    src.write_bytes((tmp_path / "x.xlsx").read_bytes())
    code, out, _ = run(["check", str(src), "--format", "json", "--no-portfolio"], capsys)
    assert code == 1 and json.loads(out)["names"][0]["name"] == "Pases saņemšana"
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = run(["check", str(bad)], capsys)
    assert code == 2 and "bojāts vai nav XLSX" in err and "Traceback" not in err


def test_sarif_and_csv_output(names_txt: Path, capsys) -> None:  # noqa: ANN001
    _, out, _ = run(["check", str(names_txt), "--format", "sarif", "--no-portfolio"], capsys)
    s = json.loads(out)
    assert s["version"] == "2.1.0"
    res = s["runs"][0]["results"]
    assert any(r["ruleId"] == "N005" and r["locations"][0]["physicalLocation"]["region"]["startLine"] == 2 for r in res)
    _, out, _ = run(["check", str(names_txt), "--format", "csv", "--no-portfolio"], capsys)
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Rinda", "Nosaukums", "Vērtējums"]
    assert rows[2][1] == "Pieteikšanās bezdarbnieka statusam" and "N005" in rows[2][3] and rows[2][2] == "✗ jālabo"
    assert "N005 kļūda:" in rows[2][4] and " / " not in rows[2][4]  # the Latvian message only


def test_fix_applies_safe_fixes_only(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    p = tmp_path / "f.txt"
    p.write_text("  pases izsniegšana Latvijas pilsoņiem.\nPases saņemšana\n", encoding="utf-8")
    _, out, _ = run(["check", str(p), "--format", "json", "--no-portfolio", "--fix"], capsys)
    d = json.loads(out)
    assert d["names"][0]["fixed"] == "Pases izsniegšana Latvijas pilsoņiem"
    assert "fixed" not in d["names"][1]  # the recipient-action fix is a suggestion only


def test_project_config(tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    (tmp_path / "paligs-lint.toml").write_text(
        'ignore = ["T005"]\nallow_abbreviations = ["PVN"]\n[severity]\nS005 = "info"\n', encoding="utf-8")
    p = tmp_path / "n.txt"
    p.write_text("PVN maksātāju reģistrācija uzņēmumiem\nBūvdarbu kontroles veikšana objektos\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["check", str(p), "--format", "json", "--no-portfolio"], capsys)
    d = json.loads(out)
    assert code == 0
    assert d["names"][0]["findings"] == []
    assert d["names"][1]["findings"][0]["severity"] == "info" and d["names"][1]["valid"] is True
    (tmp_path / "paligs-lint.toml").write_text('selectt = ["N"]\n', encoding="utf-8")
    code, _, err = run(["check", str(p)], capsys)
    assert code == 2 and "selectt" in err


def test_rules_and_explain(capsys) -> None:  # noqa: ANN001
    code, out, _ = run(["rules", "--markdown"], capsys)
    assert code == 0 and "| N005 | recipient-action |" in out
    code, out, _ = run(["explain", "n005"], capsys)
    assert code == 0 and "Kāpēc tas ir slikti?" in out and "Pieteikšanās bezdarbnieka statusam" in out
    code, _, err = run(["explain", "Q999"], capsys)
    assert code == 2 and "Q999" in err


@pytest.mark.slow
def test_module_entry_point_stdin(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "linter", "check", "-", "--format", "json"],
                          input="Pases saņemšana\nPases izsniegšana Latvijas pilsoņiem\n", capture_output=True,
                          text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    d = json.loads(proc.stdout)
    assert "N005" in {f["code"] for f in d["names"][0]["findings"]}
    assert d["names"][1]["valid"] is True
    assert "Traceback" not in proc.stderr


def test_csv_to_xlsx_keeps_input_columns(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from openpyxl import load_workbook

    src = tmp_path / "in.csv"
    src.write_text("Nr;Pakalpojuma nosaukums;Atbildīgais\n1;Pases saņemšana;A. Bērziņa\n2;Vīzas izsniegšana ārzemniekiem;J. Ozols\n",
                   encoding="utf-8")
    out = tmp_path / "out.xlsx"
    assert run(["check", str(src), "--format", "xlsx", "-o", str(out), "--no-portfolio"], capsys)[0] == 1
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:4] == ("Nr", "Pakalpojuma nosaukums", "Atbildīgais", "Vērtējums")
    assert rows[1][2] == "A. Bērziņa" and rows[1][3] == "✗ jālabo" and "N005" in rows[1][4].split()
    assert rows[1][6] == "Pases izsniegšana"
    assert rows[2][3] == "✓ atbilst"
    code, _, err = run(["check", str(src), "--format", "xlsx"], capsys)
    assert code == 2 and "-o" in err


def test_broken_utf16_and_directory(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    p = tmp_path / "g.txt"
    p.write_bytes(b"\xff\xfe\x00\x00garbage")
    code, _, err = run(["check", str(p)], capsys)
    assert code == 2 and "UTF-16" in err and "Traceback" not in err
    code, _, err = run(["check", str(tmp_path)], capsys)
    assert code == 2 and "mape" in err


@pytest.mark.parametrize(("raw", "expected"), [(b"", "Ievade (stdin) ir tuk"), (b" \n\n", "Ievade (stdin) ir tuk"),
                                               (b"PK\x03\x04\x14\x00\x00\x00", "no stdin")])
def test_unusable_stdin(raw: bytes, expected: str, capsys, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    code, out, err = run(["check", "-"], capsys)
    assert code == 2 and out == "" and expected in err and " / Error: " in err


def test_csv_huge_field_and_unclosed_quote(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    p = tmp_path / "huge.csv"
    p.write_text('Nosaukums;X\nPases saņemšana;1\n"' + "a" * 200_000 + '";2\nPases izsniegšana;3\n', encoding="utf-8")
    code, out, err = run(["check", str(p), "--format", "json", "--no-portfolio"], capsys)
    assert code == 1 and "200000 rakstzīmes" in err
    assert [n["row"] for n in json.loads(out)["names"]] == [1, 2, 3]
    q = tmp_path / "quote.csv"
    q.write_text('Nosaukums;X\n"Pases izsniegšana;1\nPases saņemšana;2\n', encoding="utf-8")
    code, _, err = run(["check", str(q), "--no-portfolio"], capsys)
    assert "neaizvērtas pēdiņas" in err and "unclosed quote" in err


def test_outputs_never_carry_live_formulas(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from openpyxl import load_workbook

    p = tmp_path / "names.txt"
    p.write_text('=HYPERLINK("http://x","a")\n@SUM(1+1)\nPases izsniegšana\n', encoding="utf-8")
    _, out, _ = run(["check", str(p), "--format", "csv", "--no-portfolio"], capsys)
    names = [row[1] for row in csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter=";")][1:]
    assert names == ["'=HYPERLINK(\"http://x\",\"a\")", "'@SUM(1+1)", "Pases izsniegšana"]
    x = tmp_path / "out.xlsx"
    run(["check", str(p), "--format", "xlsx", "-o", str(x), "--no-portfolio"], capsys)
    ws = load_workbook(x).active
    cells = [ws.cell(r, 2) for r in (2, 3)]
    assert [c.data_type for c in cells] == ["s", "s"] and cells[0].value.startswith("'=")
    assert not [f for f in tmp_path.iterdir() if ".tmp" in f.name]  # nothing half-written left behind


def test_output_over_the_input_is_refused(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    p = tmp_path / "names.txt"
    p.write_text("Pases izsniegšana\n", encoding="utf-8")
    code, _, err = run(["check", str(p), "-o", str(p)], capsys)
    assert code == 2 and "ievades fails" in err
    assert p.read_text(encoding="utf-8") == "Pases izsniegšana\n"


def _zip_without_workbook(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "not a workbook")


@pytest.mark.parametrize(("kind", "english"), [
    ("not_zip", "File is not a zip file"),  # what zipfile says; the user sees only the Latvian half
    ("no_workbook", "There is no item named"),
])
def test_unreadable_xlsx_keeps_library_text_out_of_latvian(tmp_path: Path, capsys, kind: str,  # noqa: ANN001
                                                          english: str) -> None:
    from linter.errors import LintInputError
    from linter.io import read_input
    from tests.english_words import english_words_in

    bad = tmp_path / "bad.xlsx"
    if kind == "not_zip":
        bad.write_bytes(b"PK\x03\x04 not really a zip")
    else:
        _zip_without_workbook(bad)
    with pytest.raises(LintInputError) as ei:
        read_input(bad)
    lv, en = ei.value.lv, ei.value.en
    assert english in en  # the CLI's English half keeps the detail
    assert english not in lv and english_words_in(lv.replace("bad.xlsx", "").replace("XLSX", "")) == [], lv
    assert lv == "Nevar atvērt XLSX failu bad.xlsx: tas ir bojāts vai nav XLSX fails"
    code, _, err = run(["check", str(bad)], capsys)
    lv_line = err.split(" / ")[0]
    assert code == 2 and english not in lv_line and english in err


def test_csv_reader_error_keeps_its_text_out_of_latvian(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import linter.io as lio
    from linter.errors import LintInputError

    def broken(*_a, **_k):  # noqa: ANN002, ANN003
        raise csv.Error("field larger than field limit (131072)")

    src = tmp_path / "saraksts.csv"
    src.write_text("Nosaukums;Iestāde\nPases izsniegšana;PMLP\n", encoding="utf-8")
    monkeypatch.setattr(lio.csv, "reader", broken)
    with pytest.raises(LintInputError) as ei:
        lio.read_input(src)
    assert "field" not in ei.value.lv and "1. ieraksts ir bojāts" in ei.value.lv, ei.value.lv
    assert "field larger than field limit" in ei.value.en


def test_unreadable_text_file_says_why_in_latvian(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import errno
    import os

    from linter.errors import LintInputError
    from linter.io import read_input

    src = tmp_path / "saraksts.txt"
    src.write_text("Pases izsniegšana\n", encoding="utf-8")
    real_open = os.open

    def denied(path, *a, **k):  # noqa: ANN001, ANN002, ANN003
        if str(path) == str(src):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *a, **k)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(LintInputError) as ei:
        read_input(src)
    assert "Permission" not in ei.value.lv and "nav atļaujas" in ei.value.lv, ei.value.lv
    assert "Permission denied" in ei.value.en


def test_broken_config_says_why_in_latvian(tmp_path: Path) -> None:
    from linter.config import load_config
    from linter.errors import LintConfigError

    cfg = tmp_path / "paligs-lint.toml"
    cfg.write_text("select = [\"N\"]\nignore = ?\n", encoding="utf-8")
    with pytest.raises(LintConfigError) as ei:
        load_config(explicit=cfg)
    assert "kļūda TOML pierakstā 2. rindā" in ei.value.lv and "Invalid" not in ei.value.lv, ei.value.lv
    assert "Invalid value (at line 2" in ei.value.en


def _xlsx_rows(path: Path) -> list[list]:
    from openpyxl import load_workbook

    return [[c.value for c in r] for r in load_workbook(path).active.iter_rows()]


def _csv_rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


@pytest.mark.parametrize("kind", ["csv", "txt", "xlsx"])
def test_xlsx_and_csv_reports_carry_the_same_columns(tmp_path: Path, capsys, kind: str) -> None:  # noqa: ANN001
    from openpyxl import Workbook

    names = ["Pases saņemšana", "Būvatļaujas izsniegšana fiziskām personām"]
    if kind == "csv":
        src = tmp_path / "saraksts.csv"
        src.write_text("Nr.;Pakalpojuma nosaukums;Apjoms\n" + "".join(
            f"{i};{n};{i},5\n" for i, n in enumerate(names, 1)), encoding="utf-8")
    elif kind == "txt":
        src = tmp_path / "saraksts.txt"
        src.write_text("\n".join(names) + "\n", encoding="utf-8")
    else:
        src = tmp_path / "saraksts.xlsx"
        wb = Workbook()
        wb.active.append(["Pakalpojumu saraksts 2025"])  # a title row above the header
        wb.active.append(["Nr.", "Pakalpojuma nosaukums", "Apjoms"])
        for i, n in enumerate(names, 1):
            wb.active.append([i, n, i + 0.5])
        wb.save(src)
    out_x, out_c = tmp_path / "r.xlsx", tmp_path / "r.csv"
    run(["check", str(src), "--format", "xlsx", "-o", str(out_x), "--no-portfolio"], capsys)
    run(["check", str(src), "--format", "csv", "-o", str(out_c), "--no-portfolio"], capsys)
    x = _xlsx_rows(out_x)
    c = _csv_rows_of(out_c.read_text(encoding="utf-8"))
    xhead = x[1] if kind == "xlsx" else x[0]  # the XLSX keeps the sheet's title row; the CSV starts at the header
    assert [h for h in xhead if h] == [h for h in c[0] if h], (xhead, c[0])
    assert "Kodi" in c[0] and "Kodi" in xhead
    xbody = x[2:] if kind == "xlsx" else x[1:]
    k = xhead.index("Kodi")
    assert xbody[0][k] == c[1][c[0].index("Kodi")] and "N005" in xbody[0][k]
    if kind == "txt":
        assert [r[0] for r in xbody] == [1, 2]  # "Rinda" numbers are numeric cells
    else:
        nr, amount = xhead.index("Nr."), xhead.index("Apjoms")
        assert [r[nr] for r in xbody] == [1, 2] and all(type(r[nr]) is int for r in xbody)  # numbers, not text
        assert [r[amount] for r in xbody] == [1.5, 2.5]
        assert [r[c[0].index("Apjoms")] for r in c[1:]] == ["1,5", "2,5"]  # the CSV: Latvian decimal comma


def test_text_cells_become_numbers_only_when_they_are_numbers() -> None:
    from linter.io import _text_cell_value

    assert _text_cell_value("12") == 12 and _text_cell_value("-3") == -3 and _text_cell_value("1,5") == 1.5
    assert _text_cell_value("007") == "007" and _text_cell_value("1.000") == "1.000"  # a code; maybe a thousand
    assert _text_cell_value("40003032949123456") == "40003032949123456"  # 17 digits: an identifier
    assert _text_cell_value("PMLP") == "PMLP" and _text_cell_value("1.") == "1."
