"""Session fixtures shared across the suite (loaded NLP, a built index, a running app)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def dovecot():
    """A throwaway Dovecot IMAP server (TLS required, loopback, temp Maildirs), stopped after the session.

    Debian's dovecot-imapd comes with ``scripts/install.sh --dev``; without it these tests fail (never skip).
    """
    from assistant.triage.testserver import DovecotServer

    srv = DovecotServer().start()
    try:
        yield srv
    finally:
        srv.stop()
