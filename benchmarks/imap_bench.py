"""The mailbox over IMAP, measured over loopback against a throwaway Dovecot (assistant/triage/testserver.py).

    python benchmarks/imap_bench.py [--messages 500] [--data-dir data] [--no-assistant] [--no-answer-cache]

Prints:
- the first run over N new messages with the extractive assistant drafting replies and the drafts appended to
  Drafts: messages per second (the one-time warm-up of the assistant, the same for any mailbox, apart), and how
  much of the time was triage and how much IMAP;
- a rerun with nothing new: in the process and as the whole command (``python -m assistant triage --imap``);
- kill -9 of the command mid-batch (once a third of the drafts are in the mailbox), then a rerun: rows lost,
  rows duplicated, drafts duplicated, drafts lost.

The index is read from ``--data-dir`` (built there first when missing) and copied into a temporary data folder,
so the mailbox state of the throwaway server never lands in the real one.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SETS = ["triage.jsonl", "dev_triage.jsonl", "dev2_triage.jsonl", "dev3_triage.jsonl"]
INBOX_ADDRESS = "pvp@varam.gov.lv"


def corpus_messages(n: int) -> list[bytes]:
    """N messages from the labelled triage sets (cycled), each with its own Message-ID, sender and date."""
    records = []
    for name in SETS:
        path = REPO / "evals" / "sets" / name
        if path.exists():
            records += [
                json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
            ]
    out = []
    for i, rec in zip(range(n), itertools.cycle(records), strict=False):
        m = EmailMessage()
        m["From"] = f"Sūtītājs {i} <sender{i}@iestade.lv>"
        m["To"] = INBOX_ADDRESS
        m["Subject"] = str(rec.get("subject") or "")
        m["Message-ID"] = f"<bench-{i}@iestade.lv>"
        m["Date"] = f"Mon, {1 + i % 27:02d} Mar 2026 10:{i % 60:02d}:00 +0200"
        m.set_content(str(rec.get("body") or rec.get("text") or ""))
        out.append(m.as_bytes(policy=email.policy.SMTP))
    return out


def messages_text(messages: list[bytes]) -> list[bytes]:
    return [m.split(b"\r\n\r\n", 1)[-1] for m in messages]


def drafts_in(srv, user: str) -> list[EmailMessage]:
    c = srv.client(user)
    try:
        c.select_folder("Drafts", readonly=True)
        uids = c.search(["ALL"])
        resp = c.fetch(uids, ["BODY.PEEK[HEADER]"]) if uids else {}
        return [
            email.message_from_bytes(v[b"BODY[HEADER]"], policy=email.policy.default) for v in resp.values()
        ]
    finally:
        c.logout()


def draft_count(srv, user: str) -> int:
    c = srv.client(user)
    try:
        return int(c.folder_status("Drafts", ["MESSAGES"])[b"MESSAGES"])
    finally:
        c.logout()


def deliver(srv, user: str, messages: list[bytes]) -> float:
    t = time.perf_counter()
    c = srv.client(user)
    try:
        for m in messages:
            c.append("INBOX", m)
    finally:
        c.logout()
    return time.perf_counter() - t


def cli(srv, user: str, data: Path, pw: Path, out: Path, *, no_assistant: bool) -> list[str]:
    cmd = [
        sys.executable, "-m", "assistant", "--data-dir", str(data), "triage", "--imap",
        "--imap-host", srv.host, "--imap-port", str(srv.port), "--imap-ca-file", str(srv.ca_file),
        "--imap-user", user, "--imap-password-file", str(pw), "--imap-from", INBOX_ADDRESS,
        "--no-progress", "-o", str(out),
    ]  # fmt: skip
    return cmd + (["--no-assistant"] if no_assistant else [])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=500)
    ap.add_argument("--data-dir", default=str(REPO / "data"), help="where the index is (or is built)")
    ap.add_argument(
        "--no-assistant", action="store_true", help="triage without answers (redirect drafts only)"
    )
    ap.add_argument(
        "--no-answer-cache",
        action="store_true",
        help="ask the assistant for every message (the labelled sets have 215 messages: 500 repeat some, and a "
        "batch asks a repeated question once)",
    )
    args = ap.parse_args()

    from assistant.config import load_settings
    from assistant.triage.imap import MailboxTriage
    from assistant.triage.pipeline import TriagePipeline
    from assistant.triage.testserver import DovecotServer

    n = args.messages
    messages = corpus_messages(n)
    print(
        f"cores: {os.cpu_count()}, load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}; "
        f"{n} messages from {len(set(messages_text(messages)))} distinct texts; answer cache "
        f"{'off' if args.no_answer_cache else 'on (as in the command)'}"
    )
    with DovecotServer() as srv, tempfile.TemporaryDirectory(prefix="paligs-imap-bench-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        index = Path(args.data_dir) / "index"
        if not args.no_assistant:
            if not index.exists():
                print(f"building the index in {args.data_dir} first …")
                from assistant.index import build_index

                build_index(load_settings().with_overrides(data_dir=args.data_dir))
            shutil.copytree(index, data / "index", symlinks=True)
        pw = Path(tmp) / "password"
        pw.write_text(srv.password + "\n", encoding="utf-8")

        # ---------------------------------------------------------------- first run, in the process
        user = f"bench-{os.getpid()}"
        print(f"delivered {n} messages by APPEND in {deliver(srv, user, messages):.2f} s")
        settings = load_settings().with_overrides(
            data_dir=str(data), imap_from=INBOX_ADDRESS, **srv.settings(user)
        )
        t = time.perf_counter()
        pipe = TriagePipeline(settings, use_assistant=not args.no_assistant)
        if not args.no_assistant:
            assert pipe.lazy.assistant() is not None, "the assistant did not load"
        pipe.triage(pipe_probe())  # language models loaded once per process
        print(
            f"warm-up (language models, assistant and index, once per process): {time.perf_counter() - t:.2f} s"
        )
        spent = [0.0]
        real = pipe.triage

        def timed(msg):
            if args.no_answer_cache:
                pipe._answers.clear()
            t0 = time.perf_counter()
            try:
                return real(msg)
            finally:
                spent[0] += time.perf_counter() - t0

        pipe.triage = timed
        pipe._answers.clear()
        t = time.perf_counter()
        report = MailboxTriage(settings, make_pipeline=lambda: pipe).run()
        took = time.perf_counter() - t
        rows = len(report.rows)
        print(
            f"first run: {rows} messages triaged, {report.drafts_written} drafts appended to Drafts in {took:.2f} s: "
            f"{rows / took:.1f} msg/s (target >= 15); triage {spent[0]:.2f} s, IMAP and drafts {took - spent[0]:.2f} s"
        )
        routes: dict[str, int] = {}
        for r in report.rows:
            routes[r["route"]] = routes.get(r["route"], 0) + 1
        print(f"routes: {dict(sorted(routes.items()))}; drafts in Drafts: {draft_count(srv, user)}")
        t = time.perf_counter()
        again = MailboxTriage(settings, make_pipeline=lambda: pipe).run()
        print(
            f"rerun with nothing new, in the process: {time.perf_counter() - t:.3f} s ({len(again.rows)} rows)"
        )
        out = Path(tmp) / "rerun.jsonl"
        t = time.perf_counter()
        p = subprocess.run(
            cli(srv, user, data, pw, out, no_assistant=args.no_assistant),
            cwd=REPO, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        print(
            f"rerun with nothing new, the whole command: {time.perf_counter() - t:.2f} s (target <= 2 s; exit "
            f"{p.returncode}, {len(out.read_text().splitlines()) if out.exists() else '?'} rows)"
        )

        # ---------------------------------------------------------------- kill -9 mid-batch, then rerun
        crash = f"crash-{os.getpid()}"
        deliver(srv, crash, messages)
        expected_drafts = report.drafts_written
        out1, out2 = Path(tmp) / "killed.jsonl", Path(tmp) / "after.jsonl"
        proc = subprocess.Popen(
            cli(srv, crash, data, pw, out1, no_assistant=args.no_assistant),
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        t = time.perf_counter()
        while proc.poll() is None and draft_count(srv, crash) < max(1, expected_drafts // 3):
            time.sleep(0.1)
        finished_first = proc.poll() is not None
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        at_kill = draft_count(srv, crash)
        print(
            f"kill -9 after {time.perf_counter() - t:.1f} s with {at_kill} of {expected_drafts} drafts in the mailbox"
            + (" (the run had already finished: increase --messages)" if finished_first else "")
        )
        t = time.perf_counter()
        p = subprocess.run(
            cli(srv, crash, data, pw, out2, no_assistant=args.no_assistant),
            cwd=REPO, capture_output=True, text=True, timeout=1200, check=False,
        )  # fmt: skip
        rows2 = (
            [json.loads(x) for x in out2.read_text(encoding="utf-8").splitlines()] if out2.exists() else []
        )
        rows1 = (
            [json.loads(x) for x in out1.read_text(encoding="utf-8").splitlines()] if out1.exists() else []
        )
        all_rows = rows1 + rows2
        uids = [r["mailbox"]["uid"] for r in all_rows]
        drafts = drafts_in(srv, crash)
        keys = [d["X-Paligs-Reply-Key"] for d in drafts]
        replied = {d["In-Reply-To"] for d in drafts}
        should = {f"<bench-{r['mailbox']['uid'] - 1}@iestade.lv>" for r in all_rows if r["mailbox"]["draft"]}
        print(
            f"rerun after the kill: exit {p.returncode} in {time.perf_counter() - t:.1f} s; rows: killed run "
            f"{len(rows1)}, rerun {len(rows2)}; lost {n - len(set(uids))}, duplicated {len(uids) - len(set(uids))}; "
            f"drafts: {len(drafts)} ({expected_drafts} expected), duplicated {len(keys) - len(set(keys))}, "
            f"lost {len(should - replied)}"
        )
    return 0


def pipe_probe():
    from assistant.triage.mail import Message

    return Message(id="warm", subject="Pabalsts", body="Kad man izmaksās pabalstu?")


if __name__ == "__main__":
    sys.exit(main())
