"""Scanned PDFs: pages without a text layer read with Tesseract's Latvian model after deskew and cleaning.

The fixture is made here: Latvian text with every diacritic rendered at 300 dpi into an image-only PDF. Needs
Debian's tesseract-ocr and tesseract-ocr-lav (scripts/install.sh); without them these tests fail, never skip.
"""

from __future__ import annotations

import pytest
from ocr_fixtures import PAGE_TEXT, image_pdf, poor_scan, render_page, words_correct
from PIL import ImageFilter

from assistant import ocr
from assistant.corpus import clean_text, extract_pdf, read_source


@pytest.fixture(scope="module")
def page():
    return render_page()


@pytest.fixture(scope="module")
def scanned_pdf(tmp_path_factory, page):
    return image_pdf([page], tmp_path_factory.mktemp("scan") / "skenets.pdf")


def test_tesseract_has_latvian():
    import pytesseract

    assert "lav" in pytesseract.get_languages(config=""), "apt-get install tesseract-ocr-lav (scripts/install.sh)"


def test_clean_scan_reads_99_percent_of_words_with_diacritics(scanned_pdf):
    pdf = ocr.read_pdf(scanned_pdf)
    assert [p.page for p in pdf.pages] == [1] and pdf.ocr_pages == [1]
    info = pdf.pages[0]
    assert info.confidence is not None and info.confidence >= ocr.LOW_CONFIDENCE and not info.low_confidence
    assert words_correct(PAGE_TEXT, pdf.text) >= 0.99
    # the diacritics themselves, not only the words around them
    for word in ("Ķekavas", "Ģimenēm", "Šķēršļu", "Ūdensapgādes", "Žoga", "Ēkas", "īpašnieka", "lūdz"):
        assert word in pdf.text


def test_recognised_text_goes_through_the_diacritics_repair_without_damage(scanned_pdf):
    data = extract_pdf(scanned_pdf)
    assert data["ocr_spans"] == [[0, len(data["text"].rstrip("\n"))]]
    assert data["pages"][0]["ocr"] is True
    cleaned, offsets = clean_text(data["text"], ocr=False, ocr_spans=data["ocr_spans"])
    assert len(offsets) == len(cleaned)
    assert words_correct(PAGE_TEXT, cleaned) >= 0.99  # words read right are kept as they are ("ka" is not "kā")
    assert read_source(scanned_pdf) == data["text"]  # the loader reads the same text (kept, not recognised again)


def test_repair_fixes_a_word_tesseract_read_without_its_diacritic():
    text = "Būvvalde rakstiski ludz tās papildināt, ka noteikts."
    cleaned, _ = clean_text(text, ocr=False, ocr_spans=[[0, len(text)]])
    assert "lūdz" in cleaned and " ka " in cleaned


def test_poor_scan_turned_noisy_blurred_reads_95_percent(tmp_path, page):
    pdf = ocr.read_pdf(image_pdf([poor_scan(page)], tmp_path / "slikts.pdf"))
    assert words_correct(PAGE_TEXT, pdf.text) >= 0.95
    assert abs(abs(pdf.pages[0].skew) - 1.5) <= 0.3  # the page was turned back before recognition


def test_without_cleaning_the_poor_scan_reads_worse(page):
    """What deskew and cleaning buy (the reason they are there): heavy grain without them costs words."""
    poor = poor_scan(page, noise=60)
    raw, _c, _a = ocr.recognise(poor, clean=False)
    cleaned, _c2, _a2 = ocr.recognise(poor, clean=True)
    assert words_correct(PAGE_TEXT, cleaned) >= 0.95
    assert words_correct(PAGE_TEXT, cleaned) > words_correct(PAGE_TEXT, raw)


def test_a_badly_blurred_page_is_flagged_low_confidence(tmp_path, page):
    pdf = ocr.read_pdf(image_pdf([page.filter(ImageFilter.GaussianBlur(4))], tmp_path / "izpludis.pdf"))
    assert pdf.pages[0].ocr and pdf.pages[0].low_confidence and pdf.low_confidence_pages == [1]


def test_mixed_pdf_recognises_only_the_pages_without_text(tmp_path, page):
    """Page 1 has a text layer (fpdf2 with a Unicode font), page 2 is a scan: only page 2 goes to Tesseract, and
    only its span of the text is repaired as OCR."""
    from fpdf import FPDF
    from ocr_fixtures import FONT

    scan = image_pdf([page], tmp_path / "scan.pdf")
    doc = FPDF()
    doc.add_font("dv", fname=FONT)
    doc.set_font("dv", size=12)
    doc.add_page()
    doc.multi_cell(0, 8, "Ievads. Šis dokuments apraksta būvatļauju kārtību un ir rakstīts datorā, ar teksta slāni.")
    doc.add_page()
    doc.image(page.convert("RGB"), x=0, y=0, w=210, h=297)
    mixed = tmp_path / "jaukts.pdf"
    doc.output(str(mixed))
    pdf = ocr.read_pdf(mixed)
    assert [p.ocr for p in pdf.pages] == [False, True]
    assert "teksta slāni" in pdf.text and "Būvvalde" in pdf.text
    data = extract_pdf(mixed)
    (a, b), = data["ocr_spans"]
    assert data["text"][a:b].startswith("Būvatļauju") and "teksta slāni" not in data["text"][a:b]
    assert scan.exists()


def test_deskew_estimate_finds_the_turn(page):
    turned = page.rotate(-2.0, expand=False, fillcolor=255)
    angle = ocr.estimate_skew(ocr._to_grey(turned))
    assert abs(angle - 2.0) <= 0.3


def test_encrypted_and_broken_pdfs_are_clear_latvian_errors(tmp_path):
    from pypdf import PdfWriter

    from assistant.errors import CorpusError

    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.encrypt("slepens")
    with open(tmp_path / "sifrets.pdf", "wb") as fh:
        w.write(fh)
    with pytest.raises(CorpusError, match="aizsargāts ar paroli"):
        ocr.read_pdf(tmp_path / "sifrets.pdf")
    (tmp_path / "bojats.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> garbage")
    with pytest.raises(CorpusError, match="nevar nolasīt"):
        ocr.read_pdf(tmp_path / "bojats.pdf")
