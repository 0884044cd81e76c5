"""The launch settings the app checks before Gradio is imported: port, upload limit and login.

Example:
    port, max_mb, auth = check_launch_settings(settings)  # ConfigError (Latvian + English) when one is bad
"""

from __future__ import annotations

import math

from assistant.config import Settings
from assistant.errors import ConfigError

from .auth import parse_auth


def check_launch_settings(settings: Settings) -> tuple[int, float, list[tuple[str, str]] | None]:
    """(port, upload limit in MB, login pairs or None); a bad value raises ConfigError."""
    port, max_mb = int(settings.port), float(settings.max_upload_mb)
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
