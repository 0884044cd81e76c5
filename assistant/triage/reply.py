"""Reply drafts as e-mail messages: a .eml file staff open in Outlook (or another mail program) to check and send.

The message is marked as unsent (``X-Unsent: 1``, which Outlook opens as an editable draft) and carries the
threading headers of the original (``In-Reply-To``, ``References``), so the reply lands in the same conversation.
Nothing is sent from here.

Example:
    msg = build_reply(to="Anna Ozola <anna@pasvaldiba.lv>", subject="Jautājums par e-pakalpojumu",
                      body="Labdien! …", from_addr="pvp@varam.gov.lv", in_reply_to="<abc@pasvaldiba.lv>")
    Path("atbilde.eml").write_bytes(bytes(msg))
"""

from __future__ import annotations

import re
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid, parseaddr

_RE_PREFIX = re.compile(r"^\s*(?:re|atb|aw|sv)\s*(?:\[\d+\])?\s*:\s*", re.IGNORECASE)


def _now_riga():  # the reply's Date header in Latvian time
    import datetime as dt

    try:
        from zoneinfo import ZoneInfo

        return dt.datetime.now(ZoneInfo("Europe/Riga"))
    except Exception:  # noqa: BLE001 - no tz database
        return dt.datetime.now(dt.UTC)


def reply_subject(subject: str) -> str:
    """ "Re: <subject>" once (an existing "Re:"/"Atb:" is not doubled)."""
    subject = re.sub(r"\s+", " ", subject or "").strip()
    if _RE_PREFIX.match(subject):
        subject = _RE_PREFIX.sub("", subject, count=1)
    return f"Re: {subject}" if subject else "Re: Jūsu vēstule"


def build_reply(
    *,
    to: str,
    subject: str,
    body: str,
    from_addr: str = "",
    from_name: str = "",
    in_reply_to: str = "",
    references: str = "",
) -> EmailMessage:
    """An unsent reply (plain text, UTF-8) addressed to the sender of the original message."""
    msg = EmailMessage()
    name, addr = parseaddr(to or "")
    if addr:
        msg["To"] = formataddr((name, addr)) if name else addr
    if from_addr:
        msg["From"] = formataddr((from_name, from_addr)) if from_name else from_addr
    msg["Subject"] = reply_subject(subject)
    msg["Date"] = format_datetime(_now_riga())
    msg["Message-ID"] = make_msgid(domain=(from_addr.rpartition("@")[2] or None) if from_addr else None)
    original = (in_reply_to or "").strip()
    if original:
        msg["In-Reply-To"] = original
        refs = " ".join(x for x in ((references or "").strip(), original) if x)
        msg["References"] = refs
    msg["X-Unsent"] = "1"  # Outlook: open as a draft to edit and send
    msg["Content-Language"] = "lv"
    msg.set_content((body or "").replace("\r\n", "\n"), charset="utf-8")
    return msg


def eml_file_name(message_id: str) -> str:
    """A safe file name for a reply to the message with this id ("atbilde_<id>.eml")."""
    stem = re.sub(r"[^\w.-]+", "_", message_id or "", flags=re.UNICODE).strip("._")[:60] or "zinojums"
    return f"atbilde_{stem}.eml"
