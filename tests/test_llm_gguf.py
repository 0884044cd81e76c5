"""Smoke test of the real llama.cpp path with the PyPI-shipped gemma3-270m GGUF (plumbing only: the model is
too small for usable Latvian, so the answer must be either grounded LLM text or the extractive fallback)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from answer_passages import StemRetriever

from assistant.config import Settings
from assistant.llm import LlamaCppGenerator, build_messages, get_generator, resolve_gguf
from assistant.pipeline import Assistant
from assistant.sentences import contained_in
from assistant.types import Answer, Chunk, Hit

pytestmark = [pytest.mark.slow, pytest.mark.llm]

TEXTS = [
    "Dzīves situācija – notikums vai notikumu kopums, apstākļi un ar tiem saistītās vajadzības.",
    "e-pakalpojums – pakalpojums, ko pakalpojuma saņēmējs var pieprasīt un saņemt elektroniskā vidē.",
]
CHUNKS = [Chunk(f"g{i}", "002_test.txt", "Biežāk uzdotie jautājumi", "", t, i) for i, t in enumerate(TEXTS)]




@pytest.fixture(scope="module")
def gguf_settings(tmp_path_factory) -> Settings:
    data = tmp_path_factory.mktemp("gguf")
    return replace(Settings(), data_dir=data, llm_gguf_path="gemma3", answer_mode="llm")


def test_gemma3_assembles_and_generates(gguf_settings):
    path = resolve_gguf("gemma3", gguf_settings.data_dir)
    assert path.is_file() and path.stat().st_size > 100_000_000
    gen = get_generator(gguf_settings)
    assert isinstance(gen, LlamaCppGenerator)
    gen.max_tokens = 40  # plumbing, not quality: keep the suite fast on 2 cores
    pieces = list(gen.stream(build_messages("Kas ir dzīves situācija?", [Hit(CHUNKS[0], 1.0)])))
    assert pieces and "".join(pieces).strip()


def test_pipeline_with_gguf_is_grounded_or_falls_back(gguf_settings):
    gen = get_generator(gguf_settings)  # the same cached model as above
    gen.max_tokens = 40
    a = Assistant(gguf_settings, retriever=StemRetriever(CHUNKS))
    out = list(a.ask_stream("Kas ir dzīves situācija?"))
    final = out[-1]
    assert isinstance(final, Answer) and final.answerable
    assert "llm_ms" in final.timings_ms  # the model really ran
    if final.mode == "llm":
        assert final.citations and all(1 <= c.n <= len(TEXTS) for c in final.citations)
        assert "[" in final.answer
    else:
        assert final.notice  # visible fallback
        for c in final.citations:
            assert contained_in(c.quote, c.chunk.text)
