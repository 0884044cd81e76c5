"""Reading service-name lists (text, CSV, XLSX) and writing reports (text, JSON, CSV, XLSX, SARIF).

Bad rows never stop a run: each becomes an :class:`InputProblem` with its row number; only input with no
usable name at all (or an unreadable file) raises :class:`LintInputError` (the CLI exits 2).

Example:
    data = read_input(Path("saraksts.csv"), column="Nosaukums")
    report = check_names(data.names, rows=data.rows, suppressions=data.suppressions)
    write_report(report, data, "xlsx", Path("rezultats.xlsx"))
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.fileio import atomic_path
from assistant.limits import (
    Limits,
    check_regular,
    default_limits,
    os_reason_lv,
    read_file_limited,
    read_stream_limited,
)
from assistant.spreadsheet import csv_text, safe_cell
from assistant.textnorm import decode_bytes, fold
from linter.api import InputProblem, LintReport
from linter.errors import LintInputError
from linter.model import Severity

MAX_NAME_CHARS = 500
NAME_HEADERS = ("pakalpojuma nosaukums", "pakalpojums", "nosaukums", "name", "service name", "service")
IGNORE_HEADERS = ("lint_ignore", "lint-ignore", "apspiest", "ignore")
# other column titles of service lists (a first row made of these is a header even without a name column title)
OTHER_HEADERS = ("nr", "nr.", "npk", "n.p.k.", "kods", "id", "iestade", "institucija", "atbildigais",
                 "atbildiga iestade", "piezimes", "komentars", "kategorija", "veids", "statuss")
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass
class InputData:
    """Names read from one input with their data rows, file lines, suppressions and the source table."""

    names: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # 1-based data row (header excluded)
    lines: list[int] = field(default_factory=list)  # 1-based line/row in the file (for SARIF, XLSX)
    suppressions: list[str | None] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    kind: str = "txt"
    path: str = "-"
    header: list[str] = field(default_factory=list)
    sheet: str | None = None
    header_row: int | None = None  # 1-based sheet row of the header (xlsx)
    name_col: int | None = None  # 0-based
    table: list[list[str]] = field(default_factory=list)  # CSV: header + body as read (for the XLSX report)


def _problem(data: InputData, row: int | None, lv: str, en: str) -> None:
    data.problems.append(InputProblem(row, lv, en))


def _decode(raw: bytes, data: InputData) -> str:
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LintInputError(
            f"Fails {data.path} izskatās pēc binārā faila, nevis teksta, CSV vai XLSX",
            f"{data.path} looks like a binary file, not text, CSV or XLSX",
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise LintInputError(f"Failu {data.path} nevar nolasīt: bojāts UTF-16 teksts; saglabājiet to kā UTF-8",
                                 f"Cannot read {data.path}: broken UTF-16 text; save it as UTF-8") from None
    text, guessed = decode_bytes(raw)
    if guessed:
        _problem(data, None, f"Fails nav UTF-8; nolasīts kā {_ENCODING_NAMES.get(guessed, guessed)} "
                 "(pārbaudiet garumzīmes)",
                 f"The file is not UTF-8; read as {_ENCODING_NAMES.get(guessed, guessed)} (check the diacritics)")
    return text


_ENCODING_NAMES = {"cp1257": "Windows-1257", "iso8859_13": "ISO-8859-13", "iso8859_4": "ISO-8859-4"}


def _accept(data: InputData, value: Any, row: int, line: int, supp: Any = None) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        _problem(data, row, f"{row}. rinda ir tukša; izlaista", f"row {row} is empty; skipped")
        return
    text = str(value)
    if len(text) > MAX_NAME_CHARS:
        _problem(data, row, f"{row}. rindā ir {len(text)} rakstzīmes; pārbaudītas pirmās {MAX_NAME_CHARS}",
                 f"row {row} has {len(text)} characters; the first {MAX_NAME_CHARS} were checked")
        text = text[:MAX_NAME_CHARS]
    data.names.append(text)
    data.rows.append(row)
    data.lines.append(line)
    data.suppressions.append(None if supp is None or str(supp).strip() == "" else str(supp))


def _pick_column(header: list[str], column: str | None, data: InputData, ncols: int,
                 body: list[list[str]] | None = None) -> tuple[int, int | None]:
    folded = [fold(h or "").strip() for h in header]
    ignore_col = next((i for i, h in enumerate(folded) if h in IGNORE_HEADERS), None)
    if column is not None:
        if column.isdigit() and 1 <= int(column) <= max(ncols, 1) and fold(column) not in folded:
            return int(column) - 1, ignore_col
        key = fold(column).strip()
        if key in folded:
            return folded.index(key), ignore_col
        raise LintInputError(
            f"Kolonna \"{column}\" nav atrasta failā {data.path}; ir: {', '.join(h for h in header if h) or '(nav)'}",
            f"Column \"{column}\" not found in {data.path}; available: {', '.join(h for h in header if h) or '(none)'}",
        )
    for wanted in NAME_HEADERS:
        if wanted in folded:
            return folded.index(wanted), ignore_col
    if body:
        return _wordiest_column(body, ncols, skip={ignore_col}), ignore_col
    return 0, ignore_col


def _wordiest_column(body: list[list[str]], ncols: int, skip: set[int | None]) -> int:
    """The column that reads most like names: the most letters per filled cell (numbers, codes and institution
    acronyms lose), the first column on a tie."""
    best, best_score = 0, -1.0
    for c in range(ncols):
        if c in skip:
            continue
        cells = [r[c] for r in body[:500] if c < len(r) and str(r[c] or "").strip()]
        if not cells:
            continue
        letters = sum(sum(ch.isalpha() for ch in str(v)) for v in cells) / len(cells)
        words = sum(len(str(v).split()) for v in cells) / len(cells)
        score = letters + 5 * min(words, 6)
        if score > best_score + 1e-9:
            best, best_score = c, score
    return best


def _looks_like_header(cells: list[str], column: str | None, below: list[list[str]] | None = None) -> bool:
    folded = [fold(str(c or "")).strip() for c in cells]
    if column is not None and fold(column).strip() in folded:
        return True
    if any(f in NAME_HEADERS or f in IGNORE_HEADERS for f in folded):
        return True
    # a header pasted with other separators than the rows ("Nosaukums;Iestāde" over tab-separated rows)
    if any(p.strip() in NAME_HEADERS for f in folded for p in re.split(r"[;,|]", f) if ";" in f or "|" in f):
        return True
    filled = [f for f in folded if f]
    if len(filled) >= 2 and any(f in OTHER_HEADERS for f in filled):
        return True
    # "Nr." over 1, 2, 3: a text title above a column of numbers
    if below and len(filled) >= 2 and not any(_is_number(c) for c in cells if str(c or "").strip()):
        for i, c in enumerate(cells):
            col = [r[i] for r in below[:20] if i < len(r) and str(r[i] or "").strip()]
            if str(c or "").strip() and col and all(_is_number(v) for v in col):
                return True
    return False


def _is_number(value: Any) -> bool:
    return bool(re.fullmatch(r"\s*\d+[.,]?\d*\.?\s*", str(value)))


def _too_many_lines(data: InputData, limits: Limits) -> LintInputError:
    n = limits.max_input_lines
    return LintInputError(f"Failā {data.path} ir vairāk nekā {n} rindu; sadaliet to (iestatījums max_input_lines)",
                          f"{data.path} has more than {n} lines; split it (setting max_input_lines)")


def read_text(text: str, data: InputData, limits: Limits | None = None) -> InputData:
    lim = limits or default_limits()
    data.kind = "txt"
    if not text.strip():
        if data.path == "-":
            raise LintInputError("Ievade (stdin) ir tukša", "The input (stdin) is empty")
        raise LintInputError(f"Fails {data.path} ir tukšs", f"The file {data.path} is empty")
    # split on real line ends only: str.splitlines() also breaks at \f, \v, \x1c-\x1e, \x85, U+2028/9,
    # which would shift every later row number away from the editor's line number
    lines = _LINE_END.split(text, maxsplit=lim.max_input_lines + 1)
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) > lim.max_input_lines:
        raise _too_many_lines(data, lim)
    for i, line in enumerate(lines, start=1):
        _accept(data, line, i, i)
    return data


def _csv_rows(text: str, delim: str, data: InputData, limits: Limits) -> list[list[str]]:
    """The CSV's records; a bare CR ends a record like CRLF and LF (``newline=""``), as in the text reader."""
    rows = []
    try:
        for r in csv.reader(io.StringIO(text, newline=""), delimiter=delim):
            rows.append(r)
            if len(rows) > limits.max_input_lines:
                raise _too_many_lines(data, limits)
    except csv.Error as exc:
        raise LintInputError(f"CSV failu {data.path} nevar nolasīt: {len(rows) + 1}. ieraksts ir bojāts",
                             f"Cannot read the CSV file {data.path} (record {len(rows) + 1}: {exc})") from None
    return rows


def read_csv(text: str, data: InputData, column: str | None, limits: Limits | None = None) -> InputData:
    lim = limits or default_limits()
    data.kind = "csv"
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
        delim = dialect.delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        delim = max(";,\t", key=first.count) if first else ","
    # a field may be as long as the file (it is cut to MAX_NAME_CHARS, with a reported problem, in _accept)
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    rows = _csv_rows(text, delim, data, lim)
    if not rows:
        raise LintInputError(f"CSV fails {data.path} ir tukšs", f"The CSV file {data.path} is empty")
    widths = {len(r) for r in rows if any(c.strip() for c in r)}
    if delim == "," and len(widths) > 1 and not _looks_like_header(rows[0], column):
        # a one-column list whose names contain commas ("Atļauju izsniegšana, pagarināšana"), not a table:
        # read each line whole (quotes still respected), so no part of a name is lost
        rows = _csv_rows(text, "\x1f", data, lim)
    header = rows[0]
    ncols = max(len(r) for r in rows)
    if _looks_like_header(header, column, rows[1:]) or column is not None and not column.isdigit():
        data.header = header
        body = rows[1:]
        offset = 1
    else:
        data.header = [f"{i + 1}. kolonna" for i in range(ncols)]
        body = rows
        offset = 0
    col, ign = _pick_column(data.header, column, data, ncols, body)
    data.name_col = col
    data.table = [list(data.header)] + [list(r) for r in body]
    for k, r in enumerate(body, start=1):
        if not any(c.strip() for c in r):
            _problem(data, k, f"{k}. rinda ir tukša; izlaista", f"row {k} is empty; skipped")
            continue
        if col >= len(r):
            _problem(data, k, f"{k}. rindā nav nosaukuma kolonnas", f"row {k} has no name column")
            continue
        if offset and len(r) > len(data.header):
            _problem(data, k, f"{k}. rindā ir vairāk šūnu nekā galvenē (varbūt atdalītājs nosaukumā bez pēdiņām); "
                     "pārbaudiet, vai nosaukums nav sadalīts",
                     f"row {k} has more cells than the header (a separator inside a name without quotes?); "
                     "check that the name was not split")
        if "\n" in r[col] or "\r" in r[col]:
            _problem(data, k, f"{k}. rindas nosaukumā ir rindas pārnesums (varbūt neaizvērtas pēdiņas); pārbaudiet failu",
                     f"row {k}: the name contains a line break (an unclosed quote?); check the file")
        _accept(data, r[col], k, k + offset, r[ign] if ign is not None and ign < len(r) else None)
    return data


def _sheet_lv(title: str, sheetnames: list[str] | None = None) -> str:
    """A sheet for a Latvian message: its own name in quotes, or "Nr. 2" for a spreadsheet program's default name
    ("Sheet", "Sheet1", "Lapa1", "Лист1": the user never chose it and may not read English)."""
    title = str(title or "")
    if re.fullmatch(r"(?:Sheet|Lapa|Лист|Tabelle|Feuil|Arkusz|Hoja)\s*\d*", title, re.IGNORECASE):
        names = list(sheetnames or [])
        return f"Nr. {names.index(title) + 1}" if title in names else "(bez nosaukuma)"
    return f'"{title}"'


def read_xlsx(path: Path, data: InputData, column: str | None, sheet: str | None,
              limits: Limits | None = None) -> InputData:
    """Names from an XLSX sheet, read in bounded memory (``assistant.xlsxread``: the zip directory is checked
    before loading, the sheet is streamed within the row and cell limits). A formula cell is read as its text
    and reported; the sheet's rows are kept in ``data.table`` for the annotated report (values only)."""
    from assistant.xlsxread import XlsxError, is_covered, read_sheet

    data.kind = "xlsx"
    try:
        sd = read_sheet(path, limits, sheet=sheet)
    except (XlsxError, InputError) as exc:  # damaged, or over a limit (zip bomb, rows, cells)
        raise LintInputError(exc.lv, exc.en) from None
    if sd.active_title:
        _problem(data, None, f"Aktīvā lapa {_sheet_lv(sd.active_title, sd.sheetnames)} ir tukša; pārbaudīta lapa "
                 f"{_sheet_lv(sd.title, sd.sheetnames)}",
                 f"The active sheet \"{sd.active_title}\" is empty; checked the sheet \"{sd.title}\"")
    data.sheet = sd.title
    values = sd.rows
    if not values or all(all(v is None or str(v).strip() == "" for v in r) for r in values):
        raise LintInputError(f"Lapa {_sheet_lv(sd.title, sd.sheetnames)} failā {path} ir tukša",
                             f"Sheet \"{sd.title}\" in {path} is empty")
    header_idx = None
    for i, r in enumerate(values[:15]):
        below = [["" if v is None else str(v) for v in x] for x in values[i + 1:i + 21]]
        if _looks_like_header(["" if v is None else str(v) for v in r], column, below):
            header_idx = i
            break
    ncols = max(len(r) for r in values)
    if header_idx is None:
        header_idx = -1
        data.header = [f"{i + 1}. kolonna" for i in range(ncols)]
    else:
        data.header = ["" if v is None else str(v) for v in values[header_idx]]
    data.header_row = header_idx + 1 if header_idx >= 0 else None
    body = [["" if v is None else str(v) for v in x] for x in values[header_idx + 1:]]
    col, ign = _pick_column(data.header, column, data, ncols, body)
    data.name_col = col
    data.table = [list(r) for r in values]
    covered = sd.covered_rows(col + 1)
    formula_rows = {r for r, c, _ in sd.formulas if c == col + 1}
    other_formulas = sum(1 for _, c, _ in sd.formulas if c != col + 1)
    for k, r in enumerate(values[header_idx + 1:], start=1):
        sheet_row = header_idx + 1 + k
        v = r[col] if col < len(r) else None
        if is_covered(covered, sheet_row):
            _problem(data, k, f"{k}. rindas šūna ir apvienota ar citu; izlaista",
                     f"row {k}: the cell is merged into another; skipped")
            continue
        if v is None and all(x is None or str(x).strip() == "" for x in r):
            continue  # trailing or spacer rows of a sheet are not reported one by one
        if sheet_row in formula_rows:
            _problem(data, k, f"{k}. rindas šūnā ir formula; pārbaudīts tās teksts, nevis aprēķinātā vērtība",
                     f"row {k}: the cell holds a formula; its text was checked, not a computed value")
        _accept(data, v, k, sheet_row, r[ign] if ign is not None and ign < len(r) else None)
    if other_formulas:
        _problem(data, None, f"Citās kolonnās ir {other_formulas} formulas; tās nolasītas kā teksts un netiek aprēķinātas",
                 f"{other_formulas} formulas in other columns were read as text, not computed")
    return data


def read_input(path: str | Path, *, column: str | None = None, sheet: str | None = None,
               limits: Limits | None = None) -> InputData:
    """Read names from a path or "-" (stdin). Raises LintInputError when nothing usable remains.

    Only regular files are read (a FIFO or a device such as /dev/zero is refused before it is opened), within
    the input limits (``assistant.limits``: bytes, lines; XLSX: decompressed size, rows, cells)."""
    lim = limits or default_limits()
    data = InputData(path=str(path))
    if str(path) == "-":
        try:
            raw = read_stream_limited(sys.stdin.buffer, lim, name="stdin")
        except InputError as exc:
            raise LintInputError(exc.lv, exc.en) from None
        if raw.startswith(b"PK\x03\x04"):
            raise LintInputError("XLSX failu nevar nolasīt no stdin; norādiet faila ceļu",
                                 "An XLSX file cannot be read from stdin; give its path")
        text = _decode(raw, data)
        first = _LINE_END.split(text, maxsplit=1)[0] if text.strip() else ""
        if column is not None or (";" in first and _looks_like_header(first.split(";"), column)):
            read_csv(text, data, column, lim)
        else:
            read_text(text, data, lim)
    else:
        p = Path(path)
        if not p.exists():
            raise LintInputError(f"Fails nav atrasts: {p}", f"File not found: {p}")
        if p.is_dir():
            raise LintInputError(f"{p} ir mape, nevis fails", f"{p} is a directory, not a file")
        try:
            check_regular(p)
        except InputError as exc:
            raise LintInputError(exc.lv, exc.en) from None
        suffix = p.suffix.lower()
        if suffix in (".xls", ".ods", ".numbers"):
            raise LintInputError(f"Formāts {suffix} netiek atbalstīts; saglabājiet failu kā XLSX vai CSV",
                                 f"The {suffix} format is not supported; save the file as XLSX or CSV")
        if suffix in (".xlsx", ".xlsm"):
            read_xlsx(p, data, column, sheet, lim)
        else:
            try:
                raw = read_file_limited(p, lim)
            except InputError as exc:
                raise LintInputError(exc.lv, exc.en) from None
            if raw.startswith(b"PK\x03\x04"):
                read_xlsx(p, data, column, sheet, lim)
            else:
                text = _decode(raw, data)
                if suffix in (".csv", ".tsv"):
                    read_csv(text, data, column, lim)
                else:
                    read_text(text, data, lim)
    if not data.names:
        detail = "; ".join(f"{p.lv}" for p in data.problems[:3])
        raise LintInputError(f"Failā {data.path} nav neviena pārbaudāma nosaukuma" + (f" ({detail})" if detail else ""),
                             f"No usable name in {data.path}" + (f" ({'; '.join(p.en for p in data.problems[:3])})" if data.problems else ""))
    return data


# ------------------------------------------------------------------------------------------------ output
def verdict(valid: bool) -> str:
    """The CLI text's two-way word (bilingual); spreadsheets use the three Latvian verdicts (:func:`verdict_lv`)."""
    return "derīgs / valid" if valid else "jāpārskata / needs review"


def verdict_lv(result: Any, grouped: bool = False) -> str:
    """"✓ atbilst", "! ieteicams pārskatīt" (warnings only, or in a portfolio group) or "✗ jālabo" (an error)."""
    from linter.api import VERDICT_LV, verdict_key

    return VERDICT_LV[verdict_key(result, grouped)]


def _finding_lv(f: Any, *, brackets: bool = True) -> str:
    from linter.model import SEVERITY_LV

    sev = SEVERITY_LV.get(f.severity.value, f.severity.value)
    return f"{f.code} [{sev}] {f.message_lv}" if brackets else f"{f.code} {sev}: {f.message_lv}"


def render_text(report: LintReport, data: InputData | None = None, *, fixed: dict[int, str] | None = None) -> str:
    out: list[str] = []
    for r in report.names:
        if not r.findings and not (fixed and r.row in fixed):
            continue
        out.append(f"{r.row}: {r.name}")
        for f in r.findings:
            out.append(f"  {f.code} [{f.severity.value}] {f.name}: {f.message}")
            if f.suggestion:
                out.append(f"      ieteikums / suggestion (unsafe): {f.suggestion}")
        combined = r.suggestion
        if combined and combined not in {f.suggestion for f in r.findings}:
            out.append(f"  → kopējais ieteikums / combined suggestion (unsafe): {combined}")
        if fixed and r.row in fixed:
            out.append(f"  labots / fixed: {fixed[r.row]}")
    if report.portfolio:
        out.append("")
        out.append("Portfelis / Portfolio:")
        for g in report.portfolio:
            rows = ", ".join(str(x) for x in g.get("rows", []))
            out.append(f"  {g.get('code', '')} [{g.get('category', '')}] rindas / rows {rows}: {g.get('message', '')}")
            if g.get("suggestion"):
                out.append(f"      ieteikums / suggestion: {g['suggestion']}")
    s = report.summary()
    out.append("")
    out.append(f"Pārbaudīti {s['names']} nosaukumi: {s['valid']} derīgi, {s['invalid']} jāpārskata, "
               f"{s['findings']} konstatējumi, {s['portfolio_groups']} portfeļa grupas / "
               f"Checked {s['names']} names: {s['valid']} valid, {s['invalid']} need review, {s['findings']} findings, "
               f"{s['portfolio_groups']} portfolio groups")
    return "\n".join(out) + "\n"


def render_json(report: LintReport, *, fixed: dict[int, str] | None = None) -> str:
    d = report.to_json_dict()
    if fixed:
        for n in d["names"]:
            if n["row"] in fixed:
                n["fixed"] = fixed[n["row"]]
    return json.dumps(d, ensure_ascii=False, indent=2) + "\n"


LINT_SHEET_COLUMNS = ["Vērtējums", "Kodi", "Konstatējumi", "Ieteikums", "Portfeļa grupa"]


def _groups_lv(report: LintReport) -> dict[int, list[str]]:
    """Row → "G1 P001 dublikāti" labels (Latvian category names)."""
    from linter.model import PORTFOLIO_CATEGORY_LV

    out: dict[int, list[str]] = {}
    for gi, g in enumerate(report.portfolio, start=1):
        cat = PORTFOLIO_CATEGORY_LV.get(str(g.get("category", "")), str(g.get("category", "")))
        label = f"{g.get('id', f'G{gi}')} {g.get('code', '')} {cat}".strip()
        for row in g.get("rows", []):
            out.setdefault(int(row), []).append(label)
    return out


def render_csv(report: LintReport, *, fixed: dict[int, str] | None = None, data: InputData | None = None) -> str:
    """The report as a Latvian spreadsheet CSV: one row per name (verdict, codes, findings, suggestion, group).

    With ``data`` read from a table (CSV, pasted rows from Excel), the input's own columns come first and every input
    row keeps its place, so the file can replace the original list."""
    extra = LINT_SHEET_COLUMNS + (["Labots"] if fixed is not None else [])
    groups = _groups_lv(report)

    def added(r: Any) -> list[Any]:
        vals = [verdict_lv(r, r.row in groups), " ".join(f.code for f in r.findings),
                " | ".join(_finding_lv(f, brackets=False) for f in r.findings), r.suggestion or "",
                "; ".join(groups.get(r.row, []))]
        return vals + ([fixed.get(r.row, "")] if fixed is not None else [])

    if data is not None and data.kind in ("csv", "xlsx") and data.table:
        by_row = {r.row: r for r in report.names}
        # data row k is body[k - 1]: after the header (CSV: the table's first row; XLSX: the sheet's header row,
        # rows above it are titles and stay out of the CSV)
        body = data.table[1:] if data.kind == "csv" else data.table[data.header_row or 0:]
        header = list(data.header)
        width = max(len(header), *(len(t) for t in body)) if body else len(header)
        header += [""] * (width - len(header))
        rows = []
        for k, cells in enumerate(body, start=1):
            cells = [_csv_cell_lv(v) for v in cells] + [""] * (width - len(cells))
            r = by_row.get(k)
            rows.append(cells + (added(r) if r is not None else [""] * len(extra)))
        return csv_text(header + extra, rows)
    header = ["Rinda", "Nosaukums", *extra]
    return csv_text(header, [[r.row, r.name, *added(r)] for r in report.names])


def render_sarif(report: LintReport, data: InputData | None = None) -> str:
    from linter.registry import all_rules, summary_line

    uri = data.path if data is not None and data.path != "-" else "stdin"
    line_of = dict(zip(data.rows, data.lines)) if data is not None else {}
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    rules = [{"id": m.CODE, "name": m.NAME, "shortDescription": {"text": summary_line(m)},
              "fullDescription": {"text": (m.__doc__ or "").strip()},
              "defaultConfiguration": {"level": level[m.SEVERITY]},
              "properties": {"category": m.CATEGORY.value, "source": m.SOURCE}} for m in all_rules()]
    results = []
    for r in report.names:
        for f in r.findings:
            res: dict[str, Any] = {
                "ruleId": f.code, "level": level[f.severity], "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri},
                                                    "region": {"startLine": line_of.get(r.row, r.row)}}}],
                "properties": {"name": r.name, "row": r.row, "category": f.category.value},
            }
            if f.suggestion:
                res["properties"]["suggestion"] = f.suggestion
            results.append(res)
    doc = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "paligs-lint", "informationUri":
                                         "https://github.com/varam/pakalpojumu-paligs", "rules": rules}},
                     "results": results}]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _csv_cell_lv(v: Any) -> Any:
    """A value read from an XLSX sheet as Latvian text for the CSV: dd.mm.gggg, decimal comma, jā/nē."""
    import datetime as _dt

    from assistant.lvformat import yes_no

    if v is None:
        return ""
    if isinstance(v, bool):
        return yes_no(v)
    if isinstance(v, _dt.datetime):
        return v.strftime("%d.%m.%Y %H:%M") if (v.hour, v.minute, v.second) != (0, 0, 0) else v.strftime("%d.%m.%Y")
    if isinstance(v, _dt.date):
        return v.strftime("%d.%m.%Y")
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v).replace(".", ",")
    return v


_INT_TEXT = re.compile(r"-?(?:0|[1-9]\d{0,14})")  # "007" and 16+ digits (codes, account numbers) stay text
_DECIMAL_TEXT = re.compile(r"-?(?:0|[1-9]\d{0,14})[,.]\d{1,9}")


def _text_cell_value(v: Any) -> Any:
    """A cell read as text (CSV, pasted rows) for the XLSX: a number written as digits ("12", "1,5") becomes a
    numeric cell, so a spreadsheet sorts and sums it; anything else is text through the cell rule."""
    s = str(v).strip() if v is not None else ""
    if _INT_TEXT.fullmatch(s):
        return int(s)
    if _DECIMAL_TEXT.fullmatch(s) and not re.fullmatch(r"-?\d+\.\d{3}", s):  # "1.000" may mean a thousand
        return float(s.replace(",", "."))
    return safe_cell(v)


def _cell_value(v: Any) -> Any:
    """A value for an output cell: numbers, dates and booleans as they are, text through the cell rule."""
    import datetime as _dt

    if v is None or isinstance(v, (bool, int, float, _dt.date, _dt.time, _dt.timedelta)):
        return v
    return safe_cell(str(v))


_FILL = {"error": "F8CBAD", "warning": "FFE699", "info": "BDD7EE", "valid": "C6EFCE"}


def write_xlsx(report: LintReport, data: InputData, out: Path, *, fixed: dict[int, str] | None = None) -> None:
    """The input sheet with added columns (verdict, findings, suggestion, portfolio group), coloured, filtered."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    groups = _groups_lv(report)
    by_row = {r.row: r for r in report.names}
    if data.kind == "xlsx" and data.table:
        # a new workbook of the values read (never the input re-saved: its formulas, links and macros stay out;
        # a formula cell's text is written as text)
        wb = Workbook()
        ws = wb.active
        ws.title = (data.sheet or "Nosaukumi")[:31]
        shift = 0
        if data.header_row is None:
            ws.append(list(data.header))
            shift = 1
        for r in data.table:
            ws.append([_cell_value(v) for v in r])
        header_row = data.header_row or 1
        base = max([len(data.header)] + [len(r) for r in data.table])
        sheet_row_of = {row: line + shift for row, line in zip(data.rows, data.lines)}
    elif data.kind == "csv" and data.table:
        wb = Workbook()
        ws = wb.active
        ws.title = "Nosaukumi"
        header_row = 1
        for i, r in enumerate(data.table):
            # the header and the name column stay text
            ws.append([safe_cell(v) if i == 0 or j == data.name_col else _text_cell_value(v) for j, v in enumerate(r)])
        base = max(len(r) for r in data.table)
        sheet_row_of = {row: row + 1 for row in data.rows}  # data row k is table row k + 1 (after the header)
    else:
        wb = Workbook()
        ws = wb.active
        ws.title = "Nosaukumi"
        header_row = 1
        ws.cell(1, 1, "Rinda")
        ws.cell(1, 2, "Nosaukums")
        for i, r in enumerate(report.names, start=2):
            ws.cell(i, 1, r.row)
            ws.cell(i, 2, safe_cell(r.name))
        base = 2
        sheet_row_of = {r.row: i for i, r in enumerate(report.names, start=2)}
    titles = list(LINT_SHEET_COLUMNS)  # the same columns as the CSV
    if fixed is not None:
        titles.append("Labots")
    for j, t in enumerate(titles, start=1):
        c = ws.cell(header_row, base + j, t)
        c.font = Font(bold=True)
    for row, r in by_row.items():
        sr = sheet_row_of.get(row)
        if sr is None:
            continue
        from linter.api import verdict_key

        key = {"ok": "valid", "review": "warning", "fix": "error"}[verdict_key(r, row in groups)]
        fill = PatternFill("solid", fgColor=_FILL[key])
        vals = [verdict_lv(r, row in groups), " ".join(f.code for f in r.findings),
                "\n".join(_finding_lv(f) for f in r.findings),
                r.suggestion or "", "; ".join(groups.get(row, []))]
        if fixed is not None:
            vals.append(fixed.get(row, ""))
        for j, v in enumerate(vals, start=1):
            c = ws.cell(sr, base + j, safe_cell(v))
            c.fill = fill
            c.alignment = Alignment(wrap_text=True, vertical="top")
        if data.name_col is not None or data.kind != "xlsx":
            ncol = (data.name_col + 1) if data.kind in ("xlsx", "csv") and data.name_col is not None else 2
            ws.cell(sr, ncol).fill = fill
    for j, width in zip(range(base + 1, base + len(titles) + 1), (22, 14, 70, 50, 24, 50)):
        ws.column_dimensions[get_column_letter(j)].width = width
    last = max(sheet_row_of.values(), default=header_row)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(base + len(titles))}{last}"
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    if report.portfolio:
        gs = wb.create_sheet("Portfelis")
        from linter.model import PORTFOLIO_CATEGORY_LV

        gs.append(["Grupa", "Kods", "Kategorija", "Rindas", "Skaidrojums", "Ieteikums"])
        lv_texts = report.portfolio_lv + [""] * len(report.portfolio)
        for gi, g in enumerate(report.portfolio, start=1):
            message = lv_texts[gi - 1] or str(g.get("message", "")).split(" (EN: ")[0]
            gs.append([safe_cell(v) for v in (
                g.get("id", f"G{gi}"), g.get("code", ""),
                PORTFOLIO_CATEGORY_LV.get(str(g.get("category", "")), g.get("category", "")),
                ", ".join(str(x) for x in g.get("rows", [])), message, g.get("suggestion") or "")])
        gs.auto_filter.ref = gs.dimensions
    try:
        with atomic_path(out) as tmp:  # a failed save never leaves half a workbook behind
            wb.save(tmp)
    except OSError as exc:
        raise LintInputError(f"Nevar saglabāt {out} ({os_reason_lv(exc)})", f"Cannot save {out}: {exc}") from None
