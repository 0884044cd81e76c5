"""Reading ``--jsonl`` batch files (``search --jsonl``, ``ask --jsonl``): one ``{"id", "question", ...}`` object
per line, read as bytes and decoded strictly line by line, so a line that is not UTF-8, not JSON or not an
object gives an error for that line (Latvian / English) and the batch goes on.

Example:
    with open_jsonl("q.jsonl") as fh:
        for lineno, raw in iter_lines(fh):
            try:
                rid, question, obj = read_request(lineno, raw)
            except LineError as exc:
                ...  # exc.rid, exc.question, exc.lv, exc.en
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import IO, Any

from ..errors import InputError


class LineError(InputError):
    """A bad JSONL line: ``rid`` is its own ``id`` when that could be read, else the line number."""

    def __init__(self, rid: Any, question: Any, lv: str, en: str) -> None:
        super().__init__(lv, en)
        self.rid = rid
        self.question = question


def open_jsonl(path: str) -> IO[bytes]:
    """The batch file as bytes (``-``: stdin); :class:`InputError` when it cannot be opened."""
    try:
        return sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        raise InputError(
            f"failu '{path}' nevar atvērt: {exc.strerror or exc}", f"cannot open file '{path}': {exc.strerror or exc}"
        ) from exc


def iter_lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """(line number, raw line) for every non-blank line; numbers count blank lines too."""
    for lineno, raw in enumerate(stream, start=1):
        if raw.strip():
            yield lineno, raw


def read_request(lineno: int, raw: bytes) -> tuple[Any, str, dict[str, Any]]:
    """(id, question, the whole object) from one line; :class:`LineError` naming the line otherwise.

    The line must be UTF-8 (a byte-order mark is allowed), JSON, an object, with a text ``question``;
    ``id`` defaults to the line number.
    """
    try:
        text = raw.decode("utf-8-sig")  # -sig: a BOM (Windows editors) on the first line
    except UnicodeDecodeError as exc:
        raise LineError(lineno, None, f"{lineno}. rinda nav UTF-8 teksts", f"line {lineno} is not UTF-8 text") from exc
    try:
        obj = json.loads(text)
    except ValueError as exc:
        raise LineError(
            lineno, None, f"{lineno}. rinda nav derīgs JSON", f"line {lineno} is not valid JSON"
        ) from exc
    if not isinstance(obj, dict):
        raise LineError(lineno, None, f"{lineno}. rinda nav JSON objekts", f"line {lineno} is not a JSON object")
    rid = obj.get("id", lineno)
    question = obj.get("question")
    if not isinstance(question, str):
        raise LineError(
            rid, None, f"{lineno}. rindā nav lauka 'question' (teksts)", f"line {lineno} has no 'question' text"
        )
    return rid, question, obj
