"""The app's single door to the other parts (retrieval, answers, linter, triage), imported lazily.

A part that is not installed or not built yet raises :class:`BackendMissing` with a Latvian notice, so its tab
shows a message instead of crashing. Tests pass a fake with the same methods to ``build_app(backends=...)``.

Example:
    b = Backends(settings); b.available()  # {"ask": True, "lint": True, "triage": False, "index": True}
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.errors import PaligsError

POLICY_CACHE_SIZE = 256  # rule sources whose policy passage is remembered

PART_LV = {
    "ask": "jautājumu un atbilžu daļa (assistant.pipeline)",
    "index": "meklēšanas indekss (assistant.index)",
    "lint": "nosaukumu pārbaudītājs (linter.api)",
    "triage": "iesūtnes šķirošana (assistant.triage)",
}
_MODULES = {
    "ask": "assistant.pipeline",
    "index": "assistant.index",
    "lint": "linter.api",
    "triage": "assistant.triage.pipeline",
}


class BackendMissing(PaligsError):
    """A part of the toolkit this tab needs is not installed or not built yet."""

    def __init__(self, part: str) -> None:
        super().__init__(
            f"šī daļa vēl nav pieejama: {PART_LV.get(part, part)}. Pārējās cilnes strādā.",
            f"this part is not available yet: {_MODULES.get(part, part)}. The other tabs work.",
        )
        self.part = part


def _import(part: str) -> Any:
    name = _MODULES[part]
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        # only "the part itself is missing" becomes a notice; a broken dependency inside it is a real error
        if exc.name and (name == exc.name or name.startswith(exc.name + ".")):
            raise BackendMissing(part) from exc
        raise


class Backends:
    """Real backends: thin adapters over the public APIs in docs/ARCHITECTURE.md."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._warm_lock = threading.Lock()
        self._warm: dict[str, Any] = {}
        self._policy_cache: dict[str, tuple[Any, str] | None] = {}
        self._policy_cache_owner: Any = None

    # -- status
    def available(self) -> dict[str, bool]:
        out = {}
        for part, name in _MODULES.items():
            try:
                out[part] = importlib.util.find_spec(name) is not None
            except ModuleNotFoundError:
                out[part] = False
        return out

    # -- answers
    def ask_stream(self, question: str, history: list[tuple[str, str]]) -> Iterator[Any]:
        """Text pieces, then the final Answer (assistant.types.Answer). A damaged index (a Rust panic from Chroma
        included) is rebuilt automatically and the question answered again (``assistant.index_health``)."""
        from assistant import index_health

        mod = _import("ask")
        assistant = index_health.with_repair(self.settings, lambda: mod.get_assistant(self.settings))
        stream = getattr(assistant, "ask_stream", None)
        if stream is None:
            yield self.ask(question, history)
            return
        try:
            yield from stream(question, history=history or None)
        except BaseException as exc:  # noqa: BLE001 - a Rust panic is a BaseException
            if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)) or not index_health.is_damage(exc):
                raise
            index_health.repair(self.settings, index_health.describe(exc))
            yield self.ask(question, history)

    def ask(self, question: str, history: list[tuple[str, str]] | None = None) -> Any:
        from assistant import index_health

        mod = _import("ask")
        return index_health.with_repair(
            self.settings, lambda: mod.get_assistant(self.settings).ask(question, history=history or None)
        )

    # -- linter
    def check_names(self, names: list[str], *, lv: bool = False) -> dict[str, Any]:
        """The linter's JSON contract; ``lv=True`` adds the Latvian-only texts people read (``message_lv``,
        ``verdict``: LintReport.to_lv_dict)."""
        mod = _import("lint")
        report = mod.check_names(names)
        if lv and hasattr(report, "to_lv_dict"):
            return report.to_lv_dict()
        return report.to_json_dict() if hasattr(report, "to_json_dict") else dict(report)

    def policy_passages(self, sources: list[str]) -> list[dict[str, Any]]:
        """The corpus passages behind linter findings: each "002: quoted policy text" source → the best chunk of
        that document, as a numbered citation whose quote is the policy text (in the Citation.to_dict shape)."""
        out: list[dict[str, Any]] = []
        by_chunk: dict[str, dict[str, Any]] = {}
        for src in dict.fromkeys(sources):
            found = self._policy_chunk(src or "")
            if found is None:
                continue
            chunk, quote = found
            cid = chunk.chunk_id
            if cid in by_chunk:  # several findings rest on the same passage: one citation
                by_chunk[cid]["sources"].append(src)
                by_chunk[cid]["quote"] += " " + quote
                continue
            d = chunk.to_dict()
            d.update({"n": len(out) + 1, "quote": quote, "sources": [src]})
            by_chunk[cid] = d
            out.append(d)
        return out

    def _policy_chunk(self, src: str) -> tuple[Any, str] | None:
        """(chunk, quote) for one rule source, or None; cached by source text for the current retriever (the
        rules cite a few dozen policy sentences, so the 20-hit search runs once per sentence, not per question)."""
        import re

        retriever = _import("index").get_retriever(self.settings)
        with self._warm_lock:
            if self._policy_cache_owner is not retriever:  # a rebuilt index: the old chunks are stale
                self._policy_cache.clear()
                self._policy_cache_owner = retriever
            if src in self._policy_cache:
                return self._policy_cache[src]
        m = re.match(r"^\s*(\d{3})\s*:\s*(.+)$", src, re.DOTALL)
        found = None
        if m:
            doc, quote = m.group(1), m.group(2).strip().strip('"“”„')
            try:
                hits = retriever.run(quote, top_k=20, mode="lexical")
            except TypeError:  # a retriever without modes
                hits = retriever.run(quote, top_k=20)
            hit = next((h for h in hits if h.chunk.doc.startswith(doc + "_")), None)
            found = None if hit is None else (hit.chunk, quote)
        with self._warm_lock:
            if len(self._policy_cache) >= POLICY_CACHE_SIZE:
                self._policy_cache.pop(next(iter(self._policy_cache)))  # oldest first
            self._policy_cache[src] = found
        return found

    def explain(self, code: str, *, lang: str = "both") -> str:
        """A rule's documentation; ``lang="lv"`` for the app (the docstring's Latvian half)."""
        api = _import("lint")
        try:
            return str(api.explain(code, lang=lang))
        except TypeError:  # an older linter without languages
            return str(api.explain(code))

    def lint(
        self,
        names: list[str] | None = None,
        path: Path | None = None,
        rows: list[int] | None = None,
        table: str | None = None,
    ) -> LintRun:
        """Check pasted names, pasted table rows or a TXT/CSV/XLSX file (read by linter.io, so row numbers and
        suppressions hold).

        ``rows`` are the pasted names' own line numbers (default 1..n), so findings point at the pasted lines.
        ``table`` is text pasted from a spreadsheet (tab-separated rows): read like a CSV file, so the header is
        detected, the name column chosen as for files and the other columns kept in the downloads."""
        api = _import("lint")
        io = importlib.import_module("linter.io")
        if table is not None:
            data = io.InputData(path="ielīmētā tabula")
            io.read_csv(table, data, None)
            if not data.names:
                from linter.errors import LintInputError

                detail = "; ".join(p.lv for p in data.problems[:3])
                raise LintInputError(
                    "ielīmētajā tabulā nav neviena pārbaudāma nosaukuma" + (f" ({detail})" if detail else "")
                    + "; zem virsraksta rindas ielīmējiet vismaz vienu nosaukumu",
                    "no name to check in the pasted table",
                )
            report = api.check_names(data.names, rows=data.rows, suppressions=data.suppressions)
            problems = [p.lv for p in list(data.problems) + list(report.problems)]
        elif path is not None:
            data = io.read_input(path)
            report = api.check_names(data.names, rows=data.rows, suppressions=data.suppressions)
            problems = [p.lv for p in list(data.problems) + list(report.problems)]
        else:
            names = list(names or [])
            rows = list(rows) if rows is not None else list(range(1, len(names) + 1))
            data = io.InputData(names=names, rows=rows, lines=list(rows), kind="txt", path="-")
            report = api.check_names(data.names, rows=data.rows)
            problems = [p.lv for p in report.problems]
        return LintRun(report, data, problems, io)

    # -- triage
    def load_messages(self, paths: Sequence[Path]) -> tuple[list[Any], list[Any]]:
        _import("triage")
        mail = importlib.import_module("assistant.triage.mail")
        return mail.load_inputs([Path(p) for p in paths])

    def triage(
        self, messages: list[Any], progress: Callable[[int, int], None] | None = None
    ) -> list[dict[str, Any]]:
        """Triage in order; ``progress(done, total)`` after each message. Unreadable items come back as error rows."""
        mod = _import("triage")
        total = len(messages)
        done = [0]

        def step(n: int = 1) -> None:
            done[0] += n
            if progress is not None:
                progress(done[0], total)

        results = mod.triage_messages(messages, self.settings, progress=step)
        out = [r.to_dict() if hasattr(r, "to_dict") else dict(r) for r in results]
        if len(out) == len(messages):
            # what staff need to answer: the sender (shown and exported) and, kept out of the table, the original
            # subject and Message-ID for the reply draft's "Re:" and threading headers
            for d, m in zip(out, messages, strict=True):
                d["sender"] = str(getattr(m, "sender", "") or "")
                d["_reply"] = {
                    "subject": str(getattr(m, "subject", "") or ""),
                    "message_id": str(getattr(m, "message_id", "") or ""),
                    "references": str(getattr(m, "references", "") or ""),
                }
        return out

    def triage_records(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Triage JSON records {"id","subject","body","from"?,"date"?} (the API path)."""
        _import("triage")
        mail = importlib.import_module("assistant.triage.mail")
        return self.triage(mail.messages_from_records(records))

    # -- index / documents
    def documents(self) -> list[dict[str, Any]]:
        mod = _import("index")
        docs = mod.get_documents(self.settings)
        out = []
        for d in docs:
            m = getattr(d, "meta", d)
            out.append(
                {
                    "id": getattr(m, "id", ""),
                    "source_file": getattr(m, "source_file", ""),
                    "title": getattr(m, "title", ""),
                    "issuer": getattr(m, "issuer", ""),
                    "year": getattr(m, "year", None),
                    "kind": getattr(m, "kind", ""),
                    "ocr": bool(getattr(m, "ocr", False)),
                    "chars": len(getattr(d, "text", "") or ""),
                    "notes": getattr(m, "notes", ""),
                }
            )
        return out

    def document(self, doc: str) -> dict[str, Any] | None:
        """One document for the viewer, by its file name or manifest id: metadata, the (for OCR: repaired) text and
        the path of its source file; None when it is no longer in the corpus."""
        mod = _import("index")
        key = (doc or "").strip()
        for d in mod.get_documents(self.settings):
            m = getattr(d, "meta", d)
            if key and key in (getattr(m, "source_file", ""), getattr(m, "id", "")):
                from assistant.library import source_path

                path = source_path(self.settings, getattr(m, "source_file", ""))  # shipped or added by an admin
                return {
                    "id": getattr(m, "id", ""),
                    "source_file": getattr(m, "source_file", ""),
                    "title": getattr(m, "title", ""),
                    "issuer": getattr(m, "issuer", ""),
                    "year": getattr(m, "year", None),
                    "kind": getattr(m, "kind", ""),
                    "ocr": bool(getattr(m, "ocr", False)),
                    "text": getattr(d, "text", "") or "",
                    "path": str(path) if path.is_file() else "",
                }
        return None

    def _manifest(self) -> tuple[Path, str, dict[str, Any] | None]:
        """(index root, active build name, its manifest) — the manifest is None when no build is on disk."""
        import json

        root = Path(_import("index").index_root(self.settings))
        try:
            name = (root / "CURRENT").read_text(encoding="utf-8").strip()
            manifest = json.loads((root / name / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return root, "", None
        return root, name, manifest

    def index_built(self) -> bool:
        """Whether an index build is on disk (False: the first start will build it)."""
        return self._manifest()[2] is not None

    def index_status(self) -> dict[str, Any]:
        """The active build as recorded on disk (CURRENT + manifest.json); Latvian keys and values for staff."""
        from assistant.lvformat import datetime_lv

        _root, _name, manifest = self._manifest()
        if manifest is None:
            return {"Indekss": "vēl nav izveidots"}
        problems = [str(p) for p in manifest.get("problems") or []]
        return {
            "Izveidots": datetime_lv(manifest.get("built_at", "")) or "nav zināms",
            "Dokumenti": manifest.get("n_documents", ""),
            "Fragmenti": manifest.get("n_chunks", ""),
            "Problēmas": "; ".join(problems) or "nav",
        }

    def build_index(self, *, rebuild: bool = False) -> dict[str, Any]:
        mod = _import("index")
        stats = mod.build_index(self.settings, rebuild=rebuild, progress=True)
        # build_index drops the cached retriever itself; the cached Assistant holds its own reference to the old one
        _import("ask").reset_assistants()
        return dict(stats or {})

    def warm_up(self) -> None:
        """Open (on the first start: build) the index and load the assistant once; then the linter and triage."""
        with self._warm_lock:
            if self._warm.get("done"):
                return
            # a no-op when the index is up to date; on the first start it builds, with a progress bar on stderr;
            # while another process builds, the current index serves (wait=False) instead of blocking the app
            _import("index").build_index(self.settings, progress=True, wait=False)
            try:
                assistant = _import("ask").get_assistant(self.settings)
                assistant.warm_up() if hasattr(assistant, "warm_up") else assistant.ask("Kas ir pakalpojums?")
            except BackendMissing:
                _import("index").get_retriever(self.settings)
            self._warm["done"] = True
        # optional extras: a failure here only means a slower first use
        for part, fn in (("lint", lambda m: m.check_names(["Pases izsniegšana"])),):
            try:
                fn(_import(part))
            except Exception:
                logging.getLogger("paligs.app").info("warm-up of %s skipped", part, exc_info=True)


class LintRun:
    """One linter run: the JSON-contract report, input problems (Latvian), and the annotated-file writers."""

    def __init__(self, report: Any, data: Any, problems: list[str], io: Any) -> None:
        self._report, self._data, self._io = report, data, io
        self.report: dict[str, Any] = (
            report.to_lv_dict() if hasattr(report, "to_lv_dict") else report.to_json_dict()
        )
        self.problems = problems
        self.columns: list[str] = [str(h) for h in getattr(data, "header", []) or []]
        self.name_column: int | None = getattr(data, "name_col", None)

    def write(self, fmt: str, out: Path) -> Path:
        if fmt == "xlsx":
            self._io.write_xlsx(self._report, self._data, out)
        else:
            text = self._io.render_csv(self._report, data=self._data)
            out.write_text(text, encoding="utf-8", newline="")
        return out
