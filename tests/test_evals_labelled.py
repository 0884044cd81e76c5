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
