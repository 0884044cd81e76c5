"""The shared command-line pieces: Latvian/English option errors for every entry point, and the guard."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import guarded
from assistant.errors import InputError

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "argv",
    [
        ["-m", "assistant", "search", "--k", "abc", "x"],
        ["-m", "assistant", "bogus"],
        ["-m", "linter", "check", "--format", "nope", "x.txt"],
        ["-m", "evals", "retrieval", "--bogus"],
        ["app.py", "--port", "abc"],
    ],
)
def test_bad_options_get_one_latvian_and_english_line(argv: list[str]) -> None:
    out = subprocess.run([sys.executable, *argv], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert "Kļūda: nederīgas opcijas" in out.stderr and "Error: invalid options" in out.stderr
    assert "Traceback" not in out.stderr


def test_guard_turns_failures_into_one_line(capsys, monkeypatch) -> None:
    monkeypatch.delenv("PALIGS_DEBUG", raising=False)
    assert guarded(lambda: 0) == 0
    assert guarded(lambda: None) == 0

    def user_error() -> int:
        raise InputError("jautājums ir tukšs", "the question is empty")

    assert guarded(user_error) == 2
    assert "jautājums ir tukšs" in capsys.readouterr().err

    def bug() -> int:
        raise ZeroDivisionError("division by zero")

    assert guarded(bug) == 2
    err = capsys.readouterr().err
    assert "neparedzēta kļūda (ZeroDivisionError" in err and "Traceback" not in err

    def interrupted() -> int:
        raise KeyboardInterrupt

    assert guarded(interrupted) == 130

    def closed_pipe() -> int:
        raise BrokenPipeError

    stdout = sys.stdout
    try:
        assert guarded(closed_pipe) == 0
    finally:
        sys.stdout = stdout


def test_debug_mode_re_raises_bugs(monkeypatch) -> None:
    monkeypatch.setenv("PALIGS_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        guarded(lambda: 1 // 0)
