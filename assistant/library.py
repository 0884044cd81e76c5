"""Documents added by administrators, beside the shipped corpus (which stays read-only).

Layout under ``<data_dir>/documents/``::

    manifest.toml                 [[document]] entries: the corpus manifest's fields (id, source_file, title, issuer,
                                  year, kind, language, notes, ocr) + original_name, sha256, text_sha256, added_at,
                                  added_by, pages, ocr_pages, low_confidence_pages, ocr_confidence
    <id>_<sha16>.<ext>            the source files, named like the shipped ones
    extracted/<file>.json         a PDF's text page by page: which pages were recognised by OCR, their confidence
    question_bank/<id>.jsonl      the question bank the configured LLM wrote at upload (the corpus bank's format)
    .lock                         held by one add / replace / remove at a time

An operation (add, replace, remove) is a transaction: the file is checked (type, size, pages, encryption, ZIP bomb,
a duplicate of a document already there), copied, read (scanned pages recognised), its bank written, and the index
built from the *staged* manifest; the manifest itself is replaced only after the new index build is complete and
CURRENT points at it (under the index's build lock). Until then every reader keeps the previous index; an error or
an interruption at any point leaves the previous manifest and index, and removes what the operation had written.

Example:
    lib = DocumentLibrary(settings)
    report = lib.add(Path("vadlinijas.pdf"), title="Vadlīnijas", progress=print)
    lib.remove(report["id"])
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import time
import tomllib
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import Settings
from .corpus import (
    SUPPORTED_SUFFIXES,
    check_docx,
    extract_pdf,
    load_document,
    load_manifest,
    metas_from_entries,
    read_source,
    sidecar_path,
)
from .errors import CorpusError, InputError, PaligsError
from .fileio import write_text_atomic
from .types import DocMeta, Document

DOCS_DIR = "documents"
MANIFEST = "manifest.toml"
BANK_DIR = "question_bank"
EXTRACTED = "extracted"
FIRST_ADDED_ID = 100  # ids of added documents are numbers from here on (the shipped ones are 000-004)
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
_FIELDS = ("id", "source_file", "title", "issuer", "year", "kind", "language", "notes", "ocr")
_EXTRA_FIELDS = (
    "original_name",
    "sha256",
    "text_sha256",
    "added_at",
    "added_by",
    "pages",
    "ocr_pages",
    "low_confidence_pages",
    "ocr_confidence",
)
KINDS = ("guideline", "regulation", "FAQ", "presentation", "slides", "template", "report", "other")

Progress = Callable[[float, str], None]


def documents_dir(settings: Settings) -> Path:
    return Path(settings.data_dir) / DOCS_DIR


def source_path(settings: Settings, source_file: str) -> Path:
    """The file of a document (shipped or added) by its ``source_file``: for the document viewer's download."""
    added = documents_dir(settings) / source_file
    if "/" not in source_file and "\\" not in source_file and added.is_file():
        return added
    return Path(settings.corpus_dir) / source_file


# ------------------------------------------------------------------------------------------------- view
@dataclass(frozen=True)
class LibraryView:
    """What an index build reads of the added documents: their manifest entries and their banks' folder."""

    root: Path
    entries: tuple[dict[str, Any], ...]
    bank_dir: Path

    @classmethod
    def current(cls, settings: Settings) -> LibraryView:
        root = documents_dir(settings)
        return cls(root=root, entries=tuple(read_entries(root)), bank_dir=root / BANK_DIR)

    def metas(self) -> list[DocMeta]:
        return metas_from_entries([{k: e[k] for k in _FIELDS if k in e} for e in self.entries], self.root / MANIFEST)

    def fingerprint(self) -> bytes:
        """Cheap: the entries, each file's size and modification time, each bank file's hash."""
        h = hashlib.sha1(json.dumps(self.entries, sort_keys=True, ensure_ascii=False, default=str).encode())
        for e in self.entries:
            p = self.root / str(e.get("source_file", ""))
            try:
                st = p.stat()
                h.update(f"{p.name}|{st.st_size}|{st.st_mtime_ns}".encode())
            except OSError:
                h.update(b"<missing>")
            bank = self.bank_dir / f"{e.get('id')}.jsonl"
            with contextlib.suppress(OSError):
                h.update(hashlib.sha1(bank.read_bytes()).digest())
        return h.digest()


def read_entries(root: Path) -> list[dict[str, Any]]:
    """The raw ``[[document]]`` entries of ``<root>/manifest.toml`` (none when it does not exist)."""
    path = Path(root) / MANIFEST
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CorpusError(
            f"pievienoto dokumentu manifestu '{path}' nevar nolasīt: {exc}",
            f"cannot read the added documents' manifest '{path}': {exc}",
        ) from exc
    entries = data.get("document", [])
    metas_from_entries(entries, path)  # the same checks as the corpus manifest
    return [dict(e) for e in entries]


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return json.dumps(str(v), ensure_ascii=False)  # JSON string escapes are valid TOML basic-string escapes


def manifest_text(entries: Sequence[dict[str, Any]]) -> str:
    lines = [
        "# Documents added by administrators (python -m assistant corpus add / the app's Dokumenti panel).",
        "# Same fields as corpus/manifest.toml; written by the tool: edit with care, a broken file stops indexing.",
    ]
    for e in entries:
        lines.append("")
        lines.append("[[document]]")
        for k in (*_FIELDS, *_EXTRA_FIELDS):
            if k in e and e[k] is not None and e[k] != "":
                lines.append(f"{k} = {_toml_value(e[k])}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------ file checks
_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def text_sha256(text: str) -> str:
    """Hash of the words of a text (case, spacing and punctuation aside): the same document saved anew matches."""
    words = re.findall(r"[^\W_]+", text.lower(), re.UNICODE)
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def check_file(path: Path, settings: Settings) -> str:
    """The file's type (its suffix) when it can be added; :class:`InputError` / :class:`CorpusError` naming the
    problem otherwise (missing, empty, too large, unsupported, not what its name says, encrypted, too many pages,
    a ZIP bomb)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"fails '{path}' nav atrasts", f"file '{path}' not found")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            f"faila tips '{suffix or path.name}' netiek atbalstīts; atbalstīti: PDF, DOCX, HTML, Markdown, teksts",
            f"file type '{suffix or path.name}' is not supported; supported: PDF, DOCX, HTML, Markdown, text",
        )
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"fails '{path.name}' ir tukšs", f"file '{path.name}' is empty")
    limit = float(settings.max_document_mb) * 1_000_000
    if size > limit:
        raise InputError(
            f"fails '{path.name}' ir {size / 1e6:.0f} MB; atļauts līdz {settings.max_document_mb:g} MB "
            "(iestatījums max_document_mb)",
            f"file '{path.name}' is {size / 1e6:.0f} MB; at most {settings.max_document_mb:g} MB is allowed "
            "(setting max_document_mb)",
        )
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if suffix == ".pdf":
        if _PDF_MAGIC not in head:
            raise CorpusError(
                f"'{path.name}' nav PDF fails (tam nav PDF galvenes): pārbaudiet failu",
                f"'{path.name}' is not a PDF (no PDF header): check the file",
            )
        from .ocr import pdf_page_count

        n = pdf_page_count(path)  # encrypted or broken: CorpusError
        if n > settings.max_document_pages:
            raise CorpusError(
                f"PDF '{path.name}' ir {n} lapas; atļauts ne vairāk kā {settings.max_document_pages} "
                "(iestatījums max_document_pages): sadaliet to daļās",
                f"PDF '{path.name}' has {n} pages; at most {settings.max_document_pages} are allowed "
                "(setting max_document_pages): split it",
            )
        if n == 0:
            raise CorpusError(f"PDF '{path.name}' nav nevienas lapas", f"PDF '{path.name}' has no pages")
    elif suffix == ".docx":
        if not head.startswith(_ZIP_MAGIC):
            raise CorpusError(
                f"'{path.name}' nav Word (DOCX) dokuments: pārbaudiet failu (vecais .doc formāts netiek atbalstīts)",
                f"'{path.name}' is not a Word (DOCX) document: check the file (the old .doc format is not supported)",
            )
        check_docx(path, max_unzipped_bytes=int(float(settings.max_docx_unzipped_mb) * 1_000_000))
    elif b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorpusError(
            f"fails '{path.name}' izskatās pēc binārā faila, nevis teksta: pārbaudiet faila tipu",
            f"file '{path.name}' looks binary, not text: check the file type",
        )
    return suffix


# -------------------------------------------------------------------------------------------- guesses
_YEAR_RE = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_KIND_WORDS = (
    ("guideline", ("vadlīnij", "vadlinij", "rokasgrāmat", "metodik", "guideline")),
    ("regulation", ("noteikumi", "likums", "nolikums", "instrukcija", "kārtība", "regulation")),
    ("FAQ", ("biežāk uzdot", "jautājumi un atbildes", "buj", "faq")),
    ("presentation", ("prezentācij", "presentation", "slaid")),
    ("template", ("veidlap", "paraugs", "template", "forma")),
    ("report", ("ziņojums", "pārskats", "report")),
)


def guess_kind(title: str) -> str:
    low = title.lower()
    for kind, words in _KIND_WORDS:
        if any(w in low for w in words):
            return kind
    return ""


def _first_heading(text: str) -> str:
    for line in text.splitlines():
        t = line.strip().lstrip("#").strip()
        if len(re.findall(r"[^\W\d_]", t)) >= 4:
            return " ".join(t.split())[:160]
    return ""


def _year_from(*values: str) -> int | None:
    for v in values:
        m = _YEAR_RE.search(v or "")
        if m:
            return int(m.group(1))
    return None


def guess_metadata(path: Path, *, text: str | None = None, pdf_meta: dict[str, str] | None = None) -> dict[str, Any]:
    """Title, issuer, year, kind and language guessed from the file: PDF metadata or its first heading, DOCX core
    properties, HTML ``<title>``, a Markdown heading, a text's first line. Empty where nothing fits."""
    path = Path(path)
    suffix = path.suffix.lower()
    title = issuer = ""
    year: int | None = None
    try:
        if suffix == ".pdf":
            if pdf_meta is None:
                from .ocr import pdf_metadata

                pdf_meta = pdf_metadata(path)
            title = pdf_meta.get("Title", "")
            issuer = pdf_meta.get("Author", "")
            year = _year_from(pdf_meta.get("CreationDate", "").removeprefix("D:")[:4])
            if text is None:
                text = _pdf_head_text(path)
        elif suffix == ".docx":
            import docx

            check_docx(path)
            props = docx.Document(str(path)).core_properties
            title, issuer = (props.title or "").strip(), (props.author or "").strip()
            year = props.created.year if props.created and 1950 <= props.created.year <= 2049 else None
        elif suffix in (".html", ".htm"):
            from bs4 import BeautifulSoup

            soup = BeautifulSoup(path.read_bytes()[:2_000_000], "html.parser")
            if soup.title and soup.title.get_text(strip=True):
                title = soup.title.get_text(" ", strip=True)
            author = soup.find("meta", attrs={"name": "author"})
            if author is not None and author.get("content"):
                issuer = str(author.get("content")).strip()
    except PaligsError:
        raise
    except Exception:  # noqa: BLE001, S110 - a guess that fails is no guess; the checks before and after catch bad files
        pass
    if text is None:
        try:
            text = read_source(path)[:20_000]
        except PaligsError:
            text = ""
    if not title:
        title = _first_heading(text or "")
    if not title:
        title = re.sub(r"[_\s]+", " ", path.stem).strip()
    year = year or _year_from(title, (text or "")[:3000])
    language = "lv"
    sample = " ".join((text or "").split()[:300])
    if sample:
        with contextlib.suppress(Exception):
            from .triage.language import detect_language

            language = detect_language(sample) or "lv"
    return {
        "title": title[:200],
        "issuer": issuer[:200],
        "year": year,
        "kind": guess_kind(title),
        "language": language,
    }


def _pdf_head_text(path: Path, pages: int = 3) -> str:
    """The text layer of the first pages (no OCR: a guess must be quick)."""
    import pypdfium2 as pdfium

    from .ocr import _PDFIUM_LOCK, _open_pdf, _page_text

    with _PDFIUM_LOCK:
        pdf = _open_pdf(path)
        try:
            out = []
            for i in range(min(pages, len(pdf))):
                page = pdf[i]
                try:
                    out.append(_page_text(page))
                finally:
                    page.close()
            return "\n\n".join(out)
        except pdfium.PdfiumError:
            return ""
        finally:
            pdf.close()


# -------------------------------------------------------------------------------------------- library
class _Reporter:
    """Progress for the CLI and the app: ``progress(fraction 0-1, Latvian message)``; stages get shares of 0-1."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.lo, self.hi = 0.0, 1.0

    def stage(self, lo: float, hi: float) -> None:
        self.lo, self.hi = lo, hi

    def __call__(self, frac: float, msg: str) -> None:
        if self.progress is not None:
            self.progress(round(self.lo + (self.hi - self.lo) * max(0.0, min(1.0, frac)), 4), msg)


class DocumentLibrary:
    """Add, replace, remove and list the documents administrators added (the index follows each change).

    Example:
        lib = DocumentLibrary(settings); lib.add(Path("x.pdf"), title="X"); lib.list()
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.root = documents_dir(settings)

    # -- reading
    def shipped(self) -> list[DocMeta]:
        try:
            return load_manifest(Path(self.settings.corpus_dir))
        except CorpusError:
            return []

    def entries(self) -> list[dict[str, Any]]:
        return read_entries(self.root)

    def list(self) -> list[dict[str, Any]]:
        """Every document with its origin (``corpus`` shipped, ``added``) and status: ``indexed``, ``pending`` (in
        the manifest but not yet in the active index) or ``problem`` (with a message)."""
        indexed, problems = self._index_state()
        out: list[dict[str, Any]] = []
        for m in self.shipped():
            out.append({**_meta_dict(m), "origin": "corpus", "status": "indexed" if m.source_file in indexed else "pending"})
        for e in self.entries():
            d = {k: e.get(k) for k in (*_FIELDS, *_EXTRA_FIELDS)}
            d["origin"] = "added"
            src = str(e.get("source_file", ""))
            problem = next((p for p in problems if src and src in p), "")
            d["status"] = "indexed" if src in indexed else ("problem" if problem else "pending")
            if problem:
                d["problem"] = problem
            out.append(d)
        return out

    def _index_state(self) -> tuple[set[str], list[str]]:
        from .index import index_root

        root = index_root(self.settings)
        try:
            name = (root / "CURRENT").read_text(encoding="utf-8").strip()
            docs = json.loads((root / name / "documents.json").read_text(encoding="utf-8"))
            manifest = json.loads((root / name / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return set(), []
        return {str(d.get("source_file")) for d in docs}, [str(p) for p in manifest.get("problems") or []]

    # -- locking
    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        import fcntl

        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fh = open(self.root / ".lock", "a+")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise CorpusError(
                f"dokumentu mapi '{self.root}' nevar izveidot vai lietot ({exc.strerror}): pārbaudiet --data-dir",
                f"cannot create or use the documents folder '{self.root}' ({exc.strerror}): check --data-dir",
            ) from exc
        with fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    # -- ids and duplicates
    def _next_id(self, entries: Sequence[dict[str, Any]]) -> str:
        used = {str(m.id) for m in self.shipped()} | {str(e.get("id")) for e in entries}
        n = FIRST_ADDED_ID
        while str(n) in used:
            n += 1
        return str(n)

    def _check_id(self, doc_id: str) -> None:
        if not _ID_RE.match(doc_id):
            raise InputError(
                f"dokumenta id '{doc_id}' nav derīgs: tikai burti, cipari, '-' un '_' (līdz 40 zīmēm)",
                f"document id '{doc_id}' is not valid: letters, digits, '-' and '_' only (up to 40)",
            )
        if doc_id in {str(m.id) for m in self.shipped()}:
            raise InputError(
                f"dokuments {doc_id} ir piegādātajā korpusā (corpus/), ko šeit mainīt nevar; pievienojiet jauno "
                "versiju kā jaunu dokumentu",
                f"document {doc_id} is in the shipped corpus (corpus/), which cannot be changed here; add the new "
                "version as a new document",
            )

    def _check_duplicate(self, sha: str, tsha: str, entries: Sequence[dict[str, Any]], *, skip: str = "") -> None:
        for e in entries:
            if str(e.get("id")) == skip:
                continue
            if e.get("sha256") == sha or (tsha and e.get("text_sha256") == tsha):
                raise InputError(
                    f"šāds dokuments jau ir pievienots: {e.get('id')} „{e.get('title')}” (tāds pats saturs); "
                    f"lai to nomainītu, izmantojiet aizstāšanu (corpus replace {e.get('id')} …)",
                    f"this document is already there: {e.get('id')} '{e.get('title')}' (same content); to change it, "
                    f"replace it (corpus replace {e.get('id')} …)",
                )
        corpus_dir = Path(self.settings.corpus_dir)
        for m in self.shipped():
            p = corpus_dir / m.source_file
            try:
                same = file_sha256(p) == sha
                if not same and tsha and p.suffix.lower() != ".pdf" and p.stat().st_size < 20_000_000:
                    same = text_sha256(read_source(p)) == tsha
            except (OSError, PaligsError):
                continue
            if same:
                raise InputError(
                    f"šāds dokuments jau ir korpusā: {m.id} „{m.title}” (tāds pats saturs)",
                    f"this document is already in the corpus: {m.id} '{m.title}' (same content)",
                )

    # -- operations
    def add(
        self,
        path: Path | str,
        *,
        doc_id: str | None = None,
        title: str | None = None,
        issuer: str | None = None,
        year: int | str | None = None,
        kind: str | None = None,
        language: str | None = None,
        notes: str | None = None,
        user: str = "",
        original_name: str | None = None,
        progress: Progress | None = None,
        must_exist: bool = False,
    ) -> dict[str, Any]:
        """Add a document (or, with the id of an added document, replace it: ``must_exist`` insists on that).
        Returns a report: id, title, pages, OCR pages and their confidence, flagged pages, index stats, seconds."""
        t0 = time.perf_counter()
        rep = _Reporter(progress)
        path = Path(path)
        rep(0.0, "Pārbauda failu…")
        suffix = check_file(path, self.settings)
        sha = file_sha256(path)
        year_v = _year_value(year)
        with self._lock():
            self.sweep()
            entries = self.entries()
            old: dict[str, Any] | None = None
            if doc_id is not None:
                doc_id = str(doc_id).strip()
                self._check_id(doc_id)
                old = next((e for e in entries if str(e.get("id")) == doc_id), None)
            if must_exist and old is None:
                raise InputError(
                    f"pievienota dokumenta ar id '{doc_id}' nav; skatiet `corpus list`",
                    f"there is no added document with id '{doc_id}'; see `corpus list`",
                )
            if old is not None:  # a new version keeps what was said about the old one unless told otherwise
                title = title if title is not None else old.get("title")
                issuer = issuer if issuer is not None else old.get("issuer", "")
                kind = kind if kind is not None else old.get("kind", "")
                language = language if language is not None else old.get("language")
                notes = notes if notes is not None else old.get("notes")
                if year is None and old.get("year") is not None:
                    year = year_v = int(old["year"])
            if old is not None and old.get("sha256") == sha:
                raise InputError(
                    f"jaunā versija ir tāda pati kā dokuments {doc_id} jau tagad: nekas nav mainīts",
                    f"the new version is the same as document {doc_id} already is: nothing changed",
                )
            doc_id = doc_id or self._next_id(entries)
            self._check_duplicate(sha, "", entries, skip=doc_id)
            name = f"{doc_id}_{sha[:16]}{suffix}"
            target = self.root / name
            written: list[Path] = []
            staging = self.root / f".staging-{uuid.uuid4().hex[:10]}"
            try:
                # 1. the file, under its final name (not referenced by the manifest until the commit)
                tmp = self.root / f".incoming-{uuid.uuid4().hex[:10]}{suffix}"
                written.append(tmp)
                shutil.copyfile(path, tmp)
                if file_sha256(tmp) != sha:
                    raise InputError(
                        "fails mainījās kopēšanas laikā: augšupielādējiet vēlreiz",
                        "the file changed while it was copied: upload again",
                    )
                written.append(target)
                os.replace(tmp, target)
                # 2. its text (scanned pages recognised)
                rep.stage(0.02, 0.55)
                pages_info: dict[str, Any] = {}
                pdf_meta: dict[str, str] | None = None
                if suffix == ".pdf":
                    (self.root / "extracted").mkdir(exist_ok=True)
                    written.append(sidecar_path(target))

                    def page_cb(done: int, total: int, how: str) -> None:
                        rep(done / max(total, 1), f"Lasa lapas: {done}/{total}" + (" (OCR)" if how == "ocr" else ""))

                    data = extract_pdf(
                        target,
                        max_pages=self.settings.max_document_pages,
                        max_ocr_pages=self.settings.max_ocr_pages,
                        progress=page_cb,
                    )
                    text, pdf_meta = data["text"], data.get("metadata") or {}
                    pages_info = _pages_summary(data.get("pages") or [])
                else:
                    rep(0.2, "Lasa dokumentu…")
                    text = read_source(target)
                if len(re.findall(r"[^\W\d_]", text)) < 20:
                    raise CorpusError(
                        f"failā '{path.name}' nav nolasāma teksta (tukšs, vai skenēts attēls bez atpazīstama teksta)",
                        f"file '{path.name}' has no readable text (empty, or a scan with no recognisable text)",
                    )
                tsha = text_sha256(text)
                self._check_duplicate(sha, tsha, entries, skip=doc_id)
                # 3. metadata: what was given, else the guesses
                guess = guess_metadata(target, text=text, pdf_meta=pdf_meta)
                entry: dict[str, Any] = {
                    "id": doc_id,
                    "source_file": name,
                    "title": (title or "").strip() or guess["title"],
                    "issuer": (issuer if issuer is not None else guess["issuer"]).strip(),
                    "kind": (kind if kind is not None else guess["kind"]).strip(),
                    "language": (language or "").strip() or guess["language"] or "lv",
                    "notes": (notes or "").strip(),
                    "ocr": False,
                    "original_name": original_name or path.name,
                    "sha256": sha,
                    "text_sha256": tsha,
                    "added_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
                    "added_by": user,
                    **pages_info,
                }
                y = year_v if year is not None else guess["year"]
                if y is not None:
                    entry["year"] = y
                new_entries = [e for e in entries if str(e.get("id")) != doc_id] + [entry]
                # 4. the question bank from the LLM (when one is set)
                rep.stage(0.55, 0.75)
                bank_lines, bank_problems = self._bank_for(entry, rep)
                # 5. the index from the staged manifest; the manifest is committed once CURRENT points at it
                rep.stage(0.75, 1.0)
                stats = self._build(new_entries, staging, {doc_id: bank_lines}, rep, old=old)
            except BaseException:
                for p in written:
                    if not self._referenced(p):
                        with contextlib.suppress(OSError):
                            p.unlink()
                shutil.rmtree(staging, ignore_errors=True)
                raise
            shutil.rmtree(staging, ignore_errors=True)
        rep.stage(0.0, 1.0)
        rep(1.0, "Gatavs")
        return {
            "id": doc_id,
            "action": "replaced" if old is not None else "added",
            "title": entry["title"],
            "source_file": name,
            **{k: entry.get(k) for k in ("issuer", "year", "kind", "language")},
            "chars": len(text),
            **pages_info,
            "bank_questions": sum(len(b["questions"]) for b in bank_lines),
            "bank_problems": bank_problems,
            "index": stats,
            "seconds": round(time.perf_counter() - t0, 2),
        }

    def replace(self, doc_id: str, path: Path | str, **kw: Any) -> dict[str, Any]:
        """A new version of an added document (its metadata kept unless given anew)."""
        return self.add(path, doc_id=str(doc_id).strip(), must_exist=True, **kw)

    def remove(self, doc_id: str, *, user: str = "", progress: Progress | None = None) -> dict[str, Any]:
        """Remove an added document (its file, extracted text and bank go once the index no longer has it)."""
        t0 = time.perf_counter()
        rep = _Reporter(progress)
        doc_id = str(doc_id).strip()
        with self._lock():
            entries = self.entries()
            old = next((e for e in entries if str(e.get("id")) == doc_id), None)
            if old is None:
                if doc_id in {str(m.id) for m in self.shipped()}:
                    raise InputError(
                        f"dokuments {doc_id} ir piegādātajā korpusā (corpus/), to šeit izņemt nevar",
                        f"document {doc_id} is in the shipped corpus (corpus/) and cannot be removed here",
                    )
                raise InputError(
                    f"pievienota dokumenta ar id '{doc_id}' nav; skatiet `corpus list`",
                    f"there is no added document with id '{doc_id}'; see `corpus list`",
                )
            staging = self.root / f".staging-{uuid.uuid4().hex[:10]}"
            try:
                stats = self._build([e for e in entries if e is not old], staging, {}, rep, old=old)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        rep(1.0, "Gatavs")
        return {
            "id": doc_id,
            "action": "removed",
            "title": old.get("title"),
            "index": stats,
            "seconds": round(time.perf_counter() - t0, 2),
        }

    # -- internals
    def _referenced(self, p: Path) -> bool:
        """Whether the committed manifest uses this file (then an error must not delete it)."""
        names = set()
        for e in self.entries():
            src = str(e.get("source_file", ""))
            names |= {src, f"{src}.json"}
        return p.name in names

    def _bank_for(self, entry: dict[str, Any], rep: _Reporter) -> tuple[list[dict], list[str]]:
        if not self.settings.llm_base_url:
            return [], []
        from .bank import generate_bank_entries
        from .llm import get_generator
        from .sections import split_sections

        meta = metas_from_entries([{k: entry[k] for k in _FIELDS if k in entry}], self.root / MANIFEST)[0]
        doc = load_document(self.root, meta)
        sections = split_sections(doc)
        try:
            gen = get_generator(self.settings)
        except PaligsError as exc:
            return [], [f"{exc.lv} / {exc.en}"]
        if gen is None:
            return [], []
        return generate_bank_entries(
            doc,
            sections,
            gen,
            per_section=max(1, int(self.settings.bank_questions_per_section)),
            progress=lambda i, n: rep(i / max(n, 1), f"LLM raksta jautājumu banku: sadaļa {i}/{n}"),
        )

    def _build(
        self,
        entries: list[dict[str, Any]],
        staging: Path,
        new_banks: dict[str, list[dict]],
        rep: _Reporter,
        *,
        old: dict[str, Any] | None,
    ) -> dict[str, Any]:
        """Build the index from the staged entries; commit the manifest (and banks, and drop the old files) once
        CURRENT points at the new build."""
        from .index import build_index, reload_serving

        # exactly what the committed manifest will read back (empty fields dropped), so that the fingerprint the
        # build records is the one readers compute afterwards
        entries = [dict(e) for e in tomllib.loads(manifest_text(entries)).get("document", [])]
        bank_dir = staging / BANK_DIR
        bank_dir.mkdir(parents=True, exist_ok=True)
        live_banks = self.root / BANK_DIR
        ids = {str(e.get("id")) for e in entries}
        for e in entries:
            i = str(e.get("id"))
            if i in new_banks:
                if new_banks[i]:
                    (bank_dir / f"{i}.jsonl").write_text(
                        "".join(json.dumps(b, ensure_ascii=False) + "\n" for b in new_banks[i]), encoding="utf-8"
                    )
            elif (live_banks / f"{i}.jsonl").is_file():
                shutil.copyfile(live_banks / f"{i}.jsonl", bank_dir / f"{i}.jsonl")
        view = LibraryView(root=self.root, entries=tuple(entries), bank_dir=bank_dir)

        def commit() -> None:
            live_banks.mkdir(exist_ok=True)
            for p in live_banks.glob("*.jsonl"):
                if p.stem not in ids or p.stem in new_banks:
                    p.unlink(missing_ok=True)
            for p in bank_dir.glob("*.jsonl"):
                os.replace(p, live_banks / p.name)
            write_text_atomic(self.root / MANIFEST, manifest_text(entries))
            if old is not None and old.get("source_file") not in {e.get("source_file") for e in entries}:
                src = self.root / str(old.get("source_file"))
                with contextlib.suppress(OSError):
                    src.unlink()
                with contextlib.suppress(OSError):
                    sidecar_path(src).unlink()

        def build_cb(lo: float, hi: float) -> Callable[[int, int, str], None]:
            def cb(done: int, total: int, what: str) -> None:
                rep(lo + (hi - lo) * done / max(total, 1), f"Indeksē: {what} {done}/{total}")

            return cb

        # 1. searchable first: the new text goes in with the vectors the cache already has (lexical search finds
        #    it at once); the manifest is committed with this build
        t0 = time.perf_counter()
        rep(0.0, "Veido indeksu…")
        stats = build_index(self.settings, view=view, on_commit=commit, progress=build_cb(0.0, 0.1), defer_new=True)
        rep(0.1, "Atver jauno indeksu…")
        reload_serving(self.settings)
        stats["searchable_seconds"] = round(time.perf_counter() - t0, 2)
        # 2. the new chunks' vectors (the shared cache keeps every other chunk's), then the complete build
        if stats.get("deferred"):
            rep(0.12, f"Meklējams; aprēķina vektorus: 0/{stats['deferred']}")
            full = build_index(self.settings, progress=build_cb(0.12, 0.95))
            rep(0.95, "Atver pilno indeksu…")
            reload_serving(self.settings)
            stats.update(
                {k: full[k] for k in ("build", "chunks", "vectors", "embedded", "reused", "problems") if k in full}
            )
            stats["deferred"] = full.get("deferred", 0)
        stats["seconds"] = round(time.perf_counter() - t0, 2)
        return stats

    def sweep(self, older_than_s: float = 3600) -> int:
        """Delete files no manifest entry uses (left by an operation that was killed), older than an hour; every
        operation does this first, under the lock."""
        if not self.root.is_dir():
            return 0
        used = set()
        for e in self.entries():
            used |= {str(e.get("source_file"))}
        n = 0
        now = time.time()
        for p in [*self.root.iterdir(), *(self.root / EXTRACTED).glob("*.json")]:
            name = p.name.removesuffix(".json") if p.parent.name == EXTRACTED else p.name
            if name in used or p.name in (MANIFEST, ".lock", BANK_DIR, EXTRACTED):
                continue
            try:
                if now - p.stat().st_mtime < older_than_s:
                    continue
                shutil.rmtree(p) if p.is_dir() else p.unlink()
                n += 1
            except OSError:
                continue
        return n


def _year_value(year: int | str | None) -> int | None:
    if year is None or (isinstance(year, str) and not year.strip()):
        return None
    try:
        y = int(str(year).strip())
    except ValueError:
        y = -1
    if not 1900 <= y <= 2100:
        raise InputError(f"gads '{year}' nav derīgs (piemēram, 2024)", f"year '{year}' is not valid (e.g. 2024)")
    return y


def _meta_dict(m: DocMeta) -> dict[str, Any]:
    return {k: getattr(m, k) for k in _FIELDS}


def _pages_summary(pages: Sequence[dict[str, Any]]) -> dict[str, Any]:
    ocr = [p for p in pages if p.get("ocr")]
    confs = [float(p["confidence"]) for p in ocr if p.get("confidence") is not None]
    out: dict[str, Any] = {"pages": len(pages)}
    if ocr:
        out["ocr_pages"] = [int(p["page"]) for p in ocr]
        out["low_confidence_pages"] = [int(p["page"]) for p in ocr if p.get("low_confidence")]
        if confs:
            out["ocr_confidence"] = round(sum(confs) / len(confs), 1)
    return out


def added_documents(view: LibraryView) -> tuple[list[Document], list[str]]:
    """The added documents of a view, loaded and cleaned; unreadable ones skipped and reported."""
    from .corpus import load_documents

    if not view.entries:
        return [], []
    return load_documents(view.root, view.metas())


__all__ = [
    "DocumentLibrary",
    "LibraryView",
    "added_documents",
    "check_file",
    "documents_dir",
    "guess_metadata",
    "read_entries",
    "source_path",
]
