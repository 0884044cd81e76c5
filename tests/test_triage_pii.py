"""Personal data: codes (old + new), phones, e-mails, addresses; redaction and draft scrubbing."""

from __future__ import annotations

import itertools

import pytest

from assistant.triage.pii import check_old_code, find_in_text, redact, scrub

W = (1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def valid_code(prefix: str) -> str:
    c = (1101 - sum(int(d) * w for d, w in zip(prefix, W))) % 11
    assert c < 10
    return prefix + str(c)


def test_checksum_valid_and_invalid():
    good = valid_code("1203891234")
    assert check_old_code(good)
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    assert not check_old_code(bad)
    assert not check_old_code("3113891234" + "0")  # 31 November does not exist


@pytest.mark.parametrize(
    "text,value",
    [
        ("Mans personas kods ir 120389-12345.", "120389-12345"),  # bad checksum: still personal data
        ("p.k. 321234-56789", "321234-56789"),  # new format
        ("kods 32123456789 lūdzu", "32123456789"),
        ("kods 120389 12346", "120389 12346"),
        ("Код 010100-11112", "010100-11112"),
        ("p.k. 120389 - 12345", "120389 - 12345"),
    ],
)
def test_personal_codes_recall(text, value):
    found = [p for p in find_in_text(text) if p.type == "personal_code"]
    assert [p.value for p in found] == [value]


def test_company_number_is_not_a_personal_code():
    assert not [p for p in find_in_text("Reģ. Nr. 40003245752") if p.type == "personal_code"]


@pytest.mark.parametrize(
    "text,value",
    [
        ("tālr. 29123456", "29123456"),
        ("zvaniet +371 67 026 500", "+371 67 026 500"),
        ("mob. 2612-3456.", "2612-3456"),
        ("tel. 00371 29123456", "00371 29123456"),
        ("phone +44 20 7946 0958", "+44 20 7946 0958"),
        ("Tel. +370 612 34567", "+370 612 34567"),
        ("(+371) 29123456", "(+371) 29123456"),
    ],
)
def test_phones(text, value):
    assert [p.value for p in find_in_text(text) if p.type == "phone"] == [value]


def test_dates_and_regulation_numbers_are_not_phones():
    t = "MK 2017. gada 4. jūlija noteikumi Nr. 399, 04.07.2017., termiņš 10 darba dienas"
    assert find_in_text(t) == []


def test_email_and_address():
    t = "Rakstiet uz janis.berzins@inbox.lv vai Brīvības iela 55-12, Rīga, LV-1010."
    kinds = {(p.type, p.value) for p in find_in_text(t)}
    assert ("email", "janis.berzins@inbox.lv") in kinds
    assert ("address", "Brīvības iela 55-12, Rīga, LV-1010") in kinds


def test_address_without_diacritics_and_inflected():
    assert [p.type for p in find_in_text("dzivoju brivibas iela 5 dz. 3")] == ["address"]
    assert [p.type for p in find_in_text("Smilšu ielā 12 ir birojs")] == ["address"]


def test_redact_replaces_every_finding():
    t = "Kods 120389-12345, tālr. 29123456, e-pasts a.b@c.lv"
    out = redact(t)
    assert "120389" not in out and "29123456" not in out and "a.b@c.lv" not in out
    assert "[personas kods]" in out and "[tālrunis]" in out and "[e-pasts]" in out


def test_scrub_removes_long_digit_runs_but_keeps_dates():
    out = scrub("kods 1203 8912 345 un MK 04.07.2017. noteikumi Nr. 399")
    assert "8912" not in out
    assert "04.07.2017." in out and "399" in out


def test_masked_value_in_output_hides_digits():
    p = find_in_text("kods 120389-12345")[0]
    assert p.to_dict()["value"] == "*" * 11
    assert p.to_dict(redact=False)["value"] == "120389-12345"


def test_overlapping_matches_are_dropped_in_any_order():
    # an e-mail holding digits and a phone next to it: each character belongs to one finding only
    text = "raksti 29123456@iestade.lv vai zvani 29123457, kods 120389-12345"
    found = find_in_text(text)
    spans = sorted((p.start, p.end) for p in found)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))
    assert [p.type for p in found] == ["email", "phone", "personal_code"]


def test_many_findings_in_a_long_body_take_seconds_not_minutes():
    import time

    body = (
        "Zvaniet 29123456 vai rakstiet a.b@iestade.lv, kods 120389-12345. " * 17_000
    )  # ~1.1 MB, 51k findings
    t = time.perf_counter()
    found = find_in_text(body)
    took = time.perf_counter() - t
    assert len(found) == 3 * 17_000
    assert took < 10, took  # the quadratic overlap check took minutes on this
    assert "29123456" not in redact(body, found)
