"""Kanāls vai tehnoloģija pakalpojuma nosaukumā. / A channel or technology word in the name.

## Kāpēc tas ir slikti?
Vienu pakalpojumu sniedz pa vairākiem kanāliem (klātienē, pa pastu, tiešsaistē); kanāls pieder
pakalpojuma aprakstam, nevis nosaukumam, citādi viens pakalpojums pārvēršas vairākos ierakstos („nav veidoti
kā pēc būtības viena pakalpojuma vairākas variācijas”, 002). E-lietotne vai e-forma ir rīks, nevis
e-pakalpojums (e-lietotne ≠ e-pakalpojums). Kanāli ir tie, ko uzskaita vadlīnijas: tie skaitās aiz darbības
("... portālā", "... sociālajos tīklos") vai kā īpašības vārds tieši pirms tās ("Telefoniska konsultēšana"), bet ne kā objekts ("Pašvaldības portāla
uzturēšana").

## Piemērs
    Būvatļaujas izsniegšana tiešsaistē
    e-pakalpojums Laulības reģistrācija
    Izziņas izsniegšana pašvaldības portālā

## Labāk
    Būvatļaujas izsniegšana

## Labojums
Ieteikums (jāpārbauda): kanāla vārdus izņem.

## Why is this bad?
One service is provided through several channels (in person, by post, online); the channel belongs to the
service description, not to its name, otherwise one service turns into several entries ("nav veidoti kā pēc
būtības viena pakalpojuma vairākas variācijas", 002). An e-app or e-form is a tool, not an e-service
(e-lietotne ≠ e-pakalpojums). The channels are the ones the policy lists (linter/data/channel_nouns.txt):
they count after the action ("... portālā", "... sociālajos tīklos") or as an adjective right before it
("Telefoniska konsultēšana"), not as the object ("Pašvaldības portāla uzturēšana").

## Example
    Būvatļaujas izsniegšana tiešsaistē
    e-pakalpojums Laulības reģistrācija
    Izziņas izsniegšana pašvaldības portālā

## Use instead
    Būvatļaujas izsniegšana

## Fix
Suggestion (unsafe): drop the channel words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from linter.model import Category, Finding, ServiceName, Severity
from linter.rules._util import cap, data_lines, data_set, finding, fold_word

CODE = "T007"
NAME = "channel-in-name"
CATEGORY = Category.STYLE
SEVERITY = Severity.WARNING
SOURCE = "002: nav veidoti kā pēc būtības viena pakalpojuma vairākas variācijas (atkarībā no dažādiem nosacījumiem)"
BAD = ["Būvatļaujas izsniegšana tiešsaistē", "Izziņu izsniegšana elektroniski un klātienē",
       "Pieteikšanās e-pakalpojumā Latvija.gov.lv", "Izziņas izsniegšana pašvaldības portālā",
       "Pasākumu afišu publicēšana sociālajos tīklos", "Klientu telefoniska reģistrācija", "Rēķinu nosūtīšana pa pastu"]
GOOD = ["Būvatļaujas izsniegšana", "Elektroenerģijas pieslēguma nodrošināšana",
        "Pašvaldības portāla uzturēšana iestādēm", "Pieslēguma nosacījumu izsniegšana ūdensapgādes tīklam"]

# e-words that name what is provided, not a channel ("E-adreses konta izveide")
_E_PRODUCTS = ("e-adres", "e-parakst", "e-talon")
_URL = re.compile(r"(?:www\.|\.lv\b|\.gov\b|https?:)", re.I)


@lru_cache(maxsize=1)
def _entries() -> tuple[tuple[tuple[str, ...], ...], frozenset[str]]:
    entries = tuple(tuple(fold_word(w) for w in e.split()) for e in data_lines("channel_nouns.txt"))
    return entries, frozenset(w for e in entries for w in e)


@lru_cache(maxsize=50_000)
def _readings(info) -> frozenset[str]:  # noqa: ANN001
    """Every reading's lemma of a word, folded ("pastu": pasts or pasta), and the word itself."""
    return frozenset({fold_word(info.lemma), info.folded} | {
        fold_word(a.split("st:", 1)[1].split()[0]) for a in info.analyses if "st:" in a})


def _channel_phrases(p) -> list[int]:  # noqa: ANN001
    """Token indices of the policy's channels after the action or as an adjective right before it."""
    if p.action_index is None:
        return []
    entries, vocab = _entries()
    lemmas = [_readings(x) for x in p.infos]
    if not any(r & vocab for r in lemmas):
        return []
    after = set(p.qualifier_indices)
    before = p.action_index - 1
    out: list[int] = []
    for parts in entries:
        k = len(parts)
        for i in range(len(lemmas) - k + 1):
            if not all(parts[j] in lemmas[i + j] for j in range(k)):
                continue
            span = list(range(i, i + k))
            if all(j in after for j in span) or (k == 1 and i == before and p.infos[i].pos in ("ADJ", "ADV", "X")):
                out.extend(span)
    return out


def check(name: ServiceName) -> Iterator[Finding]:
    p = name.parsed
    channels = data_set("channel_words.txt") | {fold_word(w) for w in name.context.extra_channel_words}
    hits = [i for i, f in enumerate(p.folded)
            if (f in channels or (f.startswith("e-") and len(f) > 3) or _URL.search(p.tokens[i]))
            and not f.startswith(_E_PRODUCTS)]
    hits = sorted(set(hits) | set(_channel_phrases(p)))
    if not hits:
        return
    words = ", ".join(p.tokens[i] for i in hits)
    keep = [t for i, t in enumerate(p.tokens) if i not in hits]
    while keep and fold_word(keep[-1]) in ("un", "vai", "ar", "caur", "par"):
        keep.pop()
    keep = [t for j, t in enumerate(keep) if not (fold_word(t) in ("un", "vai") and
                                                  (j + 1 == len(keep) or fold_word(keep[j + 1]) in ("un", "vai")))]
    # dropping is only safe for a channel qualifier after the action ("... tiešsaistē", "... elektroniski");
    # an e-word that is the head or the object ("e-forma", "e-pakalpojumu lietošanā") needs rewording
    removable = p.action_index is not None and all(
        i in p.qualifier_indices and (p.folded[i] in channels or _URL.search(p.tokens[i]) or i in _channel_phrases(p))
        and not p.infos[i].can_be("gen") for i in hits)
    suggestion = cap(" ".join(keep)) if keep and removable else None
    yield finding(__name__, f"Kanāls vai tehnoloģija nosaukumā: {words}",
                  f"Channel or technology word in the name: {words}", suggestion)
