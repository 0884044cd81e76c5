"""``python -m evals retrieval|answers|linter|portfolio|triage``: one subcommand per area.

Each area is a module ``evals/<area>.py`` with ``register(subparsers)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import importlib
import sys

from assistant.cli import ArgumentParser, guarded

AREAS = ("retrieval", "answers", "calibrate", "linter", "portfolio", "triage")


def main(argv: list[str] | None = None) -> int:
    parser = ArgumentParser(prog="python -m evals", description="Pakalpojumu palīgs evaluations")
    sub = parser.add_subparsers(dest="area", metavar="AREA")
    for name in AREAS:
        importlib.import_module(f"evals.{name}").register(sub)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return guarded(lambda: args.func(args))


if __name__ == "__main__":
    sys.exit(main())
