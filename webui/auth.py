"""Login for the app: ``settings.auth`` is "user:password" or a path to a file with one "user:password" per line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.errors import ConfigError


def parse_auth(spec: str) -> list[tuple[str, str]] | None:
    """None when no login is configured; otherwise the (user, password) pairs."""
    spec = (spec or "").strip()
    if not spec:
        return None
    path = Path(spec).expanduser()
    if path.is_file():
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"paroļu failu '{path}' nevar nolasīt", f"cannot read credentials file '{path}'"
            ) from exc
        pairs = []
        for i, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            pairs.append(_pair(line, f"'{path}' {i}. rinda", f"'{path}' line {i}"))
        if not pairs:
            raise ConfigError(f"paroļu failā '{path}' nav neviena lietotāja", f"no users in '{path}'")
        return pairs
    if path.is_dir():
        raise ConfigError(
            f"'{spec}' ir mape, nevis paroļu fails (gaidīts 'lietotājs:parole' vai fails ar šādām rindām)",
            f"'{spec}' is a folder, not a credentials file (expected 'user:pass' or a file of such lines)",
        )
    if ":" not in spec and ("/" in spec or spec.endswith((".txt", ".cfg"))):
        raise ConfigError(f"paroļu fails '{spec}' nav atrasts", f"credentials file '{spec}' not found")
    return [_pair(spec, "--auth", "--auth")]


def _pair(text: str, where_lv: str, where_en: str) -> tuple[str, str]:
    user, sep, password = text.partition(":")
    if not sep or not user.strip() or not password:
        raise ConfigError(f"{where_lv}: gaidīts 'lietotājs:parole'", f"{where_en}: expected 'user:password'")
    return user.strip(), password


_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def admin_users(settings: Any) -> set[str]:
    """The user names of the ``admins`` setting (comma- or space-separated)."""
    raw = str(getattr(settings, "admins", "") or "")
    return {u for u in raw.replace(",", " ").split() if u}


def is_admin(settings: Any, username: str | None) -> bool:
    """The one server-side check for administration (index status and rebuild, later document management).

    With a login, only the users named in ``admins``; without a login, nobody can be told apart, so administration is
    open only while the app listens on a loopback address (only this machine can reach it).
    """
    if parse_auth(getattr(settings, "auth", "") or "") is None:
        return str(getattr(settings, "host", "")).strip() in _LOOPBACK
    return bool(username) and username in admin_users(settings)
