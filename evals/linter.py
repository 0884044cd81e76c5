"""``python -m evals linter``: the service-name linter against labelled names.

Each set is JSONL: {"id", "name", "valid": bool, "categories": [category ids]}. A name is predicted invalid
when it has a finding of severity warning or error; a category is predicted when such a finding has it.
Prints valid/invalid accuracy, the share of valid names wrongly flagged, precision/recall/F1 per category,
and writes evals/reports/linter.json and evals/reports/linter.png (per-category precision and recall).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from .labelled import load_jsonl

ROOT = Path(__file__).resolve().parent
DEFAULT_SETS = [ROOT / "sets" / "linter.jsonl", ROOT / "sets" / "dev_linter.jsonl"]
CATEGORIES = ["length", "missing_action", "missing_object", "recipient_action", "non_service_support",
              "non_service_information", "non_service_internal", "non_service_admin", "style", "spelling"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("linter", help="service-name linter: accuracy, false flags, per-category P/R")
    p.add_argument("--set", action="append", dest="sets", default=None,
                   help="labelled JSONL (repeatable; default: sets/linter.jsonl and sets/dev_linter.jsonl)")
    p.add_argument("--report-dir", default=str(ROOT / "reports"))
    p.add_argument("--no-plot", action="store_true")
    p.add_argument("--errors", action="store_true", help="print the names whose categories differ")
    p.set_defaults(func=run)


def load_set(path: Path) -> list[dict[str, Any]]:
    """The labelled rows: "name" (text) and "valid" (true/false), optional "categories" (list); ``evals.labelled``."""

    def check(row: dict[str, Any]) -> str | None:
        if not isinstance(row.get("categories", []), list):
            return "categories nav saraksts / categories is not a list"
        return None

    return load_jsonl(path, {"name": str, "valid": bool}, check=check)


def evaluate(rows: list[dict[str, Any]], *, show_errors: bool = False) -> dict[str, Any]:
    from linter.api import check_names
    from linter.model import Severity

    t0 = time.perf_counter()
    report = check_names([r["name"] for r in rows], portfolio=False)
    elapsed = time.perf_counter() - t0
    tp = dict.fromkeys(CATEGORIES, 0)
    fp = dict.fromkeys(CATEGORIES, 0)
    fn = dict.fromkeys(CATEGORIES, 0)
    correct = 0
    valid_total = valid_flagged = invalid_total = invalid_missed = 0
    errors = []
    for row, res in zip(rows, report.names):
        pred = {f.category.value for f in res.findings if f.severity.rank >= Severity.WARNING.rank}
        gold = set(row.get("categories", []))
        correct += res.valid == bool(row["valid"])
        if row["valid"]:
            valid_total += 1
            valid_flagged += not res.valid
        else:
            invalid_total += 1
            invalid_missed += res.valid
        for c in CATEGORIES:
            if c in pred and c in gold:
                tp[c] += 1
            elif c in pred:
                fp[c] += 1
            elif c in gold:
                fn[c] += 1
        if pred != gold:
            errors.append({"id": row.get("id"), "name": row["name"], "gold": sorted(gold), "pred": sorted(pred),
                           "codes": [f.code for f in res.findings]})
    per_cat = {}
    for c in CATEGORIES:
        p = tp[c] / (tp[c] + fp[c]) if tp[c] + fp[c] else None
        r = tp[c] / (tp[c] + fn[c]) if tp[c] + fn[c] else None
        f1 = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        per_cat[c] = {"precision": p, "recall": r, "f1": f1, "support": tp[c] + fn[c], "tp": tp[c], "fp": fp[c],
                      "fn": fn[c]}
    out = {
        "n": len(rows),
        "accuracy": correct / len(rows) if rows else 0.0,
        "valid_names": valid_total,
        "valid_wrongly_flagged": valid_flagged / valid_total if valid_total else 0.0,
        "invalid_missed": invalid_missed / invalid_total if invalid_total else 0.0,
        "exact_category_match": 1 - len(errors) / len(rows) if rows else 0.0,
        "per_category": per_cat,
        "names_per_second": len(rows) / elapsed if elapsed else None,
        "errors": errors,
    }
    if show_errors:
        for e in errors:
            print(f"  {e['id']}: {e['name']} | gold {e['gold']} | pred {e['pred']} {e['codes']}")
    return out


def _fmt(x: float | None) -> str:
    return "  —  " if x is None else f"{x:.3f}"


def print_result(name: str, res: dict[str, Any]) -> None:
    print(f"== {name}: {res['n']} names ==")
    print(f"valid/invalid accuracy       {res['accuracy']:.3f}")
    print(f"valid names wrongly flagged  {res['valid_wrongly_flagged']:.3f} ({res['valid_names']} valid names)")
    print(f"invalid names missed         {res['invalid_missed']:.3f}")
    print(f"exact category match         {res['exact_category_match']:.3f}")
    print(f"{'category':26s} {'prec':>6s} {'recall':>6s} {'f1':>6s} {'n':>4s}")
    for c, m in res["per_category"].items():
        print(f"{c:26s} {_fmt(m['precision']):>6s} {_fmt(m['recall']):>6s} {_fmt(m['f1']):>6s} {m['support']:>4d}")


def plot(results: dict[str, dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(len(results), 1, figsize=(10, 3.6 * len(results)), squeeze=False)
    for ax, (name, res) in zip(axes[:, 0], results.items()):
        xs = range(len(CATEGORIES))
        prec = [res["per_category"][c]["precision"] or 0 for c in CATEGORIES]
        rec = [res["per_category"][c]["recall"] or 0 for c in CATEGORIES]
        ax.bar([x - 0.2 for x in xs], prec, width=0.4, label="precision")
        ax.bar([x + 0.2 for x in xs], rec, width=0.4, label="recall")
        ax.axhline(0.85, color="grey", linestyle="--", linewidth=0.8)
        ax.set_xticks(list(xs))
        ax.set_xticklabels(CATEGORIES, rotation=30, ha="right", fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.set_title(f"{name}: accuracy {res['accuracy']:.3f}, valid wrongly flagged {res['valid_wrongly_flagged']:.3f}")
        ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def run(args: argparse.Namespace) -> int:
    sets = [Path(s) for s in args.sets] if args.sets else [p for p in DEFAULT_SETS if p.exists()]
    if not sets:
        print("Nav marķētu kopu / No labelled sets found")
        return 2
    loaded = {path: load_set(path) for path in sets}  # every set checked before any figure is written
    results = {}
    for path, rows in loaded.items():
        res = evaluate(rows, show_errors=args.errors)
        print_result(path.name, res)
        results[path.name] = res
    out_dir = Path(args.report_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "linter.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    if not args.no_plot:
        plot(results, out_dir / "linter.png")
    print(f"report: {out_dir / 'linter.json'}" + ("" if args.no_plot else f", plot: {out_dir / 'linter.png'}"))
    return 0
