"""The app's named API (ask, lint, triage) through gradio_client against an in-process server with fake backends.

The fakes stand for the other parts, so these tests pin the app's own behaviour: the endpoints, Latvian error
messages instead of tracebacks, size limits, concurrency, and that build_app() loads nothing heavy.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.types import Answer, Chunk, Citation
from webui.backends import BackendMissing

pytestmark = pytest.mark.slow

CHUNK = Chunk(
    chunk_id="c1",
    doc="002_af057d60808f1741.txt",
    title="Vadlīnijas",
    section="Definīcijas",
    text="E-pakalpojums – pakalpojums, ko var pieprasīt un saņemt elektroniskā vidē.",
)


class FakeRun:
    def __init__(self, report: dict) -> None:
        self.report, self.problems = report, []

    def write(self, fmt: str, out: Path) -> Path:
        out.write_text(f"{fmt}\n", encoding="utf-8")
        return out


class FakeBackends:
    """The Backends interface with canned results; counts calls so the test can see what build_app touched."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.calls: list[str] = []
        self.lint_calls: list[dict] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()

    def available(self) -> dict[str, bool]:
        return {"ask": True, "index": True, "lint": True, "triage": False}

    def _answer(self, q: str) -> Answer:
        if "boom" in q:
            raise RuntimeError("secret internal detail")
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        time.sleep(0.2 if "slow" in q else 0.0)
        with self._lock:
            self.in_flight -= 1
        cite = Citation(n=1, chunk=CHUNK, quote=CHUNK.text)
        return Answer(question=q, answer=f"Atbilde uz: {q} [1]", answerable=True, citations=[cite])

    def ask(self, q, history=None):
        self.calls.append("ask")
        return self._answer(q)

    def ask_stream(self, q, history):
        self.calls.append("ask_stream")
        yield "Atbilde "
        yield self._answer(q)

    def check_names(self, names):
        self.calls.append("check_names")
        return {
            "names": [
                {
                    "row": i,
                    "name": n,
                    "valid": "konsult" not in n.lower(),
                    "findings": []
                    if "konsult" not in n.lower()
                    else [
                        {
                            "code": "S001",
                            "name": "support",
                            "category": "non_service_support",
                            "severity": "error",
                            "message": "Nav pakalpojums",
                            "suggestion": None,
                            "source": "002: Par pakalpojumu nav jāuzskata: konsultācijas",
                        },
                        {  # a second finding resting on the same policy passage
                            "code": "S002",
                            "name": "advice",
                            "category": "non_service_support",
                            "severity": "warning",
                            "message": "Konsultācija nav pakalpojums",
                            "suggestion": None,
                            "source": "002: atbalsts savas iestādes pakalpojumiem",
                        },
                    ],
                }
                for i, n in enumerate(names, 1)
            ],
            "portfolio": [],
            "summary": {"names": len(names)},
        }

    def lint(self, names=None, path=None, rows=None):
        self.lint_calls.append({"names": names, "path": path, "rows": rows})
        return FakeRun(self.check_names(names or ["Pases izsniegšana"]))

    def policy_passages(self, sources):
        """The real shape: the findings resting on one passage share one citation with all their "sources"."""
        sources = list(dict.fromkeys(sources))
        if not sources:
            return []
        quote = " ".join(s.split(": ", 1)[1] for s in sources)
        return [dict(CHUNK.to_dict(), n=1, quote=quote, sources=sources)]

    def explain(self, code):
        return f"{code}: skaidrojums"

    def triage_records(self, records):
        raise BackendMissing("triage")

    def load_messages(self, paths):
        raise BackendMissing("triage")

    def documents(self):
        self.calls.append("documents")
        return []

    def index_status(self):
        return {}

    def warm_up(self):
        self.calls.append("warm_up")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from webui.app import build_app, configure_queue

    settings = replace(Settings(), data_dir=tmp_path_factory.mktemp("appdata"), max_upload_mb=1.0)
    fake = FakeBackends(settings)
    demo = build_app(settings, backends=fake)
    built_calls = list(fake.calls)
    configure_queue(demo)
    _, url, _ = demo.launch(
        server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True, max_file_size="1mb"
    )
    from gradio_client import Client

    yield {
        "demo": demo,
        "fake": fake,
        "url": url,
        "client": Client(url, verbose=False),
        "built_calls": built_calls,
    }
    demo.close()


def test_build_app_is_cheap(served) -> None:
    assert served["built_calls"] == []  # nothing was asked, indexed or warmed while building the Blocks


def test_named_endpoints(served) -> None:
    api = served["client"].view_api(print_info=False, return_format="dict")
    assert {"/ask", "/lint", "/triage", "/triage_files"} <= set(api["named_endpoints"])


def test_ask_endpoint(served) -> None:
    r = served["client"].predict("Kas ir e-pakalpojums?", None, api_name="/ask")
    assert r["answerable"] is True and r["answer"].startswith("Atbilde uz: Kas ir e-pakalpojums?")
    assert r["citations"][0]["n"] == 1 and r["citations"][0]["section"] == "Definīcijas"
    assert "linter" not in r


def test_ask_with_a_proposed_name_carries_the_linter_findings(served) -> None:
    r = served["client"].predict("Vai 'Konsultācijas par būvatļaujām' ir pakalpojums?", None, api_name="/ask")
    names = r["linter"]["names"]
    assert names[0]["name"] == "Konsultācijas par būvatļaujām" and names[0]["findings"][0]["code"] == "S001"
    assert r["mode"] == "linter" and r["answerable"] is True
    # the policy behind both findings: one passage, one citation
    assert r["citations"][0]["quote"] == (
        "Par pakalpojumu nav jāuzskata: konsultācijas atbalsts savas iestādes pakalpojumiem"
    )
    assert len(r["citations"]) == 1
    lines = [x for x in r["answer"].splitlines() if x.startswith("- `S00")]
    assert len(lines) == 2 and all(x.endswith("[1]") for x in lines)  # both findings point at [1]


@pytest.mark.parametrize(
    ("question", "expected"),
    [("", "Ierakstiet jautājumu"), ("x " * 60_000, "pārāk garš"), ("boom", "neparedzēta kļūda")],
)
def test_ask_errors_are_latvian_not_tracebacks(served, question: str, expected: str) -> None:
    with pytest.raises(Exception) as e:
        served["client"].predict(question, None, api_name="/ask")
    msg = str(e.value)
    assert expected in msg
    assert "Traceback" not in msg and "secret internal detail" not in msg and "RuntimeError" not in msg


def test_lint_endpoint_and_empty_input(served) -> None:
    r = served["client"].predict(["Pases izsniegšana", "Konsultācijas par pakalpojumiem"], api_name="/lint")
    assert [n["valid"] for n in r["names"]] == [True, False]
    with pytest.raises(Exception) as e:
        served["client"].predict([], api_name="/lint")
    assert "nosaukumu" in str(e.value)


def test_missing_backend_gives_a_notice(served) -> None:
    with pytest.raises(Exception) as e:
        served["client"].predict([{"id": "1", "subject": "a", "body": "b"}], api_name="/triage")
    assert "vēl nav pieejama" in str(e.value) and "iesūtnes" in str(e.value)


def test_concurrent_sessions_are_independent(served) -> None:
    from gradio_client import Client

    url = served["url"]

    def one(i: int) -> str:
        q = "boom" if i == 0 else f"slow jautājums {i}"
        try:
            return Client(url, verbose=False).predict(q, None, api_name="/ask")["answer"]
        except Exception as exc:  # noqa: BLE001
            return f"ERR {exc}"

    with ThreadPoolExecutor(8) as pool:
        out = list(pool.map(one, range(8)))
    assert out[0].startswith("ERR") and all(o.startswith("Atbilde uz: slow jautājums") for o in out[1:])
    assert served["fake"].max_in_flight >= 2  # the queue really runs answers in parallel


def test_app_help_lists_flags() -> None:
    import app

    text = app.build_parser().format_help()
    for flag in ("--host", "--port", "--auth", "--data-dir", "--llm-base-url", "--max-upload-mb"):
        assert flag in text
    assert app.main(["--auth", "bezkola"]) == 2  # a bad setting: one line, exit 2, no server


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--port", "99999"], "Kļūda: ports 99999 nav derīgs"),
        (["--max-upload-mb", "-1"], "Kļūda: augšupielādes limitam jābūt pozitīvam"),
        (["--auth", "/nav/tada/faila.txt"], "Kļūda: paroļu fails '/nav/tada/faila.txt' nav atrasts"),
    ],
)
def test_app_bad_settings_exit_2_with_one_line(capsys, argv, expected) -> None:
    import app

    assert app.main(argv) == 2
    err = capsys.readouterr().err
    assert expected in err and "/ Error:" in err and "Traceback" not in err


def test_app_bad_flag_value_is_latvian(capsys) -> None:
    import app

    with pytest.raises(SystemExit) as e:
        app.main(["--port", "abc"])
    assert e.value.code == 2
    assert "Kļūda: nederīgas opcijas (argument --port: invalid int value: 'abc')" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("endpoint", "args", "expected"),
    [
        ("/ask", (123, None), "Jautājumam jābūt tekstam"),
        ("/ask", ("Kas ir e-pakalpojums?", "nav saraksts"), "Sarunas vēsturei jābūt pāru sarakstam"),
        ("/ask", ("Kas ir e-pakalpojums?", [["tikai jautājums"]]), "Sarunas vēsturei jābūt pāru sarakstam"),
        ("/ask", ("Kas ir e-pakalpojums?", [["j", "a"], [None, {"x": 1}]]), "jābūt diviem tekstiem"),
        ("/ask", ("Kas ir e-pakalpojums?", [["j", 5]]), "(1. pāris)"),
        ("/lint", (["Pases izsniegšana", "  \x01 "],), "Tukšs nosaukums (2. elements)"),
        ("/lint", (["Pases izsniegšana", "Semināru\norganizēšana"],), "bez rindu pārnesumiem (2. elements)"),
        (
            "/lint",
            (["Pases izsniegšana", "Semināru\u2028organizēšana"],),
            "bez rindu pārnesumiem (2. elements)",
        ),
        ("/lint", (123,), "Padodiet nosaukumu sarakstu"),
        ("/lint", ([None, "Pases izsniegšana"],), "nav teksts: 1. elements"),
        ("/lint", ("x" * 100_000,), "1. rinda ir pārāk gara (100000 rakstzīmes)"),
        ("/triage", ("nav saraksts",), "Padodiet ziņojumu sarakstu"),
    ],
)
def test_wrong_types_and_huge_input_get_a_latvian_message(served, endpoint, args, expected) -> None:
    with pytest.raises(Exception) as e:
        served["client"].predict(*args, api_name=endpoint)
    assert expected in str(e.value) and "Traceback" not in str(e.value)


def test_triage_keeps_a_bad_item_in_its_place(served, monkeypatch) -> None:
    seen: list[list[dict]] = []

    def triage_records(records):
        seen.append(records)
        return [{"id": r.get("id", str(i)), "topic": "other"} for i, r in enumerate(records, 1)]

    monkeypatch.setattr(served["fake"], "triage_records", triage_records)
    good = {"id": "a", "subject": "s", "body": "b"}
    r = served["client"].predict([good, 7, dict(good, id="c")], api_name="/triage")
    assert [x["id"] for x in r] == ["a", "2", "c"]  # one result per message, in order
    assert "2. ieraksts nav objekts" in r[1]["error"] and r[1]["needs_human"] is True
    assert seen == [[good, {}, dict(good, id="c")]]  # an empty stand-in keeps the positions


def test_lint_api_maps_one_to_one(served) -> None:
    names = ["Pases izsniegšana", "- Konsultācijas par pakalpojumiem", "Būvatļauju izsniegšana"]
    r = served["client"].predict(names, api_name="/lint")
    assert [n["name"] for n in r["names"]] == [
        "Pases izsniegšana",
        "Konsultācijas par pakalpojumiem",
        "Būvatļauju izsniegšana",
    ]
    assert [n["valid"] for n in r["names"]] == [True, False, True]


def test_ask_history_pairs_of_text_are_used(served, monkeypatch) -> None:
    seen: list = []

    def ask(q, history=None):
        seen.append(history)
        return served["fake"]._answer(q)

    monkeypatch.setattr(served["fake"], "ask", ask)
    monkeypatch.setattr(served["fake"], "ask_stream", lambda q, h: iter([ask(q, h)]))
    served["client"].predict("Kas ir e-pakalpojums?", [["Kas ir pase?", "Dokuments."]], api_name="/ask")
    assert seen and seen[-1] in ([("Kas ir pase?", "Dokuments.")], [["Kas ir pase?", "Dokuments."]])


def _handler(demo, name: str):
    fns = demo.fns.values() if isinstance(demo.fns, dict) else demo.fns
    return next(f.fn for f in fns if getattr(f.fn, "__name__", "") == name)


def test_pasted_names_keep_their_line_numbers(served) -> None:
    lint_run = _handler(served["demo"], "lint_run")
    served["fake"].lint_calls.clear()
    lint_run(
        "Pases izsniegšana\n\n\n- Konsultācijas par pakalpojumiem\n", None, progress=lambda *a, **k: None
    )
    call = served["fake"].lint_calls[-1]
    assert call["names"] == ["Pases izsniegšana", "Konsultācijas par pakalpojumiem"]
    assert call["rows"] == [1, 4]  # the pasted lines, blank lines counted


def test_pasted_names_and_a_file_say_which_was_used(served, tmp_path, monkeypatch) -> None:
    import gradio as gr

    notices: list[str] = []
    monkeypatch.setattr(gr, "Warning", lambda msg, *a, **k: notices.append(msg))
    f = tmp_path / "saraksts.txt"
    f.write_text("Pases izsniegšana\n", encoding="utf-8")
    lint_run = _handler(served["demo"], "lint_run")
    served["fake"].lint_calls.clear()
    lint_run("Semināru organizēšana", str(f), progress=lambda *a, **k: None)
    assert served["fake"].lint_calls[-1]["path"] is not None  # the file was checked ...
    assert len(notices) == 1 and "saraksts.txt" in notices[0] and "ielīmētie" in notices[0]  # ... and said so
    lint_run("", str(f), progress=lambda *a, **k: None)
    assert len(notices) == 1  # only the file: nothing to say


def test_first_start_is_a_flag_not_a_text_match(served, monkeypatch) -> None:
    from webui.warmup import WarmUp

    fake = served["fake"]
    monkeypatch.setattr(fake, "index_status", lambda: {"Indekss": "vēl nav izveidots"}, raising=False)
    monkeypatch.setattr(fake, "index_built", lambda: True, raising=False)
    w = WarmUp(fake)
    w.start()
    assert w.first_build is False
    w.wait(5)
    monkeypatch.setattr(fake, "index_status", dict, raising=False)
    monkeypatch.setattr(fake, "index_built", lambda: False, raising=False)
    w = WarmUp(fake)
    w.start()
    assert w.first_build is True
    w.wait(5)
    w.state = "building"  # the banner's wording follows the flag
    assert "pirmajā palaišanā" in w.banner()


def test_bad_environment_setting_is_reported_once(repo_root, tmp_path) -> None:
    import os
    import subprocess
    import sys

    env = dict(os.environ, PALIGS_PORT="abc")
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, str(repo_root / "app.py")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert out.returncode == 2
    assert out.stderr.count("Kļūda:") == 1 and "'port'" in out.stderr and "Traceback" not in out.stderr
    assert time.perf_counter() - t < 5  # answered before Gradio is imported
