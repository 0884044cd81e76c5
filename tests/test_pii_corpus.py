"""A generated personal-data corpus (450 items in 50 written forms) planted in every field a message has: subject,
body, signature, attachment name, e-mail file name (the id), JSONL id, CSV id column, a listed service name and the
sender's own name. Zero may leak into any redacted field, the JSONL / CSV / XLSX outputs, drafts (the fake assistant
quotes the question it was given, the fake linter repeats each name), logs or the feedback store.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
from email.message import EmailMessage
from pathlib import Path

import pytest
from hostile import Planted, leaks, personal_data_corpus

from assistant.config import Settings
from assistant.jsonsafe import dumps_line
from assistant.triage.export import render_csv, write_table
from assistant.triage.mail import load_inputs
from assistant.triage.pipeline import TriagePipeline
from assistant.types import Answer, Chunk, Citation

TODAY = dt.date(2026, 3, 2)
PLACEMENTS = ("subject", "body", "attachment", "eml_filename", "jsonl_id", "csv_id", "name_list", "from")


class EchoAssistant:
    """The worst assistant for privacy: its answer and its citation quote the question word for word."""

    def ask(self, question: str, *, history=None) -> Answer:
        chunk = Chunk("c1", "002_af057d60808f1741.txt", "Pakalpojumu pārvaldība", "PLVN", f"Jautājums: {question}")
        return Answer(question, f"Jūs jautājāt: {question} [1]", True, [Citation(1, chunk, question)])


class EchoReport:
    def __init__(self, names: list[str]) -> None:
        self.names = names

    def to_json_dict(self) -> dict:
        return {
            "names": [
                {
                    "name": n,
                    "valid": False,
                    "findings": [{"message": f"Nosaukumā „{n}” trūkst darbības / no action",
                                  "suggestion": f"{n} izsniegšana"}],
                }
                for n in self.names
            ]
        }


def echo_linter(names: list[str], portfolio: bool = False) -> EchoReport:
    return EchoReport(names)


def _placement(i: int, item: Planted) -> str:
    if "\n" in item.text:
        return "body"  # a signature is part of a body
    p = PLACEMENTS[i % len(PLACEMENTS)]
    if p == "eml_filename" and "/" in item.text:
        return "attachment"
    if p == "from" and not item.form.startswith("name"):
        return "subject"
    return p


def _eml(path: Path, subject: str, body: str, *, sender: str = "Iestāde <info@iestade.lv>",
         attachment: str | None = None) -> None:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "pvp@varam.gov.lv"
    m["Subject"] = subject
    m["Date"] = "Mon, 02 Mar 2026 10:00:00 +0200"
    m.set_content(body)
    if attachment is not None:
        m.add_attachment(b"%PDF-1.4 test", maintype="application", subtype="pdf", filename=attachment)
    path.write_bytes(bytes(m))


def build_inbox(folder: Path, items: list[Planted]) -> dict[str, int]:
    """Write the inbox files; returns how many items went to each placement."""
    folder.mkdir(parents=True, exist_ok=True)
    used: dict[str, int] = {}
    jsonl, csv_rows = [], []
    question = "Vai PLVN ir jānosaka katram pakalpojumam?"
    for i, it in enumerate(items):
        p = _placement(i, it)
        used[p] = used.get(p, 0) + 1
        name = f"m{i:04d}"
        if p == "subject":
            _eml(folder / f"{name}.eml", f"Jautājums {it.text}", f"Labdien!\n{question}\nPaldies.")
        elif p == "body":
            _eml(folder / f"{name}.eml", "PLVN", f"Labdien!\nMani dati: {it.text}\n{question}\n\n{it.text}\n")
        elif p == "attachment":
            _eml(folder / f"{name}.eml", "PLVN", f"Labdien!\n{question}", attachment=f"iesniegums {it.text}.pdf")
        elif p == "eml_filename":
            _eml(folder / f"{name} {it.text}.eml", "PLVN", f"Labdien!\n{question}")
        elif p == "from":
            sur = it.text.split()[-1].rstrip("!")
            _eml(folder / f"{name}.eml", "PLVN", f"Labdien!\nRakstu kolēģa {sur} vārdā. {question}\n",
                 sender=f"{it.text.rstrip('!')} <k{i}@iestade.lv>")
        elif p == "jsonl_id":
            jsonl.append({"id": it.text, "subject": "PLVN", "body": f"Labdien! {question}", "date": "2026-03-02"})
        elif p == "csv_id":
            csv_rows.append({"id": it.text, "subject": "PLVN", "body": f"Labdien! {question}", "date": "2026-03-02"})
        elif p == "name_list":
            body = ("Labdien! Lūdzu pārbaudiet pakalpojumu nosaukumus:\n- Pases izsniegšana\n"
                    f"- Izziņa {it.text}\nVai nosaukumi atbilst vadlīnijām?")
            _eml(folder / f"{name}.eml", "Pakalpojumu nosaukumi", body)
    with open(folder / "inbox.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in jsonl)
    with open(folder / "inbox.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "subject", "body", "date"])
        w.writeheader()
        w.writerows(csv_rows)
    return used


@pytest.fixture(scope="module")
def corpus() -> list[Planted]:
    return personal_data_corpus()


@pytest.fixture(scope="module")
def triaged(corpus, tmp_path_factory) -> tuple[list[dict], dict[str, int], str]:
    folder = tmp_path_factory.mktemp("pii-inbox")
    used = build_inbox(folder / "inbox", corpus)
    log_lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            log_lines.append(self.format(record))

    handler = Keep(level=logging.DEBUG)
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        messages, problems = load_inputs([folder / "inbox"])
        p = TriagePipeline(Settings(), use_assistant=True, use_linter=True, today=TODAY)
        p.lazy._assistant = EchoAssistant()
        p.lazy._linter = echo_linter
        results = [r.to_dict() for r in p.run(messages)]
    finally:
        root.removeHandler(handler)
        root.setLevel(old)
    return results, used, "\n".join(log_lines) + "\n".join(pr.message() for pr in problems if False)


def test_the_corpus_is_big_and_varied(corpus, triaged):
    _results, used, _ = triaged
    assert len(corpus) >= 400
    assert len({c.form for c in corpus}) >= 40
    assert set(PLACEMENTS) <= set(used), used  # every field got planted items


def _fmt(items: list[Planted]) -> str:
    return "; ".join(f"{i.form}: {i.text!r}" for i in items[:10])


def test_zero_leaks_in_the_jsonl_output_and_every_redacted_field(corpus, triaged):
    results, _, _ = triaged
    out = "\n".join(dumps_line(d) for d in results)
    found = leaks(out, corpus)
    assert found == [], _fmt(found)
    # and the detector saw them: a message with planted data says it contains personal data
    assert sum(1 for d in results if d.get("contains_personal_data")) >= 0.95 * len(results)


def test_zero_leaks_in_drafts(corpus, triaged):
    results, _, _ = triaged
    drafts = [d["draft_reply"] for d in results if d.get("draft_reply")]
    assert len(drafts) >= 0.5 * len(results)  # the echoing assistant answered: drafts were really written
    found = leaks("\n".join(drafts), corpus)
    assert found == [], _fmt(found)


def test_zero_leaks_in_csv_and_xlsx(corpus, triaged, tmp_path):
    from openpyxl import load_workbook

    results, _, _ = triaged
    found = leaks(render_csv(results), corpus)
    assert found == [], _fmt(found)
    out = write_table(results, "xlsx", tmp_path / "iesutne.xlsx")
    wb = load_workbook(out)
    cells = "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)
    assert len(cells) > 10_000
    found = leaks(cells, corpus)
    assert found == [], _fmt(found)


def test_zero_leaks_in_logs(corpus, triaged):
    _, _, logs = triaged
    found = leaks(logs, corpus)
    assert found == [], _fmt(found)


def test_zero_leaks_in_the_feedback_store(corpus, tmp_path):
    from webui.feedback import FeedbackStore

    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    for it in corpus:
        store.add(question=f"Jautājums par {it.text}?", answer=f"Atbilde: {it.text}.", rating=1,
                  comment=f"Komentārs — {it.text}", citations=[{"n": 1, "quote": it.text, "title": "T"}])
    raw = (tmp_path / "feedback.sqlite3").read_bytes().decode("utf-8", "ignore")
    assert raw.count("Jautājums par") == len(corpus)  # the rows are there, in this file
    found = leaks(raw, corpus)
    assert found == [], _fmt(found)
    csv_text = store.export_csv(tmp_path / "atsauksmes.csv").read_text(encoding="utf-8-sig")
    found = leaks(csv_text, corpus)
    assert found == [], _fmt(found)


def test_the_leak_check_itself_finds_what_was_planted(corpus):
    # without redaction every item is found again: the checks above could fail
    text = "\n".join(f"Mani dati: {it.text}." for it in corpus)
    assert len(leaks(text, corpus)) == len(corpus)
