"""Reading the consultation inbox: .eml, .mbox, Outlook .msg, folders, CSV and JSONL exports.

Every input item becomes one :class:`Message`. An item that cannot be read still becomes a
:class:`Message` with ``error`` set (and an :class:`InputProblem`), so a batch never loses a row.
Attachments are listed (name, type, size), never opened or run.

Example:
    messages, problems = load_inputs(["inbox/"]); messages[0].subject
"""

from __future__ import annotations

import csv
import datetime as dt
import email
import email.policy
import io
import json
import logging
import mailbox
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..jsonsafe import JSONLineError, clean_text, loads_line
from ..limits import Limits, check_regular, default_limits, read_file_limited
from ..textnorm import INBOX_ENCODINGS
from ..textnorm import decode_bytes as _decode_bytes

log = logging.getLogger(__name__)

# one message larger than this (raw bytes) is not parsed: a person opens it
MAX_MESSAGE_BYTES = 25 * 1024 * 1024
# text beyond this many characters is not analysed (the row says so)
MAX_ANALYSIS_CHARS = 200_000

MAIL_SUFFIXES = {".eml", ".mbox", ".msg", ".csv", ".jsonl", ".json", ".txt", ".mbx"}


@dataclass(frozen=True)
class Attachment:
    """An attachment as listed in the message (never opened)."""

    filename: str
    content_type: str
    size: int

    def to_dict(self) -> dict[str, Any]:
        return {"filename": self.filename, "content_type": self.content_type, "size": self.size}


@dataclass
class Message:
    """One inbox item. ``date`` is the received date (None when missing or unreadable)."""

    id: str
    subject: str = ""
    body: str = ""
    sender: str = ""
    date: dt.date | None = None
    date_raw: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    source: str = ""
    error_lv: str = ""
    error_en: str = ""
    truncated: bool = False
    message_id: str = ""  # the Message-ID header (a reply's In-Reply-To / References)
    references: str = ""  # the References header, kept for threading the reply

    @property
    def error(self) -> str:
        return f"{self.error_lv} / {self.error_en}" if self.error_lv else ""


@dataclass(frozen=True)
class InputProblem:
    """An item that could not be read (it still has an error row in the output)."""

    source: str
    id: str
    lv: str
    en: str

    def message(self) -> str:
        return f"{self.source}: {self.lv} / {self.en}"


# ---------------------------------------------------------------- text helpers


def html_to_text(html: str) -> str:
    """Visible text of an HTML body (scripts and styles dropped)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "head"]):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    text = soup.get_text("\n")
    text = re.sub(r"[ \t\xa0]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


# what the inbox's Latvian, Russian and English mail comes in when it is not UTF-8 (detection over every codec
# reads short Latvian cp1257 text as mac_iceland and KOI8-R as cp932)


def decode_bytes(data: bytes, charset: str | None = None) -> str:
    """Decode with the declared charset, else detect among the inbox code pages (``textnorm``); never raises."""
    return _decode_bytes(data, declared=charset, legacy=INBOX_ENCODINGS)[0]


_QUOTE_HEAD_RE = re.compile(
    r"^\s*(?:-{2,}\s*(?:original message|oriģinālais ziņojums|originalais zinojums|исходное сообщение|"
    r"forwarded message|pārsūtītais ziņojums)\s*-{2,}"
    r"|(?:on|am)\s.{3,80}\s(?:wrote|schrieb):\s*$"
    r"|.{3,120}\s(?:rakstīja|rakstija|написал|написала|wrote):\s*$"
    r"|(?:from|no|sūtītājs|sutitajs|от):\s.+\n\s*(?:sent|nosūtīts|nosutits|datums|date|отправлено):)",
    re.IGNORECASE | re.MULTILINE,
)
_SIGNATURE_RE = re.compile(
    r"^\s*(?:--\s*$|ar cieņu|ar cienu|ar labiem vēlējumiem|ar labiem velejumiem|ar sveicieniem|"
    r"best regards|kind regards|regards,|sincerely|с уважением|всего доброго|sent from my)",
    re.IGNORECASE | re.MULTILINE,
)


def analysis_text(body: str) -> str:
    """The body without quoted replies, forwarded history and the signature (for analysis only)."""
    text = body[:MAX_ANALYSIS_CHARS]
    m = _QUOTE_HEAD_RE.search(text)
    if m and m.start() > 0:
        text = text[: m.start()]
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))
    m = _SIGNATURE_RE.search(text)
    if m and m.start() > 20:
        text = text[: m.start()]
    return text.strip()


_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%Y.", "%d/%m/%Y", "%Y.%m.%d", "%Y.%m.%d.")


def _day(moment: dt.datetime) -> dt.date:
    """The calendar day of a moment in Riga (a moment with its time zone); a time without one, as written."""
    from ..lvformat import riga_today

    if moment.tzinfo is None:
        return moment.date()
    try:
        return riga_today(moment)
    except OverflowError:  # the last hours of year 9999: no Riga day to move to
        return moment.date()


def parse_date(raw: Any) -> dt.date | None:
    """ISO date/datetime, DD.MM.YYYY or an RFC 2822 header date; None when unreadable. A moment with a time zone
    ("Sun, 01 Mar 2026 23:30:00 +0000") gives the day in Riga (2 March): the day the inbox received it."""
    if raw is None:
        return None
    if isinstance(raw, dt.datetime):
        return _day(raw)
    if isinstance(raw, dt.date):
        return raw
    s = str(raw).strip()
    if not s:
        return None
    try:
        return _day(dt.datetime.fromisoformat(s))
    except ValueError:
        pass
    head = s.split()[0].rstrip(",") if s else s
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(head, fmt).date()
        except ValueError:
            continue
    try:
        d = parsedate_to_datetime(s)
        return _day(d) if d else None
    except (TypeError, ValueError, IndexError):
        return None


# ---------------------------------------------------------------- MIME


def _error_message(source: str, id_: str, lv: str, en: str) -> tuple[Message, InputProblem]:
    return Message(id=id_, source=source, error_lv=lv, error_en=en), InputProblem(source, id_, lv, en)


def _part_text(part: Any) -> str:
    if part.get_param("charset") is None and part.get_content_maintype() == "text":
        # no declared charset: the e-mail package would read 8-bit text as ASCII and replace every non-ASCII
        # letter with U+FFFD; decode the bytes ourselves (UTF-8, else detected)
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and not payload.isascii():
            return decode_bytes(payload, None)
    try:
        content = part.get_content()
        if isinstance(content, bytes):
            return decode_bytes(content, part.get_content_charset())
        return str(content)
    except (LookupError, UnicodeError, AssertionError, KeyError, ValueError):
        payload = part.get_payload(decode=True) or b""
        return decode_bytes(payload, None)


def message_from_email(msg: EmailMessage, id_: str, source: str) -> Message:
    """Turn a parsed e-mail into a :class:`Message` (body: plain text preferred, else HTML as text)."""
    subject = str(msg.get("subject", "") or "")
    sender = str(msg.get("from", "") or "")
    date_raw = str(msg.get("date", "") or "")
    body = ""
    attachments: list[Attachment] = []
    try:
        body_part = msg.get_body(preferencelist=("plain", "html"))
    except Exception:  # noqa: BLE001 - broken MIME structure
        body_part = None
    if body_part is not None:
        text = _part_text(body_part)
        body = html_to_text(text) if body_part.get_content_type() == "text/html" else text
    elif not msg.is_multipart():
        payload = msg.get_payload(decode=True) or b""
        body = decode_bytes(payload, msg.get_content_charset())
        if msg.get_content_type() == "text/html":
            body = html_to_text(body)
    try:
        for part in msg.iter_attachments():
            if part is body_part:
                continue
            filename = part.get_filename() or ""
            ctype = part.get_content_type()
            if not filename and ctype.startswith("text/") and part.get_content_disposition() != "attachment":
                continue  # an alternative body part, not an attachment
            raw = part.get_payload(decode=True) or b""
            attachments.append(Attachment(clean_text(filename or "(bez nosaukuma)"), ctype, len(raw)))
    except Exception as exc:  # noqa: BLE001 - a broken part must not lose the message
        log.debug("attachment listing stopped: %s", type(exc).__name__)
    message = Message(
        id=id_,
        subject=clean_text(_clean_header(subject)),
        body=clean_text(body.replace("\r\n", "\n")),
        sender=clean_text(_clean_header(sender)),
        date=parse_date(date_raw),
        date_raw=date_raw,
        attachments=attachments,
        source=source,
    )
    message.message_id = _clean_header(str(msg.get("message-id", "") or ""))
    message.references = _clean_header(str(msg.get("references", "") or ""))
    return _truncate(message)


def _clean_header(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def _truncate(message: Message) -> Message:
    if len(message.body) > MAX_ANALYSIS_CHARS:
        message.truncated = True
    return message


def parse_eml_bytes(data: bytes, id_: str, source: str, *, max_bytes: int = MAX_MESSAGE_BYTES) -> Message:
    """Parse raw RFC 822 bytes; never raises (broken input gives an error row)."""
    if len(data) > max_bytes:
        return Message(
            id=id_,
            source=source,
            error_lv=f"ziņojums ir pārāk liels ({len(data) / (1024 * 1024):.3g} MB; robeža "
            f"{max_bytes / (1024 * 1024):.3g} MB, iestatījums max_input_mb), to jāatver cilvēkam",
            error_en=f"message too large ({len(data) / (1024 * 1024):.3g} MB; limit "
            f"{max_bytes / (1024 * 1024):.3g} MB, setting max_input_mb), a person must open it",
        )
    if not data.strip():
        return Message(id=id_, source=source, error_lv="tukšs ziņojums", error_en="empty message")
    if b"\x00" in data[:8192]:
        # e-mail is text (binary attachments are base64): NUL bytes mean some other, binary file
        return Message(
            id=id_,
            source=source,
            error_lv="fails nav e-pasta ziņojums (binārs saturs)",
            error_en="the file is not an e-mail message (binary content)",
        )
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        return message_from_email(msg, id_, source)  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001 - any parser failure becomes an error row
        return Message(
            id=id_,
            source=source,
            error_lv=f"ziņojumu nevar nolasīt (bojāts MIME: {type(exc).__name__})",
            error_en=f"cannot read the message (broken MIME: {type(exc).__name__})",
        )


# ---------------------------------------------------------------- file readers


def _read_eml(path: Path, limits: Limits) -> Iterable[tuple[Message, InputProblem | None]]:
    m = parse_eml_bytes(read_file_limited(path, limits), path.stem, str(path), max_bytes=limits.max_input_bytes)
    yield m, (InputProblem(str(path), m.id, m.error_lv, m.error_en) if m.error_lv else None)


def _read_mbox(path: Path, limits: Limits) -> Iterable[tuple[Message, InputProblem | None]]:
    read_file_limited(path, limits, max_bytes=limits.max_input_bytes)  # size and kind checked before parsing
    box = mailbox.mbox(str(path), create=False)
    try:
        keys = list(box.keys())[: limits.max_input_lines + 1]
        if not keys:
            yield _error_message(
                str(path), path.stem, "mbox failā nav neviena ziņojuma", "no messages in the mbox file"
            )
            return
        for i, key in enumerate(keys, 1):
            id_ = f"{path.stem}#{i}"
            if i > limits.max_input_lines:
                yield _too_many(path, id_, limits)
                return
            try:
                data = box.get_bytes(key)
            except Exception as exc:  # noqa: BLE001
                yield _error_message(
                    str(path), id_, f"ziņojumu nevar nolasīt ({exc})", f"cannot read ({exc})"
                )
                continue
            m = parse_eml_bytes(data, id_, str(path))
            yield m, (InputProblem(str(path), id_, m.error_lv, m.error_en) if m.error_lv else None)
    finally:
        box.close()


def _read_msg(path: Path, limits: Limits) -> Iterable[tuple[Message, InputProblem | None]]:
    read_file_limited(path, limits)  # size and kind checked before the OLE reader opens it
    try:
        import extract_msg

        msg = extract_msg.openMsg(str(path))
    except Exception:  # noqa: BLE001 - not an OLE file, truncated, encrypted...
        yield _error_message(
            str(path),
            path.stem,
            "fails nav derīgs Outlook .msg ziņojums (to nevar nolasīt)",
            "the file is not a valid Outlook .msg message (cannot read it)",
        )
        return
    try:
        body = msg.body or ""
        if not body.strip() and getattr(msg, "htmlBody", None):
            html = msg.htmlBody
            body = html_to_text(html.decode("utf-8", "replace") if isinstance(html, bytes) else html)
        attachments = []
        for att in getattr(msg, "attachments", []) or []:
            name = (
                getattr(att, "longFilename", None) or getattr(att, "shortFilename", None) or "(bez nosaukuma)"
            )
            data = getattr(att, "data", b"")
            size = len(data) if isinstance(data, (bytes, bytearray)) else 0
            attachments.append(Attachment(str(name), str(getattr(att, "mimetype", "") or ""), size))
        date_raw = str(getattr(msg, "date", "") or "")
        m = Message(
            id=path.stem,
            subject=_clean_header(str(msg.subject or "")),
            body=str(body).replace("\r\n", "\n"),
            sender=_clean_header(str(msg.sender or "")),
            date=parse_date(getattr(msg, "date", None)),
            date_raw=date_raw,
            attachments=attachments,
            source=str(path),
        )
        yield _truncate(m), None
    except Exception as exc:  # noqa: BLE001
        yield _error_message(
            str(path),
            path.stem,
            f".msg saturu nevar nolasīt ({type(exc).__name__})",
            f"cannot read the .msg content ({type(exc).__name__})",
        )
    finally:
        try:
            msg.close()
        except Exception as exc:  # noqa: BLE001
            log.debug(".msg close failed: %s", type(exc).__name__)


_COLUMN_ALIASES = {
    "id": ("id", "nr", "numurs", "message_id"),
    "subject": ("subject", "temats", "tēma", "tema"),
    "body": ("body", "text", "teksts", "saturs", "ziņa", "zina", "message"),
    "from": ("from", "sender", "sūtītājs", "sutitajs", "no"),
    "date": ("date", "datums", "received", "saņemts", "sanemts"),
}


def _map_columns(columns: Iterable[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for col in columns:
        key = (col or "").strip().lower().lstrip("\ufeff")
        for canon, aliases in _COLUMN_ALIASES.items():
            if key in aliases and canon not in mapping:
                mapping[canon] = col
    return mapping


def _record_message(rec: dict[str, Any], mapping: dict[str, str], default_id: str, source: str) -> Message:
    def get(name: str) -> str:
        col = mapping.get(name)
        val = rec.get(col) if col is not None else None
        return "" if val is None else clean_text(str(val))  # a lone surrogate escape ("\ud800") becomes U+FFFD

    id_ = get("id").strip() or default_id
    date_raw = get("date")
    m = Message(
        id=id_,
        subject=_clean_header(get("subject")),
        body=get("body").replace("\r\n", "\n"),
        sender=_clean_header(get("from")),
        date=parse_date(date_raw),
        date_raw=date_raw,
        source=source,
    )
    if not m.subject.strip() and not m.body.strip():
        m.error_lv, m.error_en = (
            "tukšs ziņojums (nav ne temata, ne teksta)",
            "empty message (no subject, no body)",
        )
    return _truncate(m)


def _too_many(path: Path, id_: str, limits: Limits) -> tuple[Message, InputProblem]:
    n = limits.max_input_lines
    return _error_message(
        str(path),
        id_,
        f"failā ir vairāk nekā {n} ierakstu; tālākie nav nolasīti: sadaliet failu (iestatījums max_input_lines)",
        f"the file has more than {n} records; the rest were not read: split the file (setting max_input_lines)",
    )


def _read_csv(path: Path, limits: Limits) -> Iterable[tuple[Message, InputProblem | None]]:
    raw = read_file_limited(path, limits)
    text = decode_bytes(raw, "utf-8-sig")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    # newline="": a bare CR ends a record like CRLF and LF do (instead of stopping the reader), quoted ones stay
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    mapping = _map_columns(reader.fieldnames or [])
    if "body" not in mapping and "subject" not in mapping:
        cols = ", ".join(reader.fieldnames or []) or "(nav)"
        lv = f"CSV failā nav kolonnu 'subject' vai 'body' (ir: {cols}); gaidītas: id, subject, body, from, date"
        en = f"the CSV has no 'subject' or 'body' column (found: {cols}); expected: id, subject, body, from, date"
        rows = list(reader)
        if not rows:
            yield _error_message(str(path), path.stem, lv, en)
        for i, _row in enumerate(rows, 1):
            yield _error_message(str(path), f"{path.stem}:{i}", lv, en)
        return
    last: tuple[int, dict[str, Any]] | None = None
    for i, rec in enumerate(reader, 1):
        if i > limits.max_input_lines:
            if last is not None:
                yield _csv_row(path, mapping, *last)
            yield _too_many(path, f"{path.stem}:{i}", limits)
            return
        if last is not None:
            yield _csv_row(path, mapping, *last)
        last = (i, rec)
    if last is None:  # a header without records, or an empty file: one row says so
        yield _error_message(str(path), path.stem, "CSV failā nav neviena ieraksta", "the CSV file has no records")
        return
    if last is not None:
        # an unclosed quote makes the csv module swallow every following line into the last row: say so
        quote = getattr(dialect, "quotechar", '"') or '"'
        merged = text.count(quote) % 2 == 1 and any("\n" in str(v) for v in last[1].values() if v)
        yield _csv_row(path, mapping, *last, merged=merged)


def _csv_row(
    path: Path, mapping: dict[str, str], i: int, rec: dict[str, Any], *, merged: bool = False
) -> tuple[Message, InputProblem | None]:
    m = _record_message(rec, mapping, f"{path.stem}:{i}", str(path))
    if merged and not m.error_lv:
        m.error_lv = f"CSV failā neaizvērtas pēdiņas: {i}. ierakstā ir saplūdušas visas tālākās rindas; izlabojiet failu"
        m.error_en = f"unclosed quote in the CSV: record {i} swallowed all the following lines; fix the file"
    return m, (InputProblem(str(path), m.id, m.error_lv, m.error_en) if m.error_lv else None)


def _read_jsonl(path: Path, limits: Limits) -> Iterable[tuple[Message, InputProblem | None]]:
    text = decode_bytes(read_file_limited(path, limits), "utf-8-sig")
    stripped = text.strip()
    if not stripped:  # an empty file still gets a row: nothing is silently skipped
        yield _error_message(str(path), path.stem, "fails ir tukšs", "the file is empty")
        return
    # the whole text first: one (pretty-printed) object is one record, an array is the records;
    # JSON Lines fail here at the second line ("Extra data") and are read line by line below
    whole: Any = None
    whole_error: json.JSONDecodeError | None = None
    try:
        whole = json.loads(stripped, parse_constant=_no_constant) if stripped else None
    except json.JSONDecodeError as exc:
        whole_error = exc
    except (ValueError, RecursionError):  # NaN, deep nesting: read line by line below
        whole = None
    if whole is not None and _json_depth(whole) > limits.max_json_depth + 1:
        whole = None
    lines: list[tuple[int, Any]]
    if isinstance(whole, list):
        lines = [(i, r) for i, r in enumerate(whole, 1)]
    elif isinstance(whole, dict):
        lines = [(1, whole)]
    else:
        lines = []
        # "\n" only: str.splitlines() also breaks at \x0b, \x1c, U+2028 ..., inside a line's JSON strings
        physical = text.split("\n")
        if physical and physical[-1].strip() == "":
            physical.pop()
        for i, line in enumerate(physical, 1):
            if i > limits.max_input_lines:
                lines.append((i, _LimitHit()))
                break
            if not line.strip():
                lines.append((i, JSONLineError("rinda ir tukša", "the line is empty")))
                continue
            if len(line.encode("utf-8", "surrogatepass")) > limits.max_line_bytes:
                kb = limits.max_line_bytes // 1024
                lines.append((i, JSONLineError(f"garāka par {kb} KB, iestatījums max_line_kb",
                                               f"longer than {kb} KB, setting max_line_kb")))
                continue
            try:
                lines.append((i, loads_line(line, max_depth=limits.max_json_depth)))
            except JSONLineError as exc:
                lines.append((i, exc))
        broken_document = stripped.startswith("[") or (
            path.suffix.lower() == ".json" and lines and all(isinstance(r, Exception) for _, r in lines)
        )
        if whole_error is not None and broken_document:
            # a broken array or a broken pretty-printed object: one error for the file, not one per line
            e = whole_error
            yield _error_message(
                str(path),
                path.stem,
                f"JSON nav derīgs ({e.msg}, {e.lineno}. rinda)",
                f"invalid JSON ({e.msg}, line {e.lineno})",
            )
            return
    for i, rec in lines:
        default_id = f"{path.stem}:{i}"
        if isinstance(rec, _LimitHit) or i > limits.max_input_lines:
            yield _too_many(path, default_id, limits)
            return
        if isinstance(rec, JSONLineError) and rec.lv == "rinda ir tukša":
            yield _error_message(str(path), default_id, f"{i}. rinda ir tukša", f"line {i} is empty")
            continue
        if isinstance(rec, Exception):
            lv, en = (rec.lv, rec.en) if isinstance(rec, JSONLineError) else ("nav derīgs JSON", "not valid JSON")
            yield _error_message(
                str(path), default_id, f"{i}. rinda nav derīgs JSON ({lv})", f"line {i} is not valid JSON ({en})"
            )
            continue
        if not isinstance(rec, dict):
            yield _error_message(
                str(path), default_id, f"{i}. rinda nav JSON objekts", f"line {i} is not a JSON object"
            )
            continue
        mapping = _map_columns(rec.keys())
        if "body" not in mapping and "subject" not in mapping:
            id_ = str(rec.get(mapping.get("id", "id"), "") or default_id)
            yield _error_message(
                str(path),
                id_,
                f"{i}. rindā nav lauku 'subject' vai 'body'",
                f"line {i} has no 'subject' or 'body' field",
            )
            continue
        m = _record_message(rec, mapping, default_id, str(path))
        yield m, (InputProblem(str(path), m.id, m.error_lv, m.error_en) if m.error_lv else None)


class _LimitHit(Exception):
    """Marks the line past ``max_input_lines``."""


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def _json_depth(obj: Any) -> int:
    from ..jsonsafe import depth

    return depth(obj)


def _sniff_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".eml", ".txt"):
        return "eml"
    if suffix in (".mbox", ".mbx"):
        return "mbox"
    if suffix == ".msg":
        return "msg"
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".json", ".ndjson"):
        return "jsonl"
    try:
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError:
        return ""
    if head.startswith(b"From "):
        return "mbox"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "msg"
    if re.match(rb"(?i)^(?:[\w-]+:\s)", head):
        return "eml"
    return ""


_READERS = {"eml": _read_eml, "mbox": _read_mbox, "msg": _read_msg, "csv": _read_csv, "jsonl": _read_jsonl}


def read_path(path: Path, limits: Limits | None = None) -> Iterable[tuple[Message, InputProblem | None]]:
    """Messages of one file (error rows for what cannot be read, is not a regular file or is over a limit)."""
    limits = limits or default_limits()
    try:
        check_regular(path)  # a FIFO or a device is refused before it is opened (it would block or never end)
    except InputError as exc:
        yield _error_message(str(path), path.name, exc.lv, exc.en)
        return
    kind = _sniff_kind(path)
    reader = _READERS.get(kind)
    if reader is None:
        yield _error_message(
            str(path),
            path.name,
            f"neatbalstīts faila veids '{path.suffix or path.name}' (der .eml, .mbox, .msg, .csv, .jsonl)",
            f"unsupported file type '{path.suffix or path.name}' (use .eml, .mbox, .msg, .csv, .jsonl)",
        )
        return
    try:
        yield from reader(path, limits)
    except InputError as exc:  # over a limit, not a regular file
        yield _error_message(str(path), path.stem, exc.lv, exc.en)
    except OSError as exc:
        yield _error_message(
            str(path),
            path.stem,
            f"failu nevar nolasīt ({exc.strerror})",
            f"cannot read file ({exc.strerror})",
        )
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        yield _error_message(
            str(path),
            path.stem,
            f"failu nevar nolasīt ({type(exc).__name__})",
            f"cannot read file ({type(exc).__name__})",
        )


def load_inputs(
    paths: Iterable[str | Path], limits: Limits | None = None
) -> tuple[list[Message], list[InputProblem]]:
    """Read files and folders (recursively, sorted). Every item gives one message (maybe an error row).
    Only regular files are read (a FIFO or device named as an input gets an error row; in a folder it is
    left out), each within the input limits (``assistant.limits``)."""
    limits = limits or default_limits()
    messages: list[Message] = []
    problems: list[InputProblem] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and not f.name.startswith("."))
        elif path.exists() or path.is_symlink():
            files = [path]
        else:
            m, prob = _error_message(
                str(path), path.name, f"fails '{path}' nav atrasts", f"file '{path}' not found"
            )
            messages.append(m)
            problems.append(prob)
            continue
        for f in files:
            for m, prob in read_path(f, limits):
                messages.append(m)
                if prob is not None:
                    problems.append(prob)
    _dedupe_ids(messages)
    return messages, problems


def _dedupe_ids(messages: list[Message]) -> None:
    seen: dict[str, int] = {}
    for m in messages:
        if m.id in seen:
            seen[m.id] += 1
            m.id = f"{m.id}~{seen[m.id]}"
        else:
            seen[m.id] = 1


def messages_from_records(records: Iterable[dict[str, Any]]) -> list[Message]:
    """Messages from already-parsed dicts ({"id", "subject", "body", "from"?, "date"?})."""
    out = []
    for i, rec in enumerate(records, 1):
        out.append(_record_message(rec, _map_columns(rec.keys()), str(i), "records"))
    return out
