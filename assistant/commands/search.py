"""``python -m assistant search "query" [--k 10] [--json]`` and ``search --jsonl FILE`` (the batch contract).

``--jsonl FILE`` (``-`` = stdin) reads lines ``{"id": ..., "question": ...}`` and prints one JSON line per input
line, in order: ``{"id", "question", "results": [{"doc", "chunk_id", "title", "section", "text", "score"}]}``;
a bad line (not UTF-8, not JSON, no question...) gives ``{"id", "question", "error", "error_en"}`` (Latvian,
English) and the rest is still processed; a line without its own ``id`` is named by its line number.
The index is built first when missing.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "search",
        help="meklēt dokumentos / search the documents",
        description="Hibrīdā meklēšana (BM25 + vektori) / hybrid search (BM25 + vectors)",
    )
    p.add_argument("query", nargs="?", help="jautājums / the question")
    p.add_argument("--k", type=int, default=None, help="rezultātu skaits (10) / number of results (10)")
    p.add_argument("--json", action="store_true", help="izvade JSON formātā / JSON output")
    p.add_argument("--jsonl", metavar="FILE", help="jautājumi JSONL failā (- = stdin) / questions in a JSONL file")
    p.add_argument(
        "--mode", choices=("hybrid", "bm25", "chargram", "lexical", "dense"), default="hybrid",
        help=argparse.SUPPRESS,
    )
    p.set_defaults(func=run)


def _k(args: argparse.Namespace, settings) -> int:
    k = args.k if args.k is not None else settings.top_k
    if k < 1 or k > 1000:
        from ..errors import InputError

        raise InputError(f"--k jābūt no 1 līdz 1000, nevis {k}", f"--k must be between 1 and 1000, not {k}")
    return k


def _batch(args: argparse.Namespace, settings, retriever, k: int) -> int:
    """One strict-JSON output line per input line, whatever the line holds (see ``jsonl``)."""
    from .. import index_health
    from ..errors import PaligsError
    from ..index import get_retriever
    from ..limits import InputLimitError
    from .jsonl import LineError, iter_lines, open_jsonl, read_request, write_line

    with open_jsonl(args.jsonl) as fh:
        lines = iter_lines(fh)
        while True:
            try:
                n, raw = next(lines)
            except StopIteration:
                break
            except InputLimitError as exc:  # the file is over a limit: the lines before were answered
                print(exc.cli_message(), file=sys.stderr)
                return 2
            rec: dict[str, Any] = {"id": n, "question": None}
            try:
                rec["id"], rec["question"], _ = read_request(n, raw)
                question = rec["question"]
                hits = index_health.with_repair(
                    settings,
                    lambda question=question: get_retriever(settings).run(question, top_k=k, mode=args.mode),
                    notify=index_health.stderr_notice,
                )
                rec["results"] = [h.to_dict() for h in hits]
            except LineError as exc:
                rec["id"] = exc.rid
                rec["error"], rec["error_en"] = exc.lv, exc.en
            except PaligsError as exc:
                rec["error"], rec["error_en"] = exc.lv, exc.en
            except Exception as exc:  # noqa: BLE001 - one bad line must not stop the batch
                rec["error"] = f"neizdevās apstrādāt {n}. rindu ({type(exc).__name__})"
                rec["error_en"] = f"could not process line {n} ({type(exc).__name__})"
            write_line(rec)
    return 0


def run(args: argparse.Namespace, settings) -> int:
    from .. import index_health
    from ..errors import InputError
    from ..index import get_retriever

    index_health.QUIET_NATIVE = True
    k = _k(args, settings)
    if args.jsonl is None and args.query is None:
        raise InputError(
            "norādiet jautājumu vai --jsonl FAILU", 'give a question or --jsonl FILE (python -m assistant search "...")'
        )
    if args.jsonl is None:
        from ..retrieval import check_query

        check_query(args.query)  # fail fast before a possible index build
    # builds (with a progress bar on stderr) only when missing or stale; one fingerprint check, not two
    # a damaged index (a Rust panic included) is said in one line, rebuilt, and the search runs again
    retriever = index_health.with_repair(
        settings, lambda: get_retriever(settings, progress=True), notify=index_health.stderr_notice
    )
    if args.jsonl is not None:
        return _batch(args, settings, retriever, k)
    hits = index_health.with_repair(
        settings,
        lambda: get_retriever(settings).run(args.query, top_k=k, mode=args.mode),
        notify=index_health.stderr_notice,
    )
    if args.json:
        from ..jsonsafe import dumps_line

        print(dumps_line({"question": args.query, "results": [h.to_dict() for h in hits]}))
        return 0
    if not hits:
        print("Nekas netika atrasts / nothing found")
    for i, h in enumerate(hits, start=1):
        c = h.chunk
        snippet = " ".join(c.text.split())
        if len(snippet) > 240:
            snippet = snippet[:237].rsplit(" ", 1)[0] + "…"
        print(f"{i:>2}. [{h.score:.4f}] {c.doc} — {c.section}")
        print(f"    {snippet}")
    return 0
