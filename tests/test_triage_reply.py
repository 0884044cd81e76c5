"""Reply drafts as e-mail messages (assistant/triage/reply.py): headers, body, redirect template, .eml."""

from __future__ import annotations

import datetime as dt
import email
import email.policy

import pytest

from assistant.triage.draft import CLOSING, REVIEW_NOTE
from assistant.triage.reply import (
    KEY_HEADER,
    MAX_QUOTE_CHARS,
    Original,
    append_bytes,
    build_reply,
    eml_bytes,
    redirect_text,
    reply_kind,
    reply_subject,
)

ANSWER = {
    "id": "m1",
    "route": "answer",
    "reasons": [],
    "draft_reply": f"{REVIEW_NOTE}\n\nLabdien!\n\nPLVN ir obligāti [1].\n\nAvoti:\n[1] Vadlīnijas, PLVN\n\n{CLOSING}",
    "body_redacted": "Labdien!\nVai PLVN ir obligāti? Tālr. [tālrunis]",
    "subject_redacted": "PLVN",
}
CITIZEN = {"id": "m2", "route": "redirect", "reasons": ["citizen_redirect"], "draft_reply": None,
           "body_redacted": "Kad izmaksās pabalstu? p.k. [personas kods]"}  # fmt: skip


def parsed(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)


def original(**kw) -> Original:
    base = {"message_id": "<q1@iestade.lv>", "subject": "PLVN", "sender": "Anna Ozola <anna@iestade.lv>",
            "date": "Mon, 02 Mar 2026 10:00:00 +0200"}  # fmt: skip
    base.update(kw)
    return Original(**base)


def test_reply_headers_thread_under_the_question():
    o = original(references="<a@x> <b@x>")
    msg = build_reply(ANSWER, o, from_address="pvp@varam.gov.lv", key="k1", now=dt.datetime(2026, 3, 3, 9, 0))
    m = parsed(append_bytes(msg))
    assert m["From"] == "pvp@varam.gov.lv" and m["To"] == "Anna Ozola <anna@iestade.lv>"
    assert m["Subject"] == "Re: PLVN" and m["In-Reply-To"] == "<q1@iestade.lv>"
    assert m["References"] == "<a@x> <b@x> <q1@iestade.lv>" and m[KEY_HEADER] == "k1"
    assert m["Message-ID"].endswith("@varam.gov.lv>") and m["Date"].startswith("Tue, 03 Mar 2026 09:00:00")
    assert m.get_content_type() == "text/plain" and m.get_content_charset() == "utf-8"
    assert m["X-Unsent"] is None  # only the .eml file carries it
    assert b"\r\n" in append_bytes(msg) and b"\n\n" not in append_bytes(msg).replace(b"\r\n", b"")


def test_body_is_the_cited_draft_then_the_redacted_quote():
    text = build_reply(ANSWER, original(), from_address="pvp@varam.gov.lv").get_content()
    reply, _, quote = text.partition("02.03.2026 10:00, Anna Ozola rakstīja:\n")
    assert reply.startswith(REVIEW_NOTE) and "Avoti:\n[1]" in reply and CLOSING in reply
    assert quote == "> Labdien!\n> Vai PLVN ir obligāti? Tālr. [tālrunis]\n"


def test_reply_to_wins_and_a_bad_sender_gives_no_recipient():
    msg = build_reply(ANSWER, original(reply_to="Birojs <birojs@iestade.lv>"))
    assert msg["To"] == "Birojs <birojs@iestade.lv>" and msg["From"] is None  # no inbox address set
    assert build_reply(ANSWER, original(sender="nav adreses"))["To"] is None


def test_redirect_template_for_citizens_without_their_personal_code():
    text = build_reply(CITIZEN, original(subject="Pabalsts")).get_content()
    assert text.startswith(REVIEW_NOTE) and "kompetencē" in text and "latvija.gov.lv" in text
    assert "$" not in redirect_text() and CLOSING in redirect_text()
    assert "> Kad izmaksās pabalstu? p.k. [personas kods]" in text


@pytest.mark.parametrize(
    ("row", "kind"),
    [
        (ANSWER, "answer"),
        (CITIZEN, "redirect"),
        ({**ANSWER, "route": "security", "injection_suspected": True}, None),
        ({**CITIZEN, "injection_suspected": True}, None),  # never a reply to a suspected injection
        ({"route": "error", "error": "bojāts", "reasons": ["error"]}, None),
        ({"route": "review", "reasons": ["not_answerable"], "draft_reply": None}, None),
    ],
)
def test_which_rows_get_a_draft(row, kind):
    assert reply_kind(row) == kind
    assert (build_reply(row, original()) is None) == (kind is None)


@pytest.mark.parametrize(
    ("subject", "expected"),
    [("PLVN", "Re: PLVN"), ("Re: PLVN", "Re: PLVN"), ("ATB: PLVN", "ATB: PLVN"), ("Fwd: PLVN", "Re: Fwd: PLVN"),
     ("", "Re: Jūsu vēstule"), ("Pakalpojumu\n  saraksts", "Re: Pakalpojumu saraksts")],
)  # fmt: skip
def test_subject(subject, expected):
    assert reply_subject(subject) == expected


def test_odd_headers_never_break_the_draft():
    o = Original.from_headers(
        email.message_from_bytes(
            b"From: =?bogus?q?x?= <not an address>\r\nSubject: Jaut\xc4\x81jums\r\n"
            b"Message-ID: broken id without brackets\r\nReferences: <ok@x> junk <also ok@x>\r\n\r\nx",
            policy=email.policy.default,
        )
    )
    assert o.message_id == "" and o.subject == "Jautājums"
    msg = build_reply(ANSWER, o, key="k")
    m = parsed(append_bytes(msg))
    assert m["In-Reply-To"] is None and m["References"] == "<ok@x>" and m["Subject"] == "Re: Jautājums"


def test_long_originals_are_cut_in_the_quote():
    long_row = {**ANSWER, "body_redacted": "vārds " * (MAX_QUOTE_CHARS // 3)}
    text = build_reply(long_row, original()).get_content()
    assert "[… citāts saīsināts" in text and len(text) < MAX_QUOTE_CHARS + 5_000


def test_eml_file_opens_as_an_unsent_draft():
    data = eml_bytes(build_reply(ANSWER, original(), from_address="pvp@varam.gov.lv"))
    m = parsed(data)
    assert m["X-Unsent"] == "1" and m["Subject"] == "Re: PLVN" and "Avoti:" in m.get_content()
