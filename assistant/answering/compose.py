"""Select and compose: the answer made of whole units of the guidance, short, with its full section one step away.

**Select.** Among the units of the routed sections, the lead is the unit that answers the question: its share of
the question's weighted content words (the section title counts as context, discounted), the section's route
score, and, for a section the question bank routed to, its first substantial unit (people anchored the section
where its answer starts). Definitions ("Kas ir X?") lead with the unit that defines X. A second unit joins only
when it answers another part of the question (adds :data:`~thresholds.Thresholds.min_second_gain` of the
question's weight) and fits the word budget.

**Compose.** Units are shown whole: a paragraph, a lead-in with its list (items kept in order; a list longer
than the budget is cut between items, with a line saying how many items the full section holds), never a cut
sentence, never a heading alone (a list without a lead-in gets the section title as its lead-in), never a unit
with an OCR non-word, never contact details unless the question asks whom to contact.

Example:
    draft = Composer().run(question, routes)
    draft.text, draft.citations[0].section_text
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..retrieval.definitions import defined_terms
from ..sections import PARTIAL_NOTE, Section, Unit
from ..sentences import WORD_QUALITY, content_stems
from ..textnorm import fold
from ..types import Chunk, Citation
from .fragments import asks_for_contact, label_line, line_cut, more_items_note
from .question import Question
from .route import Route
from .thresholds import THRESHOLDS

TITLE_WEIGHT = 0.6  # the section title matches as context, discounted
@dataclass
class Draft:
    """The composed answer: text with [n] markers and the citations (one per section used)."""

    text: str
    citations: list[Citation]
    units: list[tuple[int, Unit]] = field(default_factory=list)  # (citation number, unit) in answer order
    coverage: float = 0.0  # weighted share of the question's content words in the answer (+ titles)
    lead_score: float = 0.0
    route: Route | None = None
    defines: bool = False  # the answer leads with the definition of what the question asks about
    # what the judge weighs: the answer without a second section shown only because the router could not tell
    # it from the lead (a near tie); the whole answer otherwise
    lead_coverage: float = 0.0
    lead_text: str = ""
    hedge_n: int = 0  # the citation number of that near-tie section (0: none)


def _stems(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


class Composer:
    """Whole-unit extractive answers (see the module docstring)."""

    def __init__(self) -> None:
        self._idf: dict[str, float] = {}
        self._unit_stems: dict[tuple[str, int], frozenset[str]] = {}

    def warm_up(self, sections: Sequence[Section], documents: Sequence = ()) -> None:
        """Inverse section frequency of every stem (a word in every section tells little); ``documents`` (the
        loaded corpus) let a citation carry the document's own text and spans of what it quotes."""
        self._documents = {d.meta.source_file: d for d in documents}
        self._before = {}  # the section just before each one in its document
        by_doc: dict[str, list[Section]] = {}
        for s in sections:
            by_doc.setdefault(s.doc, []).append(s)
        for secs in by_doc.values():
            secs = sorted(secs, key=lambda x: x.start)
            for a, b in zip(secs, secs[1:]):
                self._before[b.key] = a
        df: dict[str, int] = {}
        for s in sections:
            for st in _stems(s.search_text + " " + s.title):
                df[st] = df.get(st, 0) + 1
        n = max(len(sections), 1)
        self._idf = {st: math.log(1 + n / c) for st, c in df.items()}
        self._default_idf = math.log(1 + n)

    def idf(self, stem: str) -> float:
        return self._idf.get(stem, getattr(self, "_default_idf", 1.0))

    def weight_of(self, q: Question, stems: frozenset[str], context: frozenset[str] = frozenset()) -> float:
        """Weighted, idf-scaled share of the question's stems found in ``stems`` (``context`` discounted)."""
        # the idf-weighted stems are kept on the question itself (one request, many windows; no shared state
        # between concurrent requests)
        cached = q.__dict__.get("_idf_weights")
        if cached is None:
            pairs = [(s, w * self.idf(s)) for s, w in q.weights.items()]
            cached = q.__dict__["_idf_weights"] = (pairs, sum(x for _s, x in pairs) or 1.0)
        pairs, total = cached
        got = 0.0
        for s, x in pairs:
            if s in stems:
                got += x
            elif s in context:
                got += TITLE_WEIGHT * x
        return got / total

    # -- select ---------------------------------------------------------------------------------------
    @staticmethod
    def showable(u: Unit, contact_ok: bool) -> bool:
        """May the unit be shown at all: a readable, whole piece of text (no OCR non-word, no cut sentence,
        no contact details unless asked, not a scanned table's figures)?"""
        if u.kind == "heading" or not u.readable:
            return False
        if u.contact and not contact_ok:
            return False
        words = re.findall(r"[^\W\d_]{2,}", u.text)
        if len(words) < 2 or len(words) < len(u.text.split()) / 2:
            return False  # labels and figures of a scanned diagram ("7 — 7 4")
        return not any(line_cut(ln) for ln in u.text.split("\n"))  # never a cut sentence

    @staticmethod
    def says_something(u: Unit) -> bool:
        """A statement or a list (or an item of a list whose bullets the PDF lost: it ends in ";"), not a
        title or a question: a piece of an answer that can lead it."""
        t = u.text.rstrip()
        if u.kind != "list" and t.endswith("?"):
            return False  # a question (an evaluation checklist, a FAQ's question) answers nothing by itself
        return u.kind == "list" or t.endswith(";") or WORD_QUALITY.statement(t) or u.words >= 12

    def _defines(self, q: Question, u: Unit) -> bool:
        """The unit defines what the question asks about: the subject of "Kas ir X?", the concept of
        "Vai … ir X?"."""
        subject = set(q.subject) if q.kind == "definition" else set(content_stems(q.concept)) if q.concept else set()
        if not subject:
            return False
        for term in defined_terms(u.text) + defined_terms(u.text, loose=True):
            if subject <= set(content_stems(term)):
                return True
        return False

    def windows(self, q: Question, routes: Sequence[Route], contact_ok: bool) -> list[tuple[float, Route, list[int]]]:
        """Candidate answers: runs of consecutive showable units of one routed section that fit the budget (a
        single unit always fits), scored by how much of the question they cover and how surely their section
        was routed; best first."""
        if not routes:
            return []
        top = routes[0].score or 1.0
        t = THRESHOLDS
        budget = t.answer_words
        out: list[tuple[float, Route, list[int]]] = []
        for r in routes[:3]:
            title = _stems(r.section.title)
            units = r.section.units
            show = [i for i, u in enumerate(units) if self.showable(u, contact_ok)]
            stems = {i: _stems(units[i].text) for i in show}
            said = {i: self.says_something(units[i]) for i in show}
            banked = "bank" in r.channels or "bank_dense" in r.channels
            for a in range(len(show)):
                acc: set[str] = set()
                words = 0
                for b in range(a, len(show)):
                    u = units[show[b]]
                    w = _shown_words(u)
                    if b > a and words + w > budget:
                        break
                    words += w
                    acc |= stems[show[b]]
                    if u.text.rstrip().endswith(":"):
                        continue  # a lead-in never ends an answer: what it leads in must follow
                    run = _display_run(units, show[a : b + 1], said)
                    if not run or not any(said[i] for i in run):
                        continue  # titles alone are not an answer
                    cov = self.weight_of(q, frozenset().union(*(stems[i] for i in run)), title)
                    # a fuller piece of the same section wins a tie: the section is one answer people marked
                    score = t.w_window_cov * cov + (1 - t.w_window_cov) * (r.score / top) + 0.01 * (len(run) - 1)
                    if a == 0 and banked:
                        score += 0.03  # people anchored the section where its answer starts
                    if self._defines(q, units[show[a]]):
                        score += 0.3
                    out.append((score, r, run))
        out.sort(key=lambda t: (-t[0], t[1].section.ordinal, t[2][0], len(t[2])))
        return out

    def _context(self, r: Route, run: list[int], contact_ok: bool) -> tuple[Route, list[int]] | None:
        """For a run opening its section on a sentence that refers back, the last statement of the section before
        it (same document), as a route of its own; else None."""
        units = r.section.units
        if not run or any(self.showable(units[i], contact_ok) for i in range(run[0])):
            return None
        if not _REFERS_BACK_RE.match(fold(units[run[0]].text)):
            return None
        prev = getattr(self, "_before", {}).get(r.section.key)
        if prev is None:
            return None
        # the end of that section, as much as half an answer holds (its trailing lead-in left out)
        picked: list[int] = []
        words = 0
        for j in range(len(prev.units) - 1, -1, -1):
            u = prev.units[j]
            if not self.showable(u, contact_ok):
                break
            if not picked and (not self.says_something(u) or u.text.rstrip().endswith(":")):
                continue
            if words + _shown_words(u) > THRESHOLDS.answer_words // 2:
                break
            picked.insert(0, j)
            words += _shown_words(u)
        return (Route(prev, 0.0), picked) if picked else None

    # -- compose --------------------------------------------------------------------------------------
    def run(self, q: Question, routes: Sequence[Route], *, folded: str = "") -> Draft:
        contact_ok = asks_for_contact(folded)
        wins = self.windows(q, routes, contact_ok)
        if not wins:
            return Draft("", [], [], 0.0, 0.0, routes[0] if routes else None)
        lead_score, lead_route, run = wins[0]
        chosen: list[tuple[Route, list[int]]] = [(lead_route, run)]
        covered = set(_stems(lead_route.section.title))
        for i in run:
            covered |= _stems(lead_route.section.units[i].text)
        words = sum(_shown_words(lead_route.section.units[i]) for i in run)
        context = self._context(lead_route, run, contact_ok)
        extra = sum(_shown_words(context[0].section.units[i]) for i in context[1]) if context is not None else 0
        if context is not None and words + extra <= THRESHOLDS.answer_words + 20:
            # the answer opens on a sentence that points back ("Arī tad, ja …", "Tāpēc …"): what it points back to,
            # the end of the section before it, comes first
            chosen.insert(0, context)
            words += extra
            for i in context[1]:
                covered |= _stems(context[0].section.units[i].text)
        base = self.weight_of(q, frozenset(covered))
        hedge = False
        # the lead defines what is asked ("Kas ir dzīves situācija?"): that answers it, no alternative is shown
        lead_defines = self._defines(q, lead_route.section.units[run[0]])
        # a second piece only from another section, when it answers another part of the question
        for score, r, run2 in wins[1:]:
            if r.section.key == lead_route.section.key or r.score < THRESHOLDS.second_route_share * lead_route.score:
                continue
            w2 = sum(_shown_words(r.section.units[i]) for i in run2)
            if words + w2 > THRESHOLDS.answer_words + 20:
                continue
            new = set(covered)
            for i in run2:
                new |= _stems(r.section.units[i].text)
            gain = self.weight_of(q, frozenset(new)) - base
            # another part of the question, or a section routed almost as surely as the lead: the guidance
            # answers it in two places and the router cannot tell which one the asker means
            near_tie = r.score >= THRESHOLDS.near_tie_share * lead_route.score and not lead_defines
            if gain < THRESHOLDS.min_second_gain and not near_tie:
                continue
            hedge = gain < THRESHOLDS.min_second_gain  # shown for the near tie only, not for another part
            if hedge and not self.says_something(r.section.units[run2[0]]):
                continue  # an alternative opens on a statement, never on a slide's label
            chosen.append((r, run2))
            covered = new | _stems(r.section.title)
            words += w2
            break
        text_parts: list[str] = []
        used: list[tuple[int, Unit]] = []
        citations: list[Citation] = []
        total = sum(_shown_words(r.section.units[i]) for r, idx in chosen for i in idx)
        quotes: list[str] = []
        lead_parts = 0
        for n, (r, idx) in enumerate(chosen, 1):
            for k, i in enumerate(idx):
                u = r.section.units[i]
                # a list gets what the other units leave of the budget (never less than LIST_SHOWN_WORDS)
                room = max(THRESHOLDS.answer_words - (total - _shown_words(u)), LIST_SHOWN_WORDS)
                shown, quoted = _render(
                    u, n, r.section, room, marker=k == 0, titled=k == 0,
                    score=lambda text: self.weight_of(q, _stems(text)),
                )
                text_parts.append(shown)
                quotes.append(quoted)
                used.append((n, u))
            if not (hedge and n == len(chosen)):
                lead_parts = len(text_parts)
            quote = "\n".join(quotes)
            quotes = []
            units = [r.section.units[i] for i in idx]
            doc = getattr(self, "_documents", {}).get(r.section.doc)
            citations.append(
                Citation(n=n, chunk=_section_chunk(r, units, doc), quote=quote, section_text=r.section.text)
            )
        coverage = self.weight_of(q, frozenset(covered))
        return Draft(
            text="\n\n".join(text_parts),
            citations=citations,
            units=used,
            coverage=coverage,
            lead_coverage=base if hedge else coverage,
            lead_text="\n\n".join(text_parts[:lead_parts]),
            hedge_n=len(chosen) if hedge else 0,
            lead_score=lead_score,
            route=lead_route,
            defines=lead_defines,
        )


def _display_run(units: Sequence[Unit], run: list[int], said: dict[int, bool]) -> list[int]:
    """The units of a run that are shown: a short label (under four words, no statement) only right before the
    list it titles, a lead-in ending in ":" only right before what it leads in; a slide's other labels are left
    out."""
    out: list[int] = []
    for k, i in enumerate(run):
        nxt = units[run[k + 1]] if k + 1 < len(run) else None
        u = units[i]
        before_list = nxt is not None and nxt.kind == "list"
        label = u.kind == "paragraph" and label_line(u.text)
        if label and u.words < 4 and not before_list:
            continue  # a diagram's label ("Būtība", "Apmierināti"); a longer noun phrase of a slide stays…
        if label and not before_list and out and units[out[-1]].kind == "paragraph" and label_line(units[out[-1]].text):
            continue  # … but never two labels in a row (a scanned diagram read line by line)
        if label and not before_list and nxt is not None and nxt.kind == "paragraph" and label_line(nxt.text):
            continue
        if u.text.rstrip().endswith(":") and (nxt is None or (u.kind == "paragraph" and nxt.kind != "list")):
            continue
        out.append(i)
    return out


# a sentence that opens by pointing back at what was said before it: "arī" (also), "tāpēc"/"tādēļ"/"tātad"/"līdz
# ar to" (therefore), "turklāt"/"savukārt"/"tomēr"/"tāpat" (moreover, whereas, yet, likewise), and a demonstrative
# subject ("tas", "tā", "šis", "šie" …) or "tad" (then). Folded (no diacritics).
_REFERS_BACK_RE = re.compile(
    r"^(?:ari|tapec|tadel|tatad|lidz ar to|turklat|savukart|tomer|tapat|tad|tas|ta|tie|tas|sis|si|sie|sis|so|sai|saja)\b"
)

LIST_SHOWN_WORDS = 80  # a long list is shown cut between items: it counts this much toward the budget


def _shown_words(u: Unit) -> int:
    return min(u.words, LIST_SHOWN_WORDS) if u.kind == "list" else u.words


def _render(
    u: Unit,
    n: int,
    section: Section,
    budget: int,
    *,
    marker: bool = True,
    titled: bool = True,
    score=None,
) -> tuple[str, str]:
    """A unit as shown in the answer (its citation marker after its first line, a list's lead-in) and the
    part of the document it shows (the quote). ``titled``: a list without a lead-in may get the section title
    as its lead-in (the first unit of a citation only). A list longer than ``budget`` words keeps the items that
    answer the question best (``score`` of an item's text; document order kept, nested items with their item)
    and says how many are left out."""
    lines = u.text.split("\n")
    titled = (
        titled and u.kind == "list" and bool(lines) and lines[0].startswith(("• ", "  •")) and _clean_title(section.title)
    )
    if titled:
        lines.insert(0, section.title.rstrip(":.") + ":")  # a list without a lead-in: the title leads it in
    head = lines[0]
    items = lines[1:]
    # top-level items with their nested items
    groups: list[list[str]] = []
    for it in items:
        if it.startswith("  ") and groups:
            groups[-1].append(it)
        else:
            groups.append([it])
    size = [sum(len(x.split()) for x in g) for g in groups]
    total = len(head.split())
    if total + sum(size) <= budget:
        chosen = list(range(len(groups)))
    else:
        order = sorted(range(len(groups)), key=lambda i: (-(score("\n".join(groups[i])) if score else 0.0), i))
        chosen = []
        for i in order:
            if chosen and total + size[i] > budget:
                continue
            chosen.append(i)
            total += size[i]
        chosen.sort()
    kept: list[str] = []
    for i in chosen:
        g = groups[i]
        if len(chosen) == 1 and len(g) > 1 and size[i] > budget:
            # one long item with many sub-items: the item and its first sub-items that fit
            room = budget - len(head.split())
            part = [g[0]]
            for x in g[1:]:
                if sum(len(y.split()) for y in part) + len(x.split()) > room:
                    break
                part.append(x)
            g = part
        kept.extend(g)
    out = [f"{head} [{n}]" if marker else head, *kept]
    left = len(items) - len(kept)
    if left > 0:
        out.append(more_items_note(left))
    quoted = [x for x in (kept if titled else [head, *kept]) if PARTIAL_NOTE not in x]  # our own note is no quote
    return "\n".join(out), "\n".join(quoted)


def _clean_title(title: str) -> bool:
    """A title that may lead in a list: whole words only, not cut ("…")."""
    from ..sentences import WORD_QUALITY

    t = title.strip()
    return bool(t) and not t.endswith("…") and all(g for *_x, g in WORD_QUALITY.flags(t))


def _section_chunk(r: Route, units: Sequence[Unit], doc=None) -> Chunk:
    """The citation's passage: the document's own text of the units the answer uses, with its span in the cleaned
    and the original text (the viewer scrolls to it); without the document, the units as shown. The whole section
    travels beside it as ``Citation.section_text``."""
    s = r.section
    start, end = units[0].start, units[-1].end
    text = "\n\n".join(u.text for u in units)
    o_start = o_end = 0
    if doc is not None and 0 <= start < end <= len(doc.text):
        text = doc.text[start:end]
        o_start, o_end = doc.original_span(start, end)
    return Chunk(
        chunk_id=r.chunk.chunk_id if r.chunk is not None else s.key,
        doc=s.doc,
        title=s.doc_title,
        section=s.title,
        text=text,
        position=s.ordinal,
        start=start,
        end=end,
        orig_start=o_start,
        orig_end=o_end,
    )


__all__ = ["Composer", "Draft", "asks_for_contact"]
