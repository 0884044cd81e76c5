"""``python -m linter`` (also ``paligs-lint``): check service names against the VARAM service-naming policy.

    python -m linter check PATH|- [--format text|json|csv|xlsx|sarif] [--select/--ignore CODES]
                         [--min-severity LEVEL] [--fail-on LEVEL] [--column NAME] [--sheet NAME]
                         [--no-portfolio] [--semantic] [--fix] [--config FILE] [-o FILE]
    python -m linter rules [--markdown]
    python -m linter explain CODE

Exit codes: 0 clean, 1 findings at the fail level (default: warning), 2 unusable input or options.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.cli import ArgumentParser, guarded
from assistant.fileio import same_file, write_text_atomic
from assistant.limits import os_reason_lv
from linter.errors import LintConfigError

SAFE_FIX_CODES = ("T003", "T009", "T002", "T001")


def build_parser() -> argparse.ArgumentParser:
    p = ArgumentParser(prog="python -m linter", description="Pakalpojumu nosaukumu pārbaude / Service-name linter")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    c = sub.add_parser("check", help="pārbaudīt nosaukumus / check names")
    c.add_argument("path", help="teksta, CSV vai XLSX fails, vai - (stdin)")
    c.add_argument("--format", default="text", choices=["text", "json", "csv", "xlsx", "sarif"])
    c.add_argument("--select", default=None, help="kodi, prefiksi vai kategorijas, atdalīti ar komatu")
    c.add_argument("--ignore", default=None, help="kodi, prefiksi vai kategorijas, atdalīti ar komatu")
    c.add_argument("--min-severity", default=None, help="info|warning|error")
    c.add_argument("--fail-on", default=None, help="info|warning|error (default warning)")
    c.add_argument("--column", default=None, help="nosaukumu kolonna (CSV/XLSX)")
    c.add_argument("--sheet", default=None, help="XLSX lapa")
    c.add_argument("--no-portfolio", action="store_true", help="bez portfeļa pārbaudēm")
    c.add_argument("--semantic", action="store_true", help="portfeļa semantiskā līdzība (lēnāk)")
    c.add_argument("--fix", action="store_true", help="lietot drošos labojumus (atstarpes, pieturzīmes, burti)")
    c.add_argument("--config", default=None, help="paligs-lint.toml vai pyproject.toml")
    c.add_argument("-o", "--output", default=None, help="izvades fails")
    r = sub.add_parser("rules", help="noteikumu saraksts / list the rules")
    r.add_argument("--markdown", action="store_true", help="Markdown tabula dokumentācijai")
    e = sub.add_parser("explain", help="noteikuma skaidrojums / explain a rule")
    e.add_argument("code")
    e.add_argument("--lang", choices=["lv", "en", "both"], default="both",
                   help="valoda: lv, en vai abas (noklusējums) / language: lv, en or both (default)")
    return p


def _codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [x.strip() for x in value.replace(" ", ",").split(",") if x.strip()]


def apply_safe_fixes(name: str, config) -> str:  # noqa: ANN001
    """Apply the safe fixes (whitespace, odd characters, stray punctuation, first capital) until stable."""
    from linter.api import fix_until_stable

    return fix_until_stable(name, SAFE_FIX_CODES, config, safe_only=True, rounds=6)


def cmd_check(args: argparse.Namespace) -> int:
    from linter.api import check_names
    from linter.config import load_config
    from linter.io import read_input, render_csv, render_json, render_sarif, render_text, write_xlsx

    config = load_config(Path.cwd(), Path(args.config) if args.config else None)
    config = config.with_overrides(select=_codes(args.select), ignore=_codes(args.ignore),
                                   min_severity=args.min_severity, fail_on=args.fail_on)
    config.enabled_codes()  # validate selectors before reading anything
    if args.format == "xlsx" and not args.output:
        raise LintConfigError("XLSX izvadei vajag -o FAILS.xlsx", "XLSX output needs -o FILE.xlsx")
    if args.output and args.path != "-" and same_file(args.output, args.path):
        raise LintConfigError(f"-o {args.output} ir pats ievades fails: tas tiktu pārrakstīts; izvēlieties citu failu",
                              f"-o {args.output} is the input file itself and would be overwritten; choose another")
    data = read_input(args.path, column=args.column, sheet=args.sheet)
    report = check_names(data.names, config=config, portfolio=not args.no_portfolio, rows=data.rows,
                         suppressions=data.suppressions, semantic=args.semantic)
    report.problems[:0] = data.problems
    for prob in report.problems:  # input problems, rules that could not run, a missing dictionary
        print(f"{prob.lv} / {prob.en}", file=sys.stderr)
    fixed = None
    if args.fix:
        fixed = {}
        raw_of = dict(zip(data.rows, data.names))
        for r in report.names:
            new = apply_safe_fixes(r.name if r.name else "", config)
            raw = raw_of[r.row]
            if new != raw:
                fixed[r.row] = new
    out = Path(args.output) if args.output else None
    if args.format == "xlsx":
        write_xlsx(report, data, out, fixed=fixed)  # type: ignore[arg-type]
    else:
        if args.format == "json":
            text = render_json(report, fixed=fixed)
        elif args.format == "csv":
            text = render_csv(report, fixed=fixed, data=data)  # the same columns as the XLSX
        elif args.format == "sarif":
            text = render_sarif(report, data)
        else:
            text = render_text(report, data, fixed=fixed)
        if out:
            try:
                write_text_atomic(out, text)
            except OSError as exc:
                raise LintConfigError(f"Nevar ierakstīt {out} ({os_reason_lv(exc)})", f"Cannot write {out}: {exc}") from None
        else:
            sys.stdout.write(text)
    return 1 if report.failed() else 0


def cmd_rules(args: argparse.Namespace) -> int:
    from linter.registry import META_RULES, all_rules, rules_markdown, summary_line

    if args.markdown:
        print(rules_markdown())
        return 0
    for m in [*all_rules(), *META_RULES.values()]:
        print(f"{m.CODE}  {m.NAME:32s} {m.CATEGORY.value:24s} {m.SEVERITY.value:8s} {summary_line(m)}")
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from linter.api import explain

    print(explain(args.code, lang=args.lang))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # bad options (2) or --help (0): return instead of exiting the caller
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    if not args.command:
        parser.print_help()
        return 2
    commands = {"check": cmd_check, "rules": cmd_rules, "explain": cmd_explain}
    return guarded(lambda: commands[args.command](args))


if __name__ == "__main__":
    sys.exit(main())
