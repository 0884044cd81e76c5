"""``python -m evals linter``: the service-name linter against labelled names, set beside set.

Sets, printed side by side, the independent ones first:

- **independent dev** and **independent hold-out**: ``evals/independent/linter_names.jsonl`` (written by people who
  saw only the policy documents, never the code), split by its ``split`` field. The dev part may be read and
  tuned on; the hold-out part is only measured: its names are never printed or written to the report, only its
  aggregate figures (``--errors`` refuses it).
- **real names**: ``evals/independent/real_names.jsonl`` (service names from institutions' public lists, labelled
  against the policy), when present; reported on its own.
- **own**: every set this project wrote or tuned on (``evals/sets/linter.jsonl``, ``evals/sets/dev_linter.jsonl``,
  ``evals/holdout/linter.jsonl``).

Each set is JSONL: {"id", "name", "valid": bool, "categories": [category ids]}. A name is predicted invalid when
it has a finding of severity warning or error; a category is predicted when such a finding has it. Figures:
valid/invalid accuracy, the share of valid names wrongly flagged, valid names with an *error* finding,
precision/recall per category. Writes ``evals/reports/linter.json`` and ``linter.png``.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .labelled import load_jsonl

ROOT = Path(__file__).resolve().parent
INDEPENDENT = ROOT / "independent" / "linter_names.jsonl"
REAL_RAW = ROOT / "independent" / "real_names.jsonl"
# labelled against the policy by someone who saw only the documents; "valid": null where the policy does not
# settle the case (left out of the figures)
REAL = ROOT / "independent" / "real_names_labelled.jsonl"
CATEGORIES = ["length", "missing_action", "missing_object", "recipient_action", "non_service_support",
              "non_service_information", "non_service_internal", "non_service_admin", "style", "spelling"]


@dataclass(frozen=True)
class EvalSet:
    """One column of the report: a file, an optional split, and whether its items may be shown."""

    label: str
    path: Path
    split: str | None = None
    hidden: bool = False  # a hold-out: aggregate figures only, never the names


def default_sets() -> list[EvalSet]:
    out = []
    if INDEPENDENT.exists():
        out += [EvalSet("indep dev", INDEPENDENT, "dev"), EvalSet("indep hold-out", INDEPENDENT, "holdout", True)]
    if REAL.exists() and _labelled(REAL):
        out.append(EvalSet("real names", REAL, None, True))
    for label, path in (("own labelled", ROOT / "sets" / "linter.jsonl"), ("own dev", ROOT / "sets" / "dev_linter.jsonl"),
                        ("own hold-out", ROOT / "holdout" / "linter.jsonl")):
        if path.exists():
            out.append(EvalSet(label, path))
    return out


def _labelled(path: Path) -> bool:
    """The real names carry labels (a "valid" field) once they have been read against the policy."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            return "valid" in json.loads(line)
    return False


def describe_unlabelled(path: Path) -> dict[str, Any]:
    """What the linter says about names that have no labels yet: how many get an error, a warning, which codes."""
    from collections import Counter

    from linter.api import check_names
    from linter.model import Severity

    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    report = check_names([r["name"] for r in rows], portfolio=False)
    codes: Counter[str] = Counter()
    errors = warnings = 0
    for res in report.names:
        sev = {f.severity for f in res.findings}
        errors += Severity.ERROR in sev
        warnings += Severity.ERROR not in sev and Severity.WARNING in sev
        codes.update({f.code for f in res.findings if f.severity.rank >= Severity.WARNING.rank})
    return {"n": len(rows), "with_error": errors, "with_warning_only": warnings,
            "clean": len(rows) - errors - warnings, "codes": dict(codes.most_common())}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("linter", help="service-name linter: accuracy, false flags, per-category P/R")
    p.add_argument("--set", action="append", dest="sets", default=None,
                   help="labelled JSONL (repeatable; default: the independent, real and own sets)")
    p.add_argument("--report-dir", default=str(ROOT / "reports"))
    p.add_argument("--no-plot", action="store_true")
    p.add_argument("--no-holdout", action="store_true",
                   help="leave the independent hold-out out (for development runs: measure it at milestones only)")
    p.add_argument("--errors", action="store_true",
                   help="print the names whose categories differ (dev and own sets only, never a hold-out)")
    p.set_defaults(func=run)


def load_set(path: Path, split: str | None = None) -> list[dict[str, Any]]:
    """The labelled rows: "name" (text) and "valid" (true/false), optional "categories" (list); ``evals.labelled``.
    With ``split``, only the rows whose "split" field has that value."""

    def check(row: dict[str, Any]) -> str | None:
        if not isinstance(row.get("categories", []), list):
            return "categories nav saraksts / categories is not a list"
        bad = [c for c in row.get("categories", []) if c not in CATEGORIES]
        if bad:
            return f"nezināma kategorija / unknown category: {', '.join(map(str, bad))}"
        if row.get("valid") is not None and not isinstance(row.get("valid"), bool):
            return "valid nav true/false/null / valid is not true, false or null"
        return None

    rows = load_jsonl(path, {"name": str}, check=check)
    rows = [r for r in rows if isinstance(r.get("valid"), bool)]  # null: the policy does not settle it
    if split is not None:
        rows = [r for r in rows if r.get("split") == split]
    return rows


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
    valid_total = valid_flagged = valid_error = invalid_total = invalid_missed = 0
    errors = []
    for row, res in zip(rows, report.names):
        pred = {f.category.value for f in res.findings if f.severity.rank >= Severity.WARNING.rank}
        gold = set(row.get("categories", []))
        correct += res.valid == bool(row["valid"])
        if row["valid"]:
            valid_total += 1
            valid_flagged += not res.valid
            valid_error += any(f.severity == Severity.ERROR for f in res.findings)
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
        if pred != gold or res.valid != bool(row["valid"]):
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
        "valid_with_error": valid_error,
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
    return "—" if x is None else f"{x:.3f}"


def lowest(res: dict[str, Any]) -> tuple[float | None, float | None]:
    """The lowest per-category precision and recall (categories the set has)."""
    ps = [m["precision"] for m in res["per_category"].values() if m["precision"] is not None]
    rs = [m["recall"] for m in res["per_category"].values() if m["recall"] is not None]
    return (min(ps) if ps else None, min(rs) if rs else None)


def print_side_by_side(results: dict[str, dict[str, Any]]) -> None:
    """The headline figures and the per-category table, one column per set."""
    labels = list(results)
    w = max(14, *(len(x) + 2 for x in labels))
    head = f"{'':30s}" + "".join(f"{x:>{w}s}" for x in labels)
    print(head)
    rows = [
        ("names", lambda r: str(r["n"])),
        ("valid names", lambda r: str(r["valid_names"])),
        ("valid/invalid accuracy", lambda r: _fmt(r["accuracy"])),
        ("valid names wrongly flagged", lambda r: _fmt(r["valid_wrongly_flagged"])),
        ("valid names with an error", lambda r: str(r["valid_with_error"])),
        ("invalid names missed", lambda r: _fmt(r["invalid_missed"])),
        ("exact category match", lambda r: _fmt(r["exact_category_match"])),
        ("lowest category precision", lambda r: _fmt(lowest(r)[0])),
        ("lowest category recall", lambda r: _fmt(lowest(r)[1])),
    ]
    for title, f in rows:
        print(f"{title:30s}" + "".join(f"{f(results[x]):>{w}s}" for x in labels))
    cw = max(w, 20)
    print(f"\nper category: precision / recall (n)\n{'':30s}" + "".join(f"{x:>{cw}s}" for x in labels))
    for c in CATEGORIES:
        cells = []
        for x in labels:
            m = results[x]["per_category"][c]
            cells.append(f"{_fmt(m['precision'])}/{_fmt(m['recall'])} ({m['support']})" if m["support"] or m["fp"]
                         else "")
        print(f"{c:30s}" + "".join(f"{cell:>{cw}s}" for cell in cells))


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
        ax.axhline(0.90, color="grey", linestyle="--", linewidth=0.8)
        ax.set_xticks(list(xs))
        ax.set_xticklabels(CATEGORIES, rotation=30, ha="right", fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.set_title(f"{name}: accuracy {res['accuracy']:.3f}, valid wrongly flagged {res['valid_wrongly_flagged']:.3f}")
        ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def run(args: argparse.Namespace) -> int:
    sets = [EvalSet(Path(s).name, Path(s)) for s in args.sets] if args.sets else default_sets()
    if args.no_holdout:
        sets = [s for s in sets if not s.hidden]
    if not sets:
        print("Nav marķētu kopu / No labelled sets found")
        return 2
    loaded = {s.label: (s, load_set(s.path, s.split)) for s in sets}  # every set checked before any figure
    results: dict[str, dict[str, Any]] = {}
    for label, (s, rows) in loaded.items():
        show = args.errors and not s.hidden
        if show:
            print(f"== {label}: names whose verdict or categories differ ==")
        res = evaluate(rows, show_errors=show)
        if s.hidden:
            res.pop("errors")  # a hold-out is measured, never read item by item
        res["file"] = str(s.path.relative_to(ROOT.parent)) if s.path.is_relative_to(ROOT.parent) else str(s.path)
        res["split"] = s.split
        results[label] = res
    if args.errors and any(s.hidden for s, _ in loaded.values()):
        print("(hold-out: aggregate figures only; its names are not shown)\n")
    print_side_by_side(results)
    if not args.sets and not REAL.exists() and REAL_RAW.exists():
        d = describe_unlabelled(REAL_RAW)
        print(f"\nreal names ({REAL.relative_to(ROOT.parent)}): {d['n']} names, not labelled yet: "
              f"{d['with_error']} with an error, {d['with_warning_only']} with warnings only, {d['clean']} clean; "
              f"codes: {', '.join(f'{k} {v}' for k, v in d['codes'].items())}")
        results["real names (unlabelled)"] = d  # type: ignore[assignment]
    out_dir = Path(args.report_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "linter.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    if not args.no_plot:
        plot({k: v for k, v in results.items() if "per_category" in v}, out_dir / "linter.png")
    print(f"report: {out_dir / 'linter.json'}" + ("" if args.no_plot else f", plot: {out_dir / 'linter.png'}"))
    return 0
