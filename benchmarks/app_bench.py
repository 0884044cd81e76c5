"""Web app over loopback: cold start to the first served page, 50 concurrent `ask` API calls, server memory.

    python benchmarks/app_bench.py [--data-dir DIR] [--calls 50] [--starts 3] [--json OUT]

The index is built first (not timed: the cold start is measured with the index already built). Questions are
the labelled questions of evals/sets/ (answers, then retrieval; 176 different ones): each round sends --calls
different questions at once (rounds wrap round the pool, so later rounds may reuse earlier questions). The server
runs with its query cache off, so every call runs the embedding model whatever was asked before. Two clients, both over loopback on the same 2 cores as the server:

- gradio_client (what a script would use): one Client per caller thread. The client itself costs ~60 ms of CPU
  per call (threads, SSE parsing), which competes with the server for the same cores;
- Gradio's documented REST protocol (POST /gradio_api/call/ask, then read the event stream), from one asyncio
  httpx client (~7 ms of CPU per call): closer to what the server can do.

Targets (issue 7): cold start ≤ 10 s, 0 errors, p95 ≤ 1 s without an LLM, peak RSS ≤ 1.5 GB.
"""

from __future__ import annotations

import argparse
import asyncio
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

from evals.metrics import percentile as pct  # nearest rank, like every other figure


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
    ap.add_argument(
        "--rounds", type=int, default=3, help="concurrent rounds per client kind (medians are quoted)"
    )
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
        srv = AppServer(data_dir=args.data_dir, extra_env={"PALIGS_QUERY_CACHE": "0"})
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
        n = args.calls
        distinct = list(dict.fromkeys(questions(10_000)))  # every labelled question once

        def take(i: int) -> list[str]:  # the i-th block of n different questions (wrapping round the pool)
            return [distinct[(i * n + j) % len(distinct)] for j in range(n)]

        warm = distinct[-10:]
        clients = [Client(srv.url, verbose=False) for _ in range(min(n, 50))]
        # warm, sequential: the latency of one call on an idle server
        seq = []
        for q in warm:
            t = time.perf_counter()
            clients[0].predict(q, None, api_name="/ask")
            seq.append(time.perf_counter() - t)
        print(
            f"sequential ask (10 calls): p50 {statistics.median(seq) * 1000:.0f} ms  p95 {pct(seq, 95) * 1000:.0f} ms"
        )

        def report(kind: str, rounds: list[dict]) -> dict:
            for r in rounds:
                print(
                    f"  {kind}: {n} concurrent ask calls: errors {r['errors']}  p50 {r['p50_ms']:.0f} ms  "
                    f"p95 {r['p95_ms']:.0f} ms  max {r['max_ms']:.0f} ms  wall {r['wall_s']:.2f} s  "
                    f"server CPU {r['server_cpu_ms']:.0f} ms/call"
                )
            med = {k: statistics.median(r[k] for r in rounds) for k in rounds[0] if k != "error_samples"}
            med["errors"] = sum(r["errors"] for r in rounds)
            print(
                f"{kind}: median of {len(rounds)} rounds: p50 {med['p50_ms']:.0f} ms  p95 {med['p95_ms']:.0f} ms  "
                f"wall {med['wall_s']:.2f} s  {n / med['wall_s']:.1f} answers/s  errors {med['errors']}  "
                f"server CPU {med['server_cpu_ms']:.0f} ms/call   target p95 ≤ 1000 ms, 0 errors"
            )
            for e in [e for r in rounds for e in r["error_samples"]][:5]:
                print("  error:", e)
            return med

        def round_figures(lat: list[float], errors: list[str], wall: float, cpu_s: float) -> dict:
            return {
                "errors": len(errors),
                "error_samples": errors[:5],
                "p50_ms": statistics.median(lat) * 1000,
                "p95_ms": pct(lat, 95) * 1000,
                "max_ms": max(lat) * 1000,
                "wall_s": wall,
                "server_cpu_ms": cpu_s / len(lat) * 1000,
            }

        def gradio_round(qs: list[str]) -> dict:
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
            return round_figures(lat, errors, time.perf_counter() - t_all, srv.cpu_seconds() - cpu0)

        async def rest_round(qs: list[str]) -> dict:
            import httpx

            async def one(client: httpx.AsyncClient, q: str) -> tuple[float, str | None]:
                t = time.perf_counter()
                try:
                    r = await client.post(srv.url + "gradio_api/call/ask", json={"data": [q, None]})
                    r.raise_for_status()
                    eid = r.json()["event_id"]
                    event, data = None, None
                    async with client.stream("GET", srv.url + f"gradio_api/call/ask/{eid}") as resp:
                        async for line in resp.aiter_lines():
                            if line.startswith("event:"):
                                event = line[6:].strip()
                            elif line.startswith("data:") and event in ("complete", "error"):
                                data = line[5:].strip()
                                break
                    ok = event == "complete" and "answer" in json.loads(data or "[{}]")[0]
                    err = None if ok else f"{event}: {str(data)[:80]}"
                except Exception as exc:  # noqa: BLE001
                    err = str(exc)[:120]
                return time.perf_counter() - t, err

            limits = httpx.Limits(max_connections=4 * len(qs), max_keepalive_connections=4 * len(qs))
            async with httpx.AsyncClient(timeout=120, limits=limits) as client:
                await one(client, warm[0])
                cpu0 = srv.cpu_seconds()
                t_all = time.perf_counter()
                res = await asyncio.gather(*[one(client, q) for q in qs])
                wall = time.perf_counter() - t_all
            return round_figures(
                [r[0] for r in res], [r[1] for r in res if r[1]], wall, srv.cpu_seconds() - cpu0
            )

        g_rounds, h_rounds = [], []
        for k in range(args.rounds):  # interleaved, so both client kinds see the same machine
            g_rounds.append(gradio_round(take(2 * k)))
            h_rounds.append(asyncio.run(rest_round(take(2 * k + 1))))
        g = report("gradio_client", g_rounds)
        h = report("REST (httpx, asyncio)", h_rounds)
        peak = srv.peak_rss_mb()
        print(f"server RSS now {srv.rss_mb():.0f} MB, peak {peak:.0f} MB  target ≤ 1536 MB")
        figures = {
            "cold_start_s": starts,
            "cold_start_median_s": statistics.median(starts),
            "sequential_p50_ms": statistics.median(seq) * 1000,
            "sequential_p95_ms": pct(seq, 95) * 1000,
            "concurrent_calls": n,
            "gradio_client": g,
            "rest": h,
            "peak_rss_mb": peak,
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
