"""Pakalpojumu palīgs: grounded Latvian answers, retrieval and inbox triage over the guidance corpus."""

from __future__ import annotations

import os

# chromadb must never phone home; set before any chromadb import anywhere in the process
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# the bundled e5 engine uses OpenMP: spinning threads starve everything else on a busy 2-core machine
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from .config import Settings, load_settings  # noqa: E402
from .errors import PaligsError  # noqa: E402
from .types import Answer, Chunk, Citation, DocMeta, Document, Hit  # noqa: E402

__all__ = ["Answer", "Chunk", "Citation", "DocMeta", "Document", "Hit", "PaligsError", "Settings", "load_settings"]
