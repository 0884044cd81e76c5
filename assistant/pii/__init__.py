"""Personal data: one detector shared by triage, drafts, exports, logs and the app's feedback store.

Example:
    from assistant.pii import find_in_text, redact, scrub
    redact("Zvaniet 2945/4437")   # -> "Zvaniet [tālrunis]"
"""

from __future__ import annotations

from .detect import (
    PLACEHOLDERS,
    PIIMatch,
    check_old_code,
    detection_form,
    find_in_field,
    find_in_text,
    find_personal_data,
    redact,
    redact_value,
    scrub,
    sender_names,
)

__all__ = [
    "PLACEHOLDERS",
    "PIIMatch",
    "check_old_code",
    "detection_form",
    "find_in_field",
    "find_in_text",
    "find_personal_data",
    "redact",
    "redact_value",
    "scrub",
    "sender_names",
]
