"""OCR repair and diacritic restoration (documents 000/001 and questions typed without diacritics)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.diacritics import get_restorer
from assistant.textnorm import fold

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def restorer():
    return get_restorer()


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("pakalpojumu parvaldiba", "pakalpojumu pārvaldība"),
        ("NepiecieSamas", "Nepieciešamās"),
        ("veik$anas", "veikšanas"),
        ("planoSanas dokumenti", "plānošanas dokumenti"),
        ("sanéméji", "saņēmēji"),
        ("TstenoSanas", "īstenošanas"),
        ("lestazu iesaiste", "Iestāžu iesaiste"),
        ("starpiestazu pakalpojumi", "starpiestāžu pakalpojumi"),
        ("apdraudgjumi", "apdraudējumi"),
        # letters the scanner added: a doubled letter, or one split off a letter with a diacritic
        ("Vvalsts", "Valsts"),
        ("redgionalas", "reģionālās"),
        ("pasdvaldiba", "pašvaldībā"),
        ("Informéacija", "Informācija"),
        # ... but a real word one letter shorter is not the reading: the token stays as scanned
        ("samazina parvaldamo pakalpojumu skaitu", "samazina parvaldamo pakalpojumu skaitu"),
        ("neparzino$as", "nepārzinošas"),  # found through hunspell-lv, with the scanner's $ read as š
        # a form missing from the generated word list (a participle) is found through hunspell-lv's suggestions
        ("istenotas", "īstenotas"),
        # ... and a reading found only through letter edits must be a word hunspell-lv accepts (the word list
        # also holds unmunch artefacts such as "īstenoies")
        ("iesaistitie", "iesaistītie"),
    ],
)
def test_ocr_repair_words(restorer, ocr, expected):
    text, offsets = restorer.repair_ocr(ocr)
    assert fold(text) == fold(expected)
    assert text.lower() == expected.lower()
    assert len(offsets) == len(text)


def test_ocr_repair_keeps_numbers_and_layout(restorer):
    src = "TieSsaistes konsultacijas\nkatru ceturtdienu 15:00-17:00\n\npvp@varam.gov.lv"
    text, offsets = restorer.repair_ocr(src)
    assert "15:00-17:00" in text and "\n\n" in text
    assert text.startswith("Tiešsaistes konsultācijas")
    # every cleaned character points at a character of the original, in order
    assert all(0 <= o < len(src) for o in offsets)
    assert list(offsets) == sorted(offsets)


def test_ocr_document_mostly_restored(restorer):
    src = (REPO / "corpus" / "000_b16ae0898c84ec93.txt").read_text(encoding="utf-8")[:6000]
    text, _ = restorer.repair_ocr(src)
    assert "$" not in text
    words = [w for w in text.split() if w.isalpha() and len(w) > 3]
    with_dia = sum(1 for w in words if fold(w) != w.lower())
    assert with_dia / len(words) > 0.35  # OCR text had almost none
    for w in ("pārvaldības", "īstenošana", "nepieciešamība", "attīstības"):
        assert w in text


@pytest.mark.parametrize(
    ("typed", "restored"),
    [
        ("kads ir pakalpojumu vides pilnveides merkis", "kāds ir pakalpojumu vides pilnveides mērķis"),
        ("kas ir pakalpojuma limenis", "kas ir pakalpojuma līmenis"),
        ("Ko nosaka iestades attistibas plans", "Ko nosaka iestādes attīstības plāns"),
    ],
)
def test_question_restoration(restorer, typed, restored):
    assert restorer.restore_text(typed) == restored


def test_restoration_trusts_words_that_have_diacritics(restorer):
    assert restorer.restore_text("Kā sauc pakalpojumu?") == "Kā sauc pakalpojumu?"
    assert restorer.restore_text("") == ""
    assert restorer.restore_text("xyzzy 123") == "xyzzy 123"


def test_lexicon_is_generated_from_hunspell_files(tmp_path):
    from assistant.diacritics import Lexicon, build_lexicon

    aff = tmp_path / "t.aff"
    dic = tmp_path / "t.dic"
    aff.write_text("SET UTF-8\n\nSFX A Y 2\nSFX A 0 s .\nSFX A 0 m .\n", encoding="utf-8")
    dic.write_text("3\nmērķi/A\npārvaldība\nkas\n", encoding="utf-8")
    stats = build_lexicon(tmp_path / "lex.sqlite", dic=dic, aff=aff)
    assert stats["forms"] >= 4
    lex = Lexicon(tmp_path / "lex.sqlite")
    assert lex.get("merkis") == "mērķis" and lex.get("merkim") == "mērķim"
    assert lex.get("parvaldiba") == "pārvaldība" and lex.get("kas") == "kas"
    assert lex.get("nekas") is None


def test_restorer_without_lexicon_falls_back_to_hunspell_suggestions():
    from assistant.diacritics import Lexicon, Restorer

    r = Restorer(Lexicon(None))
    r.add_vocabulary(["Pakalpojuma līmenis ir svarīgs."])
    assert r.restore_text("pakalpojuma limenis") == "pakalpojuma līmenis"  # from the clean vocabulary
    assert r.restore_word("kads") == "kāds"  # from hunspell's suggestions


def test_word_list_artefacts_with_double_vowels_are_never_chosen(restorer):
    # unmunch lists forms like "nodrošināas"; Latvian words have no doubled vowels
    text, _ = restorer.repair_ocr("nodrosinamas")
    assert "aa" not in fold(text)


def test_cleaned_ocr_cache_is_keyed_by_lexicon_and_vocabulary(tmp_path, monkeypatch):
    """A text repaired without the generated lexicon must not be served once the lexicon is there."""
    from assistant import corpus, diacritics
    from assistant.diacritics import Restorer
    from assistant.types import DocMeta

    lexicon = diacritics.get_lexicon()  # the shared one (before the cache folder moves to tmp_path)
    monkeypatch.setenv("PALIGS_CACHE_DIR", str(tmp_path))
    meta = DocMeta(id="x", source_file="x.txt", title="x", issuer="", year=None, kind="", language="lv", notes="",
                   ocr=True)
    calls: list[str] = []
    real_clean = corpus.clean_text

    def counting_clean(text, *, ocr):
        calls.append(diacritics.get_restorer().cache_tag())
        return real_clean(text, ocr=ocr)

    monkeypatch.setattr(corpus, "clean_text", counting_clean)
    no_lexicon = Restorer(None)
    no_lexicon.add_vocabulary(["Pakalpojumu pārvaldība."])
    monkeypatch.setattr(diacritics, "_RESTORER", no_lexicon)
    assert corpus._clean_cached("pakalpojumu parvaldiba kads", meta)[0] == "pakalpojumu pārvaldība kads"
    assert corpus._clean_cached("pakalpojumu parvaldiba kads", meta)[0] == "pakalpojumu pārvaldība kads"
    assert len(calls) == 1  # the second call came from the cache

    with_lexicon = Restorer(lexicon)
    with_lexicon.add_vocabulary(["Pakalpojumu pārvaldība."])
    monkeypatch.setattr(diacritics, "_RESTORER", with_lexicon)
    assert with_lexicon.cache_tag() != no_lexicon.cache_tag()
    assert corpus._clean_cached("pakalpojumu parvaldiba kads", meta)[0] == "pakalpojumu pārvaldība kāds"
    assert len(calls) == 2

    other_vocab = Restorer(lexicon)
    other_vocab.add_vocabulary(["Cits teksts."])
    assert other_vocab.cache_tag() != with_lexicon.cache_tag()


def test_missing_lexicon_tools_warn_once(tmp_path, monkeypatch, caplog):
    from assistant import diacritics

    monkeypatch.setenv("PALIGS_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(diacritics, "_LEXICON", None)
    monkeypatch.setattr(diacritics.shutil, "which", lambda name: None)  # no unmunch
    with caplog.at_level("WARNING", logger="assistant.diacritics"):
        lex = diacritics.get_lexicon()
        assert diacritics.get_lexicon() is lex
    assert lex.path is None and lex._hs is not None  # the hunspell fallback
    warnings = [r for r in caplog.records if "leksikonu nevar izveidot" in r.getMessage()]
    assert len(warnings) == 1 and "lexicon" in warnings[0].getMessage()
