"""``python -m assistant triage INPUT... [--format jsonl|csv|xlsx] [-o FILE]``: triage the consultation inbox.

Progress bar and the closing summary go to stderr; results go to stdout (jsonl) or to FILE.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..fileio import write_text_atomic
from ..jsonsafe import dumps_line


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


def check_output(fmt: str, output: str | None, inputs: Iterable[str | Path] = ()) -> None:
    """Refuse an output we cannot write before the (possibly long) triage runs, not after it; an output that
    is one of the inputs, or lies inside an input folder, would overwrite (or later be read as) the inbox."""
    if fmt == "xlsx" and not output:
        raise InputError("XLSX formātam vajag -o FAILS.xlsx", "the xlsx format needs -o FILE.xlsx")
    if not output:
        return
    path = Path(output)
    if path.is_dir():
        raise InputError(f"'{output}' ir mape, nevis fails", f"'{output}' is a folder, not a file")
    target = path.resolve()
    for inp in inputs:
        src = Path(inp).resolve()
        if target == src:
            raise InputError(
                f"izvades fails '{output}' ir arī ievades fails: tas tiktu pārrakstīts; norādiet citu -o",
                f"the output '{output}' is also an input and would be overwritten; choose another -o",
            )
        if src.is_dir() and target.is_relative_to(src):
            raise InputError(
                f"izvades fails '{output}' atrodas ievades mapē '{inp}'; norādiet -o ārpus tās",
                f"the output '{output}' is inside the input folder '{inp}'; choose an -o outside it",
            )
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


def _write(results: list[dict[str, Any]], fmt: str, output: str | None, *, unredacted: bool = False) -> None:
    """JSONL (the contract) to stdout or FILE; CSV/XLSX through ``triage.export`` (the web app's writer too)."""
    from ..triage.export import render_csv, write_table

    try:
        if fmt == "xlsx" or (fmt == "csv" and output):
            write_table(results, fmt, Path(output), unredacted=unredacted)  # type: ignore[arg-type]
            return
        text = (
            render_csv(results, unredacted=unredacted)
            if fmt == "csv"
            else "".join(dumps_line(d) + "\n" for d in results)
        )
        if output:
            write_text_atomic(output, text)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
    except OSError as exc:
        raise InputError(
            f"nevar ierakstīt '{output}': {exc.strerror or exc}", f"cannot write '{output}': {exc.strerror or exc}"
        ) from exc


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
    from ..triage.deadlines import load_rules
    from ..triage.mail import load_inputs
    from ..triage.pipeline import TriagePipeline

    if args.rules:
        settings = settings.with_overrides(triage_rules=args.rules)
    check_output(args.format, args.output, args.inputs)
    load_rules(settings.triage_rules)  # a bad --rules file fails now, before the inbox is read
    messages, problems = load_inputs(args.inputs)
    for prob in problems:
        print(f"Brīdinājums / Warning: {prob.message()}", file=sys.stderr)
    pipeline = TriagePipeline(settings, redact_output=not args.no_redact, use_assistant=not args.no_assistant)
    bar = None
    if not args.no_progress:
        from tqdm import tqdm

        bar = tqdm(total=len(messages), file=sys.stderr, desc="Šķiro / triage", unit="msg")
    try:
        triaged = pipeline.run(messages, progress=bar.update if bar is not None else None)
    finally:
        if bar is not None:
            bar.close()
    results = [r.to_dict() for r in triaged]
    _write(results, args.format, args.output, unredacted=args.no_redact)
    for line in summary_lines(results):
        print(line, file=sys.stderr)
    return 0
