import pytest

from assistant.textnorm import (
    INBOX_ENCODINGS,
    clean_input,
    decode_bytes,
    fold,
    folded_tokens,
    has_diacritics,
    tokens,
)


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


# ---------------------------------------------------------------- bytes → text (corpus, linter and inbox share it)
LV = "Pakalpojumu pārvaldība: ņemiet vērā ģimenes, šķēršļus un žurnālus."
RU = "Здравствуйте, как назвать услугу?"


@pytest.mark.parametrize(
    ("raw", "kwargs", "text", "guessed"),
    [
        (LV.encode("utf-8"), {}, LV, None),
        (b"\xef\xbb\xbf" + LV.encode("utf-8"), {}, LV, None),
        (LV.encode("utf-16"), {}, LV, None),
        (LV.encode("cp1257"), {}, LV, "cp1257"),
        (LV.encode("cp1257"), {"declared": "cp1257"}, LV, None),
        (LV.encode("cp1257"), {"declared": "x-nonsense"}, LV, "cp1257"),
        (RU.encode("koi8_r"), {"legacy": INBOX_ENCODINGS}, RU, "koi8_r"),
        (RU.encode("cp1251"), {"legacy": INBOX_ENCODINGS}, RU, "cp1251"),
        (LV.encode("cp1257"), {"legacy": INBOX_ENCODINGS}, LV, "cp1257"),
    ],
)
def test_decode_bytes(raw: bytes, kwargs: dict, text: str, guessed: str | None) -> None:
    assert decode_bytes(raw, **kwargs) == (text, guessed)


def test_decode_bytes_never_raises() -> None:
    text, guessed = decode_bytes(bytes(range(256)) * 3)
    assert isinstance(text, str) and len(text) >= 256 and guessed
