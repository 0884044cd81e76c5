"""A triage result's reply draft as an e-mail message: the one place drafts become mail.

Used by the IMAP run (APPEND to the Drafts folder with the ``\\Draft`` flag) and by anything that offers the
draft as a ``.eml`` file (:func:`eml_bytes` adds ``X-Unsent: 1``, which makes Outlook open it as a draft to
send). Nothing here sends mail.

A reply is: From the inbox address, To the sender (Reply-To when given), Subject "Re: …", In-Reply-To and
References (so it threads under the question), a UTF-8 Latvian body (the cited draft with its sources, or for a
citizen's own case the polite redirect of ``redirect_lv.txt``), and the original below it, quoted. The quote is
the *redacted* original: a draft never repeats a personal code or phone number (the original is in the mailbox
already). ``X-Paligs-Reply-Key`` carries the original's key, so a draft is never placed twice.

Example:
    original = Original.from_headers(parsed_message)
    msg = build_reply(result_dict, original, from_address="pvp@varam.gov.lv", key="3f2a…")
    if msg is not None:
        data = append_bytes(msg)            # for IMAP APPEND (CRLF)
"""

from __future__ import annotations

import datetime as dt
import email.policy
import re
import string
from dataclasses import dataclass
from email.message import EmailMessage, Message
from email.utils import format_datetime, formataddr, getaddresses, make_msgid, parsedate_to_datetime
from pathlib import Path
from typing import Any

from ..lvformat import datetime_lv
from .draft import REVIEW_NOTE, closing
from .pii import scrub

KEY_HEADER = "X-Paligs-Reply-Key"
REDIRECT_TEMPLATE = Path(__file__).with_name("redirect_lv.txt")
# a quoted original longer than this is cut (the whole message is in the mailbox)
MAX_QUOTE_CHARS = 20_000
# RFC 5322 ids: printable ASCII without angle brackets or spaces
_MSGID_RE = re.compile(r"<[!-;=?-~]+>")
_REPLY_PREFIX_RE = re.compile(r"^\s*(?:re|atb|aw|sv|ответ)\s*(?:\[\d+\])?\s*:", re.IGNORECASE)
_SEND_POLICY = email.policy.SMTP.clone(max_line_length=78)


def _one_line(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value or "")).strip()


def message_ids(value: str) -> list[str]:
    """The well-formed ``<id>`` tokens of a header value, in order, without repeats."""
    return list(dict.fromkeys(_MSGID_RE.findall(value or "")))


@dataclass(frozen=True)
class Original:
    """What a reply needs from the message it answers (header values, decoded, one line each)."""

    message_id: str = ""
    references: str = ""
    in_reply_to: str = ""
    subject: str = ""
    sender: str = ""
    reply_to: str = ""
    date: str = ""

    @classmethod
    def from_headers(cls, msg: Message) -> Original:
        """From a parsed message (headers only is enough); broken headers give empty values, never an error."""

        def get(name: str) -> str:
            try:
                return _one_line(msg.get(name, ""))
            except Exception:  # noqa: BLE001 - a header the e-mail package cannot decode: leave it out
                return ""

        ids = message_ids(get("message-id"))
        return cls(
            message_id=ids[0] if ids else "",
            references=get("references"),
            in_reply_to=get("in-reply-to"),
            subject=get("subject"),
            sender=get("from"),
            reply_to=get("reply-to"),
            date=get("date"),
        )


def reply_kind(result: dict[str, Any]) -> str | None:
    """``"answer"`` (a cited draft), ``"redirect"`` (a citizen's own case) or None (a person writes the reply).

    No draft for rows that could not be read, for suspected prompt injection, or when triage made none.
    """
    if (
        result.get("error")
        or result.get("route") in ("error", "security")
        or result.get("injection_suspected")
    ):
        return None
    if result.get("draft_reply"):
        return "answer"
    if "citizen_redirect" in (result.get("reasons") or []):
        return "redirect"
    return None


def redirect_text(organisation: str | None = None) -> str:
    """The redirect letter for citizens' own cases (``redirect_lv.txt``, reviewed like code), signed with
    ``organisation`` (``settings.organisation``) when given."""
    template = string.Template(REDIRECT_TEMPLATE.read_text(encoding="utf-8"))
    return template.substitute(review_note=REVIEW_NOTE, closing=closing(organisation)).strip()


def reply_subject(subject: str) -> str:
    subject = _one_line(subject)
    if not subject:
        return "Re: Jūsu vēstule"
    return subject if _REPLY_PREFIX_RE.match(subject) else f"Re: {subject}"


def _recipients(original: Original) -> list[str]:
    out = []
    for name, addr in getaddresses([original.reply_to or original.sender]):
        if "@" in addr and not re.search(r"[\s<>]", addr):
            out.append(formataddr((name, addr)))
    return out


def _attribution(original: Original) -> str:
    who = ""
    for name, addr in getaddresses([original.sender]):
        who = name or addr
        break
    when = original.date
    try:
        when = datetime_lv(parsedate_to_datetime(when)) if when else ""  # dd.mm.gggg HH:MM, Riga time
    except (TypeError, ValueError, IndexError):
        pass  # an unreadable date is shown as it was written
    head = ", ".join(x for x in (when, who) if x)
    return f"{head} rakstīja:" if head else "Sākotnējais ziņojums:"


def quoted(text: str, original: Original) -> str:
    """The original below the reply: an attribution line, then every line with "> "."""
    text = (text or "").replace("\r\n", "\n").strip()
    cut = len(text) > MAX_QUOTE_CHARS
    if cut:
        text = text[:MAX_QUOTE_CHARS]
    lines = [_attribution(original)]
    lines += [(">" if not line else "> " + line) for line in text.split("\n")]
    if cut:
        lines.append("> [… citāts saīsināts; pilns ziņojums ir pastkastē]")
    return "\n".join(lines)


def reply_body(result: dict[str, Any], original: Original, kind: str | None = None) -> str | None:
    """The Latvian text of the draft (the reply, then the quoted, redacted original); None when no draft."""
    kind = kind or reply_kind(result)
    if kind == "answer":
        reply = str(result.get("draft_reply") or "").strip()
    elif kind == "redirect":
        reply = redirect_text()
    else:
        return None
    # the quote is the redacted original (the redaction API of the triage: a draft never repeats a code or a
    # phone number), scrubbed once more for runs of digits
    quote = quoted(scrub(str(result.get("body_redacted") or "")), original)
    return f"{reply}\n\n{quote}\n"


def build_reply(
    result: dict[str, Any],
    original: Original,
    *,
    from_address: str = "",
    key: str = "",
    now: dt.datetime | None = None,
) -> EmailMessage | None:
    """The reply draft for one triage result (the JSONL contract dict), or None when it gets no draft."""
    kind = reply_kind(result)
    body = reply_body(result, original, kind)
    if body is None:
        return None
    msg = EmailMessage()
    sender = _one_line(from_address)
    if sender:
        msg["From"] = sender
    to = _recipients(original)
    if to:
        msg["To"] = ", ".join(to)
    msg["Subject"] = reply_subject(original.subject or str(result.get("subject_redacted") or ""))
    msg["Date"] = format_datetime(now or dt.datetime.now().astimezone())
    domain = sender.rpartition("@")[2].strip("<> ") if "@" in sender else "paligs.invalid"
    msg["Message-ID"] = make_msgid(domain=re.sub(r"[^A-Za-z0-9.-]", "", domain) or "paligs.invalid")
    if original.message_id:
        msg["In-Reply-To"] = original.message_id
    # References: the original's own references (or its In-Reply-To), then the original; the last 20 ids
    refs = message_ids(original.references) or message_ids(original.in_reply_to)[:1]
    if original.message_id:
        refs.append(original.message_id)
    refs = list(dict.fromkeys(refs))[-20:]
    if refs:
        msg["References"] = " ".join(refs)
    if key:
        msg[KEY_HEADER] = key
    msg.set_content(body, charset="utf-8", cte="quoted-printable")
    return msg


def append_bytes(msg: EmailMessage) -> bytes:
    """The draft as IMAP APPEND wants it (CRLF line ends); the ``\\Draft`` flag is set on APPEND."""
    return msg.as_bytes(policy=_SEND_POLICY)


def eml_bytes(msg: EmailMessage) -> bytes:
    """The draft as a ``.eml`` file: ``X-Unsent: 1`` makes Outlook open it as an unsent draft to check and send."""
    return b"X-Unsent: 1\r\n" + append_bytes(msg)
