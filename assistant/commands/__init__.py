"""CLI subcommands of ``python -m assistant``: each module has ``register(subparsers)`` and ``run(args, settings)``.

Modules import their heavy dependencies inside ``run`` so that ``--help`` stays fast.
"""

COMMANDS = ("index", "search", "ask", "triage", "corpus")
