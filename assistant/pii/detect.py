"""The one personal-data detector: Latvian personal codes, phone numbers, e-mail addresses (also written
``vards [at] domens.lv``), IBANs, postal addresses and persons' full names.

Text is first mapped to a detection form that keeps every character's position in the original: full-width and
other Unicode digits become 0-9, every Unicode space a plain space, dashes a hyphen, full-width signs their ASCII
forms, and zero-width characters and soft hyphens are dropped. So ``１２０３８９－１２３４５``, ``120389\u200b-12345``
and ``120389\u00a012345`` are found like ``120389-12345``, and the span points at the original characters.

Recall comes first: a well-formed personal code whose date or checksum is wrong is still reported
(``valid: false``), and so is a Latvian IBAN with a wrong check number; IBANs of other countries count only with a
correct check number (python-stdnum). Names: a first name from ``data/first_names.txt`` (any case form: the stem
is compared, so "Jāņa Bērziņa" matches "Jānis") next to a capitalised word, the names after a greeting
("Labdien, Anna Kalniņa!") and the name line under a closing ("Ar cieņu,\\nJ. Bērziņš"). Addresses: a street
word (iela, prospekts, ...) with a house number, or a house number next to a town from ``data/places.txt``
("Rīgā, Tērbatas 14-3"), or after "adrese" / "dzīvoju"; a postcode LV-NNNN.

Example:
    found = find_in_text("Mans kods 120389/12345, tālr. 2945/4437")
    redact("Mans kods 120389/12345", found)      # -> "Mans kods [personas kods]"
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

PLACEHOLDERS = {
    "personal_code": "[personas kods]",
    "phone": "[tālrunis]",
    "email": "[e-pasts]",
    "address": "[adrese]",
    "iban": "[konta numurs]",
    "name": "[vārds, uzvārds]",
}
DATA = Path(__file__).resolve().parent / "data"

# ------------------------------------------------------------------ detection form (same length, plus deletions)
_DROP = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2061\u2062\u2063"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    t: dict[int, str] = {}
    for cp in list(range(0x80, 0x10000)) + list(range(0x1D7CE, 0x1D800)) + list(range(0x1FBF0, 0x1FBFA)):
        ch = chr(cp)
        d = unicodedata.decimal(ch, None)
        if d is not None:
            t[cp] = str(d)
        elif ch in _DASHES:
            t[cp] = "-"
        elif 0xFF01 <= cp <= 0xFF5E:  # full-width ASCII forms
            t[cp] = chr(cp - 0xFEE0)
        elif unicodedata.category(ch) == "Zs":
            t[cp] = " "
    t.update({ord("\ufe6b"): "@", ord("\ufe52"): ".", ord("\u2024"): ".", ord("\u3002"): "."})
    return t


_DROP_RE = re.compile("[" + _DROP + "]")


def detection_form(text: str) -> tuple[str, list[int] | None]:
    """(normalised text, positions) where ``positions[i]`` is the original index of normalised character ``i``
    (None: the same positions)."""
    if text.isascii():
        return text, None
    norm = text.translate(_table())
    if not _DROP_RE.search(norm):
        return norm, None
    keep = [i for i, ch in enumerate(norm) if ch not in _DROP]
    return "".join(norm[i] for i in keep), keep


# ------------------------------------------------------------------ patterns (over the detection form)
_SEP = r"[ \-/._]"
# any 11 digits with at most two separators between two digits: 120389-12345, 120389/12345, 120389 . 12345,
# 1 2 0 3 8 9 1 2 3 4 5, 12 03 89 12345
_CODE_RE = re.compile(r"(?<![\w+])\d(?:" + _SEP + r"{0,3}\d){10}(?!\d)")
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+ ?@ ?[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
_AT = r"(?:\s*[\[({<]\s*(?:at|et|@|pie)\s*[\])}>]\s*|\s+(?:at|AT)\s+)"
_DOT = r"(?:\s*[\[({<]\s*(?:dot|punkts|\.)\s*[\])}>]\s*|\s+(?:dot|DOT|punkts)\s+|\.)"
_TLD = r"(?:lv|com|net|org|eu|gov|edu|ru|lt|ee|de|uk|fi|se|no|info|io|[a-z]{2})"
_OBF_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[\w.+-]{2,}" + _AT + r"[\w-]+(?:" + _DOT + r"[\w-]+)*?" + _DOT + _TLD + r"(?![\w-])", re.IGNORECASE
)
_LV_PHONE_RE = re.compile(
    r"(?<![\w+])(?:\(?(?:\+|00) ?371\)?[ .\-/]?)?\(?[2689]\)?(?:[ .\-/()]{0,2}\d){7}(?!\d)"
)
_INTL_PHONE_RE = re.compile(r"(?<![\w+(])\(?(?:\+|00) ?[1-9]\d{0,2}\)?(?:[ .\-/]?\(?\d+\)?){2,6}(?!\d)")
_DATE_RE = re.compile(r"^\s*(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\.?|\d{4}[./-]\d{1,2}[./-]\d{1,2})\s*$")
_IBAN_RE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2}) ?(\d{2})((?:[ \-]?[A-Za-z0-9]){11,30})")

_UP = "A-ZĀČĒĢĪĶĻŅŠŪŽА-ЯЁ"
_LOW = "a-zāčēģīķļņšūžа-яё"
_STREET_WORDS = (
    r"iel(?:a|ā|as|u|ai)|iel\.|bulvār(?:is|a|ī|im)|bulvar(?:is|a|i|im)|bulv\.|prospekt(?:s|a|ā|am)|prosp\.|"
    r"laukum(?:s|a|ā|am)|gatv(?:e|es|ē)|šosej(?:a|as|ā)|sosej(?:a|as)|ceļ(?:š|a|ā)|cel(?:s|a)|alej(?:a|as|ā)|"
    r"krastmal(?:a|as|ā)|līnij(?:a|ā)|linij(?:a)|street|st\.|road|avenue|улица|ул\."
)
_HOUSE = (
    r"(?:Nr\.\s?)?\d{1,4}[A-Za-z]?(?![\d.,]\d)(?:\s?(?:k-|korp\.\s?)\d+)?(?:\s?[-/]\s?\d{1,4}(?!\d))?"
    r"(?:,?\s?(?:dz\.|dzīv\.|dzivoklis|dzīvoklis)\s?\d+)?"
)
_ADDRESS_RE = re.compile(
    r"(?:\b(?!(?:uz|no|pie|un|ir|vai|par|at|in|on|to|the|of|ar|adrese|adresē|adrese|dzīvoju|dzivoju|atrodas|"
    r"kas|ka|mūsu|musu|mana|mans|our|my|is|в|на|по)\s)"
    r"[A-ZĀČĒĢĪĶĻŅŠŪŽa-zāčēģīķļņšūž][\wāčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ.-]*\s){1,2}"
    r"(?:" + _STREET_WORDS + r")\s?" + _HOUSE +
    r"(?:,\s*[A-ZĀČĒĢĪĶĻŅŠŪŽ][\wāčēģīķļņšūž-]+(?:\s(?:pag\.|pagasts|nov\.|novads))?)?"
    r"(?:,?\s*LV\s?-\s?\d{4})?",
    re.UNICODE,
)
_POSTCODE_RE = re.compile(r"\bLV\s?-?\s?\d{4}\b")
_HOUSE_RE = re.compile(
    r"\b(?:mājas|majas|māja|maja|\"[A-ZĀČĒĢĪĶĻŅŠŪŽ][\w-]+\")\s*,\s*[A-ZĀČĒĢĪĶĻŅŠŪŽ][\w-]+\s(?:pag\.|pagasts|nov\.|novads)"
)
_STREET_NAME = rf"[{_UP}][{_LOW}]+(?:[ -][{_UP}][{_LOW}]+)?"
_ADDRESS_CUE = (
    r"(?:adrese|adresē|adresi|adreses|dzīvoju|dzivoju|dzīvo|dzivo|dzīvesvieta|dzivesvieta|dzīvesvietu|"
    r"deklarēta|deklarets|deklarēts|address|live at|lives at|адрес|проживаю|живу)"
)

_EMAIL_PARTS_RE = re.compile(r"\s*([^\s@\[({<]+)\s*(?:@|[\[({<]\s*(?:at|et|@|pie)\s*[\])}>]|\sat\s)\s*(.*)", re.IGNORECASE | re.DOTALL)

_WEIGHTS = (1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


@dataclass(frozen=True)
class PIIMatch:
    """One piece of personal data: its type, the raw value and where it is (field, span)."""

    type: str
    value: str
    field: str
    start: int
    end: int
    valid: bool | None = None  # personal codes, IBANs: date and checksum check out

    def masked(self) -> str:
        v = self.value
        if self.type == "email":
            m = _EMAIL_PARTS_RE.match(detection_form(v)[0])
            if not m:
                return "***"
            domain = re.sub(r"\s*(?:[\[({<]\s*(?:dot|punkts|\.)\s*[\])}>]|\s(?:dot|punkts)\s)\s*", ".", m.group(2),
                            flags=re.IGNORECASE)
            return f"{m.group(1)[:1]}***@{domain.strip()}"
        if self.type in ("address", "name"):
            return PLACEHOLDERS[self.type]
        if self.type == "iban":
            compact = re.sub(r"[^A-Za-z0-9]", "", v)
            return compact[:2].upper() + "*" * max(0, len(compact) - 4) + compact[-2:]
        digits = [c for c in detection_form(v)[0] if c.isdigit()]
        keep = 2 if self.type == "phone" else 0
        return (
            "*" * max(0, len(digits) - keep) + "".join(digits[len(digits) - keep :])
            if keep
            else "*" * len(digits)
        )

    def to_dict(self, *, redact: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {"type": self.type, "field": self.field, "start": self.start, "end": self.end}
        d["value"] = self.masked() if redact else self.value
        if self.valid is not None:
            d["valid"] = self.valid
        return d


def check_old_code(digits: str) -> bool:
    """True when an 11-digit old-format code has a real birth date and a correct check digit."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    day, month, year2, century = int(digits[0:2]), int(digits[2:4]), int(digits[4:6]), int(digits[6])
    if century > 2:
        return False
    try:
        dt.date(1800 + 100 * century + year2, month, day)
    except ValueError:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:10], _WEIGHTS))
    check = (1101 - total) % 11
    return check < 10 and check == int(digits[10])


def _code_valid(digits: str) -> bool:
    if digits.startswith("32"):
        try:
            from stdnum.lv import pvn

            return bool(pvn.is_valid(digits))
        except ImportError:  # pragma: no cover - python-stdnum is a dependency
            return True
    return check_old_code(digits)


def _plausible_date(first6: str) -> bool:
    day, month = int(first6[0:2]), int(first6[2:4])
    return 1 <= day <= 31 and 1 <= month <= 12


class _Spans:
    """Taken spans, disjoint and sorted by start: an overlap check is a binary search, not a scan."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


# ------------------------------------------------------------------ word lists (data files)
_ENDINGS = ("iem", "ām", "ēm", "ās", "ēs", "us", "is", "os", "am", "em", "im", "um", "ai", "ei", "as", "es",
            "s", "š", "a", "e", "i", "u", "ā", "ē", "ī", "o", "y", "а", "я", "ы", "и", "у", "ю", "е", "ой", "ей",
            "ем", "ом", "ы")


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


_FOLDED_ENDINGS = tuple(dict.fromkeys(sorted((_fold(e) for e in _ENDINGS), key=len, reverse=True)))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A case-insensitive stem: folded (no diacritics), one common Latvian / Russian ending removed."""
    w = _fold(word)
    for fe in _FOLDED_ENDINGS:
        if w.endswith(fe) and len(w) - len(fe) >= 2:
            return w[: -len(fe)]
    return w


def _lines(name: str) -> list[str]:
    try:
        text = (DATA / name).read_text(encoding="utf-8")
    except OSError:  # pragma: no cover - shipped with the package
        return []
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def first_name_stems() -> frozenset[str]:
    return frozenset(stem(n) for n in _lines("first_names.txt") if len(stem(n)) >= 2)


@lru_cache(maxsize=1)
def _place_alt() -> str:
    forms: set[str] = set()
    for line in _lines("places.txt"):
        for f in (x.strip() for x in line.split(",")):
            if f:
                forms.add(f)
                forms.add(_fold(f).capitalize())
    return "(?:" + "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True)) + ")"


@lru_cache(maxsize=1)
def _place_re() -> re.Pattern[str]:
    return re.compile(r"\b" + _place_alt() + r"\b")


@lru_cache(maxsize=1)
def _address_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    place = _place_alt()
    after_place = re.compile(r"\b" + place + r"\s*,\s*(?P<a>" + _STREET_NAME + r"\s" + _HOUSE + r")")
    before_place = re.compile(
        r"(?P<a>\b" + _STREET_NAME + r"\s" + _HOUSE + r")\s*,\s*(?:" + place + r"|LV\s?-?\s?\d{4})\b"
    )
    cue = re.compile(
        _ADDRESS_CUE + r"\b\s*:?\s*(?:" + place + r"\s*,?\s*)?(?P<a>" + _STREET_NAME + r"\s" + _HOUSE + r")",
        re.IGNORECASE,
    )
    return after_place, before_place, cue


# words that start a greeting or a closing, and capitalised words that are never a surname next to a first name
_GREETING_RE = re.compile(
    r"(?:^|\n)[ \t]*(?i:labdien|labrīt|labvakar|sveiki|sveicināti|cien\.|cienījam\w*|god\.|godātais|godātā|"
    r"dārgais|dārgā|hello|hi|dear|good morning|good afternoon|здравствуйте|добрый день|уважаем\w*)"
    r"[ ,]+(?:(?i:kungs|kundze|mr\.?|mrs\.?|ms\.?|dr\.?|господин|госпожа)\s+)?"
    rf"(?P<n>[{_UP}][{_LOW}]+(?:[ -][{_UP}]\.?[{_LOW}]*){{0,2}})",
)
_CLOSING_RE = re.compile(
    r"(?:^|\n)[ \t]*(?i:ar cieņu|ar cienu|ar labiem vēlējumiem|ar labiem velejumiem|ar sveicieniem|sveicieni|"
    r"paldies|best regards|kind regards|regards|sincerely|yours sincerely|thanks|с уважением|всего доброго|"
    r"спасибо)[ \t]*[,.!]?[ \t]*(?=\n)"
)
_SIGNATURE_NAME_RE = re.compile(
    rf"\s*(?P<n>(?:[{_UP}]\.\s?|[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?)"
    rf"(?:[ \t](?:[{_UP}]\.\s?|[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?)){{0,3}})(?=[ \t]*(?:[,.;\n(]|$))"
)
# "J. Bērziņš", "A. Kalniņa": an initial and a word with a surname's ending
_INITIAL_NAME_RE = re.compile(
    rf"(?<![\w.])[{_UP}]\.[ \t]?(?P<s>[{_UP}][{_LOW}]+(?:iņš|iņa|ņš|nieks|niece|ovs|ova|evs|eva|skis|ska|ītis|īte|"
    rf"ulis|ule|ājs|āja|ēns|ēna|ers|ere|elis|ele|ins|is|s|š|a|e)(?:-[{_UP}][{_LOW}]+)?)\b"
)
_WORD_RE = re.compile(rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?")
_NOT_SURNAME = frozenset(
    stem(w)
    for w in ["Labdien", "Sveiki", "Sveicināti", "Cienījamā", "Cienījamais", "Cienījamie", "Godātā", "Godātais", "Dārgā", "Dārgais", "Kolēģe", "Kolēģi", "Kungs", "Kundze", "Paldies", "Lūdzu", "Ludzu", "Ar", "Un", "Vai", "Kā", "Ka", "Kas", "Kad", "Kur", "Jā", "Ja", "Nē", "Ne", "Mēs", "Mes", "Es", "Jūs", "Jus", "Man", "Mums", "Latvija", "Latvijas", "Rīga", "Rīgas", "Eiropa", "Eiropas", "Ministrija", "Ministrijas", "Pārvalde", "Pārvaldes", "Dienests", "Dienesta", "Pakalpojums", "Pakalpojumu", "Pakalpojuma", "Iestāde", "Iestādes", "Valsts", "Pašvaldība", "Pašvaldības", "Centrs", "Centra", "Aģentūra", "Aģentūras", "Birojs", "Nodaļa", "Departaments", "Padome", "Fonds", "Universitāte", "Skola", "Slimnīca", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Monday", "Friday", "The", "And", "Dear", "Hello", "Thanks", "Regards", "Best", "Kind", "Ministry", "Agency", "Service", "Services", "Office"]
)


def _is_first_name(word: str) -> bool:
    return stem(word) in first_name_stems()


# ------------------------------------------------------------------ detection
def find_in_text(text: str, field: str = "body") -> list[PIIMatch]:
    """All personal data in one text, without overlaps, in reading order."""
    if not text:
        return []
    norm, pos = detection_form(text)
    n_orig = len(text)

    def orig(i: int, end: bool = False) -> int:
        if pos is None:
            return i
        if end:
            return pos[i - 1] + 1 if i > 0 else 0
        return pos[i] if i < len(pos) else n_orig

    found: list[PIIMatch] = []
    taken = _Spans()

    def add(kind: str, s: int, e: int, valid: bool | None = None) -> bool:
        while e > s and norm[e - 1] in " ,.;:":  # never a trailing separator
            e -= 1
        if e <= s or taken.overlaps(s, e):
            return False
        taken.add(s, e)
        a, b = orig(s), orig(e, end=True)
        found.append(PIIMatch(kind, text[a:b], field, a, b, valid))
        return True

    for m in _EMAIL_RE.finditer(norm):
        add("email", *m.span())
    if "at" in norm.lower() or "et" in norm.lower() or "pie" in norm.lower():
        for m in _OBF_EMAIL_RE.finditer(norm):
            add("email", *m.span())
    for m in _IBAN_RE.finditer(norm):
        _add_iban(m, norm, add)
    for m in _CODE_RE.finditer(norm):
        raw = m.group(0)
        digits = re.sub(r"\D", "", raw)
        hyphen_after_six = bool(re.fullmatch(r"\d{6}\s?-\s?\d{5}", raw))
        if not (digits.startswith("32") or _plausible_date(digits[:6]) or hyphen_after_six):
            continue  # company numbers (4..., 5..., 9...) and other 11-digit numbers
        if _DATE_RE.match(raw):
            continue
        add("personal_code", *m.span(), _code_valid(digits))
    for m in _INTL_PHONE_RE.finditer(norm):
        digits = sum(c.isdigit() for c in m.group(0))
        if 8 <= digits <= 15:
            add("phone", *m.span())
    for m in _LV_PHONE_RE.finditer(norm):
        if _DATE_RE.match(m.group(0)) or re.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-]\d{4}", m.group(0).strip()):
            continue
        add("phone", *m.span())
    for m in _ADDRESS_RE.finditer(norm):
        add("address", *m.span())
    for rx in _address_res():
        for m in rx.finditer(norm):
            add("address", *m.span("a"))
    for m in _HOUSE_RE.finditer(norm):
        add("address", *m.span())
    for m in _POSTCODE_RE.finditer(norm):
        add("address", *m.span())
    _find_names(norm, add)
    found.sort(key=lambda p: p.start)
    return found


def _add_iban(m: re.Match[str], norm: str, add: Any) -> None:
    country, check, rest = m.group(1), m.group(2), m.group(3)
    chars = [(i, c) for i, c in enumerate(rest) if c.isalnum()]
    base = m.start(3)
    try:
        from stdnum import iban as stdiban
    except ImportError:  # pragma: no cover
        stdiban = None
    compact_all = (country + check + "".join(c for _, c in chars)).upper()
    for n in range(len(chars), 10, -1):
        cand = compact_all[: 4 + n]
        if stdiban is not None and stdiban.is_valid(cand):
            add("iban", m.start(), base + chars[n - 1][0] + 1, True)
            return
    if country.upper() == "LV" and country.isupper() and len(chars) >= 17 and rest.lstrip(" -")[:4].isalpha():
        add("iban", m.start(), base + chars[16][0] + 1, False)  # LV + 2 + 17 = 21 characters


def _find_names(norm: str, add: Any) -> None:
    for m in _GREETING_RE.finditer(norm):
        add("name", *m.span("n"))
    for c in _CLOSING_RE.finditer(norm):
        m = _SIGNATURE_NAME_RE.match(norm, c.end())
        if m is None:
            continue
        name = m.group("n")
        words = name.split()
        # a closing line followed by an institution ("Valsts kanceleja") is not a person: at least one word must
        # be a first name, an initial, or the line must be two or three words that are not common nouns
        if any(_is_first_name(w) or re.fullmatch(r"[^\W\d_]\.", w) for w in words) or (
            2 <= len(words) <= 3 and not any(stem(w) in _NOT_SURNAME for w in words)
        ):
            add("name", *m.span("n"))
    for m in _INITIAL_NAME_RE.finditer(norm):
        if stem(m.group("s")) not in _NOT_SURNAME and not _place_re().fullmatch(m.group("s")):
            add("name", *m.span())
    words = list(_WORD_RE.finditer(norm))
    for i, w in enumerate(words):
        if not _is_first_name(w.group(0)):
            continue
        span_start, span_end = w.start(), w.end()
        # first name(s) followed by a surname: "Jānis Bērziņš", "Anna Marija Kalniņa", "Jāņa Bērziņa"
        j = i
        while j + 1 < len(words) and _adjacent(norm, words[j], words[j + 1]):
            nxt = words[j + 1].group(0)
            if stem(nxt) in _NOT_SURNAME or _place_re().fullmatch(nxt) or nxt.isupper():
                break
            j += 1
            if not _is_first_name(nxt):
                break
        if j > i:
            span_end = words[j].end()
        elif i > 0 and _adjacent(norm, words[i - 1], w):
            prev = words[i - 1].group(0)  # "Bērziņš Jānis" (surname first, as in lists and forms)
            if (stem(prev) not in _NOT_SURNAME and not _place_re().fullmatch(prev)
                    and not _sentence_start(norm, words[i - 1].start())):
                span_start = words[i - 1].start()
            else:
                continue
        else:
            continue
        add("name", span_start, span_end)


def _adjacent(norm: str, a: re.Match[str], b: re.Match[str]) -> bool:
    gap = norm[a.end() : b.start()]
    return gap in (" ", "  ") or gap == "\t"


def _sentence_start(norm: str, i: int) -> bool:
    before = norm[max(0, i - 3) : i].rstrip(" ")
    return not before or before[-1:] in ".!?\n"


def find_personal_data(subject: str, body: str = "", *, known_names: list[str] | tuple[str, ...] = ()) -> list[PIIMatch]:
    """Personal data in a message's subject and body; ``known_names`` (e.g. the sender's display name) are
    found wherever they occur, also when the detector alone would not recognise them."""
    return find_in_field(subject, "subject", known_names) + find_in_field(body, "body", known_names)


def find_in_field(text: str, field: str, known_names: list[str] | tuple[str, ...] = ()) -> list[PIIMatch]:
    """:func:`find_in_text` plus the occurrences of ``known_names``. In ids and file names ("Janis_Berzins.eml")
    an underscore separates words."""
    if not text:
        return []
    probe = text.replace("_", " ") if field in ("id", "attachment") else text
    found = [PIIMatch(p.type, text[p.start : p.end], field, p.start, p.end, p.valid) for p in find_in_text(probe, field)]
    if known_names:
        taken = _Spans()
        for p in sorted(found, key=lambda p: p.start):
            taken.add(p.start, p.end)
        norm, pos = detection_form(probe)
        for name in dict.fromkeys(known_names):
            rx = _known_pattern(name)
            if rx is None:
                continue
            for m in rx.finditer(norm):
                a = pos[m.start()] if pos else m.start()
                b = (pos[m.end() - 1] + 1) if pos else m.end()
                if not taken.overlaps(a, b):
                    taken.add(a, b)
                    found.append(PIIMatch("name", text[a:b], field, a, b))
        found.sort(key=lambda p: p.start)
    return found


_DISPLAY_NAME_RE = re.compile(r'^\s*"?([^"<>@]+?)"?\s*<[^>]*>\s*$')


def sender_names(sender: str) -> list[str]:
    """The display name of a From header ("Jānis Bērziņš <j@x.lv>" -> ["Jānis Bērziņš"]) when it looks like a
    person's name (two to four words of letters), so the same name is redacted in the text too."""
    out = []
    for part in re.split(r"[,;]", sender or ""):
        m = _DISPLAY_NAME_RE.match(part)
        name = (m.group(1) if m else "").strip()
        words = name.replace(",", " ").split()
        if 2 <= len(words) <= 4 and all(re.fullmatch(r"[^\W\d_]+(?:[-'.][^\W\d_]*)*\.?", w) for w in words):
            out.append(name)
            if len(words) >= 2:
                out.append(words[-1])  # the surname alone ("Bērziņa kungs")
    return out


def redact(text: str, found: list[PIIMatch] | None = None) -> str:
    """Replace each finding with its placeholder (finds them first when not given)."""
    if not text:
        return text
    if found is None:
        found = find_in_text(text)
    out = []
    pos = 0
    for p in sorted(found, key=lambda p: p.start):
        if p.start < pos:
            continue
        out.append(text[pos : p.start])
        out.append(PLACEHOLDERS[p.type])
        pos = p.end
    out.append(text[pos:])
    return "".join(out)


_DIGIT_RUN_RE = re.compile(r"\+?\d(?:[ \-‐‑–—()]*\d){6,}")


def _known_pattern(value: str) -> re.Pattern[str] | None:
    """A pattern that finds ``value`` again in another text however it is spaced or written (digits: any
    separators between them; words: any case, spacing and diacritics)."""
    norm = detection_form(value)[0]
    digits = re.sub(r"\D", "", norm)
    if len(digits) >= 6 and len(digits) >= len(re.sub(r"\W", "", norm)) * 0.6:
        return re.compile(r"(?<!\d)" + r"[^\w\n]{0,3}".join(digits) + r"(?!\d)")
    words = [w for w in re.findall(r"\w+", norm) if len(w) >= 2]
    if not words or sum(len(w) for w in words) < 4:
        return None
    return re.compile(r"(?<!\w)" + r"\W{1,3}".join(re.escape(w) for w in words) + r"(?!\w)", re.IGNORECASE)


def scrub(text: str, known: list[str] | None = None) -> str:
    """For drafts and other derived text: redact every finding, then every value in ``known`` (the personal data
    of the message the text was derived from, found again however it is written), then any run of 7+ digits."""
    if not text:
        return text
    t = redact(text)
    if known:
        norm_t, pos = detection_form(t)
        spans: list[tuple[int, int]] = []
        for v in dict.fromkeys(known):
            rx = _known_pattern(v)
            if rx is None:
                continue
            spans.extend(m.span() for m in rx.finditer(norm_t))
        if spans:
            out, last = [], 0
            for s, e in sorted(spans):
                a = pos[s] if pos else s
                b = (pos[e - 1] + 1) if pos else e
                if a < last:
                    continue
                out.append(t[last:a] + "[…]")
                last = b
            out.append(t[last:])
            t = "".join(out)
    return _DIGIT_RUN_RE.sub(lambda m: "[…]" if sum(c.isdigit() for c in m.group(0)) >= 7 else m.group(0), t)


def redact_value(value: str) -> str:
    """A short value (an id, a file name) with its personal data replaced."""
    return redact(value) if value else value
