"""Triage throughput: messages per second and per-message latency (median, p95), without an LLM.

    python benchmarks/triage_bench.py [--repeat 3] [--with-assistant]

Stages timed separately: reading (JSONL), triage without the assistant (language, topic, flags, personal
data, due dates), and, with --with-assistant, triage with the extractive assistant (retrieval + answer).
Both runs go over the set ``--repeat`` times; each pass is a fresh batch (the per-batch answer cache is emptied,
so a repeated pass asks the assistant again instead of reading its cache).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

if "--one-thread" in sys.argv:
    # one BLAS/OpenMP thread, for comparison (the CLI uses the default threads with passive waiting)
    for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(_var, "1")
# OMP_WAIT_POLICY=PASSIVE: set by the assistant package itself (assistant/__init__.py), as in the CLI

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SET = REPO / "evals" / "sets" / "triage.jsonl"


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def bench(pipeline, messages, repeat: int) -> dict[str, float]:
    lat: list[float] = []
    t0 = time.perf_counter()
    for _ in range(repeat):
        pipeline._answers.clear()  # a new batch: repeated questions are asked again, not read from the cache
        for m in messages:
            t = time.perf_counter()
            pipeline.triage(m)
            lat.append((time.perf_counter() - t) * 1000)
    total = time.perf_counter() - t0
    return {
        "n": len(lat),
        "msg_per_s": len(lat) / total,
        "median_ms": statistics.median(lat),
        "p95_ms": pct(lat, 0.95),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--with-assistant", action="store_true")
    ap.add_argument(
        "--one-thread", action="store_true", help="limit BLAS/OpenMP threads to 1 (for comparison)"
    )
    args = ap.parse_args()

    from assistant.config import load_settings
    from assistant.triage.language import warm_up
    from assistant.triage.mail import load_inputs
    from assistant.triage.pipeline import TriagePipeline

    rows = [json.loads(x) for x in SET.read_text(encoding="utf-8").splitlines() if x.strip()]
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "inbox.jsonl"
        p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows * 10), encoding="utf-8")
        t = time.perf_counter()
        messages, _ = load_inputs([p])
        read_s = time.perf_counter() - t
    print(f"read {len(messages)} JSONL messages: {len(messages) / read_s:.0f} msg/s")
    messages = messages[: len(rows)]

    t = time.perf_counter()
    warm_up()
    print(f"language models warm-up: {time.perf_counter() - t:.2f} s (once per process)")
    settings = load_settings()
    plain = TriagePipeline(settings, use_assistant=False, use_linter=False)
    plain.triage(messages[0])
    r = bench(plain, messages, args.repeat)
    print(
        f"triage, no assistant: {r['msg_per_s']:.1f} msg/s; median {r['median_ms']:.1f} ms, "
        f"p95 {r['p95_ms']:.1f} ms over {r['n']} messages"
    )
    if args.with_assistant:
        full = TriagePipeline(settings, use_assistant=True, use_linter=True)
        t = time.perf_counter()
        full.triage(messages[0])
        print(f"assistant/index warm-up: {time.perf_counter() - t:.2f} s")
        r2 = bench(full, messages, args.repeat)
        print(
            f"triage + extractive assistant: {r2['msg_per_s']:.1f} msg/s; median {r2['median_ms']:.1f} ms, "
            f"p95 {r2['p95_ms']:.1f} ms over {r2['n']} messages"
        )
        print(f"ratio (with / without assistant, median latency): {r2['median_ms'] / r['median_ms']:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
