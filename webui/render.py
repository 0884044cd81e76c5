"""Pure rendering helpers: answers, the sources panel, lint and triage tables (no Gradio imports).

Everything user- or document-provided is HTML-escaped before it goes into the page.

Example:
    html = sources_html(answer.to_dict()["citations"]); md = answer_markdown(answer.to_dict())
"""

from __future__ import annotations

import html
import re
from collections import Counter
from functools import lru_cache
from typing import Any

from assistant.textnorm import fold

INBOX = "pvp@varam.gov.lv"
SEVERITY_ORDER = {"error": 3, "warning": 2, "info": 1, "": 0}
SEVERITY_LV = {"error": "kļūda", "warning": "brīdinājums", "info": "piezīme", "": "—"}
SEVERITY_COLOURS = {  # light backgrounds with dark text: contrast ≥ 7:1
    "error": "#fde2e1",
    "warning": "#fff1c2",
    "info": "#e3efff",
    "": "#e6f4ea",
}
CATEGORY_LV = {
    "length": "garums",
    "missing_action": "nav darbības",
    "missing_object": "nav objekta",
    "recipient_action": "saņēmēja darbība",
    "non_service_support": "nav pakalpojums: atbalsts/konsultācijas",
    "non_service_information": "nav pakalpojums: informēšana",
    "non_service_internal": "nav pakalpojums: iekšējā funkcija",
    "non_service_admin": "nav pakalpojums: pārvaldes darbība",
    "style": "stils",
    "spelling": "pareizrakstība",
}
TOPIC_LV = {
    "service_concept": "pakalpojuma jēdziens",
    "service_naming": "nosaukumi",
    "service_portfolio": "pakalpojumu portfelis",
    "service_types": "pakalpojumu veidi",
    "service_levels": "pakalpojumu līmeņi",
    "channels_access": "kanāli un piekļuve",
    "digital": "digitālie pakalpojumi",
    "roles_governance": "lomas un pārvaldība",
    "management_tasks": "pārvaldības uzdevumi",
    "catalogue_description": "katalogs un apraksts",
    "quality_measurement": "kvalitāte un mērījumi",
    "redesign": "pārveide",
    "out_of_scope": "ārpus tēmas",
}
ROUTE_LV = {
    "answer": "atbildēt ar melnrakstu",
    "complex": "sarežģīts: izskatīt",
    "review": "izskatīt",
    "redirect": "novirzīt citai iestādei",
    "security": "drošība: izskatīt",
    "error": "kļūda",
}
PII_LV = {"personal_code": "personas kods", "phone": "tālrunis", "email": "e-pasts", "address": "adrese"}


@lru_cache(maxsize=1)
def _reasons_lv() -> dict[str, str]:
    from assistant.triage.pipeline import REASONS_LV  # the triage part owns the wording of its reasons

    return dict(REASONS_LV)


def reasons_text(codes: list[str]) -> str:
    table = _reasons_lv()
    return "; ".join(table.get(c, c) for c in codes or [])


_SENT_SPLIT = re.compile(r"(?<=[.!?…])\s+|\n+")


def esc(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]()!<>#|~])")


def md_escape(text: Any) -> str:
    """E-mail text shown as Markdown stays text: no links, images (tracking pixels) or HTML from the sender."""
    return _MD_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


# ---------------------------------------------------------------- answers


def answer_markdown(ans: dict[str, Any], *, linter_md: str = "") -> str:
    """The chat message for an answer: the text with [n] markers, and a distinct block when the documents don't say."""
    text = (ans.get("answer") or "").strip()
    parts: list[str] = []
    if linter_md:
        parts.append(linter_md)
    if not ans.get("answerable", True):
        parts.append("> ⚠️ **Dokumentos par to nav teikts.**")
        if text:
            parts.append(text)
        related = related_reading(ans)
        if related:
            parts.append("**Saistītā lasāmviela:**\n" + "\n".join(f"- {r}" for r in related))
        if INBOX not in text:
            parts.append(f"Ja jautājums paliek, rakstiet uz konsultāciju iesūtni: {INBOX}.")
    else:
        parts.append(text or "—")
        if not ans.get("citations"):
            parts.append(
                "> ⚠️ *Pierādījumi ir vāji: atbildei nav atrasts neviens avots. Pārbaudiet dokumentos.*"
            )
    notice = (ans.get("notice") or "").strip()
    if notice:
        parts.append(f"*ℹ️ {notice}*")
    return "\n\n".join(parts)


def related_reading(ans: dict[str, Any], limit: int = 3) -> list[str]:
    """Titles and sections of the closest passages (distinct), for the "documents do not say" case."""
    seen: set[tuple[str, str]] = set()
    out: list[str] = []
    for h in ans.get("retrieved") or []:
        key = (h.get("title", ""), h.get("section", ""))
        if key in seen:
            continue
        seen.add(key)
        label = h.get("title") or h.get("doc") or ""
        if h.get("section"):
            label += f" — {h['section']}"
        out.append(label)
        if len(out) >= limit:
            break
    return out


def copy_text(ans: dict[str, Any]) -> str:
    """Plain text of the answer with its numbered sources, for pasting into a letter."""
    # plain text: no Markdown emphasis or code marks (the linter's verdict is composed as Markdown)
    lines = [re.sub(r"\*\*|`", "", (ans.get("answer") or "").strip())]
    cites = ans.get("citations") or []
    if cites:
        lines.append("")
        lines.append("Avoti:")
        for c in cites:
            where = c.get("title") or c.get("doc") or ""
            if c.get("section"):
                where += f" — {c['section']}"
            lines.append(f"[{c.get('n')}] {where}: “{(c.get('quote') or '').strip()}”")
    return "\n".join(lines).strip()


def _find_span(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` occurs in ``text``: exactly, else ignoring case, diacritics and spacing."""
    quote = quote.strip()
    if not quote:
        return None
    i = text.find(quote)
    if i >= 0:
        return i, i + len(quote)
    # fold() maps each Latvian letter to one ASCII letter, so offsets agree when lengths agree
    ft, fq = fold(text), fold(quote)
    if len(ft) == len(text):
        i = ft.find(fq)
        if i >= 0 and len(fq) == len(quote):
            return i, i + len(quote)
        # tolerate different whitespace: match word by word
        words = [re.escape(w) for w in fq.split()]
        if words:
            m = re.search(r"\s+".join(words), ft)
            if m:
                return m.start(), m.end()
    return None


def _best_lines(text: str, quote: str) -> list[tuple[int, int]]:
    """Lines/sentences of ``text`` made mostly of the quote's words (folded), when together they cover most of
    the quote: for quotes that paraphrase or join the passage's lines (OCR text, list items, linter sources)."""
    from assistant.textnorm import folded_tokens

    want = set(folded_tokens(quote))
    if len(want) < 3:
        return []
    spans, covered = [], set()
    for m in re.finditer(r"[^\n.!?…]+[.!?…]?", text):
        got = set(folded_tokens(m.group(0)))
        common = got & want
        if len(common) >= min(3, len(got)) and got and len(common) / len(got) >= 0.6:
            a, b = m.span()
            while a < b and text[a].isspace():
                a += 1
            spans.append((a, b))
            covered |= common
    return spans if len(covered) >= 0.6 * len(want) else []


def highlight(text: str, quote: str, *, window: int | None = None) -> str:
    """HTML of ``text`` with the quoted sentence(s) wrapped in <mark>; unmatched sentences are skipped.

    With ``window``, a long passage is cut to ``window`` characters around the highlighted part ("…" marks cuts),
    so the quote is in view in the sources panel.
    """
    spans: list[tuple[int, int]] = []
    whole = _find_span(text, quote)
    if whole:
        spans.append(whole)
    else:
        for sent in _SENT_SPLIT.split(quote):
            if len(sent.strip()) >= 12:
                s = _find_span(text, sent)
                if s:
                    spans.append(s)
    if not spans:
        spans = _best_lines(text, quote)
    spans.sort()
    lo, hi = 0, len(text)
    if window and spans and len(text) > window:
        a0, b0 = spans[0][0], max(b for _, b in spans)
        room = max(0, window - (b0 - a0)) // 2
        lo = max(0, a0 - room)
        hi = min(len(text), b0 + room)
        # cut at whitespace so no word is broken
        if lo > 0:
            sp = text.find(" ", lo)
            lo = sp + 1 if 0 <= sp < a0 else lo
        if hi < len(text):
            sp = text.rfind(" ", b0, hi)
            hi = sp if sp > b0 else hi
    out, pos = ["…" if lo > 0 else ""], lo
    for a, b in spans:
        if a < pos or b > hi:
            continue
        out.append(esc(text[pos:a]))
        out.append(f"<mark>{esc(text[a:b])}</mark>")
        pos = b
    out.append(esc(text[pos:hi]))
    out.append("…" if hi < len(text) else "")
    return "".join(out)


def sources_html(
    citations: list[dict[str, Any]], *, answerable: bool = True, related: list[dict] | None = None
) -> str:
    """The sources panel: each cited passage with title, section and the quoted text highlighted."""
    if not citations and not related:
        return '<div class="pp-sources pp-empty">Avoti parādīsies šeit pēc jautājuma.</div>'
    cards = []
    if citations:
        for c in citations:
            body = highlight(c.get("text") or "", c.get("quote") or "", window=600)
            if "<mark>" not in body and c.get("quote"):
                body = f"<blockquote><mark>{esc(c['quote'])}</mark></blockquote>" + body
            cards.append(
                f'<article class="pp-source" id="avots-{esc(c.get("n"))}" aria-label="Avots {esc(c.get("n"))}">'
                f'<h4><span class="pp-n">[{esc(c.get("n"))}]</span> {esc(c.get("title") or c.get("doc"))}</h4>'
                f'<div class="pp-section">{esc(c.get("section") or "")}'
                f' <span class="pp-doc">({esc(c.get("doc"))})</span></div>'
                f'<div class="pp-text">{body}</div></article>'
            )
    elif related:
        cards.append(
            '<div class="pp-weak" role="note">⚠️ Dokumentos par to nav teikts. Tuvākie fragmenti:</div>'
        )
        for h in related[:3]:
            cards.append(
                f'<article class="pp-source pp-related"><h4>{esc(h.get("title") or h.get("doc"))}</h4>'
                f'<div class="pp-section">{esc(h.get("section") or "")}'
                f' <span class="pp-doc">({esc(h.get("doc"))})</span></div>'
                f'<div class="pp-text">{esc(h.get("text") or "")}</div></article>'
            )
    return '<div class="pp-sources">' + "".join(cards) + "</div>"


# ---------------------------------------------------------------- linter

LINT_COLUMNS = [
    "Rinda",
    "Nosaukums",
    "Vērtējums",
    "Smagums",
    "Kods",
    "Kategorija",
    "Ziņojums",
    "Ieteikums",
    "Grupa",
]


def lint_rows(report: dict[str, Any]) -> list[list[Any]]:
    """One table row per finding (a clean name gets one ✓ row); group ids from the portfolio checks."""
    groups_by_row: dict[int, list[str]] = {}
    for gi, g in enumerate(report.get("portfolio") or [], 1):
        for r in g.get("rows") or []:
            groups_by_row.setdefault(int(r), []).append(f"G{gi} {g.get('code', '')}")
    rows: list[list[Any]] = []
    for n in report.get("names") or []:
        row = n.get("row")
        group = ", ".join(groups_by_row.get(int(row or 0), []))
        verdict = "✓ derīgs" if n.get("valid") else "✗ jālabo"
        findings = sorted(
            n.get("findings") or [], key=lambda f: -SEVERITY_ORDER.get(f.get("severity", ""), 0)
        )
        if not findings:
            rows.append([row, n.get("name", ""), verdict, "—", "", "", "Piezīmju nav", "", group])
        for f in findings:
            rows.append(
                [
                    row,
                    n.get("name", ""),
                    verdict,
                    SEVERITY_LV.get(f.get("severity", ""), f.get("severity", "")),
                    f.get("code", ""),
                    CATEGORY_LV.get(f.get("category", ""), f.get("category", "")),
                    f.get("message", ""),
                    f.get("suggestion") or "",
                    group,
                ]
            )
    return rows


def lint_summary_md(report: dict[str, Any]) -> str:
    names = report.get("names") or []
    sev = Counter(f.get("severity", "") for n in names for f in n.get("findings") or [])
    valid = sum(1 for n in names if n.get("valid"))
    lines = [
        (
            f"**{len(names)}** nosaukumi: **{valid}** derīgi, **{len(names) - valid}** jālabo "
            f"(kļūdas: {sev.get('error', 0)}, brīdinājumi: {sev.get('warning', 0)}, piezīmes: {sev.get('info', 0)})."
        )
    ]
    groups = report.get("portfolio") or []
    if groups:
        lines.append("\n**Portfeļa grupas** (nosaukumi, kas jāskata kopā):")
        for gi, g in enumerate(groups, 1):
            rows = ", ".join(str(r) for r in g.get("rows") or [])
            sug = f" — ieteikums: {g['suggestion']}" if g.get("suggestion") else ""
            lines.append(f"- **G{gi}** `{g.get('code', '')}` rindas {rows}: {g.get('message', '')}{sug}")
    return "\n".join(lines)


def severity_of_row(row: list[Any]) -> str:
    inv = {v: k for k, v in SEVERITY_LV.items()}
    return inv.get(str(row[3]), "")


# ---------------------------------------------------------------- triage

TRIAGE_COLUMNS = [
    "ID",
    "Temats",
    "Tēma",
    "Pārliecība",
    "Termiņš",
    "Jāskata cilvēkam",
    "Personas dati",
    "Valoda",
]


def triage_colour(r: dict[str, Any]) -> str:
    """A triage row's background (the lint table's colours): red unreadable, yellow a person must look, green."""
    if r.get("error"):
        return SEVERITY_COLOURS["error"]
    return SEVERITY_COLOURS["warning"] if r.get("needs_human") else SEVERITY_COLOURS[""]


def triage_rows(results: list[dict[str, Any]]) -> list[list[Any]]:
    rows = []
    for r in results:
        if r.get("error"):
            rows.append([r.get("id", ""), "", "⚠️ kļūda: " + str(r.get("error")), "", "", "jā", "", ""])
            continue
        pii = sorted({PII_LV.get(p.get("type", ""), p.get("type", "")) for p in r.get("personal_data") or []})
        rows.append(
            [
                r.get("id", ""),
                (r.get("subject_redacted") or "")[:120],
                TOPIC_LV.get(r.get("topic", ""), r.get("topic", "")),
                f"{float(r.get('topic_confidence') or 0.0):.2f}",
                r.get("due", ""),
                ("jā: " + reasons_text(r.get("reasons") or [])[:160]) if r.get("needs_human") else "nē",
                ("⚠️ " + ", ".join(pii)) if (r.get("contains_personal_data") or pii) else "nē",
                r.get("language", ""),
            ]
        )
    return rows


def triage_detail_md(r: dict[str, Any]) -> tuple[str, str]:
    """(draft reply markdown, redacted message markdown) for one triage result."""
    if r.get("error"):
        return f"⚠️ Šo ziņojumu nevarēja apstrādāt: {r.get('error')}", ""
    head = [
        (
            f"**Tēma:** {TOPIC_LV.get(r.get('topic', ''), r.get('topic', ''))} "
            f"({float(r.get('topic_confidence') or 0):.2f}) · **Termiņš:** {r.get('due', '')} · "
            f"**Maršruts:** {ROUTE_LV.get(r.get('route', ''), r.get('route', ''))}"
        ),
    ]
    if r.get("needs_human"):
        head.append("**Jāskata cilvēkam:** " + reasons_text(r.get("reasons") or []))
    elif r.get("reasons"):
        head.append("**Piezīmes:** " + reasons_text(r.get("reasons") or []))
    if r.get("injection_suspected"):
        head.append(
            "⚠️ **Aizdomas par instrukcijām e-pastā (prompt injection)** — teksts apstrādāts tikai kā dati."
        )
    draft = r.get("draft_reply")
    body = "\n\n".join(head) + "\n\n---\n\n"
    body += (
        ("**Atbildes melnraksts:**\n\n" + md_escape(draft))
        if draft
        else "*Melnraksta nav: ziņojums jāizskata cilvēkam.*"
    )
    cites = r.get("citations") or []
    if cites and "Avoti:" not in (draft or ""):
        body += "\n\n**Avoti:**\n" + "\n".join(
            f"- [{c.get('n')}] {c.get('title', '')} — {c.get('section', '')}: “{c.get('quote', '')}”"
            for c in cites
        )
    redacted = f"**{md_escape(r.get('subject_redacted') or '')}**\n\n" + "\n".join(
        "> " + md_escape(line) for line in (r.get("body_redacted") or "").splitlines()
    )
    return body, redacted


def topic_counts(results: list[dict[str, Any]]) -> list[tuple[str, int]]:
    c = Counter(TOPIC_LV.get(r.get("topic", ""), r.get("topic", "")) for r in results if not r.get("error"))
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))


def due_counts(results: list[dict[str, Any]]) -> list[tuple[str, int]]:
    c = Counter(r.get("due", "") for r in results if r.get("due") and not r.get("error"))
    return sorted(c.items())
