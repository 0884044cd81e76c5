"""Feedback on answers (👍/👎 + optional comment), stored in SQLite in ``settings.data_dir``.

Whoever curates the content exports it as CSV (UTF-8 with BOM so Excel shows the Latvian letters).

Only redacted text is kept: the question, answer, comment and quotes pass the shared personal-data detector
(``assistant.pii``) before they are written, so neither the database nor its export holds a personal code, phone,
e-mail, IBAN, address or name in clear. When the database stays locked longer than the wait (another process
writing, a backup), the rating is not lost: it goes (redacted) to ``feedback.pending.jsonl`` beside the database and
is written on the next call that can reach it.

Example:
    store = FeedbackStore(Path("data") / "feedback.sqlite3")
    store.add(question="Kas ir e-pakalpojums?", answer="…", citations=[…], rating=1, comment="")
    store.export_csv(Path("atsauksmes.csv"))
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.pii import redact

log = logging.getLogger("paligs.feedback")

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


_INSERT = (
    "INSERT INTO feedback (time, rating, comment, question, answer, answerable, citations, mode)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


class FeedbackStore:
    """A small SQLite table of ratings; one connection per call, so it is safe across Gradio's worker threads."""

    def __init__(self, path: Path, *, timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.pending = self.path.with_name(self.path.stem + ".pending.jsonl")
        self.timeout = timeout
        self._lock = threading.Lock()
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        if not self._ready:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=self.timeout)
        if not self._ready:
            conn.execute(_SCHEMA)
            conn.commit()
            _redact_old_rows(conn)
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
            {k: (redact(c[k]) if isinstance(c.get(k), str) else c.get(k))
             for k in ("n", "doc", "title", "section", "quote", "chunk_id") if k in c}
            for c in (citations or []) if isinstance(c, dict)
        ]
        row = (
            datetime.now(UTC).isoformat(timespec="seconds"),
            rating,
            redact(comment),
            redact(question),
            redact(answer),
            None if answerable is None else int(bool(answerable)),
            json.dumps(cites, ensure_ascii=False),
            str(mode or ""),
        )
        with self._lock:
            try:
                with self._connect() as conn:
                    self._flush_pending(conn)
                    cur = conn.execute(_INSERT, row)
                    return int(cur.lastrowid or 0)
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                # locked longer than the wait: keep the (redacted) rating beside the database, never lose it
                log.warning("feedback database locked; rating kept in %s", self.pending.name)
                with open(self.pending, "a", encoding="utf-8") as fh:
                    fh.write(json.dumps(list(row), ensure_ascii=False) + "\n")
                    fh.flush()
                    os.fsync(fh.fileno())
                return 0

    def _flush_pending(self, conn: sqlite3.Connection) -> None:
        """Write ratings kept while the database was locked (called with the lock held, inside a transaction)."""
        if not self.pending.exists():
            return
        work = self.pending.with_name(self.pending.name + f".{os.getpid()}")
        try:
            os.replace(self.pending, work)
        except OSError:
            return
        rows = []
        for line in work.read_text(encoding="utf-8").splitlines():
            try:
                r = json.loads(line)
            except ValueError:
                continue
            if isinstance(r, list) and len(r) == 8:
                rows.append(r)
        conn.executemany(_INSERT, rows)
        conn.commit()
        work.unlink(missing_ok=True)

    def rows(self) -> list[dict[str, Any]]:
        """All stored ratings, oldest first (ratings kept while the database was locked are written first)."""
        with self._lock, self._connect() as conn:
            self._flush_pending(conn)
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
                    redact(r["comment"]),
                    redact(r["question"]),
                    redact(r["answer"]),
                    "" if r["answerable"] is None else ("jā" if r["answerable"] else "nē"),
                    _citations_text(r["citations"]),
                    MODE_LV.get(r["mode"], r["mode"]),
                )
            ]
            for r in self.rows()
        ]
        write_text_atomic(path, csv_text(EXPORT_COLUMNS, rows))
        return path


def _redact_old_rows(conn: sqlite3.Connection) -> None:
    """Databases written before redaction (user_version 0) are redacted in place, once."""
    if conn.execute("PRAGMA user_version").fetchone()[0] >= 1:
        return
    rows = conn.execute("SELECT id, comment, question, answer, citations FROM feedback").fetchall()
    for rid, comment, question, answer, cites in rows:
        try:
            c = json.loads(cites or "[]")
            c = [{k: redact(v) if isinstance(v, str) else v for k, v in x.items()} for x in c if isinstance(x, dict)]
            cites_new = json.dumps(c, ensure_ascii=False)
        except ValueError:
            cites_new = redact(cites or "")
        conn.execute(
            "UPDATE feedback SET comment = ?, question = ?, answer = ?, citations = ? WHERE id = ?",
            (redact(comment or ""), redact(question or ""), redact(answer or ""), cites_new, rid),
        )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    if rows:
        conn.execute("VACUUM")  # the clear text must not stay in free pages of the file


def _citations_text(raw: str) -> str:
    try:
        cites = json.loads(raw or "[]")
    except json.JSONDecodeError:
        return raw
    return redact(" | ".join(
        f"[{c.get('n', '')}] {c.get('title', '')} — {c.get('section', '')}: {c.get('quote', '')}"
        for c in cites if isinstance(c, dict)
    ))
