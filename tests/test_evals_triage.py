"""``python -m evals triage``: hold-out items are never listed or stored; calibration error; the weight fit."""

from __future__ import annotations

import math

import pytest

from assistant.config import Settings
from assistant.triage.pipeline import TriagePipeline
from evals.triage import (
    HOLDOUT_GROUPS,
    confusion_matrix,
    evaluate_group,
    expected_calibration_error,
    fit_weights,
    per_topic_table,
    side_by_side,
)

ROWS = [
    {"id": "a", "subject": "PLVN", "body": "Kas ir PLVN?", "expected": {"topic": "digital", "language": "lv"}},
    {"id": "b", "subject": "Pase", "body": "Kad man izsniegs pasi? Mans p.k. 120389-12345",
     "expected": {"topic": "out_of_scope", "personal_data": ["personal_code", "person_name"], "injection": False}},
]


@pytest.fixture(scope="module")
def pipeline() -> TriagePipeline:
    return TriagePipeline(Settings(), use_assistant=False, use_linter=False)


def test_hold_out_groups_keep_no_items(pipeline):
    assert {"holdout", "own_holdout"} <= HOLDOUT_GROUPS
    shown = evaluate_group("dev", ROWS, pipeline, use_assistant=False, folded=False)
    hidden = evaluate_group("holdout", ROWS, pipeline, use_assistant=False, folded=False)
    assert any(e["id"] == "a" for e in shown.errors)  # the wrong topic is listed for dev...
    assert hidden.errors == []  # ...never for a hold-out
    speed = "messages_per_second"
    assert {k: v for k, v in shown.metrics().items() if k != speed} == {
        k: v for k, v in hidden.metrics().items() if k != speed
    }  # the figures are the same
    m = hidden.metrics()
    assert m["topic_accuracy"] == 0.5 and m["personal_code_recall"] == 1.0 and m["leaks"] == 0


def test_tables_print_every_group(pipeline):
    groups = {n: evaluate_group(n, ROWS, pipeline, use_assistant=False, folded=False) for n in ("own", "holdout")}
    text = side_by_side(groups)
    assert "indep. hold-out" in text and "topic_top2_accuracy" in text
    assert "out_of_scope" in per_topic_table(groups, ["digital", "out_of_scope"])
    assert "rows expected" in confusion_matrix(groups["own"], ["service_levels", "digital", "out_of_scope"])


def test_expected_calibration_error():
    assert expected_calibration_error([]) is None
    assert expected_calibration_error([(1.0, True)] * 4) == 0.0
    assert math.isclose(expected_calibration_error([(0.9, False), (0.9, False)]), 0.9)


def test_fit_weights_finds_the_informative_feature():
    # two topics; feature 0 is noise, feature 1 marks the expected topic 80 % of the time
    from assistant.triage.topic_model import FEATURES

    n = len(FEATURES)
    samples = []
    for i in range(50):
        hit = i % 5 != 0
        a = [0.0] * n
        b = [0.0] * n
        (a if hit else b)[2] = 1.0
        a[0] = b[0] = -1.0
        samples.append(({"x": a, "y": b}, "x"))
    w = fit_weights(samples)
    assert w[2] > 0.5  # the answer-route weight carries the signal
