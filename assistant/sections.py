"""Sections and answer units: the coherent pieces of the guidance an answer is made of.

A document's cleaned text is split into **sections** (a slide, a numbered subsection, an FAQ answer, a
markdown heading with what follows it) and each section into **units**: a paragraph (wrapped lines joined), a
list with its lead-in (nested items kept), a heading. An answer is built from whole units only, so it never
shows a cut sentence; a heading is a unit's context, never an answer on its own.

Boundaries come from the document's own structure: markdown and numbered headings, slide breaks (two blank
lines, the ministry's name block repeated on every slide, "1(8)"-style page footers), lines holding only a
no-break space (the FAQ's answer separator), and extra starts handed in by the caller (the question bank's
anchors: people marked where a section begins). A section longer than :data:`MAX_SECTION_WORDS` is split at
unit boundaries.

Every unit knows whether it is **readable**: every token a real word (hunspell-lv or the clean documents'
vocabulary), a number, a known abbreviation or punctuation. Symbol debris of OCR ("‘&@", "—000-]") is dropped
from the shown text; a unit that still holds a non-word ("EekelpR AERIpavaldibalif") stays searchable but is
never shown as answer text.

Example:
    secs = split_sections(doc); secs[0].title, [u.kind for u in secs[0].units], secs[0].units[0].readable
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .types import Document

SECTIONS_VERSION = "sec-13"
MAX_SECTION_WORDS = 450
TITLE_MAX_WORDS = 12

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_MD_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_NUM_HEADING_RE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+([A-ZĀČĒĢĪĶĻŅŠŪŽ„\"“].{2,100})$")
# list markers (with "o", a word processor's second-level bullet as PDF text gives it) and numbered items ("1.",
# "2)"); in scanned documents also OCR's readings of markers ("+++", "4+", "4 ", "e", "v"), which in a clean
# document are text ("4 darba dienu laikā")
_BULLET_RE = re.compile(r"^(?:[•●▪◦‣∙·✓✔➢►\-–—*»o]|\d{1,2}[.)])\s+(?=\S)")
_OCR_BULLET_RE = re.compile(r"^(?:[•●▪◦‣∙·✓✔➢►\-–—*»]|\+{1,3}(?:\s*\+)?|4\+?|[oev]|\d{1,2}[.)])\s+(?=\S)")
_PAGE_FOOTER_RE = re.compile(r"\b\d{1,3}\s?\(\d{1,3}\)\s*$")
_TABLE_CAPTION_RE = re.compile(r"^\d+\.\s?tabula\b", re.IGNORECASE)
_SYMBOL_TOKEN_RE = re.compile(r"^[^\w\"„“”«»()\[\]]+$|^[^\W\d]?[^\w\s]{2,}[\w]?$", re.UNICODE)
_EMPH_RE = re.compile(r"\*\*|__")


def n_words(text: str) -> int:
    return len(_WORD_RE.findall(text))


@dataclass(frozen=True)
class Unit:
    """A whole piece of a section: ``kind`` is "heading", "paragraph" or "list".

    ``text`` is the display text (bullets as "• ", nested items indented, wrapped lines joined, symbol debris
    dropped); ``start``/``end`` its span in the document's cleaned text; ``readable`` says whether it may be
    shown; ``contact`` marks a unit that consists of contact details (names, phones, e-mails, links).
    """

    text: str
    kind: str
    start: int
    end: int
    readable: bool = True
    contact: bool = False
    lead: str = ""  # a list's lead-in line ("Par pakalpojumu nav jāuzskata:")
    full: str = ""  # the whole unit when ``text`` leaves out unreadable list items (searched, never shown)

    @property
    def words(self) -> int:
        return n_words(self.text)

    @property
    def search(self) -> str:
        return self.full or self.text


@dataclass(frozen=True)
class Section:
    """A coherent part of one document: a title and its units, with its span in the cleaned text."""

    key: str  # "<doc id>#<ordinal>-<hash>": stable while the document and the segmentation do not change
    doc: str  # the document's source_file
    doc_id: str
    doc_title: str
    title: str
    start: int
    end: int
    units: tuple[Unit, ...] = field(default_factory=tuple)
    ordinal: int = 0

    @property
    def text(self) -> str:
        """The whole section as shown in full: every unit, unreadable ones replaced by a short note."""
        parts = []
        for u in self.units:
            if u.readable:
                parts.append(u.text)
            elif not parts or parts[-1] != UNREADABLE_NOTE:
                parts.append(UNREADABLE_NOTE)
        return "\n\n".join(parts)

    @property
    def search_text(self) -> str:
        return "\n".join(u.search for u in self.units)

    @property
    def readable_share(self) -> float:
        w = sum(u.words for u in self.units)
        return sum(u.words for u in self.units if u.readable) / w if w else 0.0


UNREADABLE_NOTE = "[Šī daļa skenētajā dokumentā nav salasāma; skatiet dokumenta oriģinālu.]"


# ------------------------------------------------------------------------------------------- lines
@dataclass
class _Line:
    start: int
    end: int
    text: str  # stripped
    indent: int
    kind: str = "text"  # "blank" | "break" | "heading" | "bullet" | "text"
    heading: str = ""
    ocr: bool = False  # a line of a scanned document: OCR's readings of list markers count as markers

    def bullet(self) -> re.Match[str] | None:
        return (_OCR_BULLET_RE if self.ocr else _BULLET_RE).match(self.text)


def _lines(text: str, ocr: bool = False) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        body = raw.replace("\xa0", " ")
        stripped = body.strip()
        lead = len(body) - len(body.lstrip())
        out.append(_Line(pos + lead, pos + lead + len(stripped), stripped, lead, ocr=ocr))
        pos += len(raw) + 1
    return out


def _boilerplate(lines: Sequence[_Line]) -> set[str]:
    """Short lines repeated on many slides (the ministry's name, footers): two words or more, so that a
    diagram's one-word label ("saņēmēji") repeated on several slides is not taken for a slide break."""
    counts = Counter(ln.text for ln in lines if ln.text)
    bullets = {ln.text for ln in lines if ln.text and ln.bullet()}
    return {t for t, c in counts.items() if c >= 4 and 2 <= n_words(t) <= 8 and t not in bullets}


def _heading_of(text: str) -> str:
    m = _MD_HEADING_RE.match(text)
    if m:
        return _EMPH_RE.sub("", m.group(2)).strip()
    m = _NUM_HEADING_RE.match(text)
    if m and n_words(m.group(2)) <= 12 and not text.rstrip().endswith((",", ";", ":", ".")):
        return f"{m.group(1)}. {m.group(2).strip()}"
    return ""


def _classify(lines: list[_Line]) -> None:
    boiler = _boilerplate(lines)
    # a repeated one-word line that sits right below a boilerplate line ("ministrija") belongs to that block
    counts = Counter(ln.text for ln in lines if ln.text)
    prev = ""
    below: Counter[str] = Counter()
    for ln in lines:
        if not ln.text:
            continue
        if prev in boiler and n_words(ln.text) == 1:
            below[ln.text] += 1
        prev = ln.text
    boiler |= {t for t, c in below.items() if c * 2 >= counts[t] and c >= 3}
    # boilerplate glued to the start of a content line ("ministrija Pakalpojums", "reģionālās attīstības Titls")
    prefixes = sorted(boiler, key=len, reverse=True)
    prev_text = ""
    prev_lost = False  # the previous content line is a list item whose bullet glyph was lost
    for ln in lines:
        if not ln.text:
            ln.kind = "blank"
            continue
        if ln.text in boiler or _PAGE_FOOTER_RE.search(ln.text) and n_words(ln.text) <= 10:
            ln.kind = "break"
            continue
        for p in prefixes:
            if ln.text.startswith(p + " ") and ln.text[len(p) + 1 : len(p) + 2].isupper():
                cut = len(p) + 1
                ln.start += cut
                ln.text = ln.text[cut:].lstrip()
                ln.kind = "break+text"
                break
        head = _heading_of(ln.text)
        if head and _NUM_HEADING_RE.match(ln.text) and prev_text.endswith(":"):
            head = ""  # "Sastāvdaļas:" then "1. ...", "2. ...": a numbered list, not headings
            ln.kind = "bullet"
        if head:
            ln.kind = "heading"
            ln.heading = head
        elif ln.kind == "bullet" or ln.bullet():
            ln.kind = "bullet"
        elif not ln.ocr and 1 <= ln.indent <= 2 and ln.kind != "break+text" and (
            prev_text.endswith(":") or prev_lost and prev_text.endswith((";", ",", "."))
        ):
            # a word processor's bullet glyph the PDF text lost, leaving its space: an item of the list its
            # lead-in (":") opens, like the items before it (" pārtraukt/samazināt;")
            ln.kind = "bullet"
        elif ln.kind != "break+text":
            ln.kind = "text"
        prev_lost = ln.kind == "bullet" and not ln.bullet() or (prev_lost and ln.indent == 0 and ln.text[:1].islower())
        prev_text = ln.text


# ------------------------------------------------------------------------------------------- units
def _clean_display(text: str) -> str:
    """Markdown emphasis and symbol debris out; whitespace collapsed."""
    text = _EMPH_RE.sub("", text)
    # Latvian has no one-letter words: a lone letter is a scanned arrow, box or bullet (initials and
    # abbreviations keep their full stop: "g.", "A.")
    toks = [
        t
        for t in text.split()
        if (not _SYMBOL_TOKEN_RE.match(t) or t in ("–", "—", "-", "+", "=", "≠", "→"))
        and not (len(t) == 1 and t.isalpha())
    ]
    # a dash left alone at either end is debris of the cut
    while toks and toks[0] in ("–", "—", "-", "=", "≠", "→", "|"):
        toks.pop(0)
    while toks and toks[-1] in ("–", "—", "-", "=", "→", "|"):
        toks.pop()
    return " ".join(toks)


def _bullet_body(line: _Line) -> str:
    """The item without its marker (OCR doubles markers: "• 4+ kontroles ...")."""
    text = line.text
    pattern = _OCR_BULLET_RE if line.ocr else _BULLET_RE
    for _ in range(3):
        m = pattern.match(text)
        if not m:
            break
        text = text[m.end() :]
    return text


def _ends_open(text: str) -> bool:
    """A line that continues on the next one (no closing punctuation, or ends on a comma/connective)."""
    t = text.rstrip()
    return not t.endswith((".", "!", "?", ":", ";", "…", ")", "”", '"'))


@dataclass
class _Block:
    lines: list[_Line]
    heading: str = ""

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def has_bullets(self) -> bool:
        return any(ln.kind == "bullet" for ln in self.lines)

    @property
    def first_bullet(self) -> int:
        return next((i for i, ln in enumerate(self.lines) if ln.kind == "bullet"), -1)


def _render_block(lines: Sequence[_Line]) -> tuple[str, str]:
    """Display text of a block and its list lead-in: lines before the first bullet are joined into one
    paragraph; each bullet item (with its wrapped continuation lines) becomes one "• item" line, nested by
    indentation."""
    paras: list[str] = []
    items: list[tuple[int, str]] = []
    base_indent: int | None = None
    for ln in lines:
        if ln.kind == "bullet":
            body = _clean_display(_bullet_body(ln))
            if not body:
                continue
            if base_indent is None:
                base_indent = ln.indent
            depth = 0 if ln.indent <= base_indent else (1 if ln.indent <= base_indent + 4 else 2)
            items.append((depth, body))
            continue
        body = _clean_display(ln.text)
        if not body:
            continue
        if paras and not items and re.search(r"[^\W\d_]-$", paras[-1]) and body[:1].islower():
            paras[-1] = paras[-1][:-1] + body  # a word hyphenated at the end of a PDF line
            continue
        if items:
            # a wrapped continuation of the last item (starts in lower case or the item is still open)
            d, prev = items[-1]
            if body[:1].islower() or _ends_open(prev):
                items[-1] = (d, prev + " " + body)
            else:
                items.append((d, body))
            continue
        paras.append(body)
    lead = " ".join(paras)
    out = [lead] if lead else []
    out += ["  " * d + "• " + t for d, t in items]
    return "\n".join(out), (lead if items else "")


def _depth(block: _Block) -> tuple[str, int]:
    """The level of a heading block: its numbering depth ("3." 1, "3.2." 2, "3.2.1." 3), else its markdown level
    ("#" 1, "##" 2), else unnumbered. Only headings of one level are siblings."""
    m = re.match(r"(\d{1,2}(?:\.\d{1,2})*)\.?\s", block.heading)
    if m:
        return ("number", m.group(1).count(".") + 1)
    md = _MD_HEADING_RE.match(block.lines[0].text) if block.lines else None
    return ("markdown", len(md.group(1))) if md else ("plain", 0)


def _units(blocks: Sequence[_Block]) -> list[Unit]:
    units: list[Unit] = []
    pending: _Block | None = None  # a short lead-in waiting for its list across a blank line
    titles: set[int] = set()  # units made of headings

    def emit(lines: list[_Line], kind_hint: str = "") -> None:
        text, lead = _render_block(lines)
        if not text:
            return
        kind = kind_hint or ("list" if any(ln.kind == "bullet" for ln in lines) else "paragraph")
        if kind == "list" and lines[0].kind == "bullet" and units and units[-1].kind == "list" and len(units) - 1 not in titles:
            # items of one list set apart by blank lines (a word processor's spacing): one list
            prev = units.pop()
            units.append(Unit(prev.text + "\n" + text, "list", prev.start, lines[-1].end, lead=prev.lead))
            return
        units.append(Unit(text, kind, lines[0].start, lines[-1].end, lead=lead))

    for k, b in enumerate(blocks):
        if b.heading:
            if pending is not None:
                emit(pending.lines)
                pending = None
            # headings one after another with nothing between them enumerate (a slide's "1. …", "2. …", a list
            # of steps by their section numbers): a list, not headings
            prev_sib = k > 0 and blocks[k - 1].heading and _depth(blocks[k - 1]) == _depth(b)
            next_sib = k + 1 < len(blocks) and blocks[k + 1].heading and _depth(blocks[k + 1]) == _depth(b)
            if prev_sib and units and units[-1].kind == "list" and units[-1].end <= b.start and (
                units[-1].text.startswith("• ")
            ):
                prev = units.pop()
                units.append(Unit(prev.text + "\n• " + b.heading, "list", prev.start, b.end))
                titles.add(len(units) - 1)
                continue
            if next_sib:
                units.append(Unit("• " + b.heading, "list", b.start, b.end))
                titles.add(len(units) - 1)
                continue
            units.append(Unit(b.heading, "heading", b.start, b.end))
            titles.add(len(units) - 1)
            continue
        if pending is not None:
            lead_colon = pending.lines[-1].text.endswith(":")
            short = n_words(" ".join(x.text for x in b.lines)) <= 120
            if b.lines[0].kind == "bullet" or (lead_colon and short):
                emit(pending.lines + b.lines)
                pending = None
                continue
            emit(pending.lines)
            pending = None
        last = b.lines[-1]
        if not b.has_bullets and (last.text.endswith(":") or (n_words(" ".join(x.text for x in b.lines)) <= 12)):
            pending = b  # a lead-in or a slide's sub-title: its list may follow after a blank line
            continue
        emit(b.lines)
    if pending is not None:
        emit(pending.lines)
    # headings at the end with nothing after them title what follows, in the next section (a section started by
    # the question bank's anchor below them): not part of this one
    while units and len(units) - 1 in titles and len(units) > 1:
        units.pop()
    return units


_CONTINUES_RE = re.compile(
    r"(?:,|\b(?:un|vai|ar|par|no|uz|pie|pēc|līdz|bez|kā|kas|ka|lai|jo|bet|gan|piemēram|tostarp|kuru|kura|kuras|"
    r"kurā|kuri|ir|tiek|to|tās|tā|šo|šī))$",
    re.IGNORECASE,
)


def _continues(prev: _Block, nxt: _Block) -> bool:
    """A sentence split over a page or a blank line: the first block stops on a comma or a word that needs
    more ("…, kas", "… un"), and the next one goes on in lower case."""
    last = prev.lines[-1].text.rstrip()
    first = nxt.lines[0]
    body = _bullet_body(first) if first.kind == "bullet" else first.text
    return bool(_CONTINUES_RE.search(last)) and first.kind != "heading" and body[:1].islower()


def _blocks(lines: Sequence[_Line]) -> list[_Block]:
    """Blank-line separated blocks; a heading line is a block of its own; a sentence cut by a blank line or
    a page break is joined again."""
    out: list[_Block] = []
    cur: list[_Line] = []
    for ln in lines:
        if ln.kind == "heading":
            if cur:
                out.append(_Block(cur))
                cur = []
            out.append(_Block([ln], heading=ln.heading))
            continue
        if ln.kind in ("blank", "break"):
            if cur:
                out.append(_Block(cur))
                cur = []
            continue
        cur.append(ln)
    if cur:
        out.append(_Block(cur))
    joined: list[_Block] = []
    for b in out:
        if joined and not b.heading and not joined[-1].heading and _continues(joined[-1], b):
            if b.lines[0].kind == "bullet":
                b.lines[0].kind = "text"  # the continuation is not a new item
            joined[-1].lines.extend(b.lines)
        else:
            joined.append(b)
    return joined


# ---------------------------------------------------------------------------------------- sections
def _short_title(text: str) -> str:
    t = text.split("\n", 1)[0].lstrip("• ").strip()
    words = t.split()
    if len(words) <= TITLE_MAX_WORDS:
        return t.rstrip(":")
    return " ".join(words[:TITLE_MAX_WORDS]) + " …"


def split_sections(doc: Document, starts: Iterable[tuple[int, str]] = ()) -> list[Section]:
    """The sections of one document, in order. ``starts``: (offset in the cleaned text, title) pairs where a
    section begins (the question bank's anchors, placed by people who read the document); when given, they are
    the only section starts besides the document's beginning, and the document's own structure (headings,
    slide breaks) only shapes the units. The title may be empty."""
    from .sentences import WORD_QUALITY

    lines = _lines(doc.text, ocr=bool(doc.meta.ocr))
    _classify(lines)
    extra = sorted(starts)
    extra_titles: dict[int, str] = {}
    # map each extra start to the line holding it
    li = 0
    for off, title in extra:
        while li + 1 < len(lines) and lines[li + 1].start <= off:
            li += 1
        # the anchor may sit on a blank/boundary line's neighbour: move to the next content line
        j = li
        while j < len(lines) and lines[j].kind in ("blank", "break"):
            j += 1
        # an anchor placed on a wrapped line's continuation starts the section at its sentence instead
        while 0 < j < len(lines) and lines[j].text[:1].islower() and lines[j - 1].text and _ends_open(lines[j - 1].text):
            j -= 1
        if j < len(lines):
            extra_titles.setdefault(j, title)

    groups: list[tuple[str, list[_Line]]] = []
    cur: list[_Line] = []
    cur_title = ""
    blank_run = 0

    def flush() -> None:
        nonlocal cur, cur_title
        if any(ln.kind not in ("blank", "break") for ln in cur):
            groups.append((cur_title, cur))
        cur, cur_title = [], ""

    for i, ln in enumerate(lines):
        if ln.kind == "blank":
            blank_run += 1
            cur.append(ln)
            continue
        slide_break = blank_run >= 2 or ln.kind in ("break", "break+text")
        blank_run = 0
        if i in extra_titles:
            flush()
            cur_title = extra_titles[i]
        elif extra_titles:
            pass  # people marked this document's sections (the question bank): their starts are the only ones
        elif ln.kind == "heading":
            flush()
            cur_title = ln.heading
        elif slide_break and any(x.kind not in ("blank", "break") for x in cur):
            flush()
        if ln.kind == "break+text":
            ln.kind = "heading" if _heading_of(ln.text) else ("bullet" if ln.bullet() else "text")
            if ln.kind == "heading":
                ln.heading = _heading_of(ln.text)
        cur.append(ln)
    flush()

    sections: list[Section] = []
    for title, glines in groups:
        units = _units(_blocks(glines))
        if not units:
            continue
        # split an over-long section at unit boundaries
        parts: list[list[Unit]] = [[]]
        words = 0
        for u in units:
            if parts[-1] and words + u.words > MAX_SECTION_WORDS and u.kind != "heading":
                parts.append([])
                words = 0
            parts[-1].append(u)
            words += u.words
        for k, part in enumerate(parts):
            if not part:
                continue
            t = title or next((u.text for u in part if u.kind == "heading"), "") or _short_title(part[0].text)
            if k > 0 and title:
                t = f"{title} ({k + 1})"
            checked = tuple(_check(u, WORD_QUALITY) for u in part)
            start, end = checked[0].start, checked[-1].end
            digest = hashlib.sha1(f"{doc.meta.source_file}\x00{start}\x00{t}".encode()).hexdigest()[:8]
            sections.append(
                Section(
                    key=f"{doc.meta.id}#{len(sections)}-{digest}",
                    doc=doc.meta.source_file,
                    doc_id=doc.meta.id,
                    doc_title=doc.meta.title,
                    title=_clean_display(t),
                    start=start,
                    end=end,
                    units=checked,
                    ordinal=len(sections),
                )
            )
    return sections


_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_PHONE_RE = re.compile(r"(?<!\d)(?:\+371[\s-]?)?\d{2}\s?\d{3}\s?\d{3}(?!\d)")
_URL_RE = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)


def is_contact_text(text: str) -> bool:
    """Contact details: a phone number, an e-mail address or a link make up a large part of the text."""
    no_urls = _URL_RE.sub(" ", text)  # a number inside a link is no phone
    people = _EMAIL_RE.findall(no_urls) + _PHONE_RE.findall(_EMAIL_RE.sub(" ", no_urls))
    if not people:
        return False
    rest = _PHONE_RE.sub(" ", _EMAIL_RE.sub(" ", no_urls))
    # mostly contact details: the rest is short (a name, a department) next to the phones and e-mails
    return n_words(rest) <= 12 + 2 * len(people)


_MARKER_RE = re.compile(r"^\s*• ", re.MULTILINE)


PARTIAL_NOTE = "(… daļa saraksta skenētajā dokumentā nav salasāma)"


def _line_ok(line: str, quality) -> bool:
    return all(good for *_x, good in quality.flags(_MARKER_RE.sub("", line)))


def _check(u: Unit, quality) -> Unit:
    """Readability: a unit whose every word is a word is shown whole; a list whose lead-in and at least half of
    its items read well is shown without the unreadable items (with a note saying so); anything else is kept
    for search only."""
    contact = is_contact_text(u.text)
    lines = u.text.split("\n")
    ok = [_line_ok(ln, quality) for ln in lines]
    if all(ok):
        return Unit(u.text, u.kind, u.start, u.end, True, contact, u.lead)
    if u.kind == "list" and len(lines) >= 3:
        has_lead = not lines[0].lstrip().startswith("•")
        items = [(ln, g) for ln, g in zip(lines[1:] if has_lead else lines, ok[1:] if has_lead else ok, strict=True)]
        good_items = [ln for ln, g in items if g]
        if (not has_lead or ok[0]) and len(good_items) >= 2 and 2 * len(good_items) >= len(items):
            shown = ([lines[0]] if has_lead else []) + good_items + [PARTIAL_NOTE]
            return Unit("\n".join(shown), u.kind, u.start, u.end, True, contact, u.lead, full=u.text)
    return Unit(u.text, u.kind, u.start, u.end, False, contact, u.lead)


def corpus_vocabulary(docs: Sequence[Document]) -> set[str]:
    """Words that count as real words besides hunspell-lv's: every word of the clean (not OCR) documents. Words of
    scanned documents only count through hunspell-lv or a clean document (two scans of one slide template share
    their debris)."""
    clean: set[str] = set()
    for d in docs:
        if not d.meta.ocr:
            clean |= {w.lower() for w in _WORD_RE.findall(d.text) if not w.isdigit()}
    return clean


def sections_of(docs: Sequence[Document], starts: dict[str, list[tuple[int, str]]] | None = None) -> list[Section]:
    """Sections of every document (``starts``: extra section starts per document source_file)."""
    from .sentences import WORD_QUALITY

    WORD_QUALITY.learn(corpus_vocabulary(docs))
    out: list[Section] = []
    for d in docs:
        out.extend(split_sections(d, (starts or {}).get(d.meta.source_file, ())))
    return out


__all__ = [
    "SECTIONS_VERSION",
    "UNREADABLE_NOTE",
    "Section",
    "Unit",
    "corpus_vocabulary",
    "is_contact_text",
    "sections_from_chunks",
    "sections_of",
    "split_sections",
]


def sections_from_chunks(chunks: Sequence) -> list[Section]:
    """One section per chunk (for a retriever built without sections: stand-in retrievers in tests): the chunk's
    text split into units the same way, its heading as the title. Without the documents there is no telling
    clean text from OCR, so every word of the chunks counts as corpus vocabulary."""
    from .sentences import WORD_QUALITY

    WORD_QUALITY.learn(w for c in chunks for w in _WORD_RE.findall(c.text) if not w.isdigit())
    out: list[Section] = []
    for c in chunks:
        lines = _lines(c.text, ocr=True)  # no document to tell: every marker reading counts
        for ln in lines:
            ln.start += c.start
            ln.end += c.start
        _classify(lines)
        for ln in lines:
            if ln.kind == "break+text":
                ln.kind = "text"
        units = tuple(_check(u, WORD_QUALITY) for u in _units(_blocks(lines)))
        if not units:
            continue
        out.append(
            Section(
                key=f"{c.chunk_id}",
                doc=c.doc,
                doc_id="",
                doc_title=c.title,
                title=_clean_display(c.section or _short_title(units[0].text)),
                start=c.start,
                end=max(c.end, c.start + 1),
                units=units,
                ordinal=c.position,
            )
        )
    # sections of one document must not overlap for the router's offset look-up: keep the document order
    out.sort(key=lambda s: (s.doc, s.start))
    return out
