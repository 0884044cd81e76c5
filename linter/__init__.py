"""Pakalpojumu nosaukumu pārbaude / Service-name linter for the VARAM service management policy.

Example:
    from linter import check_names, explain
    report = check_names(["Pieteikšanās bezdarbnieka statusam"])
    report.to_json_dict()["names"][0]["findings"][0]["suggestion"]  # "Bezdarbnieka statusa piešķiršana"
"""

from __future__ import annotations

from typing import Any

__all__ = ["check_names", "explain", "LintReport", "analyze_name", "ParsedName", "Finding", "Severity", "Category",
           "ServiceName", "LintConfig", "load_config", "LintError"]

_EXPORTS = {
    "check_names": "linter.api", "explain": "linter.api", "LintReport": "linter.api",
    "analyze_name": "linter.nlp", "ParsedName": "linter.nlp",
    "Finding": "linter.model", "Severity": "linter.model", "Category": "linter.model", "ServiceName": "linter.model",
    "LintConfig": "linter.config", "load_config": "linter.config", "LintError": "linter.errors",
}


def __getattr__(name: str) -> Any:  # lazy: importing the package must not load spaCy or the rules
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(name)
