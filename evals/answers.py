"""``python -m evals answers``: answer quality over labelled questions (answerable and not).

Figures:
- key-point coverage: a key point counts when all its content words (stop words removed, folded, stemmed)
  occur in the answer (inflection- and diacritics-insensitive); a declined answerable question covers none.
  A lenient figure (at least 2/3 of the content words) is printed too. Target ≥ 0.80.
- % unanswerable declined (target ≥ 90 %), per kind; % answerable declined (target ≤ 5 %).
- % of extractive sentences contained in the passage they cite (target 100 %): every quoted unit of every
  citation is looked up in its chunk's text (whitespace-insensitive), and every quoted unit must appear in
  the answer text.
- warm latency p50/p95 per answer (informative; benchmarks/answer_bench.py is the speed figure).

Writes evals/reports/answers.json and answers.png.

Example:
    python -m evals answers                              # evals/sets/answers.jsonl
    python -m evals answers --set evals/sets/dev_answers.jsonl --show
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from .labelled import REPORT_HELP, load_jsonl, report_path
from .metrics import percentile

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SET = REPO / "evals" / "sets" / "answers.jsonl"
# every set, side by side: the independent ones first (written by people who never saw the code), then the
# hold-out ones (only ever measured), then our own (tuned on)
ALL_SETS = (
    ("independent", REPO / "evals" / "independent" / "answers_situational.jsonl"),
    ("hold-out", REPO / "evals" / "holdout" / "answers_situational.jsonl"),
    ("hold-out", REPO / "evals" / "holdout" / "answers.jsonl"),
    ("own", REPO / "evals" / "sets" / "answers.jsonl"),
    ("own", REPO / "evals" / "sets" / "dev_answers.jsonl"),
    ("own", REPO / "evals" / "sets" / "dev2_answers.jsonl"),
    ("own", REPO / "evals" / "sets" / "dev3_answers.jsonl"),
)
REPORTS = REPO / "evals" / "reports"


def register(sub: Any) -> None:
    p = sub.add_parser("answers", help="answer quality: key points, declines, grounding")
    p.add_argument(
        "--set", dest="sets", action="append", help="labelled JSONL (default: every set, independent ones first)"
    )
    p.add_argument("--data-dir", default=None, help="index directory (default: settings.data_dir)")
    p.add_argument("--show", action="store_true", help="print every wrong decision and uncovered key point")
    p.add_argument(
        "--where",
        action="store_true",
        help="also print where the key points are found (answer / cited passages / top 1 / top 3 / any chunk): "
        "aggregate only, so it is safe on hold-out sets",
    )
    p.add_argument("--report", default=None, help=REPORT_HELP)
    p.set_defaults(func=run)


def load_set(path: Path) -> list[dict[str, Any]]:
    """The labelled rows of a JSONL set (``evals.labelled``): id, question and answerable are required; an
    answerable row's key points must be a list of texts."""

    def check(row: dict[str, Any]) -> str | None:
        kp = row.get("key_points", [])
        if not isinstance(kp, list) or not all(isinstance(k, str) and k.strip() for k in kp):
            return "key_points nav tekstu saraksts / key_points is not a list of texts"
        return None

    return load_jsonl(path, {"id": (str, int), "question": str, "answerable": bool}, check=check)


def key_point_hit(key_point: str, answer_stems: set[str], lenient: bool = False) -> bool:
    """All (or, lenient, ≥ 2/3 of) the key point's content stems occur in the answer."""
    from assistant.sentences import content_stems

    stems = set(content_stems(key_point))
    if not stems:
        return True
    found = len(stems & answer_stems)
    return found >= (2 / 3) * len(stems) if lenient else found == len(stems)


class KeyPointPlaces:
    """Where the answerable rows' key points are found: the answer, the passages it cites, the top 1 and top 3
    passages it was given, any chunk of the corpus. Tells a retrieval miss (not in the top 3) from a selection miss
    (in the top 3, not in the answer) without showing any item (so it is safe on hold-out sets)."""

    NAMES = ("answer", "cited", "top1", "top3", "any_chunk")

    def __init__(self, chunks: Any) -> None:
        from assistant.sentences import content_stems

        self._stems = content_stems
        self._chunk_stems = [set(content_stems(c.text)) for c in chunks]
        self.found = dict.fromkeys(self.NAMES, 0)
        self.n = 0

    def add(self, key_points: list[str], answer: Any) -> None:
        st = self._stems
        top = [h.chunk for h in answer.retrieved[:3]]
        places = {
            "answer": set(st(answer.answer)) if answer.answerable else set(),
            "cited": set().union(*(set(st(c.chunk.text)) for c in answer.citations)),
            "top1": set(st(top[0].text)) if top else set(),
            "top3": set().union(*(set(st(c.text)) for c in top)),
        }
        for kp in key_points:
            self.n += 1
            for name, stems in places.items():
                self.found[name] += key_point_hit(kp, stems)
            self.found["any_chunk"] += any(key_point_hit(kp, cs) for cs in self._chunk_stems)

    def shares(self) -> dict[str, float]:
        return {k: round(v / self.n, 3) for k, v in self.found.items()} if self.n else {}


def key_point_locations(rows: list[dict[str, Any]], assistant: Any) -> dict[str, float]:
    """:class:`KeyPointPlaces` over ``rows`` (asks each answerable question once)."""
    places = KeyPointPlaces(assistant.retriever.chunks)
    for row in rows:
        if row.get("answerable") and row.get("key_points"):
            places.add(row["key_points"], assistant.ask(row["question"]))
    return places.shares()


def fragment_details(answer: str, question: str) -> list[tuple[str, str]]:
    from assistant.answering.fragments import details

    return details(answer, question)


class QuoteLocator:
    """Is a row's quoted passage (verbatim from the original document) among the retrieved passages?"""

    def __init__(self, assistant: Any) -> None:
        from assistant.index import get_documents

        try:
            self._docs = {d.meta.source_file: d for d in get_documents(assistant.settings)}
        except Exception:  # noqa: BLE001 - no documents: recall is not measured
            self._docs = {}

    def in_top(self, doc: str, quote: str, hits: Any) -> bool | None:
        d = self._docs.get(doc)
        if d is None:
            return None
        i = d.original.find(quote)
        if i < 0:
            return None
        j = i + len(quote)
        return any(h.chunk.doc == doc and h.chunk.orig_start < j and i < h.chunk.orig_end for h in hits)

    def in_sections(self, doc: str, quote: str, sections: list[dict[str, Any]]) -> bool | None:
        """The quote starts inside one of the routed sections (spans in the cleaned text)."""
        import bisect

        d = self._docs.get(doc)
        if d is None or not sections:
            return None
        i = d.original.find(quote)
        if i < 0:
            return None
        ci = bisect.bisect_left(d.offsets, i) if d.offsets else i
        return any(s.get("doc") == doc and s.get("start", -1) <= ci < s.get("end", -1) + 1 for s in sections)


def words_in_order(quote: str, passage: str) -> bool:
    """Every word of the quote occurs in the passage, in the same order, as one run (folded; bullets, spacing and
    symbol debris the display drops aside): the quote is the document's text, not a paraphrase."""
    from assistant.textnorm import folded_tokens

    q = [w for w in folded_tokens(quote) if len(w) > 1]
    p = [w for w in folded_tokens(passage) if len(w) > 1]
    if not q:
        return True
    n = len(q)
    first = q[0]
    return any(p[i : i + n] == q for i in range(len(p) - n + 1) if p[i] == first)


def grounding(answer: Any) -> tuple[int, int, list[str]]:
    """(contained, total, failures) over every quoted unit of an extractive answer."""
    from assistant.sentences import contained_in, squash

    ok = total = 0
    bad: list[str] = []
    text = squash(answer.answer)
    for c in answer.citations:
        for part in c.quote.split("\n"):
            if not part.strip():
                continue
            total += 1
            if words_in_order(part, c.chunk.text) and squash(part) in text:
                ok += 1
            else:
                bad.append(f"[{c.n}] {part[:100]}")
    return ok, total, bad


def evaluate(rows: list[dict[str, Any]], assistant: Any, show: bool = False, where: bool = False) -> dict[str, Any]:
    """All figures for one set; ``where`` adds :class:`KeyPointPlaces` shares (from the same answers)."""
    from assistant.sentences import content_stems

    places = KeyPointPlaces(assistant.retriever.chunks) if where else None

    kp_total = kp_hit = kp_len = 0
    ans_n = ans_declined = 0
    un_n = un_declined = 0
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    g_ok = g_total = 0
    latencies: list[float] = []
    wrong: list[str] = []
    fragments: list[str] = []
    shown = 0
    by_style: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # style -> [key points hit, key points]
    recall5: list[int] = []  # answerable questions: the quoted passage among the top 5 passages
    sec_recall5: list[int] = []  # … among the top 5 routed sections
    locator = QuoteLocator(assistant)
    for row in rows:
        t = time.perf_counter()
        a = assistant.ask(row["question"])
        latencies.append((time.perf_counter() - t) * 1000)
        if a.answerable:
            shown += 1
            found = fragment_details(a.answer, row["question"])
            if found:
                kinds = ", ".join(sorted({k for k, _ln in found}))
                lines = " | ".join(f"{k}: {ln[:90]}" for k, ln in found[:3])
                fragments.append(f"{row['id']} [{kinds}] {row['question'][:70]} -> {lines}")
        if row.get("answerable") and row.get("quote") and row.get("doc"):
            hit = locator.in_top(row["doc"], row["quote"], a.retrieved[:5])
            if hit is not None:
                recall5.append(int(hit))
            sec_hit = locator.in_sections(row["doc"], row["quote"], (a.debug or {}).get("sections", [])[:5])
            if sec_hit is not None:
                sec_recall5.append(int(sec_hit))
        if a.mode == "extractive" and a.answerable:
            ok, total, bad = grounding(a)
            g_ok += ok
            g_total += total
            if show:
                for b in bad:
                    print(f"  NOT CONTAINED {row['id']}: {b}")
        if row.get("answerable"):
            ans_n += 1
            if not a.answerable:
                ans_declined += 1
                wrong.append(f"{row['id']} declined an answerable question: {row['question']}")
            stems = set(content_stems(a.answer)) if a.answerable else set()
            if places is not None and row.get("key_points"):
                places.add(row["key_points"], a)
            style = "situational" if row.get("style") == "situational" else "other"
            for kp in row.get("key_points") or []:
                kp_total += 1
                by_style[style][1] += 1
                if key_point_hit(kp, stems):
                    kp_hit += 1
                    by_style[style][0] += 1
                elif show:
                    print(f"  missing key point {row['id']}: {kp}")
                if key_point_hit(kp, stems, lenient=True):
                    kp_len += 1
        else:
            un_n += 1
            kind = row.get("kind", "other")
            by_kind[kind][1] += 1
            if not a.answerable:
                un_declined += 1
                by_kind[kind][0] += 1
            else:
                wrong.append(f"{row['id']} answered an unanswerable ({kind}) question: {row['question']}")
    if show:
        for w in wrong:
            print("  " + w)
    warm = latencies[1:] or latencies
    return {
        "n": len(rows),
        "key_point_coverage": round(kp_hit / kp_total, 4) if kp_total else None,
        "key_point_coverage_lenient": round(kp_len / kp_total, 4) if kp_total else None,
        "key_points": kp_total,
        "answerable": ans_n,
        "answerable_declined_pct": round(100 * ans_declined / ans_n, 2) if ans_n else None,
        "unanswerable": un_n,
        "unanswerable_declined_pct": round(100 * un_declined / un_n, 2) if un_n else None,
        "declined_by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_kind.items())},
        "extractive_units": g_total,
        "contained_pct": round(100 * g_ok / g_total, 2) if g_total else None,
        "situational_coverage": round(by_style["situational"][0] / by_style["situational"][1], 4)
        if by_style["situational"][1]
        else None,
        "recall_at_5": round(sum(recall5) / len(recall5), 4) if recall5 else None,
        "section_recall_at_5": round(sum(sec_recall5) / len(sec_recall5), 4) if sec_recall5 else None,
        "answers_shown": shown,
        "fragment_pct": round(100 * len(fragments) / shown, 2) if shown else 0.0,
        "fragments": fragments,
        "latency_ms_p50": round(percentile(warm, 50), 1),
        "latency_ms_p95": round(percentile(warm, 95), 1),
        "wrong": wrong,
        **({"key_points_found_in": places.shares()} if places is not None else {}),
    }


def _plot(reports: dict[str, dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(reports)
    metrics = [
        ("key_point_coverage", "key points", 0.80, 1),
        ("unanswerable_declined_pct", "unanswerable declined", 90, 100),
        ("answerable_declined_pct", "answerable declined", 5, 100),
        ("contained_pct", "sentences contained", 100, 100),
    ]
    fig, axes = plt.subplots(1, len(metrics), figsize=(13, 3.6))
    for ax, (key, label, target, scale) in zip(axes, metrics):
        vals = [(reports[n].get(key) or 0) / scale for n in names]
        ax.bar(range(len(names)), vals, color="#4c72b0")
        ax.axhline(target / scale, color="#c44e52", linestyle="--", linewidth=1)
        ax.set_xticks(range(len(names)), names, rotation=20, fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.set_title(label, fontsize=10)
        for i, v in enumerate(vals):
            ax.text(i, v + 0.02, f"{v:.2f}", ha="center", fontsize=8)
    fig.suptitle("Pakalpojumu palīgs — answers (dashed: target)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def run(args: argparse.Namespace) -> int:
    from assistant.config import load_settings
    from assistant.pipeline import Assistant

    settings = load_settings()
    if args.data_dir:
        settings = settings.with_overrides(data_dir=args.data_dir)
    settings = settings.with_overrides(answer_mode="extractive")
    if args.sets:
        labelled = [("given", Path(s)) for s in args.sets]
    else:
        labelled = [(kind, p) for kind, p in ALL_SETS if p.is_file()]
    kinds = {p: kind for kind, p in labelled}
    paths = [p for _k, p in labelled]
    sets = {p: load_set(p) for p in paths}  # bad set files fail before the index is loaded
    assistant = Assistant(settings)
    t = time.perf_counter()
    assistant.warm_up()
    print(f"warm-up {time.perf_counter() - t:.1f} s")
    reports: dict[str, dict[str, Any]] = {}
    for p, rows in sets.items():
        rep = evaluate(rows, assistant, show=args.show, where=args.where)
        name = p.stem if p.parent.name == "sets" else f"{p.parent.name}/{p.stem}"
        reports[name] = rep
        print(
            f"\n== {p.name} ({rep['n']} questions: {rep['answerable']} answerable, {rep['unanswerable']} not)"
        )
        print(
            f"key-point coverage           {rep['key_point_coverage']}  (lenient ≥2/3 words: "
            f"{rep['key_point_coverage_lenient']}; {rep['key_points']} key points; target ≥ 0.80)"
        )
        print(
            f"unanswerable declined        {rep['unanswerable_declined_pct']} %  (target ≥ 90 %)  "
            f"by kind: {rep['declined_by_kind']}"
        )
        print(f"answerable declined          {rep['answerable_declined_pct']} %  (target ≤ 5 %)")
        print(
            f"extractive units contained   {rep['contained_pct']} %  of {rep['extractive_units']}  (target 100 %)"
        )
        print(
            f"situational coverage         {rep['situational_coverage']}  (target ≥ 0.70);  "
            f"retrieval recall@5: passages {rep['recall_at_5']}, sections {rep['section_recall_at_5']}"
        )
        print(f"fragment rate                {rep['fragment_pct']} %  of {rep['answers_shown']} answers shown (target 0 %)")
        for f in rep["fragments"]:
            print(f"  fragment: {f}")
        print(f"latency per answer (warm)    p50 {rep['latency_ms_p50']} ms, p95 {rep['latency_ms_p95']} ms")
        if args.where:
            print("key points found in          " + "  ".join(f"{k} {v}" for k, v in rep["key_points_found_in"].items()))
    if len(reports) > 1:
        print("\n== side by side (independent first)")
        cols = [
            ("coverage", "key_point_coverage"),
            ("situational", "situational_coverage"),
            ("ans.declined %", "answerable_declined_pct"),
            ("unans.declined %", "unanswerable_declined_pct"),
            ("fragments %", "fragment_pct"),
            ("recall@5", "recall_at_5"),
            ("sections@5", "section_recall_at_5"),
        ]
        print(f"{'set':34} {'kind':12} " + " ".join(f"{c:>16}" for c, _k in cols))
        for (name, rep), p in zip(reports.items(), paths, strict=True):
            vals = " ".join(f"{'' if rep.get(k) is None else rep.get(k)!s:>16}" for _c, k in cols)
            print(f"{name:34} {kinds[p]:12} {vals}")
    from assistant.answering import THRESHOLDS

    out = {"sets": reports, "thresholds": dataclasses.asdict(THRESHOLDS)}
    report = report_path("answers", args.report, args.sets)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    png = report.with_suffix(".png")
    _plot(reports, png)
    print(f"\nreport: {report}  plot: {png}")
    return 0
