"""Evaluation helpers: ranking metrics and locating a labelled quote in the original text."""

from __future__ import annotations

import pytest

from evals.metrics import first_rank, mrr, percentile, recall_at, summary
from evals.retrieval import quote_span


def test_ranking_metrics():
    ranks = [1, 3, None, 7]
    assert recall_at(ranks, 1) == 0.25 and recall_at(ranks, 5) == 0.5 and recall_at(ranks, 10) == 0.75
    assert mrr(ranks) == pytest.approx((1 + 1 / 3 + 1 / 7) / 4)
    assert mrr(ranks, cutoff=5) == pytest.approx((1 + 1 / 3) / 4)
    assert first_rank([False, False, True, True]) == 3 and first_rank([False]) is None
    assert summary([]) == {"recall@1": 0.0, "recall@5": 0.0, "recall@10": 0.0, "mrr": 0.0, "n": 0}
    assert percentile([5, 1, 3, 2, 4], 50) == 3 and percentile([1.0] * 10 + [100.0], 95) == 100.0


def test_quote_span_verbatim_folded_and_fuzzy():
    original = "Ievads.\nPakalpojuma  turētājs - iestāde,\nkuras kompetencē ir funkcija."
    a, b = quote_span(original, "turētājs - iestāde")
    assert original[a:b] == "turētājs - iestāde"
    a, b = quote_span(original, "pakalpojuma turetajs - iestade")  # folded, whitespace-insensitive
    assert original[a:b].startswith("Pakalpojuma") and original[a:b].endswith("iestāde")
    a, b = quote_span(original, "kuras kompetence ir funkcijas")  # fuzzy
    assert "kompetencē" in original[a:b]
    assert quote_span(original, "pilnīgi cits teikums par kaut ko") is None


def test_load_set_lists_every_bad_line_and_stops(tmp_path):
    from assistant.errors import InputError
    from evals.retrieval import REPO, load_set

    corpus = REPO / "corpus"
    good = '{"question": "kas ir plvn", "doc": "002_af057d60808f1741.txt", "quote": "PLVN"}'
    f = tmp_path / "set.jsonl"
    f.write_text(good + "\n\n", encoding="utf-8")
    assert [r["quote"] for r in load_set(f, corpus)] == ["PLVN"]
    f.write_text(good + '\n{broken\n["x"]\n{"question": "q"}\n'
                 '{"question": "q", "doc": "009_nav.txt", "quote": "x"}\n{"question": " ", "doc": "a", "quote": "b"}\n',
                 encoding="utf-8")
    with pytest.raises(InputError) as ei:
        load_set(f, corpus)
    msg = ei.value.lv
    assert ":2: nav derīgs JSON" in msg and ":3: nav JSON objekts" in msg
    assert ":4: trūkst lauku vai nepareizs tips / missing or wrong fields: doc (teksts / text), quote" in msg
    assert ":5: dokuments '009_nav.txt' nav korpusā" in msg and ":6: trūkst lauku" in msg
    with pytest.raises(InputError, match="nevar nolasīt"):
        load_set(tmp_path / "missing.jsonl")
    f.write_text("\n", encoding="utf-8")
    with pytest.raises(InputError, match="nav neviena ieraksta"):
        load_set(f)