"""Errors of the portfolio review (the linter's error shape: Latvian + English)."""

from __future__ import annotations

from linter.errors import LintInputError


class PortfolioInputError(LintInputError):
    """The list given to the portfolio review cannot be used."""
