"""Latvian draft replies: greeting, the cited answer, the linter's verdicts on listed names, closing.

A draft is for a person to sign off. It never repeats a personal code or phone number: the question
is redacted before it reaches the assistant, and the finished draft is scrubbed again.

Example:
    compose_draft(answer_text="...", citations=[...], lint_lines=[])
"""

from __future__ import annotations

from typing import Any

from .pii import scrub

GREETING = "Labdien!"
THANKS = "Paldies par Jūsu jautājumu. Atbilde saskaņā ar pakalpojumu pārvaldības vadlīnijām:"
ORGANISATION = "Viedās administrācijas un reģionālās attīstības ministrija (VARAM)"  # settings.organisation
CLOSING_LINE = "Ja rodas papildu jautājumi, lūdzam sazināties ar mums."
CLOSING = f"{CLOSING_LINE}\n\nAr cieņu\n{ORGANISATION}"


def closing(organisation: str | None = None) -> str:
    """The sign-off with the ministry's name as the settings spell it (one name in the app and every draft)."""
    return f"{CLOSING_LINE}\n\nAr cieņu\n{organisation or ORGANISATION}"


# the reply staff write most often to a private person's own case: polite, with where to turn instead
REDIRECT_BODY = (
    "Paldies par Jūsu vēstuli. Šī konsultāciju iesūtne palīdz valsts un pašvaldību iestādēm pakalpojumu "
    "pārvaldības jautājumos, tāpēc par konkrētu pakalpojumu vai Jūsu personīgo situāciju mēs atbildēt nevaram.\n\n"
    "Lūdzam vērsties iestādē, kas šo pakalpojumu sniedz: iestāžu kontaktinformācija un pakalpojumu apraksti ir "
    "pieejami portālā Latvija.gov.lv (sadaļā „Pakalpojumi”), un pašvaldības pakalpojumos palīdz valsts un "
    "pašvaldības vienotie klientu apkalpošanas centri."
)
PERSONAL_DATA_NOTE = (
    "Jūsu drošībai lūdzam turpmāk e-pastā nesūtīt personas kodu un citus personas datus; iestāde tos pieprasīs "
    "droši, ja tie būs vajadzīgi."
)


def compose_redirect(*, personal_data: bool = False, organisation: str | None = None) -> str:
    """The polite redirect for citizen and personal-case mails (scrubbed like every draft)."""
    parts = [REVIEW_NOTE, "", GREETING, "", REDIRECT_BODY, ""]
    if personal_data:
        parts += [PERSONAL_DATA_NOTE, ""]
    parts.append(f"Ar cieņu\n{organisation or ORGANISATION}")
    return scrub("\n".join(parts))
REVIEW_NOTE = "[MELNRAKSTS — pirms nosūtīšanas jāpārbauda un jāapstiprina atbildīgajam darbiniekam]"


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


def compose_draft(
    *,
    answer_text: str | None,
    citations: list[dict[str, Any]],
    lint: list[str] | None = None,
    organisation: str | None = None,
) -> str:
    """The full draft text (scrubbed of personal codes and phone numbers)."""
    parts = [REVIEW_NOTE, "", GREETING, ""]
    if answer_text:
        parts += [THANKS, "", answer_text.strip(), ""]
    if lint:
        parts += ["Par Jūsu norādītajiem pakalpojumu nosaukumiem:", *lint, ""]
    if citations:
        parts.append("Avoti:")
        for c in citations:
            where = ", ".join(x for x in (str(c.get("title", "")), str(c.get("section", ""))) if x)
            parts.append(f"[{c.get('n')}] {where} ({c.get('doc', '')})")
        parts.append("")
    parts.append(closing(organisation))
    return scrub("\n".join(parts))
