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
    except Exception as exc:  # a bug, not the user's doing: one line, no traceback
        if os.environ.get("PALIGS_DEBUG") == "1":
            raise
        print(
            f"Kļūda: neparedzēta kļūda ({type(exc).__name__}: {exc}); lūdzu, ziņojiet par to izstrādātājiem"
            f" / Error: unexpected error ({type(exc).__name__}: {exc}); please report it",
            file=sys.stderr,
        )
        return 2
