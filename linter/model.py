"""Data types of the linter: :class:`ServiceName`, :class:`Finding`, :class:`Severity`, :class:`Category`.

Example:
    name = ServiceName("Pases saņemšana", row=1); name.parsed.action_lemma == "saņemšana"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Any

from linter.nlp import ParsedName, analyze_name


class Severity(str, Enum):
    """How bad a finding is. A name is valid when it has no finding of severity warning or error."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @classmethod
    def parse(cls, value: str) -> "Severity":
        v = (value or "").strip().lower()
        aliases = {"kļūda": "error", "kluda": "error", "brīdinājums": "warning", "bridinajums": "warning",
                   "informācija": "info", "informacija": "info", "warn": "warning", "err": "error"}
        v = aliases.get(v, v)
        return cls(v)


class Category(str, Enum):
    """Category ids of the JSON contract (exactly these ten)."""

    LENGTH = "length"
    MISSING_ACTION = "missing_action"
    MISSING_OBJECT = "missing_object"
    RECIPIENT_ACTION = "recipient_action"
    NON_SERVICE_SUPPORT = "non_service_support"
    NON_SERVICE_INFORMATION = "non_service_information"
    NON_SERVICE_INTERNAL = "non_service_internal"
    NON_SERVICE_ADMIN = "non_service_admin"
    STYLE = "style"
    SPELLING = "spelling"


# Latvian names for people (the web app, spreadsheets); the JSON contract keeps the English ids
SEVERITY_LV = {"error": "kļūda", "warning": "brīdinājums", "info": "informācija"}
CATEGORY_LV = {
    "length": "garums",
    "missing_action": "nav darbības",
    "missing_object": "nav objekta",
    "recipient_action": "saņēmēja darbība",
    "non_service_support": "nav pakalpojums: atbalsts vai konsultācijas",
    "non_service_information": "nav pakalpojums: informēšana",
    "non_service_internal": "nav pakalpojums: iekšēja funkcija",
    "non_service_admin": "nav pakalpojums: pārvaldes funkcija",
    "style": "stils",
    "spelling": "pareizrakstība",
}
PORTFOLIO_CATEGORY_LV = {
    "duplicate": "dublikāti",
    "variation": "variācijas",
    "split_steps": "procesa soļi",
    "excessive_detail": "pārāk sīka detalizācija",
    "synonym": "darbību sinonīmi",
}


@dataclass
class LintContext:
    """Per-run settings the rules may read (allow-lists and extra words from the configuration)."""

    allow_abbreviations: frozenset[str] = frozenset()
    extra_words: frozenset[str] = frozenset()
    extra_channel_words: frozenset[str] = frozenset()
    extra_english_terms: frozenset[str] = frozenset()


@dataclass
class ServiceName:
    """One name to check: the raw text as read, its 1-based data row, and its lazy Latvian parse."""

    raw: str
    row: int = 1
    context: LintContext = field(default_factory=LintContext)
    extra: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def parsed(self) -> ParsedName:
        return analyze_name(self.raw)

    @property
    def text(self) -> str:
        return self.parsed.text


@dataclass
class Finding:
    """One problem in one name (field names follow ruff/proselint: code, name, category, severity, ...)."""

    code: str
    name: str
    category: Category
    severity: Severity
    message: str
    suggestion: str | None = None
    source: str = ""
    row: int | None = None
    # False when the rule knows its suggestion may be wrong for this name (e.g. lower-casing every word of an
    # all-capitalised name would also lower a proper noun): --fix never applies it
    safe: bool = True
    # the message's two languages ("message" is "lv / en" for the CLI); the web app and spreadsheets show lv only
    lv: str = ""
    en: str = ""

    @property
    def message_lv(self) -> str:
        return self.lv or self.message.split(" / ")[0]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category.value,
            "severity": self.severity.value,
            "message": self.message,
            "suggestion": self.suggestion,
            "source": self.source,
        }
