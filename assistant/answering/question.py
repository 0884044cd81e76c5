"""What a question asks: its shape, the words of its ask and of the situation around it, and the expansion.

Staff describe their case, then ask: "Mūsu pašvaldībā ir bibliotēka, kas izsniedz grāmatas. Vai tas ir
pakalpojums?". The sentence that asks (the last one with a question mark or a question word) carries the topic;
the situation before it gives context ("bibliotēka" need not appear in the guidance). So the ask's content words
weigh 1 and the situation's :data:`SITUATION_WEIGHT`; the domain vocabulary's terms for everyday words
("klienti" → "pakalpojuma saņēmējs") join with :data:`EXPANSION_WEIGHT`.

Example:
    q = parse_question("Mums ir zvanu centrs. Vai tas ir pakalpojums?", vocabulary)
    q.ask, q.weights["zvan"], q.kind
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .facts import analyze_question
from ..sentences import GENERIC, content_stems
from ..textnorm import fold_word, folded_tokens

SITUATION_WEIGHT = 0.5
EXPANSION_WEIGHT = 0.6
GENERIC_WEIGHT = 0.5  # "pakalpojums", "iestāde": in almost every section

_SENT_RE = re.compile(r"(?<=[.!?])\s+|\n+")
_ASK_WORDS = frozenset(
    fold_word(w)
    for w in (
        "kas ko kā kāds kāda kādi kādas kādā kādos kur kurš kura kuri kuras kad kāpēc kādēļ cik vai "
        "kam kuram kurai kādam kādiem"
    ).split()
)
_GENERIC_STEMS = frozenset(content_stems(" ".join(GENERIC)))
# the question words as written and without diacritics (the one-sentence split matches on the text itself)
# question words that also open subordinate clauses ("…, kad mainās statuss", "…, kas izsniedz grāmatas")
_SUBORDINATORS = frozenset(fold_word(w) for w in "kas ko kur kurš kura kuri kuras kad kam kuram kurai".split())
_ASK_WORDS_RAW = frozenset(
    w
    for base in "kas ko kā kāds kāda kādi kādas kādā kādos kur kurš kura kuri kuras kad kāpēc kādēļ cik vai".split()
    for w in (base, fold_word(base))
)
_REQUEST_RE = re.compile(r"\b(?:vajag|vajadzetu|gribu|gribetu|gribam|velos|velamies|ludzu|nepieciesams|nepieciesama|sutiet|iedodiet|atsutiet)\b")
# a yes/no question that classifies a case: "vai (tas / mūsu zvanu centrs) ir (pakalpojums)", "vai ... skaitās
# / ir uzskatāms par / var būt (starpiestāžu pakalpojums)" (folded)
_CLASSIFY_RE = re.compile(
    r"^(?:un\s+|bet\s+)?(?:vai|ja)\s+(?P<case>.*?)\s+"
    r"(?:ir\s+uzskatams\s+par|ir\s+jauzskata\s+par|uzskatams\s+par|skaitas(?:\s+par)?|var\s+but|ir|butu|bus)\s+"
    r"(?P<concept>.+)$"
)


@dataclass
class Question:
    """A parsed question: ``weights`` maps content stems to their weight (ask 1, situation 0.5, ...)."""

    text: str
    ask: str
    situation: str
    kind: str
    fact: str
    subject: list[str]
    weights: dict[str, float] = field(default_factory=dict)
    expansion: str = ""
    ask_stems: list[str] = field(default_factory=list)
    concept: str = ""  # "Vai … ir <concept>?": the concept whose definition answers the question (folded)
    case: str = ""  # … and the case it asks about ("tas", "bibliotēkas grāmatu izsniegšana"; folded)

    @property
    def total(self) -> float:
        return sum(self.weights.values()) or 1.0


def split_ask(text: str) -> tuple[str, str]:
    """(the asking sentence, the situation before and after it)."""
    parts = [p.strip() for p in _SENT_RE.split(text.strip()) if p and p.strip()]
    if len(parts) <= 1:
        # one sentence: "Mums ir ..., vai tas ir pakalpojums?" -> the clause from the question word on
        # the last clause that starts with a question word ("Mums ir bibliotēka, kas izsniedz grāmatas, vai tas ir
        # pakalpojums?" -> "vai tas ir pakalpojums?"), matched on the text itself (folding may change lengths)
        t = text.strip()
        toks = folded_tokens(t)
        # a sentence that opens with a question word keeps its later "…, kad / kur / kas …" clauses: they are
        # subordinate ("Kā VIRSIS sistēmā iestatīt, lai klients saņem e-pastu, kad mainās statuss?"); only a
        # clause opening with a word that asks on its own ("…, vai tas tā ir?", "…, kādā termiņā …?") is a new
        # question ("Cik man zināms, …, vai tas tā ir?")
        pool = _ASK_WORDS_RAW
        if toks and toks[0] in _ASK_WORDS:
            pool = frozenset(w for w in _ASK_WORDS_RAW if fold_word(w) not in _SUBORDINATORS)
        if "?" in t:
            words = "|".join(sorted(pool, key=len, reverse=True))
            last = None
            for m in re.finditer(rf",\s*(?=(?:{words})\b)", t, flags=re.IGNORECASE):
                last = m
            if last is not None and last.start() > 12:
                return t[last.end() :], t[: last.start()]
        return t, ""
    ask_i = None
    for i in range(len(parts) - 1, -1, -1):
        if parts[i].endswith("?"):
            ask_i = i
            break
    if ask_i is None:
        for i in range(len(parts) - 1, -1, -1):
            toks = folded_tokens(parts[i])
            if toks and toks[0] in _ASK_WORDS:
                ask_i = i
                break
    if ask_i is None:
        ask_i = len(parts) - 1
    ask = parts[ask_i]
    # "Kā to darīt?" / "Vai tas ir pareizi?" says little alone: the sentence before it is part of the ask
    if len(content_stems(ask)) <= 1 and ask_i > 0:
        ask = parts[ask_i - 1] + " " + ask
        rest = parts[: ask_i - 1] + parts[ask_i + 1 :]
    else:
        rest = parts[:ask_i] + parts[ask_i + 1 :]
    return ask, " ".join(rest)


def parse_question(text: str, vocabulary=None) -> Question:
    """Shape (from :func:`assistant.answering.facts.analyze_question` on the ask) and weighted content stems."""
    ask, situation = split_ask(text)
    info = analyze_question(ask)
    full = analyze_question(text)
    weights: dict[str, float] = {}
    for s in content_stems(situation):
        weights[s] = max(weights.get(s, 0.0), SITUATION_WEIGHT)
    ask_stems = [s for s in info.stems]
    for s in ask_stems:
        weights[s] = 1.0
    expansion = vocabulary.expand(text) if vocabulary is not None else ""
    for s in content_stems(expansion):
        if s not in weights:
            weights[s] = EXPANSION_WEIGHT
    # "Vai <the case> ir <a concept>?": the concept is what the guidance answers about (its definition, what it
    # is not), so it weighs fully even when it is a word as common as "pakalpojums"
    concept: set[str] = set()
    last = [p for p in _SENT_RE.split(ask.strip()) if p.strip()]
    m = _CLASSIFY_RE.match(" ".join(folded_tokens(last[-1] if last else ask)))
    concept_text = case_text = ""
    if m:
        concept_text, case_text = m.group("concept"), m.group("case")
        concept = set(content_stems(m.group("concept")))
        for s in concept:
            weights[s] = 1.0
    for s in list(weights):
        if s in _GENERIC_STEMS and s not in concept:
            weights[s] = min(weights[s], GENERIC_WEIGHT)
    kind = info.kind if info.kind != "other" else full.kind
    # what the asking sentence demands ("informatīvais tālrunis" in the situation is no phone question), or a
    # sentence that states a request ("vajag telefonu", "gribu viņam zvanīt")
    fact = info.fact
    if not fact:
        for sent in _SENT_RE.split(situation):
            if _REQUEST_RE.search(" ".join(folded_tokens(sent))):
                fact = analyze_question(sent).fact
                if fact:
                    break
    return Question(
        text=text,
        ask=ask,
        situation=situation,
        kind=kind,
        fact=fact,
        subject=info.subject_stems or full.subject_stems,
        weights=weights,
        expansion=expansion,
        ask_stems=ask_stems,
        concept=concept_text,
        case=case_text,
    )


__all__ = ["Question", "parse_question", "split_ask"]
