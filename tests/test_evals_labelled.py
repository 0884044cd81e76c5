"""evals.labelled: one reader for every labelled set, and report paths that never overwrite the standard report."""

from __future__ import annotations

import json

import pytest

from assistant.errors import InputError
from evals.labelled import REPORTS, load_jsonl, report_path


def test_reader_lists_every_bad_line_then_stops(tmp_path) -> None:
    f = tmp_path / "s.jsonl"
    f.write_text('{"id": "a", "expected": {}}\n{"id": 2, "expected": []}\n{"expected": {}}\n{"id": " ", "expected": {}}\n',
                 encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_jsonl(f, {"id": (str, int), "expected": dict})
    msg = e.value.lv
    assert ":1:" not in msg and ":2: trūkst lauku" in msg and ":3:" in msg and ":4:" in msg
    assert "expected (objekts / object)" in msg and "id (teksts / text | skaitlis / number)" in msg


def test_reader_check_and_success(tmp_path) -> None:
    f = tmp_path / "s.jsonl"
    f.write_text('{"name": "Pases izsniegšana", "valid": true}\n\n{"name": "x", "valid": false}\n', encoding="utf-8")
    rows = load_jsonl(f, {"name": str, "valid": bool})
    assert [r["name"] for r in rows] == ["Pases izsniegšana", "x"]
    with pytest.raises(InputError, match=":3: pārāk īss"):
        load_jsonl(f, {"name": str, "valid": bool}, check=lambda r: "pārāk īss / too short" if len(r["name"]) < 2 else None)
    f.write_text('{"name": "x", "valid": "jā"}\n', encoding="utf-8")  # a text is not a boolean
    with pytest.raises(InputError, match="valid"):
        load_jsonl(f, {"name": str, "valid": bool})


def test_report_paths() -> None:
    assert report_path("answers", None, None) == REPORTS / "answers.json"
    assert report_path("answers", "/tmp/x.json", ["evals/holdout/answers.jsonl"]).as_posix() == "/tmp/x.json"
    assert report_path("answers", None, ["evals/holdout/answers.jsonl"]) == REPORTS / "answers-holdout_answers.json"
    assert report_path("answers", None, ["evals/sets/dev3_answers.jsonl"]) == REPORTS / "answers-dev3_answers.json"
    assert report_path("triage", None, ["evals/sets/dev2_triage.jsonl", "/tmp/x.jsonl"]) == REPORTS / "triage-dev2_triage+tmp_x.json"


def test_portfolio_eval_refuses_missing_or_broken_lists(tmp_path) -> None:
    from evals.portfolio import load_sets

    with pytest.raises(InputError, match="neviens fails neatbilst"):
        load_sets([str(tmp_path / "nothing*.json")])
    (tmp_path / "a.json").write_text(json.dumps({"names": ["Pases izsniegšana"], "groups": []}), encoding="utf-8")
    (tmp_path / "b.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError, match="b.json"):
        load_sets([str(tmp_path / "*.json")])
    (tmp_path / "b.json").unlink()
    assert [len(x["names"]) for x in load_sets([str(tmp_path / "*.json")])["given"]] == [1]


def test_linter_eval_splits_and_never_keeps_holdout_items(tmp_path) -> None:
    import argparse

    from evals.linter import EvalSet, load_set, run

    f = tmp_path / "names.jsonl"
    rows = [{"id": "a", "name": "Pases izsniegšana bērniem", "valid": True, "categories": [], "split": "dev"},
            {"id": "b", "name": "Pases saņemšana", "valid": False, "categories": ["recipient_action", "length"],
             "split": "holdout"}]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    assert [r["id"] for r in load_set(f, "holdout")] == ["b"]
    hidden = EvalSet("hold", f, "holdout", hidden=True)
    import evals.linter as el

    old = el.default_sets
    el.default_sets = lambda: [EvalSet("dev", f, "dev"), hidden]
    try:
        run(argparse.Namespace(sets=None, report_dir=str(tmp_path), no_plot=True, errors=True, no_holdout=False))
    finally:
        el.default_sets = old
    report = json.loads((tmp_path / "linter.json").read_text(encoding="utf-8"))
    assert "errors" in report["dev"] and "errors" not in report["hold"]
    assert report["hold"]["accuracy"] == 1.0 and report["hold"]["n"] == 1


def test_portfolio_pair_tally() -> None:
    from evals.portfolio import PairTally

    t = PairTally()
    t.add([("duplicate", frozenset({1, 2, 3})), ("split_steps", frozenset({4, 5}))],
          [("variation", frozenset({1, 2})), ("split_steps", frozenset({4, 5, 6}))])
    f = t.figures()
    assert f["duplicate+variation"]["recall"] == round(1 / 3, 3) and f["duplicate+variation"]["precision"] == 1.0
    assert f["split_steps"]["recall"] == 1.0 and f["split_steps"]["precision"] == round(1 / 3, 3)
