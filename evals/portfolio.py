"""``python -m evals portfolio``: group recall/precision of the portfolio review on labelled service lists.

Labelled lists: ``evals/sets/portfolio/*.json`` (held out from development: written by another engineer) and
``evals/sets/dev_portfolio/*.json`` (the small development set), each
``{"institution", "names": [...], "groups": [{"category", "rows", "note"}], "not_groups": [[rows], ...]}``.

Group matching: a predicted group *matches* a gold group when their row sets have Jaccard >= 0.5 (and, for the
category-aware figures, the same category). Matching is one-to-one, greedy by Jaccard, best first.
- recall = matched gold groups / gold groups; precision = matched predicted groups / predicted groups.
- "duplicate+variation" is the headline: gold and predicted groups of those two categories, category-aware.
- "any category, category-blind": every predicted group against every gold group, ignoring the category
  (the only fair way to score the rapidfuzz baseline, which has no categories).
- not_groups: a labelled not-group is *violated* when one predicted group holds two or more of its rows.

Writes ``evals/reports/portfolio.json`` (figures + per-list misses and false alarms).
"""

from __future__ import annotations

import argparse
import glob
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from assistant.errors import InputError

from .labelled import REPORT_HELP, report_path

ROOT = Path(__file__).resolve().parent
CATEGORIES = ("duplicate", "variation", "split_steps", "excessive_detail", "synonym")
MATCH_JACCARD = 0.5


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("portfolio", help="portfolio review: group recall/precision per category")
    p.add_argument(
        "--sets",
        nargs="*",
        default=None,
        help="JSON files or globs (default: evals/sets/portfolio/*.json and dev_portfolio/*.json)",
    )
    p.add_argument(
        "--semantic",
        choices=("off", "on", "both"),
        default="both",
        help="run without, with, or both ways (default both)",
    )
    p.add_argument("--baseline-threshold", type=int, default=None, help="rapidfuzz threshold (default 85)")
    p.add_argument("--report", default=None, help=REPORT_HELP)
    p.add_argument("--verbose", "-v", action="store_true", help="print misses and false alarms")
    p.set_defaults(func=run)


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def match(
    gold: list[tuple[str, frozenset[int]]],
    pred: list[tuple[str, frozenset[int]]],
    *,
    by_category: bool = True,
) -> list[tuple[int, int]]:
    """One-to-one greedy matching (best Jaccard first) of predicted to gold groups; returns index pairs."""
    cand = []
    for gi, (gc, gr) in enumerate(gold):
        for pi, (pc, pr) in enumerate(pred):
            if by_category and gc != pc:
                continue
            j = _jaccard(gr, pr)
            if j >= MATCH_JACCARD:
                cand.append((-j, gi, pi))
    cand.sort()
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in cand:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def load_sets(patterns: list[str] | None) -> dict[str, list[dict[str, Any]]]:
    """{"labelled": [...], "dev": [...]} (or {"given": [...]} for explicit patterns). A pattern that matches no
    file, a file that is not a labelled list, or no list at all stops the run (``evals.labelled``'s rule: a set
    with holes gives wrong figures)."""
    if patterns:
        missing = [p for p in patterns if not glob.glob(p)]
        if missing:
            raise InputError(f"neviens fails neatbilst: {', '.join(missing)}", f"no file matches: {', '.join(missing)}")
        return {"given": _load_lists(sorted({f for p in patterns for f in glob.glob(p)}))}
    out = {}
    for label, sub in (("labelled", "portfolio"), ("dev", "dev_portfolio")):
        files = sorted(glob.glob(str(ROOT / "sets" / sub / "*.json")))
        if files:
            out[label] = _load_lists(files)
    if not out:
        raise InputError("nav marķētu sarakstu (evals/sets/portfolio, evals/sets/dev_portfolio)",
                         "no labelled lists (evals/sets/portfolio, evals/sets/dev_portfolio)")
    return out


def _load_lists(files: list[str]) -> list[dict[str, Any]]:
    """The labelled lists: JSON objects with a "names" list of texts; every bad file is listed, then the run stops."""
    lists, problems = [], []
    for f in files:
        try:
            d = json.loads(Path(f).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append(f"{f}: nevar nolasīt / cannot read ({exc})")
            continue
        if not isinstance(d, dict) or not isinstance(d.get("names"), list) or not d["names"]:
            problems.append(f"{f}: nav JSON objekts ar sarakstu \"names\" / not a JSON object with a \"names\" list")
            continue
        lists.append(dict(d, _file=f))
    if problems:
        raise InputError("bojāti saraksti:\n" + "\n".join(problems), f"bad lists ({len(problems)}), listed above")
    return lists


class Tally:
    def __init__(self) -> None:
        self.c: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # gold, pred, matched_g, matched_p
        self.not_groups = [0, 0]  # violated, total

    def add(self, key: str, n_gold: int, n_pred: int, matched: int) -> None:
        t = self.c[key]
        t[0] += n_gold
        t[1] += n_pred
        t[2] += matched
        t[3] += matched

    def figures(self) -> dict[str, dict[str, float | int]]:
        out = {}
        for k, (g, p, mg, mp) in self.c.items():
            out[k] = {
                "gold": g,
                "predicted": p,
                "matched": mg,
                "recall": round(mg / g, 3) if g else None,
                "precision": round(mp / p, 3) if p else None,
            }
        v, t = self.not_groups
        out["not_groups"] = {"violated": v, "total": t, "rate": round(v / t, 3) if t else None}
        return out


def score_list(
    tally: Tally,
    data: dict[str, Any],
    pred: list[tuple[str, frozenset[int]]],
    details: list[dict[str, Any]] | None = None,
    *,
    with_categories: bool = True,
) -> None:
    gold = [(g["category"], frozenset(g["rows"])) for g in data["groups"]]
    if with_categories:
        for cat in CATEGORIES:
            g = [x for x in gold if x[0] == cat]
            p = [x for x in pred if x[0] == cat]
            tally.add(cat, len(g), len(p), len(match(g, p)))
        g = [x for x in gold if x[0] in ("duplicate", "variation")]
        p = [x for x in pred if x[0] in ("duplicate", "variation")]
        tally.add("duplicate+variation", len(g), len(p), len(match(g, p)))
    # category-blind: recall over duplicate+variation gold; precision over all predictions vs all gold
    g_dv = [x for x in gold if x[0] in ("duplicate", "variation")]
    m_dv = match(g_dv, pred, by_category=False)
    m_all = match(gold, pred, by_category=False)
    t = tally.c["dup+var recall / any precision (category-blind)"]
    t[0] += len(g_dv)
    t[1] += len(pred)
    t[2] += len(m_dv)
    t[3] += len(m_all)
    tally.add("all (category-blind)", len(gold), len(pred), len(m_all))
    for ng in data.get("not_groups", []):
        tally.not_groups[1] += 1
        s = set(ng)
        if any(len(s & pr) >= 2 for _, pr in pred):
            tally.not_groups[0] += 1
    if details is not None:
        mg = {gi for gi, _ in match(gold, pred)}
        mp = {pi for _, pi in match(gold, pred)}
        details.append(
            {
                "file": Path(data["_file"]).name,
                "missed": [
                    {"category": c, "rows": sorted(r)} for i, (c, r) in enumerate(gold) if i not in mg
                ],
                "false_alarms": [
                    {"category": c, "rows": sorted(r)} for i, (c, r) in enumerate(pred) if i not in mp
                ],
                "violated_not_groups": [
                    ng for ng in data.get("not_groups", []) if any(len(set(ng) & pr) >= 2 for _, pr in pred)
                ],
            }
        )


def _print_table(title: str, figs: dict[str, Any]) -> None:
    print(f"\n{title}")
    print(f"  {'category':52s} {'gold':>5s} {'pred':>5s} {'recall':>7s} {'precision':>9s}")
    for k, v in figs.items():
        if k == "not_groups":
            continue
        r = "-" if v["recall"] is None else f"{v['recall']:.3f}"
        p = "-" if v["precision"] is None else f"{v['precision']:.3f}"
        print(f"  {k:52s} {v['gold']:5d} {v['predicted']:5d} {r:>7s} {p:>9s}")
    ng = figs["not_groups"]
    print(f"  not_groups violated: {ng['violated']}/{ng['total']}")


def run(args: argparse.Namespace) -> int:
    from linter.portfolio import find_groups
    from linter.portfolio.baseline import DEFAULT_THRESHOLD, baseline_groups

    sets = load_sets(args.sets)
    modes = {"off": [False], "on": [True], "both": [False, True]}[args.semantic]
    thr = args.baseline_threshold or DEFAULT_THRESHOLD
    report: dict[str, Any] = {"match_jaccard": MATCH_JACCARD, "baseline_threshold": thr, "sets": {}}
    print(f"Group matching: one-to-one, Jaccard of row sets >= {MATCH_JACCARD}")
    for label, lists in sets.items():
        rep: dict[str, Any] = {"lists": len(lists)}
        for semantic in modes:
            tally, details = Tally(), []
            t0 = time.perf_counter()
            for data in lists:
                groups = find_groups(data["names"], semantic=semantic)
                pred = [(g.category, frozenset(g.rows)) for g in groups]
                score_list(tally, data, pred, details)
            secs = time.perf_counter() - t0
            name = f"portfolio (semantic={'on' if semantic else 'off'})"
            figs = tally.figures()
            _print_table(f"[{label}: {len(lists)} lists] {name}  ({secs:.2f} s)", figs)
            rep[name] = {"figures": figs, "seconds": round(secs, 3), "details": details}
            if args.verbose:
                for d in details:
                    if d["missed"] or d["false_alarms"] or d["violated_not_groups"]:
                        print("   ", json.dumps(d, ensure_ascii=False))
        tally = Tally()
        t0 = time.perf_counter()
        for data in lists:
            pred = [("duplicate", frozenset(g)) for g in baseline_groups(data["names"], threshold=thr)]
            score_list(tally, data, pred, with_categories=False)
        secs = time.perf_counter() - t0
        figs = tally.figures()
        _print_table(
            f"[{label}] baseline rapidfuzz token_sort_ratio >= {thr} (all pairs)  ({secs:.2f} s)", figs
        )
        rep[f"baseline_rapidfuzz_{thr}"] = {"figures": figs, "seconds": round(secs, 3)}
        report["sets"][label] = rep
    out = report_path("portfolio", args.report, args.sets)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nReport: {out}")
    return 0
