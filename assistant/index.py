"""Index lifecycle: build (incremental, atomic), open, and the process-wide hybrid retriever.

Layout under ``<data_dir>/index/``::

    CURRENT                      name of the active build (switched atomically with os.replace)
    build-<time>-<hash>/         one complete build: manifest.json (written last), chunks.jsonl, chroma/
    .lock                        held while building; the up-to-date check and readers do not take it: while
                                 another process builds, a reader opens the build CURRENT names (if any)

A build reads the corpus, chunks it, embeds only chunks whose (model, text) hash is not in the shared
embedding cache, writes everything into a new build directory and only then points CURRENT at it, so an
interrupted or failed build never leaves a broken index and readers keep the old one. The manifest records
the embedding model and the cleaner, restorer, chunker and stemmer versions; a change in any of them (or in
the corpus files) triggers a rebuild. With ``settings.chroma_host`` set, vectors go to a Chroma server in a
collection named per build, switched the same way.

Example:
    stats = build_index(settings, progress=True); hits = get_retriever(settings).run("kas ir pakalpojums")
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import sys
import threading
import time
import uuid
from dataclasses import asdict, replace
from pathlib import Path
from collections.abc import Callable
from typing import Any

from .config import REPO_ROOT, Settings
from .errors import IndexError_, PaligsError
from .types import Chunk, Document

INDEX_FORMAT = "idx-5"
KEEP_BUILDS = 2  # the current build and the one before it (a reader may still have it open)


# ------------------------------------------------------------------------------------------ fingerprints
def index_root(settings: Settings) -> Path:
    return Path(settings.data_dir) / "index"


def _versions(settings: Settings) -> dict[str, str]:
    from .chunking import CHUNKER_VERSION
    from .corpus import CLEANER_VERSION
    from .diacritics import RESTORER_VERSION
    from .sections import SECTIONS_VERSION
    from .stemming import STEMMER_VERSION

    return {
        "format": INDEX_FORMAT,
        "embedder": settings.embedder,
        "cleaner": CLEANER_VERSION,
        "restorer": RESTORER_VERSION,
        "chunker": CHUNKER_VERSION,
        "stemmer": STEMMER_VERSION,
        "sections": SECTIONS_VERSION,
        "code": _code_fingerprint(),
        "chroma": f"{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else "local",
    }


_INDEX_CODE = ("corpus.py", "diacritics.py", "chunking.py", "stemming.py", "sections.py", "sentences.py", "bank.py")


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """Hash of the code and word lists that shape what the index stores (cleaning, OCR repair, chunks, sections
    and their readability): a change there rebuilds the index even when nobody bumped a version constant."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha1()
    for name in _INDEX_CODE:
        p = here / name
        h.update(p.read_bytes() if p.is_file() else b"")
    for p in sorted((here / "data").glob("*")):
        if p.is_file() and p.suffix in (".txt", ".tsv", ".toml", ".json"):
            h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()[:16]


def corpus_fingerprint(settings: Settings, view: Any = None) -> str:
    """Hash of the manifest, every listed source file, the question bank and the vocabulary (cheap: no
    parsing, no cleaning), and of the documents administrators added (``view``: a staged
    :class:`assistant.library.LibraryView`; default the committed one)."""
    from .bank import BANK_DIR, BANK_MANIFEST, bank_files
    from .corpus import load_manifest
    from .vocabulary import VOCABULARY_FILE

    corpus_dir = Path(settings.corpus_dir)
    h = hashlib.sha1()
    h.update((corpus_dir / "manifest.toml").read_bytes() if (corpus_dir / "manifest.toml").is_file() else b"")
    for p in [*bank_files(corpus_dir), corpus_dir / BANK_DIR / BANK_MANIFEST, corpus_dir / VOCABULARY_FILE]:
        h.update(p.name.encode())
        try:
            h.update(hashlib.sha1(p.read_bytes()).digest())
        except OSError:
            h.update(b"<none>")
    for meta in load_manifest(corpus_dir):
        p = corpus_dir / meta.source_file
        h.update(meta.source_file.encode())
        try:
            st = p.stat()
            h.update(hashlib.sha1(p.read_bytes()).digest() if st.st_size < 200_000_000 else str(st.st_mtime).encode())
        except OSError:
            h.update(b"<missing>")
    view = view if view is not None else _current_view(settings)
    if view.entries:  # without added documents the fingerprint stays what it always was
        h.update(b"added:" + view.fingerprint())
    return h.hexdigest()


def _current_view(settings: Settings):
    from .library import LibraryView

    return LibraryView.current(settings)


def _read_current(root: Path) -> tuple[Path, dict[str, Any]] | None:
    """The active build directory and its manifest, or None when there is no usable one."""
    try:
        name = (root / "CURRENT").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    build = root / name
    try:
        manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or not (build / "chunks.jsonl").is_file():
        return None
    return build, manifest


@contextlib.contextmanager
def _build_lock(root: Path, *, blocking: bool = True):
    """Hold ``root/.lock`` (one builder at a time); yields False instead of waiting when ``blocking`` is off
    and another process holds it."""
    import fcntl

    try:
        root.mkdir(parents=True, exist_ok=True)
        fh = open(root / ".lock", "a+")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise IndexError_(
            f"indeksa mapi '{root}' nevar izveidot vai lietot ({exc.strerror}): norādiet citu --data-dir",
            f"cannot create or use the index folder '{root}' ({exc.strerror}): give another --data-dir",
        ) from exc
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# ----------------------------------------------------------------------------------------------- chroma
def _chroma_client(settings: Settings, build: Path):
    import chromadb

    from .retrieval.dense import chroma_settings

    if settings.chroma_host:
        try:
            return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings())
        except Exception as exc:  # noqa: BLE001 - connection refused, bad host...
            raise IndexError_(
                f"Chroma serveris {settings.chroma_host}:{settings.chroma_port} nav sasniedzams ({exc})",
                f"Chroma server {settings.chroma_host}:{settings.chroma_port} is unreachable ({exc})",
            ) from exc
    return chromadb.PersistentClient(path=str(build / "chroma"), settings=chroma_settings())


def _collection_name(settings: Settings, build_name: str) -> str:
    if settings.chroma_host:
        return f"{settings.chroma_collection}-{build_name.split('-', 1)[1]}"[:60]
    return settings.chroma_collection


# ------------------------------------------------------------------------------------------------ build
def _chunk_to_json(c: Chunk) -> str:
    return json.dumps(asdict(c), ensure_ascii=False)


def _no_op(build: Path, manifest: dict, t0: float, **extra: Any) -> dict:
    return {
        "changed": False,
        "build": build.name,
        "chunks": manifest.get("n_chunks", 0),
        "documents": manifest.get("n_documents", 0),
        "embedded": 0,
        "problems": manifest.get("problems") or [],
        "deferred": manifest.get("deferred", 0),
        "seconds": round(time.perf_counter() - t0, 3),
        **extra,
    }


def _up_to_date(
    settings: Settings, root: Path, fp: str, versions: dict[str, str], *, partial_ok: bool = True
) -> tuple[Path, dict] | None:
    """The current build when it matches the corpus fingerprint and the versions (no lock needed: CURRENT only
    ever names a complete build). ``partial_ok``: a build whose newest chunks still wait for their vectors
    (``deferred``) counts as current; readers accept it, an explicit build completes it."""
    cur = _read_current(root)
    if cur is None:
        return None
    build, manifest = cur
    if not partial_ok and manifest.get("deferred"):
        return None
    if manifest.get("fingerprint") == fp and manifest.get("versions") == versions and _collection_ok(
        settings, build, manifest
    ):
        return cur
    return None


def build_index(
    settings: Settings,
    *,
    rebuild: bool = False,
    progress: bool | Callable[[int, int, str], None] = False,
    wait: bool = True,
    view: Any = None,
    on_commit: Callable[[], None] | None = None,
    defer_new: bool = False,
) -> dict:
    """Build or update the index; returns stats. No-op (``changed: False``) when nothing changed.

    The up-to-date check takes no lock; only building does. ``wait=False`` (readers): when another process is
    building and a current build exists, return at once with ``busy: True`` instead of waiting for that build.
    ``progress``: True for a bar on stderr, or ``progress(done, total, what)``.
    ``view`` / ``on_commit`` (document management): build from a staged set of added documents and call
    ``on_commit()`` under the build lock right after CURRENT points at the new build (there the staged manifest
    becomes the real one, so that readers never see the two disagree).
    ``defer_new``: chunks whose vectors are not in the cache go in without one (searchable by the lexical indexes
    at once; the build records ``deferred``). Readers (``wait=False``) take such a build as current; an explicit
    build (``wait=True``) computes the missing vectors.
    """
    t0 = time.perf_counter()
    root = index_root(settings)
    fp = corpus_fingerprint(settings, view)
    versions = _versions(settings)
    partial_ok = not wait or defer_new
    if on_commit is None and not rebuild and (cur := _up_to_date(settings, root, fp, versions, partial_ok=partial_ok)):
        return _no_op(*cur, t0)
    with _build_lock(root, blocking=wait or on_commit is not None) as locked:
        if locked:
            if not rebuild and (cur := _up_to_date(settings, root, fp, versions, partial_ok=partial_ok)) is not None:
                if on_commit is not None:
                    on_commit()
                return _no_op(*cur, t0)  # another process built it while this one waited for the lock
            stats = _build(
                settings, root, fp, versions, progress=progress, view=view, on_commit=on_commit, defer_new=defer_new
            )
            stats["seconds"] = round(time.perf_counter() - t0, 3)
    if not locked:  # another process is building
        cur = _read_current(root)
        if cur is not None:
            return _no_op(*cur, t0, busy=True)
        return build_index(settings, rebuild=rebuild, progress=progress, wait=True)  # nothing to read: wait
    _invalidate(settings)
    return stats


def _collection_ok(settings: Settings, build: Path, manifest: dict) -> bool:
    if not settings.chroma_host:
        return (build / "chroma").is_dir()
    try:
        client = _chroma_client(settings, build)
        col = client.get_collection(manifest["collection"], embedding_function=None)
        return col.count() == manifest.get("n_vectors")
    except Exception:  # noqa: BLE001 - missing collection: rebuild
        return False


class _CallbackBar:
    """A tqdm-like counter that reports to ``progress(done, total, what)``."""

    def __init__(self, fn: Callable[[int, int, str], None], total: int, what: str) -> None:
        self.fn, self.total, self.what, self.n = fn, total, what, 0
        self._last = 0.0

    def update(self, k: int = 1) -> None:
        self.n += k
        now = time.monotonic()
        if now - self._last > 0.2 or self.n >= self.total:
            self._last = now
            self.fn(self.n, self.total, self.what)

    def close(self) -> None:
        self.fn(self.total, self.total, self.what)


def _bar(progress: bool | Callable[[int, int, str], None], total: int, desc: str, what: str, unit: str):
    if callable(progress):
        return _CallbackBar(progress, total, what)
    if progress:
        from tqdm import tqdm

        return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, leave=False)
    return None


def load_all_documents(settings: Settings, view: Any = None) -> tuple[list[Document], list[str], Any]:
    """The shipped corpus and the documents administrators added (a document id used twice: the added one is
    skipped and reported); returns (documents, problems, the view of the added ones)."""
    from .corpus import load_documents
    from .library import added_documents

    docs, problems = load_documents(Path(settings.corpus_dir))
    view = view if view is not None else _current_view(settings)
    added, added_problems = added_documents(view)
    ids = {d.meta.id for d in docs}
    names = {d.meta.source_file for d in docs}
    for d in added:
        if d.meta.id in ids or d.meta.source_file in names:
            added_problems.append(
                f"pievienotā dokumenta id {d.meta.id} jau ir korpusā: izlaists / "
                f"added document id {d.meta.id} is already in the corpus: skipped"
            )
            continue
        ids.add(d.meta.id)
        names.add(d.meta.source_file)
        docs.append(d)
    return docs, list(problems) + list(added_problems), view


def _build(
    settings: Settings,
    root: Path,
    fp: str,
    versions: dict[str, str],
    *,
    progress: bool | Callable[[int, int, str], None],
    view: Any = None,
    on_commit: Callable[[], None] | None = None,
    defer_new: bool = False,
) -> dict:
    from .chunking import chunk_documents, indexed_text
    from .diacritics import cache_dir
    from .embeddings import EmbeddingCache, get_embedder

    t0 = time.perf_counter()
    docs, problems, view = load_all_documents(settings, view)
    chunks = chunk_documents(docs)
    t_chunk = time.perf_counter() - t0
    embedder = get_embedder(settings.embedder)
    cache = EmbeddingCache(cache_dir() / "embeddings.sqlite")
    texts = [indexed_text(c) for c in chunks]
    ids = [c.chunk_id for c in chunks]
    metas: list[dict] = [{"doc": c.doc, "chunk": c.chunk_id, "position": c.position} for c in chunks]
    bar = _bar(progress, len(texts), "Indeksē / indexing", "fragmenti", "chunk")
    deferred = 0
    try:
        if defer_new:
            # searchable first: chunks whose vectors are not cached yet go in without one (lexical search finds
            # them at once); the next full build computes them
            vecs, have = cache.lookup(embedder, texts)
            computed, deferred = 0, int((~have).sum())
            if deferred:
                keep = [i for i in range(len(texts)) if have[i]]
                vecs = vecs[keep]
                ids = [ids[i] for i in keep]
                metas = [metas[i] for i in keep]
        else:
            vecs, computed = cache.embed(embedder, texts, progress=(bar.update if bar else None))
    finally:
        if bar is not None:
            bar.update(bar.total - bar.n)
            bar.close()
        cache.close()
    t_embed = time.perf_counter() - t0 - t_chunk
    # sections (where people marked them: the question bank's anchors) and the bank's question vectors
    from .bank import load_bank
    from .sections import sections_of
    from .vocabulary import load_vocabulary

    extra = [view.bank_dir] if view.bank_dir.is_dir() else []
    bank = load_bank(Path(settings.corpus_dir), docs, extra_dirs=extra)
    from .answering.thresholds import PROBLEMS as threshold_problems

    problems = (
        list(problems)
        + bank.problems
        + load_vocabulary(Path(settings.corpus_dir) / "vocabulary.tsv").problems
        + list(threshold_problems)
    )
    sections = sections_of(docs, bank.starts())
    bank_questions = [q for e in bank.entries for q in e.questions]
    bank_vecs = None
    if bank_questions:
        cache = EmbeddingCache(cache_dir() / "embeddings.sqlite")
        bar = _bar(progress, len(bank_questions), "Jautājumu banka / question bank", "jautājumi", "q")
        try:
            bank_vecs, _n = cache.embed(embedder, bank_questions, progress=(bar.update if bar else None), kind="query")
        finally:
            if bar is not None:
                bar.close()
            cache.close()
    t_bank = time.perf_counter() - t0 - t_chunk - t_embed

    name = f"build-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{uuid.uuid4().hex[:6]}-{fp[:8]}"
    build = root / name
    tmp = root / f".tmp-{name}"
    if tmp.exists():
        shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    collection = _collection_name(settings, name)
    try:
        with open(tmp / "chunks.jsonl", "w", encoding="utf-8") as fh:
            for c in chunks:
                fh.write(_chunk_to_json(c) + "\n")
        (tmp / "documents.json").write_text(
            json.dumps([asdict(d.meta) for d in docs], ensure_ascii=False, indent=1), encoding="utf-8"
        )
        from .sections import corpus_vocabulary

        (tmp / "known_words.txt").write_text("\n".join(sorted(corpus_vocabulary(docs))), encoding="utf-8")
        with open(tmp / "sections.jsonl", "w", encoding="utf-8") as fh:
            for sec in sections:
                fh.write(json.dumps(asdict(sec), ensure_ascii=False) + "\n")
        with open(tmp / "bank.jsonl", "w", encoding="utf-8") as fh:
            for e in bank.entries:
                fh.write(json.dumps(asdict(e), ensure_ascii=False) + "\n")
        if bank_vecs is not None:
            import numpy as np

            np.save(tmp / "bank_vectors.npy", bank_vecs.astype(np.float32))
        # Chroma: a local store lives inside the build directory; on a server, one collection per build
        target = tmp
        if not settings.chroma_host:
            # build the local store at its final path name so that Chroma's paths stay valid after the rename
            os.replace(tmp, build)
            target = build
        client = _chroma_client(settings, target)
        with contextlib.suppress(Exception):
            client.delete_collection(collection)
        col = client.create_collection(
            collection, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        for s in range(0, len(ids), 256):
            col.add(
                ids=ids[s : s + 256],
                embeddings=vecs[s : s + 256].astype(float).tolist(),
                metadatas=metas[s : s + 256],
            )
        if col.count() != len(ids):
            raise IndexError_("Chroma kolekcija nav pilnīga", "the Chroma collection is incomplete")
        manifest = {
            "fingerprint": fp,
            "versions": versions,
            "embedder_model": embedder.model_id,
            "dim": embedder.dim,
            "collection": collection,
            "n_chunks": len(chunks),
            "n_vectors": len(ids),
            "n_documents": len(docs),
            "n_sections": len(sections),
            "n_bank_questions": len(bank_questions),
            "deferred": deferred,
            "problems": problems,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        if settings.chroma_host:
            os.replace(tmp, build)
        # the switch: readers see either the old build or the complete new one
        ptr = root / f".CURRENT.tmp{os.getpid()}"
        ptr.write_text(name, encoding="utf-8")
        os.replace(ptr, root / "CURRENT")
        if on_commit is not None:
            on_commit()
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        cur_ptr = root / "CURRENT"
        if not (cur_ptr.is_file() and cur_ptr.read_text(encoding="utf-8").strip() == name):
            shutil.rmtree(build, ignore_errors=True)  # never delete the build CURRENT already points at
        raise
    _cleanup(settings, root, keep=name)
    return {
        "changed": True,
        "build": name,
        "documents": len(docs),
        "chunks": len(chunks),
        "vectors": len(ids),
        "embedded": computed,
        "reused": len(ids) - computed,
        "problems": problems,
        "chunk_seconds": round(t_chunk, 3),
        "embed_seconds": round(t_embed, 3),
        "bank_seconds": round(t_bank, 3),
        "sections": len(sections),
        "bank_questions": len(bank_questions),
        "deferred": deferred,
    }


def _cleanup(settings: Settings, root: Path, keep: str) -> None:
    """Delete builds older than the previous one (and their server collections)."""
    builds = sorted((p for p in root.glob("build-*") if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    old = [p for p in builds if p.name != keep][KEEP_BUILDS - 1 :]
    for p in old:
        if settings.chroma_host:
            with contextlib.suppress(Exception):
                m = json.loads((p / "manifest.json").read_text(encoding="utf-8"))
                _chroma_client(settings, p).delete_collection(m["collection"])
        shutil.rmtree(p, ignore_errors=True)
    for p in root.glob(".tmp-build-*"):
        if time.time() - p.stat().st_mtime > 3600:
            shutil.rmtree(p, ignore_errors=True)


# ------------------------------------------------------------------------------------------------- open
def open_retriever(settings: Settings):
    """Open the current build as a :class:`HybridRetriever`; :class:`IndexError_` when missing/corrupt."""
    from .diacritics import restore_query
    from .embeddings import get_embedder
    from .retrieval import DenseRetriever, HybridRetriever, LexicalRetriever
    from .vocabulary import get_vocabulary

    root = index_root(settings)
    cur = _read_current(root)
    if cur is None:
        raise IndexError_(
            f"indekss mapē '{root}' nav atrasts vai ir bojāts: palaidiet `python -m assistant index`",
            f"no usable index in '{root}': run `python -m assistant index`",
        )
    build, manifest = cur
    try:
        chunks = [Chunk(**json.loads(line)) for line in (build / "chunks.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
        if len(chunks) != manifest.get("n_chunks"):
            raise ValueError("chunk count differs from the manifest")
        embedder = get_embedder(settings.embedder)
        embedder.query_cache.resize(settings.query_cache)
        if manifest.get("embedder_model") != embedder.model_id:
            raise ValueError("built with another embedding model")
        client = _chroma_client(settings, build)
        col = client.get_collection(manifest["collection"], embedding_function=None)
        if col.count() != manifest.get("n_vectors"):
            raise ValueError("vector count differs from the manifest")
    except PaligsError:
        raise
    except Exception as exc:  # noqa: BLE001 - any damage means: rebuild
        raise IndexError_(
            f"indekss '{build.name}' ir bojāts ({exc}): palaidiet `python -m assistant index --rebuild`",
            f"index '{build.name}' is corrupt ({exc}): run `python -m assistant index --rebuild`",
        ) from exc
    lexical = LexicalRetriever(top_k=settings.top_k)
    lexical.warm_up(chunks)
    chargram = LexicalRetriever(top_k=settings.top_k, stemmer="char5")
    chargram.warm_up(chunks)

    def _restore(q: str) -> str:
        try:
            return restore_query(q)
        except Exception:  # noqa: BLE001 - restoration is an improvement, never a failure
            return q

    dense = DenseRetriever(col, embedder, chunks, top_k=settings.top_k, restore=_restore)
    info = {"build": build.name, "n_chunks": len(chunks), "embedder_model": manifest.get("embedder_model")}
    hybrid = HybridRetriever(lexical, dense, chargram=chargram, top_k=settings.top_k, info=info)
    hybrid.vocabulary = get_vocabulary(settings.corpus_dir)
    hybrid.sections, hybrid.bank_entries, hybrid.bank_vectors = _open_answer_data(build)
    return hybrid


def _open_answer_data(build: Path):
    """The build's sections, question bank entries and bank vectors (empty when the build has none)."""
    import numpy as np

    from .bank import BankEntry
    from .sections import Section, Unit

    sections: list[Section] = []
    entries: list[BankEntry] = []
    vecs = None
    try:
        for line in (build / "sections.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                d["units"] = tuple(Unit(**u) for u in d["units"])
                sections.append(Section(**d))
        bank_path = build / "bank.jsonl"
        if bank_path.is_file():
            for line in bank_path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    d = json.loads(line)
                    d["questions"] = tuple(d["questions"])
                    entries.append(BankEntry(**d))
        known = build / "known_words.txt"
        if known.is_file():
            from .sentences import WORD_QUALITY

            WORD_QUALITY.learn(known.read_text(encoding="utf-8").split())
        vec_path = build / "bank_vectors.npy"
        if vec_path.is_file():
            vecs = np.load(vec_path)
    except FileNotFoundError:
        pass
    except (ValueError, TypeError, KeyError, OSError) as exc:
        raise IndexError_(
            f"indeksa '{build.name}' sadaļu vai jautājumu bankas dati ir bojāti ({exc}): tas tiks veidots no jauna",
            f"the sections or question bank data of index '{build.name}' are damaged ({exc}): it will be rebuilt",
        ) from exc
    return sections, entries, vecs


_LOCK = threading.RLock()
_RETRIEVERS: dict[tuple, Any] = {}
_DOCS: dict[tuple, list[Document]] = {}
_DOCS_BUILD: dict[tuple, str | None] = {}  # the build CURRENT named when _DOCS was loaded
_STALE: set[tuple] = set()  # retrievers opened while another process was building a newer index


def _key(settings: Settings) -> tuple:
    return (
        str(Path(settings.data_dir).resolve()),
        str(Path(settings.corpus_dir).resolve()),
        settings.embedder,
        settings.chroma_host,
        settings.chroma_port,
        settings.chroma_collection,
    )


_BACKGROUND = {"on": False}  # a serving app: reopen a changed index in the background, keep answering meanwhile
_RELOAD_LOCKS: dict[tuple, threading.Lock] = {}
_RELOAD_HOOKS: list[Callable[[Settings, Any], None]] = []


def serve_in_background(on: bool = True) -> None:
    """For a serving process (the web app): when another process (or an upload) switches CURRENT, the new build is
    opened in a background thread while the old one keeps answering; then they are swapped."""
    _BACKGROUND["on"] = bool(on)


def add_reload_hook(fn: Callable[[Settings, Any], None]) -> None:
    """``fn(settings, retriever)`` runs after a new build is opened and before it is swapped in (the pipeline warms
    a new assistant on it there, so that answers switch over in one step)."""
    if fn not in _RELOAD_HOOKS:
        _RELOAD_HOOKS.append(fn)


def _current_name(settings: Settings) -> str | None:
    try:
        return (index_root(settings) / "CURRENT").read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def reload_serving(settings: Settings) -> bool:
    """Open the build CURRENT names and swap it in for the cached retriever (and, through the hooks, the cached
    assistant); the old ones keep serving until the swap. True when something was swapped. Nothing is opened when
    no retriever is cached (the first request opens it)."""
    key = _key(settings)
    with _LOCK:
        lock = _RELOAD_LOCKS.setdefault(key, threading.Lock())
        _DOCS.pop(key, None)
    with lock:
        with _LOCK:
            r = _RETRIEVERS.get(key)
        name = _current_name(settings)
        if r is None or name is None or r.info.get("build") == name:
            return False
        try:
            new = open_retriever(settings)
        except IndexError_:
            return False  # a damaged build: the next get_retriever rebuilds it
        for hook in list(_RELOAD_HOOKS):
            try:
                hook(settings, new)
            except Exception:  # noqa: BLE001 - a hook failing must not keep the new index from serving
                import logging

                logging.getLogger("paligs.index").warning("reload hook failed", exc_info=True)
        with _LOCK:
            _RETRIEVERS[key] = new
            _STALE.discard(key)
        return True


def _reload_in_background(settings: Settings) -> None:
    key = _key(settings)
    lock = _RELOAD_LOCKS.setdefault(key, threading.Lock())
    if lock.locked():
        return
    threading.Thread(target=reload_serving, args=(settings,), name="paligs-reload", daemon=True).start()


def _invalidate(settings: Settings) -> None:
    with _LOCK:
        _DOCS.pop(_key(settings), None)
        if _BACKGROUND["on"] and _key(settings) in _RETRIEVERS:
            return  # serving: the old retriever answers until reload_serving swaps the new one in
        _RETRIEVERS.pop(_key(settings), None)
        _STALE.discard(_key(settings))


def get_retriever(settings: Settings, *, progress: bool = False):
    """The process-wide :class:`HybridRetriever` for these settings; builds or updates the index when needed
    (``progress``: a progress bar on stderr while building). While another process builds, the current build
    is opened without waiting, and replaced by the new one on the first call after CURRENT has switched (in a
    serving app, :func:`serve_in_background`, the new one is opened in the background meanwhile)."""
    key = _key(settings)
    with _LOCK:
        r = _RETRIEVERS.get(key)
        if r is not None:
            name = _current_name(settings)  # one small file read: CURRENT moves when any process builds
            if name is None or name == r.info.get("build"):
                return r
            if _BACKGROUND["on"]:
                _reload_in_background(settings)
                return r
            _RETRIEVERS.pop(key, None)
            _STALE.discard(key)
        # no-op when up to date (a fingerprint check, ~ms, no lock); while another process builds, the
        # current build is opened instead of waiting for that build
        stats = build_index(settings, progress=progress, wait=False)
        try:
            r = open_retriever(settings)
        except IndexError_:
            stats = build_index(settings, rebuild=True, progress=progress)
            r = open_retriever(settings)
        _RETRIEVERS[key] = r
        if stats.get("busy"):
            _STALE.add(key)
        return r


def get_documents(settings: Settings) -> list[Document]:
    """The corpus documents and those administrators added (metadata + cleaned text) for the "Par" tab and the
    document viewer; unreadable files are left out."""
    key = _key(settings)
    name = _current_name(settings)  # a document added or removed by another process moves CURRENT
    with _LOCK:
        cached = _DOCS.get(key)
        if cached is None or _DOCS_BUILD.get(key) != name:
            cached = _DOCS[key] = load_all_documents(settings)[0]
            _DOCS_BUILD[key] = name
        return list(cached)


def build_test_index(tmp_dir: Path | str, **overrides: Any) -> Settings:
    """A built index of the project corpus in `tmp_dir` for other parts' tests; returns its Settings.

    Fast after the first build on a machine: embeddings and OCR cleaning come from the shared cache
    (``$PALIGS_CACHE_DIR`` or ``~/.cache/pakalpojumu-paligs``).
    """
    s = replace(Settings(), data_dir=Path(tmp_dir), corpus_dir=REPO_ROOT / "corpus")
    if overrides:
        s = s.with_overrides(**overrides)
    build_index(s)
    return s
