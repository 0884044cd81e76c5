"""The Iesūtne tab's "Ielādēt no pastkastes": triage what is new in the configured mailbox and put the reply drafts
into its Drafts folder (the same run as ``python -m assistant triage --imap``; nothing is ever sent).

Plain functions, testable without a browser; the tab only calls :func:`load_from_mailbox`.

Example:
    if configured(settings):
        loaded = load_from_mailbox(settings, progress=lambda done, total: None)
        loaded.rows, loaded.summary_md, loaded.drafts_md
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assistant.config import Settings
from assistant.triage.imap import MailboxReport, MailboxTriage
from assistant.triage.imap import configured as _configured

from .render import md_escape

STATUS_LV = {
    "appended": "ievietots",
    "already_there": "jau bija mapē",
    "pending": "neizdevās ievietot (pastkaste pilna?) — tiks ievietots nākamreiz",
}


def configured(settings: Settings) -> bool:
    """Show the button only when a mailbox is set up (``PALIGS_IMAP_HOST`` and ``PALIGS_IMAP_USER``)."""
    return _configured(settings)


@dataclass
class MailboxLoad:
    """One click: the new rows, a Latvian summary and the list of drafts placed in the mailbox."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    summary_md: str = ""
    drafts_md: str = ""
    report: MailboxReport | None = None


def _lv(n: int, one: str, many: str) -> str:
    """Latvian number agreement: 1, 21, 31 … take the singular (but 11 does not)."""
    return one if n % 10 == 1 and n % 100 != 11 else many


def summary_markdown(report: MailboxReport) -> str:
    parts = [f"Pastkaste **{md_escape(report.mailbox)}**, mape **{md_escape(report.folder)}**:"]
    n, done = report.new, len(report.rows)
    parts.append(
        f"**{n}** {_lv(n, 'jauns ziņojums', 'jauni ziņojumi')}, **{done}** {_lv(done, 'sašķirots', 'sašķiroti')}"
    )
    if report.skipped:
        parts.append(f"{report.skipped} {_lv(report.skipped, 'izlaists', 'izlaisti')} (jau sašķirots agrāk)")
    if report.remaining:
        parts.append(f"{report.remaining} {_lv(report.remaining, 'atlikts', 'atlikti')} nākamajai reizei")
    text = parts[0] + " " + ", ".join(parts[1:]) + "."
    if report.rescanned:
        text += " Mapes UIDVALIDITY bija mainījies: mape pārskatīta no sākuma, dublikātu nav."
    if not report.complete:
        text += " Savienojums pārtrūka: pārējie ziņojumi tiks sašķiroti nākamreiz."
    for lv, _en in report.warnings:
        text += f"\n\n⚠️ {md_escape(lv[:1].upper() + lv[1:])}."
    return text


def drafts_markdown(report: MailboxReport) -> str:
    """Which drafts are now in the mailbox's Drafts folder (for a person to check and send)."""
    if not report.drafts_folder:
        return "Melnraksti pastkastē netiek ievietoti (iestatījums `imap_drafts`)."
    if not report.drafts and not report.drafts_written:
        return f"Jaunu melnrakstu mapē **{md_escape(report.drafts_folder)}** nav."
    lines = [
        f"#### Melnraksti mapē {md_escape(report.drafts_folder)}",
        (
            f"Ievietoti: **{report.drafts_written}**, jau bija: {report.drafts_existing}, "
            f"gaida: {report.drafts_pending}. Pirms nosūtīšanas tie jāpārbauda; rīks neko nesūta."
        ),
        "",
    ]
    for d in report.drafts:
        lines.append(
            f"- **{md_escape(str(d.get('id', '')))}** — {md_escape(str(d.get('subject', '')))} → "
            f"{md_escape(str(d.get('to', '')) or '(bez adresāta)')}: {STATUS_LV.get(d.get('status', ''), '')}"
        )
    return "\n".join(lines)


def load_from_mailbox(
    settings: Settings,
    *,
    progress: Callable[[int, int], None] | None = None,
    make_pipeline: Callable[[], Any] | None = None,
) -> MailboxLoad:
    """Triage the new messages of the configured mailbox (raises :class:`assistant.errors.PaligsError` with a
    Latvian message when the mailbox cannot be used)."""
    report = MailboxTriage(settings, make_pipeline=make_pipeline).run(progress=progress)
    return MailboxLoad(report.rows, summary_markdown(report), drafts_markdown(report), report)
