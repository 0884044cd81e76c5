"""Index damage of any kind → a clear message and an automatic rebuild.

Chroma is partly Rust: a damaged store can raise ``pyo3_runtime.PanicException``, which is a ``BaseException``
(not an ``Exception``), so ordinary ``except Exception`` handlers let it through as a traceback. Here every failure
of the vector store (a panic, a chromadb or SQLite error, vectors of the wrong size) becomes
:class:`IndexDamaged` (an ``IndexError_``, so every surface reports it in Latvian), and:

- :func:`check_index` probes the active build (chunk and vector counts, vector size, one query) without building;
  ``python -m assistant index`` uses it, so a damaged index is not reported "up to date";
- :func:`with_repair` runs a search or an answer and, on damage, says so, rebuilds the index and tries once more
  (``search``, ``ask`` and the web app's answers use it).

Rust's own panic report (written straight to file descriptor 2) is kept off the terminal during the probe and the
store calls of the command-line tools (:func:`quiet_native_stderr`).

Example:
    problem = check_index(settings)          # None when healthy
    hits = with_repair(settings, lambda: get_retriever(settings).run(q), notify=print)
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from .errors import IndexError_

log = logging.getLogger(__name__)
T = TypeVar("T")

# set by the command-line tools: hide Rust's panic report during store calls (never in the multi-threaded app)
QUIET_NATIVE = False
_QUIET_LOCK = threading.Lock()

DAMAGED_LV = "meklēšanas indekss ir bojāts ({why}); to pārbūvē automātiski"
DAMAGED_EN = "the search index is damaged ({why}); rebuilding it automatically"


class IndexDamaged(IndexError_):
    """The vector store or the index files failed in a way only a rebuild repairs."""

    def __init__(self, why: str) -> None:
        super().__init__(
            f"meklēšanas indekss ir bojāts ({why}): palaidiet `python -m assistant index --rebuild`",
            f"the search index is damaged ({why}): run `python -m assistant index --rebuild`",
        )
        self.why = why


def _is_system(exc: BaseException) -> bool:
    return isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit))


def describe(exc: BaseException) -> str:
    """A short reason for a message: the exception's class and the first line of its text."""
    text = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def is_damage(exc: BaseException) -> bool:
    """Whether an exception from retrieval means a damaged index (and not, say, a bad question)."""
    if isinstance(exc, IndexDamaged):
        return True
    if isinstance(exc, IndexError_):
        return "bojāts" in exc.lv or "corrupt" in exc.en
    mod = type(exc).__module__ or ""
    name = type(exc).__name__
    if name == "PanicException" or mod.startswith(("pyo3", "chromadb")):
        return True
    import sqlite3

    return isinstance(exc, sqlite3.DatabaseError)


@contextlib.contextmanager
def quiet_native_stderr(enabled: bool | None = None) -> Iterator[None]:
    """Send file descriptor 2 to a temporary file for the block (Rust writes its panic report there directly)."""
    if not (QUIET_NATIVE if enabled is None else enabled):
        yield
        return
    with _QUIET_LOCK:
        try:
            sys.stderr.flush()
            saved = os.dup(2)
        except (OSError, ValueError):
            yield
            return
        with tempfile.TemporaryFile() as sink:
            os.dup2(sink.fileno(), 2)
            try:
                yield
            finally:
                os.dup2(saved, 2)
                os.close(saved)


def guard_store(fn: Callable[[], T], what: str) -> T:
    """Run one vector-store call; any failure (a Rust panic included) becomes :class:`IndexDamaged`."""
    try:
        with quiet_native_stderr():
            return fn()
    except IndexDamaged:
        raise
    except BaseException as exc:
        if _is_system(exc):
            raise
        log.warning("vector store failed (%s): %s", what, type(exc).__name__)
        raise IndexDamaged(f"{what}: {describe(exc)}") from exc


def check_index(settings: Any) -> str | None:
    """None when the active build is usable; otherwise why not (a Latvian-neutral short reason). Builds nothing.

    Checks: CURRENT names a build with a manifest; chunks.jsonl has the manifest's count of chunks; the Chroma
    collection opens, has the manifest's count of vectors of the manifest's size; one nearest-neighbour query runs.
    """
    from .index import _read_current, index_root

    root = index_root(settings)
    if not (root / "CURRENT").exists():
        return None  # nothing built yet: building is not a repair
    cur = _read_current(root)
    if cur is None:
        return "CURRENT / manifest.json"
    build, manifest = cur
    try:
        n = sum(1 for line in (build / "chunks.jsonl").open(encoding="utf-8") if line.strip())
    except (OSError, UnicodeDecodeError) as exc:
        return f"chunks.jsonl: {describe(exc)}"
    if n != manifest.get("n_chunks"):
        return f"chunks.jsonl: {n} != {manifest.get('n_chunks')}"
    try:
        with quiet_native_stderr(True if QUIET_NATIVE else None):
            return _probe_store(settings, build, manifest)
    except BaseException as exc:
        if _is_system(exc):
            raise
        return describe(exc)


def _probe_store(settings: Any, build: Path, manifest: dict) -> str | None:
    import numpy as np

    from .index import _chroma_client

    client = _chroma_client(settings, build)
    col = client.get_collection(manifest["collection"], embedding_function=None)
    count = col.count()
    if count != manifest.get("n_vectors"):
        return f"vectors: {count} != {manifest.get('n_vectors')}"
    dim = int(manifest.get("dim") or 0)
    got = col.get(limit=1, include=["embeddings"])
    emb = got.get("embeddings")
    if emb is None or len(emb) != (1 if count else 0):
        return "embeddings unreadable"
    if count and dim and len(emb[0]) != dim:
        return f"vector size {len(emb[0])} != {dim}"
    if count:
        vec = np.ones(dim or len(emb[0]), dtype=float) / max(1.0, float(dim or len(emb[0]))) ** 0.5
        res = col.query(query_embeddings=[vec.tolist()], n_results=1, include=["distances"])
        if not res.get("ids") or not res["ids"][0]:
            return "query returned nothing"
    return None


_REPAIR_LOCK = threading.Lock()


def repair(settings: Any, why: str, *, notify: Callable[[str], None] | None = None) -> dict:
    """Say why, rebuild the index from scratch and drop every cached retriever and assistant."""
    msg = f"{DAMAGED_LV.format(why=why)} / {DAMAGED_EN.format(why=why)}"
    if notify is not None:
        notify(msg)
    log.warning("index damaged, rebuilding: %s", why)
    from .index import build_index

    with _REPAIR_LOCK:
        stats = build_index(settings, rebuild=True, progress=notify is not None)
    reset_caches(settings)
    return stats


def reset_caches(settings: Any) -> None:
    from . import index

    with contextlib.suppress(Exception):
        index._invalidate(settings)
    with contextlib.suppress(Exception):
        from . import pipeline

        reset = getattr(pipeline, "reset_assistants", None)
        if reset is not None:
            reset()


def with_repair(settings: Any, fn: Callable[[], T], *, notify: Callable[[str], None] | None = None) -> T:
    """``fn()``; when it fails with index damage (a Rust panic included), rebuild once and call it again."""
    try:
        return fn()
    except BaseException as exc:
        if _is_system(exc) or not is_damage(exc):
            raise
        why = exc.why if isinstance(exc, IndexDamaged) else describe(exc)
    repair(settings, why, notify=notify)
    try:
        return fn()
    except BaseException as exc:
        if _is_system(exc) or not is_damage(exc):
            raise
        raise IndexDamaged(f"pēc pārbūves / after the rebuild: {describe(exc)}") from exc


def stderr_notice(msg: str) -> None:
    print(f"Brīdinājums / Warning: {msg}", file=sys.stderr, flush=True)
