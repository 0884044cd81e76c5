"""Language detection: lingua is required (a broken install is one clear error), its runtime errors are not."""

from __future__ import annotations

import builtins

import pytest

from assistant.errors import ConfigError
from assistant.triage import language


@pytest.fixture
def no_lingua(monkeypatch):
    real_import = builtins.__import__
    tries = []

    def fake_import(name, *a, **kw):
        if name == "lingua" or name.startswith("lingua."):
            tries.append(name)
            raise ImportError("No module named 'lingua'")
        return real_import(name, *a, **kw)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    monkeypatch.setattr(language, "_MISSING", [])
    language._detector.cache_clear()
    yield tries
    language._detector.cache_clear()


def test_a_missing_lingua_is_one_clear_error_tried_once(no_lingua):
    for _ in range(3):
        with pytest.raises(ConfigError) as exc:
            language.detect_language("Kā nosaukt pakalpojumu?")
    assert "lingua" in exc.value.lv and "pip install" in exc.value.en
    assert len(no_lingua) == 1  # not re-imported for every message


def test_a_missing_lingua_stops_the_batch_before_it_starts(no_lingua):
    from assistant.config import Settings
    from assistant.triage.pipeline import TriagePipeline

    with pytest.raises(ConfigError):
        TriagePipeline(Settings(), use_assistant=False, use_linter=False)


def test_a_lingua_runtime_error_falls_back_to_the_word_lists(monkeypatch):
    class Broken:
        def compute_language_confidence_values(self, text):
            raise ValueError("bad text")

    monkeypatch.setattr(language, "_detector", lambda: Broken())
    assert language.detect_language("Labdien, vai šis ir pakalpojums un kas par to jāzina?") == "lv"
    assert (
        language.detect_language("Hello, what is the name of the service and how should we write it?") == "en"
    )


def test_other_errors_are_not_hidden(monkeypatch):
    class Broken:
        def compute_language_confidence_values(self, text):
            raise TypeError("a bug, not odd text")

    monkeypatch.setattr(language, "_detector", lambda: Broken())
    with pytest.raises(TypeError):
        language.detect_language("Labdien, vai šis ir pakalpojums?")
