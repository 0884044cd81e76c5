"""Corpus manifest and loaders: each format with a small file the test creates."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus import load_documents, load_manifest, read_source
from assistant.errors import CorpusError

REPO = Path(__file__).resolve().parent.parent


def test_project_manifest_lists_the_five_documents():
    metas = load_manifest(REPO / "corpus")
    assert [m.source_file[:3] for m in metas] == ["000", "001", "002", "003", "004"]
    assert all((REPO / "corpus" / m.source_file).is_file() for m in metas)
    assert [m.ocr for m in metas] == [True, True, False, False, False]
    assert all(m.title and m.kind and m.language == "lv" for m in metas)


def _manifest(tmp: Path, entries: str) -> None:
    (tmp / "manifest.toml").write_text(entries, encoding="utf-8")


def test_missing_manifest_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusError) as ei:
        load_manifest(tmp_path)
    assert "manifest" in ei.value.lv and "nav atrasts" in ei.value.lv


def test_broken_manifest_is_a_clear_error(tmp_path):
    _manifest(tmp_path, "[[document]\nid = ")
    with pytest.raises(CorpusError) as ei:
        load_manifest(tmp_path)
    assert "nevar nolasīt" in ei.value.lv


def test_entry_without_source_file(tmp_path):
    _manifest(tmp_path, '[[document]]\nid = "x"\ntitle = "T"\n')
    with pytest.raises(CorpusError, match="source_file"):
        load_manifest(tmp_path)


def test_single_bracket_document_table_is_named(tmp_path):
    _manifest(tmp_path, '[document]\nsource_file = "a.txt"\n')
    with pytest.raises(CorpusError) as ei:
        load_manifest(tmp_path)
    assert "[[document]]" in ei.value.lv and "[document]" in ei.value.en and "source_file" not in ei.value.lv


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ('ocr = "false"', "ocr", "'false'"),
        ('year = "2020-01"', "year", "'2020-01'"),
        ("year = 2020.5", "year", "2020.5"),
        ("title = 5", "title", "5"),
    ],
)
def test_wrong_field_types_name_the_field_and_entry(tmp_path, line, field, value):
    _manifest(
        tmp_path,
        '[[document]]\nsource_file = "a.txt"\n\n[[document]]\nsource_file = "b.txt"\n' + line + "\n",
    )
    with pytest.raises(CorpusError) as ei:
        load_manifest(tmp_path)
    assert f"2. ierakstā (b.txt) laukam '{field}'" in ei.value.lv and value in ei.value.lv
    assert f"entry 2 (b.txt): field '{field}'" in ei.value.en


def test_valid_field_types_are_kept(tmp_path):
    _manifest(
        tmp_path,
        '[[document]]\nsource_file = "a.txt"\nocr = false\nyear = 2020\n\n'
        '[[document]]\nsource_file = "b.txt"\nocr = true\nyear = "2019"\nid = 7\n',
    )
    a, b = load_manifest(tmp_path)
    assert (a.ocr, a.year, a.id) == (False, 2020, "a")
    assert (b.ocr, b.year, b.id) == (True, 2019, "7")


def test_txt_and_markdown(tmp_path):
    (tmp_path / "a.txt").write_text("Pakalpojums ir darbība.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Virsraksts\n\n- punkts\n", encoding="utf-8")
    assert read_source(tmp_path / "a.txt") == "Pakalpojums ir darbība.\n"
    assert "# Virsraksts" in read_source(tmp_path / "b.md")


def test_txt_in_a_legacy_encoding(tmp_path):
    (tmp_path / "c.txt").write_bytes("Pārvaldība un iestāžu sadarbība ir svarīga.".encode("cp1257"))
    assert "Pārvaldība" in read_source(tmp_path / "c.txt")


def test_html(tmp_path):
    (tmp_path / "p.html").write_text(
        "<html><head><title>x</title><script>var a=1;</script></head><body>"
        "<h2>Pakalpojumu katalogs</h2><p>Katalogs ir pieejams tīmekļvietnē.</p><ul><li>pirmais</li></ul></body></html>",
        encoding="utf-8",
    )
    text = read_source(tmp_path / "p.html")
    assert "## Pakalpojumu katalogs" in text
    assert "Katalogs ir pieejams tīmekļvietnē." in text
    assert "- pirmais" in text
    assert "var a" not in text


def test_docx(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("Pakalpojuma apraksts", level=1)
    d.add_paragraph("Pakalpojuma turētājs apstiprina sarakstu.")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "Termins"
    t.cell(0, 1).text = "Skaidrojums"
    d.save(tmp_path / "d.docx")
    text = read_source(tmp_path / "d.docx")
    assert "# Pakalpojuma apraksts" in text
    assert "Pakalpojuma turētājs apstiprina sarakstu." in text
    assert "Termins | Skaidrojums" in text


def test_pdf(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    with PdfPages(tmp_path / "f.pdf") as pdf:
        fig = plt.figure(figsize=(6, 2))
        fig.text(0.05, 0.5, "Service catalogue guideline 2024")
        pdf.savefig(fig)
        plt.close(fig)
    text = read_source(tmp_path / "f.pdf")
    assert "catalogue" in text and "2024" in text


def test_unsupported_and_unreadable_files(tmp_path):
    (tmp_path / "x.xyz").write_text("?", encoding="utf-8")
    with pytest.raises(CorpusError, match="netiek atbalstīts"):
        read_source(tmp_path / "x.xyz")
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf at all")
    with pytest.raises(CorpusError, match="nevar nolasīt"):
        read_source(tmp_path / "bad.pdf")
    with pytest.raises(CorpusError, match="nav atrasts"):
        read_source(tmp_path / "missing.txt")


def test_load_documents_skips_a_broken_file_and_reports_it(tmp_path):
    (tmp_path / "ok.txt").write_text("Pakalpojumu saraksts ir iestādes dokuments.\n", encoding="utf-8")
    (tmp_path / "bad.pdf").write_bytes(b"\x00\x01garbage")
    _manifest(
        tmp_path,
        '[[document]]\nid = "1"\nsource_file = "ok.txt"\ntitle = "Labs"\n\n'
        '[[document]]\nid = "2"\nsource_file = "bad.pdf"\ntitle = "Slikts"\n\n'
        '[[document]]\nid = "3"\nsource_file = "gone.txt"\ntitle = "Nav"\n',
    )
    docs, problems = load_documents(tmp_path)
    assert [d.meta.source_file for d in docs] == ["ok.txt"]
    assert len(problems) == 2 and any("bad.pdf" in p for p in problems) and any("gone.txt" in p for p in problems)
    d = docs[0]
    assert d.text == d.original and len(d.offsets) == len(d.text)


def test_markup_is_dropped_but_offsets_point_into_the_original(tmp_path):
    (tmp_path / "m.md").write_text("# Virsraksts\n\n**Svarīgi**: ﬁnanses\n", encoding="utf-8")
    _manifest(tmp_path, '[[document]]\nsource_file = "m.md"\ntitle = "M"\n')
    (doc,), _ = load_documents(tmp_path)
    assert "**" not in doc.text and "finanses" in doc.text
    i = doc.text.index("Svarīgi")
    a, b = doc.original_span(i, i + len("Svarīgi"))
    assert doc.original[a:b] == "Svarīgi"


def test_binary_txt_is_refused_and_utf16_with_bom_is_read(tmp_path):
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 4)
    with pytest.raises(CorpusError, match="binārā") as ei:
        read_source(tmp_path / "bin.txt")
    assert "bin.txt" in ei.value.lv and "binary" in ei.value.en
    (tmp_path / "u16.txt").write_bytes("Iestāžu sadarbība\n".encode("utf-16"))
    assert read_source(tmp_path / "u16.txt") == "Iestāžu sadarbība\n"


def test_empty_document_is_kept_but_reported(tmp_path):
    (tmp_path / "ok.txt").write_text("Pakalpojumu saraksts.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    _manifest(
        tmp_path,
        '[[document]]\nsource_file = "ok.txt"\ntitle = "Labs"\n\n[[document]]\nsource_file = "empty.txt"\ntitle = "T"\n',
    )
    docs, problems = load_documents(tmp_path)
    assert [d.meta.source_file for d in docs] == ["ok.txt", "empty.txt"]
    assert len(problems) == 1 and "empty.txt" in problems[0] and "nav teksta" in problems[0]
