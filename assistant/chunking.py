"""Structure-following chunking: sections, slide titles, bullet lists kept with their lead-in sentence.

Each chunk carries its document title and section heading, a stable content-hash id and its character span
in both the cleaned and the original text. Target ~60-160 words, never above :data:`MAX_WORDS`.

Example:
    chunks = chunk_document(doc); chunks[0].section, chunks[0].chunk_id
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from .types import Chunk, Document

CHUNKER_VERSION = "chunk-4"
TARGET_WORDS = 110
MIN_WORDS = 50
SOFT_MAX_WORDS = 170
MAX_WORDS = 280

_MD_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_NUM_HEADING_RE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+([A-ZĀČĒĢĪĶĻŅŠŪŽ„\"“].{2,100})$")
_BULLET_RE = re.compile(r"^\s*(?:[•●▪◦‣∙·✓✔➢►\-–—*]|\+{1,3}|4\+?|o|\d{1,2}[.)])\s+")
_OCR_BULLET_RE = re.compile(r"^\s*(?:\+{1,3}|4\+|4(?=\s)|\*)\s*")
_WORD_RE = re.compile(r"\w+", re.UNICODE)
_SENT_RE = re.compile(r"(?<=[.!?;])\s+(?=[A-ZĀČĒĢĪĶĻŅŠŪŽ„\"“•])")


def n_words(text: str) -> int:
    return len(_WORD_RE.findall(text))


@dataclass
class _Line:
    start: int
    end: int
    text: str  # stripped


@dataclass
class _Block:
    lines: list[_Line]
    heading: str | None = None  # this block is a heading line

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def words(self) -> int:
        return sum(n_words(ln.text) for ln in self.lines)


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        out.append(_Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def _is_heading(line: str) -> str | None:
    m = _MD_HEADING_RE.match(line)
    if m:
        return m.group(2).strip().strip("*").strip()
    m = _NUM_HEADING_RE.match(line)
    if m and n_words(m.group(2)) <= 12 and not line.rstrip().endswith((",", ";", ":", ".")):
        return f"{m.group(1)}. {m.group(2).strip()}"
    return None


def _boilerplate(lines: list[_Line]) -> set[str]:
    """Short lines repeated on many slides (ministry name, footers): dropped from chunk text."""
    counts = Counter(ln.text for ln in lines if ln.text)
    return {t for t, c in counts.items() if c >= 4 and n_words(t) <= 8 and not _BULLET_RE.match(t)}


def _blocks(lines: list[_Line], boiler: set[str]) -> list[_Block]:
    """Paragraph blocks; a bullet line stays with the block above it (its lead-in)."""
    blocks: list[_Block] = []
    cur: list[_Line] = []

    def flush() -> None:
        nonlocal cur
        if cur:
            blocks.append(_Block(cur))
        cur = []

    for ln in lines:
        if not ln.text or ln.text in boiler:
            if not ln.text:
                flush()
            continue
        head = _is_heading(ln.text)
        if head:
            flush()
            blocks.append(_Block([ln], heading=head))
            continue
        if _BULLET_RE.match(ln.text) and not cur and blocks and blocks[-1].heading is None:
            cur = blocks.pop().lines  # reattach a list to its lead-in across a blank line
        cur.append(ln)
    flush()
    return blocks


def _norm_line(text: str) -> str:
    m = _MD_HEADING_RE.match(text)
    if m:  # "## Title" -> "Title" (the heading text stays; the markup does not)
        text = m.group(2).strip()
    text = _OCR_BULLET_RE.sub("• ", text) if _OCR_BULLET_RE.match(text) else text
    return " ".join(text.split())


def _split_big(lines: list[_Line]) -> list[list[_Line]]:
    """Split an over-long block at line boundaries (then sentences) into <= SOFT_MAX_WORDS pieces."""
    pieces: list[list[_Line]] = []
    cur: list[_Line] = []
    words = 0
    expanded: list[_Line] = []
    for ln in lines:
        if n_words(ln.text) <= SOFT_MAX_WORDS:
            expanded.append(ln)
            continue
        pos = 0
        for part in _SENT_RE.split(ln.text):
            i = ln.text.find(part, pos)
            expanded.append(_Line(ln.start + i, ln.start + i + len(part), part))
            pos = i + len(part)
    for ln in expanded:
        w = n_words(ln.text)
        if cur and words + w > SOFT_MAX_WORDS:
            pieces.append(cur)
            cur, words = [], 0
        cur.append(ln)
        words += w
    if cur:
        pieces.append(cur)
    # a piece still too long (one giant sentence): cut by words
    final: list[list[_Line]] = []
    for p in pieces:
        if sum(n_words(x.text) for x in p) <= MAX_WORDS:
            final.append(p)
            continue
        for ln in p:
            ws = list(_WORD_RE.finditer(ln.text))
            for k in range(0, len(ws), SOFT_MAX_WORDS):
                a = ws[k].start()
                b = ws[min(k + SOFT_MAX_WORDS, len(ws)) - 1].end()
                final.append([_Line(ln.start + a, ln.start + b, ln.text[a:b])])
    return final


def chunk_document(doc: Document) -> list[Chunk]:
    """Chunks of one document, in order."""
    lines = _lines(doc.text)
    boiler = _boilerplate(lines)
    blocks = _blocks(lines, boiler)
    groups: list[tuple[str, list[_Line]]] = []  # (section, lines)
    section = ""
    cur: list[_Line] = []
    cur_section = ""
    cur_words = 0

    def flush() -> None:
        nonlocal cur, cur_words
        if cur:
            groups.append((cur_section, cur))
        cur, cur_words = [], 0

    for b in blocks:
        if b.heading is not None:
            if cur_words >= MIN_WORDS // 2:
                flush()
            section = b.heading
            if not cur:
                cur_section = section
            cur.extend(b.lines)  # the heading is part of the chunk text (helps lexical match)
            cur_words += b.words
            continue
        bw = b.words
        if bw > SOFT_MAX_WORDS:
            flush()
            for piece in _split_big(b.lines):
                groups.append((section, piece))
            cur_section = section
            continue
        if cur and (cur_words + bw > SOFT_MAX_WORDS or (cur_words >= TARGET_WORDS)):
            flush()
        if not cur:
            cur_section = section
        cur.extend(b.lines)
        cur_words += bw
    flush()

    # merge a tiny trailing group into its predecessor when it fits
    merged: list[tuple[str, list[_Line]]] = []
    for sec, lns in groups:
        w = sum(n_words(x.text) for x in lns)
        if merged and w < 20:
            psec, plns = merged[-1]
            if sum(n_words(x.text) for x in plns) + w <= SOFT_MAX_WORDS:
                merged[-1] = (psec, plns + lns)
                continue
        merged.append((sec, lns))

    chunks: list[Chunk] = []
    seen: set[str] = set()
    for pos, (sec, lns) in enumerate(merged):
        text = "\n".join(t for t in (_norm_line(x.text) for x in lns) if t)
        if not text.strip():
            continue
        start, end = lns[0].start, lns[-1].end
        if not sec:
            first = _norm_line(lns[0].text).lstrip("• ").strip()
            sec = first if len(first) <= 90 else first[:87].rsplit(" ", 1)[0] + "…"
        o_start, o_end = doc.original_span(start, end)
        cid = hashlib.sha1(f"{doc.meta.source_file}\x00{sec}\x00{text}".encode()).hexdigest()[:16]
        if cid in seen:
            cid = hashlib.sha1(f"{cid}\x00{pos}".encode()).hexdigest()[:16]
        seen.add(cid)
        chunks.append(
            Chunk(
                chunk_id=cid,
                doc=doc.meta.source_file,
                title=doc.meta.title,
                section=sec,
                text=text,
                position=len(chunks),
                start=start,
                end=end,
                orig_start=o_start,
                orig_end=o_end,
            )
        )
    return chunks


def chunk_documents(docs: list[Document]) -> list[Chunk]:
    out: list[Chunk] = []
    for d in docs:
        out.extend(chunk_document(d))
    return out


def indexed_text(chunk: Chunk) -> str:
    """What the retrievers see: title and section give context to short slide chunks."""
    head = chunk.title if not chunk.section or chunk.section in chunk.text[:200] else f"{chunk.title}. {chunk.section}"
    return f"{head}\n{chunk.text}"

