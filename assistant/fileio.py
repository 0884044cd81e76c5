"""Writing a file so that a failed or interrupted write never leaves half of it behind.

Example:
    with atomic_path(out) as tmp:
        workbook.save(tmp)          # out is replaced only when this block succeeds
    write_text_atomic(out, text)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """A temporary path beside ``target`` (same folder, so the final rename is atomic); it replaces ``target``
    when the block ends normally and is removed when it raises."""
    target = Path(target)
    tmp = target.with_name(f".{target.name}.tmp{os.getpid()}")
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(path: Path | str, text: str, *, encoding: str = "utf-8") -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding=encoding)


def same_file(a: Path | str, b: Path | str) -> bool:
    """True when ``a`` and ``b`` name the same existing file (an output that would overwrite its own input)."""
    try:
        return Path(a).resolve() == Path(b).resolve() or os.path.samefile(a, b)
    except OSError:
        return False
