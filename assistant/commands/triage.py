"""``python -m assistant triage INPUT... [--format jsonl|csv|xlsx] [-o FILE]``: triage the consultation inbox.

Progress bar and the closing summary go to stderr; results go to stdout (jsonl) or to FILE.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import InputError


def flat_columns() -> list[str]:
    """CSV/XLSX columns: the contract fields, then attachments and error (lists and dicts as JSON text)."""
    from ..triage.pipeline import CONTRACT_FIELDS  # lazy: every CLI command registers this module

    return [*CONTRACT_FIELDS, "attachments", "error"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "triage",
        help="iesūtnes šķirošana / inbox triage",
        description="Šķiro konsultāciju iesūtni: .eml, .mbox, .msg, mapes, CSV/JSONL (id, subject, body, from, date). "
        "/ Triage the consultation inbox.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="faili vai mapes / files or folders")
    p.add_argument(
        "--format", choices=("jsonl", "csv", "xlsx"), default="jsonl", help="izvades formāts / output format"
    )
    p.add_argument("-o", "--output", help="izvades fails (jsonl/csv: noklusējums stdout) / output file")
    p.add_argument(
        "--no-redact",
        action="store_true",
        help="izvadē rādīt personas datus (neaizklātus) / show personal data unredacted in the output",
    )
    p.add_argument(
        "--rules",
        help="termiņu noteikumi: submissions_law | portal_consultation | ceļš uz TOML / due-date rules",
    )
    p.add_argument(
        "--no-assistant", action="store_true", help="neveidot atbildes (ātri) / skip answers (fast)"
    )
    p.add_argument("--no-progress", action="store_true", help="bez progresa joslas / no progress bar")
    p.set_defaults(func=run)


def _flat(d: dict[str, Any], columns: list[str]) -> dict[str, Any]:
    row = {}
    for k in columns:
        v = d.get(k)
        if isinstance(v, (list, dict)):
            v = json.dumps(v, ensure_ascii=False)
        row[k] = "" if v is None else v
    return row


def check_output(fmt: str, output: str | None) -> None:
    """Refuse an output we cannot write before the (possibly long) triage runs, not after it."""
    if fmt == "xlsx" and not output:
        raise InputError("XLSX formātam vajag -o FAILS.xlsx", "the xlsx format needs -o FILE.xlsx")
    if not output:
        return
    path = Path(output)
    if path.is_dir():
        raise InputError(f"'{output}' ir mape, nevis fails", f"'{output}' is a folder, not a file")
    parent = path.parent
    if not parent.is_dir():
        raise InputError(
            f"izvades mape '{parent}' nepastāv; izveidojiet to vai norādiet citu -o",
            f"output folder '{parent}' does not exist; create it or choose another -o",
        )
    if not os.access(parent, os.W_OK):
        raise InputError(
            f"izvades mapē '{parent}' nevar rakstīt", f"cannot write to the output folder '{parent}'"
        )


def _write(results: list[dict[str, Any]], fmt: str, output: str | None) -> None:
    columns = flat_columns()
    if fmt == "xlsx":
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        def cell(v: Any) -> Any:
            # control characters (raw e-mail can have them) are not allowed in a worksheet; 32767 is Excel's limit
            return ILLEGAL_CHARACTERS_RE.sub("\ufffd", v)[:32000] if isinstance(v, str) else v

        wb = Workbook()
        ws = wb.active
        ws.title = "triage"
        ws.append(columns)
        for d in results:
            row = _flat(d, columns)
            ws.append([cell(row[k]) for k in columns])
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        try:
            wb.save(output)
        except OSError as exc:
            raise InputError(
                f"nevar ierakstīt '{output}': {exc.strerror}", f"cannot write '{output}': {exc.strerror}"
            ) from exc
        return
    buf = io.StringIO()
    if fmt == "csv":
        w = csv.DictWriter(buf, fieldnames=columns)
        w.writeheader()
        for d in results:
            w.writerow(_flat(d, columns))
    else:
        for d in results:
            buf.write(json.dumps(d, ensure_ascii=False) + "\n")
    if output:
        try:
            Path(output).write_text(buf.getvalue(), encoding="utf-8")
        except OSError as exc:
            raise InputError(
                f"nevar ierakstīt '{output}': {exc.strerror}", f"cannot write '{output}': {exc.strerror}"
            ) from exc
    else:
        sys.stdout.write(buf.getvalue())
        sys.stdout.flush()


def summary_lines(results: list[dict[str, Any]], today: dt.date | None = None) -> list[str]:
    """Counts by topic, how many need a person, how many are due this week (Mon–Sun of today)."""
    today = today or dt.date.today()
    week_end = today + dt.timedelta(days=6 - today.weekday())
    topics = Counter(d.get("topic") for d in results if not d.get("error"))
    errors = sum(1 for d in results if d.get("error"))
    human = sum(1 for d in results if d.get("needs_human"))
    due_week = sum(1 for d in results if d.get("due") and d["due"] <= week_end.isoformat())
    lines = [f"Apstrādāti ziņojumi / messages: {len(results)} (kļūdas / errors: {errors})"]
    lines.append("Pēc tēmas / by topic: " + ", ".join(f"{t}: {n}" for t, n in topics.most_common()))
    lines.append(f"Vajag cilvēku / needs a person: {human}")
    lines.append(f"Termiņš šonedēļ (līdz {week_end.isoformat()}) / due this week: {due_week}")
    return lines


def run(args: argparse.Namespace, settings: Any) -> int:
    from ..triage.mail import load_inputs
    from ..triage.pipeline import TriagePipeline

    if args.rules:
        settings = settings.with_overrides(triage_rules=args.rules)
    check_output(args.format, args.output)
    messages, problems = load_inputs(args.inputs)
    for prob in problems:
        print(f"Brīdinājums / Warning: {prob.message()}", file=sys.stderr)
    pipeline = TriagePipeline(settings, redact_output=not args.no_redact, use_assistant=not args.no_assistant)
    bar = None
    if not args.no_progress:
        from tqdm import tqdm

        bar = tqdm(total=len(messages), file=sys.stderr, desc="Šķiro / triage", unit="msg")
    results = []
    for msg in messages:
        results.append(pipeline.triage(msg).to_dict())
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    _write(results, args.format, args.output)
    for line in summary_lines(results):
        print(line, file=sys.stderr)
    return 0
