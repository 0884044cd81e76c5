"""Chunking and lexical normalisation (unit tests, no models)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.chunking import MAX_WORDS, chunk_document, n_words
from assistant.corpus import load_documents
from assistant.stemming import analyze, get_stemmer, stem
from assistant.textnorm import fold
from assistant.types import DocMeta, Document

REPO = Path(__file__).resolve().parent.parent


def _doc(text: str, title: str = "Tests") -> Document:
    return Document(meta=DocMeta(id="t", source_file="t.txt", title=title), text=text, original=text,
                    offsets=tuple(range(len(text))))


@pytest.fixture(scope="session")
def corpus_chunks():
    docs, _ = load_documents(REPO / "corpus")
    return docs, {d.meta.source_file: chunk_document(d) for d in docs}


def test_sizes_and_ids(corpus_chunks):
    docs, by_doc = corpus_chunks
    all_chunks = [c for cs in by_doc.values() for c in cs]
    words = [n_words(c.text) for c in all_chunks]
    assert max(words) <= MAX_WORDS
    assert sum(20 <= w <= 180 for w in words) / len(words) > 0.8
    assert len({c.chunk_id for c in all_chunks}) == len(all_chunks)
    # ids are content hashes: chunking again gives the same ids
    again = chunk_document(docs[2])
    assert [c.chunk_id for c in again] == [c.chunk_id for c in by_doc[docs[2].meta.source_file]]


def test_original_spans_point_at_the_text(corpus_chunks):
    docs, by_doc = corpus_chunks
    for d in docs:
        for c in by_doc[d.meta.source_file]:
            assert 0 <= c.orig_start < c.orig_end <= len(d.original)
            assert c.title == d.meta.title and c.section
            if not d.meta.ocr:  # clean documents: the chunk's first words are in its original span
                first = c.text.split("\n")[0].lstrip("•- #").split()[:3]
                span = fold(d.original[c.orig_start : c.orig_end])
                assert all(fold(w) in span for w in first), (c.chunk_id, first)


def test_numbered_sections_become_section_headings(corpus_chunks):
    _, by_doc = corpus_chunks
    sections = {c.section for c in by_doc["003_51bd7cabbcc1cabc.txt"]}
    assert "2.1. Jēdzienu skaidrojums" in sections
    assert any(s.startswith("3.2.1.") for s in sections)
    md = {c.section for c in by_doc["004_76cbbb9530a7da20.txt"]}
    assert "Pakalpojumu pārvaldība" in md


def test_bullet_list_stays_with_its_lead_in():
    lead = "Pakalpojumus veido iestādes, atbilstoši šādiem kritērijiem un nosacījumiem:"
    filler = " ".join(["Pakalpojumu pārvaldība ir iestādes darbs."] * 12)
    text = f"{filler}\n\n{lead}\n\n  • savām funkcijām\n  • attīstības plāniem\n  • saņēmēju vajadzībām\n"
    chunks = chunk_document(_doc(text))
    holder = [c for c in chunks if "savām funkcijām" in c.text]
    assert len(holder) == 1 and lead in holder[0].text and "saņēmēju vajadzībām" in holder[0].text


def test_long_block_is_split_and_no_chunk_is_too_long():
    sentence = "Pakalpojuma turētājs nodrošina pakalpojuma pieejamību visām sabiedrības grupām. "
    chunks = chunk_document(_doc(sentence * 120))
    assert len(chunks) > 3
    assert all(n_words(c.text) <= MAX_WORDS for c in chunks)


def test_markdown_headings_and_boilerplate():
    slide = "Vides aizsardzības un\nreģionālās attīstības\nministrija\n\n# {t}\n\n{b}\n\n"
    text = "".join(slide.format(t=f"Slaids {i}", b=f"Saturs numur {i} par pakalpojumiem un katalogu.") for i in range(6))
    chunks = chunk_document(_doc(text))
    assert all("ministrija" not in c.text for c in chunks)  # repeated ministry header dropped
    assert chunks[0].section == "Slaids 0"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("pakalpojums", "pakalpojumu"),
        ("Pakalpojumiem", "pakalpojuma"),
        ("iestāde", "iestāžu"),
        ("iestādes", "iestazu"),
        ("pārvaldība", "parvaldibas"),
        ("nodrošināšana", "nodrosinasanas"),
        ("līmenis", "limena"),
    ],
)
def test_stem_conflates_inflections_and_missing_diacritics(a, b):
    assert stem(a) == stem(b)


def test_stem_keeps_different_words_apart():
    assert stem("pakalpojums") != stem("pārvaldība")
    assert stem("katalogs") != stem("kvalitāte")


def test_analyze_drops_stop_words_and_splits_compounds():
    terms = analyze("Kas ir e-pakalpojums un d-pakalpojums?")
    assert "kas" not in terms and "ir" not in terms
    assert stem("pakalpojums") in terms and "e-pakalpojum" in terms


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("fold", ["pakalpojumiem", "parvaldiba", "limenis"]),
        ("suffix", ["pakalpojum", "parvaldib", "limen"]),
        ("prefix6", ["pakalp", "parval", "limeni"]),
        ("suffix+prefix6", ["pakalp", "parval", "limen"]),
    ],
)
def test_stemmer_options_give_these_stems(name, expected):
    f = get_stemmer(name)
    assert [f(w) for w in ("Pakalpojumiem", "pārvaldībā", "Līmenis")] == expected
    # any case, with or without diacritics: the same stem
    assert [f(w) for w in ("PAKALPOJUMIEM", "PARVALDIBA", "limenis")] == expected


def test_unknown_stemmer_is_refused():
    with pytest.raises(ValueError):
        get_stemmer("nope")
