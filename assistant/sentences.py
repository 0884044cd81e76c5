"""Sentence and list-unit splitting of Latvian passages, and content-word stems for matching.

The guidance texts mix slide lines without final punctuation, bulleted lists with a lead-in ending in ":",
and hard-wrapped PDF paragraphs. :func:`split_units` turns a passage into :class:`Unit` s (a sentence, a
lead-in or a list item) whose ``text`` is always an exact substring of the passage modulo whitespace, so
every quote an answer uses can be checked against the passage it cites (:func:`contained_in`).

Example:
    units = split_units("Par pakalpojumu nav jāuzskata:\\n  • atbalsts\\n  • informācija")
    [u.kind for u in units] == ["lead", "item", "item"]
    content_stems("Vai konsultācijas ir pakalpojums?") == ["konsultacij", "pakalpojum"]
"""

from __future__ import annotations

from collections.abc import Iterable

import re
from dataclasses import dataclass
from functools import lru_cache

from .stemming import suffix_stem
from .textnorm import fold_word, tokens

# bullets as they appear in the corpus: •, ✓, -, *, ▪, OCR's "4+", "++", "+++", "¥", "»"
_BULLET = (
    r"(?:[•●▪◦‣∙·✓✔➢►»¥®©¢~>\uf0b7\uf0a7\uf0d8\uf076]|[*+\-–—](?=\s)|<[+«>]|\++|4\+?(?=\s)|\d{1,2}[.)](?=\s)"
    # PDF/OCR bullets that came out as a lone lower-case "o" or "e" before a capitalised item
    r"|[oe](?=\s+[A-ZĀČĒĢĪĶĻŅŠŪŽ\"„“]))"
)
_BULLET_RE = re.compile(rf"^\s*{_BULLET}(?:\s*{_BULLET})*\s*")
_SENT_END_RE = re.compile(r"(?<=[.!?])[\"”»)]?\s+(?=[\"„“«(]?[A-ZĀČĒĢĪĶĻŅŠŪŽ])")
# abbreviations after which a full stop does not end a sentence
_ABBREV = {
    "nr",
    "t.sk",
    "u.c",
    "utt",
    "piem",
    "g",
    "gada",
    "t.i",
    "sk",
    "tml",
    "lpp",
    "p",
    "apm",
    "resp",
    "k",
    "mk",
    "pants",
    "pielikums",
    "punkts",
    "v",
    "u",
    "a",
}
_WS_RE = re.compile(r"\s+")
_MARKUP_RE = re.compile(r"\*\*|__|^#+\s*", re.MULTILINE)

# Latvian function words (folded): question words, pronouns, auxiliaries, particles, prepositions.
STOP_WORDS = frozenset(
    fold_word(w)
    for w in [
        "a",
        "ar",
        "arī",
        "bet",
        "bez",
        "bija",
        "būs",
        "būt",
        "cik",
        "citi",
        "da",
        "daži",
        "dažādi",
        "diezgan",
        "dēļ",
        "ej",
        "esmu",
        "esi",
        "esam",
        "esat",
        "gan",
        "gar",
        "ja",
        "jā",
        "jau",
        "jeb",
        "jo",
        "jūs",
        "kā",
        "kad",
        "kādi",
        "kāda",
        "kādas",
        "kāds",
        "kādā",
        "kādos",
        "kādu",
        "kādām",
        "kādiem",
        "kam",
        "kamēr",
        "kas",
        "kaut",
        "kopš",
        "kur",
        "kura",
        "kuras",
        "kuri",
        "kurā",
        "kurš",
        "kurās",
        "kuru",
        "kurus",
        "kuram",
        "kuriem",
        "kurai",
        "kurām",
        "kāpēc",
        "ko",
        "lai",
        "līdz",
        "man",
        "mana",
        "mans",
        "manam",
        "manu",
        "manā",
        "mani",
        "mēs",
        "mums",
        "ne",
        "nu",
        "nē",
        "no",
        "nav",
        "nevis",
        "pa",
        "par",
        "pat",
        "pēc",
        "pie",
        "pirms",
        "pret",
        "pār",
        "priekš",
        "reiz",
        "sev",
        "savs",
        "sava",
        "savu",
        "savas",
        "savā",
        "savus",
        "savi",
        "se",
        "šis",
        "šī",
        "šo",
        "šie",
        "šīs",
        "šā",
        "tā",
        "tad",
        "tas",
        "tie",
        "tām",
        "tai",
        "tajā",
        "tik",
        "tiem",
        "to",
        "tos",
        "tu",
        "tur",
        "un",
        "uz",
        "vai",
        "var",
        "varu",
        "varam",
        "vien",
        "viņš",
        "viņa",
        "viņi",
        "vēl",
        "ir",
        "ies",
        "tiek",
        "tika",
        "tikt",
        "bijis",
        "esošs",
        "ka",
        "kāpēc",
        "vai",
        "jeb",
        "ļoti",
        "vairs",
        "kurp",
        "kā",
        "tāpat",
        "tomēr",
        "tātad",
        "tieši",
        "tikai",
        "vispār",
        "iekš",
        "ap",
        "caur",
        "kāda",
        "kādi",
        "citā",
        "citu",
        "cita",
        "cits",
        "tāds",
        "tāda",
        "tādu",
        "tādas",
        "tādi",
        "šāds",
        "šāda",
        "šādi",
        "šādu",
        "šādas",
        "taču",
        "turklāt",
        "proti",
        "arīdzan",
        "gan",
        "kopā",
        "savukārt",
        "uc",
        "utt",
        "tsk",
        "piem",
        "nr",
        "lūdzu",
        "jābūt",
        "jābūs",
        "būtu",
        "vajag",
        "vajadzētu",
        "varētu",
    ]
)

# words too generic in this corpus to count as a topic of their own (still matched, but weigh less)
GENERIC = frozenset(
    fold_word(w) for w in ["pakalpojums", "pakalpojumi", "pakalpojumu", "iestāde", "iestādes"]
)


@dataclass(frozen=True)
class Unit:
    """One answerable piece of a passage: a sentence, a list lead-in or a list item.

    ``text`` is the piece without its bullet marker and with whitespace collapsed; ``start``/``end`` are
    its span in the passage. ``depth`` is the bullet nesting depth (0 for non-items); ``group`` numbers
    the list a lead-in or item belongs to (-1 for plain sentences).
    """

    text: str
    kind: str  # "sentence" | "lead" | "item" | "heading"
    start: int
    end: int
    depth: int = 0
    group: int = -1


def squash(text: str) -> str:
    """Collapse whitespace and drop markdown emphasis (for containment checks and display)."""
    return _WS_RE.sub(" ", _MARKUP_RE.sub("", text)).strip()


def contained_in(quote: str, passage: str) -> bool:
    """True when ``quote`` occurs in ``passage`` modulo whitespace and markdown emphasis."""
    q = squash(quote)
    return bool(q) and q in squash(passage)


def _ends_sentence(line: str) -> bool:
    return line.rstrip().endswith((".", "!", "?", ":", ";", "…"))


def _starts_lower(line: str) -> bool:
    s = line.lstrip()
    return bool(s) and (s[0].islower() or s[0] in ",;)–—(")


def _is_bullet(line: str) -> bool:
    return bool(_BULLET_RE.match(line)) and bool(_BULLET_RE.sub("", line, count=1).strip())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _split_sentences(text: str, base: int) -> list[tuple[str, int, int]]:
    """Split a paragraph (already one logical block) into sentences with spans relative to the passage."""
    out: list[tuple[str, int, int]] = []
    start = 0
    for m in _SENT_END_RE.finditer(text):
        before = text[start : m.start()].rstrip()
        last = before.rsplit(" ", 1)[-1].rstrip('.!?"”»)').lower()
        # "Nr. 399", "2017. gada", "u.c. Tiesiskais": not an end of sentence
        if last in _ABBREV or last.isdigit() or re.fullmatch(r"[\d.]+", last or "x") or len(last) == 1:
            continue
        if len(before) - len(text[:start]) < 3:
            continue
        out.append((text[start : m.start()], base + start, base + m.start()))
        start = m.end()
    out.append((text[start:], base + start, base + len(text)))
    return [(t, s, e) for t, s, e in out if t.strip()]


def split_units(passage: str) -> list[Unit]:
    """Split a passage into sentences, list lead-ins and list items (see the module docstring)."""
    lines: list[tuple[str, int]] = []
    pos = 0
    for raw in passage.split("\n"):
        lines.append((raw, pos))
        pos += len(raw) + 1

    # 1) join wrapped lines into blocks: (text, start, end, is_item, indent)
    blocks: list[list] = []
    for raw, off in lines:
        if not raw.strip() or not re.search(r"[^\W_]", raw):
            blocks.append([])  # blank line: a hard block boundary
            continue
        bullet = _is_bullet(raw)
        prev = blocks[-1] if blocks and blocks[-1] else None
        if prev is not None and not bullet and not _ends_sentence(prev[0]) and _starts_lower(raw):
            prev[0] = prev[0] + "\n" + raw
            prev[2] = off + len(raw)
            continue
        blocks.append([raw, off, off + len(raw), bullet, _indent(raw)])

    units: list[Unit] = []
    group = -1
    in_list = False
    base_indent = -1
    for b in blocks:
        if not b:
            continue
        text, start, _end, bullet, indent = b
        if bullet:
            m = _BULLET_RE.match(text)
            assert m is not None
            body = text[m.end() :]
            body_start = start + m.end()
            if not in_list:
                group += 1
                in_list = True
                # a heading or a short title line right above a list is the list's lead-in
                if units and units[-1].kind in ("heading", "sentence") and units[-1].group == -1:
                    prev_u = units[-1]
                    if prev_u.kind == "heading" or (len(prev_u.text) <= 80 and not prev_u.text.endswith(".")):
                        units[-1] = Unit(prev_u.text, "lead", prev_u.start, prev_u.end, 0, group)
            if base_indent < 0:
                base_indent = indent
            depth = 1 + (1 if indent > base_indent else 0) + (1 if indent > base_indent + 3 else 0)
            t = squash(body)
            if t:
                units.append(Unit(t, "item", body_start, body_start + len(body.rstrip()), depth, group))
            continue
        stripped = text.strip()
        lead_off = start + (len(text) - len(text.lstrip()))
        if stripped.endswith(":"):
            group += 1
            in_list = True
            base_indent = -1
            # a long block ending in ":" may hold earlier sentences: only its last sentence is the lead-in
            sents = _split_sentences(stripped, lead_off)
            for i, (t, s, e) in enumerate(sents):
                kind = "lead" if i == len(sents) - 1 else "sentence"
                units.append(Unit(squash(t), kind, s, e, 0, group if kind == "lead" else -1))
            continue
        in_list = False
        base_indent = -1
        sents = _split_sentences(stripped, lead_off)
        for t, s, e in sents:
            st = squash(t)
            if not st:
                continue
            markdown_heading = stripped.startswith("#") or (
                stripped.startswith("**") and stripped.endswith("**")
            )
            short_title = len(st) < 60 and not _ends_sentence(st) and len(st.split()) <= 6
            kind = "heading" if len(sents) == 1 and (markdown_heading or short_title) else "sentence"
            units.append(Unit(st, kind, s, e, 0, -1))
    return units


_IJA_RE = re.compile(r"^(.{3,}ij)(?:a|as|u|ai|am|iem|am|os|a|e|es|ei|em|i|is)$")
_NOT_DEBITIVE = ("jaut", "jaun", "jaud", "janv", "jauk", "jakt", "jaunum")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """Stem one word on its folded form, so "iestādēm", "iestades" and "iestāžu" meet on "iestad".

    Uses the retrieval part's Latvian suffix stemmer (the same normalisation as the lexical index).
    """
    w = fold_word(word)
    if len(w) <= 3 or w.isdigit():
        return w
    # debitive "jā-" (jāuzskata, jānodrošina, jāmēra) meets the plain verb (uzskata, nodrošina, mēra)
    if w.startswith("ja") and len(w) >= 6 and not w.startswith(_NOT_DEBITIVE):
        w = w[2:]
    # -ija nouns (informācija, konsultācijām, situāciju) keep "ij": one stem for every case
    m = _IJA_RE.match(w)
    if m:
        return m.group(1)
    out = suffix_stem(w) or w
    # agent nouns and definite adjectives: "lietotājs"/"lietotāja", "elektroniskā"/"elektroniskajā" meet
    if out.endswith("aj") and len(out) >= 6:
        out = out[:-2]
    return out


def content_words(text: str) -> list[str]:
    """Folded content words (no stop words, no 1-letter tokens), in order."""
    out = []
    for t in tokens(text):
        f = fold_word(t)
        if f in STOP_WORDS or len(f) < 2:
            continue
        out.append(f)
    return out


def content_stems(text: str) -> list[str]:
    """Stems of the folded content words, in order, duplicates kept."""
    return [stem(w) for w in content_words(text)]


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


# verbal derivations of one root that the suffix stemmer keeps apart: "īstenojot" / "īstenošana" / "īsteno",
# "mainīties" / "mainās", "pārbūvējot" / "pārbūve" (folded stems; one ending is cut, at least 4 letters stay)
_VERBAL_ENDINGS = (
    "inasan", "ejot", "ojot", "ijot", "ajot", "esan", "osan", "isan", "asan", "inot", "inat",
    "iti", "eti", "ati", "san", "jot", "ot", "et", "it", "at",
)  # fmt: skip


def verbal_base(s: str) -> str:
    """A folded stem without one verbal derivation ending ("istenojot" → "isten", "mainiti" → "main")."""
    for e in _VERBAL_ENDINGS:
        if s.endswith(e) and len(s) - len(e) >= 4:
            return s[: -len(e)]
    return s


class StemVocabulary:
    """Corpus stems with a near-match lookup for derivations the suffix stemmer keeps apart.

    "segmentēt" / "segmentēšana" / "segmenti" → "segmentet" / "segmentesan" / "segment" share a long prefix;
    :meth:`related` returns every corpus stem that shares at least max(5, shorter length − 2) leading letters.

    Example:
        v = StemVocabulary(["segment", "segmentesan", "vid"]); v.related("segmentet") == {"segment", "segmentesan"}
    """

    def __init__(self, stems: set[str] | frozenset[str] | list[str]) -> None:
        self.stems = frozenset(stems)
        self._by_prefix: dict[str, list[str]] = {}
        self._by_base: dict[str, list[str]] = {}
        for s in self.stems:
            if len(s) >= 5:
                self._by_prefix.setdefault(s[:5], []).append(s)
            b = verbal_base(s)
            if b != s or len(s) >= 4:
                self._by_base.setdefault(b, []).append(s)
        self._cache: dict[str, frozenset[str]] = {}

    def related(self, s: str) -> frozenset[str]:
        hit = self._cache.get(s)
        if hit is not None:
            return hit
        out = {s} if s in self.stems else set()
        if len(s) >= 5:
            for t in self._by_prefix.get(s[:5], ()):
                if _common_prefix(s, t) >= max(5, min(len(s), len(t)) - 2):
                    out.add(t)
        if len(s) >= 4:
            out.update(self._by_base.get(verbal_base(s), ()))
        res = frozenset(out)
        if len(self._cache) < 50_000:
            self._cache[s] = res
        return res


# --- sentence quality: OCR debris ("Darbs :LI_ Vajadzība (Dzīves situadia)|.", "v_ajad;u;pzl") ------------
_HUNSPELL_DIC = "/usr/share/hunspell/lv_LV.dic"
_HUNSPELL_AFF = "/usr/share/hunspell/lv_LV.aff"
# a well-formed token: a word (maybe hyphenated or quoted) with at most closing punctuation, or a number
_WORD_SHAPE_RE = re.compile(r"[\"„“«(\[]*[^\W\d_]{2,}(?:[-–][^\W\d_]+)*[\"”»)\]]*[.,:;!?]?[\"”»)\]]*")
_NUMBER_SHAPE_RE = re.compile(
    r"[(\"„]*(?:\d{1,2}[:.]\d{2}(?:\s?[-–]\s?\d{1,2}[:.]\d{2})?|\d+[.,:%)]?|\d+[.,–-]\d+[.,%]?|[IVX]+\.|[A-ZĀČĒĢĪĶĻŅŠŪŽ]{2,}\d*[-.]?\d*[.,:]?|\d+\.\w+\.?)[)\"”]*[.,:;?!]?"
)
# a reference to a legal paragraph or page: "(3. p.)", "(13.-17. p.)", "lpp."
_REFERENCE_TOKEN_RE = re.compile(r"[(\[]*(?:\d+\.[-–]\d+\.|(?:p|pk|apakšp|lpp|nod)\.)[)\]]*[.,;:]?")
_FLAT_TOKEN_RE = re.compile(r"[–—-]|[eEdDfF][-–—]\w+[.,:;]?|[a-zāčēģīķļņšūž]\.?(?:[a-zāčēģīķļņšūž]\.)+,?")


def _load_abbreviations() -> frozenset[str]:
    from pathlib import Path

    path = Path(__file__).with_name("data") / "abbreviations.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#"))


_ABBREVIATIONS = _load_abbreviations()
_HS_LOCK = __import__("threading").Lock()
# "+", "=", "≠", "→", dashes, "%", "&": symbols a text uses on purpose ("objekts + darbība")
_SYMBOL_OK_RE = re.compile(r"[+=≠→←↔–—\-%&/|✓✔•…]+")
# numbers, dates, section numbers, ranges: "04.07.2017.", "3.1.1.", "2021.-2027.", "(01.-03.25)", "PU2-14"
_NUMBERISH_RE = re.compile(r"[\d.,:–\-/%]+|[A-ZĀČĒĢĪĶĻŅŠŪŽ]{1,6}\d+(?:[.\-]\d+)*|\d+[.,]?\d*\s?(?:%|[Ee][Uu][Rr]|€)")
_EMAIL_OR_DOMAIN_RE = re.compile(
    r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|(?:https?://)?(?:www\.)?[\w\-]+(?:\.[\w\-]+)*\.(?:lv|eu|com|org|net|gov|int)(?:/\S*)?",
    re.IGNORECASE,
)


class WordQuality:
    """Tells real words from OCR debris: shape, a Latvian dictionary (hunspell-lv) and the corpus vocabulary.

    ``known`` holds lower-cased words of the clean documents (set by the composer's warm-up); without
    hunspell-lv only the shape and that vocabulary are used.

    Example:
        WordQuality().share("Pakalpojumu pārvaldības politika") == 1.0
    """

    def __init__(self) -> None:
        self.known: set[str] = set()
        self._hs: object | None = None
        self._hs_loaded = False
        self._cache: dict[str, bool] = {}
        self._pred_cache: dict[str, bool] = {}

    def _hunspell(self) -> object | None:
        # loaded once under a lock, the flag set only after loading: concurrent first requests must not see
        # "no dictionary" (and cache non-words as words) while another thread is still loading it
        if not self._hs_loaded:
            with _HS_LOCK:
                if not self._hs_loaded:
                    try:
                        import hunspell  # type: ignore[import-not-found]

                        self._hs = hunspell.HunSpell(_HUNSPELL_DIC, _HUNSPELL_AFF)
                    except Exception:  # noqa: BLE001 - no dictionary: shape + corpus vocabulary only
                        self._hs = None
                    self._hs_loaded = True
        return self._hs

    def good(self, token: str) -> bool:
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        raw = token
        token = token.replace("\\", "").strip("*_#`") or token  # markdown emphasis is not debris ("**vienotu ietvaru**")
        ok = self._good_shapes(token)
        if ok is None:
            ok = self._good_word(token)
        if len(self._cache) < 200_000:
            self._cache[raw] = ok
        return ok

    def _good_shapes(self, token: str) -> bool | None:
        """Tokens judged by their shape alone: symbols, numbers, dates, addresses, abbreviations, enumerators;
        "a/b" compounds are judged part by part. None: a word, for the dictionary to judge."""
        if re.fullmatch(r"\(?[a-zāčēģīķļņšūž]\)[,.;:]?", token.lower()):
            return True  # "a)", "(b)": list enumerators
        if re.fullmatch(r"\d[\"'”“„]+|[\"'”“„]+\d", token):
            return False  # '0"': a scanned digit stuck to a quote mark
        bare = token.strip("\"„“”«»()[]{}.,:;!?")
        if not bare:
            return True  # punctuation alone
        if _SYMBOL_OK_RE.fullmatch(bare):
            return True
        if _NUMBERISH_RE.fullmatch(bare):
            return True
        if _EMAIL_OR_DOMAIN_RE.fullmatch(bare):
            return True
        low = token.strip("\"„“”«»()[]{},:;!?").lower()
        if low in _ABBREVIATIONS or low.rstrip(".") + "." in _ABBREVIATIONS and token.rstrip(",;:)").endswith("."):
            return True
        if re.fullmatch(r"[a-zāčēģīķļņšūž]\)", low):  # "a)", "b)": list enumerators
            return True
        if "/" in bare and not bare.startswith("/") and not bare.endswith("/"):
            return all(self.good(part) for part in bare.split("/") if part)
        return None

    def _good_word(self, token: str) -> bool:
        if token.startswith("[") and "](" in token or token.startswith(("http", "www.", "(mailto:")):
            token = "saite"  # a link or an address: a word, not debris
        ok = False
        if (
            _NUMBER_SHAPE_RE.fullmatch(token)
            or _FLAT_TOKEN_RE.fullmatch(token)
            or _REFERENCE_TOKEN_RE.fullmatch(token)
        ):
            ok = True
        elif _WORD_SHAPE_RE.fullmatch(token):
            parts = re.findall(r"[^\W\d_]+", token)
            ok = True
            for w in parts:
                wl = w.lower()
                if wl in self.known or wl in STOP_WORDS:
                    continue
                hs = self._hunspell()
                if hs is None:
                    continue  # cannot tell: a well-shaped word counts as a word
                try:
                    known = bool(hs.spell(w) or hs.spell(wl))  # type: ignore[attr-defined]
                except Exception:  # noqa: BLE001 - an odd token the binding cannot encode: do not penalise
                    known = True
                if not known:
                    ok = False
                    break
        return ok

    def learn(self, words: Iterable[str]) -> None:
        """Add corpus vocabulary (lower-case words) that counts as real words besides hunspell-lv's."""
        new = {w.lower() for w in words} - self.known
        if new:
            self.known |= new
            self._cache.clear()

    def predicate(self, word: str) -> bool:
        """A finite verb form ("ir", "raksturo", "jānodrošina"), by hunspell-lv's analysis: what makes a line a
        statement rather than a title."""
        hit = self._pred_cache.get(word)
        if hit is not None:
            return hit
        hs = self._hunspell()
        ok = False
        if hs is not None:
            try:
                for a in hs.analyze(word) or hs.analyze(word.lower()):  # type: ignore[attr-defined]
                    a = a.decode("utf-8", "replace") if isinstance(a, bytes) else a
                    if re.search(r"\bis:\d[vx]tt", a):
                        ok = True
                        break
            except Exception:  # noqa: BLE001 - a token the binding cannot encode
                ok = False
        if len(self._pred_cache) < 100_000:
            self._pred_cache[word] = ok
        return ok

    def statement(self, text: str) -> bool:
        """The text says something: it has a finite verb, or it ends like a sentence."""
        if re.search(r"[.!?]\s*$", text.strip()):
            return True
        return any(self.predicate(w) for w in re.findall(r"[^\W\d_]+", text))

    def flags(self, text: str) -> list[tuple[int, int, bool]]:
        """(start, end, good) for every whitespace-separated token of ``text``. A word repeated right after itself
        ("Resursa Resursa mērogs mērogs": two columns of a scanned table read into one line) is debris too."""
        out = []
        prev = ""
        for m in re.finditer(r"\S+", text):
            tok = m.group()
            word = tok.strip("\"„“”«»()[]{}.,:;!?").lower()
            repeated = len(word) > 2 and word.isalpha() and word == prev
            out.append((m.start(), m.end(), self.good(tok) and not repeated))
            prev = word
        return out

    def share(self, text: str) -> float:
        f = self.flags(text)
        return sum(1 for *_x, g in f if g) / len(f) if f else 0.0

    def trim(self, text: str) -> tuple[str, float]:
        """The best clean stretch of a damaged sentence and its quality share (the text itself when clean).

        The stretch is the maximum-sum run of tokens (+1 a word, −1.5 debris), so a junk prefix or suffix
        ("Darbs :LI_ Vajadzība (Dzīves situadia)|.") is cut while the sentence itself is kept verbatim.
        """
        f = self.flags(text)
        if not f:
            return text, 0.0
        n_good = sum(1 for *_x, g in f if g)
        share = n_good / len(f)
        if n_good == len(f):
            return text, 1.0
        best = cur = 0.0
        best_span = (0, -1)
        start = 0
        for i, (_s, _e, g) in enumerate(f):
            v = 1.0 if g else -1.5
            if cur <= 0:
                cur, start = v, i
            else:
                cur += v
            if cur > best:
                best, best_span = cur, (start, i)
        a, b = best_span
        # do not start a stretch on a bare connective or punctuation left over from the cut
        while a <= b and re.fullmatch(r"[\W\d_]+|[a-zāčēģīķļņšūž]", text[f[a][0] : f[a][1]]):
            a += 1
        if b < a or b - a + 1 < 4:
            return text, share
        piece = text[f[a][0] : f[b][1]].strip(" |~—–-")
        if not piece:
            return text, share
        kept = f[a : b + 1]
        return piece, sum(1 for *_x, g in kept if g) / len(kept)


WORD_QUALITY = WordQuality()
