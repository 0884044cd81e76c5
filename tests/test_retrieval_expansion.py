"""Query-side normalisation for the lexical rankings: question words dropped, weighted synonym expansion."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.retrieval.expansion import SYNONYM_GROUPS, lexical_query, split_query
from assistant.stemming import suffix_stem


def test_question_and_filler_words_are_dropped():
    core, _ = split_query("Kāpēc mums vajag pakalpojumu katalogu, lūdzu pastāstiet?")
    assert core.split() == ["pakalpojumu", "katalogu"]


def test_without_diacritics_the_same_words_are_dropped():
    assert split_query("kapec mums vajag pakalpojumu katalogu ludzu")[0] == "pakalpojumu katalogu"


def test_a_query_of_only_question_words_is_kept_whole():
    assert split_query("kas ir kas?")[0].split() == ["kas", "ir", "kas"]


@pytest.mark.parametrize(
    ("query", "brings"),
    [
        ("pakalpojuma pārveide", "pārbūve"),
        ("pakalpojuma parveidi", "pārbūve"),  # other case, no diacritics
        ("viss pakalpojumu klāsts", "portfelis"),
        ("kas ir pakalpojuma saimnieks", "turētājs"),
    ],
)
def test_synonyms_are_found_in_any_form(query, brings):
    _, extra = split_query(query)
    assert brings in extra.split()


def test_synonyms_do_not_repeat_words_already_typed():
    core, extra = split_query("pārbūve un pārveide")
    stems = [suffix_stem(w) for w in (core + " " + extra).split()]
    assert stems.count(suffix_stem("pārbūve")) == 1
    assert "pārveide" not in extra.split()


def test_no_expansion_for_words_outside_the_groups():
    assert split_query("pakalpojumu katalogs latvija.lv")[1] == ""
    assert lexical_query("pakalpojumu katalogs", expand=False) == "pakalpojumu katalogs"


def test_groups_do_not_overlap():
    seen: dict[str, int] = {}
    for g, group in enumerate(SYNONYM_GROUPS):
        for w in group:
            s = suffix_stem(w)
            assert seen.setdefault(s, g) == g, f"{w} is in two groups"


class _FakeLex:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def scores(self, q: str) -> np.ndarray:
        self.calls.append(q)
        return np.array([1.0, 0.0]) if "pārbūve" in q else np.array([0.0, 2.0])


def test_hybrid_scores_synonyms_with_a_lower_weight():
    from assistant.retrieval.hybrid import HybridRetriever

    h = HybridRetriever.__new__(HybridRetriever)
    h.synonym_weight = 0.3
    lex = _FakeLex()
    s = h.lexical_scores(lex, "kas ir pakalpojuma pārveide?")
    assert lex.calls[0] == "pakalpojuma pārveide"
    assert "pārbūve" in lex.calls[1]
    assert s.tolist() == pytest.approx([0.3, 2.0])
    h.synonym_weight = 0.0
    lex2 = _FakeLex()
    assert h.lexical_scores(lex2, "pakalpojuma pārveide").tolist() == [0.0, 2.0]
    assert len(lex2.calls) == 1
