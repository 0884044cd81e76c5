"""Reading an XLSX sheet within bounded memory, formulas as their text.

Before openpyxl sees the file, its zip directory is read: more than ``max_xlsx_unzipped_mb`` of decompressed
content (a "zip bomb": one cell that expands to 1 GiB, 20 million rows in 2.8 MB), more than 10,000 members or a
member that is not compressed with a method zip readers support is refused with a Latvian message. Python's
zipfile never inflates past a member's declared size, so the directory's figures bound what is read. The sheet
is then streamed in openpyxl's read-only mode (``reset_dimensions``: a wrong ``<dimension>`` tag cannot hide rows),
stopping at ``max_input_lines`` rows or ``max_xlsx_cells`` cells. Entity expansion in the XML is refused by
defusedxml, which openpyxl uses when it is installed.

Formula cells are read as their formula text (``=A1&"x"``), never as an empty or cached value, and listed in
``SheetData.formulas`` so the caller can report them.

Example:
    sheet = read_sheet(Path("saraksts.xlsx"), limits, sheet=None)
    sheet.rows[0]          # row 1 of the sheet as values; sheet.formulas -> [(row, col, "=...")]
"""

from __future__ import annotations

import bisect
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .limits import InputLimitError, Limits, default_limits, mb, open_regular, os_reason_lv

MAX_MEMBERS = 10_000
_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')


class XlsxError(InputError):
    """The file is not a readable XLSX (damaged, not a zip, a missing sheet)."""


@dataclass
class SheetData:
    """One sheet as read: ``rows[i]`` is sheet row ``i + 1``; formulas and merged cells on the side."""

    title: str
    rows: list[list[Any]] = field(default_factory=list)
    formulas: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, formula text), 1-based
    sheetnames: list[str] = field(default_factory=list)
    active_title: str = ""  # the sheet the workbook opens on (when another one was read instead)
    _merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_row, min_col, max_row, max_col

    def covered_rows(self, col: int) -> list[tuple[int, int]]:
        """Row intervals (inclusive, 1-based) where column ``col`` (1-based) is covered by a merged cell (the
        range's top-left anchor excluded), merged and sorted."""
        spans = []
        for r1, c1, r2, c2 in self._merged:
            if c1 <= col <= c2:
                first = r1 + 1 if col == c1 else r1
                if first <= r2:
                    spans.append((first, r2))
        spans.sort()
        out: list[tuple[int, int]] = []
        for a, b in spans:
            if out and a <= out[-1][1] + 1:
                out[-1] = (out[-1][0], max(out[-1][1], b))
            else:
                out.append((a, b))
        return out


def is_covered(spans: list[tuple[int, int]], row: int) -> bool:
    i = bisect.bisect_right(spans, (row, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= row <= spans[i][1]


def check_archive(path: Path | str, limits: Limits | None = None) -> None:
    """Refuse a zip bomb from the zip directory alone, before any member is inflated."""
    lim = limits or default_limits()
    name = Path(path).name
    try:
        with open_regular(path) as fh, zipfile.ZipFile(fh) as zf:
            infos = zf.infolist()
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise XlsxError(  # the Latvian half never carries the library's English text (it stays in the English half)
            f"Nevar atvērt XLSX failu {name}: tas ir bojāts vai nav XLSX fails",
            f"Cannot open the XLSX file {name} (damaged or not XLSX): {exc}",
        ) from None
    if len(infos) > MAX_MEMBERS:
        raise InputLimitError(
            f"XLSX failā {name} ir {len(infos)} daļu (atļauts līdz {MAX_MEMBERS}); tas nav parasts izklājlapas fails",
            f"the XLSX file {name} has {len(infos)} parts (at most {MAX_MEMBERS}); not an ordinary spreadsheet",
        )
    total = sum(max(0, i.file_size) for i in infos)
    if total > lim.max_xlsx_unzipped_bytes:
        raise InputLimitError(
            f"XLSX fails {name} atspiests būtu {mb(total)} MB; atļauts līdz {mb(lim.max_xlsx_unzipped_bytes)} MB "
            "(iestatījums max_xlsx_unzipped_mb); saglabājiet mazāku failu vai CSV",
            f"the XLSX file {name} would unpack to {mb(total)} MB; the limit is {mb(lim.max_xlsx_unzipped_bytes)} MB "
            "(setting max_xlsx_unzipped_mb); save a smaller file or a CSV",
        )
    bad = [i.filename for i in infos if i.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)]
    if bad:
        raise XlsxError(
            f"XLSX failā {name} ir neparasti saspiesta daļa ({bad[0]}); saglabājiet failu no jauna",
            f"the XLSX file {name} has a part compressed in an unusual way ({bad[0]}); save the file again",
        )


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def _merged_ranges(wb: Any, ws: Any, limit: int) -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges, read from its XML in chunks (read-only worksheets do not offer them)."""
    path = getattr(ws, "_worksheet_path", None)
    archive = getattr(wb, "_archive", None)
    if not path or archive is None:
        return []
    out: list[tuple[int, int, int, int]] = []
    tail = b""
    with archive.open(path) as fh:
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            buf = tail + chunk
            last = 0
            for m in _MERGE_RE.finditer(buf):
                c1, r1, c2, r2 = _col_number(m.group(1)), int(m.group(2)), _col_number(m.group(3)), int(m.group(4))
                out.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
                last = m.end()
                if len(out) > limit:
                    return out
            tail = buf[max(last, len(buf) - 512) :]
    return out


def _read_rows(ws: Any, title: str, name: str, lim: Limits) -> tuple[list[list[Any]], list[tuple[int, int, str]]]:
    rows: list[list[Any]] = []
    formulas: list[tuple[int, int, str]] = []
    cells = 0
    ws.reset_dimensions()  # a wrong <dimension> tag must not hide rows; the limits below bound the reading
    for r, row in enumerate(ws.iter_rows(), start=1):
        if r > lim.max_input_lines:
            raise InputLimitError(
                f"lapā \"{title}\" failā {name} ir vairāk nekā {lim.max_input_lines} rindu; sadaliet to "
                "(iestatījums max_input_lines)",
                f"the sheet \"{title}\" in {name} has more than {lim.max_input_lines} rows; split it "
                "(setting max_input_lines)",
            )
        cells += len(row)
        if cells > lim.max_xlsx_cells:
            raise InputLimitError(
                f"lapā \"{title}\" failā {name} ir vairāk nekā {lim.max_xlsx_cells} šūnu (iestatījums max_xlsx_cells)",
                f"the sheet \"{title}\" in {name} has more than {lim.max_xlsx_cells} cells (setting max_xlsx_cells)",
            )
        values: list[Any] = []
        for c, cell in enumerate(row, start=1):
            v = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f" or (v is not None and not isinstance(v, (str, int, float, bool))
                                                          and hasattr(v, "text")):
                text = v if isinstance(v, str) else str(getattr(v, "text", "") or "")
                if text and not text.startswith("="):
                    text = "=" + text
                formulas.append((r, c, text))
                v = text
            values.append(v)
        while values and values[-1] is None:
            values.pop()
        rows.append(values)
    while rows and not rows[-1]:
        rows.pop()
    return rows, formulas


def _empty(rows: list[list[Any]]) -> bool:
    return all(v is None or str(v).strip() == "" for r in rows for v in r)


def read_sheet(path: Path | str, limits: Limits | None = None, *, sheet: str | None = None) -> SheetData:
    """The rows of one sheet (``sheet``, else the active one, else the first with data) within the limits."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    lim = limits or default_limits()
    name = Path(path).name
    check_archive(path, lim)
    try:
        fh = open_regular(path)
    except OSError as exc:
        raise XlsxError(f"Nevar atvērt {name} ({os_reason_lv(exc)})", f"Cannot open {name}: {exc}") from None
    with fh:
        try:
            wb = load_workbook(fh, read_only=True, data_only=False)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, InvalidFileException, EOFError) as exc:
            raise XlsxError(
                f"Nevar atvērt XLSX failu {name}: tas ir bojāts vai nav XLSX fails",
                f"Cannot open the XLSX file {name} (damaged or not XLSX): {exc}",
            ) from None
        except Exception as exc:  # noqa: BLE001 - defusedxml's refusals, parser errors of a damaged part
            raise XlsxError(
                f"Nevar nolasīt XLSX failu {name}: tas ir bojāts vai tajā ir neatļauts saturs",
                f"Cannot read the XLSX file {name} (damaged or refused content: {type(exc).__name__})",
            ) from None
        try:
            names = list(wb.sheetnames)
            if sheet is not None:
                if sheet not in names:
                    raise XlsxError(
                        f"Lapa \"{sheet}\" nav atrasta; ir: {', '.join(names)}",
                        f"Sheet \"{sheet}\" not found; available: {', '.join(names)}",
                    )
                candidates = [wb[sheet]]
            else:
                active = wb.active
                candidates = ([active] if active is not None else []) + [w for w in wb.worksheets if w is not active]
            if not candidates:
                raise XlsxError(f"XLSX failā {name} nav nevienas lapas", f"the XLSX file {name} has no sheet")
            first: SheetData | None = None
            for i, ws in enumerate(candidates):
                try:
                    rows, formulas = _read_rows(ws, ws.title, name, lim)
                except InputError:
                    raise
                except Exception as exc:  # noqa: BLE001 - a damaged sheet part
                    raise XlsxError(
                        f"Nevar nolasīt lapu \"{ws.title}\" failā {name}: lapa ir bojāta",
                        f"Cannot read the sheet \"{ws.title}\" in {name} ({type(exc).__name__})",
                    ) from None
                data = SheetData(ws.title, rows, formulas, names, candidates[0].title if i else "")
                if i == 0:
                    first = data
                if not _empty(rows) or sheet is not None:
                    data._merged = _merged_ranges(wb, ws, lim.max_xlsx_cells)
                    return data
            assert first is not None
            return first
        finally:
            wb.close()
