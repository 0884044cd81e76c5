"""Errors of the linter package: every user-caused problem is a :class:`LintError` (Latvian + English)."""

from __future__ import annotations

from assistant.errors import PaligsError


class LintError(PaligsError):
    """Base error of the linter (same shape as PaligsError: .lv, .en, .cli_message())."""


class LintInputError(LintError):
    """An input file or row we cannot use."""


class LintConfigError(LintError):
    """A configuration value or command-line option we cannot use."""
