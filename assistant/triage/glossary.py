"""A small English/Russian → Latvian glossary of service-management terms, for asking the (Latvian) guidance.

The guidance exists only in Latvian. For an English or Russian message the question sent to the assistant is
the Latvian terms of the glossary found in it, in order ("simple ... complex services" → "vienkāršs pakalpojums
komplekss pakalpojums"). The draft reply is in Latvian either way. Terms come from the documents (002, 004).

Example:
    to_latvian_query("What is the difference between simple and complex services?", "en")
"""

from __future__ import annotations

import re

# (pattern over lower-cased text, Latvian term). Longer phrases first: they win over their parts.
_EN: list[tuple[str, str]] = [
    (r"service level agreement conditions|sla conditions", "pakalpojuma līmeņa vienošanās nosacījumi"),
    (r"service level agreements?|\bsla\b", "pakalpojuma līmeņa vienošanās"),
    (r"service levels?", "pakalpojuma līmenis"),
    (r"\bplvn\b", "PLVN"),
    (r"inter-?institutional services?", "starpiestāžu pakalpojums"),
    (r"public services? catalogu?e|catalogu?e of public services", "publisko pakalpojumu katalogs"),
    (r"catalogu?es?", "pakalpojumu katalogs"),
    (r"service descriptions?|describ\w+", "pakalpojuma apraksts"),
    (r"service owners?", "pakalpojuma saimnieks"),
    (r"service managers?", "pakalpojuma vadītājs"),
    (r"service providers?|provider", "pakalpojuma sniedzējs"),
    (r"service holders?", "pakalpojuma turētājs"),
    (r"service names?|nam(?:e|es|ing)\b", "pakalpojuma nosaukums"),
    (r"list of services|service list|portfolio", "pakalpojumu saraksts"),
    (r"simple services?|\bsimple\b", "vienkāršs pakalpojums"),
    (r"complex services?|\bcomplex\b", "komplekss pakalpojums"),
    (r"smart services?|\bsmart\b", "viedais pakalpojums"),
    (r"shared services?", "koplietošanas pakalpojums"),
    (r"public good", "vispārēja labuma pakalpojums"),
    (r"e-services?", "e-pakalpojums"),
    (r"d-services?|digital services?", "d-pakalpojums"),
    (r"e-applications?|\bapps?\b|mobile application", "e-lietotne"),
    (r"channels?", "pakalpojuma sniegšanas kanāli"),
    (r"in person|face-to-face", "klātienē"),
    (r"one-stop|customer service cent\w+", "klientu apkalpošanas centrs"),
    (r"accessib\w+", "piekļūstamība"),
    (r"satisfaction", "klientu apmierinātība"),
    (r"measur\w+", "mērījumi"),
    (r"indicators?|metrics?|kpis?", "izpildes rādītāji"),
    (r"quality", "kvalitāte"),
    (r"redesign\w*|re-?engineer\w*", "pakalpojuma pārbūve"),
    (r"improv\w+", "pilnveidošana"),
    (r"helpdesk|support", "atbalsts"),
    (r"consult\w+|advice", "konsultēšana"),
    (r"life situations?", "dzīves situācija"),
    (r"\bneeds?\b", "vajadzība"),
    (r"management tasks?|\btasks?\b", "pakalpojumu pārvaldības uzdevumi"),
    (r"governance|management", "pakalpojumu pārvaldība"),
    (r"\broles?\b|responsib\w+", "loma atbildība"),
    (r"\bdifference\b", "atšķirība"),
    (r"\bdefinition|\bwhat is\b", "kas ir"),
    (r"services?", "pakalpojums"),
]
_RU: list[tuple[str, str]] = [
    (r"уровн\w* обслуживани\w*|соглашени\w* об уровн\w*", "pakalpojuma līmeņa vienošanās"),
    (r"\bplvn\b", "PLVN"),
    (r"межведомствен\w* услуг\w*", "starpiestāžu pakalpojums"),
    (r"каталог\w*", "pakalpojumu katalogs"),
    (r"описани\w*", "pakalpojuma apraksts"),
    (r"владел\w*", "pakalpojuma saimnieks"),
    (r"поставщик\w*", "pakalpojuma sniedzējs"),
    (r"названи\w*|наименовани\w*|назван\w*", "pakalpojuma nosaukums"),
    (r"перечень|список\w*|спис\w+", "pakalpojumu saraksts"),
    (r"прост\w+ услуг\w*", "vienkāršs pakalpojums"),
    (r"комплексн\w+", "komplekss pakalpojums"),
    (r"умн\w+", "viedais pakalpojums"),
    (r"электронн\w+ услуг\w*|e-pakalpojum\w*", "e-pakalpojums"),
    (r"цифров\w+", "d-pakalpojums"),
    (r"приложени\w*|e-lietotn\w*", "e-lietotne"),
    (r"канал\w*", "pakalpojuma sniegšanas kanāli"),
    (r"vpvkac", "VPVKAC"),
    (r"очно|лично", "klātienē"),
    (r"доступност\w*", "piekļūstamība"),
    (r"удовлетвор\w*", "klientu apmierinātība"),
    (r"измер\w*", "mērījumi"),
    (r"показател\w*", "izpildes rādītāji"),
    (r"качеств\w*", "kvalitāte"),
    (r"перестро\w*|реинжиниринг\w*", "pakalpojuma pārbūve"),
    (r"улучшени\w*", "pilnveidošana"),
    (r"консультаци\w*", "konsultēšana"),
    (r"задач\w*", "pakalpojumu pārvaldības uzdevumi"),
    (r"рол\w*|ответствен\w*", "loma atbildība"),
    (r"разниц\w*|отлич\w*", "atšķirība"),
    (r"что такое|что означает", "kas ir"),
    (r"услуг\w*", "pakalpojums"),
]
_COMPILED = {
    lang: [(re.compile(p, re.IGNORECASE), lv) for p, lv in table]
    for lang, table in (("en", _EN), ("ru", _RU))
}


def to_latvian_query(text: str, language: str) -> str:
    """Latvian glossary terms found in an English/Russian text, in order of appearance ("" when none)."""
    table = _COMPILED.get(language)
    if not table:
        return ""
    low = text.lower()
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []
    for rx, lv in table:
        for m in rx.finditer(low):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken):
                continue
            taken.append((s, e))
            found.append((s, lv))
    terms: list[str] = []
    for _, lv in sorted(found):
        if lv not in terms:
            terms.append(lv)
    return " ".join(terms)
