"""Bounded property-based fuzzing of every entry point (hypothesis; ``benchmarks/safety_bench.py`` runs the long
version): whatever the bytes, the linter exits 0/1/2 with no unexpected error, triage gives one row per item,
JSONL lines are answered or refused line by line, mail parsing never raises, cells are never live formulas,
the app's input checks raise only their Latvian InputError.
"""

from __future__ import annotations

import io
import json
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import InputError
from assistant.jsonsafe import dumps_line

FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])

# text that looks like the project's inputs: Latvian letters, separators, quotes, formula signs, odd Unicode
_ALPHABET = st.sampled_from(list("ašēīūķļņžčAĀŠ09 -;,\t\r\n\"'=+@＝\u200b\u00a0{}[]:\\/.") + ["\ud800", "\x00", "\x1c",
                                                                                          "\u2028", "😀"])
texts = st.text(alphabet=_ALPHABET, max_size=200) | st.text(max_size=120)
blobs = st.binary(max_size=600) | texts.map(lambda s: s.encode("utf-8", "surrogatepass"))


def _lint(argv: list[str], monkeypatch, stdin: bytes | None = None) -> int:
    from linter.__main__ import main

    monkeypatch.setenv("PALIGS_DEBUG", "1")  # an unexpected error raises here instead of becoming a message
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    return main(argv)


@pytest.mark.parametrize("suffix", [".txt", ".csv", ".xlsx"])
@FUZZ
@given(data=blobs)
def test_linter_files_any_bytes(tmp_path_factory, monkeypatch, capsys, suffix, data):
    p = tmp_path_factory.mktemp("fz") / f"saraksts{suffix}"
    p.write_bytes(data)
    rc = _lint(["check", str(p), "--format", "json", "--no-portfolio"], monkeypatch)
    out, err = capsys.readouterr()
    assert rc in (0, 1, 2) and "Traceback" not in err
    if rc in (0, 1):
        json.loads(out)


@FUZZ
@given(data=blobs)
def test_linter_stdin_any_bytes(monkeypatch, capsys, data):
    rc = _lint(["check", "-", "--format", "csv", "--no-portfolio"], monkeypatch, stdin=data)
    _, err = capsys.readouterr()
    assert rc in (0, 1, 2) and "Traceback" not in err


@FUZZ
@given(lines=st.lists(texts | blobs.map(lambda b: b.decode("latin-1")), min_size=1, max_size=6))
def test_triage_jsonl_and_csv_any_lines(tmp_path_factory, lines):
    from assistant.config import Settings
    from assistant.triage.mail import load_inputs
    from assistant.triage.pipeline import TriagePipeline

    d = tmp_path_factory.mktemp("fz")
    raw = "\n".join(line.replace("\n", " ") for line in lines).encode("utf-8", "surrogatepass")
    (d / "inbox.jsonl").write_bytes(raw)
    (d / "inbox.csv").write_bytes(b"id;subject;body\n" + raw)
    messages, _ = load_inputs([d / "inbox.jsonl", d / "inbox.csv"])
    results = TriagePipeline(Settings(), use_assistant=False, use_linter=False).run(messages)
    assert len(results) == len(messages) >= 2
    for r in results:
        json.loads(dumps_line(r.to_dict()))


@FUZZ
@given(data=blobs)
def test_mail_parsing_never_raises(data):
    from assistant.triage.mail import parse_eml_bytes

    m = parse_eml_bytes(b"Subject: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + data, "x", "x")
    assert m.id == "x"
    parse_eml_bytes(data, "y", "y")


@FUZZ
@given(raw=blobs)
def test_jsonl_lines_are_answered_or_refused_one_by_one(raw):
    from assistant.commands.jsonl import LineError, read_request

    try:
        rid, question, obj = read_request(7, raw)
    except LineError as exc:
        assert exc.lv and exc.en and exc.rid is not None
    else:
        assert isinstance(question, str) and isinstance(obj, dict)
        json.loads(dumps_line({"id": rid, "question": question}))


@FUZZ
@given(text=texts)
def test_cells_are_never_live_formulas(text):
    from assistant.spreadsheet import formula_like, safe_cell

    out = safe_cell(text)
    assert not formula_like(out) or out.startswith("'")
    out.encode("utf-8")


@FUZZ
@given(text=texts)
def test_personal_data_detection_never_raises_and_redacts_within_bounds(text):
    from assistant.pii import find_in_text, redact, scrub

    found = find_in_text(text)
    assert all(0 <= p.start < p.end <= len(text) and text[p.start : p.end] == p.value for p in found)
    redact(text, found)
    scrub(text, [p.value for p in found])


@FUZZ
@given(value=st.one_of(texts, st.none(), st.integers(), st.lists(st.one_of(texts, st.integers(), st.none()), max_size=5)))
def test_app_input_checks_raise_only_their_latvian_error(value):
    from webui.inputs import api_names, check_question, pasted_names

    for fn in (check_question, api_names, pasted_names):
        try:
            fn(value)  # type: ignore[arg-type]
        except InputError as exc:
            assert exc.lv and exc.en
        except (TypeError, AttributeError):
            # pasted_names / check_question are for text: a list reaching them is a programming error we accept
            assert not isinstance(value, str)
