"""``python -m evals triage``: triage quality on our own sets and on independent ones, side by side.

Groups (each a column):

- **own**: ``evals/sets/*triage*.jsonl`` (our labelled set and dev sets; tuned on);
- **own hold-out**: ``evals/holdout/triage.jsonl`` (written by other people, used to measure only);
- **indep. dev** / **indep. hold-out**: ``evals/independent/triage.jsonl``, written by someone who never saw the
  code, split by its ``split`` field. Only ``dev`` may be looked at and tuned on; the hold-out is measured and
  reported in aggregate only: ``--show-errors`` never lists hold-out items and the report keeps no per-item rows
  for them.

Printed: topic accuracy (top-1 and top-2: the expected topic is the first or the second topic), answerable,
needs-a-person, language, personal data recall per type, leaks of personal codes and phone numbers into drafts or
redacted fields, injections flagged, topic confidence calibration (expected calibration error), then a per-topic
table (recall per group, precision) and the topic confusion matrix of each group. ``--set FILE`` evaluates one
labelled file of your own instead (one column). The JSON report goes to evals/reports/triage.json.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .labelled import REPORT_HELP, load_jsonl, report_path

REPO = Path(__file__).resolve().parent.parent
OWN_SETS = sorted((REPO / "evals" / "sets").glob("*triage*.jsonl"))
OWN_HOLDOUT = REPO / "evals" / "holdout" / "triage.jsonl"
INDEPENDENT = REPO / "evals" / "independent" / "triage.jsonl"
DEFAULT_SET = REPO / "evals" / "sets" / "triage.jsonl"
REPORTS = REPO / "evals" / "reports"

GROUPS = ("own", "own_holdout", "dev", "holdout")
GROUP_TITLES = {"own": "own", "own_holdout": "own hold-out", "dev": "indep. dev", "holdout": "indep. hold-out"}
HOLDOUT_GROUPS = {"own_holdout", "holdout"}  # measured only: no per-item errors shown or stored

_TYPE_ALIASES = {
    "personal_code": "personal_code",
    "personas_kods": "personal_code",
    "code": "personal_code",
    "phone": "phone",
    "phone_number": "phone",
    "telephone": "phone",
    "talrunis": "phone",
    "email": "email",
    "e-mail": "email",
    "address": "address",
    "postal_address": "address",
}
# the types triage finds and redacts (names and bank accounts are not part of its contract)
PII_TYPES = ("personal_code", "phone", "email", "address")
_CODE_LIKE = re.compile(r"(?<!\d)\d{6}\s?-?\s?\d{5}(?!\d)")


def register(sub: Any) -> None:
    p = sub.add_parser("triage", help="inbox triage quality (own, independent dev, independent hold-out)")
    p.add_argument("--set", dest="sets", action="append", help="a labelled JSONL of your own instead of the groups")
    p.add_argument(
        "--groups",
        default=",".join(GROUPS),
        help=f"which groups to run, comma-separated (default: all of {', '.join(GROUPS)})",
    )
    p.add_argument(
        "--no-assistant", action="store_true", help="skip the answer part (answerable not measured)"
    )
    p.add_argument("--no-folded", action="store_true", help="skip the same messages without diacritics")
    p.add_argument("--report", default=None, help=REPORT_HELP)
    p.add_argument("--show-errors", action="store_true", help="print each wrong label (never for hold-out groups)")
    p.add_argument(
        "--calibrate",
        action="store_true",
        help="fit the topic judge's weights on own and independent dev (never a hold-out) and print them",
    )
    p.set_defaults(func=run)


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _norm_value(kind: str, value: str) -> str:
    if kind in ("personal_code", "phone"):
        d = _digits(value)
        return d[-8:] if kind == "phone" else d
    return re.sub(r"\s+", " ", value.strip().lower())


@dataclass
class GroupResult:
    """Counts of one group of messages (aggregate figures; per-item errors only outside hold-outs)."""

    name: str
    n: int = 0
    correct: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    pii_found: Counter[str] = field(default_factory=Counter)
    pii_total: Counter[str] = field(default_factory=Counter)
    leaks: int = 0
    injection_expected: int = 0
    injection_flagged: int = 0
    injection_false: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    confidences: list[tuple[float, bool]] = field(default_factory=list)
    folded_ok: int = 0
    folded_n: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    assistant_used: bool = False

    def acc(self, key: str) -> float | None:
        return round(self.correct[key] / self.total[key], 4) if self.total[key] else None

    def metrics(self) -> dict[str, Any]:
        m: dict[str, Any] = {
            "messages": self.n,
            "topic_accuracy": self.acc("topic"),
            "topic_top2_accuracy": self.acc("topic_top2"),
            "topic_accuracy_no_diacritics": round(self.folded_ok / self.folded_n, 4) if self.folded_n else None,
            "topic_calibration_error": expected_calibration_error(self.confidences),
            "answerable_accuracy": self.acc("answerable"),
            "needs_human_accuracy": self.acc("needs_human"),
            "language_accuracy": self.acc("language"),
        }
        for kind in PII_TYPES:
            m[f"{kind}_recall"] = (
                round(self.pii_found[kind] / self.pii_total[kind], 4) if self.pii_total[kind] else None
            )
        m["leaks"] = self.leaks
        m["injection_flagged"] = f"{self.injection_flagged}/{self.injection_expected}"
        m["injection_false_positives"] = self.injection_false
        m["messages_per_second"] = round(self.n / self.seconds, 1) if self.seconds else None
        m["assistant_used"] = self.assistant_used
        return m


def expected_calibration_error(pairs: Sequence[tuple[float, bool]], bins: int = 10) -> float | None:
    """Mean |confidence − accuracy| over equal-width confidence bins, weighted by the bins' sizes."""
    if not pairs:
        return None
    err = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, ok) for c, ok in pairs if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if inside:
            conf = sum(c for c, _ in inside) / len(inside)
            acc = sum(ok for _, ok in inside) / len(inside)
            err += len(inside) / len(pairs) * abs(conf - acc)
    return round(err, 4)


def _pii(group: GroupResult, row: dict[str, Any], res: Any, out: dict[str, Any], keep_errors: bool) -> None:
    exp = row.get("expected", {})
    found = {(p.type, _norm_value(p.type, p.value)) for p in res.personal_data}
    found_digits = {(p.type, _digits(p.value)) for p in res.personal_data}
    found_types = {p.type for p in res.personal_data}
    secrets: set[str] = set()  # digits that must never appear in a draft or a redacted field
    for item in exp.get("personal_data", []):
        if isinstance(item, str):
            # the independent sets name the types present, not their values
            kind = _TYPE_ALIASES.get(item.lower())
            if kind is None:
                continue  # person names, bank accounts: not found by triage, not counted
            group.pii_total[kind] += 1
            hit = kind in found_types
            group.pii_found[kind] += hit
            if not hit and keep_errors:
                group.errors.append({"id": row["id"], "field": "personal_data", "expected": kind, "got": sorted(found_types)})
            continue
        kind = _TYPE_ALIASES.get(str(item.get("type", "")).lower(), str(item.get("type")))
        value = str(item.get("value", ""))
        group.pii_total[kind] += 1
        norm = _norm_value(kind, value)
        hit = (kind, norm) in found
        if not hit and kind == "phone":
            hit = any(t == "phone" and d.endswith(norm) for t, d in found_digits)
        if not hit and kind == "address":
            hit = any(
                p.type == "address" and (norm in p.value.lower() or p.value.lower() in norm)
                for p in res.personal_data
            )
        group.pii_found[kind] += hit
        if not hit and keep_errors:
            group.errors.append({"id": row["id"], "field": "personal_data", "expected": item, "got": sorted(found)})
        if kind in ("personal_code", "phone"):
            secrets.add(_digits(value)[-8:])
    # what triage found itself, and anything in the raw text shaped like a personal code
    for p in res.personal_data:
        if p.type in ("personal_code", "phone"):
            secrets.add(_digits(p.value)[-8:])
    raw = f"{row.get('subject') or ''}\n{row.get('body') or ''}"
    secrets |= {_digits(m.group(0))[-8:] for m in _CODE_LIKE.finditer(raw)}
    for f in ("draft_reply", "subject_redacted", "body_redacted"):
        text = _digits(out.get(f) or "")
        for d in secrets:
            if len(d) >= 6 and d in text:
                group.leaks += 1
                if keep_errors:
                    group.errors.append({"id": row["id"], "field": "leak", "where": f})


def evaluate_group(
    name: str, rows: list[dict[str, Any]], pipeline: Any, *, use_assistant: bool, folded: bool = True
) -> GroupResult:
    """Triage ``rows`` and count; per-item errors are kept only for groups that are not hold-outs."""
    from assistant.textnorm import fold
    from assistant.triage.mail import messages_from_records

    keep_errors = name not in HOLDOUT_GROUPS
    g = GroupResult(name, n=len(rows))
    messages = messages_from_records(rows)
    t0 = time.perf_counter()
    results = [pipeline.triage(m) for m in messages]
    g.seconds = time.perf_counter() - t0
    g.assistant_used = use_assistant and pipeline.lazy._assistant is not None
    for row, res in zip(rows, results, strict=True):
        exp = row.get("expected", {})
        out = res.to_dict()
        for key in ("topic", "answerable", "needs_human", "language"):
            if key not in exp or (key == "answerable" and not use_assistant):
                continue
            got = out[key]
            g.total[key] += 1
            ok = exp[key] == got
            g.correct[key] += ok
            if key == "topic":
                g.confusion[(exp[key], got)] += 1
                g.confidences.append((float(out["topic_confidence"]), ok))
                g.total["topic_top2"] += 1
                g.correct["topic_top2"] += exp[key] in (got, out.get("topic2"))
            if not ok and keep_errors:
                e = {"id": row["id"], "field": key, "expected": exp[key], "got": got, "reasons": out["reasons"]}
                if key == "topic":
                    e |= {"conf": out["topic_confidence"], "topic2": out.get("topic2")}
                g.errors.append(e)
        _pii(g, row, res, out, keep_errors)
        if "injection" in exp:
            flagged = bool(out["injection_suspected"])
            if exp["injection"]:
                g.injection_expected += 1
                g.injection_flagged += flagged
            elif flagged:
                g.injection_false += 1
            if flagged != bool(exp["injection"]) and keep_errors:
                g.errors.append({"id": row["id"], "field": "injection", "expected": exp["injection"], "got": flagged})
    if folded:
        # robustness: the same messages typed without diacritics, through the same pipeline (topic only)
        with_topic = [r for r in rows if "topic" in r.get("expected", {}) and (r.get("subject") or r.get("body"))]
        msgs = messages_from_records(
            [dict(r, subject=fold(r.get("subject") or ""), body=fold(r.get("body") or "")) for r in with_topic]
        )
        g.folded_n = len(with_topic)
        g.folded_ok = sum(
            pipeline.triage(m).topic == r["expected"]["topic"] for m, r in zip(msgs, with_topic, strict=True)
        )
    return g


def load_groups(wanted: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    required = {"id": (str, int), "expected": dict}
    out: dict[str, list[dict[str, Any]]] = {}
    if "own" in wanted:
        out["own"] = [r for p in OWN_SETS for r in load_jsonl(p, required)]
    if "own_holdout" in wanted and OWN_HOLDOUT.exists():
        out["own_holdout"] = load_jsonl(OWN_HOLDOUT, required)
    if {"dev", "holdout"} & set(wanted) and INDEPENDENT.exists():
        rows = load_jsonl(INDEPENDENT, required | {"split": str})
        for name, split in (("dev", "dev"), ("holdout", "holdout")):
            if name in wanted:
                out[name] = [r for r in rows if r["split"] == split]
    return out


# -------------------------------------------------------------------------------- printing


def _fmt(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def side_by_side(groups: dict[str, GroupResult]) -> str:
    names = list(groups)
    metrics = {n: g.metrics() for n, g in groups.items()}
    keys = list(next(iter(metrics.values())))
    width = max(16, *(len(GROUP_TITLES.get(n, n)) + 2 for n in names))
    lines = [f"  {'':30s}" + "".join(f"{GROUP_TITLES.get(n, n):>{width}s}" for n in names)]
    for k in keys:
        lines.append(f"  {k:30s}" + "".join(f"{_fmt(metrics[n][k]):>{width}s}" for n in names))
    return "\n".join(lines)


def per_topic_table(groups: dict[str, GroupResult], topics: Sequence[str]) -> str:
    names = list(groups)
    head = f"  {'topic':24s}" + "".join(f"{GROUP_TITLES.get(n, n)[:15]:>22s}" for n in names)
    lines = [head, f"  {'':24s}" + "".join(f"{'n  recall  prec':>22s}" for _ in names)]
    for t in topics:
        cells = []
        for n in names:
            c = groups[n].confusion
            tp = c[(t, t)]
            n_exp = sum(v for (e, _), v in c.items() if e == t)
            n_got = sum(v for (_, gt), v in c.items() if gt == t)
            rec = f"{tp / n_exp:.2f}" if n_exp else "—"
            prec = f"{tp / n_got:.2f}" if n_got else "—"
            cells.append(f"{n_exp:>10d}{rec:>7s}{prec:>5s}")
        lines.append(f"  {t:24s}" + "".join(cells))
    return "\n".join(lines)


_ABBR = {
    "service_concept": "conc",
    "service_naming": "name",
    "service_portfolio": "port",
    "service_types": "type",
    "service_levels": "levl",
    "channels_access": "chan",
    "digital": "digi",
    "roles_governance": "role",
    "management_tasks": "task",
    "catalogue_description": "catl",
    "quality_measurement": "qual",
    "redesign": "rdsg",
    "out_of_scope": "oos",
}


def confusion_matrix(g: GroupResult, topics: Sequence[str]) -> str:
    lines = [f"  {GROUP_TITLES.get(g.name, g.name)}: rows expected, columns chosen"]
    lines.append("  " + " " * 6 + "".join(f"{_ABBR.get(t, t[:4]):>5s}" for t in topics))
    for e in topics:
        row = [g.confusion[(e, t)] for t in topics]
        if not any(row):
            continue
        lines.append(f"  {_ABBR.get(e, e[:4]):>6s}" + "".join(f"{(v if v else '.'):>5}" for v in row))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from assistant.config import load_settings
    from assistant.triage.classify import TOPICS
    from assistant.triage.pipeline import TriagePipeline

    use_assistant = not args.no_assistant
    if args.sets:
        paths = [Path(p) for p in args.sets]
        data = {"set": [r for p in paths for r in load_jsonl(p, {"id": (str, int), "expected": dict})]}
    else:
        wanted = [g.strip() for g in args.groups.split(",") if g.strip()]
        data = load_groups(wanted)
    pipeline = TriagePipeline(load_settings(), use_assistant=use_assistant)
    if args.calibrate:
        fit = calibrate({k: v for k, v in data.items() if k not in HOLDOUT_GROUPS}, pipeline)
        print("topic judge weights (paste into assistant/triage/topic_weights.toml):")
        for k, v in fit["weights"].items():
            print(f"{k} = {v}")
        print(f"low_confidence = {fit['low_confidence']}")
        for name, g in fit["groups"].items():
            print(f"  {GROUP_TITLES.get(name, name):16s} n={g['n']:4d} topic {g['topic']:.3f} top-2 {g['top2']:.3f}")
        print(f"  calibration error {fit['calibration_error']}")
        print("  low-confidence line: cut, wrong topics below it, right topics below it")
        for cut, wrong, right in fit["low_confidence_table"]:
            print(f"    {cut:.2f} {wrong:4d} {right:4d}")
        return 0
    groups = {
        name: evaluate_group(name, rows, pipeline, use_assistant=use_assistant, folded=not args.no_folded)
        for name, rows in data.items()
    }
    topics = list(TOPICS)
    sizes = ", ".join(f"{GROUP_TITLES.get(n, n)} {g.n}" for n, g in groups.items())
    print(f"triage eval ({sizes} messages)")
    print(side_by_side(groups))
    print("\nper topic (recall over expected, precision over chosen)")
    print(per_topic_table(groups, topics))
    print("\ntopic confusion")
    for g in groups.values():
        print(confusion_matrix(g, topics))
    if args.show_errors:
        for g in groups.values():
            if g.name in HOLDOUT_GROUPS:
                print(f"  ({GROUP_TITLES[g.name]}: errors not listed, measured only)")
                continue
            for e in g.errors:
                print(f"  ERR {g.name}", json.dumps(e, ensure_ascii=False))
    report = {
        "groups": {
            n: {
                "metrics": g.metrics(),
                "topic_confusion": [
                    {"expected": e, "got": t, "n": v} for (e, t), v in sorted(g.confusion.items()) if e != t
                ],
                # hold-out groups: aggregate figures only
                **({} if n in HOLDOUT_GROUPS else {"errors": g.errors}),
            }
            for n, g in groups.items()
        },
        "sets": [str(p) for p in (args.sets or [])]
        or [str(p.relative_to(REPO)) for p in OWN_SETS] + [str(OWN_HOLDOUT.relative_to(REPO)), str(INDEPENDENT.relative_to(REPO))],
    }
    out = report_path("triage", args.report, args.sets)
    if not args.sets and set(groups) != set(GROUPS) and not args.report:
        out = REPORTS / f"triage-{'+'.join(groups)}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"  report: {out}")
    return 0


# -------------------------------------------------------------------------------- calibration


def fit_weights(
    samples: Sequence[tuple[dict[str, list[float]], str]], *, l2: float = 0.01, steps: int = 3000
) -> list[float]:
    """Weights of the topic judge's conditional logit that maximise the likelihood of the expected topics
    (numpy, Newton steps with a small L2 penalty; the problem is convex)."""
    import numpy as np

    from assistant.triage.topic_model import FEATURES

    topics = list(samples[0][0])
    x = np.array([[f[t] for t in topics] for f, _ in samples], dtype=float)  # (n, topics, features)
    y = np.array([topics.index(e) for _, e in samples])
    w = np.zeros(len(FEATURES))
    w[FEATURES.index("words")] = 1.0
    for _ in range(steps):
        s = x @ w
        s -= s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        mean = np.einsum("nt,ntf->nf", p, x)
        grad = (mean - x[np.arange(len(y)), y]).sum(axis=0) + l2 * len(y) * w
        centred = x - mean[:, None, :]
        hess = np.einsum("nt,ntf,ntg->fg", p, centred, centred) + l2 * len(y) * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return [float(v) for v in w]


def calibrate(data: dict[str, list[dict[str, Any]]], pipeline: Any) -> dict[str, Any]:
    """Fit the topic judge's weights on the groups given (never the hold-outs) and report the fit."""
    from assistant.triage.mail import messages_from_records
    from assistant.triage.topic_model import FEATURES, features, softmax_scores
    from assistant.triage.writer import WriterSigns

    samples: list[tuple[dict[str, list[float]], str]] = []
    origin: list[str] = []
    for name, rows in data.items():
        if name in HOLDOUT_GROUPS:
            continue
        for row, m in zip(rows, messages_from_records(rows), strict=True):
            exp = row.get("expected", {}).get("topic")
            if not exp:
                continue
            res = pipeline.triage(m)
            ev = res.topic_evidence
            if not ev:
                continue
            w = ev.get("writer", {})
            signs = WriterSigns(
                private_mailbox=bool(w.get("private_mailbox")),
                own_voice=float(w.get("own_voice", 0.0)),
                institution_voice=bool(w.get("institution_voice")),
                commercial=bool(w.get("commercial")),
            )
            samples.append((features(ev["words"], ev["bank"], ev["answer"], signs), exp))
            origin.append(name)
    w = fit_weights(samples)
    out: dict[str, Any] = {"weights": dict(zip(FEATURES, (round(v, 3) for v in w), strict=True)), "groups": {}}
    confs: list[tuple[float, bool, str]] = []
    for name in dict.fromkeys(origin):
        idx = [i for i, o in enumerate(origin) if o == name]
        ok = top2 = 0
        for i in idx:
            feats, exp = samples[i]
            probs = softmax_scores(feats, w)
            ranked = sorted(probs, key=lambda t: -probs[t])
            ok += ranked[0] == exp
            top2 += exp in ranked[:2]
            confs.append((probs[ranked[0]], ranked[0] == exp, ranked[0]))
        out["groups"][name] = {"n": len(idx), "topic": round(ok / len(idx), 4), "top2": round(top2 / len(idx), 4)}
    out["calibration_error"] = expected_calibration_error([(c, ok) for c, ok, _ in confs])
    # the low-confidence line: below it a person reads the message. Chosen where flagging catches the most wrong
    # topics for the fewest right ones (wrong minus right below the line; in-scope choices only: out-of-scope goes
    # to a person anyway)
    best = (0.0, -1.0)
    table = []
    for cut in [x / 100 for x in range(20, 80, 5)]:
        wrong_below = sum(1 for c, ok, t in confs if t != "out_of_scope" and c < cut and not ok)
        right_below = sum(1 for c, ok, t in confs if t != "out_of_scope" and c < cut and ok)
        table.append((cut, wrong_below, right_below))
        gain = wrong_below - right_below
        if gain > best[1]:
            best = (cut, gain)
    out["low_confidence_table"] = table
    out["low_confidence"] = best[0]
    return out
