"""``python -m evals calibrate``: the searches behind ``assistant/answering/thresholds.toml``.

Only own data is used (never an independent or hold-out set):

- **route**: the section holding each labelled quote of the own answer sets (``evals/sets/*answers.jsonl``) is the
  right section; a grid over the channel weights and the bank cosine scale reports top-1 / top-3 section accuracy,
  sections ranked by strength as the router ranks them. A second check leaves 500 question-bank questions out of
  the bank and routes them (the section they were written for is the right one).
- **judge**: 400 bank questions left out of the bank (situational, answerable by construction) and the own sets'
  unanswerable questions; a grid over the support weights and threshold keeps at most 5 % of the bank questions
  declined and declines as many unanswerable ones as possible.

It prints the best settings and the current ones side by side; it writes nothing (the table is reviewed and edited
by hand, with the date and the figures in its comments).

Example:
    python -m evals calibrate            # both
    python -m evals calibrate --only route
"""

from __future__ import annotations

import argparse
import bisect
import dataclasses
import itertools
import json
import random
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
OWN = [REPO / "evals" / "sets" / f for f in ("answers.jsonl", "dev_answers.jsonl", "dev2_answers.jsonl", "dev3_answers.jsonl")]


def register(sub: Any) -> None:
    p = sub.add_parser("calibrate", help="the grid searches behind the answer path's thresholds (own data only)")
    p.add_argument("--only", choices=("route", "judge"), default=None)
    p.add_argument("--seed", type=int, default=7)
    p.set_defaults(func=run)


def _rows() -> list[dict[str, Any]]:
    out = []
    for p in OWN:
        if p.is_file():
            out += [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def _channels(a: Any, question: str) -> dict[str, Any]:
    """The router's separate channel scores for one question (section index -> score before weighting), from the
    same evidence answering uses (``Assistant.evidence``: the e5 reading of the question, the definitions)."""
    q, hits, qvec, definitions = a.evidence(question)
    R = a.router
    pas, _ = R._passages(hits)
    defined, _ = R._defined(definitions)
    out: dict[str, Any] = {
        "passages": pas,
        "bank": R._bank_lexical(f"{q.text} {q.expansion}"),
        "bank_ask": R._bank_lexical(q.ask) if q.situation else R._bank_lexical(f"{q.text} {q.expansion}"),
        "definition": defined,
        "cos": {},
        "has_centroid": R._has_centroid.copy() if len(R._has_centroid) else np.zeros(len(R.sections), dtype=bool),
    }
    if R._centroids is not None and qvec is not None:
        v = np.asarray(qvec, dtype=np.float32)
        cs = R._centroids @ (v / max(float(np.linalg.norm(v)), 1e-12))
        out["cos"] = {int(i): float(c) for i, c in enumerate(cs) if R._has_centroid[i]}
    return out


def _ranked(ch: dict[str, Any], w: tuple[float, float, float, float], lo: float, hi: float) -> list[int]:
    """Sections in the router's order: by strength (weighted score over what the section can reach)."""
    from assistant.answering import THRESHOLDS as T

    sc: dict[int, float] = {}
    for name, wt in zip(("passages", "bank", "bank_ask", "definition"), (w[0], w[1], w[2], T.w_definition), strict=True):
        for k, v in ch[name].items():
            sc[k] = sc.get(k, 0.0) + wt * v
    for k, c in ch["cos"].items():
        val = (c - lo) / (hi - lo)
        if val > 0:
            sc[k] = sc.get(k, 0.0) + w[3] * min(val, 1.0)
    full = w[0] + w[1] + w[2]
    has = ch["has_centroid"]

    def possible(k: int) -> float:
        return full + (w[3] if k < len(has) and has[k] else 0.0) + (T.w_definition if k in ch["definition"] else 0.0)

    return sorted(sc, key=lambda k: (-sc[k] / max(possible(k), 1e-9), -sc[k]))


def _accuracy(rows: list[tuple[int, dict]], w: tuple[float, float, float, float], lo: float, hi: float) -> tuple[float, float]:
    t1 = t3 = 0
    for gold, ch in rows:
        order = _ranked(ch, w, lo, hi)
        t1 += order[:1] == [gold]
        t3 += gold in order[:3]
    n = max(len(rows), 1)
    return round(t1 / n, 3), round(t3 / n, 3)


def _left_out(a: Any, n: int, seed: int) -> tuple[list[tuple[int, str]], list[Any]]:
    """``n`` bank questions (seeded sample) and the bank without them: (the section index each was written for,
    the question), and the kept entries."""
    r = a.retriever
    entries = list(r.bank_entries)
    allq = [(ei, q) for ei, e in enumerate(entries) for q in e.questions]
    rng = random.Random(seed)
    test = rng.sample(allq, min(n, len(allq)))
    tset = set(test)
    kept = [dataclasses.replace(e, questions=tuple(q for q in e.questions if (ei, q) not in tset)) for ei, e in enumerate(entries)]
    keep_idx = [i for i, eq in enumerate(allq) if eq not in tset]
    a.router.warm_up(a.router.sections, kept, r.bank_vectors[keep_idx] if r.bank_vectors is not None else None)
    gold = []
    for ei, q in test:
        sec = a.router._entry_section(entries[ei])
        if sec is not None:
            gold.append((a.router._index_of[sec.key], q))
    return gold, entries


def calibrate_route(a: Any, seed: int = 7) -> None:
    from assistant.answering import THRESHOLDS as T
    from assistant.index import get_documents

    docs = {d.meta.source_file: d for d in get_documents(a.settings)}
    labelled: list[tuple[int, dict]] = []
    for row in _rows():
        d = docs.get(row.get("doc", ""))
        if not row.get("answerable") or not row.get("quote") or d is None:
            continue
        i = d.original.find(row["quote"])
        if i < 0:
            continue
        ci = bisect.bisect_left(d.offsets, i) if d.offsets else i
        sec = a.router.section_at(row["doc"], ci)
        if sec is None:
            continue
        labelled.append((a.router._index_of[sec.key], _channels(a, row["question"])))
    current = (T.w_passages, T.w_bank_lexical, T.w_bank_ask, T.w_bank_dense)
    print(f"route: {len(labelled)} own questions with a labelled quote")
    print(f"  current weights {current}, cosine {T.bank_cos_low}–{T.bank_cos_high}: top-1 / top-3 "
          f"{_accuracy(labelled, current, T.bank_cos_low, T.bank_cos_high)}")
    print(f"  passages alone: {_accuracy(labelled, (1, 0, 0, 0), 0.8, 0.95)}")
    grid = []
    for w in itertools.product([0.5, 1.0, 1.5], [0, 0.5, 1.0], [0, 0.5, 1.0], [0, 1, 2, 3]):
        for lo, hi in ((0.8, 0.95), (0.85, 0.95), (0.85, 0.97)):
            grid.append((_accuracy(labelled, w, lo, hi), w, lo, hi))
    grid.sort(key=lambda t: (-t[0][0], -t[0][1]))
    for acc, w, lo, hi in grid[:5]:
        print(f"  best: weights {w} cosine {lo}–{hi}: top-1 / top-3 {acc}")
    # the bank's own questions, each left out of the bank it is routed against: its section is the right one
    entries = list(a.retriever.bank_entries)
    if not entries:
        return
    try:
        gold, entries = _left_out(a, 500, seed + 1)
        rows = [(g, _channels(a, q)) for g, q in gold]
    finally:
        a.router.warm_up(a.router.sections, entries, a.retriever.bank_vectors)
    print(f"  {len(rows)} bank questions left out of the bank: current top-1 / top-3 "
          f"{_accuracy(rows, current, T.bank_cos_low, T.bank_cos_high)}; best own-set weights {grid[0][1]}: "
          f"{_accuracy(rows, grid[0][1], grid[0][2], grid[0][3])}; passages alone {_accuracy(rows, (1, 0, 0, 0), 0.8, 0.95)}")


def calibrate_judge(a: Any, seed: int) -> None:
    from assistant.answering import THRESHOLDS as T

    r = a.retriever
    entries = list(r.bank_entries)
    if not any(e.questions for e in entries):
        print("judge: no question bank")
        return
    try:
        test, entries = _left_out(a, 400, seed)
        feats: dict[str, list] = {"bank": [], "own": []}
        for _g, q in test:
            v = a._prepare(q, None)["verdict"]
            feats["bank"].append((True, v.reason, v.features))
        for row in _rows():
            v = a._prepare(row["question"], None)["verdict"]
            feats["own"].append((bool(row["answerable"]), v.reason, v.features))
    finally:
        a.router.warm_up(a.router.sections, entries, r.bank_vectors)

    def declined(reason: str, f: dict, w: tuple[float, float], th: float) -> bool:
        if reason not in ("ok", "weak_match"):
            return True
        if f.get("defines"):
            return False
        return w[0] * f["coverage"] + w[1] * f["route_strength"] < th

    def rates(rows, w, th):
        a_ = [declined(r_, f, w, th) for ans, r_, f in rows if ans]
        u_ = [declined(r_, f, w, th) for ans, r_, f in rows if not ans]
        return (round(float(np.mean(a_)), 3) if a_ else None, round(float(np.mean(u_)), 3) if u_ else None)

    hard = sum(1 for _a, r_, _f in feats["bank"] if r_ not in ("ok", "weak_match"))
    print(f"judge: {len(feats['bank'])} bank questions left out (question-form rules alone decline {hard}), "
          f"{sum(1 for ans, *_ in feats['own'] if not ans)} own unanswerable")
    cur = (T.w_cov, T.w_route)
    print(f"  current {cur} ≥ {T.min_support}: bank declined {rates(feats['bank'], cur, T.min_support)[0]}, "
          f"own answerable/unanswerable declined {rates(feats['own'], cur, T.min_support)}")
    best = []
    for w in ((0.5, 0.5), (1.0, 0.0), (0.0, 1.0), (0.3, 0.7), (0.7, 0.3)):
        for th in [x / 100 for x in range(0, 90, 2)]:
            b = rates(feats["bank"], w, th)[0]
            if b is not None and b <= 0.05:
                o = rates(feats["own"], w, th)
                best.append((o[1] or 0.0, -b, w, th, b, o))
    best.sort(reverse=True)
    for _u, _nb, w, th, b, o in best[:5]:
        print(f"  best: {w} ≥ {th}: bank declined {b}, own answerable/unanswerable declined {o}")


def run(args: argparse.Namespace) -> int:
    from assistant.config import load_settings
    from assistant.pipeline import Assistant

    settings = load_settings().with_overrides(answer_mode="extractive")
    a = Assistant(settings)
    a.warm_up()
    if args.only in (None, "route"):
        calibrate_route(a, args.seed)
    if args.only in (None, "judge"):
        calibrate_judge(a, args.seed)
    return 0
