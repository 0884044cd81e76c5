"""A mechanical check of an answer for fragments: what must never reach a user.

- ``cut``: a line that stops mid-sentence (ends on a comma, a dash or a word that needs a continuation: "un",
  "piemēram", "tostarp", a preposition), or starts mid-sentence (a lower-case continuation that is not a list
  item), or whose parentheses do not close;
- ``heading``: an answer that is only a title or heading (short lines without a statement), a lead-in ending in
  ":" with nothing after it, or two statement-less label lines in a row (a scanned diagram's labels);
- ``ocr``: a token that is not a word: not in hunspell-lv or the corpus vocabulary, not a number, not a known
  abbreviation;
- ``contact``: a phone number or e-mail address when the question does not ask whom to contact.

The composer uses the same test on every unit it shows; ``python -m evals answers`` runs it on every answer
and lists the offenders.

Example:
    problems("Iestāde veido veicinošu regulējumu, nosakot, piemēram. [1]", "Kā veicināt?")  # -> ["cut"]
"""

from __future__ import annotations

import re

from ..sentences import WORD_QUALITY
from ..textnorm import fold, fold_word

_CONTACT_Q = re.compile(
    r"\b(?:kontakt\w*|e-past\w*|epast\w*|talrun\w*|telefon\w*|zvanit|zvanu|rakstit|sazinat\w*|"
    r"kam\s+\w*\s*(?:versties|jautat)|kur\s+(?:var\s+)?(?:versties|jautat))\b"
)


def asks_for_contact(folded_question: str) -> bool:
    """Does the (folded) question ask whom to contact? Only then may contact details be shown."""
    return bool(_CONTACT_Q.search(folded_question))


_MARKER_RE = re.compile(r"\s*\[\d{1,2}\]")
_BULLET_RE = re.compile(r"^\s*•\s+")
# words after which a Latvian sentence cannot end (conjunctions, prepositions, "for example", relative pronouns)
_DANGLING = frozenset(
    fold_word(w)
    for w in (
        "un vai ar par no uz pie pēc līdz bez pret starp caur aiz virs zem ap kā kas ka lai jo bet tomēr gan "
        "piemēram tostarp t.sk arī kuru kura kuras kurā kurš kuri kurām kuriem kam kā, ir tiek būs nav ne "
        "tajā šajā to tā tās tie šo šī šie"
    ).split()
)
_PHONE_RE = re.compile(r"(?<!\d)(?:\+371[\s-]?)?\d{2}\s?\d{3}\s?\d{3}(?!\d)")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# the composer's own notes: a list cut for length, a list whose unreadable scanned items are left out
_OWN_LINE_RE = re.compile(r"^\(… (?:un vēl \d+ punkt|daļa saraksta skenētajā dokumentā)")


def own_line(line: str) -> bool:
    """A line the composer adds ("(… un vēl 9 punkti: skatiet visu sadaļu.)"), not text of the documents."""
    return bool(_OWN_LINE_RE.match(line.strip()))
# a list cut for length, as the app shows it: its "show the whole section" button is one step away
_MORE_ITEMS_RE = re.compile(r"^\(… un vēl (\d+) (punkts|punkti): skatiet visu sadaļu\.\)[ \t]*$", re.MULTILINE)
_MARKER_RE = re.compile(r"\[(\d+)\]")


def _items(left: int) -> str:
    return f"{left} {'punkts' if left % 10 == 1 and left % 100 != 11 else 'punkti'}"


def more_items_note(left: int) -> str:
    """The app's line under a list cut for length (the whole section is a button away)."""
    return f"(… un vēl {_items(left)}: skatiet visu sadaļu.)"


def for_letter(text: str) -> str:
    """An answer as a letter or e-mail carries it: notes that point at the app ("skatiet visu sadaļu", its
    whole-section button) point at the cited source instead, by the number of the list they close ("[2]"), which
    the letter's source list names by title. The numbers themselves are left as they are."""

    def note(m: re.Match[str]) -> str:
        markers = _MARKER_RE.findall(text, 0, m.start())
        where = f"avotā [{markers[-1]}]" if markers else "avotā"
        return f"(… un vēl {m.group(1)} {m.group(2)}: pilns saraksts {where}.)"

    return _MORE_ITEMS_RE.sub(note, text)


def _lines(answer: str) -> list[str]:
    return [ln.strip() for ln in answer.split("\n") if ln.strip()]


def problems(answer: str, question: str = "") -> list[str]:
    """The kinds of fragment found in an answer (empty when it is clean)."""
    return sorted({kind for kind, _line in details(answer, question)})


def _dangling_start(body: str) -> bool:
    first = body.split(" ", 1)[0] if body else ""
    return body[:1] in ",;)" or (body[:1].islower() and fold_word(first.strip('"„“”(),')) in _DANGLING)


def unbalanced(text: str) -> bool:
    """Parentheses that do not close (or close what never opened): a piece cut out of a longer text."""
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return True
    return depth != 0


def label_line(line: str) -> bool:
    """A short line that states nothing: no finite verb, no sentence or list-item ending (".", ";", ":"), at most
    six words — a title, a table's row label, a diagram's box."""
    body = _BULLET_RE.sub("", line.strip())
    if not body or body.rstrip().endswith((".", ";", ":", "!", "?")) or len(body.split()) > 6:
        return False
    return not WORD_QUALITY.statement(body)


def line_cut(line: str) -> bool:
    """A line of text that stops or starts mid-sentence (see the module docstring)."""
    if unbalanced(line):
        return True
    body = _BULLET_RE.sub("", line.strip())
    core = body.rstrip(" .")
    last = core.rsplit(" ", 1)[-1] if core else ""
    if body.endswith((",", "–", "—", "-", "(")) or (fold_word(last.strip('"„“”()')) in _DANGLING and len(body.split()) > 1):
        return True
    return _dangling_start(body) and not line.strip().startswith("•")


def details(answer: str, question: str = "") -> list[tuple[str, str]]:
    """(kind, offending line) for every fragment found in an answer."""
    found: list[tuple[str, str]] = []
    lines = [_MARKER_RE.sub("", ln).strip() for ln in _lines(answer)]
    lines = [ln for ln in lines if ln and not _OWN_LINE_RE.match(ln)]
    if not lines:
        return [("empty", "")]
    for i, ln in enumerate(lines):
        body = _BULLET_RE.sub("", ln)
        if line_cut(ln):
            found.append(("cut", ln))
        if body.endswith(":") and not ln.startswith("•") and (i + 1 >= len(lines) or not lines[i + 1].startswith("•")):
            found.append(("heading", ln))
    # a scanned diagram's labels: two or more short lines in a row that say nothing and are not list items
    run = 0
    for k, ln in enumerate(lines):
        titles_a_list = k + 1 < len(lines) and lines[k + 1].startswith("•")
        if not ln.startswith("•") and label_line(ln) and not titles_a_list:
            run += 1
            if run >= 2:
                found.append(("heading", ln))
                break
        else:
            run = 0
    # bare heading: nothing but short statement-less lines
    if all(len(_BULLET_RE.sub("", ln).split()) <= 6 and not re.search(r"[.!?]$", ln) for ln in lines) and not any(
        ln.startswith("•") for ln in lines
    ):
        found.append(("heading", lines[0]))
    for ln in lines:
        body = _BULLET_RE.sub("", ln)
        bad = [body[a:b] for a, b, good in WORD_QUALITY.flags(body) if not good]
        if bad:
            found.append(("ocr", f"{' '.join(bad[:3])} ← {ln[:80]}"))
    if not asks_for_contact(" ".join(fold(question).split())):
        for ln in lines:
            if _PHONE_RE.search(ln) or _EMAIL_RE.search(ln):
                found.append(("contact", ln))
    return found


__all__ = ["asks_for_contact", "details", "label_line", "line_cut", "own_line", "problems", "unbalanced"]
