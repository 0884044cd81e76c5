"""Linter configuration: defaults, then ``paligs-lint.toml`` or ``pyproject.toml`` [tool.paligs.lint], then CLI.

Keys (all optional)::

    [tool.paligs.lint]                 # or the top level of paligs-lint.toml
    select = ["N", "S", "T", "L"]      # codes, prefixes, rule names or category ids
    ignore = ["T005"]
    fail_on = "warning"                # exit 1 when a finding at this severity or above remains
    min_severity = "info"              # findings below this are not reported
    allow_abbreviations = ["LAD", "VVD"]
    extra_words = ["starpresoru"]      # words the spelling rules accept
    extra_channel_words = ["mobilajā"]
    extra_english_terms = ["hotline"]
    [tool.paligs.lint.severity]        # per-rule severity overrides
    S005 = "info"

Example:
    cfg = load_config(Path.cwd()); cfg = cfg.with_overrides(ignore=["T"])
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from linter.errors import LintConfigError
from linter.model import LintContext, Severity

PROJECT_FILE = "paligs-lint.toml"


@dataclass(frozen=True)
class LintConfig:
    """Frozen linter settings."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    min_severity: Severity = Severity.INFO
    allow_abbreviations: frozenset[str] = frozenset()
    extra_words: frozenset[str] = frozenset()
    extra_channel_words: frozenset[str] = frozenset()
    extra_english_terms: frozenset[str] = frozenset()
    source: str = "defaults"

    def with_overrides(self, **kwargs: Any) -> "LintConfig":
        clean = {k: v for k, v in kwargs.items() if v is not None}
        if "fail_on" in clean and isinstance(clean["fail_on"], str):
            clean["fail_on"] = _severity(clean["fail_on"], "fail_on")
        if "min_severity" in clean and isinstance(clean["min_severity"], str):
            clean["min_severity"] = _severity(clean["min_severity"], "--min-severity")
        for key in ("select", "ignore"):
            if key in clean:
                clean[key] = tuple(clean[key])
        return replace(self, **clean)

    def context(self) -> LintContext:
        return LintContext(
            allow_abbreviations=self.allow_abbreviations,
            extra_words=self.extra_words,
            extra_channel_words=self.extra_channel_words,
            extra_english_terms=self.extra_english_terms,
        )

    def enabled_codes(self) -> set[str]:
        from linter.registry import expand_codes

        return expand_codes(self.select or ("ALL",)) - expand_codes(self.ignore)


def _severity(value: Any, key: str) -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError:
        raise LintConfigError(
            f"Nederīga nopietnība \"{value}\" ({key}); der: error, warning, info",
            f"Invalid severity \"{value}\" ({key}); use error, warning or info",
        ) from None


def _list(value: Any, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(x.strip() for x in value.split(",") if x.strip())
    if isinstance(value, list) and all(isinstance(x, str) for x in value):
        return tuple(value)
    raise LintConfigError(f"\"{key}\" jābūt teksta sarakstam", f"\"{key}\" must be a list of strings")


def config_from_mapping(data: dict[str, Any], source: str = "mapping") -> LintConfig:
    """Build a config from a TOML table (validates names and values)."""
    from linter.registry import expand_codes, get_rule

    known = {"select", "ignore", "severity", "fail_on", "min_severity", "allow_abbreviations", "extra_words",
             "extra_channel_words", "extra_english_terms"}
    unknown = set(data) - known
    if unknown:
        raise LintConfigError(
            f"Nezināmi iestatījumi {sorted(unknown)} failā {source}; der: {sorted(known)}",
            f"Unknown settings {sorted(unknown)} in {source}; known: {sorted(known)}",
        )
    sev_raw = data.get("severity") or {}
    if not isinstance(sev_raw, dict):
        raise LintConfigError("\"severity\" jābūt tabulai (KODS = \"warning\")",
                              "\"severity\" must be a table (CODE = \"warning\")")
    severity = {get_rule(code).CODE: _severity(v, f"severity.{code}") for code, v in sev_raw.items()}
    select = _list(data.get("select"), "select") or ("ALL",)
    ignore = _list(data.get("ignore"), "ignore")
    expand_codes(select)
    expand_codes(ignore)
    return LintConfig(
        select=select,
        ignore=ignore,
        severity=severity,
        fail_on=_severity(data.get("fail_on", "warning"), "fail_on"),
        min_severity=_severity(data.get("min_severity", "info"), "min_severity"),
        allow_abbreviations=frozenset(_list(data.get("allow_abbreviations"), "allow_abbreviations")),
        extra_words=frozenset(_list(data.get("extra_words"), "extra_words")),
        extra_channel_words=frozenset(_list(data.get("extra_channel_words"), "extra_channel_words")),
        extra_english_terms=frozenset(_list(data.get("extra_english_terms"), "extra_english_terms")),
        source=source,
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        # the Latvian half says why in Latvian; the parser's own (English) text stays in the English half
        if isinstance(exc, OSError):
            from assistant.limits import os_reason_lv

            why = os_reason_lv(exc)
        elif isinstance(exc, UnicodeDecodeError):
            why = "fails nav UTF-8 kodējumā"
        else:
            m = re.search(r"line (\d+)", str(exc))
            why = "kļūda TOML pierakstā" + (f" {m.group(1)}. rindā" if m else "")
        raise LintConfigError(f"Nevar nolasīt konfigurāciju {path}: {why}",
                              f"Cannot read the configuration {path}: {exc}") from None


def load_config(start: Path | None = None, explicit: Path | None = None) -> LintConfig:
    """Find and load the configuration: an explicit file, else paligs-lint.toml or pyproject.toml upwards."""
    if explicit is not None:
        if not explicit.exists():
            raise LintConfigError(f"Konfigurācijas fails nav atrasts: {explicit}",
                                  f"Configuration file not found: {explicit}")
        data = _read_toml(explicit)
        table = data.get("tool", {}).get("paligs", {}).get("lint", data) if explicit.name == "pyproject.toml" else data
        return config_from_mapping(dict(table), str(explicit))
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        project = folder / PROJECT_FILE
        if project.exists():
            return config_from_mapping(_read_toml(project), str(project))
        pyproject = folder / "pyproject.toml"
        if pyproject.exists():
            table = _read_toml(pyproject).get("tool", {}).get("paligs", {}).get("lint")
            if table is not None:
                return config_from_mapping(dict(table), str(pyproject))
            return LintConfig()
    return LintConfig()
