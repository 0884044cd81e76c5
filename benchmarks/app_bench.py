"""Web app over loopback: cold start to the first served page, 50 concurrent `ask` API calls, server memory.

    python benchmarks/app_bench.py [--data-dir DIR] [--calls 50] [--starts 3] [--json OUT]

The index is built first (not timed: the cold start is measured with the index already built). Questions are
the distinct questions of evals/sets/answers.jsonl (cycled), sent through gradio_client, all at once.
Targets (issue 7): cold start ≤ 10 s, 0 errors, p95 ≤ 1 s without an LLM, peak RSS ≤ 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    if not s:
        return float("nan")
    k = max(0, min(len(s) - 1, round(p / 100 * (len(s) - 1))))
    return s[k]


def questions(n: int) -> list[str]:
    qs: list[str] = []
    for name in ("answers.jsonl", "retrieval.jsonl"):
        path = REPO / "evals" / "sets" / name
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    q = json.loads(line).get("question")
                    if q and q not in qs:
                        qs.append(q)
    qs = qs or ["Kas ir e-pakalpojums?", "Kas ir pakalpojumu portfelis?", "Cik maksā pase?"]
    return [qs[i % len(qs)] for i in range(n)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", default=str(REPO / "data"))
    ap.add_argument("--calls", type=int, default=50)
    ap.add_argument("--starts", type=int, default=3)
    ap.add_argument("--json", help="write the figures to this JSON file")
    args = ap.parse_args(argv)
    if args.calls < 1 or args.starts < 1:
        ap.error("--calls un --starts jābūt ≥ 1 / --calls and --starts must be at least 1")

    from gradio_client import Client

    from assistant.config import load_settings
    from assistant.index import build_index
    from webui.testing import AppServer

    settings = load_settings().with_overrides(data_dir=args.data_dir)
    build_index(settings)

    starts, start_cpu = [], []
    # one unmeasured start first, so every measured start finds the same warm OS file cache
    with AppServer(data_dir=args.data_dir, args=["--no-warm-up"]):
        pass
    for _ in range(args.starts):
        srv = AppServer(data_dir=args.data_dir)
        starts.append(srv.start(timeout=120))
        start_cpu.append(srv.start_cpu_s)
        if _ < args.starts - 1:
            srv.stop()
    print(
        f"cold start to first page: median {statistics.median(starts):.2f} s  "
        f"(runs: {', '.join(f'{s:.2f}' for s in starts)})  target ≤ 10 s; "
        f"server CPU time to first page: median {statistics.median(start_cpu):.2f} s"
    )

    try:
        t0 = time.perf_counter()
        srv.wait_ready(timeout=600)
        print(f"index open + assistant warm after start: {time.perf_counter() - t0:.2f} s")
        qs = questions(args.calls)
        clients = [Client(srv.url, verbose=False) for _ in range(min(args.calls, 50))]
        # warm, sequential: the latency of one call on an idle server
        seq = []
        for q in qs[:10]:
            t = time.perf_counter()
            clients[0].predict(q, None, api_name="/ask")
            seq.append(time.perf_counter() - t)
        print(
            f"sequential ask (10 calls): p50 {statistics.median(seq) * 1000:.0f} ms  p95 {pct(seq, 95) * 1000:.0f} ms"
        )

        lat: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        barrier = threading.Barrier(len(qs))

        def one(i: int) -> None:
            barrier.wait()
            t = time.perf_counter()
            try:
                r = clients[i % len(clients)].predict(qs[i], None, api_name="/ask")
                ok = isinstance(r, dict) and "answer" in r
                err = None if ok else f"bad result: {str(r)[:80]}"
            except Exception as exc:  # noqa: BLE001
                err = str(exc)[:120]
            dt = time.perf_counter() - t
            with lock:
                lat.append(dt)
                if err:
                    errors.append(err)

        cpu0 = srv.cpu_seconds()
        t_all = time.perf_counter()
        with ThreadPoolExecutor(len(qs)) as pool:
            list(pool.map(one, range(len(qs))))
        wall = time.perf_counter() - t_all
        cpu_per_call = (srv.cpu_seconds() - cpu0) / len(qs)
        print(
            f"{len(qs)} concurrent ask calls: errors {len(errors)}  p50 {statistics.median(lat) * 1000:.0f} ms  "
            f"p95 {pct(lat, 95) * 1000:.0f} ms  max {max(lat) * 1000:.0f} ms  wall {wall:.2f} s  "
            f"throughput {len(qs) / wall:.1f} answers/s  target p95 ≤ 1000 ms, 0 errors"
        )
        print(
            f"server CPU time per concurrent call: {cpu_per_call * 1000:.0f} ms (answer + Gradio queue/API)"
        )
        for e in errors[:5]:
            print("  error:", e)
        peak = srv.peak_rss_mb()
        print(f"server RSS now {srv.rss_mb():.0f} MB, peak {peak:.0f} MB  target ≤ 1536 MB")
        figures = {
            "cold_start_s": starts,
            "cold_start_median_s": statistics.median(starts),
            "sequential_p50_ms": statistics.median(seq) * 1000,
            "sequential_p95_ms": pct(seq, 95) * 1000,
            "concurrent_calls": len(qs),
            "concurrent_errors": len(errors),
            "concurrent_p50_ms": statistics.median(lat) * 1000,
            "concurrent_p95_ms": pct(lat, 95) * 1000,
            "concurrent_wall_s": wall,
            "peak_rss_mb": peak,
            "server_cpu_ms_per_call": cpu_per_call * 1000,
            "start_cpu_s": start_cpu,
            "cpus": os.cpu_count(),
            "load_avg_1m": os.getloadavg()[0],
        }
        print(f"(machine: {os.cpu_count()} CPUs, 1-min load average {os.getloadavg()[0]:.1f})")
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    finally:
        srv.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
