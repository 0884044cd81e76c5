"""``python -m assistant index [--rebuild]``: build or update the search index (progress bar on stderr)."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "index",
        help="izveidot vai atjaunināt meklēšanas indeksu / build or update the search index",
        description="Izveido vai atjaunina indeksu (tikai mainītās daļas) / builds or updates the index (changes only)",
    )
    p.add_argument("--rebuild", action="store_true", help="pārbūvēt no jauna / rebuild from scratch")
    p.add_argument("--json", action="store_true", help="statistika JSON formātā / stats as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings) -> int:
    from .. import index_health
    from ..index import build_index

    index_health.QUIET_NATIVE = True  # Rust's panic report stays off the terminal; we say it in one line
    rebuild = bool(args.rebuild)
    if not rebuild:
        why = index_health.check_index(settings)
        if why is not None:  # a damaged index is never "up to date"
            index_health.stderr_notice(
                f"{index_health.DAMAGED_LV.format(why=why)} / {index_health.DAMAGED_EN.format(why=why)}"
            )
            rebuild = True
    stats = build_index(settings, rebuild=rebuild, progress=True)
    if args.json:
        print(json.dumps(stats, ensure_ascii=False))
        return 0
    if not stats.get("changed"):
        print(
            f"Indekss ir aktuāls / index is up to date: {stats['chunks']} fragmenti / chunks, "
            f"{stats['documents']} dokumenti / documents ({stats['seconds']} s)"
        )
    else:
        print(
            f"Indekss izveidots / index built: {stats['documents']} dokumenti / documents, {stats['chunks']} fragmenti / "
            f"chunks, {stats['embedded']} jauni vektori / new vectors, {stats['reused']} no kešatmiņas / cached "
            f"({stats['seconds']} s)"
        )
    for problem in stats.get("problems") or []:
        print(f"Brīdinājums / Warning: {problem}", file=sys.stderr)
    return 0
