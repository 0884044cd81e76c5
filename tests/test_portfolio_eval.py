"""The portfolio review on the labelled lists: the issue's quality bar, robustness to typing, and the scale path."""

from __future__ import annotations

import glob
import sys
from pathlib import Path

import pytest

from assistant.textnorm import fold
from evals.portfolio import Tally, load_sets, match, score_list
from linter.portfolio import find_groups

REPO = Path(__file__).resolve().parent.parent
SETS = sorted(
    glob.glob(str(REPO / "evals/sets/portfolio/*.json"))
    + glob.glob(str(REPO / "evals/sets/dev_portfolio/*.json"))
)


def _load() -> list[dict]:
    return load_sets(SETS)["given"]


def _figures(transform=lambda s: s) -> dict:
    tally = Tally()
    for d in _load():
        groups = find_groups([transform(n) for n in d["names"]])
        score_list(tally, d, [(g.category, frozenset(g.rows)) for g in groups])
    return tally.figures()


def test_labelled_sets_exist() -> None:
    assert len(SETS) >= 3


def test_match_is_one_to_one_by_jaccard() -> None:
    gold = [("duplicate", frozenset({1, 2})), ("variation", frozenset({3, 4, 5}))]
    pred = [
        ("duplicate", frozenset({1, 2, 9})),
        ("variation", frozenset({3})),
        ("variation", frozenset({3, 4})),
    ]
    assert match(gold, pred) == [(0, 0), (1, 2)]
    assert match(gold, [("variation", frozenset({1, 2}))]) == []  # category-aware
    assert match(gold, [("variation", frozenset({1, 2}))], by_category=False) == [(0, 0)]


@pytest.mark.parametrize(
    "transform", [lambda s: s, fold, str.upper], ids=["as-typed", "no-diacritics", "upper-case"]
)
def test_quality_bar_of_the_issue(transform) -> None:
    figs = _figures(transform)
    dv = figs["duplicate+variation"]
    assert dv["recall"] >= 0.90 and dv["precision"] >= 0.85, dv
    assert figs["split_steps"]["recall"] >= 0.80, figs["split_steps"]
    assert figs["not_groups"]["rate"] <= 0.05, figs["not_groups"]


def test_baseline_peer_runs_and_misses_variations() -> None:
    from linter.portfolio.baseline import baseline_groups

    names = [
        "Pases izsniegšana bērniem",
        "Pases izsniegšana pieaugušajiem",
        "Laulības reģistrācija",
        "laulības reģistrācija",
    ]
    assert (3, 4) in baseline_groups(names)
    assert (1, 2) not in baseline_groups(names)


@pytest.mark.slow
def test_synthetic_catalogue_finds_injected_groups() -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from portfolio_bench import _found, generate

    names, injected = generate(5000, seed=11)
    found = _found(find_groups(names), injected)
    assert found["duplicate"] >= 0.85 and found["variation"] >= 0.9 and found["split_steps"] >= 0.9, found


@pytest.mark.slow
def test_semantic_flag_runs_on_the_bundled_model_and_keeps_distinct_services_apart() -> None:
    names = [
        "Pases izsniegšana bērniem",
        "Pases izsniegšana pieaugušajiem",
        "Transportlīdzekļa reģistrācija",
        "Transportlīdzekļa tehniskā apskate",
        "Karjeras konsultāciju nodrošināšana",
        "Karjeras konsultēšana",
    ]
    groups = find_groups(names, semantic=True)
    cats = {(g.category, g.rows) for g in groups}
    assert ("variation", (1, 2)) in cats
    assert not any({3, 4} <= set(g.rows) for g in groups)
    assert ("duplicate", (5, 6)) in cats
