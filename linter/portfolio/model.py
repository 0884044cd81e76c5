"""The result type of the portfolio review."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CATEGORIES = ("duplicate", "variation", "split_steps", "excessive_detail", "synonym")

# Stable codes: they never change meaning once released.
CODES = {
    "P001": ("duplicate", "Dublikāti", "Exact duplicates"),
    "P002": ("duplicate", "Gandrīz dublikāti", "Near duplicates"),
    "P003": ("variation", "Viena pakalpojuma variācijas", "Variations of one service"),
    "P004": ("split_steps", "Procesa soļi kā atsevišķi pakalpojumi", "Process steps listed as services"),
    "P005": ("excessive_detail", "Pārāk sīka detalizācija", "Excessive detail"),
    "P006": ("synonym", "Nekonsekventi darbības sinonīmi", "Inconsistent action synonyms"),
}


@dataclass(frozen=True, slots=True)
class Group:
    """A group of rows of a service list that should be reviewed together.

    Example:
        >>> g = find_groups(["Pases izsniegšana", "pases izsniegšana"])[0]
        >>> g.code, g.category, g.rows
        ('P001', 'duplicate', (1, 2))
    """

    code: str
    category: str
    rows: tuple[int, ...]  # 1-based data rows, ascending
    message: str  # Latvian, then a short English gloss in brackets
    suggestion: str | None
    names: tuple[str, ...] = ()  # the member names as given (same order as rows)
    message_en: str = ""

    @property
    def title(self) -> str:
        """Short Latvian title of the code ("Dublikāti")."""
        return CODES[self.code][1]

    @property
    def message_lv(self) -> str:
        """The Latvian explanation alone (without the English gloss in brackets)."""
        tail = f" (EN: {self.message_en})"
        return self.message[: -len(tail)] if self.message_en and self.message.endswith(tail) else self.message

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: {"code", "category", "rows", "message", "suggestion"}."""
        return {
            "code": self.code,
            "category": self.category,
            "rows": list(self.rows),
            "message": self.message,
            "suggestion": self.suggestion,
        }
