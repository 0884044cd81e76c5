"""Reading PDFs page by page, with Tesseract's Latvian model for pages that have no text layer.

A page whose text layer holds fewer than :data:`MIN_TEXT_CHARS` letters is rendered at :data:`OCR_DPI`,
cleaned and recognised with ``tesseract -l lav`` (Debian ``tesseract-ocr-lav``, through ``pytesseract``):

1. grey, then **deskewed**: the angle (within ±:data:`MAX_SKEW_DEG`) whose horizontal projection profile is the
   sharpest (text lines line up with pixel rows), searched coarse to fine on a downscaled copy;
2. **cleaned**: a median filter takes out salt-and-pepper scanner noise, a light Gaussian smooths grain;
3. **binarised** with Otsu's threshold (Tesseract reads nothing at heavy noise without it: FIELD_NOTES).

Each page records whether it was recognised, the mean word confidence Tesseract gave (0–100) and whether that
is below :data:`LOW_CONFIDENCE` (flagged to the administrator). The recognised text is then repaired by the
same diacritics machinery as the OCR documents of the shipped corpus (:mod:`assistant.corpus`).

Example:
    pdf = read_pdf(Path("skenets.pdf")); pdf.text, [(p.page, p.ocr, p.confidence) for p in pdf.pages]
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .errors import CorpusError

OCR_VERSION = "ocr-1"
OCR_DPI = 300
OCR_LANG = "lav"
MIN_TEXT_CHARS = 20  # letters on a page below which the page counts as having no text layer
LOW_CONFIDENCE = 85.0  # mean word confidence (0-100) below which a recognised page is flagged: clean and
# poor-but-readable scans of the test page give 95, a page read 82 % right gives 80, a blurred one (55 %) 56
MAX_SKEW_DEG = 5.0
NOISY_SIGMA = 5.0  # pixel noise (grey levels) above which a page is smoothed before binarising
OCR_TIMEOUT_S = 120  # one page
OCR_WORKERS = max(1, min(2, os.cpu_count() or 1))  # pages recognised at once (one Tesseract thread each)

_LETTER_RE = re.compile(r"[^\W\d_]", re.UNICODE)
# pdfium renders pages in its own state; one document at a time per process is safest
_PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True)
class PageInfo:
    """One PDF page: 1-based number, whether it was recognised by OCR, its confidence and size in characters."""

    page: int
    ocr: bool
    confidence: float | None = None  # mean Tesseract word confidence (0-100) for recognised pages
    low_confidence: bool = False
    chars: int = 0
    skew: float = 0.0  # degrees the page was turned before recognition

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class PdfText:
    """A PDF's text (pages joined by blank lines), its pages and its metadata guesses."""

    text: str
    pages: list[PageInfo] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    page_texts: list[str] = field(default_factory=list)

    @property
    def ocr_pages(self) -> list[int]:
        return [p.page for p in self.pages if p.ocr]

    @property
    def low_confidence_pages(self) -> list[int]:
        return [p.page for p in self.pages if p.low_confidence]


# ------------------------------------------------------------------------------------------- images
def _to_grey(image: Any) -> Any:
    import numpy as np

    arr = np.asarray(image)
    if arr.ndim == 3:
        import cv2

        arr = cv2.cvtColor(arr[..., :3], cv2.COLOR_RGB2GRAY)
    return arr.astype(np.uint8)


def _rotate(grey: Any, angle: float, *, border: int = 255) -> Any:
    import cv2

    h, w = grey.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(
        grey, m, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT, borderValue=border
    )


def estimate_skew(grey: Any) -> float:
    """The rotation (degrees, counter-clockwise positive as in OpenCV) that makes text lines horizontal."""
    import cv2
    import numpy as np

    h, w = grey.shape[:2]
    scale = min(1.0, 900.0 / max(h, w))
    small = cv2.resize(grey, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    small = cv2.medianBlur(small, 3)
    _t, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    if ink.mean() < 0.5:  # blank page
        return 0.0

    def sharpness(angle: float) -> float:
        rot = _rotate(ink, angle, border=0)
        rows = rot.sum(axis=1, dtype=np.float64)
        return float(np.var(np.diff(rows)))

    best = 0.0
    step = 0.5
    candidates = np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + 1e-9, step)
    for _round in range(3):
        scores = [(sharpness(float(a)), float(a)) for a in candidates]
        best = max(scores)[1]
        step /= 5
        candidates = np.arange(best - 5 * step, best + 5 * step + 1e-9, step)
    return round(best, 2)


def noise_sigma(grey: Any) -> float:
    """Standard deviation of the page's pixel noise (Immerkær's fast estimate: a Laplacian-difference mask
    cancels smooth areas and straight edges; a clean render gives < 1, a grainy scan 10-40)."""
    import cv2
    import numpy as np

    g = grey.astype(np.float32)
    h, w = g.shape[:2]
    if h < 3 or w < 3:
        return 0.0
    mask = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], dtype=np.float32)
    conv = cv2.filter2D(g, -1, mask)[1:-1, 1:-1]
    return float(np.sqrt(np.pi / 2) * np.abs(conv).sum() / (6 * (w - 2) * (h - 2)))


def clean_page(image: Any) -> tuple[Any, float]:
    """Deskewed, denoised, binarised page (uint8, text black on white) and the angle it was turned by.

    Smoothing only where there is noise to take out: on a clean page the median filter thins the strokes of
    diacritics (ū read as u) and costs words (measured: 99.2 % → 98.4 % on a clean render)."""
    import cv2

    grey = _to_grey(image)
    angle = estimate_skew(grey)
    if abs(angle) >= 0.1:
        grey = _rotate(grey, angle)
    if noise_sigma(grey) > NOISY_SIGMA:
        grey = cv2.medianBlur(grey, 3)
        grey = cv2.GaussianBlur(grey, (3, 3), 0)
    _t, binary = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return binary, angle


def recognise(image: Any, *, lang: str = OCR_LANG, clean: bool = True) -> tuple[str, float | None, float]:
    """(text, mean word confidence 0-100 or None when no word was read, skew angle) of one page image."""
    import pytesseract
    from PIL import Image

    # one OpenMP thread per Tesseract: on a shared 2-core machine its threads only fight each other
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    angle = 0.0
    if clean:
        arr, angle = clean_page(image)
        img = Image.fromarray(arr)
    else:
        img = image if isinstance(image, Image.Image) else Image.fromarray(image)
    try:
        data = pytesseract.image_to_data(
            img,
            lang=lang,
            config=f"--dpi {OCR_DPI} --psm 3",
            output_type=pytesseract.Output.DICT,
            timeout=OCR_TIMEOUT_S,
        )
    except pytesseract.TesseractNotFoundError as exc:
        raise CorpusError(
            "skenētu lapu atpazīšanai vajag Tesseract ar latviešu valodu: apt-get install tesseract-ocr "
            "tesseract-ocr-lav (scripts/install.sh)",
            "recognising scanned pages needs Tesseract with Latvian: apt-get install tesseract-ocr "
            "tesseract-ocr-lav (scripts/install.sh)",
        ) from exc
    except RuntimeError as exc:  # pytesseract's timeout
        raise CorpusError(
            f"lapas atpazīšana pārsniedza {OCR_TIMEOUT_S} s", f"recognising a page took over {OCR_TIMEOUT_S} s"
        ) from exc
    except pytesseract.TesseractError as exc:
        if "lav" in str(exc) and ("language" in str(exc).lower() or "traineddata" in str(exc)):
            raise CorpusError(
                "Tesseract latviešu valodas modelis nav instalēts: apt-get install tesseract-ocr-lav",
                "Tesseract's Latvian model is not installed: apt-get install tesseract-ocr-lav",
            ) from exc
        raise CorpusError(f"Tesseract kļūda: {exc}", f"Tesseract failed: {exc}") from exc
    return _text_from_data(data), _confidence(data), angle


def _confidence(data: dict[str, list]) -> float | None:
    confs = [
        float(c)
        for c, w in zip(data.get("conf", []), data.get("text", []), strict=False)
        if str(w).strip() and float(c) >= 0
    ]
    return round(sum(confs) / len(confs), 1) if confs else None


def _text_from_data(data: dict[str, list]) -> str:
    """Tesseract's words put back into lines (a line per Tesseract line, a blank line between paragraphs)."""
    lines: list[str] = []
    key_prev: tuple[int, int] | None = None
    line_prev: tuple[int, int, int] | None = None
    for i, word in enumerate(data.get("text", [])):
        word = str(word).strip()
        if not word:
            continue
        block, par, line = data["block_num"][i], data["par_num"][i], data["line_num"][i]
        if (block, par, line) != line_prev:
            if key_prev is not None and (block, par) != key_prev:
                lines.append("")
            lines.append(word)
            line_prev, key_prev = (block, par, line), (block, par)
        else:
            lines[-1] += " " + word
    return "\n".join(lines).strip()


# ---------------------------------------------------------------------------------------------- PDFs
def _open_pdf(path: Path) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise CorpusError(
                f"PDF '{path.name}' ir aizsargāts ar paroli (šifrēts): saglabājiet to bez paroles un augšupielādējiet vēlreiz",
                f"PDF '{path.name}' is password-protected (encrypted): save it without a password and upload again",
            ) from exc
        raise CorpusError(
            f"PDF '{path.name}' nevar nolasīt: tas ir bojāts vai nav PDF ({exc}); pārbaudiet failu",
            f"cannot read PDF '{path.name}': it is damaged or not a PDF ({exc}); check the file",
        ) from exc


def pdf_page_count(path: Path) -> int:
    """Number of pages (cheap: the page tree only). :class:`CorpusError` for an encrypted or broken PDF."""
    with _PDFIUM_LOCK:
        pdf = _open_pdf(Path(path))
        try:
            return len(pdf)
        finally:
            pdf.close()


def pdf_metadata(path: Path) -> dict[str, str]:
    """The PDF's Title / Author / Subject / CreationDate (empty values left out)."""
    with _PDFIUM_LOCK:
        pdf = _open_pdf(Path(path))
        try:
            meta = pdf.get_metadata_dict(skip_empty=True)
        finally:
            pdf.close()
    return {str(k): str(v).strip() for k, v in meta.items() if str(v).strip()}


def _page_text(page: Any) -> str:
    tp = page.get_textpage()
    try:
        text = tp.get_text_bounded() or ""
    finally:
        tp.close()
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip()


def read_pdf(
    path: Path,
    *,
    ocr: bool = True,
    max_pages: int | None = None,
    max_ocr_pages: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> PdfText:
    """Every page's text; pages without a text layer recognised with Tesseract (``ocr``), in page order.

    ``progress(done, total, what)`` after each page. :class:`CorpusError` for an encrypted, broken or too long PDF.
    """
    path = Path(path)
    texts: list[str] = []
    pages: list[PageInfo] = []
    with _PDFIUM_LOCK:  # pdfium is not thread-safe at all: every call under the lock, recognition outside it
        pdf = _open_pdf(path)
    try:
        with _PDFIUM_LOCK:
            n = len(pdf)
            meta = {str(k): str(v).strip() for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
        if max_pages is not None and n > max_pages:
            raise CorpusError(
                f"PDF '{path.name}' ir {n} lapas; atļauts ne vairāk kā {max_pages} (iestatījums max_document_pages)",
                f"PDF '{path.name}' has {n} pages; at most {max_pages} are allowed (setting max_document_pages)",
            )
        todo: list[tuple[int, Any]] = []
        for i in range(n):
            with _PDFIUM_LOCK:
                page = pdf[i]
                try:
                    text = _page_text(page)
                    image = None
                    if ocr and len(_LETTER_RE.findall(text)) < MIN_TEXT_CHARS:
                        if max_ocr_pages is not None and sum(p.ocr for p in pages) + 1 > max_ocr_pages:
                            raise CorpusError(
                                f"PDF '{path.name}' ir vairāk nekā {max_ocr_pages} skenētu lapu bez teksta slāņa "
                                "(iestatījums max_ocr_pages): sadaliet to daļās",
                                f"PDF '{path.name}' has more than {max_ocr_pages} scanned pages without a text layer "
                                "(setting max_ocr_pages): split it",
                            )
                        bitmap = page.render(scale=OCR_DPI / 72, grayscale=True)
                        image = bitmap.to_pil()
                        bitmap.close()
                finally:
                    page.close()
            if image is not None:
                todo.append((i, image))
                texts.append("")
                pages.append(PageInfo(page=i + 1, ocr=True))
            else:
                texts.append(text)
                pages.append(PageInfo(page=i + 1, ocr=False, chars=len(text)))
                if progress is not None:
                    progress(i + 1, n, "text")
            if len(todo) >= 2 * OCR_WORKERS:  # keep only a few rendered pages (~9 MB each) in memory
                _recognise_pages(todo, texts, pages, progress, n)
                todo = []
        _recognise_pages(todo, texts, pages, progress, n)
    except CorpusError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfium failing on a damaged page is a bad file
        raise CorpusError(
            f"PDF '{path.name}' nevar nolasīt ({type(exc).__name__}: {exc})",
            f"cannot read PDF '{path.name}' ({type(exc).__name__}: {exc})",
        ) from exc
    finally:
        with _PDFIUM_LOCK:
            pdf.close()
    body = "\n\n".join(t for t in texts if t.strip())
    return PdfText(text=body + "\n" if body else "", pages=pages, metadata=meta, page_texts=texts)


def _recognise_pages(
    todo: list[tuple[int, Any]],
    texts: list[str],
    pages: list[PageInfo],
    progress: Callable[[int, int, str], None] | None,
    n: int,
) -> None:
    """Recognise rendered pages, :data:`OCR_WORKERS` at a time (each Tesseract runs one thread; the cleaning in
    OpenCV releases the GIL), and put their text and confidence in place."""
    if not todo:
        return

    def one(item: tuple[int, Any]) -> tuple[int, str, float | None, float]:
        i, image = item
        return (i, *recognise(image))

    if len(todo) == 1 or OCR_WORKERS == 1:
        results = map(one, todo)
    else:
        from concurrent.futures import ThreadPoolExecutor

        pool = ThreadPoolExecutor(max_workers=OCR_WORKERS, thread_name_prefix="paligs-ocr")
        results = pool.map(one, todo)
    try:
        for i, text, conf, angle in results:
            texts[i] = text
            low = (conf is None and bool(text)) or (conf is not None and conf < LOW_CONFIDENCE)
            pages[i] = PageInfo(page=i + 1, ocr=True, confidence=conf, low_confidence=low, chars=len(text), skew=angle)
            if progress is not None:
                progress(i + 1, n, "ocr")
    finally:
        if len(todo) > 1 and OCR_WORKERS > 1:
            pool.shutdown(wait=True, cancel_futures=True)


__all__ = [
    "LOW_CONFIDENCE",
    "OCR_VERSION",
    "PageInfo",
    "PdfText",
    "clean_page",
    "estimate_skew",
    "pdf_metadata",
    "pdf_page_count",
    "read_pdf",
    "recognise",
]
