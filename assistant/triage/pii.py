"""Personal data in inbox text: Latvian personal codes, phone numbers, e-mail addresses, postal addresses.

Recall comes first: a well-formed old-format code (DDMMYY-CNNNN) whose date or checksum is wrong is
still reported (``valid: false``); new-format codes start with 32. Redaction replaces each finding with
a placeholder such as ``[personas kods]``.

Example:
    found = find_personal_data("Mans kods 120389-12345, tālr. 29123456")
    redact("Mans kods 120389-12345", found)  # -> "Mans kods [personas kods]"
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

PLACEHOLDERS = {
    "personal_code": "[personas kods]",
    "phone": "[tālrunis]",
    "email": "[e-pasts]",
    "address": "[adrese]",
}

_SEP = r"(?:\s?[-‐‑–—]\s?|\s)?"
# old format DDMMYY-CNNNN (C: century digit 0/1/2); also written without the hyphen or with a space
_OLD_CODE_RE = re.compile(r"(?<![\d+])(\d{6})" + _SEP + r"([0-2]\d{4})(?!\d)")
# new format (since 2017): 32 + 9 digits, usually written 32XXXX-XXXXX
_NEW_CODE_RE = re.compile(r"(?<![\d+])(32\d{4})" + _SEP + r"(\d{5})(?!\d)")
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
# Latvian numbers: 8 digits starting with 2 (mobile), 6 (landline), 8 (free), 9 (premium); optional +371
_LV_PHONE_RE = re.compile(r"(?<![\w+])(?:(?:\+|00)\s?371[\s.-]?)?(?:\(?[2689]\d\)?)(?:[\s.-]?\d){6}(?![\d])")
# other countries: +CC and 7-12 more digits in groups
_INTL_PHONE_RE = re.compile(r"(?<![\w+(])\(?(?:\+|00)\s?[1-9]\d{0,2}\)?(?:[\s.-]?\(?\d+\)?){2,6}(?![\d])")
_STREET_WORDS = (
    r"iel(?:a|ā|as|u|ai)|iel\.|bulvār(?:is|a|ī|im)|bulvar(?:is|a|i|im)|bulv\.|prospekt(?:s|a|ā|am)|prosp\.|"
    r"laukum(?:s|a|ā|am)|gatv(?:e|es|ē)|šosej(?:a|as|ā)|sosej(?:a|as)|ceļ(?:š|a|ā)|cel(?:s|a)|alej(?:a|as|ā)|"
    r"krastmal(?:a|as|ā)|līnij(?:a|ā)|linij(?:a)|street|st\.|road|avenue|улица|ул\."
)
_ADDRESS_RE = re.compile(
    r"(?:\b(?!(?:uz|no|pie|un|ir|vai|par|at|in|on|to|the|of|ar|adrese|adresē|adrese|dzīvoju|dzivoju|atrodas|"
    r"kas|ka|mūsu|musu|mana|mans|our|my|is|в|на|по)\s)"
    r"[A-ZĀČĒĢĪĶĻŅŠŪŽa-zāčēģīķļņšūž][\wāčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ.-]*\s){1,2}"
    r"(?:" + _STREET_WORDS + r")\s?(?:Nr\.\s?)?\d{1,4}[A-Za-z]?(?:\s?[-/]\s?\d{1,4})?"
    r"(?:\s?(?:k-|korp\.\s?)\d+)?(?:,?\s?(?:dz\.|dzīv\.|dzivoklis|dzīvoklis)\s?\d+)?"
    r"(?:,\s*[A-ZĀČĒĢĪĶĻŅŠŪŽ][\wāčēģīķļņšūž-]+(?:\s(?:pag\.|pagasts|nov\.|novads))?)?"
    r"(?:,?\s*LV\s?-\s?\d{4})?",
    re.UNICODE,
)
_POSTCODE_RE = re.compile(r"\bLV\s?-\s?\d{4}\b")
_HOUSE_RE = re.compile(
    r"\b(?:mājas|majas|māja|maja|\"[A-ZĀČĒĢĪĶĻŅŠŪŽ][\w-]+\")\s*,\s*[A-ZĀČĒĢĪĶĻŅŠŪŽ][\w-]+\s(?:pag\.|pagasts|nov\.|novads)"
)

_WEIGHTS = (1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


@dataclass(frozen=True)
class PIIMatch:
    """One piece of personal data: its type, the raw value and where it is (field, span)."""

    type: str
    value: str
    field: str
    start: int
    end: int
    valid: bool | None = None  # personal codes: date and checksum check out

    def masked(self) -> str:
        v = self.value
        if self.type == "email":
            user, _, domain = v.partition("@")
            return f"{user[:1]}***@{domain}"
        if self.type == "address":
            return PLACEHOLDERS["address"]
        digits = [c for c in v if c.isdigit()]
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


def _plausible_date(first6: str) -> bool:
    day, month = int(first6[0:2]), int(first6[2:4])
    return 1 <= day <= 31 and 1 <= month <= 12


class _Spans:
    """Taken spans, disjoint and sorted by start: an overlap check is a binary search, not a scan."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        # the spans are disjoint, so only the last one starting before ``end`` can reach past ``start``
        i = bisect.bisect_left(self.starts, end)
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def find_in_text(text: str, field: str = "body") -> list[PIIMatch]:
    """All personal data in one text, without overlaps, in reading order."""
    found: list[PIIMatch] = []
    taken = _Spans()

    def add(kind: str, m: re.Match[str], valid: bool | None = None) -> None:
        s, e = m.span()
        if taken.overlaps(s, e):
            return
        taken.add(s, e)
        found.append(PIIMatch(kind, m.group(0), field, s, e, valid))

    for m in _EMAIL_RE.finditer(text):
        add("email", m)
    for m in _NEW_CODE_RE.finditer(text):
        add("personal_code", m, True)
    for m in _OLD_CODE_RE.finditer(text):
        digits = m.group(1) + m.group(2)
        sep = text[m.end(1) : m.start(2)]
        # with a hyphen it is always reported (recall first); 11 bare or space-separated digits
        # only when they start with a plausible date (company numbers start with 4, 5 or 9)
        if (sep == "" or sep.isspace()) and not _plausible_date(m.group(1)):
            continue
        add("personal_code", m, check_old_code(digits))
    for m in _INTL_PHONE_RE.finditer(text):
        digits = sum(c.isdigit() for c in m.group(0))
        if 8 <= digits <= 15:
            add("phone", m)
    for m in _LV_PHONE_RE.finditer(text):
        add("phone", m)
    for m in _ADDRESS_RE.finditer(text):
        add("address", m)
    for m in _HOUSE_RE.finditer(text):
        add("address", m)
    for m in _POSTCODE_RE.finditer(text):
        add("address", m)
    found.sort(key=lambda p: p.start)
    return found


def find_personal_data(subject: str, body: str = "") -> list[PIIMatch]:
    """Personal data in a message's subject and body."""
    return find_in_text(subject, "subject") + find_in_text(body, "body")


def redact(text: str, found: list[PIIMatch] | None = None) -> str:
    """Replace each finding with its placeholder (finds them first when not given)."""
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


def scrub(text: str) -> str:
    """Belt and braces for drafts: redact findings, then any run of 7+ digits (codes, phones)."""
    t = redact(text)
    return _DIGIT_RUN_RE.sub(lambda m: "[…]" if sum(c.isdigit() for c in m.group(0)) >= 7 else m.group(0), t)
