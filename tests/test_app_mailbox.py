"""The Iesūtne tab's "Ielādēt no pastkastes" against the Dovecot test server (no browser): the button shows only
when a mailbox is configured, the handler fills the same table as an upload and lists the drafts placed."""

from __future__ import annotations

import email.policy
import os
from email.message import EmailMessage

import pytest

from assistant.config import Settings
from assistant.errors import MailboxError
from webui import mailbox


def citizen_mail(n: int) -> bytes:
    m = EmailMessage()
    m["From"] = f"Iedzīvotājs {n} <iedz{n}@example.lv>"
    m["Subject"] = f"Pabalsts {n}"
    m["Message-ID"] = f"<pabalsts{n}@example.lv>"
    m["Date"] = "Mon, 02 Mar 2026 10:00:00 +0200"
    m.set_content(f"Labdien! Kad man izmaksās pabalstu? Gaidu jau {n} mēnešus.")
    return m.as_bytes(policy=email.policy.SMTP)


def put(srv, user: str, *messages: bytes) -> None:
    c = srv.client(user)
    for m in messages:
        c.append("INBOX", m)
    c.logout()


def settings_for(srv, user: str, tmp_path, **kw) -> Settings:
    return Settings(data_dir=tmp_path / "data", imap_from="pvp@varam.gov.lv", **srv.settings(user, **kw))


def blocks_by_id(demo) -> dict:
    return {getattr(b, "elem_id", None): b for b in demo.blocks.values() if getattr(b, "elem_id", None)}


def handler(demo, name: str):
    for f in demo.fns.values():
        if getattr(f.fn, "__name__", "") == name:
            return f.fn
    raise AssertionError(f"no handler {name}")


def test_button_only_when_a_mailbox_is_configured(tmp_path):
    from webui.app import build_app

    plain = blocks_by_id(build_app(Settings(data_dir=tmp_path)))
    assert plain["pp-mailbox"].visible is False
    configured = Settings(data_dir=tmp_path, imap_host="imap.iestade.lv", imap_user="pvp@varam.gov.lv")
    shown = blocks_by_id(build_app(configured))
    assert shown["pp-mailbox"].visible is True and "pp-mailbox-drafts" in shown
    assert shown["pp-mailbox"].value == "Ielādēt no pastkastes"


def test_handler_fills_the_table_and_lists_the_drafts(dovecot, tmp_path):
    from webui.app import build_app

    user = f"web-{os.getpid()}"
    put(dovecot, user, citizen_mail(1), citizen_mail(2))
    demo = build_app(settings_for(dovecot, user, tmp_path))
    load = handler(demo, "mailbox_load")
    out = load(progress=lambda *a, **k: None)
    summary, _table, rows, *_rest, drafts_md = out  # the Iesūtne outputs, then the drafts list
    assert [r["id"] for r in rows] == ["INBOX:1", "INBOX:2"] and all(r["route"] == "redirect" for r in rows)
    assert "**2** jauni ziņojumi, **2** sašķiroti" in summary and "**2** ziņojumi" in summary
    assert "Melnraksti mapē Drafts" in drafts_md and "Ievietoti: **2**" in drafts_md
    assert "Re: Pabalsts 1" in drafts_md and "ievietots" in drafts_md
    # the second click: nothing new, the table stays as it was, the summary says so
    again = load(progress=lambda *a, **k: None)
    assert "**0** jauni ziņojumi" in again[0] and "Jaunu melnrakstu" in again[-1]


def test_mailbox_errors_are_latvian(dovecot, tmp_path):
    s = settings_for(dovecot, f"web-err-{os.getpid()}", tmp_path, imap_password="nepareizi")
    with pytest.raises(MailboxError) as exc:
        mailbox.load_from_mailbox(s)
    assert "pieteikšanās" in exc.value.lv and "nepareizi" not in exc.value.lv


@pytest.mark.parametrize(
    ("n", "text"), [(1, "**1** jauns ziņojums"), (11, "**11** jauni ziņojumi"), (21, "**21** jauns ziņojums")]
)
def test_summary_agrees_in_number(n, text):
    from assistant.triage.imap import MailboxReport

    assert text in mailbox.summary_markdown(MailboxReport(mailbox="m", folder="INBOX", new=n))
