"""``python -m assistant triage INPUT... [--format jsonl|csv|xlsx] [-o FILE]``: triage the consultation inbox.

``python -m assistant triage --imap [--imap-host H] ...`` reads the mailbox itself instead (new messages since the
last run) and puts reply drafts into its Drafts folder; nothing is ever sent.

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

from .. import lvformat
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
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="faili vai mapes (vai --imap) / files or folders (or --imap)",
    )
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
    g = p.add_argument_group(
        "pastkaste (IMAP) / mailbox (IMAP)",
        "Parole tikai no faila vai vides mainīgā PALIGS_IMAP_PASSWORD, nekad komandrindā; katrs karogs ir arī "
        "iestatījums PALIGS_IMAP_* / The password only from a file or PALIGS_IMAP_PASSWORD, never on the command "
        "line; every flag is also a PALIGS_IMAP_* setting.",
    )
    g.add_argument(
        "--imap",
        action="store_true",
        help="lasīt pastkasti: jaunos ziņojumus kopš pēdējās reizes / read the mailbox: new messages since the "
        "last run",
    )
    g.add_argument("--imap-host", help="IMAP serveris / IMAP server")
    g.add_argument("--imap-port", type=int, help="ports (noklusējums 993 ssl, 143 starttls) / port")
    g.add_argument("--imap-security", choices=("ssl", "starttls"), help="TLS veids / TLS mode (default: ssl)")
    g.add_argument(
        "--imap-ca-file", help="CA sertifikāti (noklusējums: sistēmas) / CA file (default: system)"
    )
    g.add_argument("--imap-user", help="lietotājs / user")
    g.add_argument("--imap-password-file", help="fails ar paroli / file holding the password")
    g.add_argument(
        "--imap-oauth2-token-file", help="fails ar OAuth2 pilnvaru (XOAUTH2) / file holding an OAuth2 token"
    )
    g.add_argument("--imap-folder", help="lasāmā mape (noklusējums INBOX) / folder to read (default INBOX)")
    g.add_argument(
        "--drafts-folder",
        dest="imap_drafts_folder",
        help="melnrakstu mape (noklusējums: \\Drafts) / drafts folder",
    )
    g.add_argument(
        "--no-drafts", action="store_true", help="neievietot melnrakstus / do not write drafts back"
    )
    g.add_argument("--imap-from", help="melnrakstu sūtītājs (iesūtnes adrese) / From address of the drafts")
    g.add_argument(
        "--imap-limit",
        type=int,
        help="ne vairāk kā N jaunu ziņojumu vienā reizē / at most N new messages per run",
    )
    g.add_argument(
        "--imap-keywords",
        action="store_const",
        const=True,
        help="pievienot atslēgvārdu pēc tēmas / add an IMAP keyword per topic",
    )
    g.add_argument(
        "--imap-move-to",
        help="pārvietot šķirotos ziņojumus uz šo mapi / move triaged messages to this folder",
    )
    p.set_defaults(func=run)


IMAP_FLAGS = (
    "imap_host",
    "imap_port",
    "imap_security",
    "imap_ca_file",
    "imap_user",
    "imap_password_file",
    "imap_oauth2_token_file",
    "imap_folder",
    "imap_drafts_folder",
    "imap_from",
    "imap_limit",
    "imap_keywords",
    "imap_move_to",
)


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
            f"nevar ierakstīt '{output}': {exc.strerror or exc}",
            f"cannot write '{output}': {exc.strerror or exc}",
        ) from exc


def summary_lines(results: list[dict[str, Any]], today: dt.date | None = None) -> list[str]:
    """Counts by topic, how many need a person, how many are due this week (Mon–Sun of today)."""
    today = today or lvformat.riga_today()  # this week in Riga, whatever the server's time zone
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
    imap_given = [f for f in IMAP_FLAGS if getattr(args, f, None) is not None] + (
        ["no_drafts"] * args.no_drafts
    )
    if args.imap:
        if args.inputs:
            raise InputError(
                "norādiet vai nu ievades failus, vai --imap, ne abus",
                "give either input files or --imap, not both",
            )
        return run_imap(args, settings)
    if imap_given:
        flag = "--" + imap_given[0].replace("_", "-").replace("imap-drafts-folder", "drafts-folder")
        raise InputError(f"{flag} der tikai kopā ar --imap", f"{flag} only works with --imap")
    if not args.inputs:
        raise InputError(
            "norādiet ievades failus vai mapes (vai --imap, lai lasītu pastkasti)",
            "give input files or folders (or --imap to read the mailbox)",
        )
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


def run_imap(args: argparse.Namespace, settings: Any) -> int:
    """Triage the new messages of the mailbox, write the rows, then let the mailbox state move on.

    Exit 0 when every new message was triaged (warnings, e.g. a draft the server refused, go to stderr),
    1 when the run stopped early (the rest is triaged next time), 2 when nothing could be done.
    """
    from ..triage.deadlines import load_rules
    from ..triage.imap import MailboxTriage

    settings = settings.with_overrides(**{f: getattr(args, f, None) for f in IMAP_FLAGS})
    check_output(args.format, args.output)
    load_rules(settings.triage_rules)
    run_ = MailboxTriage(
        settings,
        write_drafts=False if args.no_drafts else None,
        redact_output=not args.no_redact,
        use_assistant=not args.no_assistant,
    )
    bar: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if args.no_progress:
            return
        if bar is None:
            from tqdm import tqdm

            bar = tqdm(total=total, file=sys.stderr, desc="Šķiro / triage", unit="msg")
        bar.update(1)

    def deliver(rows: list[dict[str, Any]]) -> None:
        if bar is not None:
            bar.close()
        _write(rows, args.format, args.output, unredacted=args.no_redact)

    try:
        report = run_.run(progress=progress, deliver=deliver)
    finally:
        if bar is not None:
            bar.close()
    for lv, en in report.warnings:
        print(f"Brīdinājums: {lv} / Warning: {en}", file=sys.stderr)
    if report.rows:
        for line in summary_lines(report.rows):
            print(line, file=sys.stderr)
    for line in report.summary_lines():
        print(line, file=sys.stderr)
    return 0 if report.complete else 1
