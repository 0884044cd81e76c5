"""Run the app in a subprocess on a free loopback port (tests and benchmarks).

Example:
    with AppServer(data_dir=tmp) as srv:
        Client(srv.url).predict("Kas ir e-pakalpojums?", None, api_name="/ask")
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Self

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class AppServer:
    """``python app.py`` on 127.0.0.1:<free port>; ``start()`` returns the seconds until the first page was served."""

    def __init__(
        self,
        *,
        data_dir: Path | str | None = None,
        extra_env: dict[str, str] | None = None,
        args: list[str] | None = None,
        log_path: Path | str | None = None,
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.data_dir = data_dir
        self.extra_env = extra_env or {}
        self.args = args or []
        self.log_path = Path(log_path) if log_path else None
        self.proc: subprocess.Popen | None = None
        self._log = None
        self.start_cpu_s = 0.0

    def start(self, timeout: float = 120.0) -> float:
        env = dict(os.environ)
        env.update(
            {
                "ANONYMIZED_TELEMETRY": "False",
                "GRADIO_ANALYTICS_ENABLED": "False",
                "HF_HUB_OFFLINE": "1",
                "PALIGS_HOST": "127.0.0.1",
                "PALIGS_PORT": str(self.port),
                "PYTHONUNBUFFERED": "1",
            }
        )
        env.pop("GRADIO_SERVER_PORT", None)
        env.pop("GRADIO_SERVER_NAME", None)
        if self.data_dir is not None:
            env["PALIGS_DATA_DIR"] = str(self.data_dir)
        env.update(self.extra_env)
        if self.log_path:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log = self.log_path.open("w", encoding="utf-8")
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, str(REPO / "app.py"), *self.args],
            cwd=str(REPO),
            env=env,
            stdout=self._log or subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        while time.perf_counter() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the app exited with code {self.proc.returncode} (log: {self.log_path})")
            try:
                with urllib.request.urlopen(self.url, timeout=2) as r:
                    if r.status == 200 and b"gradio" in r.read().lower():
                        self.start_cpu_s = self.cpu_seconds()
                        return time.perf_counter() - t0
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the app did not serve a page within {timeout} s")

    def wait_ready(self, timeout: float = 600.0) -> None:
        """Wait until the index is open (the page banner goes away): poll the ask API with a trivial question."""
        from gradio_client import Client

        t0 = time.perf_counter()
        client = Client(self.url, verbose=False)
        while True:
            try:
                client.predict("Kas ir pakalpojums?", None, api_name="/ask")
                return
            except Exception:
                if time.perf_counter() - t0 > timeout:
                    raise
                time.sleep(1)

    def _status_mb(self, key: str) -> float:
        """One memory line of the server process's /proc status (Linux), in MB; 0.0 when unknown."""
        if self.proc is None:
            return 0.0
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def rss_mb(self) -> float:
        """Resident memory of the server process (Linux /proc), in MB."""
        return self._status_mb("VmRSS")

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the server process has used so far: a figure that the machine's load
        does not inflate, unlike wall-clock time."""
        if self.proc is None:
            return 0.0
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return 0.0

    def peak_rss_mb(self) -> float:
        """Peak resident memory of the server process so far, in MB."""
        return self._status_mb("VmHWM")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        if self._log:
            self._log.close()
            self._log = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
