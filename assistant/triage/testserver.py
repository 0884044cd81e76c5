"""A throwaway IMAP server for tests and benchmarks: Debian's Dovecot 2.3 from a temporary ``dovecot.conf``.

Everything lives in one temporary folder: the configuration, a throwaway CA and a server certificate for
``localhost`` (made with the ``cryptography`` package), Dovecot's run/state folders, its log and the users'
Maildirs. TLS is required (implicit TLS on one loopback port, STARTTLS on another); any user name logs in with
the one password (static passdb; XOAUTH2 takes it as the token), and each user name gets its own empty Maildir,
so every test can use a fresh mailbox by using a new name. :meth:`DovecotServer.set_quota` gives a user a quota
(a full mailbox on APPEND).

Dovecot runs in the foreground (``-F``) with its standard streams sent to files (a parent waiting on its pipes
would never return) and is stopped when the ``with`` block ends.

Example:
    with DovecotServer(tmp_path) as srv:
        client = srv.client("anna")          # an IMAPClient, logged in, TLS checked against srv.ca_file
"""

from __future__ import annotations

import datetime as dt
import grp
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Self

PASSWORD = "slepena-parole-ķ"  # non-ASCII on purpose: it must survive login
DOVECOT = "/usr/sbin/dovecot"
DOVEADM = "/usr/bin/doveadm"


class DovecotUnavailable(RuntimeError):
    """Dovecot is not installed (scripts/install.sh --dev installs it) or did not start."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_certificates(folder: Path, hostnames: tuple[str, ...] = ("localhost",)) -> tuple[Path, Path, Path]:
    """A throwaway CA and a server certificate for ``hostnames`` signed by it: (ca.crt, server.crt, server.key)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Paligs test CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hostnames[0])]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(h) for h in hostnames]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = folder / "ca.crt", folder / "server.crt", folder / "server.key"
    ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    key_path.chmod(0o600)
    return ca_path, cert_path, key_path


class DovecotServer:
    """Dovecot on two free loopback ports: ``port`` (implicit TLS) and ``starttls_port`` (STARTTLS required)."""

    def __init__(self, folder: Path | str | None = None, *, password: str = PASSWORD) -> None:
        # the dovecot user must reach the Maildirs: a fresh folder under the system temp folder (pytest's own
        # temp folders are private to root), removed again by stop()
        self._own_folder = folder is None
        self.folder = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="paligs-dovecot-"))
        self.password = password
        self.host = "localhost"
        self.port = 0
        self.starttls_port = 0
        self.proc: subprocess.Popen | None = None
        self.conf = self.folder / "dovecot.conf"
        self.log = self.folder / "dovecot.log"
        self.ca_file = self.folder / "ca.crt"

    # ------------------------------------------------------------ lifecycle
    def start(self, timeout: float = 20.0) -> Self:
        if not (Path(DOVECOT).exists() and shutil.which("doveconf")):
            raise DovecotUnavailable("dovecot-imapd is not installed: run scripts/install.sh --dev")
        self.folder.mkdir(parents=True, exist_ok=True)
        for sub in ("run", "state", "home"):
            (self.folder / sub).mkdir(exist_ok=True)
        self.ca_file, cert, key = make_certificates(self.folder)
        user = pwd.getpwnam("dovecot")
        uid, gid = user.pw_uid, user.pw_gid
        home = self.folder / "home"
        os.chown(home, uid, gid)
        # the Maildirs are written by the dovecot user: every folder on the way must be passable
        self.folder.chmod(0o711)
        for parent in self.folder.parents:
            if not parent.stat().st_mode & 0o001:
                raise DovecotUnavailable(f"the dovecot user cannot pass '{parent}': use another folder")
        self.port, self.starttls_port = _free_port(), _free_port()
        self._uid, self._gid = uid, gid
        (self.folder / "userdb").write_text("", encoding="utf-8")
        dh = Path("/usr/share/dovecot/dh.pem")
        self.conf.write_text(
            _CONF.format(
                d=self.folder,
                uid=uid,
                gid=gid,
                group=grp.getgrgid(gid).gr_name,
                cert=cert,
                key=key,
                dh=f"ssl_dh = <{dh}" if dh.exists() else "",
                password=self.password,
                port=self.port,
                starttls_port=self.starttls_port,
            ),
            encoding="utf-8",
        )
        out = (self.folder / "stdout.txt").open("wb")
        err = (self.folder / "stderr.txt").open("wb")
        try:
            self.proc = subprocess.Popen(
                [DOVECOT, "-F", "-c", str(self.conf)],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                start_new_session=True,
            )
        finally:
            out.close()
            err.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise DovecotUnavailable(f"dovecot exited at start: {self._tail()}")
            if self._listening(self.port) and self._listening(self.starttls_port):
                return self
            time.sleep(0.05)
        self.stop()
        raise DovecotUnavailable(f"dovecot did not listen within {timeout} s: {self._tail()}")

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            # SIGTERM to the master: it stops its children and exits
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.proc = None
        if self._own_folder:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------ helpers
    @staticmethod
    def _listening(port: int) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            return False

    def _tail(self) -> str:
        parts = []
        for name in ("stderr.txt", "dovecot.log"):
            p = self.folder / name
            if p.exists():
                parts.append(p.read_text("utf-8", "replace")[-2000:])
        return " | ".join(parts)

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca_file))

    def client(self, user: str) -> Any:
        """An IMAPClient logged in as ``user`` over implicit TLS (for setting up and checking a mailbox)."""
        from imapclient import IMAPClient

        c = IMAPClient(self.host, port=self.port, ssl=True, ssl_context=self.ssl_context(), timeout=30)
        c.plain_login(user, self.password)
        return c

    def settings(self, user: str, **kw: Any) -> dict[str, Any]:
        """The ``imap_*`` settings that point the tool at ``user``'s mailbox (password given directly)."""
        values: dict[str, Any] = {
            "imap_host": self.host,
            "imap_port": self.port,
            "imap_security": "ssl",
            "imap_ca_file": str(self.ca_file),
            "imap_user": user,
            "imap_password": self.password,
        }
        values.update(kw)
        return values

    def set_quota(self, user: str, rule: str) -> None:
        """Give ``user`` a quota rule, e.g. ``*:messages=3`` (Dovecot re-reads the file on the next login)."""
        home = self.folder / "home" / user
        lines = [
            line
            for line in (self.folder / "userdb").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith(f"{user}:")
        ]
        lines.append(f"{user}::{self._uid}:{self._gid}::{home}::userdb_quota_rule={rule}")
        path = self.folder / "userdb"
        tmp = path.with_suffix(".tmp")
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.replace(tmp, path)
        # Dovecot looks at the file at most once a second: the next login must come in a later second
        time.sleep(1.1)

    def doveadm(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [DOVEADM, "-c", str(self.conf), *args],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
            stdin=subprocess.DEVNULL,
        )

    def set_uidvalidity(self, user: str, folder: str, value: int) -> None:
        """Change a folder's UIDVALIDITY (what a server migration or a rebuilt index does)."""
        p = self.doveadm("mailbox", "update", "-u", user, "--uid-validity", str(value), folder)
        if p.returncode != 0:
            raise RuntimeError(f"doveadm mailbox update failed: {p.stderr.strip()}")


_CONF = """\
# throwaway test server written by assistant/triage/testserver.py
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
info_log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{cert}
ssl_key = <{key}
{dh}
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = yes
auth_mechanisms = plain login xoauth2
auth_failure_delay = 0
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = {uid}
first_valid_gid = {gid}
mail_location = maildir:~/Maildir
mail_plugins = quota
mail_max_userip_connections = 50
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = passwd-file
  args = {d}/userdb
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={d}/home/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
plugin {{
  quota = count:User quota
  quota_vsizes = yes
}}
protocol imap {{
  mail_plugins = $mail_plugins imap_quota
}}
# no growing delay for logins after a wrong password (the tests log in wrongly on purpose)
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {starttls_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {port}
    ssl = yes
  }}
}}
"""
