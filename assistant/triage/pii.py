"""Personal data in inbox text: the shared detector (:mod:`assistant.pii`), re-exported for the triage modules.

Example:
    found = find_personal_data("Mans kods 120389-12345, tālr. 29123456")
    redact("Mans kods 120389-12345", found)  # -> "Mans kods [personas kods]"
"""

from __future__ import annotations

from ..pii import (  # noqa: F401 - the triage package's public names
    PLACEHOLDERS,
    PIIMatch,
    check_old_code,
    find_in_text,
    find_personal_data,
    redact,
    redact_value,
    scrub,
)
from ..pii.detect import _DIGIT_RUN_RE  # noqa: F401

__all__ = ["PLACEHOLDERS", "PIIMatch", "check_old_code", "find_in_text", "find_personal_data", "redact",
           "redact_value", "scrub"]
