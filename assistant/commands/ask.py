"""``python -m assistant ask "…" [--json] | --jsonl FILE``: grounded answers from the guidance documents.

Plain output: the answer, then the numbered sources. ``--json``: one JSON object (``Answer.to_dict``).
``--jsonl FILE`` (or ``-`` for stdin): one ``{"id", "question"}`` object per line in, one JSON line per input
out, in order; a bad line gives an error object on its line instead of stopping the batch.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import InputError, PaligsError
from ..jsonsafe import dumps_line
from .jsonl import LineError, iter_lines, open_jsonl, read_request, write_line


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ask",
        help="jautājums par pakalpojumu pārvaldību / ask a question",
        description="Atbilde no vadlīniju dokumentiem ar avotiem / a grounded answer with numbered sources",
    )
    p.add_argument("question", nargs="?", help="jautājums / the question")
    p.add_argument("--json", action="store_true", help="JSON izvade / print JSON")
    p.add_argument(
        "--jsonl", metavar="FILE", help='JSONL ar {"id","question"} rindām (- = stdin) / batch file'
    )
    p.add_argument(
        "--history", metavar="FILE", help="JSON saraksts ar [jautājums, atbilde] pāriem / earlier turns"
    )
    p.add_argument(
        "--llm", action="store_true", help="izmantot LLM (ja konfigurēts) / use the configured LLM"
    )
    p.add_argument("--llm-base-url", help="OpenAI-saderīgs galapunkts / OpenAI-compatible endpoint")
    p.add_argument("--llm-model", help="modeļa nosaukums / model name")
    p.add_argument("--llm-gguf-path", help='GGUF fails vai "gemma3" / GGUF file or "gemma3"')
    p.add_argument("--top-k", type=int, help="atgriezto fragmentu skaits (≥10) / passages retrieved")
    p.set_defaults(func=run)


class _HistoryError(ValueError):
    """A history that is not a list of [question, answer] text pairs, with the reason in Latvian and English."""

    def __init__(self, lv: str, en: str) -> None:
        super().__init__(en)
        self.lv, self.en = lv, en


def _history_pairs(data: Any) -> list[tuple[str, str]]:
    """Earlier turns from parsed JSON: a list of [question, answer] text pairs (:class:`_HistoryError` otherwise).

    JSON null in a pair is an empty text (never the word "None"); numbers, lists and objects are refused.
    """
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(t, list | tuple) and len(t) == 2 for t in data):
        raise _HistoryError(
            "tas nav [jautājums, atbilde] pāru saraksts", "not a list of [question, answer] pairs"
        )
    out: list[tuple[str, str]] = []
    for k, pair in enumerate(data, start=1):
        texts = ["" if x is None else x for x in pair]
        if not all(isinstance(x, str) for x in texts):
            raise _HistoryError(
                f"{k}. pārī jautājums un atbilde nav teksts",
                f"pair {k}: the question and the answer must be text",
            )
        out.append((texts[0], texts[1]))
    return out


def _read_history(path: str | None) -> list[tuple[str, str]]:
    if not path:
        return []
    try:
        return _history_pairs(json.loads(Path(path).read_text(encoding="utf-8-sig")))
    except _HistoryError as exc:
        raise InputError(
            f"vēstures failu '{path}' nevar nolasīt: gaidīts JSON saraksts ar [jautājums, atbilde] pāriem ({exc.lv})",
            f"cannot read history file '{path}': expected a JSON list of [question, answer] pairs ({exc.en})",
        ) from exc
    except (OSError, ValueError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise InputError(
            f"vēstures failu '{path}' nevar nolasīt: gaidīts JSON saraksts ar [jautājums, atbilde] pāriem ({exc})",
            f"cannot read history file '{path}': expected a JSON list of [question, answer] pairs ({exc})",
        ) from exc


def _print_plain(answer: Any) -> None:
    print(answer.answer)
    if answer.notice:
        print(f"\n({answer.notice})")
    if answer.citations:
        print("\nAvoti / Sources:")
        for c in answer.citations:
            where = c.chunk.title + (f" — {c.chunk.section}" if c.chunk.section else "")
            print(f"[{c.n}] {where} ({c.chunk.doc})")


def _batch_request(lineno: int, raw: bytes) -> tuple[Any, str, list[tuple[str, str]]]:
    """(id, question, history) from one JSONL line (``jsonl.read_request`` plus the history check)."""
    rid, question, obj = read_request(lineno, raw)
    try:
        history = _history_pairs(obj.get("history"))
    except _HistoryError as exc:
        raise LineError(
            rid,
            question,
            f"{lineno}. rindā 'history' nav [jautājums, atbilde] pāru saraksts ({exc.lv})",
            f"line {lineno}: 'history' is not a list of [question, answer] pairs ({exc.en})",
        ) from exc
    return rid, question, history


def _batch(path: str, settings: Any) -> int:
    """One strict-JSON output line per input line, whatever the line holds (see ``jsonl``). ``settings``: the
    run's Settings (a damaged index is then rebuilt and the line asked again), or an assistant object to ask."""
    from .. import index_health
    from ..limits import InputLimitError

    if isinstance(settings, Settings):
        from ..pipeline import get_assistant
    else:  # an assistant given directly (tests, callers holding one): asked as it is
        given, settings = settings, None

        def get_assistant(_s: Any) -> Any:
            return given

    failures = 0
    with open_jsonl(path) as stream:
        lines = iter_lines(stream)
        while True:
            try:
                lineno, raw = next(lines)
            except StopIteration:
                break
            except InputLimitError as exc:  # the file is over a limit: the lines before were answered
                print(exc.cli_message(), file=sys.stderr)
                return 2
            rid: Any = lineno
            question: str | None = None
            try:
                try:
                    rid, question, history = _batch_request(lineno, raw)
                    q, h = question, history
                    answer = (
                        index_health.with_repair(
                            settings, lambda q=q, h=h: get_assistant(settings).ask(q, history=h),
                            notify=index_health.stderr_notice,
                        )
                        if settings is not None
                        else get_assistant(None).ask(q, history=h)
                    )
                except PaligsError:
                    raise
                except Exception as exc:  # one line must never stop the batch
                    raise PaligsError(
                        f"{lineno}. rindu neizdevās apstrādāt ({type(exc).__name__})",
                        f"could not process line {lineno} ({type(exc).__name__})",
                    ) from exc
                out = answer.to_dict(rid)
                out["resolved_question"] = answer.resolved_question
            except PaligsError as exc:
                failures += 1
                if isinstance(exc, LineError):
                    rid, question = exc.rid, exc.question
                out = {
                    "id": rid,
                    "question": question,
                    "answer": "",
                    "answerable": False,
                    "citations": [],
                    "retrieved": [],
                    "mode": "extractive",
                    "error": {"lv": exc.lv, "en": exc.en},
                    "timings_ms": {},
                }
            write_line(out)
    if failures:
        print(f"{failures} rindas neizdevās / {failures} lines failed", file=sys.stderr)
    return 0


def run(args: argparse.Namespace, settings: Settings) -> int:
    from .. import index_health
    from ..pipeline import get_assistant

    index_health.QUIET_NATIVE = True
    settings = settings.with_overrides(
        llm_base_url=args.llm_base_url,
        llm_model=args.llm_model,
        llm_gguf_path=args.llm_gguf_path,
        top_k=args.top_k,
        answer_mode="llm" if (args.llm or args.llm_base_url or args.llm_gguf_path) else None,
    )
    # a damaged index (a Rust panic included) is said in one line, rebuilt, and the question asked again
    index_health.with_repair(settings, lambda: get_assistant(settings), notify=index_health.stderr_notice)
    if args.jsonl:
        if args.question:
            raise InputError(
                "norādiet vai nu jautājumu, vai --jsonl failu, ne abus",
                "give either a question or --jsonl FILE, not both",
            )
        return _batch(args.jsonl, settings)
    if not args.question:
        raise InputError(
            'nav jautājuma: python -m assistant ask "Kas ir e-pakalpojums?"',
            'no question: python -m assistant ask "Kas ir e-pakalpojums?"',
        )
    history = _read_history(args.history)
    answer = index_health.with_repair(
        settings,
        lambda: get_assistant(settings).ask(args.question, history=history),
        notify=index_health.stderr_notice,
    )
    if args.json:
        out = answer.to_dict()
        out["resolved_question"] = answer.resolved_question
        print(json.dumps(json.loads(dumps_line(out)), ensure_ascii=False, indent=2))
    else:
        _print_plain(answer)
    return 0
