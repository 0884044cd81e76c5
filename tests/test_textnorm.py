import pytest

from assistant.textnorm import clean_input, fold, folded_tokens, has_diacritics, tokens


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Pakalpojumu pārvaldība", "pakalpojumu parvaldiba"),
        ("KONSULTĀCIJAS", "konsultacijas"),
        ("Ģimenes ķēniņš Ļoti Ņipri Žēl", "gimenes kenins loti nipri zel"),
        ("starpiestāžu", "starpiestazu"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_tokens_keep_hyphenated_compounds():
    assert tokens("Kas ir d-pakalpojums un e‑pakalpojums?") == ["kas", "ir", "d-pakalpojums", "un", "e-pakalpojums"]


def test_folded_tokens_and_diacritics():
    assert folded_tokens("Vai konsultācijas ir pakalpojums") == ["vai", "konsultacijas", "ir", "pakalpojums"]
    assert has_diacritics("pārvaldība") and not has_diacritics("parvaldiba")


def test_clean_input_strips_control_and_truncates():
    assert clean_input("a\x00b\t\n  c\u200b") == "a b c"
    assert len(clean_input("vārds " * 1000, max_chars=50)) <= 50
