"""Latvian draft replies: greeting, the cited answer, the linter's verdicts on listed names, closing.

A draft is for a person to sign off and for the recipient to read: it names documents by their title and carries
none of the app's own notes (:func:`~assistant.answering.fragments.for_letter`). It never repeats personal data:
the question is redacted before it reaches the assistant, and the finished draft is scrubbed again with the shared
detector and with the message's own personal values (so a name quoted from a name list that the detector would
not recognise alone is removed too).

Example:
    compose_draft(answer_text="...", citations=[...], lint_lines=[])
"""

from __future__ import annotations

from typing import Any

from ..answering.fragments import for_letter
from .pii import scrub

GREETING = "Labdien!"
THANKS = "Paldies par Jūsu jautājumu. Atbilde saskaņā ar pakalpojumu pārvaldības vadlīnijām:"
CLOSING = (
    "Ja rodas papildu jautājumi, lūdzam sazināties ar mums.\n\n"
    "Ar cieņu\n"
    "Viedās administrācijas un reģionālās attīstības ministrija (VARAM)"
)
REVIEW_NOTE = "[MELNRAKSTS — pirms nosūtīšanas jāpārbauda un jāapstiprina atbildīgajam darbiniekam]"


def closing(organisation: str | None = None) -> str:
    """The sign-off with the ministry's name as the settings spell it (``settings.organisation``: one name in the
    app and in every draft); without it, :data:`CLOSING`."""
    if not organisation:
        return CLOSING
    return CLOSING.rsplit("\n", 1)[0] + "\n" + organisation


def lint_lines(report: dict[str, Any]) -> list[str]:
    """One line per checked name from the linter's JSON dict (names with their findings)."""
    lines = []
    for item in report.get("names", []) or []:
        name = str(item.get("name", ""))
        findings = item.get("findings") or []
        if item.get("valid", not findings) and not findings:
            lines.append(f"• „{name}” — atbilst vadlīnijām.")
            continue
        msgs = []
        for f in findings:
            # the linter's messages are "Latvian / English": the draft is Latvian
            msg = str(f.get("message", "")).split(" / ")[0].strip().rstrip(".")
            sug = str(f.get("suggestion", "") or "").strip()
            if msg:
                msgs.append(msg + (f" (ieteikums: „{sug}”)" if sug else ""))
        verdict = "atbilst vadlīnijām, ar piezīmēm" if item.get("valid") else "ieteicams pārskatīt"
        lines.append(f"• „{name}” — {verdict}: " + "; ".join(msgs) + ".")
    return lines


def source_lines(citations: list[dict[str, Any]]) -> list[str]:
    """"[n] document title, section" per citation, numbered as the answer's [n] markers: a recipient knows a
    document by its title (the corpus manifest's), never by the app's file name."""
    lines = []
    for c in citations:
        where = ", ".join(x for x in (str(c.get("title") or "").strip(), str(c.get("section") or "").strip()) if x)
        lines.append(f"[{c.get('n')}] {where}")
    return lines


def compose_draft(
    *,
    answer_text: str | None,
    citations: list[dict[str, Any]],
    lint: list[str] | None = None,
    known: list[str] | None = None,
    organisation: str | None = None,
) -> str:
    """The full draft text, scrubbed: nothing the personal-data detector marks, none of the message's own
    personal values (``known``: also when quoted from a name list), no run of 7+ digits."""
    parts = [REVIEW_NOTE, "", GREETING, ""]
    if answer_text:
        parts += [THANKS, "", for_letter(answer_text.strip()), ""]
    if lint:
        parts += ["Par Jūsu norādītajiem pakalpojumu nosaukumiem:", *lint, ""]
    if citations:
        parts.append("Avoti:")
        parts += source_lines(citations)
        parts.append("")
    parts.append(closing(organisation))
    return scrub("\n".join(parts), known)
