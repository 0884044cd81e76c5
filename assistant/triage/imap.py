"""The consultation mailbox over IMAP: triage the new messages, put reply drafts back. Never sends anything.

One run (:class:`MailboxTriage`): connect (implicit TLS or STARTTLS, certificates always checked, the system CA
store or ``imap_ca_file``; a password or an OAuth2 access token through XOAUTH2), open the folder read-only
(``EXAMINE``: nothing is marked read; message bodies are fetched with ``BODY.PEEK``), triage every message after
the last UID of the previous run, and APPEND a reply draft for each message that gets one to the Drafts folder
(the ``\\Drafts`` special-use folder unless one is named) with the ``\\Draft`` flag. Nothing is deleted or moved
unless a setting says so (``imap_move_to``; ``imap_keywords`` adds a keyword per topic).

State, per mailbox and folder, in ``<data_dir>/imap/<mailbox>.json`` (written atomically):
- ``uidvalidity`` and ``last_uid``: the next run asks only for UIDs above ``last_uid``; a changed UIDVALIDITY
  (a migrated or rebuilt mailbox) starts from UID 1 again;
- ``seen``: a key per triaged message (a hash of Message-ID, Date, From, Subject; without a Message-ID also the
  size and arrival time), so a rescan or a second copy of a message is not triaged twice;
- ``drafted``: the keys whose draft is in the mailbox. Each draft also carries the key in ``X-Paligs-Reply-Key``
  and the Drafts folder is read for it before anything is appended, so a draft is never placed twice, even
  when the state file was lost or a run was killed after an APPEND.

The state moves forward only after the rows of the run were delivered (the CLI writes its output first): a run
that is killed or fails before that is simply done again, and its drafts are found and not appended twice. A
draft the server refuses (a full mailbox) is kept in ``<data_dir>/imap/<mailbox>.pending/`` and placed by the
next run. A lock file keeps two runs off the same mailbox.

Example:
    report = MailboxTriage(settings).run(deliver=write_rows)    # rows delivered, then the state committed
    print("\\n".join(report.summary_lines()))
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email
import email.header
import email.policy
import fcntl
import hashlib
import imaplib
import json
import logging
import re
import socket
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import ConfigError, MailboxError
from ..fileio import atomic_path, write_text_atomic
from .mail import MAX_MESSAGE_BYTES, Message, parse_date, parse_eml_bytes
from .reply import KEY_HEADER, Original, append_bytes, build_reply, message_ids, reply_kind

log = logging.getLogger(__name__)
# imapclient logs the whole protocol exchange at DEBUG, message text included: never into our logs
logging.getLogger("imapclient.imaplib").setLevel(logging.INFO)

SECURITY = ("ssl", "starttls")
DEFAULT_PORTS = {"ssl": 993, "starttls": 143}
STATE_VERSION = 1
# one FETCH of bodies asks for at most this many messages or bytes (a 20 MB message comes alone)
FETCH_COUNT = 50
FETCH_BYTES = 8 * 1024 * 1024
HEADER_FIELDS = "MESSAGE-ID DATE FROM SUBJECT"
DRAFT_FLAGS = (rb"\Draft", rb"\Seen")
KEYWORD_PREFIX = "paligs-"


# ---------------------------------------------------------------- account


@dataclass(frozen=True)
class ImapAccount:
    """Where the mailbox is and how to log in (resolved from :class:`Settings`; secrets never in the repr)."""

    host: str
    port: int
    security: str
    user: str
    ca_file: str = ""
    password: str = field(default="", repr=False)
    token: str = field(default="", repr=False)
    folder: str = "INBOX"
    drafts_folder: str = ""
    from_address: str = ""
    timeout: float = 30.0

    @classmethod
    def from_settings(cls, s: Settings) -> ImapAccount:
        """Check the ``imap_*`` settings and read the password or token file; a :class:`ConfigError` names
        what is missing (never the secret)."""
        host = s.imap_host.strip()
        if not host:
            raise ConfigError(
                "nav norādīts IMAP serveris: --imap-host vai PALIGS_IMAP_HOST",
                "no IMAP server given: --imap-host or PALIGS_IMAP_HOST",
            )
        security = s.imap_security.strip().lower()
        if security not in SECURITY:
            raise ConfigError(
                f"imap_security jābūt 'ssl' vai 'starttls', nevis '{s.imap_security}'",
                f"imap_security must be 'ssl' or 'starttls', not '{s.imap_security}'",
            )
        port = s.imap_port or DEFAULT_PORTS[security]
        if not 0 < port < 65536:
            raise ConfigError(f"nederīgs IMAP ports {port}", f"invalid IMAP port {port}")
        user = s.imap_user.strip()
        if not user:
            raise ConfigError(
                "nav norādīts pastkastes lietotājs: --imap-user vai PALIGS_IMAP_USER",
                "no mailbox user given: --imap-user or PALIGS_IMAP_USER",
            )
        if s.imap_ca_file and not Path(s.imap_ca_file).is_file():
            raise ConfigError(
                f"CA sertifikātu fails '{s.imap_ca_file}' nav atrasts",
                f"CA file '{s.imap_ca_file}' not found",
            )
        token = s.imap_oauth2_token or _secret_file(s.imap_oauth2_token_file, "imap_oauth2_token_file")
        password = (
            "" if token else (s.imap_password or _secret_file(s.imap_password_file, "imap_password_file"))
        )
        if not token and not password:
            raise ConfigError(
                "nav paroles: norādiet --imap-password-file (vai PALIGS_IMAP_PASSWORD_FILE), vides mainīgo "
                "PALIGS_IMAP_PASSWORD vai OAuth2 pilnvaru (--imap-oauth2-token-file / PALIGS_IMAP_OAUTH2_TOKEN)",
                "no password: give --imap-password-file (or PALIGS_IMAP_PASSWORD_FILE), the environment "
                "variable PALIGS_IMAP_PASSWORD or an OAuth2 token (--imap-oauth2-token-file / "
                "PALIGS_IMAP_OAUTH2_TOKEN)",
            )
        sender = s.imap_from.strip() or (user if "@" in user else "")
        return cls(
            host=host,
            port=port,
            security=security,
            user=user,
            ca_file=s.imap_ca_file,
            password=password,
            token=token,
            folder=s.imap_folder or "INBOX",
            drafts_folder=s.imap_drafts_folder.strip(),
            from_address=sender,
            timeout=float(s.imap_timeout),
        )

    @property
    def label(self) -> str:
        return f"{self.user}@{self.host}:{self.port}"

    def clean(self, text: Any) -> str:
        """A server's text for a message: one line, short, and never a secret (in case a server echoes it)."""
        if isinstance(text, (list, tuple)):
            text = b" ".join(t if isinstance(t, bytes) else str(t).encode() for t in text)
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        out = re.sub(r"\s+", " ", str(text)).strip()[:200]
        for secret in (self.password, self.token):
            if secret:
                out = out.replace(secret, "***")
        return out


def configured(settings: Settings) -> bool:
    """True when a mailbox is set up (host and user); the password is checked when it is used."""
    return bool(settings.imap_host.strip() and settings.imap_user.strip())


def _secret_file(path: str, setting: str) -> str:
    if not path:
        return ""
    try:
        text = Path(path).expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise ConfigError(
            f"{setting}: failu '{path}' nevar nolasīt ({reason})",
            f"{setting}: cannot read '{path}' ({reason})",
        ) from None
    secret = text.rstrip("\r\n")
    if not secret:
        raise ConfigError(f"{setting}: fails '{path}' ir tukšs", f"{setting}: the file '{path}' is empty")
    return secret


# ---------------------------------------------------------------- connection


def _network_error(exc: BaseException, account: ImapAccount, *, connected: bool = True) -> MailboxError:
    """One Latvian / English message per way a connection fails (never the exception text of a login).

    ``connected``: the session was up (a TLS or socket error now means the connection was lost, not a setup
    problem)."""
    where = f"{account.host}:{account.port}"
    if (
        connected
        and isinstance(exc, (ssl.SSLError, imaplib.IMAP4.abort, OSError))
        and not isinstance(exc, (TimeoutError, socket.timeout))
    ):
        why = account.clean(getattr(exc, "strerror", None) or type(exc).__name__)
        return MailboxError(
            f"savienojums ar {where} pārtrūka ({why})", f"the connection to {where} was lost ({why})"
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        why = account.clean(exc.verify_message or exc.reason or "")
        return MailboxError(
            f"servera {where} TLS sertifikāts nav derīgs ({why}); pārbaudiet servera nosaukumu vai norādiet "
            "iestādes CA ar --imap-ca-file",
            f"the TLS certificate of {where} is not valid ({why}); check the host name or give your CA with "
            "--imap-ca-file",
        )
    if isinstance(exc, ssl.SSLError):
        why = account.clean(exc.reason or type(exc).__name__)
        return MailboxError(
            f"TLS savienojums ar {where} neizdevās ({why}); pārbaudiet --imap-security (ssl portam 993, "
            "starttls portam 143) un portu",
            f"TLS with {where} failed ({why}); check --imap-security (ssl for port 993, starttls for 143) "
            "and the port",
        )
    if isinstance(exc, socket.gaierror):
        return MailboxError(
            f"IMAP serveri '{account.host}' nevar atrast (DNS); pārbaudiet --imap-host",
            f"cannot resolve the IMAP server '{account.host}'; check --imap-host",
        )
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return MailboxError(
            f"serveris {where} neatbild ({account.timeout:g} s); pārbaudiet adresi, portu, --imap-security "
            "(ssl / starttls) un tīklu",
            f"the server {where} does not answer ({account.timeout:g} s); check the host, port, --imap-security "
            "(ssl / starttls) and the network",
        )
    if isinstance(exc, ConnectionRefusedError):
        return MailboxError(
            f"nevar savienoties ar {where}: savienojums atteikts (serveris nedarbojas vai ports nav pareizs)",
            f"cannot connect to {where}: connection refused (server down or wrong port)",
        )
    if isinstance(exc, (imaplib.IMAP4.abort, OSError)):
        why = account.clean(getattr(exc, "strerror", None) or exc or type(exc).__name__)
        return MailboxError(
            f"savienojums ar {where} pārtrūka ({why})", f"the connection to {where} was lost ({why})"
        )
    return MailboxError(
        f"IMAP kļūda serverī {where} ({account.clean(exc)})", f"IMAP error at {where} ({account.clean(exc)})"
    )


def ssl_context(account: ImapAccount) -> ssl.SSLContext:
    """Certificate and host name checks on; the system CA store, or only ``ca_file`` when it is given."""
    try:
        ctx = ssl.create_default_context(cafile=account.ca_file or None)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(
            f"CA sertifikātu failu '{account.ca_file}' nevar nolasīt ({type(exc).__name__})",
            f"cannot read the CA file '{account.ca_file}' ({type(exc).__name__})",
        ) from None
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def connect(account: ImapAccount) -> Any:
    """A logged-in ``IMAPClient``; every failure is a :class:`MailboxError` (the password is never shown)."""
    from imapclient import IMAPClient
    from imapclient.exceptions import CapabilityError, LoginError

    ctx = ssl_context(account)
    where = f"{account.host}:{account.port}"
    try:
        if account.security == "ssl":
            client = IMAPClient(
                account.host, port=account.port, ssl=True, ssl_context=ctx, timeout=account.timeout
            )
        else:
            client = IMAPClient(account.host, port=account.port, ssl=False, timeout=account.timeout)
            try:
                client.starttls(ctx)
            except CapabilityError:
                _close(client)
                raise MailboxError(
                    f"serveris {where} nepiedāvā STARTTLS; izmantojiet --imap-security ssl (ports 993)",
                    f"the server {where} does not offer STARTTLS; use --imap-security ssl (port 993)",
                ) from None
            except BaseException:
                _close(client)
                raise
    except MailboxError:
        raise
    except Exception as exc:  # noqa: BLE001 - every way to fail becomes one message
        raise _network_error(exc, account, connected=False) from None
    try:
        if account.token:
            client.oauth2_login(account.user, account.token)
        elif client.has_capability("AUTH=PLAIN"):
            client.plain_login(account.user, account.password)  # UTF-8 passwords
        else:
            client.login(account.user, account.password)
    except LoginError as exc:
        _close(client)
        server = account.clean(exc.args[0] if exc.args else "")
        if account.token:
            raise MailboxError(
                f"OAuth2 pieteikšanās serverī {where} lietotājam '{account.user}' neizdevās: pilnvara nav derīga "
                f"vai beigusies (servera atbilde: {server})",
                f"OAuth2 login at {where} as '{account.user}' failed: the token is invalid or expired "
                f"(server: {server})",
            ) from None
        raise MailboxError(
            f"pieteikšanās serverī {where} lietotājam '{account.user}' neizdevās: nepareizs lietotājs vai parole "
            f"(servera atbilde: {server})",
            f"login at {where} as '{account.user}' failed: wrong user or password (server: {server})",
        ) from None
    except Exception as exc:  # noqa: BLE001 - never the exception text here: it may hold the secret
        _close(client)
        raise MailboxError(
            f"pieteikšanās serverī {where} neizdevās ({type(exc).__name__})",
            f"login at {where} failed ({type(exc).__name__})",
        ) from None
    return client


def _close(client: Any) -> None:
    try:
        client.logout()
    except Exception:  # noqa: BLE001 - closing a broken connection
        with contextlib.suppress(Exception):
            client.shutdown()


def folder_names(client: Any) -> list[str]:
    try:
        return [str(f[2]) for f in client.list_folders()]
    except Exception:  # noqa: BLE001 - only for a message
        return []


def _no_folder(client: Any, folder: str, setting: str) -> MailboxError:
    names = ", ".join(folder_names(client)[:30]) or "?"
    return MailboxError(
        f"mape '{folder}' pastkastē nav atrasta (ir: {names}); pārbaudiet {setting}",
        f"folder '{folder}' not found in the mailbox (there are: {names}); check {setting}",
    )


# ---------------------------------------------------------------- state


def message_key(headers: email.message.Message, size: int = 0, arrived: Any = None) -> str:
    """A stable key for one message: Message-ID, Date, From, Subject (raw header text); a message without a
    Message-ID adds its size and arrival time, so two such messages are never taken for one."""

    def raw(name: str) -> str:
        try:
            return re.sub(r"\s+", " ", str(headers.get(name, "") or "")).strip()
        except Exception:  # noqa: BLE001 - an undecodable header counts as empty
            return ""

    ids = message_ids(raw("message-id"))
    parts = [ids[0] if ids else "", raw("date"), raw("from"), raw("subject")]
    if not ids:
        parts += [str(size), str(arrived or "")]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass
class FolderState:
    """What the previous runs did in one folder (see the module docstring)."""

    uidvalidity: int = 0
    last_uid: int = 0
    seen: set[str] = field(default_factory=set)
    drafted: set[str] = field(default_factory=set)


class StateStore:
    """``<data_dir>/imap/<mailbox>.json`` (+ ``.lock``, ``.pending/``) for one mailbox folder."""

    def __init__(self, data_dir: Path, account: ImapAccount) -> None:
        ident = f"{account.user}@{account.host}:{account.port}/{account.folder}"
        slug = re.sub(r"[^A-Za-z0-9._@-]+", "_", ident)[:80]
        digest = hashlib.sha256(ident.encode("utf-8")).hexdigest()[:8]
        self.folder = Path(data_dir) / "imap"
        self.path = self.folder / f"{slug}-{digest}.json"
        self.pending_dir = self.folder / f"{slug}-{digest}.pending"
        self.lock_path = self.folder / f"{slug}-{digest}.lock"
        self.ident = ident

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """One run per mailbox folder at a time (released by the system even when a run is killed)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fh = self.lock_path.open("a")
        except OSError as exc:
            raise MailboxError(
                f"datu mapē '{self.folder}' nevar rakstīt ({exc.strerror})",
                f"cannot write to the data folder '{self.folder}' ({exc.strerror})",
            ) from None
        try:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise MailboxError(
                    "šo pastkasti jau apstrādā cits palaidums; mēģiniet vēlāk",
                    "another run is processing this mailbox; try again later",
                ) from None
            yield
        finally:
            fh.close()

    def load(self) -> FolderState:
        if not self.path.exists():
            return FolderState()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return FolderState(
                uidvalidity=int(data["uidvalidity"]),
                last_uid=int(data["last_uid"]),
                seen=set(data.get("seen", [])),
                drafted=set(data.get("drafted", [])),
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise MailboxError(
                f"pastkastes stāvokļa failu '{self.path}' nevar nolasīt ({type(exc).__name__}); izdzēsiet to, lai "
                "pārskatītu mapi no sākuma (jau ievietotie melnraksti netiks dublēti)",
                f"cannot read the mailbox state '{self.path}' ({type(exc).__name__}); delete it to rescan the "
                "folder (drafts already placed are not written again)",
            ) from None

    def save(self, state: FolderState) -> None:
        data = {
            "version": STATE_VERSION,
            "mailbox": self.ident,
            "uidvalidity": state.uidvalidity,
            "last_uid": state.last_uid,
            "updated": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "seen": sorted(state.seen),
            "drafted": sorted(state.drafted),
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self.path, json.dumps(data, indent=0) + "\n")
        except OSError as exc:
            raise MailboxError(
                f"pastkastes stāvokli nevar ierakstīt '{self.path}' ({exc.strerror})",
                f"cannot write the mailbox state '{self.path}' ({exc.strerror})",
            ) from None

    # drafts the server refused (a full mailbox): placed by the next run
    def save_pending(self, key: str, data: bytes) -> Path:
        self.pending_dir.mkdir(parents=True, exist_ok=True)
        path = self.pending_dir / f"{key}.eml"
        with atomic_path(path) as tmp:
            tmp.write_bytes(data)
        return path

    def pending(self) -> list[Path]:
        return sorted(self.pending_dir.glob("*.eml")) if self.pending_dir.is_dir() else []


# ---------------------------------------------------------------- report


@dataclass
class MailboxReport:
    """What one run did; ``rows`` are the triage rows (the JSONL contract + ``mailbox``)."""

    mailbox: str
    folder: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    new: int = 0
    skipped: int = 0
    gone: int = 0
    remaining: int = 0
    drafts_folder: str = ""
    drafts_written: int = 0
    drafts_existing: int = 0
    drafts_pending: int = 0
    drafts: list[dict[str, Any]] = field(default_factory=list)
    rescanned: bool = False
    complete: bool = True
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def warn(self, lv: str, en: str) -> None:
        if (lv, en) not in self.warnings:
            self.warnings.append((lv, en))

    def summary_lines(self) -> list[str]:
        """Latvian / English lines for the terminal."""
        lines = [
            f"Pastkaste / mailbox: {self.mailbox} {self.folder}: jauni ziņojumi / new messages: {self.new}, "
            f"šķiroti / triaged: {len(self.rows)}, izlaisti (jau šķiroti) / skipped (already triaged): "
            f"{self.skipped}"
            + (
                f", atlikti nākamajai reizei / left for the next run: {self.remaining}"
                if self.remaining
                else ""
            )
        ]
        if self.drafts_folder:
            lines.append(
                f"Melnraksti mapē {self.drafts_folder} / drafts in {self.drafts_folder}: ievietoti / written: "
                f"{self.drafts_written}, jau bija / already there: {self.drafts_existing}, gaida / pending: "
                f"{self.drafts_pending}"
            )
        if self.rescanned:
            lines.append(
                "Mapes UIDVALIDITY mainījās: mape pārskatīta no sākuma, jau šķirotie izlaisti / the folder's "
                "UIDVALIDITY changed: rescanned from the start, messages already triaged skipped"
            )
        return lines


# ---------------------------------------------------------------- the run


def _chunks(items: list[Any], n: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _header_bytes(resp: dict[bytes, Any]) -> bytes:
    for k, v in resp.items():
        if isinstance(k, bytes) and k.startswith(b"BODY[HEADER") and isinstance(v, bytes):
            return v
    return b""


def _parse_headers(data: bytes) -> email.message.Message:
    # compat32: raw header text for keys (stable, never raises on odd encodings)
    return email.message_from_bytes(data, policy=email.policy.compat32)


def _original(data: bytes) -> Original:
    try:
        return Original.from_headers(BytesHeaderParser(policy=email.policy.default).parsebytes(data))
    except Exception:  # noqa: BLE001 - headers the parser cannot read: a reply without threading headers
        return Original()


def _header_text(headers: email.message.Message, name: str) -> str:
    try:
        value = headers.get(name, "")
        return re.sub(
            r"\s+", " ", str(email.header.make_header(email.header.decode_header(str(value))))
        ).strip()
    except Exception:  # noqa: BLE001
        return ""


@dataclass
class _Queued:
    """A reply draft waiting to be appended (with the row it belongs to)."""

    row: dict[str, Any]
    key: str
    data: bytes
    info: dict[str, Any]


@dataclass
class _Item:
    uid: int
    key: str
    size: int
    headers: bytes
    skip: bool = False


class MailboxTriage:
    """Triage the new messages of one mailbox folder and put reply drafts back (never sends, never deletes).

    Example:
        run = MailboxTriage(settings)                    # checks the settings; no network yet
        report = run.run(deliver=lambda rows: write(rows))
    """

    def __init__(
        self,
        settings: Settings,
        *,
        write_drafts: bool | None = None,
        make_pipeline: Callable[[], Any] | None = None,
        redact_output: bool = True,
        use_assistant: bool = True,
    ) -> None:
        self.settings = settings
        self.account = ImapAccount.from_settings(settings)
        self.write_drafts = settings.imap_drafts if write_drafts is None else write_drafts
        self.store = StateStore(settings.data_dir, self.account)
        self._make_pipeline = make_pipeline or (
            lambda: _default_pipeline(settings, redact_output=redact_output, use_assistant=use_assistant)
        )
        self._pipeline: Any = None
        # keys of the drafts in the Drafts folder (read at the start of a run)
        self._existing: set[str] = set()

    @property
    def pipeline(self) -> Any:
        # made only when there is something to triage: a run with nothing new stays fast
        if self._pipeline is None:
            self._pipeline = self._make_pipeline()
        return self._pipeline

    def run(
        self,
        *,
        progress: Callable[[int, int], None] | None = None,
        deliver: Callable[[list[dict[str, Any]]], None] | None = None,
    ) -> MailboxReport:
        """Triage what is new. ``deliver(rows)`` is called before the state moves on: when it raises, the next
        run triages the same messages again (their drafts are not appended twice)."""
        with self.store.lock():
            state = self.store.load()
            client = connect(self.account)
            try:
                return self._run(client, state, progress, deliver)
            finally:
                _close(client)

    # ------------------------------------------------------------ steps
    def _run(
        self,
        client: Any,
        state: FolderState,
        progress: Callable[[int, int], None] | None,
        deliver: Callable[[list[dict[str, Any]]], None] | None,
    ) -> MailboxReport:
        acc = self.account
        report = MailboxReport(mailbox=acc.label, folder=acc.folder)
        old = FolderState(state.uidvalidity, state.last_uid, set(state.seen), set(state.drafted))
        saved = False
        try:
            try:
                selected = self._prepare(client, state, report)
                items = self._new_items(client, state, report)
                last = self._triage_items(client, items, state, report, progress)
            except (OSError, imaplib.IMAP4.error) as exc:
                raise _network_error(exc, acc) from None
            state.uidvalidity = int(selected.get(b"UIDVALIDITY", 0) or 0)
            state.last_uid = last
            if deliver is not None:
                deliver(report.rows)  # the output first: a failure here leaves the state where it was
            self.store.save(state)
            saved = True
        finally:
            if not saved and state.drafted != old.drafted:
                # drafts placed are facts about the mailbox: remembered even when this run fails
                old.drafted |= state.drafted
                with contextlib.suppress(MailboxError):
                    self.store.save(old)
        try:
            self._after(client, report, selected)
        except (OSError, imaplib.IMAP4.abort) as exc:
            err = _network_error(exc, acc)
            report.warn(err.lv, err.en)
        return report

    def _prepare(self, client: Any, state: FolderState, report: MailboxReport) -> dict[bytes, Any]:
        """Drafts folder (and the keys of the drafts in it), earlier refused drafts, then the folder to read."""
        acc = self.account
        if self.write_drafts:
            report.drafts_folder = self._drafts_folder(client)
            self._existing = self._draft_keys(client, report.drafts_folder)
            self._retry_pending(client, report, self._existing, state)
        move_to = self.settings.imap_move_to.strip()
        if move_to and not self._exists(client, move_to):
            raise _no_folder(client, move_to, "imap_move_to / --imap-move-to")
        writable = bool(move_to or self.settings.imap_keywords)
        try:
            selected = client.select_folder(acc.folder, readonly=not writable)
        except imaplib.IMAP4.abort:
            raise
        except imaplib.IMAP4.error:
            raise _no_folder(client, acc.folder, "--imap-folder / imap_folder") from None
        uidvalidity = int(selected.get(b"UIDVALIDITY", 0) or 0)
        if state.uidvalidity and uidvalidity != state.uidvalidity:
            report.rescanned = True
            state.last_uid = 0
            log.warning("UIDVALIDITY changed: rescanning the folder")
        return selected

    def _exists(self, client: Any, folder: str) -> bool:
        try:
            return bool(client.folder_exists(folder))
        except imaplib.IMAP4.abort:
            raise
        except imaplib.IMAP4.error:
            return False

    def _drafts_folder(self, client: Any) -> str:
        name = self.account.drafts_folder
        if name:
            if not self._exists(client, name):
                raise _no_folder(client, name, "--drafts-folder / imap_drafts_folder")
            return name
        found = client.find_special_folder(rb"\Drafts")
        if not found:
            raise MailboxError(
                "pastkastē nav melnrakstu mapes (\\Drafts); norādiet to ar --drafts-folder vai izmantojiet "
                "--no-drafts",
                "the mailbox has no Drafts folder (\\Drafts); name one with --drafts-folder or use --no-drafts",
            )
        return str(found)

    def _draft_keys(self, client: Any, folder: str) -> set[str]:
        """The keys of the drafts already in the Drafts folder (read once per run, not searched per message)."""
        client.select_folder(folder, readonly=True)
        uids = client.search(["ALL"])
        keys: set[str] = set()
        for chunk in _chunks(uids, 1000):
            resp = client.fetch(chunk, [f"BODY.PEEK[HEADER.FIELDS ({KEY_HEADER.upper()})]"])
            for data in resp.values():
                value = _parse_headers(_header_bytes(data)).get(KEY_HEADER, "")
                if value:
                    keys.add(str(value).strip())
        client.close_folder()
        return keys

    def _append(self, client: Any, folder: str, data: bytes) -> str:
        """'' when the server took the draft, else its refusal (connection failures propagate)."""
        try:
            client.append(folder, data, flags=DRAFT_FLAGS, msg_time=dt.datetime.now().astimezone())
            return ""
        except imaplib.IMAP4.abort:
            raise
        except imaplib.IMAP4.error as exc:
            return self.account.clean(exc.args[0] if exc.args else type(exc).__name__)

    def _refused(self, report: MailboxReport, folder: str, why: str) -> None:
        full = "OVERQUOTA" in why.upper() or "QUOTA" in why.upper()
        lv_why = "pastkaste ir pilna" if full else "serveris atteica"
        en_why = "the mailbox is full" if full else "the server refused"
        report.warn(
            f"melnrakstu nevarēja ievietot mapē '{folder}': {lv_why} ({why}); tas saglabāts datu mapē un tiks "
            "ievietots nākamajā palaišanā",
            f"a draft could not be placed in '{folder}': {en_why} ({why}); it is kept in the data folder and "
            "placed by the next run",
        )

    def _retry_pending(
        self, client: Any, report: MailboxReport, existing: set[str], state: FolderState
    ) -> None:
        for path in self.store.pending():
            key = path.stem
            if key in existing:
                path.unlink(missing_ok=True)
                state.drafted.add(key)
                continue
            why = self._append(client, report.drafts_folder, path.read_bytes())
            if why:
                report.drafts_pending += 1
                self._refused(report, report.drafts_folder, why)
                continue
            path.unlink(missing_ok=True)
            existing.add(key)
            state.drafted.add(key)
            report.drafts_written += 1

    def _new_items(self, client: Any, state: FolderState, report: MailboxReport) -> list[_Item]:
        last = state.last_uid
        uids = sorted(u for u in client.search(["UID", f"{last + 1}:*"]) if u > last)
        report.new = len(uids)
        limit = self.settings.imap_limit
        if limit and len(uids) > limit:
            report.remaining = len(uids) - limit
            uids = uids[:limit]
        items: list[_Item] = []
        keys_now: set[str] = set()
        for chunk in _chunks(uids, 500):
            resp = client.fetch(
                chunk, ["RFC822.SIZE", "INTERNALDATE", f"BODY.PEEK[HEADER.FIELDS ({HEADER_FIELDS})]"]
            )
            for uid in chunk:
                data = resp.get(uid)
                if data is None:  # expunged meanwhile by someone else
                    report.gone += 1
                    continue
                size = int(data.get(b"RFC822.SIZE", 0) or 0)
                head = _header_bytes(data)
                key = message_key(_parse_headers(head), size, data.get(b"INTERNALDATE"))
                skip = key in state.seen or key in keys_now
                keys_now.add(key)
                items.append(_Item(uid, key, size, head, skip))
        return items

    def _bodies(self, client: Any, items: list[_Item]) -> Iterator[tuple[_Item, str, bytes]]:
        """(item, "ok" | "large" | "gone", raw message) in UID order, for the items not skipped; a message too
        large to read gives only its header, one expunged meanwhile by someone else is "gone"."""
        batch: list[_Item] = []
        size = 0

        def flush() -> Iterator[tuple[_Item, str, bytes]]:
            wanted = [i.uid for i in batch if i.size <= MAX_MESSAGE_BYTES]
            resp = client.fetch(wanted, ["BODY.PEEK[]"]) if wanted else {}
            for it in batch:
                if it.size > MAX_MESSAGE_BYTES:
                    yield it, "large", it.headers
                    continue
                body = resp.get(it.uid, {}).get(b"BODY[]")
                if isinstance(body, bytes):
                    yield it, "ok", body
                else:
                    yield it, "gone", b""

        for it in items:
            if it.skip:
                continue
            if batch and (len(batch) >= FETCH_COUNT or size + it.size > FETCH_BYTES):
                yield from flush()
                batch, size = [], 0
            batch.append(it)
            size += it.size
        if batch:
            yield from flush()

    def _message(self, it: _Item, kind: str, raw: bytes) -> Message:
        acc = self.account
        mid = f"{acc.folder}:{it.uid}"
        source = f"imap://{acc.user}@{acc.host}/{acc.folder};UID={it.uid}"
        if kind == "ok":
            return parse_eml_bytes(raw, mid, source)
        headers = _parse_headers(it.headers)
        mb, limit = it.size // (1024 * 1024), MAX_MESSAGE_BYTES // (1024 * 1024)
        return Message(
            id=mid,
            subject=_header_text(headers, "subject"),
            sender=_header_text(headers, "from"),
            date=parse_date(str(headers.get("date", "") or "")),
            source=source,
            error_lv=f"ziņojums ir pārāk liels ({mb} MB; robeža {limit} MB), to jāatver cilvēkam",
            error_en=f"message too large ({mb} MB; limit {limit} MB), a person must open it",
        )

    def _triage_items(
        self,
        client: Any,
        items: list[_Item],
        state: FolderState,
        report: MailboxReport,
        progress: Callable[[int, int], None] | None,
    ) -> int:
        """Triage in UID order; returns the last UID done (the state's next ``last_uid``).

        Drafts are appended in batches (one MULTIAPPEND where the server has it: one transaction instead of one
        per draft). When the connection is lost, the rows since the last batch was placed are dropped from this
        run and the UID before them is returned: those messages are triaged again next time, their drafts
        found in Drafts if the server took them.
        """
        acc = self.account
        total = sum(1 for i in items if not i.skip)
        report.skipped = len(items) - total
        last = state.last_uid
        pending = iter(items)
        queue: list[_Queued] = []
        mark_rows, mark_last, mark_keys = len(report.rows), last, []
        done = 0
        try:
            for it, kind, raw in self._bodies(client, items):
                for prev in pending:  # skipped items before this one are done too
                    if prev.uid == it.uid:
                        break
                    last = prev.uid
                if kind == "gone":
                    report.gone += 1
                else:
                    row = self.pipeline.triage(self._message(it, kind, raw)).to_dict()
                    row["mailbox"] = {"folder": acc.folder, "uid": it.uid, "draft": None}
                    if self.write_drafts:
                        queued = self._draft(report, state, row, it, raw)
                        if queued is not None:
                            queue.append(queued)
                    report.rows.append(row)
                    state.seen.add(it.key)
                    mark_keys.append(it.key)
                last = it.uid
                done += 1
                if progress is not None:
                    progress(done, total)
                if len(queue) >= FETCH_COUNT:
                    self._place(client, report, state, queue)
                    queue = []
                    mark_rows, mark_last, mark_keys = len(report.rows), last, []
            if queue:
                self._place(client, report, state, queue)
        except (OSError, imaplib.IMAP4.abort) as exc:
            del report.rows[mark_rows:]
            state.seen.difference_update(mark_keys)
            if not report.rows:
                raise
            err = _network_error(exc, acc)
            report.complete = False
            report.warn(
                f"{err.lv}; šķiroti {len(report.rows)} no {total}, pārējie nākamajā palaišanā",
                f"{err.en}; triaged {len(report.rows)} of {total}, the rest in the next run",
            )
            return mark_last
        for rest in pending:  # skipped items after the last triaged one
            last = rest.uid
        return last

    def _draft(
        self,
        report: MailboxReport,
        state: FolderState,
        row: dict[str, Any],
        it: _Item,
        raw: bytes,
    ) -> _Queued | None:
        """The reply draft of one row, to be placed; None when it gets none or it is in the mailbox already."""
        if reply_kind(row) is None:
            return None
        msg = build_reply(
            row, _original(raw or it.headers), from_address=self.account.from_address, key=it.key
        )
        if msg is None:
            return None
        info = {"id": row.get("id"), "to": str(msg.get("To", "")), "subject": str(msg.get("Subject", ""))}
        if it.key in self._existing or it.key in state.drafted:
            report.drafts_existing += 1
            state.drafted.add(it.key)
            report.drafts.append({**info, "status": "already_there"})
            row["mailbox"]["draft"] = "already_there"
            return None
        return _Queued(row, it.key, append_bytes(msg), info)

    def _place(self, client: Any, report: MailboxReport, state: FolderState, queue: list[_Queued]) -> None:
        """Append the queued drafts: in one MULTIAPPEND when the server has it, else (or when the batch is
        refused, e.g. a full mailbox) one by one; a refused draft is kept for the next run."""
        folder = report.drafts_folder
        placed_all = False
        # (with LITERAL+ only: without it a refusal comes in the middle of the command and breaks the connection)
        if len(queue) > 1 and client.has_capability("MULTIAPPEND") and client.has_capability("LITERAL+"):
            when = dt.datetime.now().astimezone()
            try:
                typ, _data = client.multiappend(
                    folder, [{"msg": q.data, "flags": DRAFT_FLAGS, "date": when} for q in queue]
                )
                placed_all = typ in ("OK", b"OK")
            except imaplib.IMAP4.abort:
                raise
            except imaplib.IMAP4.error:
                placed_all = False
            # refused (all or nothing): find out one by one which drafts the server takes
        for q in queue:
            why = "" if placed_all else self._append(client, folder, q.data)
            if why:
                self.store.save_pending(q.key, q.data)
                report.drafts_pending += 1
                self._refused(report, folder, why)
                status = "pending"
            else:
                self._existing.add(q.key)
                state.drafted.add(q.key)
                report.drafts_written += 1
                status = "appended"
            q.row["mailbox"]["draft"] = status
            report.drafts.append({**q.info, "status": status})

    def _after(self, client: Any, report: MailboxReport, selected: dict[bytes, Any]) -> None:
        """Optional, after the state is saved: a keyword per topic, then moving the triaged messages."""
        uids_by_topic: dict[str, list[int]] = {}
        for row in report.rows:
            if not row.get("error"):
                uids_by_topic.setdefault(str(row.get("topic")), []).append(row["mailbox"]["uid"])
        uids = [row["mailbox"]["uid"] for row in report.rows]
        if not uids:
            return
        try:
            if self.settings.imap_keywords:
                if rb"\*" not in tuple(selected.get(b"PERMANENTFLAGS", ())):
                    report.warn(
                        "serveris neļauj pievienot atslēgvārdus (IMAP keywords); tēmas netika atzīmētas",
                        "the server does not allow IMAP keywords; topics were not marked",
                    )
                else:
                    for topic, group in uids_by_topic.items():
                        client.add_flags(group, [f"{KEYWORD_PREFIX}{topic}"], silent=True)
            move_to = self.settings.imap_move_to.strip()
            if move_to:
                if client.has_capability("MOVE"):
                    client.move(uids, move_to)
                elif client.has_capability("UIDPLUS"):
                    client.copy(uids, move_to)
                    client.add_flags(uids, [rb"\Deleted"], silent=True)
                    client.uid_expunge(uids)
                else:
                    report.warn(
                        "serveris neprot MOVE vai UIDPLUS: ziņojumi netika pārvietoti (nekas netika dzēsts)",
                        "the server supports neither MOVE nor UIDPLUS: messages were not moved (nothing deleted)",
                    )
        except imaplib.IMAP4.error as exc:
            why = self.account.clean(exc.args[0] if exc.args else type(exc).__name__)
            report.warn(
                f"atzīmēšana vai pārvietošana neizdevās ({why}); šķirošanas rezultāts saglabāts",
                f"marking or moving failed ({why}); the triage itself is saved",
            )


def _default_pipeline(settings: Settings, *, redact_output: bool, use_assistant: bool) -> Any:
    from .pipeline import TriagePipeline

    return TriagePipeline(settings, redact_output=redact_output, use_assistant=use_assistant)


def triage_mailbox(
    settings: Settings,
    *,
    progress: Callable[[int, int], None] | None = None,
    deliver: Callable[[list[dict[str, Any]]], None] | None = None,
    **kw: Any,
) -> MailboxReport:
    """One run over the configured mailbox (see :class:`MailboxTriage`)."""
    return MailboxTriage(settings, **kw).run(progress=progress, deliver=deliver)
