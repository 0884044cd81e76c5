"""Errors of the assistant package. Every surface catches :class:`PaligsError` once.

Messages are Latvian first, then English, and name the bad value and what to do.
"""

from __future__ import annotations


class PaligsError(Exception):
    """Base error: a user-facing problem with a Latvian and an English message."""

    def __init__(self, lv: str, en: str | None = None) -> None:
        self.lv = lv
        self.en = en or lv
        super().__init__(f"{lv} / {en}" if en else lv)

    def cli_message(self) -> str:
        """One line for the terminal: Latvian, then English."""
        return f"Kļūda: {self.lv} / Error: {self.en}"


class ConfigError(PaligsError):
    """A setting has a value we cannot use."""


class InputError(PaligsError):
    """A query, file or message we cannot process."""


class IndexError_(PaligsError):
    """The index is missing, corrupt or being built."""


class CorpusError(PaligsError):
    """A corpus file or the manifest cannot be read."""


class LLMError(PaligsError):
    """The optional LLM backend failed (endpoint down, timeout, garbage)."""


class MailboxError(PaligsError):
    """The mailbox cannot be reached or used (server down, TLS, credentials, folder, a full mailbox)."""
