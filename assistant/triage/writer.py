"""Who wrote a message: a private person about their own matter, an institution's staff, or a seller.

The inbox is for staff who manage services. A private person writes about their own life ("mana pensija", "I
need"), usually from a free webmail address, and their message is out of scope however many service words it has
(a complaint about their visit to a client centre is their case, not a channels question). Staff speak for their
institution ("mūsu iestāde", a signature with the institution). Sellers and event organisers offer something.
These are the writer's signs, separate from what the message is about; :class:`~assistant.triage.topic_model.
TopicJudge` weighs them against the topic evidence. Word lists: ``writer.toml``.

Example:
    w = writer_signs("janis@gmail.com", "Man nav izmaksāta pensija. Lūdzu pārbaudiet!")
    w.private_mailbox, w.own_voice, w.institution_voice    # True, 1.0, False
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..textnorm import fold

WRITER_FILE = Path(__file__).with_name("writer.toml")
SIGNATURE_LINES = 6  # the last lines of a message, where a signature names the institution
_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
_ADDR_RE = re.compile(r"@([\w.-]+)")


@dataclass(frozen=True)
class WriterSigns:
    """The writer's signs: ``own_voice`` 1.0 for first person singular with no institution behind it."""

    private_mailbox: bool = False
    own_voice: float = 0.0
    institution_voice: bool = False
    commercial: bool = False


@dataclass(frozen=True)
class _Lists:
    domains: frozenset[str]
    singular: frozenset[str]
    institution: tuple[str, ...]
    we: frozenset[str]
    commercial: tuple[str, ...]
    possessive: frozenset[str]
    self_intro: frozenset[str]


@lru_cache(maxsize=1)
def _lists() -> _Lists:
    with open(WRITER_FILE, "rb") as fh:
        d = tomllib.load(fh)
    return _Lists(
        domains=frozenset(x.lower() for x in d["private_mail_domains"]),
        singular=frozenset(fold(x) for x in d["first_person_singular"]),
        institution=tuple(fold(x) for x in d["institution_words"]),
        we=frozenset(fold(x) for x in d["we_words"]),
        commercial=tuple(fold(x) for x in d["commercial_words"]),
        possessive=frozenset(fold(x) for x in d["first_person_possessive"]),
        self_intro=frozenset(fold(x) for x in d["self_introduction"]),
    )


def private_mailbox(sender: str) -> bool:
    """True when the sender's address is at a free webmail provider."""
    m = _ADDR_RE.search(sender or "")
    if not m:
        return False
    domain = m.group(1).lower().rstrip(".")
    lists = _lists()
    return domain in lists.domains or any(domain.endswith("." + d) for d in lists.domains)


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(fold(text))


_CLOSING_RE = re.compile(
    r"^\s*(?:ar cieņu|ar cienu|ar labiem vēlējumiem|ar sveicieniem|paldies|liels paldies|paldies jau iepriekš|"
    r"regards|best regards|kind regards|sincerely|thank you|thanks|с уважением|спасибо)\b[^\n]{0,20}$",
    re.IGNORECASE,
)


def signature_lines(body: str) -> list[str]:
    """The signature: the short lines after the last closing line ("Ar cieņu", "Paldies,"), else the last two
    short lines of the body (a name, a unit); never more than :data:`SIGNATURE_LINES`."""
    lines = [ln.strip() for ln in body.strip().splitlines() if ln.strip()]
    for i in range(len(lines) - 1, -1, -1):
        if _CLOSING_RE.match(lines[i]):
            tail = lines[i + 1 :]
            break
    else:
        tail = lines[1:][-2:]  # never the first line: that is where the message starts
    return [ln for ln in tail[:SIGNATURE_LINES] if len(ln.split()) <= 10 and not ln.endswith("?")]


def institution_voice(text: str, body: str | None = None) -> bool:
    """True when the writer speaks for an institution: a "we" word just before an institution word in ``text``,
    or an institution word in the signature of ``body`` (default: ``text``)."""
    lists = _lists()
    words = _words(text)
    for i, w in enumerate(words):
        if w in lists.we and any(x.startswith(lists.institution) for x in words[i + 1 : i + 4]):
            return True
    sig = signature_lines(text if body is None else body)
    return any(any(w.startswith(lists.institution) for w in _words(ln)) for ln in sig)


def own_voice(text: str) -> float:
    """1.0 when the writer speaks of themself as one person ("man", "mans", "my", "мой"), else 0.0.

    One such word is enough: Latvian says most of "I" in the verb ("ierados", "pieprasīju"), so a private person's
    message often has a single pronoun. (Measured: counting up to three words generalised worse from the own sets
    to the independent dev set than this yes/no.)"""
    lists = _lists()
    return 1.0 if any(w in lists.singular for w in _words(text)) else 0.0


def commercial(text: str) -> bool:
    """True when two different offer or invitation words occur (a seller's or an organiser's message)."""
    lists = _lists()
    found = {p for w in _words(text) for p in lists.commercial if w.startswith(p)}
    folded = fold(text)
    found |= {p for p in lists.commercial if " " in p and p in folded}
    return len(found) >= 2


# where a sentence ends: "!" / "?", a line break, a full stop before a capital letter (not "p.k. 0101…")
_SENTENCE_END_RE = re.compile(r"[!?]+\s*|\n|\.\s+(?=\S)")


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds the span ``start:end`` (a line at most)."""
    begin, stop = 0, len(text)
    for m in _SENTENCE_END_RE.finditer(text):
        if m.group(0).startswith(".") and not text[m.end()].isupper():
            continue  # an abbreviation ("p.k. 010190-…", "u.c. pakalpojumi")
        if m.end() <= start:
            begin = m.end()
        elif m.start() >= end:
            stop = m.start()
            break
    return text[begin:stop]


def own_identifier(text: str, spans: list[tuple[int, int]]) -> bool:
    """True when the writer calls a personal code in ``text`` theirs: a first person possessive in its sentence
    ("Mans personas kods ir …", "mana meita (p.k. …)", "my personal code is …") or the self-introduction
    "Es, Jānis Bērziņš, p.k. …". What the sentence says decides, not that a code is there: staff quote a
    client's code ("zvanīja klients (p.k. …), un es viņam palīdzēju") or sign with a phone without it being
    their own case. Quoted lines ("> …") are earlier mail, not the writer's words."""
    lists = _lists()
    for start, end in spans:
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].lstrip().startswith(">"):
            continue
        sentence = sentence_at(text, start, end)
        words = _words(sentence)
        if any(w in lists.possessive for w in words):
            return True
        if re.match(r"\s*(\w+)\s*,", fold(sentence)) and words and words[0] in lists.self_intro:
            return True
    return False


def writer_signs(sender: str, text: str, body: str | None = None) -> WriterSigns:
    """All signs of one message: ``text`` is what is read for words (subject and body), ``body`` where the
    signature is looked for (default: ``text``)."""
    inst = institution_voice(text, body)
    return WriterSigns(
        private_mailbox=private_mailbox(sender),
        own_voice=0.0 if inst else own_voice(text),
        institution_voice=inst,
        commercial=commercial(text),
    )


__all__ = ["WriterSigns", "commercial", "institution_voice", "own_identifier", "own_voice", "private_mailbox", "sentence_at", "signature_lines", "writer_signs"]
