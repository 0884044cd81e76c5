"""Folding stemmer and the word lists of the portfolio review (loaded once per process).

Everything is compared on *folded* words (lower case, no diacritics), so "Būves pieņemšana ekspluatācijā" and
"Buves pienemsana ekspluatacija" give the same stems. The stemmer strips Latvian noun, adjective and participle
endings; deverbal -šana nouns lose their -šana ending and the stem vowel ("pagarināšanai" -> "pagarin"), so an
action noun and its short noun agree ("aprēķināšana" and "aprēķina" -> "aprekin").

Example:
    >>> stem_word("iestādēm"), stem("pienemsana"), stem_word("aprēķina")
    ('iestad', 'pienem', 'aprekin')
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from assistant.textnorm import fold_word

DATA = Path(__file__).resolve().parent / "data"

_DEVERBAL_RE = re.compile(r"^(.{2,}?)san(?:a|as|ai|u|am|o|os)$")
# Longest first. Folded endings of nouns, adjectives (definite forms) and participles.
_SUFFIXES = (
    "ajiem",
    "ajam",
    "ajai",
    "ajas",
    "ajos",
    "aja",
    "ajo",
    "ais",
    "iem",
    "ies",
    "am",
    "as",
    "ai",
    "os",
    "es",
    "ei",
    "em",
    "im",
    "is",
    "us",
    "um",
    "a",
    "e",
    "i",
    "o",
    "u",
    "s",
)


@lru_cache(maxsize=200_000)
def deverbal_base(folded: str) -> str | None:
    """Stem of a -šana noun in any case ("izsniegsanas" -> "izsnieg"), or None for other words."""
    m = _DEVERBAL_RE.match(folded)
    if not m:
        return None
    base = m.group(1)
    if len(base) >= 5 and base[-1] in "aeiou":
        base = base[:-1]
    return base


# -ācija nouns that name a thing, not the act of a verb (folded); linter/data/non_action_nouns.txt lists the same
_THING_ACIJA = frozenset(fold_word(w) for w in (
    "informācija organizācija situācija dokumentācija administrācija institūcija asociācija federācija delegācija "
    "kvalifikācija specifikācija stacija deklarācija komunikācija kanalizācija konfigurācija populācija operācija "
    "civilizācija motivācija aplikācija prezentācija korporācija fundācija konstrukcija instrukcija produkcija "
    "redakcija sekcija direkcija inspekcija frakcija funkcija kompozīcija koalīcija pozīcija tradīcija").split())


@lru_cache(maxsize=200_000)
def stem(folded: str) -> str:
    """Stem of one folded word: strips the inflectional ending, keeps at least two letters."""
    if len(folded) <= 3 or not folded.isalpha():
        return folded
    dv = deverbal_base(folded)
    if dv is not None:
        return dv
    # one verb, two derivations: "kompensācija" = "kompensēšana", "imatrikulācija" = "imatrikulēšana" (not the
    # -ācija nouns that name a thing: "informācija", "organizācija", "deklarācija")
    if folded.endswith(("acija", "acijas", "acijai", "aciju", "acijam")) and len(folded) > 8:
        root = folded[: folded.rindex("acij")]
        if root + "acija" not in _THING_ACIJA:
            return root
    for suf in _SUFFIXES:
        if folded.endswith(suf) and len(folded) - len(suf) >= 2:
            return folded[: -len(suf)]
    return folded


def stem_word(word: str) -> str:
    """Fold and stem a word as typed."""
    return stem(fold_word(word))


@dataclass(frozen=True)
class Lexicon:
    """The word lists of data/lexicon.toml as sets of stems (see that file for what each list means)."""

    actions: frozenset[str]
    light: frozenset[str]
    synonym_of: dict[str, str]  # action stem -> stem of the preferred word of its synonym set
    synonym_word: dict[str, str]  # preferred stem -> the preferred word ("izsniegšana")
    procedural: frozenset[str]
    intake_documents: frozenset[str]
    aspect: frozenset[str]
    step_actions: frozenset[str]
    step_deverbals: frozenset[str]
    lending_steps: frozenset[str]
    lending_outcomes: frozenset[str]
    queue: frozenset[str]
    channel: frozenset[str]
    condition_openers: frozenset[str]
    complement_openers: frozenset[str]
    stop: frozenset[str]
    event_nouns: frozenset[str]  # folded singular forms (nominative, genitive, dative, locative)
    holiday: frozenset[str]
    collective: frozenset[str]
    premises: frozenset[str]
    abbreviations: dict[str, list[str]]  # upper-case folded abbreviation -> expansion words
    reflexive_steps: frozenset[str] = frozenset()  # folded forms
    persons: frozenset[str] = frozenset()
    action_stems: frozenset[str] = frozenset()
    filler: frozenset[str] = frozenset()
    stage_actions: dict[str, frozenset[str]] = field(default_factory=dict)  # stage -> action stems
    stage_documents: dict[str, frozenset[str]] = field(default_factory=dict)  # kind -> document stems
    issued: frozenset[str] = frozenset()
    agents: frozenset[str] = frozenset()
    generic_heads: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    equivalent: frozenset[str] = frozenset()  # preferred stems of action_equivalents: no P006 for these
    generic_kinds: frozenset[str] = frozenset()


def _stems(words: list[str]) -> frozenset[str]:
    out = set()
    for w in words:
        out.add(stem_word(w.split()[-1]))
    return frozenset(out)


def _singular_forms(words: list[str]) -> frozenset[str]:
    """Folded singular case forms of event nouns ("pasākums" -> pasakums, pasakuma, pasakumam, pasakuma)."""
    out = set()
    for w in words:
        f = fold_word(w)
        out.add(f)
        if f.endswith(("ki", "bas", "nas")):  # plural-only nouns: svētki, sacensības
            s = stem(f)
            out.update({s + "i", s + "u", s + "iem", s + "os", s + "as", s + "am"})
            continue
        s = stem(f)
        if f.endswith("s"):  # masculine: -s/-is/-us
            out.update({s + "a", s + "am", s + "a", s + "u", s + "s"})
        elif f.endswith("e"):
            out.update({s + "es", s + "ei", s + "e"})
        elif f.endswith("a"):
            out.update({s + "as", s + "ai", s + "a"})
        else:  # indeclinable (foajē)
            out.add(f)
    # Accusative singular -u equals the genitive plural ("pasākumu"): a plural list is not one event.
    return frozenset(x for x in out if not x.endswith("u") or x in {fold_word(w) for w in words})


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load data/lexicon.toml once per process."""
    raw = tomllib.loads((DATA / "lexicon.toml").read_text(encoding="utf-8"))
    synonym_of: dict[str, str] = {}
    synonym_word: dict[str, str] = {}
    for group in raw["action_synonyms"]:
        pref = stem_word(group[0])
        synonym_word[pref] = group[0]
        for w in group:
            synonym_of[stem_word(w)] = pref
    equivalent = set()
    for group in raw.get("action_equivalents", []):
        pref = stem_word(group[0])
        synonym_word[pref] = group[0]
        equivalent.add(pref)
        for w in group:
            synonym_of[stem_word(w)] = pref
    abbreviations = {fold_word(k).upper(): v.split() for k, v in raw.get("abbreviations", {}).items()}
    step_actions = {stem_word(w) for w in raw["step_actions"] if " " not in w}
    return Lexicon(
        actions=frozenset(fold_word(w) for w in raw["actions"]),
        light=_stems(raw["light_actions"]),
        synonym_of=synonym_of,
        synonym_word=synonym_word,
        procedural=_stems(raw["procedural"]),
        intake_documents=_stems(raw["intake_documents"]),
        aspect=_stems(raw["aspect_words"]),
        step_actions=frozenset(step_actions),
        step_deverbals=_stems(raw["step_deverbals"]),
        lending_steps=_stems(raw["lending_steps"]),
        lending_outcomes=_stems(raw["lending_outcomes"]),
        queue=_stems(raw["queue_words"]),
        channel=frozenset(fold_word(w) for w in raw["channel_words"]) | _stems(raw["channel_words"]),
        condition_openers=frozenset(fold_word(w) for w in raw["condition_openers"]),
        complement_openers=frozenset(fold_word(w) for w in raw["complement_openers"]),
        stop=frozenset(fold_word(w) for w in raw["stop_words"]),
        event_nouns=_singular_forms(raw["event_nouns"]),
        holiday=_stems([w for w in raw["holiday_words"] if " " not in w]),
        collective=_stems(raw["collective_nouns"]),
        premises=_stems(raw["premises_nouns"]),
        abbreviations=abbreviations,
        reflexive_steps=frozenset(fold_word(w) for w in raw.get("reflexive_steps", [])),
        persons=_stems(raw.get("person_nouns", [])),
        action_stems=_stems(raw["actions"]),
        filler=_stems(raw.get("object_filler", [])),
        stage_actions={k: _stems(raw.get(f"procedure_{k}_actions", []))
                       for k in ("intake", "exam", "decision", "notify", "result")},
        stage_documents={k: _stems(raw.get(f"procedure_{k}_documents", []))
                         for k in ("application", "decision", "notice", "file")} | {
                             "exam": _stems(raw.get("procedure_exam_nouns", []))},
        issued=_stems(raw.get("issued_documents", [])),
        agents=_stems(raw.get("procedure_agents", [])),
        generic_heads=_stems(raw.get("generic_heads", [])),
        people=_stems(raw.get("people_nouns", [])),
        equivalent=frozenset(equivalent),
        generic_kinds=_stems(raw.get("generic_kinds", [])),
    )
