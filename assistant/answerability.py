"""Do the documents answer the question? Features, calibrated thresholds and the decision.

Features (all case-, inflection- and diacritics-insensitive: folded + stemmed content words):

- ``coverage``: idf-weighted share of the question's content words found in the best 3 passages;
- ``unit_coverage``: the same share inside the single best sentence/list unit (from the composer);
  ``answer_unit_coverage``/``answer_coverage``: the judge's share inside the answer's own units (best unit /
  whole answer); support uses the larger unit share. Question words exclude asking words, pronouns, modals
  and "cik <measure>" (``topic_words``); an absent verb-shaped word weighs like an average word;
- ``oov``: content words of the question that occur nowhere in the corpus vocabulary ("PVN", "speķa");
- ``expected``: the kind of fact the question demands (a fee, opening hours, a phone, a date, an amount,
  a count, a frequency) and whether the best units contain one;
- ``personal``: a question about the asker's own case ("mans iesniegums kavējas"): answered with where to
  turn, never guessed.

Thresholds were calibrated on evals/sets/answers.jsonl and evals/sets/dev_answers.jsonl (see docs/answers.md).

Example:
    judge = AnswerabilityJudge(); judge.warm_up(chunks)
    verdict = judge.run(analyze_question(q), hits, draft); verdict.answerable, verdict.reason
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .answer import (
    FREQ_A,
    GENERIC_STEMS,
    Draft,
    QuestionInfo,
    _unit_stems,
    _units_of,
    expected_fact,
)
from .sentences import StemVocabulary, content_stems, content_words, stem, verbal_base
from .textnorm import fold, folded_tokens
from .types import Chunk, Hit

CONSULTATION_EMAIL = "pvp@varam.gov.lv"
OCR_PREFIX_CREDIT = 0.8  # a question word whose stem shares 5 leading letters with a passage stem
ROOT_CREDIT = 0.7  # the same verb root under another prefix

_VERB_PREFIXES = ("pār", "pie", "aiz", "ap", "at", "ie", "iz", "no", "pa", "sa", "uz")
_VERB_PREFIXES_F = tuple(fold(p) for p in _VERB_PREFIXES)


@lru_cache(maxsize=100_000)
def verb_root(word: str) -> str:
    """A folded word without debitive "jā", one verbal prefix and one verbal ending, stemmed: "jāapgūst" → "gust".

    Only for matching where the plain stem fails (different prefixes on one root: apgūt ~ iegūt).
    """
    w = fold(word)
    if w.startswith("ja") and len(w) >= 6:
        w = w[2:]
    for p in sorted(_VERB_PREFIXES_F, key=len, reverse=True):
        if w.startswith(p) and len(w) - len(p) >= 3:
            w = w[len(p) :]
            break
    if re.match(r"(?:ej|gaj)\w", w):
        return "iet"  # the irregular "iet": pāriet ~ pārejot ~ pārgāja
    # one verbal derivation ending off too: "mainīties" ~ "izmaiņas", "īstenojot" ~ "īstenošana"
    return verbal_base(stem(w))


@dataclass(frozen=True)
class Thresholds:
    """Decision thresholds (calibrated; see docs/answers.md for the figures behind them)."""

    min_support: float = 0.45  # 0.5*coverage + 0.5*unit_coverage - 0.5*oov_share
    min_subject_coverage: float = 0.66  # definitions: share of the defined term's words found in one unit
    max_oov_share: float = 0.34  # share of content words absent from the corpus
    max_oov_specific: int = 1  # absent words tolerated when the question also demands a missing fact


@dataclass
class Verdict:
    """The decision with its reason and features (kept in the answer's timings/debug output)."""

    answerable: bool
    reason: str  # "ok" | "personal_case" | "out_of_corpus" | "weak_match" | "missing_fact" | "empty"
    features: dict[str, Any] = field(default_factory=dict)


# --- expected fact types ------------------------------------------------------------------------------
# the questions' side (which fact a question demands) is decided once, in assistant.answer (FACT_QUESTIONS,
# expected_fact -> QuestionInfo.fact); here only what an answer stating the fact looks like
_MONEY_A = re.compile(
    r"(?:\d[\d\s.,]*\s*(?:eur|eiro|€|lat)|€\s*\d|\bbezmaksas\b|\bmaksa\s+\d)", re.IGNORECASE
)
_HOURS_A = re.compile(r"\b\d{1,2}[:.]\d{2}\s*[-–]\s*\d{1,2}[:.]\d{2}\b|\bno\s+\d{1,2}[:.]\d{2}\b")
_PHONE_A = re.compile(r"(?:\+371\s*)?\b\d{2}\s?\d{3}\s?\d{3}\b")
_DATE_A = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\b|\b\d{4}\.\s*gada\s+\d{1,2}\.\s*\w+|\blidz\s+\d{1,2}\.\s*\w+|\b\d{1,2}\.\s*(?:janvar|februar|mart|april|maij|junij|jul|august|septembr|oktobr|novembr|decembr)\w*",
)
_NUMBER_WORDS = (
    r"vien[sa]?|viena|divi|divas|div\w*|tris|triju|trijos|cetr\w*|piec\w*|ses\w*|septin\w*|astotn\w*|"
    r"desmit\w*|simt\w*|tukstot\w*|vairak\w*|vismaz|daudz\w*|nevien\w*"
)
_COUNT_A = re.compile(rf"\b(?:\d+|{_NUMBER_WORDS})\b")

# --- the asker's own case -------------------------------------------------------------------------------
# the asker's own case: the first person singular with a matter of one's own ("mans iesniegums") or its state;
# "mūsu / mums" is the institution's voice (staff write "mūsu pakalpojuma pieteikums", "mūsu lēmums" about their
# service), so with it only the state of a case counts ("mūsu iesniegums kavējas", "mums atteica")
_FIRST_PERSON = re.compile(r"\b(?:mans|mana|manu|manam|manai|mani|manas|mana|manis|man|es|manejais)\b")
_FIRST_PLURAL = re.compile(r"\b(?:musu|mums|mes)\b")
_OWN_SITUATION = re.compile(
    r"\b(?:kavej\w*|aizkavej\w*|neatnac\w*|neatnak\w*|nav\s+(?:izskatit\w*|sanemt\w*|atbildet\w*|atnac\w*|pieskirt\w*)|"
    r"atteik\w*|atteic\w*|atsak\w*|nesanem\w*|sudzet\w*|parsudzet\w*|apstridet\w*|zvanit|vaino\w*|sodit\w*|"
    r"ko\s+(?:man\s+)?darit|kur\s+(?:man\s+)?(?:versties|zvanit|griezties))\b"
)
# the state of the institution's own request to an authority ("mūsu iesniegums kavējas", "mums atteica"): not
# how its clients complain or appeal ("kā klients var pārsūdzēt mūsu lēmumu" is a question about the guidance)
_OWN_STATE = re.compile(
    r"\b(?:kavej\w*|aizkavej\w*|neatnac\w*|neatnak\w*|nav\s+(?:izskatit\w*|sanemt\w*|atbildet\w*|atnac\w*|pieskirt\w*|apstiprinat\w*)|"
    r"atteik\w*|atteic\w*|nesanem\w*|joprojam\s+nav)\b"
)
_OWN_MATTER = re.compile(
    r"\b(?:mans|mana|manu|manam|manai|manas|musu)\s+(?:\w+\s+){0,2}?(?:pieteikum\w*|iesniegum\w*|lieta|lietu|lietas|"
    r"pase\w*|pases|pabalst\w*|atmaks\w*|parmaks\w*|nodokl\w*|sod\w*|berns|bernam|berna|dzivokl\w*|uznemum\w*|"
    r"deklaracij\w*|sudzib\w*|maksajum\w*|pensij\w*|apliecib\w*)"
)

# requests for generated text that no guidance document answers ("uzraksti dzejoli", "iesaki recepti")
_TASK_REQUEST = re.compile(
    r"^(?:uzraksti|sacer|izdoma|iesaki|pastasti\s+joku|izstasti\s+joku|uzzime|partulko)\b"
)


# "<name> likums/likumā/likuma" or a compound "civillikums"; numbers like "nr 399"
_LAW_RE = re.compile(r"\b(\w{3,})\s+likum\w*|\b(\w{3,})likum\w*")
_NOT_LAW_NAMES = frozenset(
    [
        "saskana",
        "atbilstosi",
        "pec",
        "par",
        "ar",
        "uz",
        "kads",
        "kada",
        "kurs",
        "kura",
        "sis",
        "so",
        "ta",
        "tas",
    ]
)
_NUMBER_ID_RE = re.compile(r"\bnr\s+\d+\b")


# facts only an institution's own page states (fees, hours, contacts, deadlines): never guessed from guidance
SPECIFIC_FACTS = frozenset({"money", "hours", "phone", "name", "date"})
# the kind of fact -> what an answer stating it looks like ("name" has none: never found in a quote)
_ANSWER_PATTERNS = {
    "money": _MONEY_A,
    "hours": _HOURS_A,
    "phone": _PHONE_A,
    "date": _DATE_A,
    "frequency": FREQ_A,
    "count": _COUNT_A,
}


# verb forms by their endings (folded): infinitives, "-ot(ies)" gerunds, and, after a verbal prefix,
# past passive participles of -īt/-ēt/-āt/-ot verbs ("uztaisīta", "izdarīts") and past active ones ("izdarījis")
_INFINITIVE = re.compile(r"^\w{2,}(?:[aeiou]t|[aeiou]ties|st|sties)$")
_PARTICIPLE = re.compile(
    r"^\w{3,}[aeio](?:ts|ta|tas|ti|tie|tais|taja|to|tu|tam|tai|tos)$|^\w{3,}(?:jis|jusi|jusas|jusi)$"
)


def looks_verbal(word: str) -> bool:
    """A folded word shaped like a verb form: an infinitive ("uztaisit"), a gerund ("darot") or a prefixed
    participle ("uztaisita", "izdarijis"). Nouns in "-ts"/"-ta" without a verbal prefix ("vieta") are not."""
    if _INFINITIVE.match(word):
        return True
    if _PARTICIPLE.match(word):
        return any(word.startswith(p) and len(word) - len(p) >= 5 for p in _VERB_PREFIXES_F)
    return False


def is_personal_case(question: str) -> bool:
    """A question about the asker's own application/case rather than about the guidance."""
    qf = " ".join(folded_tokens(question))
    if _FIRST_PERSON.search(qf):
        return bool(_OWN_SITUATION.search(qf) or _OWN_MATTER.search(qf))
    return bool(_FIRST_PLURAL.search(qf) and _OWN_STATE.search(qf))


class AnswerabilityJudge:
    """Decide whether the retrieved passages answer a question.

    Example:
        judge = AnswerabilityJudge(); judge.warm_up(all_chunks)
        judge.run(analyze_question("Cik maksā pase?"), hits, draft).answerable  # -> False
    """

    def __init__(self, thresholds: Thresholds | None = None) -> None:
        self.thresholds = thresholds or Thresholds()
        self.words: set[str] = set()
        self.stems: set[str] = set()
        self.prefixes: set[str] = set()
        self.word_prefixes: set[str] = set()
        self.vocab = StemVocabulary(set())
        self.roots: set[str] = set()
        self.df: dict[str, int] = {}
        self.n_chunks = 0

    def warm_up(self, chunks: Sequence[Chunk]) -> None:
        """Build the corpus vocabulary (folded words, stems) and chunk frequencies."""
        for c in chunks:
            ws = set(content_words(c.text))
            self.words |= ws
            ss = {stem(w) for w in ws}
            self.stems |= ss
            for s in ss:
                self.df[s] = self.df.get(s, 0) + 1
        self.vocab = StemVocabulary(self.stems)
        self.roots = {verb_root(w) for w in self.words}
        self.prefixes = {s[:5] for s in self.stems if len(s) >= 5}
        self.word_prefixes = {w[:k] for w in self.words for k in range(4, len(w) + 1)}
        self.n_chunks = len(chunks)

    def in_corpus(self, word: str) -> bool:
        """True when a folded content word (or a form of it) occurs in the corpus."""
        if not self.words:
            return True  # no vocabulary: cannot tell, do not penalise
        s = stem(word)
        if word in self.words or s in self.stems or self.vocab.related(s):
            return True
        # debitive and negated verb forms: "jāmēra" ~ "mēra", "nenozīmē" ~ "nozīmē"
        for prefix in ("ja", "ne"):
            if word.startswith(prefix) and len(word) > 5 and self.in_corpus(word[2:]):
                return True
        # another verbal prefix on the same root: "apgūt" ~ "iegūt", "pāriet" ~ "iet"
        if verb_root(word) in self.roots and len(verb_root(word)) >= 3:
            return True
        # palatalised/irregular forms (iestāžu ~ iestāde, skart ~ skar): a shared stem or word prefix
        if len(s) >= 6 and s[:5] in self.prefixes:
            return True
        return len(word) >= 5 and word[: max(4, len(word) - 2)] in self.word_prefixes

    def _idf(self, s: str) -> float:
        n = self.n_chunks or 1
        return math.log((n + 1) / (self.df.get(s, 0) + 0.5))

    @staticmethod
    def _missing_identifiers(qf: str, top: Sequence[Hit]) -> list[str]:
        """Named laws ("Darba likums", "Civillikums") and numbers ("Nr. 399") the best passages never mention."""
        ids: list[str] = []
        for m in _LAW_RE.finditer(qf):
            name = m.group(1) or m.group(2)
            if name and name not in _NOT_LAW_NAMES:
                ids.append(m.group(0))
        ids += _NUMBER_ID_RE.findall(qf)
        if not ids:
            return []
        text = " ".join(folded_tokens(" ".join(h.chunk.text for h in top)))
        missing = []
        for ident in ids:
            words = ident.split()
            # the law's own name word (stemmed by a 4-letter prefix) must be there, next to "likum…"
            if len(words) == 2 and words[1].startswith("likum"):
                pat = rf"\b{re.escape(words[0][: max(4, len(words[0]) - 2)])}\w*\s+likum"
            elif "likum" in ident:
                pat = rf"\b{re.escape(ident[: ident.index('likum') + 5])}"
            else:
                pat = rf"\b{re.escape(ident)}\b"
            if not re.search(pat, text):
                missing.append(ident)
        return missing

    def _share(
        self,
        weights: dict[str, float],
        root_of: dict[str, str],
        stems: set[str] | frozenset[str],
        roots: set[str] | frozenset[str],
    ) -> float:
        """Weighted credit of the question stems found in a text's stems/roots (see ``features``)."""
        pref = {x[:5] for x in stems if len(x) >= 5}
        got = 0.0
        for s, w in weights.items():
            if s in stems or not stems.isdisjoint(self.vocab.related(s)):
                got += w
            elif len(s) >= 6 and s[:5] in pref:
                got += w * OCR_PREFIX_CREDIT
            elif len(root_of.get(s, "")) >= 3 and root_of[s] in roots:
                got += w * ROOT_CREDIT
        return got

    def features(self, q: QuestionInfo, hits: Sequence[Hit], draft: Draft | None) -> dict[str, Any]:
        qf = " ".join(folded_tokens(q.text))
        words = topic_words(q.text)
        stems = list(dict.fromkeys(stem(w) for w in words))
        oov = [w for w in dict.fromkeys(words) if not self.in_corpus(w)]
        top = hits[:3]
        top_stems: set[str] = set()
        for h in top:
            for u in _units_of(h.chunk.text):
                top_stems |= _unit_stems(u.text)
        top_roots: set[str] = set()
        for h in top:
            top_roots |= _roots_of(h.chunk.text)
        weights = {s: self._idf(s) * (0.5 if s in GENERIC_STEMS else 1.0) for s in stems}
        # an out-of-corpus verb form ("uztaisīta", "izdarīt") is a way of saying, not a topic: it weighs as
        # much as an average in-corpus word of the question, not as the rarest (an absent noun keeps its weight)
        verbal = {stem(w) for w in oov if looks_verbal(w)}
        known = [w for s, w in weights.items() if s not in {stem(x) for x in oov}]
        if verbal and known:
            avg = sum(known) / len(known)
            for s in verbal:
                weights[s] = min(weights[s], avg)
        total = sum(weights.values()) or 1.0
        root_of = {stem(w): verb_root(w) for w in words}

        # 1 for the word (or a derivation), less for OCR-damaged ("piekļGstamibu") or re-prefixed ("apgūt" ~
        # "iegūt") forms of it
        coverage = self._share(weights, root_of, top_stems, top_roots) / total if stems else 0.0
        # the same measure inside the answer itself: the best single unit, and the answer as a whole
        unit_cov = draft_cov = 0.0
        if draft is not None and stems:
            all_stems: set[str] = set()
            all_roots: set[str] = set()
            for _n, t in draft.used:
                us, ur = _unit_stems(t), _roots_of(t)
                all_stems |= us
                all_roots |= ur
                unit_cov = max(unit_cov, self._share(weights, root_of, us, ur) / total)
            draft_cov = self._share(weights, root_of, all_stems, all_roots) / total
        missing_ids = self._missing_identifiers(qf, top)
        fact = q.fact  # the one decision, made by analyze_question (the composer prefers units stating it)
        fact_found = True
        if fact and draft is not None:
            pattern = _ANSWER_PATTERNS.get(fact)
            quoted = " ".join(fold(t) for _n, t in draft.used)
            fact_found = bool(pattern.search(quoted)) if pattern is not None else False
        return {
            "coverage": round(coverage, 4),
            "unit_coverage": round(draft.best_coverage if draft else 0.0, 4),
            "answer_unit_coverage": round(unit_cov, 4),
            "answer_coverage": round(draft_cov, 4),
            "oov": oov,
            "oov_share": round(len(oov) / len(words), 4) if words else 1.0,
            "n_content": len(words),
            "expected_fact": fact,
            "fact_found": fact_found,
            "top_score": round(float(hits[0].score), 6) if hits else 0.0,
            "task_request": bool(_TASK_REQUEST.match(qf)),
            "missing_identifiers": missing_ids,
            "subject_coverage": round(draft.subject_coverage if draft else 0.0, 4),
            "subject_oov": [w for w in oov if stem(w) in set(q.subject_stems)],
            "support": round(
                0.5 * coverage
                + 0.5 * max(draft.best_coverage if draft else 0.0, unit_cov)
                - 0.5 * (len(oov) / max(1, len(words))),
                4,
            ),
        }

    def run(self, q: QuestionInfo, hits: Sequence[Hit], draft: Draft | None) -> Verdict:
        t = self.thresholds
        if is_personal_case(q.text):
            return Verdict(False, "personal_case", {})
        f = self.features(q, hits, draft)
        if not hits or draft is None or not draft.text or f["n_content"] == 0:
            return Verdict(False, "empty", f)
        if f["task_request"]:
            return Verdict(False, "out_of_corpus", f)
        if f["oov_share"] > t.max_oov_share:
            return Verdict(False, "out_of_corpus", f)
        if f["missing_identifiers"]:
            return Verdict(False, "missing_fact", f)  # a named law or a number the passages never mention
        if f["expected_fact"] and not f["fact_found"]:
            return Verdict(False, "missing_fact", f)
        if f["expected_fact"] in SPECIFIC_FACTS and len(f["oov"]) >= t.max_oov_specific:
            return Verdict(False, "missing_fact", f)
        if f["expected_fact"] in ("frequency", "count") and f["fact_found"] and f["unit_coverage"] >= 0.5:
            return Verdict(True, "ok", f)  # the best sentence covers the topic and states the asked number
        if q.kind == "definition" and f["subject_oov"]:
            return Verdict(False, "out_of_corpus", f)  # the defined term has a word the documents never use
        if q.kind == "definition" and f["subject_coverage"] < t.min_subject_coverage:
            return Verdict(False, "weak_match", f)  # the term asked about is never named as a whole
        if f["support"] < t.min_support:
            return Verdict(False, "weak_match", f)
        return Verdict(True, "ok", f)


@lru_cache(maxsize=8192)
def _roots_of(text: str) -> frozenset[str]:
    return frozenset(verb_root(w) for w in set(content_words(text)))


# words that ask rather than name a topic
_QUESTION_FILLER = frozenset(
    fold(w)
    for w in [
        "kads",
        "kada",
        "kadi",
        "kadas",
        "nozime",
        "saprot",
        "sauc",
        "jadara",
        "lidz",
        "cikiem",
        "biezi",
        "nodarbojas",
        "velams",
        "vajadzetu",
        "jasak",
        "sakt",
        # possessive/personal pronouns: who asks, never what about ("mūsu pakalpojums", "jūsu iestāde")
        "mūsu",
        "jūsu",
        "es",
        "mūs",
        "jums",
        "tev",
        "tavs",
        "tava",
        "tavu",
        "viņu",
        "viņam",
        "viņai",
        "viņiem",
        # modal verbs: "drīkst"/"nedrīkst" ask whether something is allowed, the topic is the rest
        "drīkst",
        "drīkstu",
        "drīksti",
        "drīkstam",
        "drīkstat",
        "drīkstēja",
        "drīkstētu",
        "nedrīkst",
        "nedrīkstētu",
        "vajadzēs",
        "vajadzēja",
        "jāvar",
        # a comparison particle and phrasal-verb particles ("nekā", "sekot līdzi", "nākt klāt")
        "nekā",
        "līdzi",
        "klāt",
        # "vai tas skaitās …?" = "vai tas ir …?"
        "skaitās",
    ]
)
# "Cik garam/ilgam/lielam …?": the measure adjective after "cik" names the asked quantity, not a topic
_MEASURE_AFTER_CIK = re.compile(
    r"\bcik\s+(gar\w*|ilg\w*|liel\w*|maz\w*|daudz\w*|vec\w*|augst\w*|plat\w*|tal\w*|tuv\w*|smag\w*|atr\w*|dzil\w*)\b"
)


def topic_words(text: str) -> list[str]:
    """The question's folded content words without asking words, pronouns, modals and "cik <measure>"."""
    qf = " ".join(folded_tokens(text))
    measures = {m.group(1) for m in _MEASURE_AFTER_CIK.finditer(qf)}
    return [w for w in content_words(text) if w not in _QUESTION_FILLER and w not in measures]


__all__ = [
    "CONSULTATION_EMAIL",
    "SPECIFIC_FACTS",
    "AnswerabilityJudge",
    "Thresholds",
    "Verdict",
    "content_stems",
    "expected_fact",
    "is_personal_case",
]
