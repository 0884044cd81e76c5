"""``python -m evals triage``: triage quality over a labelled inbox set.

Prints topic / answerable / needs-human / language accuracy, personal-code and phone recall, leaks of
personal codes and phone numbers into drafts or redacted fields, and injection flags; writes a JSON
report to evals/reports/triage.json.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from .labelled import REPORT_HELP, load_jsonl, report_path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SET = REPO / "evals" / "sets" / "triage.jsonl"
DEV_SET = REPO / "evals" / "sets" / "dev_triage.jsonl"
REPORTS = REPO / "evals" / "reports"

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


def register(sub: Any) -> None:
    p = sub.add_parser("triage", help="inbox triage quality")
    p.add_argument("--set", dest="sets", action="append", help="labelled JSONL (default: sets/triage.jsonl)")
    p.add_argument(
        "--no-assistant", action="store_true", help="skip the answer part (answerable not measured)"
    )
    p.add_argument("--report", default=None, help=REPORT_HELP)
    p.add_argument("--show-errors", action="store_true", help="print each wrong label")
    p.set_defaults(func=run)


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _norm_value(kind: str, value: str) -> str:
    if kind in ("personal_code", "phone"):
        d = _digits(value)
        return d[-8:] if kind == "phone" else d
    return re.sub(r"\s+", " ", value.strip().lower())


def evaluate(rows: list[dict[str, Any]], *, use_assistant: bool = True) -> dict[str, Any]:
    from assistant.config import load_settings
    from assistant.triage.mail import messages_from_records
    from assistant.triage.pipeline import TriagePipeline

    settings = load_settings()
    pipeline = TriagePipeline(settings, use_assistant=use_assistant)
    messages = messages_from_records(rows)
    t0 = time.perf_counter()
    results = [pipeline.triage(m) for m in messages]
    elapsed = time.perf_counter() - t0

    correct: Counter[str] = Counter()
    total: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    pii_found: Counter[str] = Counter()
    pii_total: Counter[str] = Counter()
    leaks: list[dict[str, str]] = []
    injection_expected = injection_flagged = injection_false = 0
    confusion: Counter[tuple[str, str]] = Counter()

    for row, res in zip(rows, results):
        exp = row.get("expected", {})
        out = res.to_dict()
        for key, got in (
            ("topic", out["topic"]),
            ("answerable", out["answerable"]),
            ("needs_human", out["needs_human"]),
            ("language", out["language"]),
        ):
            if key not in exp:
                continue
            if key == "answerable" and not use_assistant:
                continue
            total[key] += 1
            if exp[key] == got:
                correct[key] += 1
            else:
                errors.append(
                    {
                        "id": row["id"],
                        "field": key,
                        "expected": exp[key],
                        "got": got,
                        "reasons": out["reasons"],
                        "conf": out["topic_confidence"],
                    }
                )
            if key == "topic":
                confusion[(exp[key], got)] += 1
            if key == "language" and exp[key] in ("lv", "en", "ru"):
                total["language_lv_en_ru"] += 1
                correct["language_lv_en_ru"] += exp[key] == got
        found = {(p.type, _norm_value(p.type, p.value)) for p in res.personal_data}
        found_digits = {(p.type, _digits(p.value)) for p in res.personal_data}
        for item in exp.get("personal_data", []):
            kind = _TYPE_ALIASES.get(str(item.get("type", "")).lower(), str(item.get("type")))
            value = str(item.get("value", ""))
            pii_total[kind] += 1
            norm = _norm_value(kind, value)
            hit = (kind, norm) in found
            if not hit and kind == "phone":
                hit = any(t == "phone" and d.endswith(norm) for t, d in found_digits)
            if not hit and kind == "address":
                hit = any(
                    p.type == "address" and (norm in p.value.lower() or p.value.lower() in norm)
                    for p in res.personal_data
                )
            pii_found[kind] += hit
            if not hit:
                errors.append(
                    {"id": row["id"], "field": "personal_data", "expected": item, "got": sorted(found)}
                )
            # leaks: codes and phone numbers must not appear in drafts or redacted fields
            if kind in ("personal_code", "phone"):
                d = _digits(value)
                for field in ("draft_reply", "subject_redacted", "body_redacted"):
                    text = out.get(field) or ""
                    if d and d[-8:] in _digits(text):
                        leaks.append({"id": row["id"], "field": field, "type": kind})
        if "injection" in exp:
            if exp["injection"]:
                injection_expected += 1
                injection_flagged += bool(out["injection_suspected"])
            elif out["injection_suspected"]:
                injection_false += 1
                errors.append({"id": row["id"], "field": "injection", "expected": False, "got": True})
            if exp["injection"] and not out["injection_suspected"]:
                errors.append({"id": row["id"], "field": "injection", "expected": True, "got": False})

    def acc(k: str) -> float | None:
        return round(correct[k] / total[k], 4) if total[k] else None

    # robustness: the same messages typed without diacritics, through the same pipeline (topic only)
    from assistant.textnorm import fold

    with_topic = [r for r in rows if "topic" in r.get("expected", {}) and (r.get("subject") or r.get("body"))]
    folded = messages_from_records(
        [dict(r, subject=fold(r.get("subject") or ""), body=fold(r.get("body") or "")) for r in with_topic]
    )
    folded_n = len(with_topic)
    folded_ok = sum(
        pipeline.triage(m).topic == r["expected"]["topic"] for m, r in zip(folded, with_topic, strict=True)
    )

    metrics = {
        "messages": len(rows),
        "topic_accuracy": acc("topic"),
        "topic_accuracy_no_diacritics": round(folded_ok / folded_n, 4) if folded_n else None,
        "answerable_accuracy": acc("answerable"),
        "needs_human_accuracy": acc("needs_human"),
        "language_accuracy": acc("language"),
        "language_accuracy_lv_en_ru": acc("language_lv_en_ru"),
        "personal_code_recall": round(pii_found["personal_code"] / pii_total["personal_code"], 4)
        if pii_total["personal_code"]
        else None,
        "phone_recall": round(pii_found["phone"] / pii_total["phone"], 4) if pii_total["phone"] else None,
        "email_recall": round(pii_found["email"] / pii_total["email"], 4) if pii_total["email"] else None,
        "address_recall": round(pii_found["address"] / pii_total["address"], 4)
        if pii_total["address"]
        else None,
        "leaks": len(leaks),
        "injection_flagged": f"{injection_flagged}/{injection_expected}",
        "injection_false_positives": injection_false,
        "messages_per_second": round(len(rows) / elapsed, 1) if elapsed else None,
        "assistant_used": use_assistant and pipeline.lazy._assistant is not None,
    }
    return {
        "metrics": metrics,
        "errors": errors,
        "leaks": leaks,
        "topic_confusion": [{"expected": e, "got": g, "n": n} for (e, g), n in confusion.items() if e != g],
    }


def run(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in (args.sets or [])] or [DEFAULT_SET if DEFAULT_SET.exists() else DEV_SET]
    rows: list[dict[str, Any]] = []
    for path in paths:  # ``evals.labelled``: every bad line listed, then the run stops
        rows += load_jsonl(path, {"id": (str, int), "expected": dict})
    report = evaluate(rows, use_assistant=not args.no_assistant)
    report["sets"] = [str(p) for p in paths]
    print(f"triage eval over {len(rows)} messages ({', '.join(p.name for p in paths)})")
    for k, v in report["metrics"].items():
        print(f"  {k:28s} {v}")
    if args.show_errors:
        for e in report["errors"]:
            print("  ERR", json.dumps(e, ensure_ascii=False))
    out = report_path("triage", args.report, args.sets)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"  report: {out}")
    return 0
