"""Rule discovery: every module in linter/rules/ with a CODE and a check() is a rule.

Example:
    for rule in all_rules(): print(rule.CODE, rule.NAME)
    get_rule("N005").check(ServiceName("Pases saņemšana"))
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType

from linter.errors import LintConfigError
from linter.model import Category, Severity


@dataclass(frozen=True)
class MetaRule:
    """A rule about the lint run itself (suppressions), documented like the others but without check()."""

    CODE: str
    NAME: str
    CATEGORY: Category
    SEVERITY: Severity
    SOURCE: str
    __doc__: str  # type: ignore[misc]


META_RULES = {
    "X001": MetaRule(
        "X001", "unused-suppression", Category.STYLE, Severity.INFO, "kolonna lint_ignore",
        """Apspiešana neko neapspiež. / A suppression that suppresses nothing.

## Kāpēc tas ir slikti?
Ieraksts kolonnā lint_ignore ("S005: mūsu pamatdarbība"), kura noteikums vairs nenostrādā, neko
neslēpj un maldina nākamo lasītāju; tas jāizdzēš.

## Piemērs
    nosaukums: Latvijas pilsoņa pases izsniegšana    lint_ignore: S005: mūsu pamatdarbība

## Labāk
    nosaukums: Latvijas pilsoņa pases izsniegšana    lint_ignore: (tukšs)

## Labojums
Drošs labojums: ierakstu izdzēš.

## Why is this bad?
A `lint_ignore` entry ("S005: mūsu pamatdarbība") whose rule no longer fires hides nothing and misleads the
next reader; like ruff's unused-noqa it should be removed.

## Example
    name: Latvijas pilsoņa pases izsniegšana    lint_ignore: S005: mūsu pamatdarbība

## Use instead
    name: Latvijas pilsoņa pases izsniegšana    lint_ignore: (empty)

## Fix
Safe: delete the entry.
""",
    ),
    "X002": MetaRule(
        "X002", "suppression-without-reason", Category.STYLE, Severity.INFO, "kolonna lint_ignore",
        """Apspiešanai nav norādīts pamatojums. / A suppression without a written reason.

## Kāpēc tas ir slikti?
Apspiešanai jāpasaka, kāpēc noteikums nav piemērojams ("S005: mūsu pamatdarbība"), lai
pakalpojumu saraksta pārskatītāji to varētu izvērtēt. Kods bez pamatojuma netiek piemērots.

## Piemērs
    lint_ignore: S005

## Labāk
    lint_ignore: S005: kontrole ir inspekcijas pamatdarbība

## Labojums
Automātiska labojuma nav: uzrakstiet pamatojumu.

## Why is this bad?
A suppression must say why the rule does not apply ("S005: mūsu pamatdarbība"), so that reviewers of the
service list can judge it. A bare code is not applied.

## Example
    lint_ignore: S005

## Use instead
    lint_ignore: S005: kontrole ir inspekcijas pamatdarbība

## Fix
No automatic fix: write the reason.
""",
    ),
}


@lru_cache(maxsize=1)
def _discover() -> tuple[ModuleType, ...]:
    import linter.rules as pkg

    rules = []
    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"linter.rules.{info.name}")
        if hasattr(mod, "CODE") and hasattr(mod, "check"):
            rules.append(mod)
    rules.sort(key=lambda m: m.CODE)
    codes = [m.CODE for m in rules]
    if len(codes) != len(set(codes)):  # pragma: no cover - a developer error
        raise RuntimeError(f"duplicate rule codes: {codes}")
    return tuple(rules)


def all_rules() -> list[ModuleType]:
    """The rule modules, sorted by code."""
    return list(_discover())


def all_codes() -> list[str]:
    return [m.CODE for m in _discover()] + list(META_RULES)


def get_rule(code: str) -> ModuleType | MetaRule:
    """A rule by code (case-insensitive) or by name ("recipient-action")."""
    key = (code or "").strip()
    for m in _discover():
        if m.CODE.upper() == key.upper() or m.NAME == key.lower():
            return m
    for m in META_RULES.values():
        if m.CODE.upper() == key.upper() or m.NAME == key.lower():
            return m
    raise LintConfigError(
        f"Nezināms noteikuma kods \"{code}\". Saraksts: python -m linter rules",
        f"Unknown rule code \"{code}\". List them with: python -m linter rules",
    )


def expand_codes(selectors: list[str] | tuple[str, ...]) -> set[str]:
    """Codes matching selectors: a full code (N005), a prefix (N, S00), a rule name or a category id."""
    out: set[str] = set()
    codes = all_codes()
    rules = {m.CODE: m for m in _discover()} | dict(META_RULES)
    for raw in selectors:
        sel = raw.strip()
        if not sel:
            continue
        if sel.upper() == "ALL":
            out.update(codes)
            continue
        hit = {c for c in codes if c.upper().startswith(sel.upper())}
        hit |= {c for c, m in rules.items() if m.NAME == sel.lower() or m.CATEGORY.value == sel.lower()}
        if not hit:
            raise LintConfigError(
                f"Nezināms noteikums vai kategorija \"{sel}\" (--select/--ignore). Saraksts: python -m linter rules",
                f"Unknown rule or category \"{sel}\" (--select/--ignore). List them with: python -m linter rules",
            )
        out |= hit
    return out


def doc_of(code: str) -> str:
    rule = get_rule(code)
    return (rule.__doc__ or "").strip()


def summary_line(rule: ModuleType | MetaRule) -> str:
    return (rule.__doc__ or "").strip().splitlines()[0]


def rules_markdown() -> str:
    """The README/docs rule table, generated from the rule docstrings."""
    lines = ["| Kods / Code | Nosaukums / Name | Kategorija / Category | Nopietnība / Severity | Apraksts / Summary |",
             "|---|---|---|---|---|"]
    for m in [*_discover(), *META_RULES.values()]:
        summary = summary_line(m).replace("|", "\\|")
        lines.append(f"| {m.CODE} | {m.NAME} | {m.CATEGORY.value} | {m.SEVERITY.value} | {summary} |")
    return "\n".join(lines)
