"""Consultation inbox triage: read mail, classify, flag, find personal data, draft, set due dates.

Example:
    from assistant.triage import load_inputs, triage_messages
    messages, problems = load_inputs(["inbox/"]); results = triage_messages(messages, settings)
"""

from __future__ import annotations

from .classify import TOPICS, TopicClassifier
from .mail import InputProblem, Message, load_inputs
from .pii import find_personal_data, redact
from .pipeline import TriagePipeline, TriageResult, triage_messages

__all__ = [
    "TOPICS",
    "InputProblem",
    "Message",
    "TopicClassifier",
    "TriagePipeline",
    "TriageResult",
    "find_personal_data",
    "load_inputs",
    "redact",
    "triage_messages",
]
