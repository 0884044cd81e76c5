"""Topic classification of inbox messages into the service-management taxonomy.

Weighted keyword lexicons per topic, built from the guidance documents' own vocabulary (002 policy
Q&A, 003 redesign method, 004 MK regulations 399/401/402 slides), matched as *prefixes of folded
tokens*: Latvian inflects at the end, so the folded stem "nosaukum" matches nosaukums, nosaukumu,
nosaukumiem, and text typed without diacritics folds to the same tokens; a debitive "jā..." token that
matches nothing is matched without the prefix. The first question sentence counts a little extra (the
main point of a message comes first). Short English and Russian
lexicons cover messages in those languages. Scores become probabilities with a softmax that includes
an ``out_of_scope`` baseline; the confidence is the top probability.

Example:
    TopicClassifier().classify("Ka pareizi nosaukt pakalpojumu?")  # -> ("service_naming", 0.8...)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ..textnorm import fold, folded_tokens

TOPICS: dict[str, str] = {
    "service_concept": "Pakalpojuma jēdziens: kas ir un kas nav pakalpojums, vajadzības, vērtība, resursi, spējas",
    "service_naming": "Pakalpojumu nosaukumi: kā veidot nosaukumu (objekts + darbība + papildu informācija)",
    "service_portfolio": "Pakalpojumu saraksts un portfelis: identificēšana, apvienošana, sadalīšana, apstiprināšana",
    "service_types": "Pakalpojumu veidi: publisks, starpiestāžu, individuāla/vispārēja labuma, vienkāršs, komplekss",
    "service_levels": "Pakalpojuma līmeņi: pakalpojuma līmeņa vienošanās un tās nosacījumi (PLVN, SLA)",
    "channels_access": "Kanāli un piekļūstamība: klātienē, attālināti, VPVKAC, klientu apkalpošana",
    "digital": "Digitālie pakalpojumi: e-pakalpojumi, d-pakalpojumi, e-lietotnes, elektronizācija, portāls",
    "roles_governance": "Lomas un pārvaldība: pakalpojuma saimnieks, turētājs, sniedzējs, vadītājs, atbildība",
    "management_tasks": "Pakalpojumu pārvaldības uzdevumi (PU), politika, plānošana, attīstības plāni",
    "catalogue_description": "Pakalpojumu katalogs un apraksti: aprakstīšana, aktualizēšana, latvija.gov.lv",
    "quality_measurement": "Kvalitāte un mērījumi: izpildes rādītāji, apmierinātība, kvalitātes kontrole",
    "redesign": "Pakalpojumu pārbūve un pilnveidošana: izvērtēšana, pārbūves plāns, uzlabošana",
    "out_of_scope": "Ārpus jomas: jautājumi, uz kuriem vadlīnijas neattiecas (piem., iedzīvotāja personiskā lieta)",
}

# folded prefix -> weight, per topic. Prefixes are matched against folded tokens (len(token) >= len(prefix)).
_LEXICON: dict[str, dict[str, float]] = {
    "service_concept": {
        "jedzien": 1.5,
        "definicij": 1.2,
        "definej": 1.0,
        "vajadzib": 1.2,
        "vertib": 1.0,
        "labum": 1.0,
        "atbalsta funkcij": 2.0,
        "atbalst": 0.8,
        "nav pakalpojum": 2.5,
        "ir pakalpojums": 3.0,
        "ir pakalpojumi": 3.0,
        "par pakalpojum": 1.5,
        "uzskat par pakalpojum": 2.0,
        "atsevisk pakalpojum": 2.5,
        "skaidrojos": 2.0,
        "izglitojos": 2.0,
        "pamatdarbib": 1.5,
        "uzraudzib": 0.8,
        "konsultacij": 1.2,
        "metodisk": 1.0,
        "helpdesk": 1.0,
        "listed as": 3.0,
        "a separate service": 3.0,
        "service at all": 3.0,
        "uzskat": 1.5,
        "darbib": 0.4,
        "resurs": 1.2,
        "spej": 1.0,
        "dzives situacij": 0.8,
        "konsultesan": 1.5,
        "konsulte": 1.2,
        "administrativ": 0.8,
        "funkcij": 0.7,
        "lietvedib": 1.2,
        "gramatvedib": 1.2,
        "kas ir pakalpojums": 3.0,
        "concept": 1.5,
        "definition": 1.5,
        "count as a service": 3.0,
        "is a service": 2.0,
        "count as": 2.0,
        "counts as": 2.0,
        "considered": 1.2,
        "regarded as": 1.2,
        "informing": 1.5,
        "explanatory": 1.5,
        "support function": 2.0,
        "need": 0.6,
        "понят": 1.5,
        "определени": 1.2,
        "считать": 1.0,
        "является ли": 1.2,
        "потребност": 1.0,
    },
    "service_naming": {
        "nosauk": 3.0,
        "nosaukt": 3.0,
        "formulej": 1.5,
        "formulesan": 1.5,
        "objekt": 1.2,
        "darbiba": 0.3,
        "vard": 0.6,
        "pareizrakst": 1.5,
        "izsniegsan": 0.8,
        "nodrosinasan": 0.5,
        "sanemsan": 0.8,
        "pieteiksan": 0.8,
        "name": 3.0,
        "naming": 3.0,
        "wording": 1.5,
        "title": 1.5,
        "назв": 3.0,
        "наименов": 3.0,
        "формулир": 1.5,
    },
    "service_portfolio": {
        "sarakst": 2.0,
        "portfel": 3.0,
        "portfoli": 3.0,
        "inventariz": 2.5,
        "identific": 1.8,
        "apvieno": 1.8,
        "sadalit": 1.5,
        "dublej": 2.0,
        "dubult": 1.2,
        "pu2-1": 1.0,
        "cik pakalpojum": 2.0,
        "pakalpojumu skait": 2.5,
        "number of services": 2.5,
        "kopum": 0.3,
        "apstiprin": 0.8,
        "izslegt": 1.2,
        "list of services": 3.0,
        "portfolio": 3.0,
        "inventory": 2.5,
        "merg": 1.5,
        "service list": 3.0,
        "services list": 3.0,
        "split": 1.2,
        "duplicate": 1.5,
        "перечень": 2.5,
        "список": 2.0,
        "портфел": 3.0,
        "объедин": 1.5,
        "дублир": 1.5,
    },
    "service_types": {
        "veidi$": 1.5,
        "veids$": 1.5,
        "veidu$": 1.2,
        "veidiem$": 1.5,
        "veida$": 1.0,
        "starpiestaz": 2.5,
        "publisk": 1.2,
        "individual": 1.8,
        "visparej": 1.2,
        "visparej labum": 3.0,
        "individual labum": 3.0,
        "koplietosan": 2.5,
        "vienkars": 2.0,
        "komplekss": 2.0,
        "kompleks": 1.8,
        "viedais": 2.5,
        "viedo$": 2.0,  # whole token: "viedoklis" (opinion) starts the same way
        "vieda": 1.5,
        "klasifik": 1.2,
        "kategorij": 1.0,
        "labuma": 1.5,
        "lietosanas": 0.8,
        "type": 2.0,
        "kind$": 1.2,
        "kinds$": 1.2,
        "inter-institutional": 2.5,
        "interinstitutional": 2.5,
        "shared": 1.5,
        "complex": 1.5,
        "simple": 1.0,
        "smart": 1.5,
        "public good": 1.5,
        "вид": 1.5,
        "тип": 1.5,
        "межведомств": 2.5,
        "комплекс": 1.5,
    },
    "service_levels": {
        # "līmenis" has two senses in the policy: a service's level (here) and the levels of service management
        # (politikas, pamatdarbības, nodrošinājuma: management_tasks); the word alone is weak evidence, its
        # phrases decide
        "limen": 1.2,
        "pakalpojum limen": 2.5,
        "limena vienosan": 3.0,
        "limena nosacijum": 3.0,
        "vienosan": 2.5,
        "plvn": 4.0,
        "sla$": 4.0,
        "solijum": 2.0,
        "nosacijum": 0.8,
        "specifikacij": 1.2,
        "garantej": 1.0,
        "izpildes termin": 1.5,
        "service level": 4.0,
        "level": 1.5,
        "agreement": 2.0,
        "promise": 1.5,
        "уровн": 2.5,
        "соглашени": 2.5,
    },
    "channels_access": {
        "kanal": 3.0,
        "wcag": 3.0,
        "timeklvietn": 0.8,
        "klatien": 2.0,
        "attalinat": 2.0,
        "vpvkac": 3.0,
        "klientu apkalposan": 2.5,
        "apkalposan": 1.5,
        "piekl": 2.5,
        "pieejam": 1.0,
        "vienas pieturas": 2.5,
        "pasts": 0.8,
        "talrun": 0.8,
        "video": 0.8,
        "centr": 1.0,
        "daudzkanal": 3.0,
        "teritorial": 1.5,
        "channel": 3.0,
        "in person": 2.0,
        "one-stop": 2.5,
        "accessib": 2.0,
        "customer service": 2.0,
        "канал": 3.0,
        "доступн": 1.5,
        "очно": 1.5,
    },
    "digital": {
        "e-pakalpojum": 3.0,
        "d-pakalpojum": 3.5,
        "digital": 2.5,
        "elektronisk": 1.8,
        "elektroniz": 3.0,
        "e-lietotn": 3.0,
        "lietotn": 2.0,
        "portal": 1.5,
        "latvija.gov": 1.5,
        "latvija.lv": 1.5,
        "e-adres": 1.5,
        "tiessaist": 2.0,
        "api$": 1.5,
        "mobil": 1.2,
        "aplikacij": 1.5,
        "informacijas sistem": 1.5,
        "ikt$": 1.0,
        "e-service": 3.0,
        "online": 2.0,
        "digital service": 3.0,
        "app$": 1.2,
        "apps$": 1.2,
        "electronic": 2.0,
        "электрон": 2.5,
        "цифров": 2.5,
        "онлайн": 2.0,
        "портал": 1.5,
    },
    "roles_governance": {
        "saimniek": 2.5,
        "turetaj": 2.5,
        "sniedzej": 1.2,
        "vaditaj": 1.8,
        "loma": 2.0,
        "lomu$": 2.0,
        "lomas$": 2.0,
        "lomam$": 2.0,
        "lomai$": 2.0,
        "atbildig": 1.5,
        "atbild par": 1.5,
        "pienakum": 1.5,
        "kompetenc": 1.2,
        "koordinator": 2.0,
        "koordin": 1.0,
        "varam": 0.8,
        "vraa": 1.0,
        "ministrij": 0.6,
        "pasvaldib": 0.4,
        "parzin": 1.5,
        "kurs atbild": 2.0,
        "kam jaatbild": 2.0,
        "owner": 2.5,
        "holder": 2.0,
        "role": 2.5,
        "responsib": 2.0,
        "accountab": 2.0,
        "governance": 2.0,
        "who is responsible": 3.0,
        "владел": 2.5,
        "роль": 2.5,
        "ответствен": 2.0,
    },
    "management_tasks": {
        "parvaldibas uzdevum": 3.5,
        "parvaldibas limen": 3.5,
        "merog": 2.0,
        "apzimejum": 1.0,
        "uzdevum": 1.8,
        "pu1": 3.0,
        "pu2": 2.5,
        "pu3": 3.0,
        "politik": 1.2,
        "planosan": 1.5,
        "planot": 1.0,
        "attistibas plan": 2.5,
        "strategij": 1.5,
        "izveid": 0.8,
        "ieviesan": 1.2,
        "likvid": 2.0,
        "partrauk": 1.2,
        "uzraudzib": 1.2,
        "izmainu parvaldib": 2.5,
        "incident": 2.0,
        "zinasanu parvaldib": 2.5,
        "ietilpib": 2.0,
        "parvaldibas sistem": 1.5,
        "pamatnosacijum": 1.5,
        "task": 2.0,
        "management task": 3.5,
        "planning": 1.5,
        "lifecycle": 2.0,
        "decommission": 2.0,
        "задач": 2.0,
        "планир": 1.5,
        "управлени": 0.8,
    },
    "catalogue_description": {
        "katalog": 3.0,
        "aprakst": 2.5,
        "aprakstit": 2.5,
        "aktualiz": 2.0,
        "publicet": 1.0,
        "ierakst": 1.2,
        "latvija.gov": 1.0,
        "virsis": 2.5,
        "uzskait": 1.5,
        "399": 1.5,
        "jaiekl apraksta": 2.0,
        "lauk": 0.6,
        "catalog": 3.0,
        "description": 2.5,
        "describe": 2.0,
        "update": 1.0,
        "каталог": 3.0,
        "описани": 2.5,
    },
    "quality_measurement": {
        "kvalitat": 2.5,
        "merij": 2.5,
        "merit": 2.0,
        "izmerit": 2.0,
        "raditaj": 2.5,
        "apmierinatib": 3.0,
        "aptauj": 2.0,
        "izpildes raditaj": 3.0,
        "statistik": 1.5,
        "novert": 1.0,
        "kontrol": 1.0,
        "atsauksm": 1.5,
        "sudzib": 1.5,
        "kpi$": 3.0,
        "efektivitat": 1.2,
        "rezultativitat": 1.2,
        "quality": 2.5,
        "measur": 2.5,
        "indicator": 2.5,
        "satisfaction": 3.0,
        "survey": 2.0,
        "metric": 2.5,
        "feedback": 1.5,
        "качеств": 2.5,
        "показател": 2.5,
        "удовлетвор": 3.0,
        "измер": 2.5,
        "опрос": 2.0,
    },
    "redesign": {
        "parbuv": 3.5,
        "pilnveid": 2.0,
        "uzlabo": 1.8,
        "uzlabosan": 2.0,
        "optimiz": 2.0,
        "procesa": 1.2,
        "proces": 1.0,
        "izvertesan": 1.2,
        "izvertet": 1.0,
        "koncepcij": 1.2,
        "slog": 1.5,
        "vienkarsot": 2.0,
        "parskatit": 1.0,
        "parbuves plan": 3.5,
        "nepartraukt": 1.5,
        "as-is": 2.0,
        "to-be": 2.0,
        "redesign": 3.5,
        "improv": 2.0,
        "re-engineer": 3.0,
        "reengineer": 3.0,
        "process": 1.2,
        "streamlin": 2.0,
        "simplif": 1.5,
        "перестро": 3.0,
        "улучш": 2.0,
        "оптимиз": 2.0,
        "процесс": 1.2,
        "реинжинир": 3.5,
    },
    "out_of_scope": {},
}

# words that say "this is about managing public services" (raise every in-scope topic a little)
_DOMAIN = (
    "pakalpojum",
    "iestad",
    "pasvaldib",
    "service",
    "услуг",
    "учрежден",
    "parvaldib",
    "vadlinij",
    "nosaukum",
    "sarakst",
    "katalog",
    "paslaug",
    "pu1",
    "pu2",
    "pu3",
    "plvn",
)

# a private person's own matter, or something the guidance does not cover
_OUT_OF_SCOPE = {
    "pase$": 2.0,
    "pasi$": 2.0,
    "pases": 2.0,
    "id kart": 2.0,
    "pabalst": 2.5,
    "pensij": 2.5,
    "nodokl": 2.0,
    "deklaracij": 1.5,
    "dzivokl": 2.0,
    "dzivesviet": 2.0,
    "sods$": 1.0,
    "soda naud": 2.0,
    "berns": 1.5,
    "berna": 1.5,
    "bernudarz": 2.5,
    "skol": 1.5,
    "arst": 2.0,
    "slimnic": 2.0,
    "alga$": 1.5,
    "algu$": 1.5,
    "algas$": 1.5,
    "atvalinajum": 2.0,
    "vakanc": 2.5,
    "darba sludinajum": 2.5,
    "iepirkum": 2.0,
    "tender": 2.0,
    "budzet": 1.0,
    "autobus": 2.0,
    "remont": 1.5,
    "sunis": 2.0,
    "kaimin": 2.0,
    "vizum": 2.0,
    "uzturesanas atlauj": 2.5,
    "passport": 2.5,
    "tax": 2.0,
    "pension": 2.5,
    "benefit": 2.0,
    "job": 2.0,
    "salary": 2.0,
    "weather": 3.0,
    "паспорт": 2.5,
    "налог": 2.0,
    "пенси": 2.5,
    "пособи": 2.5,
    "виза": 2.0,
    "работ": 1.0,
    "recept": 2.0,
    "kaut kas": 0.5,
    "sports": 1.5,
    "koncert": 2.0,
}
_OOS_BASELINE = 1.6
_TEMPERATURE = 1.1
_UNSURE = 0.5
_FOCUS_WEIGHT = 0.2
_INTRO_WORDS = 30  # words before the first question that make an "introduction"
_INTRO_WEIGHT = 0.6  # extra weight of the first question after an introduction

# a sentence ends at . ! ? followed by space and a capital (so "2011. gada" and "latvija.gov.lv" stay whole),
# or at a line break
_SENT_SPLIT_RE = re.compile(r"(?<=[.!?…])\s+(?=[\"„«(\[]?[A-ZĀČĒĢĪĶĻŅŠŪŽА-ЯЁ0-9])|\n+")
# text without capitals (typed in lower case, or folded) has no capital to go by: a sentence then ends at
# . ! ? and a space, except after a number ("2011. gada")
_SENT_SPLIT_LOWER_RE = re.compile(r"(?<=[.!?…])(?<!\d\.)\s+|\n+")
GREETING_RE = re.compile(
    r"^\s*(?:labdien|sveiki|labrīt|labvakar|labdien vēlreiz|cienījam\w*[^,!\n]*|hello|hi|good (?:morning|afternoon)|"
    r"dear[^,!\n]*|здравствуйте|добрый день)[!,.]?\s*",
    re.IGNORECASE,
)


def question_sentences(text: str) -> list[tuple[int, str]]:
    """The question sentences of a text with where each starts, in order (greetings removed).

    The one sentence splitter of triage: the classifier's first-question focus and the pipeline's
    questions for the assistant both use it.
    """
    greeting = GREETING_RE.match(text)
    offset = greeting.end() if greeting else 0
    out = []
    pos = offset
    split_re = _SENT_SPLIT_LOWER_RE if text == text.lower() else _SENT_SPLIT_RE
    for sep in [*split_re.finditer(text, offset), None]:
        end = sep.start() if sep is not None else len(text)
        s = re.sub(r"\s+", " ", text[pos:end]).strip()
        if "?" in s:
            s = s[: s.rfind("?") + 1]
            s = GREETING_RE.sub("", s).strip()
            if len(s) > 8:
                out.append((pos, s))
        if sep is not None:
            pos = sep.end()
    return out


def _first_question(text: str) -> tuple[int, str]:
    """Where the first question of three words or more starts, and its text ((-1, '') when there is none)."""
    for pos, q in question_sentences(text):
        if len(q.split()) >= 3:
            return pos, q
    return -1, ""


@dataclass(frozen=True)
class TopicResult:
    """The chosen topic, its calibrated confidence, and the probabilities of all topics."""

    topic: str
    confidence: float
    probabilities: dict[str, float]
    scores: dict[str, float]


def _split(
    lexicon: dict[str, float],
) -> tuple[dict[str, float], list[tuple[re.Pattern[str], float, tuple[str, ...]]]]:
    single: dict[str, float] = {}
    phrases: list[tuple[re.Pattern[str], float, tuple[str, ...]]] = []
    for key, w in lexicon.items():
        if " " in key:
            parts = [re.escape(p) for p in key.split()]
            phrases.append((re.compile(r"(?<!\w)" + r"\w*\s+".join(parts)), w, tuple(key.split())))
        else:
            single[key] = w
    return single, phrases


@lru_cache(maxsize=1)
def _compiled() -> (
    tuple[dict[str, dict[str, float]], dict[str, list[tuple[re.Pattern[str], float, tuple[str, ...]]]]]
):
    prefix_index: dict[str, dict[str, float]] = {}  # keys ending in "$" match whole tokens only
    phrase_index: dict[str, list[tuple[re.Pattern[str], float, tuple[str, ...]]]] = {}
    lexicons = dict(_LEXICON)
    lexicons["out_of_scope"] = _OUT_OF_SCOPE
    for topic, lex in lexicons.items():
        single, phrases = _split(lex)
        phrase_index[topic] = phrases
        for prefix, w in single.items():
            prefix_index.setdefault(prefix, {})[topic] = w
    return prefix_index, phrase_index


def _max_prefix(lengths: set[int]) -> int:
    return max(lengths) if lengths else 0


class TopicClassifier:
    """Lexicon classifier over folded, prefix-matched tokens; calibrated with a softmax.

    Example:
        clf = TopicClassifier(); r = clf.classify_text("Kas ir PLVN?"); r.topic, r.confidence
    """

    def __init__(
        self,
        *,
        temperature: float = _TEMPERATURE,
        oos_baseline: float = _OOS_BASELINE,
        unsure: float = _UNSURE,
        focus_weight: float = _FOCUS_WEIGHT,
        intro_words: int = _INTRO_WORDS,
        intro_weight: float = _INTRO_WEIGHT,
    ) -> None:
        self.focus_weight = focus_weight
        self.intro_words = intro_words
        self.intro_weight = intro_weight
        self.temperature = temperature
        self.unsure = unsure
        self.oos_baseline = oos_baseline
        self._prefixes, self._phrases = _compiled()
        self._lengths = sorted({len(p) for p in self._prefixes})

    def scores(self, text: str) -> dict[str, float]:
        scores, domain = self._lexical(text)
        at, focus = _first_question(text)
        if focus and self.focus_weight:
            # the first question is the message's main point; a topic mentioned later in passing
            # ("... so that we can later write a better name") should not outweigh it. After a long
            # introduction (context: who we are, what we did) the question counts more: the introduction's
            # words describe the setting, the question says what the sender needs
            weight = self.focus_weight
            if len(text[:at].split()) >= self.intro_words:
                weight += self.intro_weight
            extra, _ = self._lexical(focus)
            for t, v in extra.items():
                if t != "out_of_scope":
                    scores[t] += weight * v
        # a citizen's words inside a question about services (e.g. a list of names) are not out of scope
        scores["out_of_scope"] = scores["out_of_scope"] / (1.0 + domain)
        scores["out_of_scope"] += self.oos_baseline - min(domain, 3) * 0.4

        return scores

    def _lexical(self, text: str) -> tuple[dict[str, float], int]:
        """Raw lexicon scores per topic and the number of service-management words."""
        folded = fold(text)
        toks = folded_tokens(text)
        scores = {t: 0.0 for t in TOPICS}
        seen: set[tuple[str, str]] = set()
        for tok in toks:
            if not self._match(tok, scores, seen) and len(tok) >= 6 and tok.startswith("ja"):
                # debitive mood: "jāuzskata", "jāaktualizē", "jāapraksta" (typed "jauzskata") carry the
                # verb after the prefix "jā", which a prefix match of the whole token never reaches
                self._match(tok[2:], scores, seen)
        for topic, phrases in self._phrases.items():
            for rx, w, words in phrases:
                if rx.search(folded):
                    # a phrase is one piece of evidence: its weight replaces what its words already gave
                    # the topic ("klientu apkalpošanas" is not "apkalpošanas" plus "klientu apkalpošanas")
                    already = sum(self._word_weight(x, topic) for x in words)
                    scores[topic] += max(0.0, w - already)
        domain = sum(1 for tok in toks if tok.startswith(_DOMAIN))
        return scores, domain

    def _word_weight(self, word: str, topic: str) -> float:
        """What one folded word gives a topic on its own (the best of its matching keys)."""
        best = 0.0
        for n in self._lengths:
            if n > len(word):
                break
            hit = self._prefixes.get(word[:n])
            if hit is not None:
                best = max(best, hit.get(topic, 0.0))
        exact = self._prefixes.get(word + "$")
        if exact is not None:
            best = max(best, exact.get(topic, 0.0))
        return best

    def _match(self, tok: str, scores: dict[str, float], seen: set[tuple[str, str]]) -> bool:
        """Add, per topic, the weight of the best lexicon key matching one token (a prefix or the whole token);
        True if any matched. One word is one piece of evidence: "nosaukt" matching both "nosauk" and "nosaukt",
        or "lomām" matching "loma" and "lomām$", counts once."""
        best: dict[str, tuple[float, str]] = {}
        for n in self._lengths:
            if n > len(tok):
                break
            hit = self._prefixes.get(tok[:n])
            if hit is None:
                continue
            for topic, w in hit.items():
                if w > best.get(topic, (0.0, ""))[0]:
                    best[topic] = (w, tok[:n])
        exact = self._prefixes.get(tok + "$")
        if exact is not None:
            for topic, w in exact.items():
                if w > best.get(topic, (0.0, ""))[0]:
                    best[topic] = (w, tok)
        for topic, (w, stem) in best.items():
            key = (topic, stem)
            # a repeated word counts with diminishing weight
            scores[topic] += w if key not in seen else w * 0.3
            seen.add(key)
        return bool(best)

    def classify_text(self, text: str) -> TopicResult:
        scores = self.scores(text)
        mx = max(scores.values())
        # topics with no evidence at all take no probability mass (13 empty topics would otherwise
        # drown a message with one clear keyword); out_of_scope always competes
        exps = {
            t: (math.exp((s - mx) / self.temperature) if (s > 0 or t == "out_of_scope") else 0.0)
            for t, s in scores.items()
        }
        # an "unsure" pseudo-candidate keeps the confidence low when the evidence is thin
        z = sum(exps.values()) + math.exp((self.unsure - mx) / self.temperature)
        probs = {t: e / z for t, e in exps.items()}
        topic = max(probs, key=lambda t: probs[t])
        return TopicResult(topic, round(probs[topic], 4), probs, scores)

    def classify(self, text: str) -> tuple[str, float]:
        r = self.classify_text(text)
        return r.topic, r.confidence
