"""``python -m evals portfolio``: the portfolio review on labelled service lists, set beside set.

Sets, the independent ones first: ``evals/independent/portfolios/*.json`` split by their ``split`` field into
**independent dev** (may be read and tuned on) and **independent hold-out** (measured only: its lists are never
printed or written item by item, ``-v`` refuses it); then the **own** sets ``evals/sets/portfolio`` (labelled),
``evals/sets/dev_portfolio`` and ``evals/holdout/portfolio``. Each list is
``{"institution", "names": [...], "groups": [{"category", "rows"}], "not_groups" | "distinct_lookalikes":
[[rows], ...]}`` with 1-based rows.

Pair figures (the issue's bar): every pair of rows inside a gold group is a gold pair of its category; every
pair inside a predicted group a predicted pair. "duplicate+variation" pools the two categories (both say
"merge these"); recall = gold pairs predicted / gold pairs, precision = predicted pairs that are gold pairs of
the pooled categories / predicted pairs. Split steps the same way. Group figures follow.

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
from typing import Any, ClassVar

from assistant.errors import InputError

from .labelled import REPORT_HELP, report_path

ROOT = Path(__file__).resolve().parent
CATEGORIES = ("duplicate", "variation", "split_steps", "excessive_detail", "synonym")
MATCH_JACCARD = 0.5


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("portfolio", help="portfolio review: pair and group recall/precision per category")
    p.add_argument(
        "--sets",
        nargs="*",
        default=None,
        help="JSON files or globs (default: the independent, then the own lists)",
    )
    p.add_argument(
        "--semantic",
        choices=("off", "on", "both"),
        default="off",
        help="run without, with, or both ways (default off; the e5 pass costs ~0.1-0.2 s a name)",
    )
    p.add_argument("--baseline-threshold", type=int, default=None, help="rapidfuzz threshold (default 85)")
    p.add_argument("--no-holdout", action="store_true", help="leave the independent hold-out out (development runs)")
    p.add_argument("--report", default=None, help=REPORT_HELP)
    p.add_argument("--verbose", "-v", action="store_true",
                   help="print misses and false alarms (dev and own lists only, never a hold-out)")
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


INDEPENDENT = ROOT / "independent" / "portfolios"
HIDDEN = {"indep hold-out"}


def load_sets(patterns: list[str] | None) -> dict[str, list[dict[str, Any]]]:
    """{"indep dev": [...], "indep hold-out": [...], "own labelled": [...], "own dev": [...], "own hold-out":
    [...]} (or {"given": [...]} for explicit patterns). A pattern that matches no file, a file that is not a
    labelled list, or no list at all stops the run (``evals.labelled``'s rule: a set with holes gives wrong
    figures)."""
    if patterns:
        missing = [p for p in patterns if not glob.glob(p)]
        if missing:
            raise InputError(f"neviens fails neatbilst: {', '.join(missing)}", f"no file matches: {', '.join(missing)}")
        return {"given": _load_lists(sorted({f for p in patterns for f in glob.glob(p)}))}
    out: dict[str, list[dict[str, Any]]] = {}
    files = sorted(glob.glob(str(INDEPENDENT / "*.json")))
    if files:
        lists = _load_lists(files)
        for label, split in (("indep dev", "dev"), ("indep hold-out", "holdout")):
            part = [d for d in lists if d.get("split") == split]
            if part:
                out[label] = part
    for label, folder in (("own labelled", ROOT / "sets" / "portfolio"), ("own dev", ROOT / "sets" / "dev_portfolio"),
                          ("own hold-out", ROOT / "holdout" / "portfolio")):
        files = sorted(glob.glob(str(folder / "*.json")))
        if files:
            out[label] = _load_lists(files)
    if not out:
        raise InputError("nav marķētu sarakstu (evals/independent/portfolios, evals/sets/portfolio, ...)",
                         "no labelled lists (evals/independent/portfolios, evals/sets/portfolio, ...)")
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
        # the independent lists call their not-groups "distinct_lookalikes"
        d.setdefault("not_groups", d.get("distinct_lookalikes", []))
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


def _pairs(rows: frozenset[int] | set[int]) -> set[tuple[int, int]]:
    r = sorted(rows)
    return {(r[i], r[j]) for i in range(len(r)) for j in range(i + 1, len(r))}


class PairTally:
    """Pair recall/precision per pooled category ("duplicate+variation", "split_steps", ...)."""

    POOLS: ClassVar[dict[str, tuple[str, ...]]] = {
             "duplicate+variation": ("duplicate", "variation"), "split_steps": ("split_steps",),
             "duplicate": ("duplicate",), "variation": ("variation",), "excessive_detail": ("excessive_detail",),
             "synonym": ("synonym",)}

    def __init__(self) -> None:
        self.c: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # gold, pred, gold found, pred right

    def add(self, gold: list[tuple[str, frozenset[int]]], pred: list[tuple[str, frozenset[int]]]) -> None:
        for pool, cats in self.POOLS.items():
            g = set().union(*(_pairs(r) for c, r in gold if c in cats)) if gold else set()
            p = set().union(*(_pairs(r) for c, r in pred if c in cats)) if pred else set()
            t = self.c[pool]
            t[0] += len(g)
            t[1] += len(p)
            t[2] += len(g & p)
            t[3] += len(p & g)

    def figures(self) -> dict[str, dict[str, float | int | None]]:
        return {k: {"gold_pairs": g, "predicted_pairs": p, "recall": round(fg / g, 3) if g else None,
                    "precision": round(pr / p, 3) if p else None} for k, (g, p, fg, pr) in self.c.items()}


def evaluate_lists(lists: list[dict[str, Any]], *, semantic: bool = False) -> dict[str, Any]:
    """Pair and group figures of the review on the lists (and per-list misses and false alarms)."""
    from linter.portfolio import find_groups

    tally, pairs, details = Tally(), PairTally(), []
    t0 = time.perf_counter()
    for data in lists:
        groups = find_groups(data["names"], semantic=semantic)
        pred = [(g.category, frozenset(g.rows)) for g in groups]
        score_list(tally, data, pred, details)
        pairs.add([(g["category"], frozenset(g["rows"])) for g in data["groups"]], pred)
    return {"lists": len(lists), "names": sum(len(d["names"]) for d in lists), "pairs": pairs.figures(),
            "groups": tally.figures(), "seconds": round(time.perf_counter() - t0, 3), "details": details}


def evaluate_baseline(lists: list[dict[str, Any]], threshold: int) -> dict[str, Any]:
    from linter.portfolio.baseline import baseline_groups

    pairs = PairTally()
    for data in lists:
        pred = [("duplicate", frozenset(g)) for g in baseline_groups(data["names"], threshold=threshold)]
        gold = [("duplicate" if g["category"] in ("duplicate", "variation") else g["category"], frozenset(g["rows"]))
                for g in data["groups"]]
        pairs.add(gold, pred)
    return {"pairs": pairs.figures()}


def _f(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def print_side_by_side(results: dict[str, dict[str, Any]]) -> None:
    labels = list(results)
    w = max(16, *(len(x) + 2 for x in labels))
    print(f"{'':44s}" + "".join(f"{x:>{w}s}" for x in labels))

    def row(title: str, f: Any) -> None:
        print(f"{title:44s}" + "".join(f"{f(results[x]):>{w}s}" for x in labels))

    row("lists / names", lambda r: f"{r['lists']} / {r['names']}")
    for pool in ("duplicate+variation", "split_steps", "duplicate", "variation", "excessive_detail", "synonym"):
        row(f"{pool} pairs: recall / precision",
            lambda r, pool=pool: f"{_f(r['pairs'][pool]['recall'])}/{_f(r['pairs'][pool]['precision'])}")
        row(f"{pool} pairs: gold / predicted",
            lambda r, pool=pool: f"{r['pairs'][pool]['gold_pairs']}/{r['pairs'][pool]['predicted_pairs']}")
    for cat in ("duplicate+variation", "split_steps", "excessive_detail", "synonym"):
        row(f"{cat} groups: recall / precision",
            lambda r, cat=cat: f"{_f(r['groups'][cat]['recall'])}/{_f(r['groups'][cat]['precision'])}")
    row("look-alikes / not-groups violated",
        lambda r: f"{r['groups']['not_groups']['violated']}/{r['groups']['not_groups']['total']}")
    row("seconds", lambda r: f"{r['seconds']:.2f}")
    if all("baseline" in r for r in results.values()):
        row("peer rapidfuzz: dup+var pairs R / P",
            lambda r: f"{_f(r['baseline']['pairs']['duplicate']['recall'])}/"
                      f"{_f(r['baseline']['pairs']['duplicate']['precision'])}")


def run(args: argparse.Namespace) -> int:
    from linter.portfolio.baseline import DEFAULT_THRESHOLD

    sets = load_sets(args.sets)
    if args.no_holdout:
        sets = {k: v for k, v in sets.items() if k not in HIDDEN}
    modes = {"off": [False], "on": [True], "both": [False, True]}[args.semantic]
    thr = args.baseline_threshold or DEFAULT_THRESHOLD
    report: dict[str, Any] = {"match_jaccard": MATCH_JACCARD, "baseline_threshold": thr, "modes": {}}
    for semantic in modes:
        mode = f"semantic={'on' if semantic else 'off'}"
        results: dict[str, dict[str, Any]] = {}
        for label, lists in sets.items():
            res = evaluate_lists(lists, semantic=semantic)
            if not semantic:
                res["baseline"] = evaluate_baseline(lists, thr)
            if label in HIDDEN:
                res.pop("details")  # a hold-out is measured, never read list by list
            elif args.verbose:
                print(f"== {label} ({mode}): misses and false alarms ==")
                for d in res["details"]:
                    if d["missed"] or d["false_alarms"] or d["violated_not_groups"]:
                        print("   ", json.dumps(d, ensure_ascii=False))
            results[label] = res
        print(f"\n[{mode}] pairs inside groups; groups matched one-to-one at Jaccard >= {MATCH_JACCARD}")
        print_side_by_side(results)
        report["modes"][mode] = results
    out = report_path("portfolio", args.report, args.sets)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nReport: {out}")
    return 0
