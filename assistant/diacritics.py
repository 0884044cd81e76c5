"""Diacritic restoration for Latvian: OCR repair of documents and restoration of typed questions.

Two sources of word forms, consulted in this order:

1. the vocabulary of the clean documents (folded form -> most frequent real form), which knows the domain
   words ("starpiestāžu", "PLVN") and the most frequent reading of ambiguous forms ("ka"/"kā");
2. a Latvian word-form lexicon generated once from Debian's hunspell-lv (``unmunch``, ~2.7M forms),
   cached as a small SQLite table ``folded -> form`` in the cache directory (see :func:`cache_dir`).

OCR repair (:func:`repair_ocr`) also undoes the scanner's letter confusions (``$``/``3``/``S`` for š, ``é``/``&``
for ē, ``|``/``[`` for ļ/l/ī, a leading ``T``/``1``/``l`` for Ī/I) by trying candidate readings of each token
against the lexicon. It returns the repaired text plus an offset map to the original text.

Example:
    r = get_restorer(); r.restore_text("kads ir pakalpojuma limenis")  # -> "kāds ir pakalpojuma līmenis"
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .fileio import atomic_path
from .textnorm import fold_word

RESTORER_VERSION = "dia-13"

_log = logging.getLogger(__name__)

HUNSPELL_DIC = Path("/usr/share/hunspell/lv_LV.dic")
HUNSPELL_AFF = Path("/usr/share/hunspell/lv_LV.aff")

# a token as the OCR wrote it: letters plus the junk characters it puts in place of Latvian letters
_OCR_WORD_RE = re.compile(r"[A-Za-zÀ-žĀ-ž$|\[&13§€](?:[A-Za-zÀ-žĀ-ž$|\[&13§€]|(?<=[A-Za-zÀ-ž])-(?=[A-Za-zÀ-ž]))*")
_PLAIN_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)

# single-character OCR confusions: what the scanner wrote -> what it may have been (folded letters)
_CONFUSIONS: dict[str, tuple[str, ...]] = {
    "$": ("s",),
    "3": ("s",),
    "&": ("e", "ej"),
    "|": ("l", "i"),
    "[": ("l", "i"),
    "1": ("i",),
    "t": ("i", "u"),
    "i": ("u", "l"),
    "l": ("i", "u"),
    "g": ("e", "u"),
    "d": ("u", "s"),  # "nodrodinatie" -> nodrošinātie, "Tstenodana" -> īstenošana
    "a": ("u", "e"),  # "sanēmajs" -> saņēmējs
    "u": ("i",),
    "c": ("e",),
    "e": ("", "a"),  # "pērvaldibas" -> pārvaldības
    "f": ("t",),  # "attisfibas" -> attīstības, "efekfivitati" -> efektivitāti
}


def cache_dir() -> Path:
    """Shared cache for derived data (lexicon, embeddings): ``$PALIGS_CACHE_DIR`` or ``~/.cache/pakalpojumu-paligs``."""
    env = os.environ.get("PALIGS_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pakalpojumu-paligs"


# ----------------------------------------------------------------------------------------------- lexicon
class Lexicon:
    """Folded form -> a real Latvian form, from hunspell-lv's generated word list (SQLite, read-only)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._local = threading.local()
        self._cache: dict[str, str | None] = {}
        self._hs = None  # hunspell binding, the fallback when there is no generated lexicon
        self._hs_cache: dict[str, str | None] = {}
        if path is None:
            import hunspell  # a required dependency (pyproject): a missing binding is an install error

            try:
                self._hs = hunspell.HunSpell(str(HUNSPELL_DIC), str(HUNSPELL_AFF))
            except hunspell.HunSpellError:  # no hunspell-lv dictionary files: clean-document vocabulary only
                _log.warning(
                    "hunspell-lv vārdnīca (%s) nav atrasta: diakritiskās zīmes atjauno tikai no tīrajiem dokumentiem / "
                    "hunspell-lv dictionary (%s) not found: diacritics are restored from the clean documents only",
                    HUNSPELL_DIC, HUNSPELL_DIC,
                )
                self._hs = None

    def suggest(self, key: str) -> str | None:
        """Fallback without the lexicon (slow, ~30 ms): hunspell's suggestion that folds to `key`."""
        if self._hs is None or not key.isalpha():
            return None
        if key not in self._hs_cache:
            val = None
            try:
                if self._hs.spell(key):
                    val = key
                else:
                    for sug in self._hs.suggest(key):
                        sug = sug.decode("utf-8") if isinstance(sug, bytes) else sug
                        if fold_word(sug.lower()) == key:
                            val = sug.lower()
                            break
            except Exception:  # noqa: BLE001
                val = None
            self._hs_cache[key] = val
        return self._hs_cache[key]

    def _conn(self) -> sqlite3.Connection | None:
        if self.path is None:
            return None
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    def get(self, key: str) -> str | None:
        if key in self._cache:
            return self._cache[key]
        conn = self._conn()
        val = None
        if conn is not None:
            row = conn.execute("SELECT form FROM forms WHERE key = ?", (key,)).fetchone()
            val = row[0] if row else None
        if len(self._cache) < 500_000:
            self._cache[key] = val
        return val

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def _hunspell(self):
        if self._hs is None:
            try:
                import hunspell

                self._hs = hunspell.HunSpell(str(HUNSPELL_DIC), str(HUNSPELL_AFF))
            except Exception:  # noqa: BLE001 - no dictionary: only the table answers
                return None
        return self._hs

    def suggestions(self, word: str) -> list[str]:
        """hunspell-lv's spelling suggestions for a word (slow, 20-90 ms: for OCR repair at cleaning time)."""
        hs = self._hunspell()
        if hs is None:
            return []
        try:
            out = hs.suggest(word)
        except Exception:  # noqa: BLE001
            return []
        return [x.decode("utf-8") if isinstance(x, bytes) else x for x in out]

    def spelled(self, form: str) -> bool:
        """hunspell-lv accepts the form (the generated table also holds unmunch artefacts such as "īstenoies")."""
        hs = self._hunspell()
        if hs is None:
            return True  # cannot tell: trust the table
        try:
            return bool(hs.spell(form))
        except Exception:  # noqa: BLE001
            return True

    def has_form(self, form: str) -> bool:
        """Is ``form`` (lower case, with diacritics) a Latvian word form? The table keeps one form per folded
        key, so hunspell-lv answers for the others."""
        if self.get(fold_word(form)) == form:
            return True
        hs = self._hunspell()
        if hs is None:
            return False
        try:
            return bool(hs.spell(form))
        except Exception:  # noqa: BLE001 - a form the binding cannot encode
            return False


def build_lexicon(path: Path, *, dic: Path = HUNSPELL_DIC, aff: Path = HUNSPELL_AFF) -> dict[str, float]:
    """Generate all hunspell-lv forms with ``unmunch`` and store folded -> form in SQLite (atomic)."""
    t0 = time.perf_counter()
    exe = shutil.which("unmunch")
    if exe is None or not dic.is_file() or not aff.is_file():
        raise FileNotFoundError("unmunch or hunspell-lv not installed (apt-get install hunspell-tools hunspell-lv)")
    out = subprocess.run([exe, str(dic), str(aff)], capture_output=True, check=True).stdout
    t_unmunch = time.perf_counter() - t0
    best: dict[str, str] = {}
    for raw in out.decode("utf-8", "replace").splitlines():
        form = raw.split("/", 1)[0].strip()
        if not form or not form.isalpha():
            continue
        low = form.lower()
        key = fold_word(low)
        prev = best.get(key)
        # an ASCII-valid word wins over its diacritic variants only when it is itself a word (kept as is);
        # otherwise keep the first generated form (dictionary order)
        if prev is None or (low == key and prev != key):
            best[key] = low
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        tmp.unlink(missing_ok=True)
        conn = sqlite3.connect(tmp)
        conn.execute("CREATE TABLE forms (key TEXT PRIMARY KEY, form TEXT NOT NULL) WITHOUT ROWID")
        conn.executemany("INSERT INTO forms VALUES (?, ?)", sorted(best.items()))
        conn.commit()
        conn.close()
    return {"forms": float(len(best)), "unmunch_s": t_unmunch, "total_s": time.perf_counter() - t0}


_LEX_LOCK = threading.Lock()
_LEXICON: Lexicon | None = None


def get_lexicon() -> Lexicon:
    """The process-wide lexicon; built on first use (~10-20 s) and cached on disk."""
    global _LEXICON
    with _LEX_LOCK:
        if _LEXICON is None:
            path = cache_dir() / "lv_forms.sqlite"
            if not path.is_file():
                try:
                    build_lexicon(path)
                except (OSError, subprocess.CalledProcessError, sqlite3.Error) as exc:
                    # no unmunch/hunspell-lv: hunspell suggestions (slow, ~30 ms a word) + clean-document vocabulary
                    _log.warning(
                        "Latviešu vārdformu leksikonu nevar izveidot (%s): izmanto lēnāko hunspell rezervi; "
                        "instalējiet hunspell-tools un hunspell-lv / cannot build the Latvian word-form lexicon (%s): "
                        "using the slower hunspell fallback; install hunspell-tools and hunspell-lv",
                        exc, exc,
                    )
                    path = None  # type: ignore[assignment]
            _LEXICON = Lexicon(path)
        return _LEXICON


# ---------------------------------------------------------------------------------------------- restorer
def _apply_case(src: str, form: str, *, line_start: bool) -> str:
    """Give `form` the capitalisation of the OCR token `src`."""
    letters = [c for c in src if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters) and not any(c.islower() for c in src):
        return form.upper()
    first = src[0]
    if first.isupper() and first not in "TSI":
        return form[:1].upper() + form[1:]
    if line_start and (first.isupper() or first in "l1|["):
        return form[:1].upper() + form[1:]
    return form


class Restorer:
    """Restore Latvian diacritics of folded or OCR-damaged words.

    Example:
        r = Restorer(); r.add_vocabulary(clean_texts); r.restore_word("parvaldiba") -> "pārvaldība"
    """

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon
        self._counts: dict[str, Counter[str]] = {}
        self._best: dict[str, str] = {}
        self._vocab_sha = hashlib.sha1()

    def add_vocabulary(self, texts: Iterable[str]) -> None:
        """Learn folded -> most frequent form from clean texts (texts that have diacritics)."""
        for text in texts:
            self._vocab_sha.update(text.encode("utf-8", "surrogatepass") + b"\0")
            for m in _PLAIN_WORD_RE.finditer(text):
                w = m.group(0).lower()
                self._counts.setdefault(fold_word(w), Counter())[w] += 1
        self._best = {k: c.most_common(1)[0][0] for k, c in self._counts.items()}

    def cache_tag(self) -> str:
        """What a repaired text depends on besides the code versions: whether the generated lexicon is there
        (results made with the hunspell fallback or no lexicon differ) and the clean-vocabulary source."""
        lex = "none" if self.lexicon is None else ("lexicon" if self.lexicon.path is not None else "hunspell")
        return f"{lex}:{self._vocab_sha.hexdigest()[:16]}"

    def lookup(self, key: str, *, slow_ok: bool = True) -> str | None:
        """Best real form for a folded lower-case key, or None."""
        hit = self._best.get(key)
        if hit is not None:
            return hit
        if self.lexicon is not None:
            val = self.lexicon.get(key)
            if val is None and slow_ok and self.lexicon.path is None:
                val = self.lexicon.suggest(key)
            return val
        return None

    def restore_word(self, word: str) -> str:
        """A typed word without diacritics -> its most likely form (unchanged when unknown)."""
        low = word.lower()
        if low != fold_word(low):  # already has diacritics: trust the user
            return word
        form = self.lookup(low)
        if form is None:
            return word
        if word.isupper() and len(word) > 1:
            return form.upper()
        return form[:1].upper() + form[1:] if word[:1].isupper() else form

    def restore_text(self, text: str) -> str:
        """Restore every word of a question typed without (some) diacritics."""
        return _PLAIN_WORD_RE.sub(lambda m: self.restore_word(m.group(0)), text)

    # -- OCR
    def _ocr_candidates(self, token: str) -> Iterable[str]:
        """Folded candidate readings of an OCR token, most likely first."""
        base = _ocr_base(token)
        low = token.lower()
        yield base
        if low[:1] in ("l", "1", "t", "|", "[") and len(base) > 2:
            yield "i" + base[1:]
        # single and double confusions on the folded token
        positions = [(i, _CONFUSIONS[c]) for i, c in enumerate(base) if c in _CONFUSIONS]
        if len(base) > 40:
            return
        for (i, alts) in positions:
            for a in alts:
                yield base[:i] + a + base[i + 1 :]
        # a letter the scanner dropped (kultras -> kultūras)
        for i in range(1, len(base)):
            for ins in ("u", "i", "e", "a"):
                yield base[:i] + ins + base[i:]
        if len(positions) <= 12:
            for (i, ai), (j, aj) in itertools.combinations(positions, 2):
                for a in ai:
                    for b in aj:
                        yield base[:i] + a + base[i + 1 : j] + b + base[j + 1 :]
        # ... or added (repair_token accepts these only where OCR really adds letters: see _deletion_ok)
        for i in range(1, len(base)):
            yield base[:i] + base[i + 1 :]

    def repair_token(self, token: str, *, line_start: bool = False) -> str:
        """One OCR token -> its repaired form (the folded/cleaned token when nothing fits)."""
        if len(token) == 1 and token.isalpha():
            return token
        low = token.lower()
        if low.isalpha() and low != fold_word(low) and all(c not in "éèëáàíìóòúùêô" for c in low):
            # has Latvian diacritics already: kept when it is a word as written; a half-repaired reading
            # ("novērsanai", "Veērfibas") goes on to the candidates below
            known = self.lookup(fold_word(low), slow_ok=False)
            if (known is not None and known.lower() == low) or self._is_word(low):
                return token
        letters = sum(c.isalpha() for c in token)
        if letters == 0:
            return token
        base = _ocr_base(token)
        for i, cand in enumerate(self._ocr_candidates(token)):
            if i > 400:
                break
            if len(cand) < 2 and i > 0:
                continue
            form = self.lookup(cand, slow_ok=i == 0)
            if form is not None:
                if i > 0 and len(cand) <= 3:
                    continue  # short words: edits are too permissive
                if _DOUBLE_VOWEL_RE.search(_PREFIX_VOWELS_RE.sub("", fold_word(form.lower()))):
                    continue  # "nodrošināas", "īstenoas": word-list artefacts, not Latvian words
                if len(cand) == len(base) - 1 and not _deletion_ok(base, cand, form.lower()):
                    continue
                if i > 0 and self.lexicon is not None and not self.lexicon.spelled(form.lower()):
                    continue  # a reading found only through edits must be a word hunspell-lv knows
                return _apply_case(token, form, line_start=line_start)
        # the table keeps one form per folded key and lacks some (participles: "iesaistītie"): hunspell's
        # suggestions for the token are accepted when they fold to one of its OCR readings
        if self.lexicon is not None and letters >= 4:
            cands = set(itertools.islice(self._ocr_candidates(token), 401))
            # a half-repaired reading helps hunspell: the scanner's "é" is most often "ē", "$" is "š"
            half = low.replace("é", "ē").replace("$", "š").replace("§", "š").replace("&", "ē")
            half = re.sub(r"(?<=[a-zāčēģīķļņšūž])3(?=[a-zāčēģīķļņšūž])", "š", half)  # "atbilsto3ako"
            asked = [base] if half == base or not half.isalpha() else [half, base]
            sugs = [x for a in asked for x in self.lexicon.suggestions(a)]
            for sug in sugs:
                low_sug = sug.lower()
                key = fold_word(low_sug)
                if " " in sug or "-" in sug or key not in cands or len(key) <= 3:
                    continue
                if len(key) == len(base) - 1 and not _deletion_ok(base, key, low_sug):
                    continue
                return _apply_case(token, low_sug, line_start=line_start)
        # unknown: at least turn the obvious junk letters into letters
        fixed = token.replace("$", "š").replace("é", "ē").replace("|", "ļ")
        return fixed

    def repair_ocr(self, text: str, *, keep_words: bool = False) -> tuple[str, tuple[int, ...]]:
        """Repair a whole OCR text; returns (clean text, offsets into the original for each clean char).

        ``keep_words``: for text from an OCR engine that reads Latvian diacritics (Tesseract ``lav``), a token that
        is a word as written is kept ("ka" stays "ka", not the more frequent "kā"); only non-words are repaired
        ("ludz" → "lūdz")."""
        out: list[str] = []
        offsets: list[int] = []
        pos = 0
        for m in _OCR_WORD_RE.finditer(text):
            a, b = m.span()
            if a > pos:
                out.append(text[pos:a])
                offsets.extend(range(pos, a))
            tok = m.group(0)
            # digits at the edges belong to the text ("2016", "P4.2"), not to a word
            if tok.strip("13") == "" or (tok[0] in "3" and not tok[1:2].isalpha()):
                out.append(tok)
                offsets.extend(range(a, b))
                pos = b
                continue
            j = a - 1
            while j >= 0 and text[j] in " \t":
                j -= 1
            line_start = j < 0 or text[j] in "\n•+*-—–."
            if keep_words and self._spelled_as_is(tok):
                new = tok
            else:
                new = self.repair_token(tok, line_start=line_start) if self._needs_repair(tok) else tok
            out.append(new)
            n = len(new)
            span = b - a
            offsets.extend(a + min(int(k * span / max(n, 1)), span - 1) for k in range(n))
            pos = b
        if pos < len(text):
            out.append(text[pos:])
            offsets.extend(range(pos, len(text)))
        return "".join(out), tuple(offsets)

    def _is_word(self, low: str) -> bool:
        """The lower-case form is itself a form of the clean vocabulary or of the lexicon's list."""
        if low in self._counts.get(fold_word(low), ()):
            return True
        return self.lexicon is not None and self.lexicon.has_form(low)

    def _spelled_as_is(self, tok: str) -> bool:
        low = tok.lower()
        if not low.isalpha():
            return False
        if self._is_word(low):
            return True
        return self.lexicon is not None and self.lexicon.spelled(low)

    def _needs_repair(self, tok: str) -> bool:
        return any(c.isalpha() for c in tok)


def _ocr_base(token: str) -> str:
    """The folded OCR token with its junk letters read as the usual letters ($ -> s, | and [ -> l, & -> e)."""
    return fold_word(
        token.replace("$", "s").replace("§", "s").replace("€", "e").replace("|", "l").replace("[", "l")
    ).replace("&", "e")


_DOUBLE_VOWEL_RE = re.compile(r"aa|ee|ii|uu|oo")
# a prefix or stem that really meets a vowel ("pieeja", "koordinācija", "zoo"): not an artefact
_PREFIX_VOWELS_RE = re.compile(r"^(?:pie(?=e)|ko(?=o)|zo(?=o)|no(?=o)|pa(?=a)|sa(?=a)|ie(?=e))")
# the extra letters the scanner leaves when it splits a letter with a diacritic ("redgionalas", "pieegja",
# "Informéacija", "pasdvaldiba")
_SPLIT_LETTERS = frozenset("dgea")


def _deletion_ok(base: str, cand: str, form: str) -> bool:
    """May the OCR token ``base`` be ``cand`` (one letter shorter) spelled ``form``?

    OCR adds a letter by doubling one ("sanémeéju", "Vvalsts") or by splitting a letter with a diacritic in two
    ("redgionalas" → reģionālās, "pasdvaldiba" → pašvaldībā): the dropped letter must repeat a neighbour, or be
    one of those split-off letters (d, g, e, a), outside the two-letter ending, next to a letter that carries a
    diacritic in ``form``. Otherwise a real but different word is one letter away
    ("parvaldamo" → "pārvaldām", "konstatéto" → "konstatēt"): the token is kept as it is.
    """
    for i in range(1, len(base)):
        if base[:i] + base[i + 1 :] != cand:
            continue
        if base[i] == base[i - 1] or (i + 1 < len(base) and base[i] == base[i + 1]):
            return True
        if base[i] not in _SPLIT_LETTERS or i >= len(base) - 2:
            continue  # not a split-letter artefact, or inside the ending (an inflection, not noise)
        near = form[max(0, i - 1) : i + 1]
        if any(c != fold_word(c) for c in near):
            return True
    return False


_RESTORER: Restorer | None = None
_RESTORER_LOCK = threading.Lock()


def get_restorer(clean_texts: Iterable[str] | None = None) -> Restorer:
    """Process-wide restorer with the lexicon and (first call) the clean documents' vocabulary.

    Without `clean_texts` the clean documents of the default corpus are read (002-004 style: non-OCR docs).
    """
    global _RESTORER
    with _RESTORER_LOCK:
        if _RESTORER is None:
            r = Restorer(get_lexicon())
            if clean_texts is None:
                clean_texts = _default_clean_texts()
            r.add_vocabulary(clean_texts)
            _RESTORER = r
        return _RESTORER


def _default_clean_texts() -> list[str]:
    from .config import Settings
    from .corpus import load_manifest, read_source

    texts: list[str] = []
    try:
        corpus_dir = Settings().corpus_dir
        for meta in load_manifest(corpus_dir):
            if not meta.ocr:
                try:
                    texts.append(read_source(corpus_dir / meta.source_file))
                except Exception:  # noqa: BLE001 - a broken extra doc must not break restoration
                    continue
    except Exception:  # noqa: BLE001
        pass
    return texts


def restore_query(text: str) -> str:
    """Restore the diacritics of a question before it reaches the dense model (no-op when it has them)."""
    return get_restorer().restore_text(text)
