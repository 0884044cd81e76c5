"""The app's named API endpoints for scripts (``gradio_client``): ``/ask``, ``/lint``, ``/triage``.

Errors come back Latvian / English (``Ierakstiet jautājumu / Type a question``); machine output keeps the contracts'
English field names.

Example:
    register_api(ctx, chat_tab)  # inside the Blocks
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.errors import InputError

from .common import ASK_CONCURRENCY, DEFAULT_CONCURRENCY, AppContext, error
from .inputs import api_names, check_question, pasted_names


def register_api(ctx: AppContext, chat: Any) -> None:
    backends = ctx.backends

    def ask(question: str, history: list[list[str]] | None = None) -> dict:
        """Answer a question from the documents: {question, answer, answerable, citations, retrieved, ...}."""
        try:
            q = check_question(question)
            chat.wait_ready()
            if history is not None and not (
                isinstance(history, list)
                and all(isinstance(h, (list, tuple)) and len(h) == 2 for h in history)
            ):
                raise InputError(
                    "sarunas vēsturei jābūt pāru sarakstam [[jautājums, atbilde], …]",
                    "history must be a list of [question, answer] pairs",
                )
            bad = [i for i, h in enumerate(history or [], 1) if not all(isinstance(x, str) for x in h)]
            if bad:  # str(None) / str({...}) would reach the answer as "None" / "{'x': 1}"
                at = ", ".join(map(str, bad[:10]))
                raise InputError(
                    f"sarunas vēstures pārī jābūt diviem tekstiem [jautājums, atbilde] ({at}. pāris)",
                    f"each history pair must be two strings [question, answer] (pair {at})",
                )
            hist = [(h[0], h[1]) for h in history or []]
            return chat.answer_dict(q, hist)
        except Exception as exc:
            raise error(exc, english=True) from exc

    def lint(names: list[str]) -> dict:
        """Check service names; returns the linter's JSON contract {names, portfolio, summary}."""
        try:
            # a string is pasted text (one name per line); a list is checked item by item, 1:1
            clean = pasted_names(names) if isinstance(names, str) else api_names(names)
            return backends.check_names(clean)
        except Exception as exc:
            raise error(exc, english=True) from exc

    def triage(messages: list[dict]) -> list[dict]:
        """Triage messages {id, subject, body, from?, date?}; returns one triage result per message, in order."""
        try:
            if not isinstance(messages, list) or not messages:
                raise InputError("padodiet ziņojumu sarakstu", "pass a list of messages")
            if len(messages) > 2000:
                raise InputError("vienā reizē ne vairāk kā 2000 ziņojumu", "at most 2000 messages at a time")
            # a non-object item keeps its place as an error row: one result per message, in order (an empty
            # record stands in for it, so the default ids of the others stay their positions)
            done = backends.triage_records([m if isinstance(m, dict) else {} for m in messages])
            return [
                {k: v for k, v in r.items() if not k.startswith("_")}
                if isinstance(m, dict)
                else {
                    "id": str(i),
                    "needs_human": True,
                    "route": "error",
                    "reasons": ["error"],
                    "error": f"{i}. ieraksts nav objekts {{id, subject, body}} / item {i} is not an object",
                }
                for i, (m, r) in enumerate(zip(messages, done, strict=True), 1)
            ]
        except Exception as exc:
            raise error(exc, english=True) from exc

    gr.api(ask, api_name="ask", concurrency_limit=ASK_CONCURRENCY, concurrency_id="answers")
    gr.api(lint, api_name="lint", concurrency_limit=DEFAULT_CONCURRENCY)
    gr.api(triage, api_name="triage", concurrency_limit=2)
