"""Strict JSON in and out, whatever a line contains.

Reading (:func:`loads_line`): ``NaN`` / ``Infinity`` are not JSON and are refused; a number too large for a float
(``1e400``) or an integer longer than Python's digit limit is kept as its text; nesting deeper than the limit
(also 100,000 levels, which would overflow the parser's stack) is refused; lone surrogate escapes (``"\\ud800"``)
are read and later written as U+FFFD. Every refusal is a ``ValueError`` for the caller to report on that line.

Writing (:func:`dumps_line`): always one line of strict JSON that encodes as UTF-8: lone surrogates become U+FFFD,
non-finite floats become null, unknown objects their text. It never raises.

Example:
    obj = loads_line('{"id": 1e400, "question": "\\ud800?"}', max_depth=64)   # {"id": "1e400", ...}
    print(dumps_line(obj))                                                     # {"id": "1e400", "question": "�?"}
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_MAX_INT_DIGITS = 4000  # below Python's int_max_str_digits (4300)


class JSONLineError(ValueError):
    """A line that is not strict JSON or is nested too deeply (``lv`` / ``en`` say which)."""

    def __init__(self, lv: str, en: str) -> None:
        super().__init__(en)
        self.lv, self.en = lv, en


def _constant(name: str) -> Any:
    raise JSONLineError(f"'{name}' nav JSON vērtība", f"'{name}' is not a JSON value")


def _float(text: str) -> Any:
    f = float(text)
    return f if math.isfinite(f) else text  # 1e400: keep what was written


def _int(text: str) -> Any:
    return int(text) if len(text) <= _MAX_INT_DIGITS else text


def depth(obj: Any) -> int:
    """Nesting depth of containers (iterative: safe for any depth)."""
    best = 0
    stack = [(obj, 1)]
    while stack:
        o, d = stack.pop()
        if isinstance(o, dict):
            best = max(best, d)
            stack.extend((v, d + 1) for v in o.values())
        elif isinstance(o, list):
            best = max(best, d)
            stack.extend((v, d + 1) for v in o)
    return best


def loads_line(text: str, *, max_depth: int = 64) -> Any:
    """Parse one JSON text strictly; :class:`JSONLineError` when it is not JSON or is nested too deeply."""
    try:
        obj = json.loads(text, parse_constant=_constant, parse_float=_float, parse_int=_int)
    except JSONLineError:
        raise
    except RecursionError as exc:
        raise JSONLineError(
            f"JSON ir pārāk dziļi ligzdots (atļauts līdz {max_depth} līmeņiem; iestatījums max_json_depth)",
            f"JSON nested too deeply (at most {max_depth} levels; setting max_json_depth)",
        ) from exc
    except ValueError as exc:
        raise JSONLineError("nav derīgs JSON", "not valid JSON") from exc
    if depth(obj) > max_depth:
        raise JSONLineError(
            f"JSON ir pārāk dziļi ligzdots (atļauts līdz {max_depth} līmeņiem; iestatījums max_json_depth)",
            f"JSON nested too deeply (at most {max_depth} levels; setting max_json_depth)",
        )
    return obj


def clean_text(s: str) -> str:
    """``s`` without lone surrogates (they cannot be written as UTF-8): each becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", s) if _SURROGATE.search(s) else s


def clean(obj: Any, _depth: int = 0) -> Any:
    """A JSON-safe copy: texts without lone surrogates, non-finite floats as None, other objects as text."""
    if _depth > 200:
        return None
    if isinstance(obj, str):
        return clean_text(obj)
    if obj is None or isinstance(obj, (bool, int)):
        return obj
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {clean_text(str(k)): clean(v, _depth + 1) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [clean(v, _depth + 1) for v in obj]
    return clean_text(str(obj))


def dumps_line(obj: Any) -> str:
    """One line of strict JSON (no trailing newline); never raises."""
    try:
        s = json.dumps(obj, ensure_ascii=False, allow_nan=False)
        s.encode("utf-8")
        return s
    except (ValueError, TypeError, RecursionError, UnicodeEncodeError):
        return json.dumps(clean(obj), ensure_ascii=False, allow_nan=False)
