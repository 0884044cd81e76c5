"""Helpers shared by the rule modules (not a rule: the registry skips modules starting with "_")."""

from __future__ import annotations

import sys
from functools import lru_cache

from assistant.textnorm import fold_word
from linter.model import Finding
from linter.nlp import data_lines, data_map, data_set

__all__ = ["finding", "fold_word", "data_set", "data_map", "data_lines", "cap"]


def finding(module: str, lv: str, en: str, suggestion: str | None = None, *, safe: bool = True) -> Finding:
    """A finding of the rule defined in ``module`` (pass ``__name__``); message is "lv / en"."""
    m = sys.modules[module]
    return Finding(
        code=m.CODE, name=m.NAME, category=m.CATEGORY, severity=m.SEVERITY,
        message=f"{lv} / {en}", suggestion=suggestion, source=m.SOURCE, safe=safe, lv=lv, en=en,
    )


def cap(text: str) -> str:
    """Capitalise the first letter only."""
    return text[:1].upper() + text[1:] if text else text


def lemma_in(lemma: str, names: str) -> bool:
    """The folded lemma is in the data file ``names`` (a word list of lemmas)."""
    return fold_word(lemma) in data_set(names)


def has_pp(parsed, *preps: str) -> bool:  # noqa: ANN001
    """The name has a prepositional phrase with one of ``preps`` after the action (or anywhere when none)."""
    start = parsed.action_index + 1 if parsed.action_index is not None else 0
    return any(parsed.folded[i] in preps for i in range(start, len(parsed.folded)))


def own_institution_marker(parsed) -> bool:  # noqa: ANN001
    """"iestādes"/"ministrijas" (singular: our own), "iestādē", "savas", or a bare "darbiniekiem"."""
    for i, info in enumerate(parsed.infos):
        fl = fold_word(info.lemma)
        if fl in ("iestade", "ministrija") and "sg" in info.number and not plural_only(info):
            return True
        if info.folded in ("savas", "savai", "savam", "savu", "pasas") or info.folded.startswith("ieksej"):
            return True  # "savas iestādes", "pašas iestādes", "iekšējā audita"
        if fl == "darbinieks" and "dat" in info.cases:
            prev = parsed.infos[i - 1] if i > 0 else None
            if prev is None or not external_institution(prev):
                return True
    return False


def plural_only(info) -> bool:  # noqa: ANN001
    """The word's analyses are all plural ("iestādēm", not the ambiguous "iestādes")."""
    return "pl" in info.number and "sg" not in info.number


def external_institution(info) -> bool:  # noqa: ANN001
    """A plural institution noun ("citām iestādēm", "pašvaldību", "resora iestādēm") or "citu/citām"."""
    if info.folded in ("citu", "citam", "citas", "citai"):  # folded forms: "citām" is "citam"
        return True
    fl = fold_word(info.lemma)
    if fl in data_set("institution_nouns.txt") and "pl" in info.number and (
        info.folded.endswith(("em", "am", "zu", "u")) and info.folded not in ("iestades", "ministrijas")
    ):
        return True
    return False


def for_other_institutions(parsed) -> bool:  # noqa: ANN001
    """The name serves other institutions (shared services, support given for another institution)."""
    # uses the parse the rule already has (re-analysing parsed.text gave the same parse at twice the cost)
    return any(external_institution(x) for x in parsed.infos) or any(
        f in ("uzdevuma", "vieta") for f in parsed.folded)


def modifier_lemmas(parsed) -> set[str]:  # noqa: ANN001
    """Folded lemmas of all words except the action itself."""
    return {fold_word(x.lemma) for i, x in enumerate(parsed.infos) if i != parsed.action_index}


def caps_share(parsed, allowed: frozenset[str] | set[str]) -> tuple[float, int]:  # noqa: ANN001
    """Share of upper-case letters among the cased letters of the name's words that are not allowed acronyms,
    and how many such words are written wholly in capitals (an ALL-CAPS title: share near 1, >= 2 words)."""
    if sum(1 for c in parsed.text if c.isupper()) < 4:
        return 0.0, 0  # fewer capitals than any two capitalised words have: not a title in capitals
    upper = cased = caps_words = 0
    for t in parsed.tokens:
        if fold_word(t) in allowed:
            continue
        letters = [c for c in t if c.isalpha() and c.lower() != c.upper()]
        if not letters:
            continue
        u = sum(c.isupper() for c in letters)
        upper += u
        cased += len(letters)
        caps_words += len(letters) >= 2 and u == len(letters)
    return (upper / cased if cased else 0.0), caps_words


@lru_cache(maxsize=1)
def known_abbreviations() -> frozenset[str]:
    """Folded institution acronyms and the policy's own terms (abbreviations_allowed.txt + abbreviations_terms.txt)."""
    return data_set("abbreviations_allowed.txt") | data_set("abbreviations_terms.txt")
