"""The corpus: ``corpus/manifest.toml`` + source files, loaders for txt/md/html/pdf/docx, and cleaning.

Adding a document is adding a file to the corpus folder and a ``[[document]]`` entry to the manifest
(``id``, ``source_file``, ``title``, ``issuer``, ``year``, ``kind``, ``language``, ``notes``, ``ocr``).
OCR documents (``ocr = true``) get their diacritics restored (:mod:`assistant.diacritics`); every document
keeps an offset map from the cleaned text back to the original text.

Example:
    docs, problems = load_documents(Path("corpus")); docs[0].meta.title
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import CorpusError
from .fileio import write_text_atomic
from .types import DocMeta, Document

CLEANER_VERSION = "clean-2"
SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")


# --------------------------------------------------------------------------------------------- manifest
def load_manifest(corpus_dir: Path) -> list[DocMeta]:
    """Read ``manifest.toml``; a missing or broken manifest raises :class:`CorpusError`."""
    path = Path(corpus_dir) / "manifest.toml"
    if not path.is_file():
        raise CorpusError(
            f"korpusa manifests '{path}' nav atrasts: pievienojiet manifest.toml ar [[document]] ierakstiem",
            f"corpus manifest '{path}' not found: add manifest.toml with [[document]] entries",
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CorpusError(
            f"korpusa manifestu '{path}' nevar nolasīt: {exc}", f"cannot read corpus manifest '{path}': {exc}"
        ) from exc
    return metas_from_entries(data.get("document", []), path)


def metas_from_entries(documents: object, path: Path) -> list[DocMeta]:
    """The checked :class:`DocMeta` of a manifest's ``[[document]]`` entries (``path`` names it in messages)."""
    if not isinstance(documents, list):
        raise CorpusError(
            f"manifestā '{path}' dokumentiem jābūt [[document]] ierakstiem (divas iekavas), nevis [document]",
            f"in manifest '{path}' documents must be [[document]] entries (double brackets), not [document]",
        )
    metas: list[DocMeta] = []
    seen: set[str] = set()
    for i, entry in enumerate(documents, start=1):
        if not isinstance(entry, dict) or not entry.get("source_file"):
            raise CorpusError(
                f"manifesta {i}. ierakstam trūkst 'source_file'", f"manifest entry {i} has no 'source_file'"
            )
        _check_fields(entry, i)
        src = entry["source_file"]
        if src in seen:
            raise CorpusError(f"fails '{src}' manifestā ir divreiz", f"file '{src}' is listed twice in the manifest")
        seen.add(src)
        metas.append(
            DocMeta(
                id=str(entry.get("id") or Path(src).stem),
                source_file=src,
                title=entry.get("title") or Path(src).stem,
                issuer=entry.get("issuer", ""),
                year=int(entry["year"]) if "year" in entry else None,
                kind=entry.get("kind", ""),
                language=entry.get("language", "lv"),
                notes=entry.get("notes", ""),
                ocr=entry.get("ocr", False),
            )
        )
    return metas


# field -> (accepted TOML type, its name in Latvian / English)
_FIELD_TYPES: dict[str, tuple[type | tuple[type, ...], str, str]] = {
    "id": ((str, int), "teksts", "text"),
    "source_file": (str, "teksts", "text"),
    "title": (str, "teksts", "text"),
    "issuer": (str, "teksts", "text"),
    "kind": (str, "teksts", "text"),
    "language": (str, "teksts", "text"),
    "notes": (str, "teksts", "text"),
    "year": ((int, str), "gads, piemēram, 2020", "a year such as 2020"),
    "ocr": (bool, "true vai false (bez pēdiņām)", "true or false (without quotes)"),
}


def _check_fields(entry: dict, i: int) -> None:
    """Every known field of manifest entry ``i`` has its type; :class:`CorpusError` naming the field otherwise."""
    name = entry.get("source_file") if isinstance(entry.get("source_file"), str) else f"#{i}"
    for field, (typ, lv, en) in _FIELD_TYPES.items():
        if field not in entry:
            continue
        val = entry[field]
        ok = isinstance(val, typ) and (typ is bool or not isinstance(val, bool))
        if ok and field == "year" and isinstance(val, str):
            ok = val.isascii() and val.isdigit()  # "2020" as well as 2020; not "2020-01"
        if not ok:
            raise CorpusError(
                f"manifesta {i}. ierakstā ({name}) laukam '{field}' jābūt: {lv}, nevis {val!r}",
                f"manifest entry {i} ({name}): field '{field}' must be {en}, not {val!r}",
            )


# ---------------------------------------------------------------------------------------------- loaders
def _decode(raw: bytes, path: Path) -> str:
    """UTF-8 (or UTF-16 with a BOM), else the legacy encoding that reads most like Latvian (``textnorm``). A binary
    file (NUL bytes) raises :class:`CorpusError` instead of being indexed as garbage."""
    from .textnorm import decode_bytes

    if b"\x00" in raw and raw[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        raise CorpusError(
            f"fails '{path.name}' izskatās pēc binārā faila, nevis teksta: pārbaudiet faila tipu",
            f"file '{path.name}' looks binary, not text: check the file type",
        )
    return decode_bytes(raw)[0]


def _load_text(path: Path) -> str:
    return _decode(path.read_bytes(), path)


def _load_html(path: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(path.read_bytes(), path), "html.parser")
    for tag in soup(["script", "style", "noscript", "head"]):
        tag.decompose()
    lines: list[str] = []
    for el in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "pre", "blockquote"]):
        if el.find(["p", "li", "td"]) is not None and el.name not in ("li",):
            continue  # the inner elements carry the text
        text = " ".join(el.get_text(" ", strip=True).split())
        if not text:
            continue
        if el.name[0] == "h":
            lines.append("\n" + "#" * int(el.name[1]) + " " + text)
        elif el.name == "li":
            lines.append("- " + text)
        else:
            lines.append(text + "\n")
    if not lines:
        return soup.get_text("\n", strip=True)
    return "\n".join(lines).strip() + "\n"


# ------------------------------------------------------------------------------------ PDF extraction
EXTRACTED_DIR = "extracted"  # beside a source file: <folder>/extracted/<file name>.json (written at upload)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sidecar_path(path: Path) -> Path:
    """Where the extracted text of ``path`` is kept beside it (documents added by an administrator)."""
    return Path(path).parent / EXTRACTED_DIR / f"{Path(path).name}.json"


def extract_pdf(
    path: Path, *, max_pages: int | None = None, max_ocr_pages: int | None = None, progress: Callable | None = None
) -> dict:
    """A PDF's text with its pages (which were recognised by OCR, their confidence) and the character spans of the
    recognised pages in the text: ``{"sha256", "version", "text", "pages", "ocr_spans", "metadata"}``.

    Recognition is slow (seconds a page), so the result is kept: beside the file (``extracted/<name>.json``,
    written when an administrator adds the document) or in the cache directory, both keyed by the file's
    SHA-256 and the OCR version."""
    from .ocr import OCR_VERSION, read_pdf

    path = Path(path)
    sha = _sha256(path)
    from .diacritics import cache_dir

    places = [sidecar_path(path), cache_dir() / "extracted" / f"{sha[:32]}.json"]
    for place in places:
        try:
            data = json.loads(place.read_text(encoding="utf-8"))
            if data.get("sha256") == sha and data.get("version") == OCR_VERSION and isinstance(data.get("text"), str):
                return data
        except (OSError, ValueError, AttributeError):
            continue
    pdf = read_pdf(path, max_pages=max_pages, max_ocr_pages=max_ocr_pages, progress=progress)
    parts: list[str] = []
    spans: list[list[int]] = []
    pos = 0
    for info, text in zip(pdf.pages, pdf.page_texts, strict=True):
        if not text.strip():
            continue
        if parts:
            pos += 2  # the blank line between pages
        if info.ocr:
            spans.append([pos, pos + len(text)])
        parts.append(text)
        pos += len(text)
    body = "\n\n".join(parts)
    data = {
        "sha256": sha,
        "version": OCR_VERSION,
        "text": body + "\n" if body else "",
        "pages": [p.to_dict() for p in pdf.pages],
        "ocr_spans": spans,
        "metadata": pdf.metadata,
    }
    target = places[0] if places[0].parent.is_dir() else places[1]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, json.dumps(data, ensure_ascii=False))
    except OSError:
        pass
    return data


def _load_pdf(path: Path) -> str:
    return extract_pdf(path)["text"]


# a DOCX is a ZIP: its declared unpacked size and member count are read from the central directory before
# python-docx inflates anything (a ZIP bomb unpacks kilobytes into gigabytes)
MAX_DOCX_UNZIPPED_BYTES = 200_000_000
MAX_DOCX_MEMBERS = 10_000


def check_docx(path: Path, *, max_unzipped_bytes: int = MAX_DOCX_UNZIPPED_BYTES) -> None:
    """:class:`CorpusError` for a DOCX that is not a ZIP, lacks word/document.xml or unpacks too large."""
    import zipfile

    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorpusError(
            f"DOCX '{path.name}' ir bojāts vai nav Word dokuments ({exc}): saglabājiet to no jauna",
            f"DOCX '{path.name}' is damaged or not a Word document ({exc}): save it again",
        ) from exc
    total = sum(max(i.file_size, 0) for i in infos)
    packed = sum(max(i.compress_size, 0) for i in infos) or 1
    if len(infos) > MAX_DOCX_MEMBERS or total > max_unzipped_bytes or (total > 50_000_000 and total / packed > 200):
        raise CorpusError(
            f"DOCX '{path.name}' atpakojas {total / 1e6:.0f} MB lielumā ({len(infos)} daļas): tas izskatās pēc "
            f"ZIP bumbas, nevis dokumenta; atļauts līdz {max_unzipped_bytes / 1e6:.0f} MB",
            f"DOCX '{path.name}' unpacks to {total / 1e6:.0f} MB ({len(infos)} parts): that looks like a ZIP bomb, "
            f"not a document; at most {max_unzipped_bytes / 1e6:.0f} MB is allowed",
        )
    if not any(i.filename == "word/document.xml" for i in infos):
        raise CorpusError(
            f"'{path.name}' nav Word (DOCX) dokuments: tajā nav word/document.xml",
            f"'{path.name}' is not a Word (DOCX) document: it has no word/document.xml",
        )


def _load_docx(path: Path) -> str:
    import docx

    check_docx(path)
    d = docx.Document(str(path))
    lines: list[str] = []
    for para in d.paragraphs:
        text = para.text.strip()
        if not text:
            continue
        style = (para.style.name or "").lower() if para.style is not None else ""
        if style.startswith("heading") or style.startswith("virsraksts") or style == "title":
            level = "".join(c for c in style if c.isdigit()) or "1"
            lines.append("\n" + "#" * min(int(level), 6) + " " + text)
        elif "list" in style:
            lines.append("- " + text)
        else:
            lines.append(text + "\n")
    for table in d.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if cells:
                lines.append(" | ".join(dict.fromkeys(cells)))
        lines.append("")
    return "\n".join(lines).strip() + "\n"


LOADERS: dict[str, Callable[[Path], str]] = {
    ".txt": _load_text,
    ".text": _load_text,
    ".md": _load_text,
    ".markdown": _load_text,
    ".html": _load_html,
    ".htm": _load_html,
    ".pdf": _load_pdf,
    ".docx": _load_docx,
}


def read_source(path: Path) -> str:
    """Text of one source file (txt/md as is; html/pdf/docx extracted). Raises :class:`CorpusError`."""
    path = Path(path)
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise CorpusError(
            f"faila tips '{path.suffix}' netiek atbalstīts ({path.name}); atbalstīti: {', '.join(SUPPORTED_SUFFIXES)}",
            f"unsupported file type '{path.suffix}' ({path.name}); supported: {', '.join(SUPPORTED_SUFFIXES)}",
        )
    if not path.is_file():
        raise CorpusError(f"avota fails '{path}' nav atrasts", f"source file '{path}' not found")
    try:
        return loader(path)
    except CorpusError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure is a bad file for the user
        raise CorpusError(
            f"avota failu '{path.name}' nevar nolasīt ({type(exc).__name__}: {exc})",
            f"cannot read source file '{path.name}' ({type(exc).__name__}: {exc})",
        ) from exc


# --------------------------------------------------------------------------------------------- cleaning
# markup and junk removed from the indexed text (the offset map keeps the link to the original)
_DROP_RE = re.compile(r"\*\*|__|\ufffd|[\u00ad\u200b-\u200f\ufeff]|[ \t]+(?=\n)")
_LIGATURES = {"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "\u00a0": " ", "\t": " "}


def _drop_markup(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    out: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in _DROP_RE.finditer(text):
        out.append(text[pos : m.start()])
        offs.extend(offsets[pos : m.start()])
        pos = m.end()
    out.append(text[pos:])
    offs.extend(offsets[pos:])
    s = "".join(out)
    # ligatures: same length replacement or expansion (offsets repeat the source char)
    if any(c in s for c in _LIGATURES):
        out2: list[str] = []
        offs2: list[int] = []
        for c, o in zip(s, offs, strict=True):
            rep = _LIGATURES.get(c, c)
            out2.append(rep)
            offs2.extend([o] * len(rep))
        s, offs = "".join(out2), offs2
    return s, offs


def clean_text(
    original: str, *, ocr: bool, ocr_spans: Sequence[Sequence[int]] | None = None
) -> tuple[str, tuple[int, ...]]:
    """Cleaned text + offsets (index into `original` of every cleaned character).

    ``ocr``: the whole text is OCR of slides without diacritics (000, 001): every token is repaired.
    ``ocr_spans``: only these [start, end) spans were recognised (scanned PDF pages read by Tesseract ``lav``, which
    reads diacritics): there, tokens that are not words as written are repaired, words are kept."""
    text, offs = original, list(range(len(original)))
    if ocr:
        from .diacritics import get_restorer

        text, o = get_restorer().repair_ocr(text)
        offs = list(o)
    elif ocr_spans:
        from .diacritics import get_restorer

        restorer = get_restorer()
        out: list[str] = []
        offs = []
        pos = 0
        for a, b in sorted((max(0, int(a)), min(len(original), int(b))) for a, b in ocr_spans):
            if a < pos or b <= a:
                continue
            out.append(original[pos:a])
            offs.extend(range(pos, a))
            fixed, o = restorer.repair_ocr(original[a:b], keep_words=True)
            out.append(fixed)
            offs.extend(a + k for k in o)
            pos = b
        out.append(original[pos:])
        offs.extend(range(pos, len(original)))
        text = "".join(out)
    text, offs = _drop_markup(text, offs)
    return text, tuple(offs)


def _clean_cached(
    original: str, meta: DocMeta, ocr_spans: Sequence[Sequence[int]] | None = None
) -> tuple[str, tuple[int, ...]]:
    """OCR repair is slow-ish (lexicon look-ups): cache its result by content hash."""
    if not meta.ocr and not ocr_spans:
        return clean_text(original, ocr=False)
    from .diacritics import RESTORER_VERSION, cache_dir, get_restorer

    # the restorer's lexicon state and vocabulary source are part of the key: a text repaired without the
    # generated lexicon must not be reused once the lexicon is there (get_restorer is cheap once built)
    tag = get_restorer().cache_tag()
    spans = "" if meta.ocr else json.dumps([list(x) for x in ocr_spans or []])
    key = hashlib.sha1(f"{CLEANER_VERSION}|{RESTORER_VERSION}|{tag}|{spans}|{original}".encode()).hexdigest()[:20]
    path = cache_dir() / "cleaned" / f"{key}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        text, offs = data["text"], tuple(data["offsets"])
        if len(text) == len(offs):
            return text, offs
    except (OSError, ValueError, KeyError, TypeError):
        pass
    if meta.ocr:
        text, offs = clean_text(original, ocr=True)
    else:
        text, offs = clean_text(original, ocr=False, ocr_spans=ocr_spans)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, json.dumps({"text": text, "offsets": list(offs)}))
    except OSError:
        pass
    return text, offs


def load_document(corpus_dir: Path, meta: DocMeta) -> Document:
    """Read and clean one manifest entry (a PDF's scanned pages, recognised by OCR, are repaired like OCR text)."""
    path = Path(corpus_dir) / meta.source_file
    spans = None
    if path.suffix.lower() == ".pdf" and path.is_file():
        try:
            data = extract_pdf(path)
        except CorpusError:
            raise
        except Exception as exc:  # noqa: BLE001 - any parser failure is a bad file for the user
            raise CorpusError(
                f"avota failu '{path.name}' nevar nolasīt ({type(exc).__name__}: {exc})",
                f"cannot read source file '{path.name}' ({type(exc).__name__}: {exc})",
            ) from exc
        original, spans = data["text"], data.get("ocr_spans") or None
    else:
        original = read_source(path)
    text, offsets = _clean_cached(original, meta, spans)
    return Document(meta=meta, text=text, original=original, offsets=offsets)


def load_documents(corpus_dir: Path, metas: Sequence[DocMeta] | None = None) -> tuple[list[Document], list[str]]:
    """All documents of the manifest (or of ``metas``); unreadable files are skipped and reported (Latvian /
    English)."""
    docs: list[Document] = []
    problems: list[str] = []
    for meta in load_manifest(corpus_dir) if metas is None else metas:
        try:
            doc = load_document(corpus_dir, meta)
        except CorpusError as exc:
            problems.append(f"{exc.lv} / {exc.en}")
            continue
        if not doc.text.strip():
            problems.append(
                f"avota failā '{meta.source_file}' nav teksta (tukšs vai skenēts bez teksta slāņa) / "
                f"source file '{meta.source_file}' has no text (empty, or a scan without a text layer)"
            )
        docs.append(doc)
    if not docs and metas is None:
        raise CorpusError(
            f"korpusā '{corpus_dir}' nav neviena nolasāma dokumenta" + (f": {problems[0]}" if problems else ""),
            f"no readable document in corpus '{corpus_dir}'",
        )
    return docs, problems
