"""What a question demands and what a passage states: the question's shape, the fact it asks for, what an
answer stating that fact looks like, and the asker's own case. Shared by the answer path's parse and judge steps.

Everything works on folded text (lower case, diacritics stripped: "Cik maksā" -> "cik maksa"), so a question
typed without diacritics is read the same way.

Example:
    expected_fact("cik maksa pases izsniegsana")   # -> "money"
    analyze_question("Kas ir e-pakalpojums?").kind  # -> "definition"
    is_personal_case("Mans iesniegums kavējas, ko darīt?")  # -> True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..sentences import content_stems, stem
from ..textnorm import fold, folded_tokens

_VERB_PREFIXES_F = tuple(fold(p) for p in ("pār", "pie", "aiz", "ap", "at", "ie", "iz", "no", "pa", "sa", "uz"))

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
    rf"\b{_ASK_WH}\s+(?:\w+\s+){{0,3}}?(?:darba\s+laik\w*|darbalaik\w*|pienemsanas\s+laik\w*)|"
    # "Kāds ir vienotā klientu apkalpošanas centra darba laiks?": a longer name of the place, no clause between
    rf"\b{_ASK_WH}\s+ir\s+(?:(?!ka\b|kas\b|kur\b|par\b|kartib)\w+\s+){{0,5}}?(?:darba\s+laiks|darbalaiks)\b|\blidz\s+cikiem|\bno\s+cikiem|"
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

# classifier nouns of a definition question ("Kas ir uzdevums PU2-14?": the term is "PU2-14")
_CLASSIFIERS = frozenset(stem(w) for w in ["uzdevums", "termins", "jēdziens", "saīsinājums", "princips"])


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



CONSULTATION_EMAIL = "pvp@varam.gov.lv"
# --- expected fact types ------------------------------------------------------------------------------
# the questions' side (which fact a question demands) is decided once (FACT_QUESTIONS, expected_fact ->
# QuestionInfo.fact); below, what an answer stating the fact looks like
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


def answer_states(fact: str, folded_text: str) -> bool | None:
    """Does the (folded) text state a fact of this kind? None for a kind without a pattern ("name")."""
    pattern = _ANSWER_PATTERNS.get(fact)
    return None if pattern is None else bool(pattern.search(folded_text))


__all__ = [
    "CONSULTATION_EMAIL",
    "FACT_QUESTIONS",
    "SPECIFIC_FACTS",
    "QuestionInfo",
    "analyze_question",
    "answer_states",
    "expected_fact",
    "is_personal_case",
    "looks_verbal",
]
