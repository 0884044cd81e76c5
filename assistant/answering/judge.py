"""Judge: do the documents answer this question? Decline plainly when they do not.

Declined, whatever the route:
- ``injection``: the question carries instructions to the assistant (the triage's shared detector);
- ``other_country``: the question is about another country's practice (a country the corpus never names;
  ``assistant/data/foreign_places.txt``); the guidance describes Latvian administration only;
- ``other_law``: it asks about a law or an article ("… likuma 5. pants") that the corpus does not cite;
- ``personal_case``: the asker's own application or case ("mans iesniegums kavējas");
- ``empty``: nothing showable was found;
- ``missing_fact``: the question demands a fact that only an institution's own page states (a fee, opening
  hours, a phone number, a person's name, a date) and the answer does not state it about what is asked, or a
  number ("cik darba dienu") and the answer states none with what is counted;
- ``out_of_corpus``: the noun the asking sentence asks about ("Kāds administratīvais **sods** …") is a word the
  corpus and the domain vocabulary never use;
- ``only_mentioned``: it asks about a named system, register or site ("Kā VIRSIS sistēmā iestatīt …?") that the
  answer names only as an item of a list, or not at all: the guidance mentions it, it does not describe it;
- ``not_spoken_of``: it asks whether a thing exists or where to find it ("Vai ir izstrādāta vienota aptaujas
  anketa?", "Kur var atrast metodiku?") and the answer never names that thing;
- ``weak_match``: the support — ``w_cov`` × how much of the question the answer covers + ``w_route`` × how
  surely its section was routed (0.3 / 0.7 now) — is below :data:`~thresholds.Thresholds.min_support` (0.44);
  a definition of the concept a "Vai X ir <concept>?" question names answers it whatever the support.

Example:
    verdict = Judge().run(question, draft, routes); verdict.answerable, verdict.reason, verdict.features
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .facts import _ANSWER_PATTERNS, SPECIFIC_FACTS, is_personal_case, looks_verbal
from .fragments import own_line
from ..sentences import GENERIC, STOP_WORDS, content_stems, content_words, stem, verbal_base
from ..sentences import WORD_QUALITY
from ..textnorm import fold, fold_word, folded_tokens
from .compose import Draft
from .question import Question
from .route import Route
from .thresholds import THRESHOLDS


@dataclass
class Verdict:
    answerable: bool
    reason: str
    features: dict[str, Any] = field(default_factory=dict)


# number words in any case ("piecus gadus", "divos mēnešos", "trim", "vienpadsmit")
_COUNT_WORDS = (
    r"(?:viens|viena|vienu|vienam|vienai|divi|divas|divu|diviem|divam|divos|divas|tris|triju|trim|trijos|trijam|"
    r"trijiem|cetr(?:i|as|u|iem|am|os|us)|piec(?:i|as|u|iem|am|os|us)|ses(?:i|as|u|iem|am|os|us)|septin\w*|"
    r"aston\w*|devin\w*|\w*padsmit\w*|\w*desmit\w*|simt\w*|tukstot\w*)"
)
# a count: digits, a range ("3–6"), a percentage, or a number word
_NUMBER_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+)?%?|" + _COUNT_WORDS)
# what is not a count: citation marks, years ("2017. gada", "2027. gadam"), dates, ordinals ("4. posmā", "15.
# dienai"), numbered headings ("3.2."), site addresses, act numbers ("Nr. 399")
_NOT_A_COUNT_RE = re.compile(
    r"\[\d+\]|\b(?:1[89]|20)\d{2}(?:\.|\s*gad\w*)|\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b|\b\d+\.(?=\s*[a-z])|"
    r"\b(?:\d+\.){2,}\d*|\S+\.(?:lv|gov|eu|com)\S*|\bnr\.?\s*\d+"
)
# "cik ilgi / cik ilgā laikā / kad": the measure is time
_TIME_STEMS = frozenset(stem(w) for w in ("diena", "dienas", "mēnesis", "gads", "nedēļa", "stunda", "minūte", "termiņš"))
# a duration stated without a number: at once
_AT_ONCE_RE = re.compile(r"\b(?:nekavejoties|nekavejosi|tulit|uzreiz|nekavejot|tajpat\s+diena)\b")
# "cik ātri / cik drīz": the time units, or "at once" (not for "cik ilgi jāglabā": that asks for a period)
_SOON = frozenset({"<soon>"}) | _TIME_STEMS
# a frequency said outright (not "gada" or "dienu" alone): "reizi ceturksnī", "ik gadu", "katru mēnesi", "regulāri"
_PERIOD = r"(?:gad|menes|ceturksn|nedel|dien|darbdien)\w*"
_FREQ_STATED_RE = re.compile(
    rf"\breiz\w*\s+(?:\w+\s+)?{_PERIOD}|\bik\s+(?:\w+\s+)?{_PERIOD}|\bkatr\w*\s+{_PERIOD}|\bregulari\b|\bpastavigi\b"
)
_HOW_MUCH_FILLER = frozenset(fold_word(w) for w in ("daudz", "liels", "liela", "lielu", "lielā", "ilgi", "ilgā", "ilgs", "īsti"))
_SIZE_ADJ_RE = re.compile(r"(?:gar|liel|plas|biez|aug|maz|ist|sik)\w*")
_GENERIC = frozenset(stem(w) for w in GENERIC)
# "Kurš likuma pants …?", "kurā punktā": the number of an article, which only an answer stating one gives
_ARTICLE_Q_RE = re.compile(r"\b(?:kurs|kura|kuru|kurā|kura)\s+(?:\w+\s+){0,4}?(?:pants|panta|punkts|punkta|punkta)\b|\bpant\w*\s+\d+|\b\d+\s*pant\w*")
_ARTICLE_A_RE = re.compile(r"\b\d+\.?\s*(?:pant\w*|p\.|punkt\w*)")
# the words that ask: after them comes what is asked ("Kāds administratīvais sods …" -> "sods")
# only the words that ask for a thing; "kas / ko" mostly ask what to do ("kas jādara", "ar ko sākt")
_WH = frozenset("kads kada kadi kadas kadu kurs kura kuri kuras kuru".split())
# adverbs and pronouns that follow a question word without naming anything ("kurš te", "kādi viņiem")
_NOT_HEAD = frozenset(
    fold_word(w)
    for w in "te šeit tur tagad vēl vispār viņam viņai viņiem viņām tam tai tiem tām šim šai šiem tas tā tie".split()
)


# a named system, register, institution or site the question asks about: "VIRSIS", "DAGR", "latvija.gov.lv"
_ENTITY_RE = re.compile(r"\b(?:[A-ZĀČĒĢĪĶĻŅŠŪŽ]{3,}[0-9]*|[\w-]+\.(?:gov\.)?lv)\b")


def only_mentioned(ask: str, draft: Draft, vocabulary=None, known=None) -> str:
    """A named thing the asking sentence asks about ("Kā VIRSIS sistēmā iestatīt …?") that the answer does not
    speak about: absent from it, or only an item of a list (the guidance names it as an example; how it works is
    not described). Returns the name, or ""."""
    letters = [c for c in ask if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > len(letters) / 2:
        return ""  # a question typed in capitals names nothing by its capitals
    names = [e for e in _ENTITY_RE.findall(ask) if e not in _HOUSE_NAMES and fold(e) not in STOP_WORDS]
    # a person named in the ask ("Jāņa Bērziņa tālrunis"): two capitalised words inside the sentence, a surname
    # the corpus does not use; another person's contact does not answer
    persons = [m.group(0) for m in _PERSON_RE.finditer(ask) if m.start() > 0 and not (
        vocabulary is not None and any(vocabulary.phrases_of(w) for w in m.group(0).split()))
        # a person the guidance itself names (its contact) is not asked about as someone else
        and not (known is not None and known(fold_word(m.group(0).split()[-1])))]
    # a law named in the ask ("Administratīvā procesa likums") counts the same: its name must be spoken of
    names += [m.group(1) for m in _NAMED_LAW_RE.finditer(fold(ask)) if m.group(1) not in STOP_WORDS | _WH]
    text = judged_text(draft)
    if not (names or persons) or not text:
        return ""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    spoken = fold(" ".join(ln for ln in lines if not ln.lstrip().startswith("•")))
    title = fold(draft.route.section.title) if draft.route is not None else ""
    spoken_stems = set(content_stems(spoken))
    for e in persons:
        # in any case ("Jāņa Bērziņa" ~ "Jānis Bērziņš"): the surname's stem
        if stem(fold_word(e.split()[-1])) not in spoken_stems:
            return e
    for e in names:
        # the name or another name for it (the vocabulary: "NVO" = "nevalstiskā organizācija", "latvija.lv")
        forms = {fold(e)} | {fold(p) for p in (vocabulary.phrases_of(e) if vocabulary is not None else ())}
        if not any(f in spoken or f in title for f in forms):
            return e
    return ""


_PERSON_RE = re.compile(r"\b[A-ZĀČĒĢĪĶĻŅŠŪŽ][a-zāčēģīķļņšūž]+\s+[A-ZĀČĒĢĪĶĻŅŠŪŽ][a-zāčēģīķļņšūž]+\b")
_NAMED_LAW_RE = re.compile(r"\b(\w{4,})\s+likum(?:s|a|u|am|ā)\b")
# the guidance's own author and subject: everything in it is about them
_HOUSE_NAMES = frozenset({"VARAM"})


def asked_head(folded_ask: str) -> str:
    """The noun a "Kāds / Kurš … <noun>" question asks for: the last content word of the run of content words
    right after the question word ("kāds administratīvais sods draud" -> "sods"); "" when there is none."""
    toks = folded_ask.split()
    for i, t in enumerate(toks[:3]):
        if t not in _WH:
            continue
        run: list[str] = []
        j = i + 1
        if j < len(toks) and toks[j] in ("ir", "bija", "bus", "butu"):
            j += 1  # "Kas ir X?", "Kādas ir X?"
        for w in toks[j : j + 4]:
            if w in STOP_WORDS or w in _NOT_HEAD or WORD_QUALITY.predicate(w) or looks_verbal(w) or (
                w.startswith("ja") and len(w) > 5 and WORD_QUALITY.predicate(w[2:])
            ):
                break
            run.append(w)
        head = run[-1] if run else ""
        return head if len(head) >= 4 else ""
    return ""


# a question whether a thing exists or where it is ("Vai VARAM ir izstrādājusi vienotu aptaujas anketu?", "Vai ir
# noteikts minimālais līmenis?", "Kur var atrast metodiku?"): "ir" followed by a participle of making or an
# indefinite pronoun marks existence ("Vai X ir obligāts?" asks about a property and does not count)
_MAKING = "izstrad|izveid|sagatavot|ieviest|noteik|noteic|pieejam|apstiprin|paredzet"  # participles of making
_INDEFINITE = "kads|kada|kadi|kadas|kadu|kaut"  # "kāds", "kaut kas"
_EXISTS_MARK = rf"(?:{_MAKING}|{_INDEFINITE})[\w-]*"
# with a subject before "ir" only an active participle or an indefinite pronoun marks existence ("Vai VARAM ir
# izstrādājusi …", "Vai mums ir kāda …"): "Vai termiņš ir noteikts likumā?" asks about a property
_EXISTS_ACTIVE = rf"(?:\w+(?:jis|jusi|jusas|jusies)|(?:{_INDEFINITE})\w*)"
_EXISTS_FILLER = rf"(?:{_MAKING}|{_INDEFINITE}|vienot|oficial|konkret|ipas|jau|ari|vel|musu|jusu|sava|savu|visp)[\w-]*"
_EXISTS_RE = re.compile(
    rf"\bvai\s+(?:ir|bus)\s+((?:(?:jau|ari|vel)\s+)?{_EXISTS_MARK}\s+(?:[\w-]+\s+){{0,8}}[\w-]+)"
    rf"|\bvai\s+(?:[\w-]+\s+){{1,3}}?(?:ir|bus)\s+((?:(?:jau|ari|vel)\s+)?{_EXISTS_ACTIVE}\s+(?:[\w-]+\s+){{0,8}}[\w-]+)"
    # "Vai ir vienota metodika?" (nothing between "vai" and "ir": "Vai tas ir oficiāls dokuments?" classifies)
    r"|\bvai\s+ir\s+((?:vienot|oficial|konkret|ipas)\w*\s+(?:[\w-]+\s+){0,8}[\w-]+)"
    r"|\bvai\s+(?:[\w-]+\s+){0,3}?(?:eksiste|pastav)\s+((?:[\w-]+\s+){0,8}[\w-]+)"
    r"|\bkur\s+(?:[\w-]+\s+){0,3}?(?:atrast|atrodam\w*|pieejam\w*|iegut)\s+((?:[\w-]+\s+){0,8}[\w-]+)"
)
_EXISTS_FILLER_RE = re.compile(_EXISTS_FILLER)


# folded dative endings of a complement after the head noun ("apkalpošanai", "izstrādei", "iestādēm")
_DATIVE_END_RE = re.compile(r"\w{3,}(?:am|ai|ei|iem|em)$")
# folded adjective endings: comparatives ("sīkāku", "detalizētāko") and definite forms ("oficiālais", "jaunajam")
_ADJECTIVE_END_RE = re.compile(r"(?:ak|akais|aka|ako|akas|akus|aku|ais|aja|ajam|ajai|ajo|ajos|ajas|ajiem|ajie)$")
_META_NOUNS = frozenset(
    stem(w) for w in ("apraksts", "aprakstu", "skaidrojums", "skaidrojumu", "paskaidrojums", "informācija",
                      "informāciju", "definīcija", "definīciju", "izklāsts", "izklāstu")
)


# a way, an option, an approach: what is asked is described in other words ("vai ir kāda cita iespēja?" is
# answered by the options themselves), unlike a thing that exists as a document (a template, a methodology)
_MANNER_NOUNS = frozenset(
    stem(w) for w in ("iespēja", "veids", "variants", "risinājums", "kārtība", "pieeja", "ceļš", "alternatīva",
                      "izeja", "paņēmiens")
)


def asked_thing(folded_ask: str) -> list[list[str]]:
    """The things an existence or where-to-find question asks about, as runs of stems, one per alternative
    ("forma vai veidne" -> [[form], [veidn]]; "vai ir noteikts minimālais amata līmenis" -> [[minimal, amat,
    limen]]): the words after the trigger and its fillers, up to a verb, another stop word or the end. Empty for
    any other question."""
    m = _EXISTS_RE.search(folded_ask)
    if not m:
        return []
    words = next(g for g in m.groups() if g).split()
    runs: list[list[str]] = [[]]
    for w in words:
        if not any(runs) and (_EXISTS_FILLER_RE.fullmatch(w) or w in STOP_WORDS or w in _WH):
            continue
        if w in ("vai", "un"):
            runs.append([])
            continue
        if w in STOP_WORDS or looks_verbal(w) or w.startswith("ja") and len(w) > 5 and WORD_QUALITY.predicate(w[2:]):
            break
        if runs[-1] and _DATIVE_END_RE.search(w):
            # "vadlīnijas klientu apkalpošanai", "metodika cenrāža izstrādei": what the thing is for follows its
            # head, with its own genitives ("klientu", "cenrāža") before it
            while len(runs[-1]) > 1 and re.search(r"(?:u|a|as|es|us)$", runs[-1][-1]):
                runs[-1].pop()
            break
        runs[-1].append(w)
    # "Kur atrast X aprakstu / skaidrojumu?": the description of X is asked, X is the thing
    out = []
    for r in runs:
        st = [stem(w) for w in r]
        while st and st[-1] in _META_NOUNS:
            st.pop()
            # "sīkāku aprakstu": an adjective left before the description names no thing
            while st and _ADJECTIVE_END_RE.search(r[len(st) - 1]):
                st.pop()
        if st and st[-1] in _MANNER_NOUNS:
            return []  # "vai ir kāda cita iespēja?": a way or an option is described, not named
        if st and len(st[-1]) >= 4:
            out.append(st)
    return out


def thing_spoken(things: Sequence[Sequence[str]], answer_stems: frozenset[str]) -> bool:
    """An existence question is answered only by an answer that speaks of the thing: the head noun (the last
    word) of one of its alternatives or the word right before it among the answer's stems, a compound counting
    by its end ("veidne" ~ "veidnes", "aptauja" ~ "klientu aptauja")."""
    if not things:
        return True
    for run in things:
        # the head noun, or the word right before it ("konsultāciju stundas" is answered by "konsultācijas");
        # a generic word ("pakalpojumu veidlapa") says nothing of the thing
        heads = [run[-1]] + [h for h in run[-2:-1] if h not in _GENERIC]
        for h in heads:
            # a compound ends with the head ("klientu aptauja" ~ "aptauja"); short stems must match whole
            # ("veid" is not "izveid", "form" not "platform")
            if any(a == h or (len(h) >= 5 and a.endswith(h)) or (len(a) >= 5 and h.endswith(a)) for a in answer_stems):
                return True
    return False


_VALUE_WORD_RE = re.compile(r"maksimal\w*|minimal\w*|videj\w*|pielaujam\w*|procent\w*|likm\w*|limit\w*")
_LAW_RE = re.compile(
    r"\b(\w{4,})\s+(?:likum\w*|regul(?:a|as|u|ai|am|as|u)\b|direktiv\w*)|\b(\w{4,}likum\w*)|\b(\d+)\.?\s*pant\w*"
    r"|\bpant\w*\s+(\d+)"
)


def _load_places() -> tuple[frozenset[str], ...]:
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "data" / "foreign_places.txt"
    try:
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    except OSError:
        return ()
    return tuple(frozenset(content_stems(ln)) for ln in lines if ln and not ln.startswith("#"))


_PLACES = _load_places()


def measure_stems(folded_ask: str) -> frozenset[str]:
    """What a "Cik …?" question counts: the word(s) after "cik" ("cik darba dienu" -> {darb, dien}; "cik
    ilgi" -> time units). Empty when the question has no "cik"."""
    toks = folded_ask.split()
    for i, t in enumerate(toks):
        if _VALUE_WORD_RE.fullmatch(t):
            words = [w for w in toks[i + 1 : i + 5] if w not in STOP_WORDS and not _VALUE_WORD_RE.fullmatch(w)][:1]
            return frozenset(stem(w) for w in words)
        if t != "cik":
            continue
        rest = [w for w in toks[i + 1 : i + 5] if w not in _HOW_MUCH_FILLER or w.startswith("ilg")]
        if rest and re.match(r"(?:atr|driz)", rest[0]):
            return _SOON  # "cik ātri / cik ātrā laikā / cik drīz": a number with a time unit, or "at once"
        if rest and rest[0].startswith("ilg"):
            return _TIME_STEMS  # "cik ilgi": how long it takes or lasts
        if rest and _SIZE_ADJ_RE.fullmatch(rest[0]):
            return frozenset()  # "cik garam / lielam / biezam jābūt": any number states it
        words = [w for w in rest if w not in STOP_WORDS][:1]
        return frozenset(stem(w) for w in words)
    return frozenset()


def states_measure(answer: str, measure: frozenset[str]) -> bool:
    """A line of the answer gives a number together with what is counted, or a list whose lead-in names what
    is counted ("Cik ir virzienu?" is answered by the list of directions)."""
    # the composer's own notes ("(… un vēl 9 punkti: …)") count nothing of the documents
    lines = [fold(ln) for ln in answer.split("\n") if not own_line(ln)]
    if measure == _SOON:
        if any(_AT_ONCE_RE.search(line) for line in lines):
            return True  # "cik ātri": "nekavējoties" states it as well as "5 darbdienu laikā"
        measure = _TIME_STEMS
    for i, line in enumerate(lines):
        # a lead-in ("… šādi virzieni: [1]") with its list right below: the items are what is counted
        lead = re.sub(r"\s*\[\d+\]\s*$", "", line).rstrip()
        listed = lines[i + 1 : i + 3]
        if measure and lead.endswith(":") and not lead.lstrip().startswith("•") and len(listed) == 2 and all(x.lstrip().startswith("•") for x in listed):
            if any(any(s.endswith(m) or m.endswith(s) for m in measure) for s in content_stems(lead) if len(s) >= 3):
                return True
    for line in lines:
        # what is not a count: citation marks "[1]", years "2017. gada", dates, numbered headings and list
        # numbers ("3.2.", "1. Pakalpojumu …"), addresses with digits
        line = _NOT_A_COUNT_RE.sub(" ", line)
        toks = line.split()
        at = [i for i, t in enumerate(toks) if _NUMBER_TOKEN_RE.fullmatch(t.strip(".,;:()"))]
        if not at:
            continue
        if not measure:
            return True
        # the number near what it counts ("10 darba dienu laikā", "termiņš … ir 10 darba dienas");
        # "darbdienu" counts "dienu": a compound carries its measure at the end
        for i in at:
            near = " ".join(toks[max(0, i - 5) : i + 6])
            if any(any(s.endswith(m) or m.endswith(s) for m in measure) for s in content_stems(near) if len(s) >= 3):
                return True
    return False


# declines for what the question demands (a fact, a thing, a law, another country's practice, the asker's own
# case): the documents were searched and do not hold it. A shorter wording of the same question (a mail's
# subject) would lose the demand and be answered from a neighbouring section, so such a decline is final; only
# "empty" and "weak_match" (nothing close enough found) are worth another wording
# ("only_mentioned" is not among them: a site or system named in passing in a longer question is often not
# what is asked, and the subject then asks the question itself)
DEMAND_DECLINES = frozenset(
    {"injection", "personal_case", "other_country", "other_law", "out_of_corpus", "not_spoken_of", "missing_fact"}
)


class Judge:
    """The answerability decision (see the module docstring)."""

    def __init__(self, vocabulary=None) -> None:
        self.vocabulary = vocabulary  # the domain vocabulary (another name for a named thing counts as it)
        self._vocab_stems: set[str] = set()
        self._vocab_words: set[str] = set()
        self._vocab_bases: set[str] = set()
        self._extra_words: set[str] = set()
        self._articles: set[str] = set()  # article numbers the corpus cites ("10. pants")

    def warm_up(self, corpus_texts: Sequence[str], extra_texts: Sequence[str] = ()) -> None:
        """The corpus vocabulary (folded words and their stems) plus the domain vocabulary's phrases (the
        everyday words staff use for what the corpus says count as known)."""
        for t in list(corpus_texts) + list(extra_texts):
            for w in content_words(t):
                self._vocab_words.add(w)
                self._vocab_stems.add(stem(w))
                self._vocab_bases.add(verbal_base(stem(w)))
        self._extra_words = {w for t in extra_texts for w in content_words(t)}
        self._articles = {n for t in corpus_texts for n in re.findall(r"\b(\d+)\.\s*pant", fold(t))}
        self._places = tuple(p for p in _PLACES if not p <= self._vocab_stems)  # countries the corpus names stay in

    def in_corpus(self, word: str) -> bool:
        """The word, its stem or its verbal base ("aktualizēts" ~ "aktualizēšana") occurs in the corpus."""
        s = stem(word)
        return word in self._vocab_words or s in self._vocab_stems or verbal_base(s) in self._vocab_bases

    def features(self, q: Question, draft: Draft, routes: Sequence[Route]) -> dict[str, Any]:
        ask_f = " ".join(folded_tokens(q.ask))
        top = routes[0] if routes else None
        foreign = _foreign_practice(q.text, getattr(self, "_places", ()))
        law = ""
        for m in _LAW_RE.finditer(" ".join(folded_tokens(q.text))):
            name = next(g for g in m.groups() if g)
            # an article the corpus never cites ("VDAR 35. panta"; folded text has no dot after the number)
            article_n = m.group(3) or m.group(4)
            if not self.in_corpus(name) or (article_n and article_n not in self._articles):
                law = m.group(0)
                break
        fact = q.fact
        stated: bool | None = None
        if fact in ("count",):
            stated = states_measure(judged_text(draft), measure_stems(ask_f))
        elif fact in _ANSWER_PATTERNS:
            # the fact must be stated about what is asked: a phone, fee or date in a line that also names
            # something the asking sentence names (another office's phone does not answer)
            asked = set(q.ask_stems) - _GENERIC
            stated = any(
                _ANSWER_PATTERNS[fact].search(line) and (not asked or asked & set(content_stems(line)))
                for line in fold(judged_text(draft)).split("\n")
            )
            if not stated and fact == "frequency" and draft.units:
                # the lead section's units were chosen for the question: a frequency they state ("pārbauda …
                # reizi ceturksnī" for "Cik bieži jāpārskata …?") answers it in other words
                lead_n = draft.units[-1][0] if len({n for n, _u in draft.units}) == 1 else 1
                stated = any(_FREQ_STATED_RE.search(fold(u.text)) for n, u in draft.units if n == lead_n)
        article = bool(_ARTICLE_Q_RE.search(ask_f)) and not _ARTICLE_A_RE.search(fold(judged_text(draft)))
        mentioned = only_mentioned(q.ask, draft, self.vocabulary, known=self.in_corpus)
        thing = asked_thing(ask_f)
        head = asked_head(ask_f)
        head_missing = bool(head) and not self.in_corpus(head) and head not in self._extra_words
        section_cov = 0.0
        if draft.route is not None:
            sec = draft.route.section
            section_cov = _share(q, frozenset(content_stems(sec.search_text + " " + sec.title)))
        oov = [w for w in content_words(q.ask) if not self.in_corpus(w)]
        return {
            "route": round(top.score, 4) if top else 0.0,
            # relative to what the section could reach: a document added without a question bank is not
            # penalised for the bank channels it cannot have
            "route_strength": round(top.strength, 4) if top else 0.0,
            "via": top.via if top else "",
            # the lead piece alone: a second section shown for a near tie does not make a weak answer strong
            "coverage": round(draft.lead_coverage if draft.hedge_n else draft.coverage, 4),
            "section_coverage": round(section_cov, 4),
            "ask_coverage": round(_share(q, _answer_stems(draft), ask_only=True), 4),
            "oov": oov,
            "fact": fact,
            "fact_stated": stated,
            "foreign": foreign,
            "law": law or ("pants" if article else ""),
            "asked_head": head,
            "head_missing": head_missing,
            "only_mentioned": mentioned,
            "asked_thing": thing,
            "thing_spoken": thing_spoken(thing, _answer_stems(draft)),
        }

    def run(self, q: Question, draft: Draft, routes: Sequence[Route]) -> Verdict:
        t = THRESHOLDS
        f = self.features(q, draft, routes)
        from ..triage.flags import injection_patterns  # the triage package imports the answer path: at call time

        if injection_patterns(q.text):
            # instructions to the assistant inside a question ("ignore previous instructions…"): never obeyed,
            # never echoed; the shared detector also reads obfuscated forms (zero-width, base64, spaced letters)
            return Verdict(False, "injection", f)
        if is_personal_case(q.text):
            return Verdict(False, "personal_case", f)
        if not draft.text:
            return Verdict(False, "empty", f)
        if f["foreign"]:
            return Verdict(False, "other_country", f)
        if f["law"]:
            return Verdict(False, "other_law", f)
        if f["head_missing"]:
            return Verdict(False, "out_of_corpus", f)
        if f["only_mentioned"]:
            return Verdict(False, "only_mentioned", f)
        if not f["thing_spoken"]:
            return Verdict(False, "not_spoken_of", f)
        if f["fact"] in SPECIFIC_FACTS and not f["fact_stated"]:
            return Verdict(False, "missing_fact", f)
        if f["fact"] in ("count", "frequency") and f["fact_stated"] is False:
            return Verdict(False, "missing_fact", f)
        support = (
            t.w_cov * f["coverage"]
            + t.w_ask * f["ask_coverage"]
            + t.w_section * f["section_coverage"]
            + t.w_route * f["route_strength"]
        )
        f["support"] = round(support, 4)
        f["defines"] = draft.defines
        if support < t.min_support and not (draft.defines and q.concept):
            # a "Vai X ir <concept>?" question is answered by the concept's definition even when the case
            # itself ("bibliotēka") is nowhere in the guidance
            return Verdict(False, "weak_match", f)
        return Verdict(True, "ok", f)


def _load_stems(name: str) -> frozenset[str]:
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "data" / name
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    return frozenset(st for ln in lines if ln and not ln.startswith("#") for st in content_stems(ln))


_PEOPLE = _load_stems("people_nouns.txt")


def _foreign_practice(text: str, places: Sequence[frozenset[str]]) -> bool:
    """The question asks about another country (one the corpus never names): "Kā Igaunijā …?", "Lietuvas
    pieredze". A country in the genitive before a noun for people ("Ukrainas iedzīvotāji", "Lietuvas uzņēmēji")
    speaks of people dealing with Latvian services, and does not count."""
    toks = folded_tokens(text)
    for i, w in enumerate(toks):
        st = {stem(w)}
        if not any(p <= st or (len(p) > 1 and p <= set(map(stem, toks[i : i + len(p)]))) for p in places):
            continue
        nxt = stem(toks[i + 1]) if i + 1 < len(toks) else ""
        if re.search(r"(?:as|es)$", w) and nxt in _PEOPLE:
            continue
        return True
    return False


def judged_text(draft: Draft) -> str:
    """The answer the judge weighs: without a second section shown only for a near tie (``Draft.hedge_n``)."""
    return draft.lead_text if draft.hedge_n and draft.lead_text else draft.text


def _answer_stems(draft: Draft) -> frozenset[str]:
    out: set[str] = set()
    for n, u in draft.units:
        if draft.hedge_n and n == draft.hedge_n:
            continue
        out |= set(content_stems(u.text))
    if draft.route is not None:
        out |= set(content_stems(draft.route.section.title))
    return frozenset(out)


def _share(q: Question, stems: frozenset[str], *, ask_only: bool = False) -> float:
    """Weighted share of the question's stems (only the ask's, with ``ask_only``) found in ``stems``."""
    items = [(s, w) for s, w in q.weights.items() if not ask_only or s in q.ask_stems]
    total = sum(w for _s, w in items)
    if not total:
        return 0.0
    return sum(w for s, w in items if s in stems) / total


__all__ = ["DEMAND_DECLINES", "Judge", "Verdict", "asked_thing", "measure_stems", "states_measure", "thing_spoken"]
