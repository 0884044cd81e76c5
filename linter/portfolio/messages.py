"""Plain-language explanations (Latvian, with a short English gloss) and merge suggestions for each group."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from assistant.textnorm import has_diacritics

from .model import CODES, Group

if TYPE_CHECKING:
    from .detect import PortfolioReview, Sig

_DIM_LV = {  # Latvian in the genitive ("atšķiras tikai pēc ..."), English gloss
    "recipient": ("saņēmēju grupas vai mērķa", "recipient group or purpose"),
    "channel": ("saņemšanas kanāla", "channel"),
    "condition": ("nosacījuma", "condition"),
    "place": ("vietas vai nosacījuma", "place or condition"),
}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _names(review: PortfolioReview, rows: list[int]) -> tuple[str, ...]:
    return tuple(str(review.names[r]) for r in rows)


def _head_phrase(s: Sig) -> str:
    """Object + action as written ("Dzīvokļa pabalsta piešķiršana"), with "par ..." complements."""
    p = s.p
    if p.action is None:
        return p.text
    end = (p.actions[-1] if p.actions else p.action) + 1
    words = list(p.surface[:end])
    for kind, a, b in p.phrases:
        if kind == "complement":
            words.extend(p.surface[a:b])
    words = [w if w.isupper() and len(w) > 1 else w.lower() for w in words]
    return _cap(" ".join(words))


def _qualifier(s: Sig) -> str:
    p = s.p
    parts = [" ".join(p.surface[a:b]) for kind, a, b in p.phrases if kind != "complement"]
    return " ".join(parts) or "bez precizējuma"


def _make(
    code: str, rows: list[int], lv: str, en: str, suggestion: str | None, names: tuple[str, ...]
) -> Group:
    category = CODES[code][0]
    return Group(code, category, tuple(r + 1 for r in rows), f"{lv} (EN: {en})", suggestion, names, en)


def duplicate(review: PortfolioReview, code: str, sigs: list[Sig], rows: list[int], *, synonyms: bool = False) -> Group:
    names = _names(review, rows)
    counts = Counter(" ".join(n.split()) for n in names)

    from .detect import _speller

    known = _speller()

    def score(name: str) -> tuple:
        words = name.split()
        return (
            -sum(1 for w in words if known and w.isalpha() and not known(w)),  # no typos first
            has_diacritics(name),
            not any(w.isupper() and len(w) > 1 for w in words),
            name[:1].isupper(),
            counts[name],
            -len(name),
        )

    best = max(counts, key=score)
    if code == "P001":
        lv = (
            f"Dublikāti: {len(rows)} nosaukumi atšķiras tikai ar lielajiem un mazajiem burtiem, atstarpēm vai "
            "garumzīmēm. Atstājiet sarakstā vienu."
        )
        en = "exact duplicates that differ only in case, spacing or diacritics; keep one"
    else:
        lv = (
            f"Gandrīz dublikāti: {len(rows)} nosaukumi apzīmē vienu pakalpojumu (tas pats objekts un darbība; "
            "atšķiras locījums, skaitlis, vārdu secība, saīsinājums vai drukas kļūda). Atstājiet vienu."
        )
        en = "near duplicates: same object and action in different wording, inflection, order or spelling; keep one"
    if synonyms:
        used = list(dict.fromkeys(s.p.surface[s.p.action].lower() for s in sigs if s.p.action is not None))
        lv += f" Darbība nosaukta ar dažādiem sinonīmiem ({' / '.join(used)}): lietojiet vienu vārdu."
        en += f"; the action is named with different synonyms ({' / '.join(used)}): use one word"
    return _make(code, rows, lv, en, _cap(best), names)


def variation(review: PortfolioReview, code: str, sigs: list[Sig], rows: list[int], dim: str) -> Group:
    names = _names(review, rows)
    bare = [s for s in sigs if not s.qual_sig]
    suggestion = _cap(" ".join(bare[0].p.text.split())) if bare else _head_phrase(sigs[0])
    dims = [d for d in dim.split("/") if d in _DIM_LV] or sorted({d for s in sigs for d in s.dims})
    dim_lv = " un ".join(_DIM_LV[d][0] for d in dims if d in _DIM_LV) or "papildu informācijas"
    dim_en = ", ".join(_DIM_LV[d][1] for d in dims if d in _DIM_LV) or "qualifier"
    quals = "; ".join(dict.fromkeys(_qualifier(s) for s in sigs))
    if code == "P003":
        lv = (
            f"Viena pakalpojuma variācijas: tas pats objekts un darbība, atšķiras tikai pēc {dim_lv} ({quals}). "
            "Apvienojiet tos vienā pakalpojumā; atšķirības aprakstiet pakalpojuma aprakstā."
        )
        en = f"variations of one service that differ only by {dim_en}; merge them into one service"
    else:
        lv = (
            f"Pārāk sīka detalizācija: {len(rows)} nosaukumi ar to pašu objektu un darbību atšķiras tikai ar "
            f"sīku precizējumu ({quals}). Tie ir viena pakalpojuma darbi."
        )
        en = "excessive detail: many siblings that differ only by a narrow qualifier; list one service"
    return _make(code, rows, lv, en, suggestion, names)


def split_steps(review: PortfolioReview, sigs: list[Sig], rows: list[int]) -> Group:
    names = _names(review, rows)
    outcomes = [s for s in sigs if s.step is None]
    steps = [s for s in sigs if s.step is not None]
    if outcomes:
        suggestion: str | None = _head_phrase(min(outcomes, key=lambda s: (len(s.qual_sig), s.p.index)))
    else:
        s0 = min(steps, key=lambda s: s.p.index)
        p = s0.p
        obj = [w.lower() for w in p.surface[: p.action or 0]]
        suggestion = _cap(" ".join(obj + ["izskatīšana"])) if obj and s0.core else None
    acts = ", ".join(dict.fromkeys(s.p.surface[s.p.action].lower() for s in sigs if s.p.action is not None))
    lv = (
        f"Viena pakalpojuma procesa soļi sarakstā norādīti kā atsevišķi pakalpojumi ({acts}). Apvienojiet tos "
        "vienā pakalpojumā, ko nosauc pēc rezultāta; soļus aprakstiet pakalpojuma procesā."
    )
    en = "process steps of one service listed as separate services; merge them into the outcome service"
    return _make("P004", rows, lv, en, suggestion, names)


def excessive(review: PortfolioReview, kind: str, sigs: list[Sig], rows: list[int]) -> Group:
    names = _names(review, rows)
    s0 = sigs[0]
    action = s0.p.surface[s0.p.action].lower() if s0.p.action is not None else ""
    if kind == "event":
        lv = (
            f"Pārāk sīka detalizācija: {len(rows)} nosaukumi apzīmē atsevišķus pasākumus (ar datumiem, "
            "nosaukumiem vai svētku vārdiem). Pakalpojums ir pasākumu organizēšana kopumā."
        )
        en = "excessive detail: single events, dates or titles listed as services; list one service"
        suggestion = _cap(f"kultūras pasākumu {action}") if action else None
    elif kind == "named":
        lv = (
            f"Pārāk sīka detalizācija: {len(rows)} nosaukumos ir konkrētu kolektīvu vai objektu nosaukumi. "
            "Tie ir viena pakalpojuma daļas."
        )
        en = "excessive detail: named groups or items listed one by one; list one service"
        collective = any(x in review.lex.collective for s in sigs for x in s.obj)
        suggestion = "Amatiermākslas kolektīvu darbības nodrošināšana" if collective else None
    else:
        lv = (
            f"Pārāk sīka detalizācija: {len(rows)} nosaukumi uzskaita atsevišķas telpas. "
            "Tas ir viens pakalpojums."
        )
        en = "excessive detail: single rooms enumerated as services; list one service"
        suggestion = _cap(f"telpu {action}") if action else None
    return _make("P005", rows, lv, en, suggestion, names)


def synonym(
    review: PortfolioReview, head: str, sigs: list[Sig], rows: list[int], *, same_service: bool = False
) -> Group:
    names = _names(review, rows)
    lex = review.lex
    used = list(dict.fromkeys(s.p.surface[s.p.action].lower() for s in sigs if s.p.action is not None))
    pref_stem = lex.synonym_of.get(sigs[0].act_raw or "", "")
    preferred = lex.synonym_word.get(pref_stem, used[0] if used else "")
    lv = (
        f"Nekonsekventi darbības sinonīmi: vienam objekta veidam sarakstā lietoti dažādi vārdi "
        f"({' / '.join(used)}). Lietojiet vienu, piemēram, “{preferred}”."
    )
    en = f"inconsistent action synonyms for the same kind of object ({' / '.join(used)}); use one word"
    if same_service:
        lv += " Šie nosaukumi apzīmē vienu pakalpojumu: atstājiet vienu."
        en += "; these names are one service: keep one"
    return _make("P006", rows, lv, en, f"Lietojiet darbību “{preferred}” visos šajos nosaukumos", names)
