"""Input checks for the app: questions, pasted names, uploads. Every problem is an InputError (Latvian + English).

Example:
    q = check_question("  Kas ir e-pakalpojums? ")          # -> "Kas ir e-pakalpojums?"
    quoted_service_names("Vai 'Konsultācijas par būvatļaujām' ir pakalpojums?")  # -> ["Konsultācijas par būvatļaujām"]
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from assistant.errors import InputError
from assistant.textnorm import clean_input, fold

MAX_QUESTION_CHARS = 2000
MAX_NAMES = 5000
MAX_NAME_CHARS = 500
LINT_EXTS = (".txt", ".csv", ".xlsx")
TRIAGE_EXTS = (".eml", ".msg", ".mbox", ".csv", ".jsonl")


def check_question(text: str | None) -> str:
    if text is not None and not isinstance(text, str):
        raise InputError("jautājumam jābūt tekstam", "the question must be a string")
    raw = text or ""
    if len(raw) > MAX_QUESTION_CHARS * 4:
        raise InputError(
            f"jautājums ir pārāk garš ({len(raw):,} rakstzīmes); saīsiniet to līdz {MAX_QUESTION_CHARS} rakstzīmēm".replace(
                ",", " "
            ),
            f"the question is too long ({len(raw)} characters); shorten it to {MAX_QUESTION_CHARS}",
        )
    q = clean_input(raw)
    if not q:
        raise InputError("ierakstiet jautājumu", "type a question")
    if len(q) > MAX_QUESTION_CHARS:
        raise InputError(
            f"jautājums ir pārāk garš ({len(q)} rakstzīmes); saīsiniet to līdz {MAX_QUESTION_CHARS} rakstzīmēm",
            f"the question is too long ({len(q)} characters); shorten it to {MAX_QUESTION_CHARS}",
        )
    if not re.search(r"[^\W\d_]", q):
        raise InputError("jautājumā nav neviena vārda", "the question contains no words")
    return q


def pasted_name_lines(text: str | None) -> list[tuple[int, str]]:
    """(line number, name) for each non-blank pasted line; bullets and list numbers kept out of the name.

    The line numbers are the pasted text's own (blank lines count), so the linter's rows match what the user sees.
    """
    lines = [clean_input(line) for line in (text or "").splitlines()]
    for i, line in enumerate(lines, 1):
        if len(line) > MAX_NAME_CHARS:  # a pasted paragraph, not a name: say which line instead of cutting it
            raise InputError(
                f"{i}. rinda ir pārāk gara ({len(line)} rakstzīmes); nosaukumam ne vairāk kā {MAX_NAME_CHARS}",
                f"line {i} is too long ({len(line)} characters); a name has at most {MAX_NAME_CHARS}",
            )
    pairs = [(i, _BULLET.sub("", line)) for i, line in enumerate(lines, 1) if line]
    if not pairs:
        raise InputError(
            "ielīmējiet vismaz vienu nosaukumu (katru savā rindā) vai augšupielādējiet failu",
            "paste at least one name (one per line) or upload a file",
        )
    _check_count(len(pairs))
    return pairs


def pasted_names(text: str | None) -> list[str]:
    """One name per line; blank lines dropped; bullets and list numbers kept out of the name."""
    return [name for _, name in pasted_name_lines(text)]


def api_names(items: list[object] | None) -> list[str]:
    """The API's list of names, checked item by item so the results map 1:1 onto the caller's list: every item
    must be a one-line, non-blank string (an item is never dropped or split in two)."""
    if items is not None and not isinstance(items, list):
        raise InputError("padodiet nosaukumu sarakstu", "pass a list of names")
    items = items or []
    if not items:
        raise InputError("padodiet vismaz vienu nosaukumu", "pass at least one name")
    _check_count(len(items))
    problems: dict[str, list[int]] = {"type": [], "break": [], "blank": [], "long": []}
    names: list[str] = []
    for i, item in enumerate(items, 1):
        if not isinstance(item, str):
            problems["type"].append(i)
            continue
        if _LINE_BREAK.search(item):
            problems["break"].append(i)
            continue
        name = _BULLET.sub("", clean_input(item))
        if not name:
            problems["blank"].append(i)
        elif len(name) > MAX_NAME_CHARS:
            problems["long"].append(i)
        names.append(name)
    msgs = {
        "type": ("nosaukumiem jābūt tekstam (nav teksts: {}. elements)", "names must be strings (not a string: item {})"),
        "break": ("vienā elementā jābūt vienam nosaukumam bez rindu pārnesumiem ({}. elements)",
                  "one name per item, without line breaks (item {})"),
        "blank": ("tukšs nosaukums ({}. elements)", "empty name (item {})"),
        "long": (f"nosaukums ir pārāk garš ({{}}. elements); ne vairāk kā {MAX_NAME_CHARS} rakstzīmes",
                 f"name too long (item {{}}); at most {MAX_NAME_CHARS} characters"),
    }  # fmt: skip
    for kind, where in problems.items():
        if where:
            at = ", ".join(map(str, where[:10])) + (" …" if len(where) > 10 else "")
            lv, en = msgs[kind]
            raise InputError(lv.format(at), en.format(at))
    return names


def _check_count(n: int) -> None:
    if n > MAX_NAMES:
        raise InputError(
            f"pārāk daudz nosaukumu ({n}); vienā reizē ne vairāk kā {MAX_NAMES}",
            f"too many names ({n}); at most {MAX_NAMES} at a time",
        )


_BULLET = re.compile(r"^(?:[-–•*·]\s+)")
# every character str.splitlines() breaks on
_LINE_BREAK = re.compile(r"[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def check_upload(path: str | os.PathLike | None, allowed: tuple[str, ...], max_mb: float) -> Path:
    if not path:
        raise InputError("izvēlieties failu", "choose a file")
    p = Path(path)
    name = p.name
    ext = "".join(p.suffixes[-1:]).lower()
    if ext not in allowed:
        raise InputError(
            f"faila '{name}' veids '{ext or 'bez paplašinājuma'}' netiek atbalstīts; derīgi: {', '.join(allowed)}",
            f"file type '{ext}' of '{name}' is not supported; use one of {', '.join(allowed)}",
        )
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(f"failu '{name}' nevar nolasīt", f"cannot read '{name}'") from exc
    if size > max_mb * 1024 * 1024:
        raise InputError(
            f"fails '{name}' ir pārāk liels ({size / 1048576:.1f} MB); atļauts līdz {max_mb:g} MB",
            f"'{name}' is too large ({size / 1048576:.1f} MB); the limit is {max_mb:g} MB",
        )
    if size == 0:
        raise InputError(f"fails '{name}' ir tukšs", f"'{name}' is empty")
    return p


_QUOTED = re.compile(r"[\"'“”„«»‘’‚]\s*([^\"'“”„«»‘’‚\n]{3,200}?)\s*[\"'“”„«»‘’‚]")
# "vai X ir (derīgs / pareizs / labs) pakalpojums / pakalpojuma nosaukums" with X of two or more words
_IS_SERVICE = re.compile(
    r"^\s*vai\s+(?:nosaukums\s+)?(?P<name>\S+(?:\s+\S+){1,9}?)\s+(?:ir|var\s+but|butu|varetu\s+but)\s+"
    r"(?:\w+\s+)?(?:pakalpojum[sa]|pakalpojuma\s+nosaukum[sa])\b",
)


def names_are_quoted(question: str) -> bool:
    """The user marked a name with quotes (they ask about the name itself), rather than asking "vai X ir
    pakalpojums?" in their own words (they ask whether X is a service)."""
    return bool(_QUOTED.search(question))


def service_findings_only(report: dict) -> dict:
    """The linter's report with only the findings that say whether a thing is a service (``non_service_*``):
    for "vai X ir pakalpojums?" typed in one's own words, the spelling and form of X are not what is asked. The
    verdict is left to be read again from what remains."""
    names = []
    for n in report.get("names") or []:
        kept = [f for f in n.get("findings") or [] if str(f.get("category", "")).startswith("non_service")]
        names.append({k: v for k, v in n.items() if k != "verdict"} | {"findings": kept})
    return {k: v for k, v in report.items() if k not in ("names", "portfolio")} | {"names": names, "portfolio": []}


def quoted_service_names(question: str) -> list[str]:
    """Proposed service names inside a question: quoted ones, or "vai X ir pakalpojums?" with a multi-word X."""
    quoted = [m.group(1).strip() for m in _QUOTED.finditer(question)]
    if quoted:  # the user marked the name: trust the quotes (a single quoted word is a term, not a name)
        return [n for n in quoted if len(n.split()) >= 2]
    folded = fold(question)
    m = _IS_SERVICE.match(folded)
    if m:
        start, end = m.span("name")
        name = question[start:end].strip(" \"'")
        # fold() keeps one character per Latvian letter, so the span maps back onto the original
        if len(folded) == len(question) and len(name.split()) >= 2:
            return [name[:1].upper() + name[1:]]
    return []
