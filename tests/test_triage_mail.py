"""Reading the inbox: .eml (MIME, HTML, charsets, attachments), .mbox, .msg, CSV/JSONL, folders, bad input."""

from __future__ import annotations

import datetime as dt
import json
import mailbox
from email.message import EmailMessage
from pathlib import Path

from assistant.triage.mail import analysis_text, load_inputs


def make_eml(
    subject="Jautājums par nosaukumu",
    body="Labdien! Kā nosaukt pakalpojumu?",
    html=None,
    attachment=None,
    date="Mon, 02 Mar 2026 10:00:00 +0200",
    charset="utf-8",
) -> bytes:
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = "Anna <anna@iestade.gov.lv>"
    msg["To"] = "konsultacijas@varam.gov.lv"
    if date:
        msg["Date"] = date
    msg.set_content(body, charset=charset)
    if html:
        msg.add_alternative(html, subtype="html")
    if attachment:
        msg.add_attachment(b"PK\x03\x04fake", maintype="application", subtype="zip", filename=attachment)
    return msg.as_bytes()


def test_eml_plain_with_attachment(tmp_path: Path):
    p = tmp_path / "a.eml"
    p.write_bytes(make_eml(attachment="saraksts.xlsx"))
    msgs, problems = load_inputs([p])
    assert problems == []
    m = msgs[0]
    assert m.id == "a" and m.subject == "Jautājums par nosaukumu"
    assert "nosaukt pakalpojumu" in m.body
    assert m.date == dt.date(2026, 3, 2)
    assert [a.filename for a in m.attachments] == ["saraksts.xlsx"]
    assert m.attachments[0].size > 0


def test_eml_html_only_body(tmp_path: Path):
    msg = EmailMessage()
    msg["Subject"] = "HTML"
    msg.set_content(
        "<html><body><p>Kas ir <b>PLVN</b>?</p><script>alert(1)</script></body></html>", subtype="html"
    )
    p = tmp_path / "h.eml"
    p.write_bytes(msg.as_bytes())
    m = load_inputs([p])[0][0]
    assert "Kas ir" in m.body and "PLVN" in m.body and "alert" not in m.body and "<b>" not in m.body


def test_eml_windows_1257_and_unknown_charset(tmp_path: Path):
    raw = (
        b"Subject: Test\nContent-Type: text/plain; charset=windows-1257\nContent-Transfer-Encoding: 8bit\n\n"
    ) + "Pakalpojuma līmeņa vienošanās".encode("cp1257")
    (tmp_path / "w.eml").write_bytes(raw)
    raw2 = b"Subject: X\nContent-Type: text/plain; charset=x-nonsense-42\n\nLabdien, kas ir e-pakalpojums?"
    (tmp_path / "u.eml").write_bytes(raw2)
    msgs, problems = load_inputs([tmp_path])
    by_id = {m.id: m for m in msgs}
    assert "līmeņa vienošanās" in by_id["w"].body
    assert "e-pakalpojums" in by_id["u"].body
    assert problems == []


def test_unknown_or_missing_charset_with_non_ascii_text_is_detected(tmp_path: Path):
    lv = "Labdien! Kā jāveido pakalpojuma nosaukums?"
    ru = "Здравствуйте, как назвать услугу?"
    (tmp_path / "lv.eml").write_bytes(
        b"Subject: X\nContent-Type: text/plain; charset=x-nonsense-42\nContent-Transfer-Encoding: 8bit\n\n"
        + lv.encode("cp1257")
    )
    (tmp_path / "ru.eml").write_bytes(
        b"Subject: Y\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n" + ru.encode("koi8_r")
    )
    msgs, problems = load_inputs([tmp_path])
    by_id = {m.id: m.body.strip() for m in msgs}
    assert by_id == {"lv": lv, "ru": ru} and problems == []


def test_broken_and_empty_eml_give_error_rows(tmp_path: Path):
    (tmp_path / "empty.eml").write_bytes(b"")
    (tmp_path / "ok.eml").write_bytes(make_eml())
    msgs, problems = load_inputs([tmp_path])
    assert [m.id for m in msgs] == ["empty", "ok"]
    assert msgs[0].error_lv and "empty" in msgs[0].error_en
    assert not msgs[1].error_lv
    assert len(problems) == 1


def test_mbox(tmp_path: Path):
    box = mailbox.mbox(str(tmp_path / "inbox.mbox"))
    box.add(make_eml(subject="Pirmais"))
    box.add(make_eml(subject="Otrais", date=None))
    box.flush()
    box.close()
    msgs, _ = load_inputs([tmp_path / "inbox.mbox"])
    assert [m.subject for m in msgs] == ["Pirmais", "Otrais"]
    assert [m.id for m in msgs] == ["inbox#1", "inbox#2"]
    assert msgs[1].date is None


def test_not_a_msg_file(tmp_path: Path):
    p = tmp_path / "fake.msg"
    p.write_text("this is not an Outlook message", encoding="utf-8")
    msgs, problems = load_inputs([p])
    assert len(msgs) == 1 and msgs[0].error_lv and ".msg" in msgs[0].error_en
    assert problems[0].id == "fake"


def test_csv_and_jsonl(tmp_path: Path):
    (tmp_path / "a.csv").write_text(
        'id,subject,body,from,date\n1,Nosaukums,"Kā nosaukt?",x@y.lv,2026-03-02\n'
        "2,Katalogs,Kur ir katalogs?,,02.03.2026\n",
        encoding="utf-8",
    )
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "j1", "subject": "S", "body": "B"})
        + "\n{broken\n"
        + json.dumps({"id": "j3", "foo": "bar"})
        + "\n",
        encoding="utf-8",
    )
    msgs, problems = load_inputs([tmp_path / "a.csv", tmp_path / "b.jsonl"])
    assert [m.id for m in msgs] == ["1", "2", "j1", "b:2", "j3"]
    assert msgs[1].date == dt.date(2026, 3, 2)
    assert msgs[3].error_lv and msgs[4].error_lv and not msgs[2].error_lv
    assert len(problems) == 2


def test_csv_wrong_columns_one_error_row_per_line(tmp_path: Path):
    (tmp_path / "bad.csv").write_text("nr;teema;x\n1;a;b\n2;c;d\n", encoding="utf-8")
    msgs, _ = load_inputs([tmp_path / "bad.csv"])
    assert len(msgs) == 2 and all(m.error_lv for m in msgs)
    assert "subject" in msgs[0].error_en and "teema" in msgs[0].error_en


def test_csv_unclosed_quote_is_an_error_row_that_keeps_the_text(tmp_path: Path):
    (tmp_path / "q.csv").write_text('id,subject,body\n1,"vaļējs,x\n2,ok,Vai PLVN?\n', encoding="utf-8")
    msgs, problems = load_inputs([tmp_path / "q.csv"])
    assert len(msgs) == 1 and "unclosed quote" in msgs[0].error_en and len(problems) == 1
    assert "Vai PLVN?" in msgs[0].subject  # the swallowed line is still there for the person


def test_binary_file_named_eml_is_an_error_row(tmp_path: Path):
    (tmp_path / "x.eml").write_bytes(b"Subject: a\n\n" + bytes(range(256)) * 20)
    msgs, problems = load_inputs([tmp_path / "x.eml"])
    assert len(msgs) == 1 and "binary" in msgs[0].error_en and problems[0].id == "x"


def test_missing_path_and_unsupported_file(tmp_path: Path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    msgs, problems = load_inputs([tmp_path / "nope.eml", tmp_path / "x.pdf"])
    assert len(msgs) == 2 and all(m.error_lv for m in msgs) and len(problems) == 2


def test_huge_message_is_an_error_row_not_a_crash(tmp_path: Path):
    p = tmp_path / "big.eml"
    big = make_eml(body="Labdien! " + "x" * 10) + b"\n" + b"A" * (26 * 1024 * 1024)
    p.write_bytes(big)
    msgs, _ = load_inputs([p])
    assert len(msgs) == 1 and "too large" in msgs[0].error_en


def test_twenty_mb_body_is_processed_truncated(tmp_path: Path):
    p = tmp_path / "long.eml"
    p.write_bytes(make_eml(body="Kā nosaukt pakalpojumu? " + "teksts " * (20 * 1024 * 1024 // 7 - 10)))
    m = load_inputs([p])[0][0]
    assert not m.error_lv and m.truncated


def test_analysis_text_trims_quotes_and_signature():
    body = (
        "Labdien!\nKā nosaukt pakalpojumu?\n\nAr cieņu,\nAnna Bērziņa\ntālr. 29123456\n\n"
        "On Mon, 2 Mar 2026 at 10:00, VARAM wrote:\n> Iepriekšējā atbilde\n"
    )
    t = analysis_text(body)
    assert "Kā nosaukt" in t and "Anna" not in t and "Iepriekšējā" not in t and "29123456" not in t
    quoted = "Paldies!\n\n-----Original Message-----\nFrom: x\nSent: y\nVecais teksts"
    assert analysis_text(quoted) == "Paldies!"


def test_a_pretty_printed_json_object_is_one_message(tmp_path: Path):
    rec = {"id": "p1", "subject": "Nosaukums", "body": "Kā nosaukt pakalpojumu?", "date": "2026-03-02"}
    (tmp_path / "one.json").write_text(json.dumps(rec, ensure_ascii=False, indent=2), encoding="utf-8")
    msgs, problems = load_inputs([tmp_path / "one.json"])
    assert [m.id for m in msgs] == ["p1"] and not problems
    assert msgs[0].body == "Kā nosaukt pakalpojumu?" and msgs[0].date == dt.date(2026, 3, 2)


def test_a_pretty_printed_json_array_is_its_records(tmp_path: Path):
    recs = [{"id": "a", "subject": "S1", "body": "B1"}, {"id": "b", "subject": "S2", "body": "B2"}]
    for name in ("arr.json", "arr.jsonl"):
        (tmp_path / name).write_text(json.dumps(recs, indent=2), encoding="utf-8")
        msgs, problems = load_inputs([tmp_path / name])
        assert [m.id for m in msgs] == ["a", "b"] and not problems and not any(m.error_lv for m in msgs)


def test_a_broken_pretty_printed_json_is_one_error_row(tmp_path: Path):
    (tmp_path / "bad.json").write_text('{\n  "id": "x",\n  "body": "Kā?"\n', encoding="utf-8")
    msgs, problems = load_inputs([tmp_path / "bad.json"])
    assert len(msgs) == 1 and len(problems) == 1
    assert "JSON nav derīgs" in msgs[0].error_lv and "invalid JSON" in msgs[0].error_en
