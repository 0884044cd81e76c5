"""Login for the app: ``settings.auth`` is "user:password" or a path to a file with one "user:password" per line."""

from __future__ import annotations

from pathlib import Path

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


# ------------------------------------------------------------------ login throttling

class LoginThrottle:
    """Wrong passwords slow the next tries down: after ``max_failures`` failures for a user name, every further
    try for that name waits ``delay_s`` seconds, doubling with each failure (up to 5 minutes), and is refused
    without checking the password while its wait has not passed. All failures together (any user name) add the
    same kind of wait once they pass ten times ``max_failures`` within ten minutes, so guessing many names does
    not go faster. A correct password clears the name's count. Passwords are compared in constant time.

    ``check`` is an ``async`` function (Gradio awaits it): a wait sleeps without blocking the server.

    Example:
        t = LoginThrottle(pairs, max_failures=5, delay_s=2.0); ok = await t.check("anna", "…")
    """

    WINDOW_S = 600.0
    MAX_DELAY_S = 300.0

    def __init__(self, pairs: list[tuple[str, str]], *, max_failures: int = 5, delay_s: float = 2.0,
                 clock=None) -> None:
        import threading
        import time

        self.users = dict(pairs)
        self.max_failures = max(1, int(max_failures))
        self.delay_s = float(delay_s)
        self.clock = clock or time.monotonic
        self._fails: dict[str, list[float]] = {}
        self._locked_until: dict[str, float] = {}
        self._global: list[float] = []
        self._lock = threading.Lock()

    def wait_for(self, username: str) -> float:
        """Seconds a try for ``username`` must still wait (0: it may be checked now)."""
        now = self.clock()
        with self._lock:
            until = max(self._locked_until.get(username, 0.0), self._locked_until.get("*", 0.0))
        return max(0.0, until - now)

    def _failed(self, username: str) -> None:
        now = self.clock()
        with self._lock:
            fails = [t for t in self._fails.get(username, []) if now - t < self.WINDOW_S] + [now]
            self._fails[username] = fails
            if len(fails) >= self.max_failures:
                over = len(fails) - self.max_failures
                self._locked_until[username] = now + min(self.MAX_DELAY_S, self.delay_s * (2 ** min(over, 20)))
            self._global = [t for t in self._global if now - t < self.WINDOW_S] + [now]
            limit = 10 * self.max_failures
            if len(self._global) >= limit:
                over = len(self._global) - limit
                self._locked_until["*"] = now + min(self.MAX_DELAY_S, self.delay_s * (2 ** min(over, 20)))
            if len(self._fails) > 10_000:  # a flood of made-up names must not grow memory without end
                for k in list(self._fails)[:5_000]:
                    self._fails.pop(k, None)

    def verify(self, username: str, password: str) -> bool:
        """The password check alone (no waiting): True only for a listed user with the right password."""
        import hmac

        expected = self.users.get(username)
        ok = hmac.compare_digest((password or "").encode(), (expected or "\x00" * 16).encode())
        return bool(expected is not None and ok)

    async def check(self, username: str, password: str) -> bool:
        import asyncio

        if self.wait_for(username) > 0:
            return False  # refused unchecked; not counted, so a wait does not grow while nobody guesses
        if self.verify(username, password):
            with self._lock:
                self._fails.pop(username, None)
                self._locked_until.pop(username, None)
            return True
        self._failed(username)
        await asyncio.sleep(min(1.0, self.delay_s / 4))  # every wrong password costs the caller a moment
        return False

    def gradio_auth(self):
        """The callable for ``demo.launch(auth=...)`` (a plain async function: Gradio awaits coroutine functions)."""

        async def auth(username: str, password: str) -> bool:
            return await self.check(username, password)

        return auth


# ------------------------------------------------------------------ admin actions

ADMIN_LV = ("šī darbība pieejama tikai administratoriem (iestatījums admins); piesakieties kā administrators")
ADMIN_EN = "only administrators may do this (setting admins); log in as an administrator"
LOOPBACK = ("127.0.0.1", "localhost", "::1", "")


def admin_names(settings) -> set[str]:
    return {n.strip() for n in str(getattr(settings, "admins", "") or "").replace(";", ",").split(",") if n.strip()}


def is_admin(settings, username: str | None) -> bool:
    """Server-side check for admin actions (index rebuild; later document management).

    With a login (``auth``): the logged-in user must be listed in ``admins`` (``*`` = every logged-in user).
    Without a login: allowed only when the server listens on a loopback address (the machine's own user), never
    when it is reachable from the network without a login.
    """
    if str(getattr(settings, "auth", "") or "").strip():
        names = admin_names(settings)
        return bool(username) and ("*" in names or username in names)
    return str(getattr(settings, "host", "") or "").strip() in LOOPBACK
