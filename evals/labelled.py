"""Reading a labelled JSONL set, the same way for every evaluation.

A set with holes gives wrong figures, so every bad line is listed (Latvian / English) and the run stops with
:class:`~assistant.errors.InputError` (exit 2 through ``python -m evals``): unreadable or non-UTF-8 file, a line
that is not a JSON object, a required field missing or of the wrong type, an empty set, or a row the caller's
``check`` rejects.

Example:
    rows = load_jsonl(path, {"id": str, "question": str, "answerable": bool})
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.errors import InputError

_TYPE_NAMES = {str: "teksts / text", int: "skaitlis / number", bool: "true/false", dict: "objekts / object",
               list: "saraksts / list"}


def _type_name(t: type | tuple[type, ...]) -> str:
    ts = t if isinstance(t, tuple) else (t,)
    return " | ".join(_TYPE_NAMES.get(x, x.__name__) for x in ts)


def load_jsonl(
    path: Path,
    required: dict[str, type | tuple[type, ...]],
    *,
    check: Callable[[dict[str, Any]], str | None] | None = None,
) -> list[dict[str, Any]]:
    """The rows of ``path``; each must have the ``required`` fields with those types (a required text may not be
    blank); ``check(row)`` may return a further problem ("lv / en")."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"kopu '{path}' nevar nolasīt ({exc})", f"cannot read set '{path}' ({exc})") from exc
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    for i, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            problems.append(f"{path}:{i}: nav derīgs JSON / not valid JSON ({exc})")
            continue
        if not isinstance(row, dict):
            problems.append(f"{path}:{i}: nav JSON objekts / not a JSON object")
            continue
        bad = [
            f"{k} ({_type_name(t)})"
            for k, t in required.items()
            if not isinstance(row.get(k), t) or isinstance(row.get(k), str) and not row[k].strip()
        ]
        if bad:
            problems.append(f"{path}:{i}: trūkst lauku vai nepareizs tips / missing or wrong fields: {', '.join(bad)}")
            continue
        why = check(row) if check else None
        if why:
            problems.append(f"{path}:{i}: {why}")
            continue
        rows.append(row)
    if problems:
        shown = problems[:50] + ([f"… (+{len(problems) - 50})"] if len(problems) > 50 else [])
        raise InputError(
            "bojātas kopas rindas:\n" + "\n".join(shown), f"bad lines in the set ({len(problems)}), listed above"
        )
    if not rows:
        raise InputError(f"kopā '{path}' nav neviena ieraksta", f"the set '{path}' has no rows")
    return rows


REPORTS = Path(__file__).resolve().parent / "reports"
REPORT_HELP = "report file (default: evals/reports/<area>.json; <area>-<set>.json with --set)"


def report_path(area: str, given: str | None, sets: list[str] | None, *, suffix: str = ".json") -> Path:
    """Where an evaluation writes its report: ``--report`` when given; ``evals/reports/<area>.json`` for the
    standard sets; ``evals/reports/<area>-<set names>.json`` for sets named with ``--set``, so a run on another
    set (a hold-out, a test file) never overwrites the committed figures of the standard one."""
    if given:
        return Path(given)
    if not sets:
        return REPORTS / f"{area}{suffix}"
    def name(s: str) -> str:  # "evals/holdout/retrieval.jsonl" -> "holdout_retrieval"; sets/ files by stem alone
        p = Path(s)
        return p.stem if p.parent.name in ("sets", "") else f"{p.parent.name}_{p.stem}"

    return REPORTS / f"{area}-{'+'.join(name(s) for s in sets)[:80]}{suffix}"
