"""Query-side normalisation for the lexical rankings: question/filler words dropped, small synonym expansion.

People ask "Kāpēc mums vajag ..., lūdzu pastāstiet" and say "pārveide" where the guidance says "pārbūve",
"klāsts" where it says "saraksts"/"portfelis". For the two lexical rankings (BM25 over stems and character
n-grams) the query is reduced to its content words, and a word from one of the synonym groups below brings
the other members of its group along. The groups are general words of Latvian service-management guidance,
compared by folded suffix stems (so any case, inflection and missing diacritics match). The dense ranking
keeps the question as typed (e5 reads whole sentences).

Example:
    lexical_query("Kāpēc mums vajag pārveidot pakalpojumu?")  # -> "pārveidot pakalpojumu pārbūve ..."
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..stemming import suffix_stem
from ..textnorm import fold_word

# question, filler and politeness words that carry no topic (folded before comparison)
_QUESTION_WORDS = """
kāpēc kādēļ kā kas ko vai ir jā var varu varam mums man mēs es jūs jums lūdzu pastāstiet pastāsti
paskaidrojiet paskaidro sakiet saki gribu gribētu vēlos vēlētos vajag vajadzētu būtu būs kaut cik
sveiki labdien čau nu lūk tad šeit mūsu savu savā sava savus zināt uzzināt vispār
"""
QUESTION_WORDS = frozenset(fold_word(w) for w in _QUESTION_WORDS.split())

# synonym groups: words (any form) that the guidance texts use for the same thing
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("pārbūve", "pārveide", "pārveidošana", "transformācija"),
    ("pilnveide", "pilnveidošana", "uzlabošana", "uzlabojums", "pilnveidojums"),
    ("saraksts", "klāsts", "portfelis"),
    ("tiešsaistē", "elektroniski", "elektroniskā", "digitāli", "internetā"),
    ("atbildīgais", "saimnieks", "turētājs"),
    ("veids", "tips"),
    ("informācija", "ziņas"),
    ("klients", "lietotājs", "saņēmējs", "pieprasītājs"),
    ("nosacījums", "faktors", "priekšnoteikums"),
    ("izšķirošs", "kritisks", "būtisks"),
    ("termiņš", "datums"),
    ("izmaksas", "maksa", "cena"),
    ("regulārs", "pastāvīgs", "nepārtraukts"),
    ("mazs", "neliels"),
    ("sākt", "uzsākt"),
    ("rādītājs", "metrika", "indikators", "mērījums"),
    ("uzskaitīt", "reģistrēt", "uzskaite", "skaits"),
    ("dublējošs", "dublēt", "dublēšanās", "variācija"),
    ("pieejamība", "piekļūstamība"),
    ("novērtēt", "izvērtēt", "analizēt"),
)


@lru_cache(maxsize=1)
def _groups_by_stem() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for group in SYNONYM_GROUPS:
        for w in group:
            out[suffix_stem(w)] = group
    return out


_WORD_RE = re.compile(r"\w[\w\-]*", re.UNICODE)


def lexical_query(query: str, *, expand: bool = True) -> str:
    """The query for the lexical rankings: content words (question/filler words dropped, unless nothing
    else is left), plus the synonyms of the words that belong to a synonym group."""
    core, extra = split_query(query)
    return f"{core} {extra}".strip() if expand else core


def split_query(query: str) -> tuple[str, str]:
    """(content words of the query, synonyms they bring) for the lexical rankings; the synonyms are scored
    with a lower weight than the words typed (see ``HybridRetriever.synonym_weight``)."""
    words = _WORD_RE.findall(query)
    kept = [w for w in words if fold_word(w) not in QUESTION_WORDS] or words
    groups = _groups_by_stem()
    have = {suffix_stem(w) for w in kept}
    extra: list[str] = []
    for w in kept:
        for syn in groups.get(suffix_stem(w), ()):
            s = suffix_stem(syn)
            if s not in have:
                have.add(s)
                extra.append(syn)
    return " ".join(kept), " ".join(extra)
