"""Warm answer latency without an LLM: retrieval + composer + answerability, per question.

Prints p50/p95 of the whole ``Assistant.ask`` and of its parts (retrieval vs. answer composition), the share
of the time spent outside retrieval, and the cold start. Targets: p50 ≤ 60 ms, p95 ≤ 200 ms.

Example:
    python benchmarks/answer_bench.py                       # settings.data_dir (builds the index if missing)
    python benchmarks/answer_bench.py --data-dir /tmp/idx --rounds 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--set", default=str(REPO / "evals" / "sets" / "answers.jsonl"))
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--concurrent", type=int, default=50, help="questions asked at once from threads (0 = skip)")
    args = ap.parse_args(argv)

    from assistant.config import load_settings
    from assistant.pipeline import Assistant
    from evals.metrics import percentile as pct  # nearest-rank, the same as the eval reports

    settings = load_settings().with_overrides(answer_mode="extractive", query_cache=0)  # no repeated-question shortcut
    if args.data_dir:
        settings = settings.with_overrides(data_dir=args.data_dir)
    from evals.answers import load_set  # the eval's reader: bad lines are listed, not a traceback

    questions = [row["question"] for row in load_set(Path(args.set))]
    t0 = time.perf_counter()
    assistant = Assistant(settings)
    assistant.warm_up()
    cold_load = (time.perf_counter() - t0) * 1000
    t1 = time.perf_counter()
    assistant.ask(questions[0])
    first = (time.perf_counter() - t1) * 1000

    total: list[float] = []
    retrieval: list[float] = []
    answer_part: list[float] = []
    for _ in range(args.rounds):
        for q in questions:
            t = time.perf_counter()
            a = assistant.ask(q)
            total.append((time.perf_counter() - t) * 1000)
            retrieval.append(a.timings_ms.get("retrieval_ms", 0.0))
            answer_part.append(
                a.timings_ms.get("compose_ms", 0.0) + a.timings_ms.get("answerability_ms", 0.0)
            )

    print(f"questions {len(questions)} x {args.rounds} rounds, extractive mode, no LLM")
    print(f"cold: load index + corpus statistics {cold_load:.0f} ms; first answer {first:.0f} ms")
    for name, vals in (
        ("ask (total)", total),
        ("retrieval", retrieval),
        ("compose+answerability", answer_part),
    ):
        print(
            f"{name:24s} p50 {statistics.median(vals):7.1f} ms   p95 {pct(vals, 95):7.1f} ms   max {max(vals):7.1f} ms"
        )
    share = sum(answer_part) / max(1e-9, sum(total))
    print(f"share of time outside retrieval: {share:.1%}")
    ok = statistics.median(total) <= 60 and pct(total, 95) <= 200
    print(f"target p50 <= 60 ms and p95 <= 200 ms: {'met' if ok else 'NOT met'}")
    if args.concurrent > 0:
        # the same pipeline the web app's /ask uses, without Gradio: what concurrency costs the answer part itself
        import threading

        batch = [questions[i % len(questions)] for i in range(args.concurrent)]
        lat: list[float] = []
        lock = threading.Lock()

        def one(q: str) -> None:
            t = time.perf_counter()
            assistant.ask(q)
            with lock:
                lat.append((time.perf_counter() - t) * 1000)

        threads = [threading.Thread(target=one, args=(q,)) for q in batch]
        w0, c0 = time.perf_counter(), time.process_time()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        print(
            f"{len(batch)} concurrent asks in-process: wall {wall * 1000:.0f} ms  p50 {statistics.median(lat):.0f} ms  "
            f"p95 {pct(lat, 95):.0f} ms  CPU {cpu * 1000 / len(batch):.1f} ms per answer"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
