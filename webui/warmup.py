"""The background warm-up: opens (on the first start builds) the index while the page is already served.

Example:
    warm = WarmUp(backends); warm.start(); warm.banner()  # "⏳ Notiek sagatavošana: …"
"""

from __future__ import annotations

import html
import logging
import threading
import time
from typing import Any

from assistant.errors import PaligsError

from .backends import BackendMissing

log = logging.getLogger("paligs.app")


class WarmUp:
    """Opens (or on the first start builds) the index in a background thread; the page shows its state."""

    def __init__(self, backends: Any) -> None:
        self.backends = backends
        self.state = "idle"  # idle | building | ready | error | missing
        self.message = ""
        self.started = 0.0
        self.finished = 0.0
        self.first_build = False
        self._done = threading.Event()
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self.state != "idle":
                return
            self.state = "building"
            self.started = time.monotonic()
            try:
                self.first_build = not self.backends.index_built()
            except Exception:  # noqa: BLE001 - only changes the wording of the banner
                self.first_build = False
        threading.Thread(target=self._run, name="paligs-warmup", daemon=True).start()

    def _run(self) -> None:
        try:
            self.backends.warm_up()
            self.state = "ready"
        except BackendMissing as exc:
            self.state, self.message = "missing", exc.lv
        except PaligsError as exc:
            self.state, self.message = "error", exc.lv
        except Exception as exc:
            log.exception("warm-up failed")
            self.state, self.message = "error", str(exc)[:300]
        finally:
            self.finished = time.monotonic()
            self._done.set()

    def wait(self, timeout: float) -> bool:
        if self.state == "idle":
            return True  # not started (tests, plain demo.launch()): the backends load on first use
        return self._done.wait(timeout)

    def banner(self) -> str:
        if self.state == "building":
            secs = int(time.monotonic() - self.started)
            what = (
                "pirmajā palaišanā veidoju meklēšanas indeksu (dokumentu nolasīšana, sadalīšana un iegultņi; "
                "parasti 1–3 minūtes, gaita redzama servera konsolē)"
                if self.first_build
                else "atveru meklēšanas indeksu"
            )
            return (
                f"⏳ **Notiek sagatavošana:** {what} — {secs} s. "
                "Jautājumi tiks atbildēti, tiklīdz tas būs gatavs; pārējās cilnes var lietot jau tagad."
            )
        if self.state == "error":
            return f"⚠️ **Indeksu neizdevās sagatavot:** {html.escape(self.message)}. Skatiet cilni „Par”."
        if self.state == "missing":
            return f"ℹ️ {html.escape(self.message)}"
        return ""
