"""What every command-line entry point shares: a parser whose errors are one Latvian / English line, and a guard
that turns any failure into one line and an exit code, never a traceback.

Used by ``python -m assistant``, ``python -m linter``, ``python -m evals`` and ``app.py``.

Example:
    parser = ArgumentParser(prog="python -m x"); args = parser.parse_args(argv)
    return guarded(lambda: run(args))
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from .errors import PaligsError


class ArgumentParser(argparse.ArgumentParser):
    """argparse with a Latvian + English one-line error (argparse's own text is English only); its subparsers
    are made with the same class."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.register("action", "parsers", _SubParsers)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"Kļūda: nederīgas opcijas ({message}) / Error: invalid options ({message})", file=sys.stderr)
        raise SystemExit(2)


class _SubParsers(argparse._SubParsersAction):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("parser_class", ArgumentParser)
        super().__init__(*args, **kwargs)


def guarded(fn: Callable[[], int | None]) -> int:
    """Run a command; a :class:`PaligsError` or an unexpected error becomes one line on stderr and exit code 2,
    Ctrl-C 130, a closed pipe (``… | head``) a quiet 0. ``PALIGS_DEBUG=1`` re-raises unexpected errors."""
    try:
        return int(fn() or 0)
    except PaligsError as exc:
        print(exc.cli_message(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Pārtraukts / Interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away: stop quietly, like any Unix tool
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep Python's exit flush from failing again
        except OSError:
            pass
        return 0
    except OSError as exc:  # the machine's doing (disk full, permissions), not a bug: say what and where
        if os.environ.get("PALIGS_DEBUG") == "1":
            raise
        print(os_error_line(exc), file=sys.stderr)
        return 2
    except BaseException as exc:  # a bug, not the user's doing (a Rust panic is a BaseException): one line
        if isinstance(exc, (SystemExit, GeneratorExit)):
            raise
        if os.environ.get("PALIGS_DEBUG") == "1":
            raise
        print(
            f"Kļūda: neparedzēta kļūda ({type(exc).__name__}: {exc}); lūdzu, ziņojiet par to izstrādātājiem"
            f" / Error: unexpected error ({type(exc).__name__}: {exc}); please report it",
            file=sys.stderr,
        )
        return 2


def os_error_line(exc: OSError) -> str:
    """One Latvian / English line for a failure of the machine (disk full, no permission, read-only disk)."""
    import errno

    where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return (f"Kļūda: diskā nav vietas{where}; atbrīvojiet vietu un mēģiniet vēlreiz (iepriekšējie faili nav mainīti)"
                f" / Error: no space left on the disk{where}; free some space and try again (earlier files unchanged)")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"Kļūda: nav atļaujas rakstīt vai lasīt{where} / Error: permission denied{where}")
    return f"Kļūda: faila vai diska kļūda{where}: {exc.strerror or exc} / Error: file or disk error{where}: {exc.strerror or exc}"
