"""Portfolio review of a whole service list (issue 5): duplicates, variations, split steps, excessive detail
and inconsistent action synonyms.

Example:
    >>> from linter.portfolio import find_groups
    >>> groups = find_groups(["Pases izsniegšana", "Pases izsniegšana bērniem", "pases izsniegsana"])
    >>> [(g.code, g.category, g.rows) for g in groups]
    [('P001', 'duplicate', (1, 3)), ('P003', 'variation', (1, 2, 3))]
"""

from __future__ import annotations

from .detect import PortfolioReview, find_groups
from .errors import PortfolioInputError
from .model import CATEGORIES, CODES, Group

__all__ = ["CATEGORIES", "CODES", "Group", "PortfolioInputError", "PortfolioReview", "find_groups"]
