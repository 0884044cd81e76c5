"""The launch settings the app checks before Gradio is imported (port, upload and body limits, login), the
request body limit middleware, and the cleaning of the app's temporary files.

Example:
    port, max_mb, auth = check_launch_settings(settings)  # ConfigError (Latvian + English) when one is bad
    demo.launch(app_kwargs=body_limit_kwargs(settings), ...)
"""

from __future__ import annotations

import math

from assistant.config import Settings
from assistant.errors import ConfigError

from .auth import parse_auth


def check_launch_settings(settings: Settings) -> tuple[int, float, list[tuple[str, str]] | None]:
    """(port, upload limit in MB, login pairs or None); a bad value raises ConfigError."""
    port, max_mb = int(settings.port), float(settings.max_upload_mb)
    for name in ("max_body_mb", "login_delay_s"):
        v = float(getattr(settings, name))
        if not (math.isfinite(v) and v > 0):
            raise ConfigError(f"iestatījumam {name} jābūt pozitīvam skaitlim, nevis '{v:g}'",
                              f"the setting {name} must be a positive number, not '{v:g}'")
    for name in ("login_max_failures", "download_minutes"):
        if int(getattr(settings, name)) < 1:
            raise ConfigError(f"iestatījumam {name} jābūt vismaz 1", f"the setting {name} must be at least 1")
    if not 1 <= port <= 65535:
        raise ConfigError(
            f"ports {port} nav derīgs (gaidīts 1–65535)", f"port {port} is not valid (expected 1-65535)"
        )
    if not (math.isfinite(max_mb) and max_mb > 0):
        raise ConfigError(
            f"augšupielādes limitam jābūt pozitīvam skaitlim MB, nevis '{settings.max_upload_mb:g}'",
            f"the upload limit must be a positive number of MB, not '{settings.max_upload_mb:g}'",
        )
    return port, max_mb, parse_auth(settings.auth)


# ------------------------------------------------------------------ request body limit (API calls, not uploads)

BODY_LIMIT_LV = "pieprasījums ir pārāk liels ({got}); atļauts līdz {limit} MB (iestatījums max_body_mb)"
BODY_LIMIT_EN = "the request is too large ({got}); the limit is {limit} MB (setting max_body_mb)"


class BodyLimit:
    """Pure ASGI middleware: a request body over ``max_bytes`` is refused with 413 and a Latvian / English message,
    before it is read (by its Content-Length) or as soon as the streamed bytes pass the limit (chunked bodies), so
    a 100 MB JSON body to ``/triage`` never reaches the JSON parser. File uploads (``/upload``) are left to
    Gradio's own per-file ``max_file_size``, which streams them to disk."""

    def __init__(self, app, max_bytes: int, exempt: tuple[str, ...] = ("/gradio_api/upload", "/upload")) -> None:
        self.app = app
        self.max_bytes = int(max_bytes)
        self.exempt = exempt

    async def __call__(self, scope, receive, send):
        if scope.get("type") != "http" or scope.get("method", "GET") in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        if any(path == p or path.startswith(p + "?") for p in self.exempt):
            return await self.app(scope, receive, send)
        length = None
        for k, v in scope.get("headers") or []:
            if k == b"content-length":
                try:
                    length = int(v)
                except ValueError:
                    length = self.max_bytes + 1
        if length is not None and length > self.max_bytes:
            return await self._refuse(send, f"{length / 1048576:.1f} MB")
        seen = 0
        refused = False
        started = False

        async def limited_receive():
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message.get("type") == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    refused = True
                    return {"type": "http.disconnect"}
            return message

        async def tracking_send(message):
            nonlocal started
            if refused and not started:
                return None  # the app's own answer to the cut request is replaced by ours below
            if message.get("type") == "http.response.start":
                started = True
            return await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except Exception:
            if not refused:
                raise
            # the app saw the client "disconnect" when the body passed the limit; its error is ours to answer
        if refused and not started:
            await self._refuse(send, f"> {self.max_bytes / 1048576:.3g} MB")

    async def _refuse(self, send, got: str) -> None:
        import json

        limit = f"{self.max_bytes / 1048576:.3g}"
        body = json.dumps(
            {"error": BODY_LIMIT_LV.format(got=got, limit=limit) + " / " + BODY_LIMIT_EN.format(got=got, limit=limit)},
            ensure_ascii=False,
        ).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json; charset=utf-8"),
                                (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


def body_limit_kwargs(settings: Settings) -> dict:
    """``app_kwargs`` for ``demo.launch()``: the request body limit middleware."""
    from starlette.middleware import Middleware

    max_bytes = int(float(settings.max_body_mb) * 1024 * 1024)
    return {"middleware": [Middleware(BodyLimit, max_bytes=max_bytes)]}


# ------------------------------------------------------------------ temporary files of the app

def clean_old_files(root, max_age_s: float) -> int:
    """Delete files under ``root`` older than ``max_age_s`` (and the folders left empty); returns how many."""
    import os
    import time
    from pathlib import Path

    root = Path(root)
    if not root.is_dir():
        return 0
    now, n = time.time(), 0
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        for f in filenames:
            p = Path(dirpath) / f
            try:
                if now - p.lstat().st_mtime > max_age_s:
                    p.unlink()
                    n += 1
            except OSError:
                continue
        for d in dirnames:
            try:
                (Path(dirpath) / d).rmdir()  # only when empty
            except OSError:
                continue
    return n
