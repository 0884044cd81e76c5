"""Index damage of any kind: a Rust panic from Chroma (a BaseException) or a damaged store becomes one message and an
automatic rebuild; ``index`` does not call a damaged index up to date."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import index_health
from assistant.config import Settings

REPO = Path(__file__).resolve().parent.parent


def _panic_class() -> type[BaseException]:
    # what pyo3 raises: a BaseException subclass named PanicException in the pyo3_runtime module
    return type("PanicException", (BaseException,), {"__module__": "pyo3_runtime"})


def test_a_rust_panic_is_damage_and_is_repaired_once(monkeypatch):
    panic = _panic_class()
    calls, repairs, notes = [], [], []

    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise panic("called `Result::unwrap()` on an `Err` value")
        return "hits"

    monkeypatch.setattr(index_health, "repair", lambda s, why, notify=None: (repairs.append(why), notify(why)))
    assert index_health.with_repair(Settings(), flaky, notify=notes.append) == "hits"
    assert len(calls) == 2 and repairs and "PanicException" in repairs[0] and notes


def test_damage_that_survives_the_rebuild_is_one_latvian_error(monkeypatch):
    panic = _panic_class()
    monkeypatch.setattr(index_health, "repair", lambda s, why, notify=None: None)

    def always():
        raise panic("boom")

    with pytest.raises(index_health.IndexDamaged) as ei:
        index_health.with_repair(Settings(), always)
    assert "bojāts" in ei.value.lv and "damaged" in ei.value.en


def test_other_errors_are_not_mistaken_for_damage(monkeypatch):
    monkeypatch.setattr(index_health, "repair", lambda *a, **k: pytest.fail("no rebuild for a bad question"))
    with pytest.raises(ValueError):
        index_health.with_repair(Settings(), lambda: (_ for _ in ()).throw(ValueError("bad question")))
    with pytest.raises(KeyboardInterrupt):
        index_health.with_repair(Settings(), lambda: (_ for _ in ()).throw(KeyboardInterrupt()))


def test_store_calls_turn_panics_into_index_damage():
    panic = _panic_class()

    def bad():
        raise panic("index out of bounds")

    with pytest.raises(index_health.IndexDamaged, match="query"):
        index_health.guard_store(bad, "query")


def test_the_cli_guard_turns_a_stray_panic_into_one_line(capsys):
    from assistant.cli import guarded

    panic = _panic_class()

    def crash():
        raise panic("boom")

    assert guarded(crash) == 2
    err = capsys.readouterr().err
    assert "PanicException" in err and "Traceback" not in err and err.count("\n") == 1


@pytest.mark.slow
def test_index_detects_a_damaged_store_and_rebuilds(tmp_path):
    from assistant.index import build_test_index, index_root

    s = build_test_index(tmp_path / "idx")
    build = index_root(s) / (index_root(s) / "CURRENT").read_text().strip()
    assert index_health.check_index(s) is None
    con = sqlite3.connect(build / "chroma" / "chroma.sqlite3")
    con.execute("UPDATE collections SET dimension = 3")  # vectors of the wrong size
    con.commit()
    con.close()
    assert index_health.check_index(s) is not None
    env = {**os.environ, "PALIGS_DATA_DIR": str(s.data_dir)}
    r = subprocess.run([sys.executable, "-m", "assistant", "index"], capture_output=True, text=True, env=env,
                       cwd=REPO, timeout=600, check=False)
    assert r.returncode == 0 and "bojāts" in r.stderr and "Indekss izveidots" in r.stdout, r.stderr
    assert "Traceback" not in r.stderr and "panicked" not in r.stderr
    r = subprocess.run([sys.executable, "-m", "assistant", "search", "kas ir e-pakalpojums", "--k", "2", "--json"],
                       capture_output=True, text=True, env=env, cwd=REPO, timeout=600, check=False)
    assert r.returncode == 0 and '"results"' in r.stdout
