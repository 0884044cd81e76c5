"""Safety figures (issue 13): fuzz cases per entry point with tracebacks and hangs, planted personal-data leaks,
peak server RSS for a zip bomb and a 100 MB API body (with another user served meanwhile), JSONL line counts.

    python benchmarks/safety_bench.py [--cases 10000] [--no-server] [--json evals/reports/safety_bench.json]

Fuzzing runs in-process with a 10 s alarm per case (a case still running then is a hang); an exception that reaches
the entry point's caller is a traceback (the CLIs run with PALIGS_DEBUG=1, so their guard re-raises instead of
printing "unexpected error"). Inputs mix random bytes, hostile strings (lone surrogates, 1e400, NaN, deep nesting,
BOMs, bare CRs, formula signs, zero-width characters, control characters) and mutated valid inputs.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

HOSTILE = [
    '{"id": "a", "question": "\\ud800"}', '{"id": 1e400, "question": "x"}', "[" * 5000 + "]" * 5000,
    '{"id": NaN, "question": "x"}', "\ufeff{}", "a\rb", "=HYPERLINK(\"http://evil.example\")", "\u200b" * 50,
    "\x00\x01\x02", "＝1+1", "\t=1", "Pases izsniegšana", "Konsultācijas par iestādes pakalpojumiem", "", " ",
    '{"id": "q", "question": "Kas ir PLVN?"}', '{"subject": "PLVN", "body": "Kas ir PLVN?"}', "id;subject;body",
    "1;PLVN;Kas ir PLVN?", "Subject: x\r\n\r\nbody", "\udcff", "😀" * 20, "\u2028\u2029\x85",
]


def rand_text(rng: random.Random, n: int = 80) -> str:
    pools = ["abcdefghijklmnopqrstuvwxyzāčēģīķļņšūž ", "0123456789-/.,;: ", "{}[]\":,\\", "\r\n\t\x00\x1b",
             "＝＋－＠\u200b\u00a0\ufeff", "ABCĀŠŽ", "\ud800\udfff"]
    out = []
    for _ in range(rng.randint(0, n)):
        pool = rng.choice(pools)
        out.append(rng.choice(pool))
    return "".join(out)


def rand_case(rng: random.Random) -> bytes:
    kind = rng.random()
    if kind < 0.3:
        return bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 400)))
    if kind < 0.6:
        parts = [rng.choice(HOSTILE) for _ in range(rng.randint(1, 6))]
        if rng.random() < 0.5:
            parts.append(rand_text(rng))
        return "\n".join(parts).encode("utf-8", "surrogatepass")
    text = rand_text(rng, 300)
    if rng.random() < 0.3:
        text = json.dumps({"id": rand_text(rng, 10), "question": text, "subject": text[:20], "body": text},
                          ensure_ascii=rng.random() < 0.5)
    return text.encode("utf-8", "surrogatepass")


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def run_cases(name: str, n: int, fn, rng: random.Random) -> dict:
    tracebacks = hangs = 0
    examples: list[str] = []
    signal.signal(signal.SIGALRM, _alarm)
    t0 = time.perf_counter()
    for _ in range(n):
        data = rand_case(rng)
        signal.alarm(10)
        try:
            fn(data)
        except Hang:
            hangs += 1
            examples.append(f"hang: {data[:60]!r}")
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            tracebacks += 1
            if len(examples) < 3:
                examples.append(f"{type(exc).__name__}: {exc} <- {data[:60]!r}")
        finally:
            signal.alarm(0)
    secs = time.perf_counter() - t0
    res = {"entry_point": name, "cases": n, "tracebacks": tracebacks, "hangs": hangs, "seconds": round(secs, 1),
           "examples": examples}
    print(f"  {name:22s} {n:6d} cases  tracebacks {tracebacks}  hangs {hangs}  ({secs:.0f} s)", flush=True)
    for e in examples:
        print(f"      {e}")
    return res


# ------------------------------------------------------------------ entry points
def fuzz_all(n: int, seed: int, only: set[str] | None = None) -> tuple[list[dict], dict]:
    from assistant.commands import ask, search
    from assistant.config import Settings
    from assistant.jsonsafe import dumps_line
    from assistant.triage.mail import load_inputs, parse_eml_bytes
    from assistant.triage.pipeline import TriagePipeline
    from linter.__main__ import main as lint_main

    os.environ["PALIGS_DEBUG"] = "1"
    tmp = Path(tempfile.mkdtemp(prefix="paligs-fuzz-"))
    rng = random.Random(seed)
    out = []
    sink = io.StringIO()

    def lint_file(data: bytes) -> None:
        p = tmp / f"saraksts{rng.choice(['.txt', '.csv', '.xlsx', ''])}"
        p.write_bytes(data)
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            rc = lint_main(["check", str(p), "--format", rng.choice(["json", "csv", "sarif", "text"]),
                            "--no-portfolio"])
        assert rc in (0, 1, 2), rc
        sink.seek(0)
        sink.truncate()

    def lint_stdin(data: bytes) -> None:
        old = sys.stdin
        sys.stdin = io.TextIOWrapper(io.BytesIO(data))
        try:
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                rc = lint_main(["check", "-", "--format", "json", "--no-portfolio"])
        finally:
            sys.stdin = old
        assert rc in (0, 1, 2), rc
        sink.seek(0)
        sink.truncate()

    pipeline = TriagePipeline(Settings(), use_assistant=False, use_linter=False)

    def triage_file(data: bytes) -> None:
        p = tmp / f"inbox{rng.choice(['.jsonl', '.csv', '.eml', '.mbox', '.json'])}"
        p.write_bytes(data)
        messages, _ = load_inputs([p])
        assert messages, "an input file gave no row"
        for r in pipeline.run(messages):
            json.loads(dumps_line(r.to_dict()))

    def mail(data: bytes) -> None:
        parse_eml_bytes(data, "x", "x")

    class FakeAssistant:
        def ask(self, question, history=None):
            return SimpleNamespace(to_dict=lambda rid: {"id": rid, "answer": question}, resolved_question=question)

    class FakeRetriever:
        def run(self, q, top_k=10, mode="hybrid"):
            return []

    import assistant.index as index_mod
    import assistant.pipeline as pipeline_mod

    pipeline_mod.get_assistant = lambda settings: FakeAssistant()  # the JSONL layer is what is fuzzed here
    index_mod.get_retriever = lambda settings, progress=False: FakeRetriever()
    lines_in = lines_out = 0

    def jsonl(kind: str):
        def run(data: bytes) -> None:
            nonlocal lines_in, lines_out
            p = tmp / "q.jsonl"
            p.write_bytes(data)
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(sink):
                if kind == "ask":
                    ask._batch(str(p), Settings())
                else:
                    search._batch(SimpleNamespace(jsonl=str(p), mode="hybrid"), Settings(), FakeRetriever(), 5)
            expected = len(data.split(b"\n")) - (1 if data.endswith(b"\n") else 0) if data else 0
            got = buf.getvalue().splitlines()
            for line in got:
                json.loads(line, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
            lines_in += expected
            lines_out += len(got)
            assert len(got) == expected, (len(got), expected)
            sink.seek(0)
            sink.truncate()
        return run

    api = _api_functions()

    def app_api(data: bytes) -> None:
        import gradio as gr

        value = _json_value(data, rng)
        for fn in api:
            try:
                fn(*value) if isinstance(value, tuple) else fn(value)
            except gr.Error:
                pass

    for name, fn in (("linter file", lint_file), ("linter stdin", lint_stdin), ("triage file", triage_file),
                     ("mail parsing", mail), ("ask --jsonl", jsonl("ask")), ("search --jsonl", jsonl("search")),
                     ("app API (ask/lint/triage)", app_api)):
        if only and not any(o in name for o in only):
            continue
        out.append(run_cases(name, n, fn, rng))
    os.environ.pop("PALIGS_DEBUG", None)
    return out, {"jsonl_lines_in": lines_in, "jsonl_lines_out": lines_out}


def _json_value(data: bytes, rng: random.Random):
    text = data.decode("utf-8", "surrogateescape") if rng.random() < 0.5 else data.decode("latin-1")
    try:
        v = json.loads(text)
    except (ValueError, RecursionError):
        v = text
    pick = rng.random()
    if pick < 0.3:
        return [v, text]
    if pick < 0.5:
        return [{"id": text[:10], "subject": text[:30], "body": text}]
    return v


def _api_functions() -> list:
    from assistant.config import Settings
    from webui.app import build_app

    class Fake:
        settings = Settings()

        def check_names(self, names):
            return {"names": [{"name": n, "valid": True, "findings": []} for n in names], "portfolio": [],
                    "summary": {}}

        def ask(self, q, history=None):
            return {"question": q, "answer": "x", "answerable": True, "citations": []}

        def triage_records(self, records):
            from assistant.config import Settings
            from assistant.triage.mail import messages_from_records
            from assistant.triage.pipeline import triage_messages

            return [r.to_dict() for r in triage_messages(messages_from_records(records), Settings(),
                                                         use_assistant=False, use_linter=False)]

        def policy_passages(self, sources):
            return []

    demo = build_app(Settings(), Fake())
    names = {"ask", "lint", "triage"}
    return [f.fn for f in demo.fns.values() if getattr(f.fn, "__name__", "") in names]


# ------------------------------------------------------------------ personal data
def pii_figures() -> dict:
    import logging

    import test_pii_corpus as t
    from hostile import leaks, personal_data_corpus

    from assistant.config import Settings
    from assistant.jsonsafe import dumps_line
    from assistant.triage.export import render_csv, write_table
    from assistant.triage.mail import load_inputs
    from assistant.triage.pipeline import TriagePipeline
    from webui.feedback import FeedbackStore

    corpus = personal_data_corpus()
    tmp = Path(tempfile.mkdtemp(prefix="paligs-pii-"))
    used = t.build_inbox(tmp / "inbox", corpus)
    logs: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            logs.append(self.format(record))

    logging.getLogger().addHandler(Keep())
    logging.getLogger().setLevel(logging.DEBUG)
    messages, _ = load_inputs([tmp / "inbox"])
    p = TriagePipeline(Settings(), use_assistant=True, use_linter=True, today=t.TODAY)
    p.lazy._assistant = t.EchoAssistant()
    p.lazy._linter = t.echo_linter
    results = [r.to_dict() for r in p.run(messages)]
    from openpyxl import load_workbook

    xlsx = write_table(results, "xlsx", tmp / "x.xlsx")
    cells = "\n".join(str(c.value) for ws in load_workbook(xlsx) for row in ws.iter_rows() for c in row)
    store = FeedbackStore(tmp / "feedback.sqlite3")
    for it in corpus:
        store.add(question=f"Jautājums par {it.text}?", answer=f"Atbilde: {it.text}.", rating=1,
                  comment=f"Komentārs: {it.text}")
    outputs = {
        "jsonl": "\n".join(dumps_line(d) for d in results),
        "csv": render_csv(results),
        "xlsx": cells,
        "drafts": "\n".join(d.get("draft_reply") or "" for d in results),
        "logs": "\n".join(logs),
        "feedback_db": (tmp / "feedback.sqlite3").read_bytes().decode("utf-8", "ignore"),
        "feedback_csv": store.export_csv(tmp / "f.csv").read_text(encoding="utf-8-sig"),
    }
    found = {k: len(leaks(v, corpus)) for k, v in outputs.items()}
    res = {"items": len(corpus), "forms": len({c.form for c in corpus}), "fields": sorted(used),
           "leaks": found, "drafts": sum(1 for d in results if d.get("draft_reply"))}
    print(f"  planted {res['items']} items in {res['forms']} written forms, fields: {', '.join(res['fields'])}")
    print("  leaks: " + ", ".join(f"{k} {v}" for k, v in found.items()) + f"  (drafts written: {res['drafts']})")
    return res


# ------------------------------------------------------------------ the server
def server_figures(tmp: Path) -> dict:
    import httpx
    from hostile import big_cell_xlsx, many_rows_xlsx

    from webui.testing import AppServer

    bomb = big_cell_xlsx(tmp / "bomb.xlsx", 1 << 30)
    rows = many_rows_xlsx(tmp / "rows.xlsx", 20_000_000)
    print(f"  zip bomb {bomb.stat().st_size / 1e6:.1f} MB (one 1 GiB cell); 20 M rows {rows.stat().st_size / 1e6:.1f} MB")
    srv = AppServer(data_dir=tmp / "data", args=["--no-warm-up"], log_path=tmp / "app.log")
    srv.start()
    res: dict = {"rss_start_mb": round(srv.rss_mb(), 1)}
    base = srv.url.rstrip("/")
    served = {"ok": 0, "failed": 0, "max_s": 0.0}
    stop = threading.Event()

    def other_user() -> None:
        with httpx.Client(timeout=60) as c:
            while not stop.is_set():
                t0 = time.perf_counter()
                try:
                    r = c.post(f"{base}/gradio_api/call/lint", json={"data": [["Pases izsniegšana"]]})
                    eid = r.json()["event_id"]
                    txt = c.get(f"{base}/gradio_api/call/lint/{eid}").text
                    ok = "event: complete" in txt
                except Exception:  # noqa: BLE001
                    ok = False
                served["ok" if ok else "failed"] += 1
                served["max_s"] = max(served["max_s"], time.perf_counter() - t0)
                time.sleep(0.2)

    th = threading.Thread(target=other_user, daemon=True)
    th.start()
    try:
        # 1. a 100 MB JSON body to the /triage API, streamed
        def body():
            yield b'{"data": [[{"id": "1", "subject": "x", "body": "'
            chunk = b"a" * (1 << 20)
            for _ in range(100):
                yield chunk
            yield b'"}]]}'

        t0 = time.perf_counter()
        with httpx.Client(timeout=120) as c:
            try:
                r = c.post(f"{base}/gradio_api/call/triage", content=body(),
                           headers={"content-type": "application/json"})
                status, text = r.status_code, r.text[:200]
            except httpx.HTTPError as exc:
                status, text = 0, f"connection closed by the server ({type(exc).__name__})"
        res["body_100mb"] = {"status": status, "answer": text, "seconds": round(time.perf_counter() - t0, 2),
                             "peak_rss_mb": round(srv.peak_rss_mb(), 1)}
        print(f"  100 MB body to /triage: HTTP {status} in {res['body_100mb']['seconds']} s; {text[:110]}")
        # 2. the zip bomb and 20 M rows through the names tab's own event (upload, then the lint event)
        for label, f in (("zip bomb", bomb), ("20 M rows", rows)):
            res[label] = _names_tab(base, f)
            res[label]["peak_rss_mb"] = round(srv.peak_rss_mb(), 1)
            print(f"  {label}: {res[label]['seconds']} s; {res[label]['message'][:150]}")
    finally:
        stop.set()
        th.join(timeout=30)
        res["peak_rss_mb"] = round(srv.peak_rss_mb(), 1)
        srv.stop()
    res["other_user"] = {k: (round(v, 2) if isinstance(v, float) else v) for k, v in served.items()}
    print(f"  server peak RSS {res['peak_rss_mb']} MB (start {res['rss_start_mb']} MB); another user meanwhile: "
          f"{served['ok']} answered, {served['failed']} failed, slowest {served['max_s']:.2f} s")
    return res


def _names_tab(base: str, path: Path) -> dict:
    import httpx

    t0 = time.perf_counter()
    with httpx.Client(timeout=300) as c:
        cfg = c.get(f"{base}/config").json()
        comp = {x.get("props", {}).get("elem_id"): x["id"] for x in cfg["components"]}
        fn_index = next(i for i, d in enumerate(cfg["dependencies"])
                        if any(t[0] == comp["pp-lint"] for t in d.get("targets", [])))
        with open(path, "rb") as fh:
            up = c.post(f"{base}/gradio_api/upload", files={"files": (path.name, fh)})
        if up.status_code != 200:
            return {"seconds": round(time.perf_counter() - t0, 2), "message": f"upload refused: HTTP {up.status_code}"}
        server_path = up.json()[0]
        file_data = {"path": server_path, "orig_name": path.name, "meta": {"_type": "gradio.FileData"}}
        sh = f"bench{int(time.time())}"
        c.post(f"{base}/gradio_api/queue/join", json={"data": ["", file_data], "fn_index": fn_index,
                                                       "session_hash": sh, "event_data": None, "trigger_id": None})
        msg = ""
        with c.stream("GET", f"{base}/gradio_api/queue/data", params={"session_hash": sh}) as r:
            for line in r.iter_lines():
                if line.startswith("data:"):
                    ev = json.loads(line[5:])
                    if ev.get("msg") == "process_completed":
                        out = ev.get("output") or {}
                        msg = str(out.get("error") or out.get("title") or out)[:400]
                        break
    return {"seconds": round(time.perf_counter() - t0, 2), "message": msg}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--no-server", action="store_true")
    ap.add_argument("--no-fuzz", action="store_true")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--only", action="append", help="fuzz only entry points whose name contains this (repeatable)")
    args = ap.parse_args()
    report: dict = {}
    if not args.no_fuzz:
        print(f"Fuzzing ({args.cases} cases per entry point, seed {args.seed}):", flush=True)
        report["fuzz"], report["jsonl"] = fuzz_all(args.cases, args.seed, set(args.only or []) or None)
        j = report["jsonl"]
        print(f"  JSONL lines in {j['jsonl_lines_in']}, lines out {j['jsonl_lines_out']}")
    print("Personal data:", flush=True)
    report["pii"] = pii_figures()
    if not args.no_server:
        print("Server (python app.py, loopback):", flush=True)
        with tempfile.TemporaryDirectory(prefix="paligs-srv-") as d:
            report["server"] = server_figures(Path(d))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
