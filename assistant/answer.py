"""Extractive composer: a short Latvian answer built only from sentences of the retrieved passages.

Every sentence of the answer is a unit (sentence, list lead-in or list item, see :mod:`assistant.sentences`)
copied from one passage and tied to it with a marker ``[n]``; a list is kept together with its lead-in,
definitions ("Kas ir …?") lead with the defining sentence, yes/no questions ("Vai …?") with the sentence
that states the verdict; near-repeats are dropped.

Example:
    composer = ExtractiveComposer()
    draft = composer.run("Kas ir e-pakalpojums?", hits)
    draft.text, [c.n for c in draft.citations]
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .sentences import (
    GENERIC,
    WORD_QUALITY,
    StemVocabulary,
    Unit,
    content_stems,
    split_units,
    squash,
    stem,
)
from .textnorm import fold, folded_tokens
from .types import Chunk, Citation, Hit

# question words that fix the expected shape of the answer (folded)
_YESNO = re.compile(r"^(?:un\s+|bet\s+)?(?:vai|ja)\b")
_DEFINITION = re.compile(
    r"^(?:un\s+)?(?:kas\s+ir(?!\s+(?:atbildig|jadara|janem|jaievero|jazina))|kas\s+tas\s+ir|ko\s+(?:nozime|apzime)|ko\s+(?:\w+\s+){0,3}?(?:saprot\s+ar|sauc\s+par)|"
    r"ka\s+(?:ir\s+)?(?:definets|defineta|definets|skaidrots|skaidrota))\s+(.+)$"
)
_WHY = re.compile(r"^(?:un\s+)?(?:kapec|kadel|kada\s+iemesla)\b")
_LIST = re.compile(
    r"^(?:un\s+)?(?:kadi|kadas|kuri|kuras|kados|kadam|kadiem|kas\s+(?:jaieklauj|jadara|jaievero|janem|ietilpst)|"
    r"ko\s+(?:nosaka|ietver|paredz|ieklauj|aptver|skar))\b"
)
_HOW = re.compile(r"^(?:un\s+)?(?:ka|kada\s+veida)\b")
# words that carry no topic in a question ("kas ir X?" -> X)
_QUESTION_VERBS = frozenset(
    stem(w)
    for w in [
        "nozīmē",
        "saprot",
        "sauc",
        "apzīmē",
        "jādara",
        "notiek",
        "atšķiras",
        "atšķirība",
        "atšķirības",
        "atšķir",
        "definēta",
        "definēts",
        "definē",
        "raksturo",
        "bieži",
        "nodarbojas",
    ]
)
_NEGATION = re.compile(
    r"\b(?:nav|ne|nevar|nenozime|nedrikst|nevajag|nebutu|ne-)\b|\bne[a-z]{3,}", re.IGNORECASE
)

# --- the fact a question demands (folded text) ----------------------------------------------------------
# One decision for the composer (``QuestionInfo.wants``: prefer the unit that states it) and the answerability
# judge (``expected_fact``: decline when the answer does not state it); the judge imports these from here.
# Each pattern asks for the fact, not merely names the thing: "pa telefonu" is a channel, "apmācību budžets" a
# topic, "kā to sauc" a term; "Cik maksā …?", "kāds ir … tālrunis?", "kāds ir darba laiks?" ask for the fact.
_ASK_WH = r"(?:kads|kada|kadi|kadas|kadu|kurs|kura|kuri|kuras|cik)"
_MONEY_Q = re.compile(
    r"\bcik\s+(?:\w+\s+){0,3}?(?:maksa|maksas|izmaksa|izmaksas|jamaksa|eiro|eur)\b"
    rf"|\b{_ASK_WH}\s+(?:ir\s+|bus\s+|bija\s+)?(?:\w+\s+){{0,3}}?(?:maksa|cena|nodeva|tarif\w*|budzets|izmaksas|likme)\b"
    r"|\b(?:nem|prasa|iekase|jamaksa)\s+(?:\w+\s+){0,3}?maks\w*\b|\b(?:vai|ja)\s+(?:\w+\s+){0,4}?(?:bezmaksas|par\s+maksu|maksas)\b"
    # "Kāds ir … apmērs?" / "Cik liels ir … apmērs?" asks for an amount ("pilnā apmērā" = fully is not one)
    r"|\b(?:kads|cik\s+liels)\s+(?:ir\s+)?(?:\w+\s+){0,4}?apmers\b|\bapmers\s+ir\b"
)
# opening hours: only questions about the time ("Kad/Cikos strādā …?", "strādā sestdienās / līdz 19:00?",
# "kāds ir darba laiks"), never how something works ("Kā strādā pakalpojumu katalogs?") or whether a description
# lists them ("vai aprakstā jāraksta darba laiki")
_WEEKDAYS = (
    r"(?:pirmdien|otrdien|tresdien|ceturtdien|piektdien|sestdien|svetdien|brivdien|darbdien|svetku\s+dien)"
)
_HOURS_Q = re.compile(
    rf"\b{_ASK_WH}\s+(?:ir\s+)?(?:\w+\s+){{0,3}}?(?:darba\s+laik\w*|darbalaik\w*|pienemsanas\s+laik\w*)|\blidz\s+cikiem|\bno\s+cikiem|"
    r"\b(?:kad|cikos)\s+(?:\w+\s+){0,3}?(?:strada|atver\w*|sledz\w*)|"
    rf"\bstrada\s+(?:\w+\s+)?(?:{_WEEKDAYS}\w*|lidz\s+\d|no\s+\d)"
)
_PHONE_Q = re.compile(
    r"\b(?:telefona\s+numur\w*|talruna\s+numur\w*|numur\w*\s+zvanit|kur\s+\w*\s*zvanit|kontakttalrun\w*|"
    r"e-pasta\s+adres\w*|(?:gribu|varu|var|vajag|ja)\s+(?:\w+\s+){0,2}?(?:zvanit|piezvanit)|vajag\s+(?:\w+\s+)?(?:telefonu|talruni))\b"
    rf"|\b{_ASK_WH}\s+(?:ir\s+)?(?:\w+\s+){{0,4}}?(?:talrunis|talrunu|telefons|telefonu|e-pasts|e-pasta\s+adrese)\b"
)
# a person's name ("Kā sauc … vadītāju?", "kā viņu sauc"); "Kā sauc līgumu …?" / "kā to sauc?" ask for a term
_NAME_Q = re.compile(
    r"\b(?:ka|kads|kada)\s+(?:sauc|ir\s+vards)\s+(?:\w+\s+){0,4}?(?:vaditaj\w*|direktor\w*|ministr\w*|cilvek\w*|"
    r"darbiniek\w*|person\w*|specialist\w*|kontaktperson\w*|priekssedetaj\w*)\b"
    r"|\bka\s+(?:vinu|vinus|vinas)\s+sauc\b|\bvards\s+un\s+uzvards\b"
)
_DATE_Q = re.compile(
    r"\b(?:lidz\s+kuram\s+datumam|kura\s+datuma|kad\s+(?:jaiesniedz|beidzas|sakas|stajas))\b"
)
# "Cik bieži/regulāri …?", "Kad … jāatkārto?" want a frequency; any other "Cik …?" a number
_FREQ_Q = re.compile(r"\bcik\s+(?:biezi|regulari)\b|\bkad\s+\w+\s+jaatkarto")
# "Cik …?" and questions for a value ("Kāds ir maksimālais / vidējais …", "cik procentu"): a number
_COUNT_Q = re.compile(
    r"\bcik\b|\b(?:kads|kada|kadi|kadas)\s+(?:ir\s+|bija\s+)?(?:\w+\s+){0,2}?"
    r"(?:maksimal\w*|minimal\w*|videj\w*|pielaujam\w*|procent\w*|likm\w*|limit\w*)\b"
)
# question pattern -> the kind of fact it demands; the first match wins (a fee question also says "cik")
FACT_QUESTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("money", _MONEY_Q),
    ("hours", _HOURS_Q),
    ("phone", _PHONE_Q),
    ("date", _DATE_Q),
    ("name", _NAME_Q),
    ("frequency", _FREQ_Q),
    ("count", _COUNT_Q),
)


def expected_fact(qf: str) -> str:
    """The kind of fact a (folded) question demands, or "" when it asks for an explanation."""
    return next((kind for kind, pattern in FACT_QUESTIONS if pattern.search(qf)), "")


FREQ_A = re.compile(
    r"\b(?:reiz\w*|katru|katra|ik|regulari|pastavigi|nekavejoties|ceturksn\w*|gada|gados|menes\w*|nedel\w*|dien\w*)\b"
)
_NUMBER_A = re.compile(r"\d|\b(?:viens|viena|divi|divas|tris|cetri|cetras|pieci|piecas|sesi|sesas|desmit)\b")

MAX_SENTENCES = 6
_CLASSIFIERS = frozenset(stem(w) for w in ["uzdevums", "termins", "jēdziens", "saīsinājums", "princips"])
GENERIC_STEMS = frozenset(stem(w) for w in GENERIC)  # generic words weigh half (shared with the judge)
MAX_LIST_ITEMS = 10
MIN_OTHER_PASSAGE = 0.55  # a unit from another passage joins the answer only at >= 0.55 of the best score
MIN_EXTRA_LIST = 0.6  # a further list (> 2 items) joins only at >= 0.6 of the best score
MIN_OTHER_LIST = 0.75  # … and at >= 0.75 when it comes from another passage
MIN_UNIT_QUALITY = 0.3  # units below this quality (OCR debris, slide-table word salad) are never shown
HEADING_CONTEXT = 0.85  # a unit also matches through the heading above it (slide/section title), discounted


@dataclass
class QuestionInfo:
    """What a question asks for: its shape and its content stems."""

    text: str
    kind: str  # "definition" | "compare" | "yesno" | "why" | "list" | "how" | "other"
    stems: list[str]
    subject_stems: list[str] = field(default_factory=list)  # for definitions: the term being defined
    wants: str = ""  # "count" ("Cik …?") | "frequency" ("Cik bieži …?") | "": the number to state
    fact: str = ""  # the kind of fact the question demands (``expected_fact``): "money", "hours", …, "count"


def analyze_question(question: str) -> QuestionInfo:
    """Classify the question's shape and extract its content stems (case/inflection/diacritics-insensitive)."""
    f = " ".join(folded_tokens(question))
    stems = [s for s in content_stems(question) if s not in _QUESTION_VERBS]
    subject: list[str] = []
    if m := _DEFINITION.match(f):
        kind = "definition"
        subj = re.split(r"\b(?:un\s+(?:kapec|ka|kads|kada|kadi)|saskana|atbilstosi)\b", m.group(1))[0]
        subject = [s for s in content_stems(subj) if s not in _QUESTION_VERBS]
        # "Kas ir uzdevums PU2-14?": the classifier noun is not part of the term when something else is left
        named = [s for s in subject if s not in _CLASSIFIERS]
        subject = named or subject
    elif re.search(r"\batskir\w*|\bsalidzin\w*", f):
        kind = "compare"  # "Ar ko atšķiras X no Y?", "atšķirība starp X un Y": each side on its own counts
    elif _YESNO.match(f):
        kind = "yesno"
    elif _WHY.match(f):
        kind = "why"
    elif _LIST.match(f):
        kind = "list"
    elif _HOW.match(f):
        kind = "how"
    else:
        kind = "other"
    fact = expected_fact(f)
    wants = fact if fact in ("frequency", "count") else ""
    return QuestionInfo(question, kind, stems, subject, wants, fact)


@dataclass
class _Scored:
    hit_rank: int
    unit_index: int
    unit: Unit
    score: float
    coverage: float = 0.0


@dataclass
class Draft:
    """A composed extractive answer: text with [n] markers, citations, and the units each citation used."""

    text: str
    citations: list[Citation]
    best_score: float
    used: list[tuple[int, str]]  # (citation number, unit text) for every sentence/item in the answer
    best_coverage: float = 0.0  # the largest share of the question's (idf-weighted) content words in one unit
    subject_coverage: float = 1.0  # definitions: the largest share of the defined term's words in one unit


def _junk_ratio(text: str) -> float:
    """Share of characters that are neither letters, digits, spaces nor ordinary punctuation."""
    bad = sum(1 for ch in text if not (ch.isalnum() or ch.isspace() or ch in ".,;:!?()–-—\"'„“”«»/%+"))
    return bad / max(1, len(text))


@dataclass(frozen=True)
class _UnitInfo:
    head: frozenset[str]  # content stems before " – " / " ir " (the defined term, if any)
    definition_bonus: float  # 0.6 for "Termins – skaidrojums", 0.3 for "Termins ir …", else 0
    verdict: bool  # states yes/no or a negation
    reason: bool  # gives a reason ("lai", "jo", "tāpēc", "ņemot vērā")
    quality: float  # < 1 for slide debris, OCR tables and walls of text
    number: bool = False  # states a number ("3–6 vārdi", "5000")
    frequency: bool = False  # states a frequency ("reizi ceturksnī", "katru ceturtdienu")


@lru_cache(maxsize=65536)
def _unit_info(text: str) -> _UnitInfo:
    """Question-independent features of a unit (cached: units repeat across questions)."""
    ftext = fold(text)
    head_text = re.split(r"\s[–—-]\s|\s(?:ir|nozīmē|nozime)\s", text, maxsplit=1)[0]
    head = frozenset(content_stems(re.sub(r"\([^)]*\)", " ", head_text)))
    bonus = 0.0
    if re.search(r"^[^–—]{0,80}\s[–—-]\s", text):
        bonus = 0.6  # "Termins – skaidrojums": the glossary form
    elif re.search(r"\s(?:ir|nozīmē)\s(?!jā|ne)\w+(?<!ama|ams|ami|ēma|ēmi|īta|īts)\b", text):
        bonus = 0.3
    quality = 1.0
    if len(text) < 25:
        quality *= 0.7
    if _junk_ratio(text) > 0.12 or text.count("|") >= 3:
        quality *= 0.4
    words = re.findall(r"[^\W\d_]+", text)
    caps = sum(1 for w in words[1:] if w[0].isupper() and not w.isupper())
    if len(words) >= 5 and caps / (len(words) - 1) > 0.4:
        quality *= 0.3  # slide-table word salad ("Vides aizsardzības un Veidošana Pakalpojumi Vajadzības …")
    share = WORD_QUALITY.share(text)
    if share < 1.0:
        quality *= max(0.2, share) ** 2  # damaged OCR text loses to a clean sentence saying the same
    if len(text) > 600:
        quality *= 0.7
    return _UnitInfo(
        head=head,
        definition_bonus=bonus,
        verdict=bool(re.match(r"^(?:ne|ja)\b[,.!]", ftext) or _NEGATION.search(ftext)),
        reason=bool(re.search(r"\b(?:lai|jo|tapec|nemot vera|del)\b", ftext)),
        quality=quality,
        number=bool(_NUMBER_A.search(ftext)),
        frequency=bool(FREQ_A.search(ftext)),
    )


def _cut_mid_sentence(text: str) -> bool:
    """The text stops in mid-sentence: a trailing comma, dash or conjunction ("… kanālos, un")."""
    t = text.rstrip()
    return t.endswith((",", "–", "—")) or bool(re.search(r"\s(?:un|vai|ar|kā|ka|kas|kuri|lai|gan|bet)$", t))


def _starts_lower(text: str) -> bool:
    t = text.lstrip("\"„“'( ")
    return bool(t) and t[0].islower()


def _asks(u: Unit) -> bool:
    """The unit is a question ("Kāds ir pilnveides mērķis?"): a heading for the answer below it."""
    return u.kind != "item" and u.text.rstrip().endswith("?")


def _names_item(info: _UnitInfo, named: frozenset[str]) -> bool:
    """The unit defines one of the question's named items ("Vienkāršs pakalpojums – …", "E-forma ir …")."""
    own = info.head - GENERIC_STEMS
    return bool(info.definition_bonus and own and len(info.head) <= 4 and own <= named)


def _is_title(units: Sequence[Unit], i: int) -> bool:
    """A short line that names the list below it (a heading, or a one-line item like "1. Attālināti – …")."""
    u = units[i]
    if u.kind == "heading":
        return True
    if len(u.text) >= 60 or u.text.endswith(";") or u.kind == "sentence":
        return False
    # not the last item of a preceding list
    return u.group == -1 or i == 0 or units[i - 1].group != u.group


def _lead_position(units: Sequence[Unit], block: Sequence[int]) -> int:
    """Position of the list lead-in inside a block (-1 when the block is not a list with a lead-in)."""
    for k, i in enumerate(block):
        if units[i].kind == "lead":
            return k
    # a sentence or title directly followed by a list that has no lead-in of its own
    if (
        len(block) > 1
        and units[block[0]].kind in ("sentence", "heading")
        and _leadless_list_follows(units, block[0])
    ):
        return 0
    # "1. Vienkāršs pakalpojums – pakalpojums, kas:" as a bullet of its own, followed by its items
    if len(block) > 1 and units[block[0]].kind == "item" and units[block[0]].text.endswith(":"):
        return 0
    return -1


def _leadless_list_follows(units: Sequence[Unit], i: int) -> bool:
    """The next unit starts a bulleted list whose group has no lead-in (the sentence is its lead-in)."""
    if i + 1 >= len(units) or units[i + 1].kind != "item" or units[i].text.endswith((";", ",")):
        return False
    g = units[i + 1].group
    return (i == 0 or units[i].group != g) and not any(u.kind == "lead" and u.group == g for u in units)


def _near_duplicate(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= 0.8


@lru_cache(maxsize=8192)
def _block_stems(chunk_text: str, lead_index: int) -> frozenset[str]:
    units = _units_of(chunk_text)
    out: set[str] = set()
    for j in ExtractiveComposer._list_block(units, lead_index):
        out |= _unit_stems(units[j].text)
    return frozenset(out)


# sentence quality (share of real words, see sentences.WordQuality): keep / trim / drop
MIN_CLEAN_SHARE = 0.85  # a unit at least this clean is used as it is
MIN_KEEP_SHARE = 0.6  # below this (after trimming) a unit is OCR debris and never shown


@lru_cache(maxsize=8192)
def _contents_list(chunk_text: str, lead_index: int) -> bool:
    """A list of bare titles (every item ≤ 3 words, no final punctuation): it names topics, answers nothing."""
    units = _units_of(chunk_text)
    items = [
        units[j].text for j in ExtractiveComposer._list_block(units, lead_index) if units[j].kind == "item"
    ]
    return _bare_titles(items)


def _bare_titles(items: Sequence[str]) -> bool:
    return len(items) >= 3 and all(len(t.split()) <= 3 and not t.endswith((".", ";", ",")) for t in items)


@lru_cache(maxsize=4096)
def _units_of(text: str) -> tuple[Unit, ...]:
    """The passage's units with OCR debris trimmed off (the kept text is still a piece of the passage)."""
    out: list[Unit] = []
    for u in split_units(text):
        share = WORD_QUALITY.share(u.text)
        if share >= MIN_CLEAN_SHARE:
            out.append(u)
            continue
        piece, q = WORD_QUALITY.trim(u.text)
        if piece != u.text and q >= MIN_CLEAN_SHARE and len(piece) >= 20:
            off = u.text.find(piece)
            out.append(
                Unit(
                    piece, u.kind, u.start + max(0, off), u.start + max(0, off) + len(piece), u.depth, u.group
                )
            )
        elif share >= MIN_KEEP_SHARE and (share >= 0.75 or len(u.text.split()) >= 8):
            out.append(u)  # a short line needs 3 words in 4 to be real: "Darbs :LI_ Vajadzība (…)|." is not
        # else: mostly debris ("B B—— Saurbs D vapima"): dropped
    return tuple(out)


@lru_cache(maxsize=65536)
def _unit_stems(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


@lru_cache(maxsize=4096)
def _heading_context(chunk_text: str) -> tuple[frozenset[str], ...]:
    """For each unit of a passage, the stems of the heading above it in the passage (empty when none).

    A slide or section title names what the lines under it are about ("E-pakalpojumu izmantošanas
    veicināšana" / "Iestāde veido veicinošu regulējumu …"): the lines match the question through it too.
    """
    units = _units_of(chunk_text)
    out: list[frozenset[str]] = []
    current: frozenset[str] = frozenset()
    for u in units:
        if u.kind == "heading":
            out.append(frozenset())
            ok = _unit_info(u.text).quality >= 0.5 and not u.text.rstrip().endswith("?")
            current = _unit_stems(u.text) if ok else frozenset()
        else:
            out.append(current)
    return tuple(out)


def _idf(hits: Sequence[Hit]) -> dict[str, float]:
    """IDF over the retrieved passages' units (before ``warm_up`` has counted the corpus)."""
    counts: dict[str, int] = {}
    n = 0
    for h in hits:
        for u in _units_of(h.chunk.text):
            n += 1
            for s in _unit_stems(u.text):
                counts[s] = counts.get(s, 0) + 1
    return {s: math.log((n + 1) / (c + 0.5)) for s, c in counts.items()}


class ExtractiveComposer:
    """Compose a 1–6 sentence answer (or a list with its lead-in) from the best-matching passage units.

    Example:
        ExtractiveComposer().run("Kas ir dzīves situācija?", hits).text
    """

    def __init__(self, *, max_chunks: int = 10, max_sentences: int = MAX_SENTENCES) -> None:
        self.max_chunks = max_chunks
        self.max_sentences = max_sentences
        self._next: dict[str, Chunk] = {}
        self._idf_map: dict[str, float] = {}
        self._default_idf = 1.0
        self.vocab: StemVocabulary | None = None

    def warm_up(self, chunks: Sequence[Chunk]) -> None:
        """Count unit document-frequencies over the whole corpus (better IDF than the retrieved set alone)."""
        # words used by at least two documents are corpus vocabulary (OCR debris rarely repeats across them)
        seen: dict[str, set[str]] = {}
        for c in chunks:
            for w in set(re.findall(r"[^\W\d_]+", c.text.lower())):
                seen.setdefault(w, set()).add(c.doc)
        known = {w for w, d in seen.items() if len(d) >= 2}
        if known - WORD_QUALITY.known:
            WORD_QUALITY.known |= known
            WORD_QUALITY._cache.clear()
            _units_of.cache_clear()
            _unit_info.cache_clear()
            _block_stems.cache_clear()
            _contents_list.cache_clear()
            _heading_context.cache_clear()
        df: dict[str, int] = {}
        n = 0
        for c in chunks:
            for u in _units_of(c.text):
                n += 1
                for s in _unit_stems(u.text):
                    df[s] = df.get(s, 0) + 1
        self._idf_map = {s: math.log((n + 1) / (c + 0.5)) for s, c in df.items()}
        self.vocab = StemVocabulary(set(df))
        self._default_idf = math.log((n + 1) / 0.5)
        by_doc: dict[str, list[Chunk]] = {}
        for c in chunks:
            by_doc.setdefault(c.doc, []).append(c)
        for doc_chunks in by_doc.values():
            doc_chunks.sort(key=lambda c: (c.position, c.start))
            for a, b in itertools.pairwise(doc_chunks):
                self._next[a.chunk_id] = b

    # -- scoring -------------------------------------------------------------------------------------
    def _score_units(self, q: QuestionInfo, hits: Sequence[Hit]) -> tuple[list[_Scored], float]:
        """The units of the hits, best first, and (definitions) the largest share of the defined term's words
        found in one unit (1.0 for other questions). Nothing is kept on ``self``: one composer serves
        concurrent requests."""
        idf = self._idf_map if self._idf_map else _idf(hits)
        default_idf = self._default_idf if self._idf_map else max(idf.values(), default=1.0)
        qstems = list(dict.fromkeys(q.stems))
        weights = {s: idf.get(s, default_idf) * (0.5 if s in GENERIC_STEMS else 1.0) for s in qstems}
        total = sum(weights.values()) or 1.0
        # each question stem also matches its near derivations in the corpus (segmentēt ~ segmentēšana)
        related = {s: (self.vocab.related(s) | {s}) if self.vocab else frozenset({s}) for s in qstems}
        wl = [(related[s], w) for s, w in weights.items()]
        subj = frozenset(q.subject_stems)
        subj_rel = [
            related.get(x) or (self.vocab.related(x) | {x} if self.vocab else frozenset({x})) for x in subj
        ]
        subject_coverage = 0.0 if subj else 1.0
        named = frozenset(x for x in qstems if x not in GENERIC_STEMS)
        out: list[_Scored] = []
        for rank, h in enumerate(hits[: self.max_chunks]):
            prior = 1.0 / (1.0 + 0.12 * rank)
            units = _units_of(h.chunk.text)
            context = _heading_context(h.chunk.text)
            for i, u in enumerate(units):
                us = _unit_stems(u.text)
                if not us:
                    continue
                cov = sum(w for rel, w in wl if not us.isdisjoint(rel)) / total
                matched = us
                if u.kind == "lead":
                    # a lead-in answers through its items: score the list as a whole (slightly discounted)
                    block_stems = _block_stems(h.chunk.text, i)
                    cov = max(cov, 0.9 * sum(w for rel, w in wl if not block_stems.isdisjoint(rel)) / total)
                    matched = us | block_stems
                score = cov
                if context[i] - matched:
                    # the heading above names the topic: the unit matches through it too (discounted)
                    ctx = matched | context[i]
                    score = max(
                        score, HEADING_CONTEXT * sum(w for rel, w in wl if not ctx.isdisjoint(rel)) / total
                    )
                if u.kind == "lead" and _contents_list(h.chunk.text, i):
                    cov *= 0.5  # a table of contents ("Definīcijas / Elektronizācijas kritēriji / …")
                    score *= 0.5
                if subj_rel:
                    sc = sum(1 for rel in subj_rel if not us.isdisjoint(rel)) / len(subj_rel)
                    subject_coverage = max(subject_coverage, sc)
                info = _unit_info(u.text)
                if q.kind == "definition" and subj:
                    # the defined term is the subject, or its head word(s) when the question adds context
                    # ("Kas ir resursi pakalpojumu pārvaldībā?" → "Resursi – …")
                    if info.head == subj or (
                        info.head and info.head <= subj and q.subject_stems[0] in info.head
                    ):
                        score += info.definition_bonus
                elif q.kind == "yesno" and cov >= 0.4:
                    if info.verdict:
                        score += 0.15
                elif q.kind == "why" and info.reason:
                    score += 0.1
                elif q.kind == "compare" and _names_item(info, named):
                    # "Ar ko atšķiras X, Y un Z?": the definition of each named item ("X – pakalpojums, kas:")
                    score += 0.5 * info.definition_bonus + 0.3
                if u.kind == "lead" and q.kind in ("list", "how", "other"):
                    score += 0.1
                if u.kind == "heading":
                    score *= 0.8
                if cov >= 0.3 and (
                    q.wants == "count" and info.number or q.wants == "frequency" and info.frequency
                ):
                    score += 0.2  # "Cik …?": the unit that states the number
                out.append(_Scored(rank, i, u, score * info.quality * prior, cov))
        out.sort(key=lambda s: -s.score)
        return out, subject_coverage

    # -- assembling ----------------------------------------------------------------------------------
    @staticmethod
    def _list_block(units: Sequence[Unit], idx: int) -> list[int]:
        """Indices of the list a lead-in or item belongs to: lead-in first, then its items (capped)."""
        u = units[idx]
        group = u.group
        if u.kind == "lead":
            lead = idx
        else:
            lead = next(
                (j for j in range(idx, -1, -1) if units[j].kind == "lead" and units[j].group == group), -1
            )
        start = lead if lead >= 0 else idx
        block = [start]
        # a short title right above the lead-in names what the list is about ("Attālināti – elektroniskā vidē.")
        if lead > 0 and _is_title(units, lead - 1):
            block.insert(0, lead - 1)
        j = start + 1
        n_items = 0
        while j < len(units) and n_items < MAX_LIST_ITEMS:
            v = units[j]
            if v.kind == "item" and v.group == group:
                block.append(j)
                n_items += 1
            elif (
                lead >= 0
                and v.kind == "sentence"
                and n_items == 0
                or (v.kind == "sentence" and units[block[-1]].text.endswith(";"))
                # an item that opens a sub-list ("… pārbūves veidus, piemēram:") whose bullets were lost
                or (
                    v.kind == "sentence"
                    and units[block[-1]].kind == "item"
                    and units[block[-1]].text.endswith(":")
                )
            ):
                n_items += 1
                # lists whose bullets were lost in conversion: "Lead-in:\n Item one;\n Item two."
                block.append(j)
                # an item that lost its ";" (e.g. an unclosed parenthesis) when the next one has it
                lost_end = (
                    not v.text.endswith((".", "!", "?", ":"))
                    and j + 1 < len(units)
                    and units[j + 1].kind == "sentence"
                    and units[j + 1].text.endswith(";")
                )
                if not v.text.endswith(";") and not lost_end:
                    break
            else:
                break
            j += 1
        if lead < 0 and idx not in block:
            block.append(idx)
        return block

    def _continuation(self, chunk: Chunk) -> tuple[Chunk, list[int]] | None:
        """The list items that open the next chunk of the same document (a list cut by chunking)."""
        nxt = self._next.get(chunk.chunk_id)
        if nxt is None:
            return None
        units = _units_of(nxt.text)
        block: list[int] = []
        for i, u in enumerate(units):
            if len(block) >= MAX_LIST_ITEMS:
                break
            if u.kind == "item":
                block.append(i)
            elif u.kind == "sentence" and (not block or units[block[-1]].text.endswith(";")):
                block.append(i)  # a list whose bullets were lost in conversion
                if not u.text.endswith(";"):
                    break
            else:
                break
        return (nxt, block) if block else None

    def run(self, question: str | QuestionInfo, hits: Sequence[Hit]) -> Draft:
        q = question if isinstance(question, QuestionInfo) else analyze_question(question)
        scored, subject_coverage = self._score_units(q, hits)
        if not scored:
            return Draft("", [], 0.0, [])
        best = scored[0].score
        # definitions and verdicts stand on their own; lists and explanations gather more material
        rel = {"definition": 0.5, "yesno": 0.5, "compare": 0.35}.get(q.kind, 0.45)
        best_cov = max(x.coverage for x in scored)
        chosen: list[tuple[Chunk, list[int], float]] = []  # (chunk, unit indices, score)
        seen_stems: list[frozenset[str]] = []
        n_sentences = 0
        used_units: set[tuple[str, int]] = set()
        budget = self.max_sentences + (4 if q.kind == "compare" else 0)  # one definition per named item
        first_doc = ""
        named = frozenset(x for x in q.stems if x not in GENERIC_STEMS)
        seen_heads: list[frozenset[str]] = []
        for s in scored:
            if n_sentences >= budget or s.score < max(rel * best, 0.12):
                break
            # a later passage is added only when it is nearly as relevant as the best one (no drifting)
            if chosen and hits[s.hit_rank].chunk.chunk_id != first_doc and s.score < MIN_OTHER_PASSAGE * best:
                continue
            chunk = hits[s.hit_rank].chunk
            if (chunk.chunk_id, s.unit_index) in used_units:
                continue
            units = _units_of(chunk.text)
            idx = s.unit_index
            if s.unit.kind == "heading" or _asks(units[idx]):
                # a heading or a question in the text says nothing on its own: answer with what stands under it
                j = idx + 1
                while j < len(units) and units[j].kind == "heading" and j - idx < 3:
                    j += 1
                if j >= len(units) or units[j].kind == "heading" or _asks(units[j]):
                    continue  # nothing under it, or a questionnaire (questions that answer nothing)
                idx = j
            if units[idx].kind in ("lead", "item"):
                block = self._list_block(units, idx)
                if units[idx].kind == "item" and _bare_titles(
                    [units[i].text for i in block if units[i].kind == "item"]
                ):
                    continue  # one title in a table of contents names the topic but answers nothing
            elif _leadless_list_follows(units, idx):
                # "Nosaka:" lost its colon: keep its items, unless they are a table of contents
                items = self._list_block(units, idx + 1)
                block = [idx] if _bare_titles([units[i].text for i in items]) else [idx] + items
            elif idx != s.unit_index:
                block = [idx]
            else:
                block = [s.unit_index]
                # a definition/verdict often continues in the next sentence of the same paragraph
                nxt = s.unit_index + 1
                if (
                    not chosen
                    and nxt < len(units)
                    and units[nxt].kind == "sentence"
                    and q.kind in ("definition", "why", "yesno")
                    and len(units[nxt].text) > 30
                    and not _near_duplicate(_unit_stems(units[nxt].text), _unit_stems(units[idx].text))
                ):
                    block.append(nxt)
                if (
                    not chosen
                    and q.kind == "definition"
                    and block[-1] + 1 < len(units)
                    and units[block[-1] + 1].kind == "lead"
                ):
                    block = block + self._list_block(units, block[-1] + 1)  # "Spējas ir:" + the list
            if len(block) == 1 and units[block[0]].text.endswith(":") and block[0] + 1 < len(units):
                # "Ja … uzdevums netiek veikts:" followed by a list that opens with its own lead-in
                nxt = block[0] + 1
                if units[nxt].kind == "lead":
                    block = block + self._list_block(units, nxt)
            block = [
                i
                for i in block
                if (chunk.chunk_id, i) not in used_units
                and _unit_info(units[i].text).quality >= MIN_UNIT_QUALITY
            ]
            if not block:
                continue
            stems = frozenset().union(*(_unit_stems(units[i].text) for i in block))
            info0 = _unit_info(units[block[0]].text)
            head = info0.head & named if _names_item(info0, named) else frozenset()
            new_item = q.kind == "compare" and bool(head) and not any(head <= h for h in seen_heads)
            if not new_item and any(
                len(stems & o) / max(1, min(len(stems), len(o))) >= 0.8 for o in seen_stems
            ):
                continue  # the same statement again (slides repeat the text)
            if q.kind == "compare" and len(seen_heads) >= 2 and not new_item and chunk.chunk_id != first_doc:
                continue  # the named items' definitions were found: nothing else from other passages
            lead_at = _lead_position(units, block)
            n_items = len(block) - 1 - lead_at if lead_at >= 0 else 0
            cost = (1 + lead_at) if lead_at >= 0 else len(block)
            if chosen and n_sentences + cost > budget:
                continue
            extra_list = MIN_EXTRA_LIST if chunk.chunk_id == first_doc else MIN_OTHER_LIST
            if chosen and sum(units[i].kind == "item" for i in block) > 2 and s.score < extra_list * best:
                continue  # a second long list only when it matches about as well as the best unit
            if not chosen:
                first_doc = chunk.chunk_id
            if head:
                seen_heads.append(head)
            chosen.append((chunk, block, s.score))
            seen_stems.append(stems)
            used_units.update((chunk.chunk_id, i) for i in block)
            n_sentences += cost
            ends_open = units[block[-1]].text.endswith(":")
            if block[-1] == len(units) - 1 and _cut_mid_sentence(units[block[-1]].text):
                # a sentence cut by chunking ("… dažādos kanālos, un"): it goes on in the next chunk
                nxt_chunk = self._next.get(chunk.chunk_id)
                if nxt_chunk is not None:
                    nunits = _units_of(nxt_chunk.text)
                    if nunits and _starts_lower(nunits[0].text) and (nxt_chunk.chunk_id, 0) not in used_units:
                        more = self._list_block(nunits, 0) if nunits[0].kind == "lead" else [0]
                        more = [i for i in more if _unit_info(nunits[i].text).quality >= MIN_UNIT_QUALITY]
                        if more:
                            chosen.append((nxt_chunk, more, s.score))
                            used_units.update((nxt_chunk.chunk_id, i) for i in more)
                            n_sentences += 1 if nunits[0].kind == "lead" else len(more)  # as the main path counts
            # a list cut by chunking in mid-list: its last item ends with ";" or without punctuation
            cut_list = (
                lead_at >= 0
                and 0 < n_items < MAX_LIST_ITEMS
                and (
                    units[block[-1]].text.endswith((";", ","))
                    or not units[block[-1]].text.endswith((".", "!", "?", ":"))
                    and any(units[i].text.endswith(";") for i in block)
                )
            )
            if (lead_at >= 0 and n_items == 0 or ends_open or cut_list) and block[-1] == len(units) - 1:
                cont = self._continuation(chunk)
                if cont is not None and (cont[0].chunk_id, cont[1][0]) not in used_units:
                    keep = cont[1][: max(1, MAX_LIST_ITEMS - n_items)]
                    chosen.append((cont[0], keep, s.score))
                    used_units.update((cont[0].chunk_id, i) for i in keep)
                    n_items += len(keep)
                    ends_open = False
            if (lead_at >= 0 and n_items == 0 or ends_open and len(block) == 1) and chosen[-1][0] is chunk:
                chosen.pop()  # a lead-in without its list says nothing on its own
                n_sentences -= cost
                continue
            if n_items > 2:
                n_sentences += (
                    2  # a list is a complete answer on its own; leave room for at most a little more
                )
        if not chosen:
            # every candidate was a bare lead-in or a heading: answer with the best real sentence instead
            for s in scored[:8]:
                units = _units_of(hits[s.hit_rank].chunk.text)
                if (
                    s.unit.kind in ("sentence", "item")
                    and not s.unit.text.endswith((":", "?"))
                    and (_unit_info(s.unit.text).quality >= MIN_UNIT_QUALITY)
                ):
                    chosen.append((hits[s.hit_rank].chunk, [s.unit_index], s.score))
                    break
        draft = self._render(chosen, best)
        draft.best_coverage = best_cov
        draft.subject_coverage = subject_coverage
        return draft

    @staticmethod
    def _render(chosen: list[tuple[Chunk, list[int], float]], best: float) -> Draft:
        numbers: dict[str, int] = {}
        chunks: dict[str, Chunk] = {}
        quotes: dict[int, list[str]] = {}
        lines: list[str] = []
        used: list[tuple[int, str]] = []
        for chunk, block, _score in chosen:
            n = numbers.setdefault(chunk.chunk_id, len(numbers) + 1)
            chunks[chunk.chunk_id] = chunk
            units = _units_of(chunk.text)
            quotes.setdefault(n, [])
            para: list[str] = []
            lead_at = _lead_position(units, block)
            for k, i in enumerate(block):
                u = units[i]
                text = squash(u.text)
                quotes[n].append(text)
                used.append((n, text))
                if k != lead_at and (u.kind == "item" and not (0 <= k < lead_at) or (0 <= lead_at < k)):
                    indent = "  " * max(0, u.depth - 1)
                    para.append(f"{indent}- {text}")
                elif 0 <= k < lead_at:
                    end = "" if text.endswith((".", "!", "?", ":", ";")) else "."
                    para.append(f"{text}{end}")  # the list's title: one marker for title + lead-in
                else:
                    end = "" if text.endswith((".", "!", "?", ":", ";")) else "."
                    para.append(f"{text}{end} [{n}]")
            # a list without its lead-in still needs its marker
            if not any(f"[{n}]" in p for p in para):
                para[-1] = f"{para[-1]} [{n}]"
            is_list = any(p.lstrip().startswith("- ") for p in para)
            head = [p for p in para if not p.lstrip().startswith("- ")]
            body = [p for p in para if p.lstrip().startswith("- ")]
            if is_list and not head and lines and lines[-1].rstrip().endswith(":" + f" [{n - 1}]"):
                lines[-1] = lines[-1] + "\n" + "\n".join(para)  # the list continues from the previous chunk
            elif is_list:
                lines.append("\n".join(([" ".join(head)] if head else []) + body))
            else:
                lines.append(" ".join(para))
        citations = [
            Citation(n=n, chunk=chunks[cid], quote="\n".join(quotes[n])) for cid, n in numbers.items()
        ]
        citations.sort(key=lambda c: c.n)
        return Draft("\n\n".join(lines), citations, best, used)
