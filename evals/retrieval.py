"""``python -m evals retrieval``: recall@1/5/10 and MRR of BM25-only, dense-only and hybrid retrieval.

Modes: bm25 (BM25 over folded stems), chargram (BM25 over character 5-grams), lexical (the two fused),
dense (e5 vectors), hybrid (all of them + definition look-up; CombSUM of normalised scores, with reciprocal
rank fusion printed for comparison).
A result is correct when it comes from the labelled document and its original span (orig_start..orig_end)
overlaps the span of the labelled quote in the original source file (found verbatim, else by folded,
whitespace-insensitive search, else by fuzzy alignment). Prints the figures per question style and the
comparison of lexical normalisers (stemmers), then writes evals/reports/retrieval.json and retrieval.png.

Example:
    python -m evals retrieval                      # the labelled set evals/sets/retrieval.jsonl
    python -m evals retrieval --set evals/sets/dev_retrieval.jsonl --show-misses
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from .labelled import REPORT_HELP, load_jsonl, report_path
from .metrics import first_rank, summary

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SET = REPO / "evals" / "sets" / "retrieval.jsonl"
DEV_SET = REPO / "evals" / "sets" / "dev_retrieval.jsonl"
REPORTS = REPO / "evals" / "reports"
STEMMERS = ("fold", "prefix5", "prefix6", "suffix", "suffix+prefix6", "lvstemmer", "simplemma", "hunspell")
MODES = ("bm25", "chargram", "lexical", "dense", "hybrid")
DEPTH = 10


def register(sub: Any) -> None:
    p = sub.add_parser("retrieval", help="retrieval quality (BM25 / dense / hybrid, per style, stemmers)")
    p.add_argument("--set", dest="sets", action="append", help="labelled JSONL (default: sets/retrieval.jsonl)")
    p.add_argument("--data-dir", default=None, help="index directory (default: settings.data_dir)")
    p.add_argument("--no-stemmers", action="store_true", help="skip the stemmer comparison")
    p.add_argument("--show-misses", action="store_true", help="print the questions hybrid misses at 5")
    p.add_argument("--report", default=None, help=REPORT_HELP)
    p.set_defaults(func=run)


# ------------------------------------------------------------------------------------------ gold spans
def _fold_map(text: str) -> tuple[str, list[int]]:
    """Folded text with whitespace collapsed, and the original index of each folded char."""
    from assistant.textnorm import fold

    out: list[str] = []
    idx: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if prev_space:
                continue
            out.append(" ")
            idx.append(i)
            prev_space = True
            continue
        prev_space = False
        f = fold(ch)
        for c in f:
            out.append(c)
            idx.append(i)
    return "".join(out), idx


def quote_span(original: str, quote: str) -> tuple[int, int] | None:
    """Span of `quote` in the original text: verbatim, folded, then fuzzy."""
    i = original.find(quote)
    if i >= 0:
        return i, i + len(quote)
    folded, idx = _fold_map(original)
    fq, _ = _fold_map(quote.strip())
    j = folded.find(fq)
    if j >= 0:
        return idx[j], idx[j + len(fq) - 1] + 1
    from rapidfuzz import fuzz  # a required dependency: without it fuzzy quotes would silently go unlocated

    al = fuzz.partial_ratio_alignment(fq, folded, score_cutoff=80)
    if al is not None and al.dest_end > al.dest_start:
        return idx[al.dest_start], idx[min(al.dest_end, len(idx)) - 1] + 1
    return None


def load_set(path: Path, corpus_dir: Path | None = None) -> list[dict]:
    """The labelled rows (``question``, ``doc``, ``quote`` texts; ``evals.labelled``); with ``corpus_dir`` every
    ``doc`` must be a file there (a misspelt name would silently count as a miss)."""

    def check(row: dict) -> str | None:
        if corpus_dir is not None and not (corpus_dir / row["doc"]).is_file():
            return f"dokuments '{row['doc']}' nav korpusā / document '{row['doc']}' is not in the corpus"
        return None

    return load_jsonl(path, {"question": str, "doc": str, "quote": str}, check=check)


def golds(rows: list[dict], corpus_dir: Path) -> tuple[list[tuple[str, tuple[int, int] | None, str]], int]:
    """(doc, span of the quote in the original source or None, quote) per row, and how many spans were not found.
    The sources are read once each; an unreadable one raises (it is a broken corpus, not a miss)."""
    from assistant.corpus import read_source

    src: dict[str, str] = {}
    out = []
    for r in rows:
        if r["doc"] not in src:
            src[r["doc"]] = read_source(corpus_dir / r["doc"])
        out.append((r["doc"], quote_span(src[r["doc"]], r["quote"]), r["quote"]))
    return out, sum(span is None for _, span, _ in out)


# ------------------------------------------------------------------------------------------ evaluation
def _is_hit(chunk, gold: tuple[str, tuple[int, int] | None, str]) -> bool:
    doc, span, quote = gold
    if chunk.doc != doc:
        return False
    if span is not None:
        return chunk.orig_start < span[1] and span[0] < chunk.orig_end
    from assistant.textnorm import fold

    return fold(quote)[:60] in fold(chunk.text)


def evaluate(rows: list[dict], retriever, corpus_dir: Path, *, stemmers: tuple[str, ...] = ()) -> dict:
    """All figures for one labelled set (quotes located in the original sources under ``corpus_dir``)."""
    from assistant.errors import PaligsError
    from assistant.retrieval import LexicalRetriever, check_query

    chunks = retriever.chunks
    golds_, unresolved = golds(rows, corpus_dir)

    all_ranks = []
    for r in rows:
        try:
            q = check_query(r["question"])
        except PaligsError:
            q = ""
        all_ranks.append(
            retriever.rankings(q) if q else {"bm25": [], "chargram": [], "dense": [], "definition": []}
        )

    def ranks_of(orders: list[list[int]]) -> list[int | None]:
        return [first_rank([_is_hit(chunks[i], g) for i in rk[:DEPTH]]) for rk, g in zip(orders, golds_, strict=True)]

    def fused(mode: str, lex_override: list[list[tuple[int, float]]] | None = None) -> list[list[int]]:
        out = []
        for j, rk in enumerate(all_ranks):
            if lex_override is not None:
                rk = dict(rk, bm25=lex_override[j])
            out.append([i for i, _ in retriever.fuse(rk, mode)])
        return out

    def lex_rankings(lex: LexicalRetriever) -> list[list[tuple[int, float]]]:
        import numpy as np

        out = []
        for r in rows:
            s = retriever.lexical_scores(lex, r["question"])
            out.append([(int(i), float(s[i])) for i in np.argsort(-s, kind="stable")[: retriever.candidates] if s[i] > 0])
        return out

    per_mode = {m: ranks_of(fused(m)) for m in MODES}
    rrf_ranks = ranks_of([[i for i, _ in retriever.fuse(rk, "hybrid", fusion="rrf")] for rk in all_ranks])
    # the production path (run()) must agree with the offline fusion above
    prod = []
    for r, g in zip(rows, golds_, strict=True):
        try:
            prod.append(first_rank([_is_hit(h.chunk, g) for h in retriever.run(r["question"], top_k=DEPTH)]))
        except PaligsError:
            prod.append(None)
    styles = sorted({r.get("style", "?") for r in rows})
    report: dict[str, Any] = {
        "n": len(rows),
        "unresolved_quotes": unresolved,
        "overall": {m: summary(per_mode[m]) for m in MODES},
        "production_hybrid": summary(prod),
        "hybrid_rrf": summary(rrf_ranks),
        "by_style": {
            st: {m: summary([rk for rk, r in zip(per_mode[m], rows, strict=True) if r.get("style", "?") == st]) for m in MODES}
            for st in styles
        },
        "ranks": {m: per_mode[m] for m in MODES},
        "ids": [r.get("id") for r in rows],
    }
    if stemmers:
        comp = {}
        for name in stemmers:
            try:
                lex = LexicalRetriever(stemmer=name)
                lex.warm_up(chunks)
                lr = lex_rankings(lex)
                comp[name] = {
                    "bm25": summary(ranks_of(fused("bm25", lr))),
                    "hybrid": summary(ranks_of(fused("hybrid", lr))),
                }
            except Exception as exc:  # noqa: BLE001 - an optional normaliser that is not installed
                comp[name] = {"error": f"{type(exc).__name__}: {exc}"}
        report["stemmers"] = comp
    return report


def _fmt(s: dict) -> str:
    return f"R@1 {s['recall@1']:.3f}  R@5 {s['recall@5']:.3f}  R@10 {s['recall@10']:.3f}  MRR {s['mrr']:.3f}"


def _print(report: dict, name: str) -> None:
    print(f"\n== {name}: {report['n']} questions ({report['unresolved_quotes']} quotes not located)")
    print(f"{'':10}{'mode':8}  figures")
    for m in MODES:
        print(f"{'all':10}{m:8}  {_fmt(report['overall'][m])}")
    print(f"{'all':10}{'run()':8}  {_fmt(report['production_hybrid'])}")
    print(f"{'all':10}{'h-RRF':8}  {_fmt(report['hybrid_rrf'])}   (hybrid with reciprocal rank fusion instead)")
    for st, d in report["by_style"].items():
        for m in MODES:
            print(f"{st[:10]:10}{m:8}  {_fmt(d[m])}  (n={d[m]['n']})")
    if "stemmers" in report:
        print("\nLexical normaliser comparison (BM25 alone | hybrid with it):")
        for stemmer, d in report["stemmers"].items():
            if "error" in d:
                print(f"  {stemmer:16} unavailable: {d['error']}")
            else:
                print(
                    f"  {stemmer:16} BM25 R@5 {d['bm25']['recall@5']:.3f} MRR {d['bm25']['mrr']:.3f} | "
                    f"hybrid R@5 {d['hybrid']['recall@5']:.3f} MRR {d['hybrid']['mrr']:.3f}"
                )


def _plot(reports: dict[str, dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    name, rep = next(iter(reports.items()))
    styles = list(rep["by_style"])
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
    width = 0.8 / len(MODES)
    for j, m in enumerate(MODES):
        xs = [i + (j - (len(MODES) - 1) / 2) * width for i in range(len(styles) + 1)]
        vals = [rep["overall"][m]["recall@5"]] + [rep["by_style"][s][m]["recall@5"] for s in styles]
        axes[0].bar(xs, vals, width, label=m)
        mv = [rep["overall"][m]["mrr"]] + [rep["by_style"][s][m]["mrr"] for s in styles]
        axes[1].bar(xs, mv, width, label=m)
    for ax, title in zip(axes, ("recall@5", "MRR"), strict=True):
        ax.set_xticks(range(len(styles) + 1), ["all"] + styles, rotation=15)
        ax.set_ylim(0, 1.05)
        ax.set_title(f"{title} ({name}, n={rep['n']})")
        ax.grid(axis="y", alpha=0.3)
    axes[0].legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def run(args: argparse.Namespace) -> int:
    from assistant.config import load_settings
    from assistant.index import get_retriever

    settings = load_settings()
    if args.data_dir:
        settings = settings.with_overrides(data_dir=args.data_dir)
    corpus_dir = Path(settings.corpus_dir)
    paths = [Path(p) for p in args.sets] if args.sets else [p for p in (DEFAULT_SET,) if p.is_file()] or [DEV_SET]
    sets = {p: load_set(p, corpus_dir) for p in paths}  # bad set files fail before the index is opened
    retriever = get_retriever(settings)
    reports: dict[str, dict] = {}
    for p, rows in sets.items():
        t0 = time.perf_counter()
        rep = evaluate(rows, retriever, corpus_dir, stemmers=() if args.no_stemmers else STEMMERS)
        rep["seconds"] = round(time.perf_counter() - t0, 2)
        reports[p.name] = rep
        _print(rep, p.name)
        if args.show_misses:
            for qid, r5, row in zip(rep["ids"], rep["ranks"]["hybrid"], rows, strict=True):
                if r5 is None or r5 > 5:
                    print(f"  miss {qid} [{row.get('style')}] rank={r5} {row['question']!r} -> {row['doc'][:3]}: {row['quote'][:60]!r}")
    out = report_path("retrieval", args.report, args.sets)
    out.parent.mkdir(parents=True, exist_ok=True)
    slim = {k: {kk: vv for kk, vv in v.items() if kk not in ("ranks", "ids")} for k, v in reports.items()}
    out.write_text(json.dumps(slim, ensure_ascii=False, indent=1), encoding="utf-8")
    png = out.with_suffix(".png")
    _plot(reports, png)
    print(f"\nReport: {out}  plot: {png}")
    return 0



