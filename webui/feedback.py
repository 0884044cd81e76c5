"""Feedback on answers (👍/👎 + optional comment), stored in SQLite in ``settings.data_dir``.

Whoever curates the content exports it as CSV (UTF-8 with BOM so Excel shows the Latvian letters).

Example:
    store = FeedbackStore(Path("data") / "feedback.sqlite3")
    store.add(question="Kas ir e-pakalpojums?", answer="…", citations=[…], rating=1, comment="")
    store.export_csv(Path("atsauksmes.csv"))
"""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.errors import InputError

MAX_COMMENT_CHARS = 2000
# the export is for content curators: Latvian titles and values (Riga time, jā/nē)
EXPORT_COLUMNS = (
    "Nr.", "Laiks", "Vērtējums", "Komentārs", "Jautājums", "Atbilde", "Atbilde no dokumentiem", "Avoti", "Veids"
)
MODE_LV = {"extractive": "izvilkums no dokumentiem", "llm": "valodas modelis", "linter": "nosaukuma pārbaude"}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    rating INTEGER NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    answerable INTEGER,
    citations TEXT NOT NULL DEFAULT '[]',
    mode TEXT NOT NULL DEFAULT ''
)
"""


class FeedbackStore:
    """A small SQLite table of ratings; one connection per call, so it is safe across Gradio's worker threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        if not self._ready:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10)
        if not self._ready:
            conn.execute(_SCHEMA)
            conn.commit()
            self._ready = True
        return conn

    def add(
        self,
        *,
        question: str,
        answer: str,
        citations: list[dict[str, Any]] | None = None,
        rating: int,
        comment: str = "",
        answerable: bool | None = None,
        mode: str = "",
    ) -> int:
        """Store one rating (+1 or -1); returns its id."""
        if rating not in (1, -1):
            raise InputError("vērtējumam jābūt 👍 vai 👎", "rating must be +1 or -1")
        if not question.strip() or not answer.strip():
            raise InputError(
                "vēl nav atbildes, ko novērtēt: vispirms uzdodiet jautājumu",
                "there is no answer to rate yet: ask a question first",
            )
        comment = (comment or "").strip()
        if len(comment) > MAX_COMMENT_CHARS:  # refuse rather than cut: the comment stays in its box
            raise InputError(
                f"komentārs ir pārāk garš ({len(comment)} rakstzīmes); ne vairāk kā {MAX_COMMENT_CHARS}",
                f"the comment is too long ({len(comment)} characters); at most {MAX_COMMENT_CHARS}",
            )
        cites = [
            {k: c.get(k) for k in ("n", "doc", "title", "section", "quote", "chunk_id") if k in c}
            for c in (citations or [])
        ]
        row = (
            datetime.now(UTC).isoformat(timespec="seconds"),
            rating,
            comment,
            question,
            answer,
            None if answerable is None else int(bool(answerable)),
            json.dumps(cites, ensure_ascii=False),
            mode,
        )
        with self._lock, self._connect() as conn:
            cur = conn.execute(
                "INSERT INTO feedback (time, rating, comment, question, answer, answerable, citations, mode)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            return int(cur.lastrowid or 0)

    def rows(self) -> list[dict[str, Any]]:
        """All stored ratings, oldest first."""
        with self._lock, self._connect() as conn:
            conn.row_factory = sqlite3.Row
            return [dict(r) for r in conn.execute("SELECT * FROM feedback ORDER BY id")]

    def counts(self) -> dict[str, int]:
        with self._lock, self._connect() as conn:
            total, up, down = conn.execute(
                "SELECT COUNT(*), COUNT(CASE WHEN rating > 0 THEN 1 END), COUNT(CASE WHEN rating < 0 THEN 1 END)"
                " FROM feedback"
            ).fetchone()
        return {"total": int(total), "up": int(up), "down": int(down)}

    def export_csv(self, path: Path) -> Path:
        """Write all ratings to ``path`` (UTF-8 with BOM, ``;``-separated as Latvian Excel expects; cells that
        would start a spreadsheet formula are quoted, as in the other exports)."""
        from assistant.fileio import write_text_atomic
        from assistant.lvformat import datetime_lv
        from assistant.spreadsheet import csv_text

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        rows = [
            [
                v
                for v in (
                    r["id"],
                    datetime_lv(r["time"]),
                    "👍" if r["rating"] > 0 else "👎",
                    r["comment"],
                    r["question"],
                    r["answer"],
                    "" if r["answerable"] is None else ("jā" if r["answerable"] else "nē"),
                    _citations_text(r["citations"]),
                    MODE_LV.get(r["mode"], r["mode"]),
                )
            ]
            for r in self.rows()
        ]
        write_text_atomic(path, csv_text(EXPORT_COLUMNS, rows))
        return path


def _citations_text(raw: str) -> str:
    try:
        cites = json.loads(raw or "[]")
    except json.JSONDecodeError:
        return raw
    return " | ".join(
        f"[{c.get('n', '')}] {c.get('title', '')} — {c.get('section', '')}: {c.get('quote', '')}"
        for c in cites
    )
