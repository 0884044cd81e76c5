"""Sections and units (assistant.sections), the question bank (assistant.bank) and the vocabulary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.bank import file_sha256, load_bank, write_versions
from assistant.sections import PARTIAL_NOTE, UNREADABLE_NOTE, split_sections
from assistant.types import DocMeta, Document
from assistant.vocabulary import Vocabulary, load_vocabulary


def doc(text: str, *, ocr: bool = False, id: str = "900", offsets=None) -> Document:
    return Document(DocMeta(id, f"{id}_t.txt", "Testa vadlīnijas", ocr=ocr), text, text, offsets)


GUIDE = """# Pakalpojuma nosaukums

Pakalpojuma nosaukums raksturo, ko dara pakalpojuma sniedzējs.

Veidojot pakalpojuma nosaukumu, ir jāņem vērā:

  • vajadzība, ko apmierinās pakalpojums
  • kas ir konkrēts pakalpojuma rezultāts

# Pakalpojumu saraksts

Pakalpojumu sarakstu apstiprina pakalpojuma turētājs, un tas ir iekšējs doku-
ments, ko iestāde veido sev piemērotā veidā.
"""


def test_sections_follow_headings_and_keep_lists_with_their_lead_in():
    secs = split_sections(doc(GUIDE))
    assert [s.title for s in secs] == ["Pakalpojuma nosaukums", "Pakalpojumu saraksts"]
    kinds = [u.kind for u in secs[0].units]
    assert kinds == ["heading", "paragraph", "list"]
    lst = secs[0].units[2]
    assert lst.text.splitlines() == [
        "Veidojot pakalpojuma nosaukumu, ir jāņem vērā:",
        "• vajadzība, ko apmierinās pakalpojums",
        "• kas ir konkrēts pakalpojuma rezultāts",
    ]
    # a word hyphenated at a PDF line end is joined again, the wrapped lines are one paragraph
    assert "iekšējs dokuments, ko iestāde" in secs[1].units[1].text


def test_bank_starts_are_the_only_section_starts():
    text = GUIDE
    start = text.index("Veidojot")
    secs = split_sections(doc(text), [(start, "Ko ņemt vērā")])
    assert [s.title for s in secs][-1] == "Ko ņemt vērā"
    # the document's own headings no longer start sections: the second heading is a unit inside
    assert len(secs) == 2 and any(u.kind == "heading" for u in secs[1].units)


def test_sentence_cut_by_a_blank_line_is_joined():
    text = "Iestāde nodrošina atbalstu, kas\n\nir iekļauts katrā pakalpojumā un tiek sniegts bez maksas."
    secs = split_sections(doc(text))
    assert [u.text for u in secs[0].units] == [
        "Iestāde nodrošina atbalstu, kas ir iekļauts katrā pakalpojumā un tiek sniegts bez maksas."
    ]


def test_ocr_readings_of_list_markers_count_only_in_scanned_documents():
    text = "Iesniegumu izskata:\n\n4 darba dienu laikā pēc saņemšanas.\n\ne pēc tam lēmumu paziņo klientam."
    clean = split_sections(doc(text))[0].units
    scanned = split_sections(doc(text, ocr=True))[0].units
    # a clean document's "4 darba dienu" is a sentence, its number kept
    assert not any(u.kind == "list" for u in clean)
    assert any("4 darba dienu laikā" in u.text for u in clean)
    # in a scan "4 " and "o " are how OCR reads bullets: a list whose items lose the marker
    assert any(u.kind == "list" and "• darba dienu laikā" in u.text for u in scanned)


def test_a_list_whose_bullet_glyphs_the_pdf_lost_is_one_list():
    # a word processor's bullets come out of the PDF as a leading space; blank lines set the items apart
    text = (
        "Izanalizēt pakalpojuma iespējamos pārbūves veidus, piemēram:\n\n pārtraukt/samazināt;\n\n"
        " deleģēt privātajam sektoram;\n\n elektronizēt.\n\nPēc tam izvēlas labāko."
    )
    units = split_sections(doc(text))[0].units
    assert [u.kind for u in units] == ["list", "paragraph"]
    assert units[0].text.split("\n") == [
        "Izanalizēt pakalpojuma iespējamos pārbūves veidus, piemēram:",
        "• pārtraukt/samazināt;",
        "• deleģēt privātajam sektoram;",
        "• elektronizēt.",
    ]
    # an indented line that no lead-in opens stays text
    plain = split_sections(doc("Iestāde sniedz pakalpojumus.\n\n Tā nodrošina arī atbalstu."))[0].units
    assert [u.kind for u in plain] == ["paragraph", "paragraph"]


def test_headings_left_at_the_end_of_a_section_belong_to_the_next_one():
    text = "# A\n\nPakalpojums ir labums.\n\n# Elektronizācija\n\n## Kritēriji\n\nKritēriji ir šādi."
    secs = split_sections(doc(text), [(0, "Definīcija"), (text.index("Kritēriji ir"), "Kritēriji")])
    assert [u.text for u in secs[0].units][-1] == "Pakalpojums ir labums."
    assert all("Elektronizācija" not in u.text for u in secs[0].units)


def test_ocr_debris_is_never_readable_and_the_section_text_says_so():
    text = "Pakalpojumu pārvaldība\n\nEekelpR AERIpavaldibalif ekl auļošu ir svarīga.\n\nPakalpojumi apmierina vajadzības."
    secs = split_sections(doc(text, ocr=True))
    units = secs[0].units
    assert [u.readable for u in units] == [True, False, True]
    assert UNREADABLE_NOTE in secs[0].text and "EekelpR" not in secs[0].text
    assert "EekelpR" in secs[0].search_text  # still searchable


def test_a_list_with_some_unreadable_items_shows_the_readable_ones_with_a_note():
    text = (
        "Pakalpojums ir pieejams:\n"
        "• visā valsts teritorijā\n• visām sabiedrības grupām\n• EekelpR AERIpavaldibalif\n• ārvalstu saņēmējiem"
    )
    u = split_sections(doc(text, ocr=True))[0].units[0]
    assert u.readable and "EekelpR" not in u.text and u.text.endswith(PARTIAL_NOTE)
    assert "EekelpR" in u.search


def test_contact_units_are_marked():
    text = "Pakalpojumu pārvaldība ir svarīga.\n\nDepartaments, Maija Anspoka, tālr.: 67026938; maija@varam.gov.lv"
    units = split_sections(doc(text))[0].units
    assert [u.contact for u in units] == [False, True]


# --- the question bank ---------------------------------------------------------------------------------------
def _corpus(tmp_path: Path, lines: list[str], *, manifest: str | None = "auto") -> tuple[Path, list[Document]]:
    src = tmp_path / "900_t.txt"
    src.write_text(GUIDE, encoding="utf-8")
    d = doc(GUIDE)
    (tmp_path / "question_bank").mkdir()
    (tmp_path / "question_bank" / "900.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if manifest == "auto":
        write_versions(tmp_path, [d])
    elif manifest is not None:
        (tmp_path / "question_bank" / "manifest.toml").write_text(manifest, encoding="utf-8")
    return tmp_path, [d]


def row(anchor: str, qs: list[str] | None = None, doc_id: str = "900") -> str:
    return json.dumps({"doc": doc_id, "anchor": anchor, "section": "Nosaukums", "questions": qs or ["Kā nosaukt?"]})


def test_bank_entries_resolve_their_anchor_to_the_cleaned_text(tmp_path):
    corpus, docs = _corpus(tmp_path, [row("Pakalpojuma nosaukums raksturo"), row("Pakalpojumu sarakstu apstiprina")])
    bank = load_bank(corpus, docs)
    assert bank.problems == [] and len(bank.entries) == 2 and bank.n_questions == 2
    assert GUIDE[bank.entries[1].start :].startswith("Pakalpojumu sarakstu apstiprina")


def test_a_bad_bank_line_is_reported_and_the_rest_still_works(tmp_path):
    corpus, docs = _corpus(
        tmp_path,
        [row("Pakalpojuma nosaukums raksturo"), "{not json", row("šī teksta dokumentā nav"), row("Pakalpojumu", doc_id="777"),
         json.dumps({"doc": "900", "anchor": "Pakalpojumu sarakstu", "questions": []})],
    )
    bank = load_bank(corpus, docs)
    assert len(bank.entries) == 1
    text = "\n".join(bank.problems)
    assert "nav derīgs JSON" in text and "nav atrasts" in text and "\"777\"" in text and "questions" in text
    assert all(" / " in p for p in bank.problems)  # Latvian / English


def test_a_bank_for_another_document_version_is_skipped(tmp_path):
    corpus, docs = _corpus(
        tmp_path, [row("Pakalpojuma nosaukums raksturo")], manifest='[documents]\n"900" = "' + "0" * 64 + '"\n'
    )
    bank = load_bank(corpus, docs)
    assert bank.entries == [] and "citai dokumenta versijai" in bank.problems[0]
    write_versions(corpus, docs)  # reviewed and re-tied to the document: used again
    assert len(load_bank(corpus, docs).entries) == 1
    assert file_sha256(corpus / "900_t.txt") in (corpus / "question_bank" / "manifest.toml").read_text()


def test_an_unreadable_bank_manifest_is_reported(tmp_path):
    corpus, docs = _corpus(tmp_path, [row("Pakalpojuma nosaukums raksturo")], manifest="[documents\nnot toml")
    bank = load_bank(corpus, docs)
    assert bank.problems and "manifests" in bank.problems[0]


def test_shipped_bank_is_complete_and_tied_to_the_shipped_corpus(repo_root):
    from assistant.corpus import load_documents

    docs, _ = load_documents(repo_root / "corpus")
    bank = load_bank(repo_root / "corpus", docs)
    assert bank.problems == []
    assert {e.doc_id for e in bank.entries} == {d.meta.id for d in docs}
    assert all(len(e.questions) >= 10 for e in bank.entries)
    assert bank.n_questions >= 2000


def test_every_shipped_bank_entry_routes_to_a_section_carrying_its_title(repo_root):
    from assistant.answering.route import SectionRouter
    from assistant.corpus import load_documents
    from assistant.sections import sections_of

    docs, _ = load_documents(repo_root / "corpus")
    bank = load_bank(repo_root / "corpus", docs)
    router = SectionRouter()
    router.warm_up(sections_of(docs, bank.starts()), bank.entries)
    lost = []
    for e in bank.entries:
        sec = router._entry_section(e)
        # a section split for length keeps its title with " (2)"
        if e.title and (sec is None or not (sec.title == e.title or sec.title.startswith(e.title + " ("))):
            lost.append((e.doc_id, e.title, sec and sec.title))
    assert lost == []
    assert router.bank_size == bank.n_questions  # every question found its section


def test_without_a_bank_sections_are_routed_on_their_passages():
    from assistant.answering.question import parse_question
    from assistant.answering.route import SectionRouter
    from assistant.types import Chunk, Hit

    secs = split_sections(doc(GUIDE))
    router = SectionRouter()
    router.warm_up(secs, (), None)
    s = secs[-1]
    chunk = Chunk(chunk_id="c1", doc=s.doc, title="", section=s.title, text=s.text, start=s.start, end=s.end)
    routes = router.run(parse_question("Kas jāiekļauj pakalpojumu sarakstā?"), [Hit(chunk, 3.0)])
    assert routes and routes[0].section.key == s.key
    assert routes[0].strength == pytest.approx(1.0)  # full strength on the only evidence it can have


def test_a_broken_thresholds_table_is_reported_and_defaults_are_used(tmp_path):
    from assistant.answering import thresholds as th

    before = len(th.PROBLEMS)
    bad = tmp_path / "t.toml"
    bad.write_text("[judge\nmin_support = ", encoding="utf-8")
    assert th._load(bad) == th.Thresholds()
    odd = tmp_path / "u.toml"
    odd.write_text('[judge]\nmin_support = "augsts"\nnezinams = 1\nw_cov = 0.5\n', encoding="utf-8")
    t = th._load(odd)
    assert t.min_support == th.Thresholds().min_support and t.w_cov == 0.5
    new = th.PROBLEMS[before:]
    del th.PROBLEMS[before:]
    assert len(new) == 3 and "nav nolasāma" in new[0] and "nav skaitlis" in " ".join(new) and "nezināma" in " ".join(new)


def test_the_shipped_thresholds_table_loads_without_problems():
    from assistant.answering import thresholds as th

    assert th._load() == th.THRESHOLDS and th.PROBLEMS == []


# --- the vocabulary -----------------------------------------------------------------------------------------
def test_vocabulary_brings_the_guidance_term_for_an_everyday_word():
    v = Vocabulary.from_rows(
        [
            ("pakalpojuma saņēmējs", ["klients", "apmeklētājs"]),
            ("vienotais klientu apkalpošanas centrs", ["VPVKAC", "klientu centrs"]),
        ]
    )
    assert v.expand("Ko mūsu klientiem darīt?") == "pakalpojuma saņēmējs"
    assert v.expand("kur atrodas VPVKAC") == "vienotais klientu apkalpošanas centrs"
    assert v.expand("pakalpojuma sanemejs") == ""  # the term itself: nothing to add, diacritics or not


def test_vocabulary_file_reports_bad_lines(tmp_path):
    p = tmp_path / "vocabulary.tsv"
    p.write_text("term\tvariants\tnote\npakalpojums\tserviss\t\nbez tabulācijas\n", encoding="utf-8")
    v = load_vocabulary(p)
    assert len(v.concepts) == 1 and v.problems and ":3:" in v.problems[0]


def test_an_edited_vocabulary_is_read_again(tmp_path):
    from assistant.vocabulary import VOCABULARY_FILE, get_vocabulary

    p = tmp_path / VOCABULARY_FILE
    p.write_text("term\tvariants\npakalpojuma saņēmējs\tklients\n", encoding="utf-8")
    assert get_vocabulary(tmp_path).expand("klienti") == "pakalpojuma saņēmējs"
    p.write_text("term\tvariants\npakalpojuma saņēmējs\tklients|apmeklētājs\n", encoding="utf-8")
    assert get_vocabulary(tmp_path).expand("apmeklētāji") == "pakalpojuma saņēmējs"


@pytest.mark.parametrize("missing", ["nav.tsv"])
def test_no_vocabulary_file_is_an_empty_vocabulary(tmp_path, missing):
    v = load_vocabulary(tmp_path / missing)
    assert v.concepts == [] and v.expand("klienti") == ""
