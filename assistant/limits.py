"""Limits on everything that enters the toolkit: bytes, lines, JSON depth, XLSX size, regular files only.

Each limit is a setting (``assistant.config.Settings``, so ``paligs.toml`` and ``PALIGS_*`` variables change it)
and each refusal is an :class:`InputLimitError` with a Latvian and an English message naming the limit and the
setting. Files are opened without blocking and checked to be regular files first: a FIFO, a device such as
``/dev/zero`` or a socket is refused before a single byte is read, and no read ever takes more than the limit.

Example:
    lim = Limits.from_settings(load_settings())
    data = read_file_limited(Path("saraksts.txt"), lim)        # bytes, at most lim.max_input_bytes
    text = read_stream_limited(sys.stdin.buffer, lim)
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .errors import InputError


class InputLimitError(InputError):
    """An input over one of the limits, or not a regular file."""


@dataclass(frozen=True)
class Limits:
    """The input limits of one run (from :class:`assistant.config.Settings`)."""

    max_input_bytes: int = 25 * 1024 * 1024
    max_input_lines: int = 200_000
    max_line_bytes: int = 1024 * 1024
    max_json_depth: int = 64
    max_xlsx_unzipped_bytes: int = 50 * 1024 * 1024
    max_xlsx_cells: int = 2_000_000

    @classmethod
    def from_settings(cls, settings: object | None = None) -> Limits:
        if settings is None:
            from .config import load_settings

            settings = load_settings()
        mb = 1024 * 1024
        return cls(
            max_input_bytes=int(float(settings.max_input_mb) * mb),  # type: ignore[attr-defined]
            max_input_lines=int(settings.max_input_lines),  # type: ignore[attr-defined]
            max_line_bytes=int(settings.max_line_kb) * 1024,  # type: ignore[attr-defined]
            max_json_depth=int(settings.max_json_depth),  # type: ignore[attr-defined]
            max_xlsx_unzipped_bytes=int(float(settings.max_xlsx_unzipped_mb) * mb),  # type: ignore[attr-defined]
            max_xlsx_cells=int(settings.max_xlsx_cells),  # type: ignore[attr-defined]
        )


def default_limits() -> Limits:
    """The limits of the current settings; the built-in defaults when the settings cannot be read (a bad
    setting is reported by the command that loads them, not here)."""
    try:
        return Limits.from_settings()
    except Exception:  # noqa: BLE001 - a broken paligs.toml is reported elsewhere
        return Limits()


def mb(n: int) -> str:
    """Bytes as MB for messages ("25", "0.5")."""
    x = n / (1024 * 1024)
    return f"{x:.0f}" if x >= 100 else f"{x:.3g}"


def too_large(name: str, size: int | None, limit: int) -> InputLimitError:
    got_lv = f" ({mb(size)} MB)" if size is not None else ""
    return InputLimitError(
        f"'{name}' ir pārāk liels{got_lv}; atļauts līdz {mb(limit)} MB (iestatījums max_input_mb)",
        f"'{name}' is too large{got_lv}; the limit is {mb(limit)} MB (setting max_input_mb)",
    )


def too_many_lines(name: str, limit: int) -> InputLimitError:
    return InputLimitError(
        f"'{name}' ir vairāk nekā {limit} rindu; sadaliet to mazākos failos (iestatījums max_input_lines)",
        f"'{name}' has more than {limit} lines; split it into smaller files (setting max_input_lines)",
    )


def not_regular(path: Path, mode: int) -> InputLimitError:
    kind_lv, kind_en = (
        ("nosaukts kanāls, FIFO", "a named pipe, FIFO")
        if stat.S_ISFIFO(mode)
        else ("ierīce", "a device")
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else ("ligzda", "a socket")
        if stat.S_ISSOCK(mode)
        else ("mape", "a folder")
        if stat.S_ISDIR(mode)
        else ("nav parasts fails", "not a regular file")
    )
    return InputLimitError(
        f"'{path}' nav parasts fails ({kind_lv}); norādiet parastu failu",
        f"'{path}' is not a regular file ({kind_en}); give a file",
    )


def os_reason_lv(exc: OSError) -> str:
    """Why a file operation failed, in Latvian: the system's own text (``strerror``) is English, so it stays in the
    English half of a message and the log.

    Example:
        >>> os_reason_lv(PermissionError(13, "Permission denied"))
        'nav atļaujas'
    """
    import errno

    code = getattr(exc, "errno", None)
    if code in (errno.ENOENT, errno.ENOTDIR):
        return "fails nav atrasts"
    if code in (errno.EACCES, errno.EPERM):
        return "nav atļaujas"
    if code == errno.EROFS:
        return "disks ir tikai lasāms"
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "diskā nav vietas"
    if code == errno.EISDIR:
        return "tā ir mape, nevis fails"
    return "faila vai diska kļūda"


def check_regular(path: Path | str) -> os.stat_result:
    """The file's stat when it is a regular file (symbolic links followed); :class:`InputLimitError` otherwise.
    ``os.stat`` never blocks, also on a FIFO."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError as exc:
        raise InputError(f"fails nav atrasts: {p}", f"file not found: {p}") from exc
    except OSError as exc:
        raise InputError(f"failu '{p}' nevar nolasīt ({os_reason_lv(exc)})", f"cannot read '{p}' ({exc.strerror})") from exc
    if not stat.S_ISREG(st.st_mode):
        raise not_regular(p, st.st_mode)
    return st


def open_regular(path: Path | str) -> IO[bytes]:
    """Open a regular file for reading; a FIFO or device is refused without blocking (``O_NONBLOCK``, then
    ``fstat`` on the open descriptor, so a file swapped for a FIFO after a check is refused too)."""
    p = Path(path)
    check_regular(p)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(f"failu '{p}' nevar atvērt ({os_reason_lv(exc)})", f"cannot open '{p}' ({exc.strerror})") from exc
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise not_regular(p, st.st_mode)
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_file_limited(path: Path | str, limits: Limits | None = None, *, max_bytes: int | None = None) -> bytes:
    """All bytes of a regular file, refused (before reading) when larger than the limit."""
    lim = limits or default_limits()
    limit = lim.max_input_bytes if max_bytes is None else max_bytes
    with open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limit:
            raise too_large(str(path), size, limit)
        try:
            data = fh.read(limit + 1)  # the file may grow while it is read
        except OSError as exc:
            raise InputError(f"failu '{path}' nevar nolasīt ({os_reason_lv(exc)})",
                             f"cannot read '{path}' ({exc.strerror or exc})") from exc
    if len(data) > limit:
        raise too_large(str(path), None, limit)
    return data


def read_stream_limited(stream: IO[bytes], limits: Limits | None = None, *, name: str = "stdin") -> bytes:
    """At most the byte limit from a stream (stdin); more is refused without reading the rest."""
    lim = limits or default_limits()
    data = stream.read(lim.max_input_bytes + 1)
    if len(data) > lim.max_input_bytes:
        raise too_large(name, None, lim.max_input_bytes)
    return data


def iter_lines_limited(stream: IO[bytes], limits: Limits | None = None, *, name: str = "ievade"):
    """(line number, raw line or None) for every line of a byte stream, ``\\n``-separated; a line longer than
    the line limit gives None (its bytes are skipped in chunks, never held), so a caller can still answer it.
    More lines than the line limit, or more bytes than the byte limit, raise :class:`InputLimitError`."""
    lim = limits or default_limits()
    total = 0
    lineno = 0
    while True:
        raw = stream.readline(lim.max_line_bytes + 1)
        if not raw:
            return
        total += len(raw)
        too_long = len(raw) > lim.max_line_bytes and not raw.endswith(b"\n")
        if too_long:
            while not raw.endswith(b"\n"):
                raw = stream.readline(64 * 1024)
                if not raw:
                    break
                total += len(raw)
                if total > lim.max_input_bytes:
                    raise too_large(name, None, lim.max_input_bytes)
        lineno += 1
        if lineno > lim.max_input_lines:
            raise too_many_lines(name, lim.max_input_lines)
        if total > lim.max_input_bytes:
            raise too_large(name, None, lim.max_input_bytes)
        yield lineno, (None if too_long else raw)


def line_too_long(lineno: int, limits: Limits) -> InputLimitError:
    kb = limits.max_line_bytes // 1024
    return InputLimitError(
        f"{lineno}. rinda ir garāka par {kb} KB (iestatījums max_line_kb)",
        f"line {lineno} is longer than {kb} KB (setting max_line_kb)",
    )
