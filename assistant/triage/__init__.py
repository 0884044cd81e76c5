"""Consultation inbox triage: read mail, classify, flag, find personal data, draft, set due dates.

Example:
    from assistant.triage import load_inputs, triage_messages
    messages, problems = load_inputs(["inbox/"]); results = triage_messages(messages, settings)
    report = triage_mailbox(settings)       # the IMAP mailbox itself: new messages, drafts back (never sends)
"""

from __future__ import annotations

from .classify import TOPICS, TopicClassifier
from .imap import MailboxReport, MailboxTriage, triage_mailbox
from .mail import InputProblem, Message, load_inputs
from .pii import find_personal_data, redact
from .pipeline import TriagePipeline, TriageResult, triage_messages
from .reply import build_reply

__all__ = [
    "TOPICS",
    "InputProblem",
    "MailboxReport",
    "MailboxTriage",
    "Message",
    "TopicClassifier",
    "TriagePipeline",
    "TriageResult",
    "build_reply",
    "find_personal_data",
    "load_inputs",
    "redact",
    "triage_mailbox",
    "triage_messages",
]
