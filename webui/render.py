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

from assistant.answering.fragments import for_letter
from assistant.textnorm import fold
from assistant.triage.export import ROUTE_LV, pii_kind_lv, topic_lv  # one source for the Latvian names

INBOX = "pvp@varam.gov.lv"
SEVERITY_ORDER = {"error": 3, "warning": 2, "info": 1, "": 0}
SEVERITY_LV = {"error": "kļūda", "warning": "brīdinājums", "info": "informācija", "": "—"}
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


_MARKER = re.compile(r"(?<!\[)\[(\d{1,3})\](?![\](])")


def link_citations(text: str, answer_index: int | None, numbers: set[int]) -> str:
    """Every [n] marker of a cited source becomes a link that opens the source ("#avots-<answer>-<n>"; a click
    is caught by the page script and opens the document viewer at the passage)."""
    if answer_index is None or not numbers:
        return text

    def link(m: re.Match) -> str:
        n = int(m.group(1))
        if n not in numbers:
            return m.group(0)
        return f"[[{n}]](#avots-{answer_index}-{n} \"Atvērt avotu {n}\")"

    return _MARKER.sub(link, text)


def answer_markdown(
    ans: dict[str, Any], *, linter_md: str = "", inbox: str = INBOX, answer_index: int | None = None
) -> str:
    """The chat message for an answer: the text with [n] markers (links to the sources when ``answer_index`` is
    given), and a distinct block when the documents don't say."""
    numbers = {int(c["n"]) for c in ans.get("citations") or [] if str(c.get("n", "")).isdigit()}
    text = link_citations((ans.get("answer") or "").strip(), answer_index, numbers)
    if linter_md:
        linter_md = link_citations(linter_md, answer_index, numbers)
    parts: list[str] = []
    if linter_md and linter_md not in text:
        parts.append(linter_md)
    if not ans.get("answerable", True):
        parts.append("> ⚠️ **Dokumentos par to nav teikts.**")
        if text:
            parts.append(text)
        related = related_reading(ans)
        if related:
            parts.append("**Saistītā lasāmviela:**\n" + "\n".join(f"- {r}" for r in related))
        if inbox not in text:
            parts.append(f"Ja jautājums paliek, rakstiet uz konsultāciju iesūtni: {inbox}.")
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
    # and no note that points at the app's own buttons ("skatiet visu sadaļu"): it points at the source instead
    lines = [for_letter(re.sub(r"\*\*|`", "", (ans.get("answer") or "").strip()))]
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


def _section_of(c: dict[str, Any]) -> str:
    return str(c.get("section") or "").strip()


def sources_html(
    citations: list[dict[str, Any]],
    *,
    answerable: bool = True,
    related: list[dict] | None = None,
    answer_index: int | None = None,
) -> str:
    """The sources panel: each cited passage with title, section and the quoted text highlighted, a "Rādīt visu
    sadaļu" control with the full section, and "Atvērt dokumentā" (the viewer at the passage)."""
    if not citations and not related:
        return '<div class="pp-sources pp-empty">Avoti parādīsies šeit pēc jautājuma.</div>'
    k = "" if answer_index is None else str(answer_index)
    cards = []
    if citations:
        for c in citations:
            n = esc(c.get("n"))
            quote = c.get("quote") or ""
            body = highlight(c.get("text") or "", quote, window=600)
            if "<mark>" not in body and quote:
                body = f"<blockquote><mark>{esc(quote)}</mark></blockquote>" + body
            section_text = str(c.get("section_text") or "").strip()
            more = ""
            if section_text and section_text != (c.get("text") or "").strip():
                more = (
                    '<details class="pp-more"><summary>Rādīt visu sadaļu</summary>'
                    f'<div class="pp-text">{highlight(section_text, quote)}</div></details>'
                )
            title = esc(c.get("title") or c.get("doc"))
            cards.append(
                f'<article class="pp-source" id="avots-{k}-{n}" aria-label="Avots {n}">'
                f'<h4><span class="pp-n">[{n}]</span> '
                f'<button type="button" class="pp-link" data-open="cite" data-answer="{k}" data-n="{n}" '
                f'title="Atvērt dokumentu pie šī fragmenta">{title}</button></h4>'
                f'<div class="pp-section">{esc(_section_of(c))}'
                f' <span class="pp-doc">({esc(c.get("doc"))})</span></div>'
                f'<div class="pp-text">{body}</div>{more}'
                f'<button type="button" class="pp-open" data-open="cite" data-answer="{k}" data-n="{n}">'
                "Atvērt dokumentā</button></article>"
            )
    elif related:
        cards.append(
            '<div class="pp-weak" role="note">⚠️ Dokumentos par to nav teikts. Tuvākie fragmenti:</div>'
        )
        for i, h in enumerate(related[:3]):
            cards.append(
                f'<article class="pp-source pp-related"><h4>{esc(h.get("title") or h.get("doc"))}</h4>'
                f'<div class="pp-section">{esc(_section_of(h))}'
                f' <span class="pp-doc">({esc(h.get("doc"))})</span></div>'
                f'<div class="pp-text">{esc(h.get("text") or "")}</div>'
                f'<button type="button" class="pp-open" data-open="related" data-answer="{k}" data-n="{i}">'
                "Atvērt dokumentā</button></article>"
            )
    return '<div class="pp-sources">' + "".join(cards) + "</div>"


# ---------------------------------------------------------------- documents and the viewer

KIND_LV = {
    "faq": "biežāk uzdotie jautājumi",
    "slides": "prezentācijas slaidi",
    "presentation": "prezentācija",
    "guideline": "vadlīnijas",
    "guidelines": "vadlīnijas",
    "regulation": "normatīvais akts",
    "": "",
}
OLD_AFTER_YEARS = 10  # guidance older than this gets a note


def kind_lv(kind: Any) -> str:
    k = str(kind or "").strip()
    return KIND_LV.get(k.lower(), k)


def age_note(year: Any, *, today_year: int | None = None) -> str:
    """A note for old guidance: "izdots 2011. gadā — pārbaudiet, vai prasības nav mainījušās"."""
    import datetime as _dt

    try:
        y = int(year)
    except (TypeError, ValueError):
        return ""
    now = today_year or _dt.date.today().year
    if now - y <= OLD_AFTER_YEARS:
        return ""
    return (
        f"izdots {y}. gadā ({now - y} gadus atpakaļ) — pārbaudiet, vai prasības nav mainījušās "
        "(piemēram, 2017. gada MK noteikumi Nr. 399)"
        if y < 2017
        else f"izdots {y}. gadā — pārbaudiet, vai prasības nav mainījušās"
    )


def docs_html(docs: list[dict[str, Any]], *, today_year: int | None = None) -> str:
    """The documents for staff (Par tab): title, issuer, year, kind, a note when old; "Atvērt" and "Lejupielādēt"."""
    if not docs:
        return '<div class="pp-docs pp-empty">Dokumenti nav pieejami.</div>'
    items = []
    for d in docs:
        note = age_note(d.get("year"), today_year=today_year)
        meta = " · ".join(
            x
            for x in (
                esc(d.get("issuer") or ""),
                f"{esc(d.get('year'))}. gads" if d.get("year") else "gads nav norādīts",
                esc(kind_lv(d.get("kind"))),
                "skenēts dokuments: teksts ar atjaunotām garumzīmēm" if d.get("ocr") else "",
            )
            if x
        )
        dl = d.get("download_url") or ""
        download = (
            f'<a class="pp-dl" href="{esc(dl)}" download="{esc(d.get("source_file"))}">Lejupielādēt</a>'
            if dl
            else ""
        )
        items.append(
            f'<li class="pp-doc-item"><div class="pp-doc-title">{esc(d.get("title") or d.get("source_file"))}</div>'
            f'<div class="pp-doc-meta">{meta}</div>'
            + (f'<div class="pp-doc-note" role="note">⚠️ {esc(note)}</div>' if note else "")
            + f'<div class="pp-doc-actions"><button type="button" class="pp-open" data-open="doc" '
            f'data-doc="{esc(d.get("source_file"))}">Atvērt</button>{download}</div></li>'
        )
    return '<ul class="pp-docs">' + "".join(items) + "</ul>"


def _passage_span(text: str, passage: str) -> tuple[int, int] | None:
    """Where a cited passage sits in its document: exactly, else ignoring case, diacritics and spacing."""
    passage = (passage or "").strip()
    if not passage:
        return None
    span = _find_span(text, passage)
    if span:
        return span
    # a long passage: anchor on its first and last 80 characters
    if len(passage) > 200:
        head, tail = _find_span(text, passage[:80]), _find_span(text, passage[-80:])
        if head and tail and tail[1] > head[0]:
            return head[0], tail[1]
        if head:
            return head[0], min(len(text), head[0] + len(passage))
    return None


def viewer_html(doc: dict[str, Any] | None, *, passage: str = "", quote: str = "", section: str = "",
                missing_name: str = "") -> str:
    """The whole document (OCR documents in their repaired text) with the cited passage marked and the quote
    highlighted; the page script scrolls to ``#pp-hl``. A document no longer in the corpus gets a Latvian notice
    and the cited passage itself."""
    if doc is None:
        shown = f"<blockquote>{highlight(passage, quote) if passage else esc(quote)}</blockquote>" if (
            passage or quote) else ""
        return (
            '<div class="pp-viewer-missing" role="alert"><p><strong>Dokuments vairs nav pieejams.</strong> '
            f"„{esc(missing_name)}” pēc atbildes sniegšanas ir izņemts no dokumentu krājuma vai pārdēvēts; "
            "pārbaudiet cilnē „Par”, kuri dokumenti pašlaik ir pieejami.</p>"
            + (f"<p>Citētais fragments:</p>{shown}" if shown else "")
            + "</div>"
        )
    text = doc.get("text") or ""
    meta = " · ".join(
        x
        for x in (
            esc(doc.get("issuer") or ""),
            f"{esc(doc.get('year'))}. gads" if doc.get("year") else "",
            esc(kind_lv(doc.get("kind"))),
            esc(doc.get("source_file") or ""),
        )
        if x
    )
    note = age_note(doc.get("year"))
    head = (
        f'<header class="pp-viewer-head"><h3>{esc(doc.get("title") or doc.get("source_file"))}</h3>'
        f'<div class="pp-doc-meta">{meta}</div>'
        + (
            '<div class="pp-doc-note" role="note">Skenēts dokuments: rādīts teksts ar atjaunotām garumzīmēm; '
            "oriģinālu var lejupielādēt.</div>"
            if doc.get("ocr")
            else ""
        )
        + (f'<div class="pp-doc-note" role="note">⚠️ {esc(note)}</div>' if note else "")
        + (f'<div class="pp-section">Sadaļa: {esc(section)}</div>' if section else "")
        + "</header>"
    )
    span = _passage_span(text, passage) if passage else None
    if span is None and quote:
        span = _find_span(text, quote)
    if span is None:
        lost = (
            '<div class="pp-doc-note" role="note">Citētais fragments dokumentā nav atrasts (dokuments, iespējams, '
            "mainīts pēc atbildes sniegšanas). Citāts:</div>"
            f"<blockquote>{esc(quote or passage)}</blockquote>"
            if (passage or quote)
            else ""
        )
        return head + lost + f'<div class="pp-doc-text" tabindex="0">{esc(text)}</div>'
    a, b = span
    inner = highlight(text[a:b], quote) if quote else esc(text[a:b])
    inner = inner.replace("<mark>", '<mark class="pp-quote">', 1)
    body = (
        esc(text[:a])
        + f'<span class="pp-passage" id="pp-hl" tabindex="-1">{inner}</span>'
        + esc(text[b:])
    )
    return head + f'<div class="pp-doc-text" tabindex="0" aria-label="Dokumenta teksts">{body}</div>'


# ---------------------------------------------------------------- linter

LINT_COLUMNS = [
    "Rinda",
    "Nosaukums",
    "Vērtējums",
    "Nopietnība",
    "Kods",
    "Kategorija",
    "Ziņojums",
    "Ieteikums",
    "Grupa",
]
VERDICT_LV = {"ok": "✓ atbilst", "review": "! ieteicams pārskatīt", "fix": "✗ jālabo"}
VERDICT_COLOURS = {"ok": SEVERITY_COLOURS[""], "review": SEVERITY_COLOURS["warning"], "fix": SEVERITY_COLOURS["error"]}


def message_lv(item: dict[str, Any]) -> str:
    """The Latvian text of a finding or portfolio group (the JSON contract's message is "lv / en")."""
    if item.get("message_lv"):
        return str(item["message_lv"])
    msg = str(item.get("message") or "")
    return msg.split(" (EN: ")[0].split(" / ")[0]


def verdict_of(name: dict[str, Any], grouped: bool = False) -> str:
    """"ok", "review" or "fix": the report's own verdict, else from the findings (a grouped name needs review)."""
    if name.get("verdict") in VERDICT_LV:
        return str(name["verdict"])
    sev = {f.get("severity") for f in name.get("findings") or []}
    if "error" in sev:
        return "fix"
    if "warning" in sev or grouped:
        return "review"
    return "ok"


def _groups_by_row(report: dict[str, Any]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for gi, g in enumerate(report.get("portfolio") or [], 1):
        for r in g.get("rows") or []:
            out.setdefault(int(r), []).append(f"G{gi} {g.get('code', '')}")
    return out


def lint_rows(report: dict[str, Any]) -> list[list[Any]]:
    """One table row per finding (a name without findings gets one row); group ids from the portfolio checks."""
    groups_by_row = _groups_by_row(report)
    rows: list[list[Any]] = []
    for n in report.get("names") or []:
        row = n.get("row")
        groups = groups_by_row.get(int(row or 0), [])
        group = ", ".join(groups)
        verdict = VERDICT_LV[verdict_of(n, bool(groups))]
        findings = sorted(
            n.get("findings") or [], key=lambda f: -SEVERITY_ORDER.get(f.get("severity", ""), 0)
        )
        if not findings:
            note = "Jāskata kopā ar grupas nosaukumiem" if groups else "Piezīmju nav"
            rows.append([row, n.get("name", ""), verdict, "—", "", "", note, "", group])
        for f in findings:
            rows.append(
                [
                    row,
                    n.get("name", ""),
                    verdict,
                    SEVERITY_LV.get(f.get("severity", ""), f.get("severity", "")),
                    f.get("code", ""),
                    CATEGORY_LV.get(f.get("category", ""), f.get("category", "")),
                    message_lv(f),
                    f.get("suggestion") or "",
                    group,
                ]
            )
    return rows


def row_colour(row: list[Any]) -> str:
    """A table row's background by its verdict (green ✓, yellow !, red ✗)."""
    inv = {v: k for k, v in VERDICT_LV.items()}
    return VERDICT_COLOURS.get(inv.get(str(row[2]), ""), "")


def _table_html(columns: list[str], rows: list[list[Any]], colours: list[str], cell: Any, caption: str) -> str:
    """A results table that reads like a document: full width, proportional font, wrapping text; on a phone every
    row becomes a card with the column names (``data-label``)."""
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in columns)
    body = []
    for i, (row, colour) in enumerate(zip(rows, colours, strict=True)):
        style = f' style="background:{colour}"' if colour else ""
        tds = "".join(f'<td data-label="{esc(c)}">{cell(i, j, v)}</td>' for j, (c, v) in enumerate(zip(columns, row)))
        body.append(f"<tr{style}>{tds}</tr>")
    return (
        f'<table class="pp-table"><caption class="pp-sr">{esc(caption)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


TABLE_ROWS_SHOWN = 1000  # a longer result is shown in part; the downloads always hold all of it


def lint_table_html(rows: list[list[Any]], *, limit: int = TABLE_ROWS_SHOWN) -> str:
    """The name-check results; a rule code is a button that shows the rule's explanation."""
    if not rows:
        return '<div class="pp-empty">Rezultāti parādīsies šeit pēc pārbaudes.</div>'
    more = ""
    if len(rows) > limit:
        more = (
            f'<p class="pp-note" role="note">Parādītas pirmās {limit} no {len(rows)} rindām; visi rezultāti ir '
            "lejupielādējamā XLSX vai CSV failā.</p>"
        )
        rows = rows[:limit]
    code_col = LINT_COLUMNS.index("Kods")

    def cell(i: int, j: int, v: Any) -> str:
        if j == code_col and v:
            return f'<button type="button" class="pp-code" data-code="{esc(v)}" title="Noteikuma skaidrojums">{esc(v)}</button>'
        return esc(v)

    return more + _table_html(LINT_COLUMNS, rows, [row_colour(r) for r in rows], cell, "Nosaukumu pārbaudes rezultāti")


def triage_table_html(results: list[dict[str, Any]]) -> str:
    """The triage table; a message's ID is a button that opens its draft."""
    if not results:
        return '<div class="pp-empty">Ziņojumi parādīsies šeit pēc šķirošanas.</div>'
    rows = triage_rows(results)

    def cell(i: int, j: int, v: Any) -> str:
        if j == 0:
            return f'<button type="button" class="pp-code" data-row="{i}" title="Atvērt ziņojumu">{esc(v) or i + 1}</button>'
        return esc(v)

    return _table_html(TRIAGE_COLUMNS, rows, [triage_colour(r) for r in results], cell, "Iesūtnes ziņojumi")


def lint_summary_md(report: dict[str, Any]) -> str:
    names = report.get("names") or []
    grouped = _groups_by_row(report)
    verdicts = Counter(verdict_of(n, int(n.get("row") or 0) in grouped) for n in names)
    sev = Counter(f.get("severity", "") for n in names for f in n.get("findings") or [])
    lines = [
        (
            f"**{len(names)}** nosaukumi: **{verdicts.get('ok', 0)}** ✓ atbilst, "
            f"**{verdicts.get('review', 0)}** ! ieteicams pārskatīt, **{verdicts.get('fix', 0)}** ✗ jālabo "
            f"(kļūdas: {sev.get('error', 0)}, brīdinājumi: {sev.get('warning', 0)}, "
            f"informācija: {sev.get('info', 0)})."
        )
    ]
    groups = report.get("portfolio") or []
    if groups:
        lines.append("\n**Portfeļa grupas** (nosaukumi, kas jāskata kopā):")
        for gi, g in enumerate(groups, 1):
            rows = ", ".join(str(r) for r in g.get("rows") or [])
            sug = f" — ieteikums: {g['suggestion']}" if g.get("suggestion") else ""
            lines.append(f"- **G{gi}** `{g.get('code', '')}` rindas {rows}: {message_lv(g)}{sug}")
    return "\n".join(lines)


def severity_of_row(row: list[Any]) -> str:
    inv = {v: k for k, v in SEVERITY_LV.items()}
    return inv.get(str(row[3]), "")


# ---------------------------------------------------------------- triage

TRIAGE_COLUMNS = [
    "ID",
    "Saņemts",
    "Sūtītājs",
    "Temats",
    "Tēma",
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


def _sender(r: dict[str, Any]) -> str:
    from email.utils import parseaddr

    raw = str(r.get("sender") or r.get("from") or "")
    name, addr = parseaddr(raw)
    return f"{name} <{addr}>" if name and addr else (addr or raw)


def triage_rows(results: list[dict[str, Any]]) -> list[list[Any]]:
    from assistant.lvformat import date_lv, language_lv

    rows = []
    for r in results:
        if r.get("error"):
            err = str(r.get("error")).split(" / ")[0]
            rows.append(
                [r.get("id", ""), date_lv(r.get("received")), _sender(r), "", "⚠️ kļūda: " + err,
                 date_lv(r.get("due")), "jā", "", ""]
            )
            continue
        pii = sorted({pii_kind_lv(p.get("type")) for p in r.get("personal_data") or [] if isinstance(p, dict)})
        rows.append(
            [
                r.get("id", ""),
                date_lv(r.get("received")),
                _sender(r),
                (r.get("subject_redacted") or "")[:120],
                topic_lv(r.get("topic", "")),
                date_lv(r.get("due")),
                ("jā: " + reasons_text(r.get("reasons") or [])[:160]) if r.get("needs_human") else "nē",
                ("⚠️ " + ", ".join(pii)) if (r.get("contains_personal_data") or pii) else "nē",
                language_lv(r.get("language", "")),
            ]
        )
    return rows


def triage_info_md(r: dict[str, Any]) -> str:
    """What a person needs to decide about one message: topic, due date, route, why it needs a person."""
    from assistant.lvformat import date_lv, number_lv

    if r.get("error"):
        return f"⚠️ Šo ziņojumu nevarēja apstrādāt: {md_escape(str(r.get('error')).split(' / ')[0])}"
    head = [
        (
            f"**Sūtītājs:** {md_escape(_sender(r)) or '—'} · **Saņemts:** {date_lv(r.get('received')) or '—'} · "
            f"**Termiņš:** {date_lv(r.get('due')) or '—'}"
        ),
        (
            f"**Tēma:** {topic_lv(r.get('topic', ''))} "
            f"(ticamība {number_lv(r.get('topic_confidence') or 0, 2)}) · "
            f"**Virzība:** {ROUTE_LV.get(r.get('route', ''), r.get('route', ''))}"
        ),
    ]
    if r.get("needs_human"):
        head.append("**Jāskata cilvēkam:** " + reasons_text(r.get("reasons") or []))
    elif r.get("reasons"):
        head.append("**Piezīmes:** " + reasons_text(r.get("reasons") or []))
    if r.get("injection_suspected"):
        head.append(
            "⚠️ **Aizdomas par uzvednes injekciju** (e-pastā ir instrukcijas datoram) — teksts apstrādāts tikai kā dati."
        )
    if not r.get("draft_reply"):
        redirect = "citizen_redirect" in (r.get("reasons") or []) and not r.get("injection_suspected")
        head.append(
            "*Melnraksts: pieklājīga novirzīšana — ierakstiet kompetento iestādi un tās kontaktus.*"
            if redirect
            else "*Melnraksta nav: ziņojums jāizskata un jāatbild cilvēkam.*"
        )
    return "\n\n".join(head)


def draft_text(r: dict[str, Any]) -> str:
    """The draft reply as plain text (line breaks kept), with its sources when the draft does not list them."""
    draft = str(r.get("draft_reply") or "")
    cites = r.get("citations") or []
    if draft and cites and "Avoti:" not in draft:
        draft += "\n\nAvoti:\n" + "\n".join(
            f"[{c.get('n')}] {c.get('title', '')} — {c.get('section', '')}" for c in cites
        )
    return draft


def redacted_html(r: dict[str, Any]) -> str:
    """The message with personal data covered, as plain text: line breaks kept, nothing from the sender active."""
    if r.get("error") and not r.get("body_redacted"):
        return ""
    subject = esc(r.get("subject_redacted") or "")
    body = esc(r.get("body_redacted") or "")
    return f'<div class="pp-mail"><div class="pp-mail-subject">{subject}</div><div class="pp-mail-body">{body}</div></div>'


def triage_detail_md(r: dict[str, Any]) -> tuple[str, str]:
    """(information + draft as Markdown, redacted message as Markdown) — for API callers and older scripts."""
    info = triage_info_md(r)
    draft = draft_text(r)
    body = info + ("\n\n---\n\n**Atbildes melnraksts:**\n\n" + md_escape(draft).replace("\n", "  \n") if draft else "")
    redacted = f"**{md_escape(r.get('subject_redacted') or '')}**\n\n" + "\n".join(
        "> " + md_escape(line) + "  " for line in (r.get("body_redacted") or "").splitlines()
    )
    return body, redacted


def bars_html(counts: list[tuple[str, int]], title: str) -> str:
    """A small bar chart as HTML: readable labels, whole numbers, a screen reader reads it as a list."""
    if not counts:
        return f'<figure class="pp-bars"><figcaption>{esc(title)}</figcaption><p class="pp-empty">Nav datu.</p></figure>'
    top = max(n for _, n in counts) or 1
    items = "".join(
        f'<li><span class="pp-bar-label">{esc(k)}</span>'
        f'<span class="pp-bar" style="width:{max(4, round(100 * n / top))}%" aria-hidden="true"></span>'
        f'<span class="pp-bar-n">{n}</span></li>'
        for k, n in counts
    )
    return f'<figure class="pp-bars"><figcaption>{esc(title)}</figcaption><ul>{items}</ul></figure>'


def topic_counts(results: list[dict[str, Any]]) -> list[tuple[str, int]]:
    c = Counter(topic_lv(r.get("topic", "")) for r in results if not r.get("error"))
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))


def due_counts(results: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """(dd.mm.gggg, count) in date order."""
    from assistant.lvformat import date_lv

    c = Counter(r.get("due", "") for r in results if r.get("due") and not r.get("error"))
    return [(date_lv(d), n) for d, n in sorted(c.items())]
