"""Domain vocabulary: the everyday words staff use and the guidance's terms for the same thing.

Data, not code: ``corpus/vocabulary.tsv`` (``term<TAB>variants<TAB>note``, variants separated by " | "), e.g.
``pakalpojuma saņēmējs | klients | apmeklētājs | iedzīvotājs`` or ``vienotais valsts un pašvaldību klientu
apkalpošanas centrs | VPVKAC | KAC``. A concept matches a question when all content words of one of its phrases
occur in it (folded and stemmed: any case, inflection, with or without diacritics); the question then brings the
concept's other phrases along as an expansion, which every channel uses on the query side (the lexical
rankings at a lower weight, the dense and bank channels as added words).

Example:
    v = get_vocabulary(corpus_dir); v.expand("Kā mūsu klientiem pieteikties KAC?")
    # -> "pakalpojuma saņēmējs ... vienotais valsts un pašvaldību klientu apkalpošanas centrs VPVKAC ..."
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from .sentences import content_stems

VOCABULARY_FILE = "vocabulary.tsv"
MAX_EXPANSION_PHRASES = 12


@dataclass(frozen=True)
class Concept:
    term: str
    variants: tuple[str, ...]

    @property
    def phrases(self) -> tuple[str, ...]:
        return (self.term, *self.variants)


class Vocabulary:
    """Concepts with their phrases, matched by folded stems.

    Example:
        Vocabulary.from_rows([("pakalpojuma saņēmējs", ["klients"])]).expand("klienti") == "pakalpojuma saņēmējs"
    """

    def __init__(self, concepts: list[Concept], problems: list[str] | None = None) -> None:
        self.concepts = concepts
        self.problems = list(problems or [])
        # (stems of a phrase, concept index, phrase index)
        self._phrases: list[tuple[frozenset[str], int, int]] = []
        for ci, c in enumerate(concepts):
            for pi, p in enumerate(c.phrases):
                st = frozenset(content_stems(p)) or frozenset(p.lower().split())
                if st:
                    self._phrases.append((st, ci, pi))

    @classmethod
    def from_rows(cls, rows: list[tuple[str, list[str]]]) -> Vocabulary:
        return cls([Concept(t, tuple(v)) for t, v in rows])

    def matches(self, text: str) -> list[tuple[Concept, str]]:
        """The concepts the text mentions, with the phrase that matched (longest phrase first)."""
        have = set(content_stems(text))
        best: dict[int, tuple[int, int]] = {}
        for st, ci, pi in self._phrases:
            if st <= have:
                cur = best.get(ci)
                if cur is None or len(st) > cur[0]:
                    best[ci] = (len(st), pi)
        return [(self.concepts[ci], self.concepts[ci].phrases[pi]) for ci, (_n, pi) in sorted(best.items())]

    def phrases_of(self, phrase: str) -> tuple[str, ...]:
        """Every phrase of the concepts this exact phrase belongs to (case- and diacritics-insensitive)."""
        from .textnorm import fold

        f = fold(phrase.strip())
        out: list[str] = []
        for c in self.concepts:
            if any(fold(p) == f for p in c.phrases):
                out.extend(c.phrases)
        return tuple(out)

    def expand(self, text: str) -> str:
        """The guidance's wording for what the text says in its own words: for every concept matched through
        an everyday variant, the concept's term; for every concept matched at all, its abbreviations (the
        documents use "VPVKAC", "PLVN"). Words already in the text are not repeated."""
        have = set(content_stems(text))
        out: list[str] = []
        for concept, matched in self.matches(text):
            adds = [p for p in concept.variants if _is_abbreviation(p)]
            if matched != concept.term:
                adds.insert(0, concept.term)
            for p in adds:
                if p == matched or set(content_stems(p)) <= have or p in out:
                    continue
                out.append(p)
                if len(out) >= MAX_EXPANSION_PHRASES:
                    return " ".join(out)
        return " ".join(out)


def _is_abbreviation(phrase: str) -> bool:
    """"VPVKAC", "PU2-14", "MK 399": upper-case letters (with digits), no lower-case word."""
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(phrase) <= 12


def load_vocabulary(path: Path) -> Vocabulary:
    """Read a vocabulary TSV; unreadable lines are reported (Latvian / English) and skipped."""
    problems: list[str] = []
    concepts: list[Concept] = []
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return Vocabulary([])
    except (OSError, UnicodeDecodeError) as exc:
        return Vocabulary([], [f"vārdnīca {Path(path).name} nav nolasāma ({exc}) / vocabulary cannot be read"])
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if n == 1 and cols[0].strip().lower() == "term":
            continue
        if len(cols) < 2 or not cols[0].strip():
            problems.append(
                f"{Path(path).name}:{n}: rindā jābūt terminam un variantiem, atdalītiem ar tabulāciju: izlaista / "
                f"{Path(path).name}:{n}: a line needs a term and variants separated by a tab: skipped"
            )
            continue
        term = " ".join(cols[0].split())
        variants = tuple(" ".join(v.split()) for v in cols[1].split("|") if v.strip())
        concepts.append(Concept(term, variants))
    return Vocabulary(concepts, problems)


_VOCABS: dict[tuple, Vocabulary] = {}
_LOCK = threading.Lock()


def get_vocabulary(corpus_dir: Path | str) -> Vocabulary:
    """The process-wide vocabulary of a corpus folder (empty when it has no vocabulary file)."""
    path = Path(corpus_dir) / VOCABULARY_FILE
    try:
        st = path.stat()
        state = (st.st_mtime_ns, st.st_size)
    except OSError:
        state = (0, 0)
    key = (str(path.resolve()), state)  # an edited vocabulary is read again by a serving process
    with _LOCK:
        v = _VOCABS.get(key)
        if v is None:
            v = load_vocabulary(path)
            _VOCABS.clear()
            _VOCABS[key] = v
        return v


__all__ = ["Concept", "Vocabulary", "get_vocabulary", "load_vocabulary"]
