"""Errors of the portfolio review (the linter's error shape: Latvian + English)."""

from __future__ import annotations

try:  # the linter's base error when the linter package provides it
    from linter.errors import LintInputError as _Base
except ImportError:  # pragma: no cover - the linter package is always there in a full checkout
    from assistant.errors import InputError as _Base


class PortfolioInputError(_Base):
    """The list given to the portfolio review cannot be used."""
