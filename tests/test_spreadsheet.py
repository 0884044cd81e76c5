"""The one cell rule for CSV/XLSX output: no live formulas, no refused characters, Excel's length limit."""

from __future__ import annotations

from assistant.spreadsheet import EXCEL_CELL_LIMIT, safe_cell


def test_formulas_are_neutralised() -> None:
    for v in ('=HYPERLINK("http://x","a")', "@SUM(1+1)", "+37120000000", "-1"):
        assert safe_cell(v) == "'" + v
    assert safe_cell("Pases izsniegšana") == "Pases izsniegšana"


def test_control_characters_lists_and_other_types() -> None:
    assert safe_cell("a\x00b\x1fc\td\ne") == "a\ufffdb\ufffdc\td\ne"  # tab and newline are fine in a cell
    assert safe_cell(["S001", "N002"]) == "S001; N002"
    assert safe_cell(3) == 3 and safe_cell(None) is None and safe_cell(True) is True


def test_long_text_is_cut_visibly_to_the_excel_limit() -> None:
    v = safe_cell("ā" * 300_000)
    assert len(v) == EXCEL_CELL_LIMIT and v.endswith("[saīsināts]")
