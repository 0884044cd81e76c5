"""Reading ``--jsonl`` batch files (``search --jsonl``, ``ask --jsonl``): one ``{"id", "question", ...}`` object
per line, read as bytes and decoded strictly line by line, so a line that is not UTF-8, not JSON, not an object,
blank, too long (``max_line_kb``) or nested too deeply (``max_json_depth``) gives an error for that line (Latvian /
English) and the batch goes on: every input line gets exactly one output line, written as strict JSON
(:func:`write_line`: no ``Infinity``, no lone surrogates). A file over ``max_input_mb`` or ``max_input_lines``
stops after the lines already answered, with one message.

Example:
    with open_jsonl("q.jsonl") as fh:
        for lineno, raw in iter_lines(fh):
            try:
                rid, question, obj = read_request(lineno, raw)
            except LineError as exc:
                ...  # exc.rid, exc.question, exc.lv, exc.en
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import IO, Any

from ..errors import InputError
from ..jsonsafe import JSONLineError, dumps_line, loads_line
from ..limits import Limits, default_limits, iter_lines_limited, line_too_long, open_regular


class LineError(InputError):
    """A bad JSONL line: ``rid`` is its own ``id`` when that could be read, else the line number."""

    def __init__(self, rid: Any, question: Any, lv: str, en: str) -> None:
        super().__init__(lv, en)
        self.rid = rid
        self.question = question


def open_jsonl(path: str) -> IO[bytes]:
    """The batch file as bytes (``-``: stdin); :class:`InputError` when it cannot be opened or is not a regular
    file (a FIFO or a device is refused at once instead of waiting on it)."""
    if path == "-":
        return sys.stdin.buffer
    try:
        return open_regular(path)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(
            f"failu '{path}' nevar atvērt: {exc.strerror or exc}", f"cannot open file '{path}': {exc.strerror or exc}"
        ) from exc


def iter_lines(stream: IO[bytes], limits: Limits | None = None) -> Iterator[tuple[int, bytes | None]]:
    """(line number, raw line) for every line, blank ones included (they get an error line of their own);
    None for a line over ``max_line_kb`` (its bytes are skipped, never held). More than ``max_input_lines`` lines
    or ``max_input_mb`` bytes raise :class:`~assistant.limits.InputLimitError` after the lines before."""
    yield from iter_lines_limited(stream, limits, name="JSONL")


def write_line(obj: Any, out: IO[str] | None = None) -> None:
    """One strict-JSON line to ``out`` (stdout), flushed."""
    out = out or sys.stdout
    out.write(dumps_line(obj) + "\n")
    out.flush()


def read_request(lineno: int, raw: bytes | None, limits: Limits | None = None) -> tuple[Any, str, dict[str, Any]]:
    """(id, question, the whole object) from one line; :class:`LineError` naming the line otherwise.

    The line must be UTF-8 (a byte-order mark is allowed), strict JSON (no NaN/Infinity; nested at most
    ``max_json_depth``), an object, with a text ``question``; ``id`` defaults to the line number (an id that is not
    a string, number, boolean or null is refused: it could not be echoed).
    """
    lim = limits or default_limits()
    if raw is None:
        exc = line_too_long(lineno, lim)
        raise LineError(lineno, None, exc.lv, exc.en)
    try:
        text = raw.decode("utf-8-sig")  # -sig: a BOM (Windows editors) on the first line
    except UnicodeDecodeError as exc:
        raise LineError(lineno, None, f"{lineno}. rinda nav UTF-8 teksts", f"line {lineno} is not UTF-8 text") from exc
    if not text.strip():
        raise LineError(lineno, None, f"{lineno}. rinda ir tukša", f"line {lineno} is empty")
    try:
        obj = loads_line(text, max_depth=lim.max_json_depth)
    except JSONLineError as exc:
        plain = exc.en == "not valid JSON"
        raise LineError(
            lineno,
            None,
            f"{lineno}. rinda nav derīgs JSON" + ("" if plain else f" ({exc.lv})"),
            f"line {lineno} is not valid JSON" + ("" if plain else f" ({exc.en})"),
        ) from exc
    if not isinstance(obj, dict):
        raise LineError(lineno, None, f"{lineno}. rinda nav JSON objekts", f"line {lineno} is not a JSON object")
    rid = obj.get("id", lineno)
    if not (rid is None or isinstance(rid, (str, int, float, bool))):
        raise LineError(
            lineno, obj.get("question") if isinstance(obj.get("question"), str) else None,
            f"{lineno}. rindā 'id' nav teksts vai skaitlis", f"line {lineno}: 'id' is not a string or number",
        )
    question = obj.get("question")
    if not isinstance(question, str):
        raise LineError(
            rid, None, f"{lineno}. rindā nav lauka 'question' (teksts)", f"line {lineno} has no 'question' text"
        )
    return rid, question, obj
