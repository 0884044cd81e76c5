"""Documents administrators add (issue 15): add / replace / remove / list, the index following each change
atomically, bad input refused with the index and the documents untouched, the LLM-written question bank."""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from ocr_fixtures import image_pdf, render_page

from assistant import index as index_mod
from assistant.bank import load_bank
from assistant.errors import PaligsError
from assistant.index import build_test_index, get_documents, get_retriever
from assistant.library import DocumentLibrary, LibraryView, documents_dir, guess_metadata

GUIDE_MD = """# Pašvaldības klientu apkalpošanas centra darba kārtība

Klientu apkalpošanas centrs pieņem apmeklētājus darba dienās no plkst. 8.00 līdz 17.00. Piektdienās centrs
strādā līdz plkst. 15.00, bet pirmssvētku dienās darba laiks ir par divām stundām īsāks.

## Iesniegumu pieņemšana

Iesniegumus pieņem klātienē, elektroniski ar drošu elektronisko parakstu vai oficiālajā elektroniskajā adresē.
Par iesnieguma reģistrēšanu atbild lietvedības nodaļa, kas reģistrē iesniegumu tajā pašā darba dienā.

## Atbildes termiņš

Uz iesniegumu atbild viena mēneša laikā. Ja atbildes sagatavošanai vajag vairāk laika, iestāde par to rakstiski
informē iesniedzēju un norāda jauno termiņu.
"""


def _state(s) -> dict[str, Any]:
    """What must not change after bad input: the active build, the manifest, the files in the documents folder."""
    root = documents_dir(s)
    return {
        "current": (Path(s.data_dir) / "index" / "CURRENT").read_text(encoding="utf-8"),
        "manifest": (root / "manifest.toml").read_text(encoding="utf-8") if (root / "manifest.toml").exists() else "",
        "files": sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.name != ".lock") if root.exists() else [],
    }


def _top_doc(s, query: str) -> str:
    return get_retriever(s).run(query, top_k=3)[0].chunk.doc


@pytest.fixture()
def built(tmp_path):
    return build_test_index(tmp_path / "data")


def test_add_replace_remove_cycle(built, tmp_path):
    s = built
    lib = DocumentLibrary(s)
    src = tmp_path / "kartiba.md"
    # a word never seen before: this run's chunks cannot be in the shared embedding cache yet
    src.write_text(GUIDE_MD + f"\nDokumenta kods {uuid.uuid4().hex}.\n", encoding="utf-8")
    before = _state(s)
    steps: list[tuple[float, str]] = []
    rep = lib.add(src, issuer="Ķekavas novada pašvaldība", progress=lambda f, m: steps.append((f, m)))
    assert rep["id"] == "100" and rep["action"] == "added"
    assert rep["title"] == "Pašvaldības klientu apkalpošanas centra darba kārtība"  # the first heading
    assert steps[-1] == (1.0, "Gatavs") and all(0.0 <= f <= 1.0 for f, _ in steps)
    assert [f for f, _ in steps] == sorted(f for f, _ in steps)  # progress only moves forward
    # incremental: only the new document's chunks were embedded, the rest came from the cache
    idx = rep["index"]
    assert idx["changed"] and 1 <= idx["embedded"] <= 4 and idx["reused"] >= 188
    assert _state(s)["current"] != before["current"]
    doc = rep["source_file"]
    assert _top_doc(s, "līdz cikiem strādā klientu centrs piektdienās") == doc
    listed = {d["id"]: d for d in lib.list()}
    assert listed["100"]["origin"] == "added" and listed["100"]["status"] == "indexed"
    assert listed["002"]["origin"] == "corpus" and listed["002"]["status"] == "indexed"
    assert listed["100"]["issuer"] == "Ķekavas novada pašvaldība"
    assert doc in {d.meta.source_file for d in get_documents(s)}  # the app's documents and viewer
    from assistant.library import source_path

    assert source_path(s, doc).read_text(encoding="utf-8").startswith("# Pašvaldības klientu")
    assert source_path(s, "002_af057d60808f1741.txt") == Path(s.corpus_dir) / "002_af057d60808f1741.txt"
    # the same file again: refused, nothing changes
    mid = _state(s)
    with pytest.raises(PaligsError, match="jau ir pievienots"):
        lib.add(src)
    assert _state(s) == mid
    # a new version: old text gone, new text found, old file removed, metadata kept
    v2 = tmp_path / "kartiba-2.md"
    v2.write_text(GUIDE_MD.replace("15.00", "14.00").replace("divām stundām", "vienu stundu"), encoding="utf-8")
    rep2 = lib.replace("100", v2)
    assert rep2["action"] == "replaced" and rep2["issuer"] == "Ķekavas novada pašvaldība"
    new_doc = rep2["source_file"]
    assert new_doc != doc and not (documents_dir(s) / doc).exists()
    hits = get_retriever(s).run("pirmssvētku dienās darba laiks īsāks", top_k=3)
    assert hits[0].chunk.doc == new_doc and "vienu stundu" in hits[0].chunk.text
    assert all(h.chunk.doc != doc for h in hits)
    # removed: gone from the index, the manifest and the folder
    t0 = time.perf_counter()
    lib.remove("100")
    assert time.perf_counter() - t0 < 30
    assert all(h.chunk.doc != new_doc for h in get_retriever(s).run("pirmssvētku dienās darba laiks", top_k=10))
    assert [e for e in lib.entries()] == []
    assert _state(s)["files"] == ["manifest.toml", "question_bank"]


def test_scanned_pdf_is_recognised_and_a_paraphrase_finds_it_first(built, tmp_path):
    s = built
    pdf = image_pdf([render_page()], tmp_path / "buvatlaujas.pdf")
    rep = DocumentLibrary(s).add(pdf, title="Būvatļauju izsniegšanas kārtība", issuer="Ķekavas novads", year=2024)
    assert rep["pages"] == 1 and rep["ocr_pages"] == [1] and rep["low_confidence_pages"] == []
    assert rep["ocr_confidence"] >= 85
    entry = DocumentLibrary(s).entries()[0]
    assert entry["ocr_pages"] == [1] and entry["year"] == 2024
    # a question in other words than the page ("how long does the building board take ... permit")
    hits = get_retriever(s).run("Cik ilgā laikā būvvalde pieņem lēmumu par atļauju būvēt?", top_k=5)
    assert hits[0].chunk.doc == rep["source_file"]
    # answers cite it like a shipped document
    from assistant.pipeline import get_assistant

    ans = get_assistant(s).ask("Cik ilgā laikā būvvalde izskata iesniegumu par būvatļauju?")
    assert ans.answerable and ans.citations[0].chunk.doc == rep["source_file"]
    assert "divdesmit darba dienu" in ans.answer


def _encrypted_pdf(p: Path) -> Path:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(300, 300)
    w.encrypt("parole")
    with open(p, "wb") as fh:
        w.write(fh)
    return p


def _pages_pdf(p: Path, n: int) -> Path:
    from pypdf import PdfWriter

    w = PdfWriter()
    for _ in range(n):
        w.add_blank_page(100, 100)
    with open(p, "wb") as fh:
        w.write(fh)
    return p


def _huge_pdf(p: Path) -> Path:
    with open(p, "wb") as fh:  # 200 MB (sparse): refused by its size before anything reads it
        fh.write(b"%PDF-1.7\n")
        fh.truncate(200_000_000)
    return p


def _zip_bomb(p: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            block = b"\0" * (1 << 20)
            for _ in range(260):  # 260 MB of zeros pack into ~250 KB
                fh.write(block)
    return p


BAD = {
    "encrypted.pdf": (_encrypted_pdf, "aizsargāts ar paroli"),
    "corrupt.pdf": (lambda p: (p.write_bytes(b"%PDF-1.4\n1 0 obj garbage"), p)[1], "nevar nolasīt"),
    "not-a-pdf.pdf": (lambda p: (p.write_bytes(b"<html>hello</html>"), p)[1], "nav PDF"),
    "pages-2000.pdf": (lambda p: _pages_pdf(p, 2000), "2000 lapas"),
    "huge-200mb.pdf": (_huge_pdf, "200 MB"),
    "bomb.docx": (_zip_bomb, "ZIP bumbas"),
    "not-a-zip.docx": (lambda p: (p.write_bytes(b"just text, not a docx"), p)[1], "nav Word"),
    "empty.txt": (lambda p: (p.write_bytes(b""), p)[1], "tukšs"),
    "binary.txt": (lambda p: (p.write_bytes(b"\x00\x01\x02" * 100), p)[1], "binārā"),
    "blank-scan.pdf": (lambda p: _pages_pdf(p, 1), "nav nolasāma teksta"),
    "program.exe": (lambda p: (p.write_bytes(b"MZ"), p)[1], "netiek atbalstīts"),
}


def test_bad_input_is_refused_and_changes_nothing(built, tmp_path):
    s = built
    lib = DocumentLibrary(s)
    before = _state(s)
    for name, (make, message) in BAD.items():
        path = make(tmp_path / name)
        with pytest.raises(PaligsError) as err:
            lib.add(path)
        assert message in err.value.lv, (name, err.value.lv)
        assert err.value.en and err.value.en != err.value.lv
        assert _state(s)["current"] == before["current"], name
        assert _state(s)["manifest"] == before["manifest"], name
        assert [f for f in _state(s)["files"] if f not in ("extracted",)] == [
            f for f in before["files"] if f not in ("extracted",)
        ], name
    # the shipped corpus: a copy of one of its documents is a duplicate; its ids cannot be replaced or removed
    with pytest.raises(PaligsError, match="jau ir korpusā"):
        lib.add(Path(s.corpus_dir) / "002_af057d60808f1741.txt")
    good = tmp_path / "labs.md"
    good.write_text(GUIDE_MD, encoding="utf-8")
    with pytest.raises(PaligsError, match="piegādātajā korpusā"):
        lib.add(good, doc_id="002")
    with pytest.raises(PaligsError, match="nav derīgs"):
        lib.add(good, doc_id="../../etc")
    with pytest.raises(PaligsError, match="piegādātajā korpusā"):
        lib.remove("003")
    with pytest.raises(PaligsError, match="nav"):
        lib.remove("999")
    assert _state(s)["current"] == before["current"]


def test_limits_are_settings(built, tmp_path):
    s = replace(built, max_document_pages=3, max_document_mb=0.0001)
    with pytest.raises(PaligsError, match="max_document_mb"):
        DocumentLibrary(s).add(_pages_pdf(tmp_path / "x.pdf", 4))
    s = replace(built, max_document_pages=3)
    with pytest.raises(PaligsError, match="max_document_pages"):
        DocumentLibrary(s).add(_pages_pdf(tmp_path / "x.pdf", 4))


def test_html_scripts_never_reach_the_index(built, tmp_path):
    s = built
    page = tmp_path / "lapa.html"
    page.write_text(
        "<html><head><title>Pieņemšanas laiki</title><script>alert('ļaunprātīgsskripts')</script></head><body>"
        "<h1>Pieņemšanas laiki</h1><p onclick=\"steal()\">Sociālais dienests pieņem apmeklētājus otrdienās un "
        "ceturtdienās no plkst. 9 līdz 12, iepriekš piesakoties pa tālruni.</p>"
        "<script>document.write('slepenaisteksts')</script><style>p{color:red}</style></body></html>",
        encoding="utf-8",
    )
    rep = DocumentLibrary(s).add(page)
    assert rep["title"] == "Pieņemšanas laiki"
    docs = {d.meta.source_file: d for d in get_documents(s)}
    text = docs[rep["source_file"]].text
    assert "Sociālais dienests" in text
    assert "alert" not in text and "slepenaisteksts" not in text and "steal" not in text and "color" not in text
    assert all(h.chunk.doc != rep["source_file"] for h in get_retriever(s).run("slepenaisteksts", top_k=10)
               if "slepenaisteksts" in h.chunk.text)


def test_interrupted_build_leaves_the_previous_state(built, tmp_path, monkeypatch):
    s = built
    src = tmp_path / "kartiba.md"
    src.write_text(GUIDE_MD, encoding="utf-8")
    before = _state(s)

    def boom(*a: Any, **k: Any):
        raise KeyboardInterrupt  # Ctrl-C, or the process killed, in the middle of writing the new build

    monkeypatch.setattr(index_mod, "_chroma_client", boom)
    with pytest.raises(KeyboardInterrupt):
        DocumentLibrary(s).add(src)
    after = _state(s)
    assert after["current"] == before["current"] and after["manifest"] == before["manifest"]
    assert [f for f in after["files"] if not f.startswith("extracted")] == [
        f for f in before["files"] if not f.startswith("extracted")
    ]
    assert not list((Path(s.data_dir) / "index").glob(".tmp-*"))
    monkeypatch.undo()
    # the interrupted add did not stick: the next build is a no-op and the document is nowhere
    assert index_mod.build_index(s)["changed"] is False
    assert DocumentLibrary(s).entries() == []


def test_metadata_guesses(tmp_path):
    from fpdf import FPDF
    from ocr_fixtures import FONT

    doc = FPDF()
    doc.add_font("dv", fname=FONT)
    doc.set_font("dv", size=12)
    doc.set_title("Atvērto datu vadlīnijas")
    doc.set_author("Valsts kanceleja")
    doc.add_page()
    doc.multi_cell(0, 8, "Ievads\n\nŠīs vadlīnijas nosaka, kā iestādes publicē atvērtos datus portālā.")
    doc.output(str(tmp_path / "a.pdf"))
    g = guess_metadata(tmp_path / "a.pdf")
    assert g["title"] == "Atvērto datu vadlīnijas" and g["issuer"] == "Valsts kanceleja" and g["kind"] == "guideline"
    assert g["year"] is not None and g["language"] == "lv"

    import docx

    d = docx.Document()
    d.core_properties.title = "Iekšējie noteikumi par dokumentu pārvaldību"
    d.core_properties.author = "VARAM"
    d.add_paragraph("Noteikumi nosaka dokumentu reģistrēšanas kārtību ministrijā.")
    d.save(tmp_path / "b.docx")
    g = guess_metadata(tmp_path / "b.docx")
    assert g["title"] == "Iekšējie noteikumi par dokumentu pārvaldību" and g["issuer"] == "VARAM"
    assert g["kind"] == "regulation"

    (tmp_path / "c.md").write_text("\n\n# Biežāk uzdotie jautājumi par e-adresi\n\nTeksts 2021. gadā.", encoding="utf-8")
    g = guess_metadata(tmp_path / "c.md")
    assert g["title"] == "Biežāk uzdotie jautājumi par e-adresi" and g["kind"] == "FAQ" and g["year"] == 2021
    (tmp_path / "pazinojums_par_termiņiem.txt").write_text("....\n", encoding="utf-8")
    assert guess_metadata(tmp_path / "pazinojums_par_termiņiem.txt")["title"] == "pazinojums par termiņiem"


# --------------------------------------------------------------------------- the LLM's question bank
class FakeLLM(BaseHTTPRequestHandler):
    """An OpenAI-compatible /v1/chat/completions that writes three questions about the section it is given."""

    fail = False
    requests: ClassVar[list[dict[str, Any]]] = []

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        FakeLLM.requests.append(body)
        if FakeLLM.fail:
            self.send_response(500)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"error": {"message": "boom"}}')
            return
        user = body["messages"][-1]["content"]
        section = user.split("Sadaļa: ", 1)[1].split("\n", 1)[0]
        text = (
            f"1. Kas jāzina par tēmu „{section}”?\n- Kur atrast informāciju: {section}?\n"
            "Šī rinda nav jautājums\nKāda ir kārtība šajā jomā?\n"
        )
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        for i in range(0, len(text), 20):
            chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": body.get("model"),
                     "choices": [{"index": 0, "delta": {"content": text[i:i + 20]}, "finish_reason": None}]}
            self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
        self.wfile.write(b"data: [DONE]\n\n")


@pytest.fixture(scope="module")
def llm_url():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeLLM)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


def test_llm_writes_the_question_bank_at_upload(built, tmp_path, llm_url):
    FakeLLM.fail, FakeLLM.requests = False, []
    s = replace(built, llm_base_url=llm_url, llm_model="fake-model", llm_timeout=5.0)
    src = tmp_path / "kartiba.md"
    src.write_text(GUIDE_MD, encoding="utf-8")
    rep = DocumentLibrary(s).add(src)
    assert rep["bank_questions"] >= 6 and rep["bank_problems"] == []
    req = FakeLLM.requests[0]
    assert req["model"] == "fake-model" and req["stream"] is True
    assert req["messages"][0]["role"] == "system" and "jautājum" in req["messages"][0]["content"]
    assert "<sadala>" in req["messages"][1]["content"]
    bank_file = documents_dir(s) / "question_bank" / "100.jsonl"
    rows = [json.loads(line) for line in bank_file.read_text(encoding="utf-8").splitlines()]
    assert {r["doc"] for r in rows} == {"100"}
    assert all(set(r) == {"doc", "anchor", "section", "questions"} for r in rows)
    assert all(q.endswith("?") for r in rows for q in r["questions"])
    assert not any("nav jautājums" in q for r in rows for q in r["questions"])  # only questions kept
    # the format load_bank reads: every anchor found verbatim in the document, no problems
    docs = [d for d in get_documents(s) if d.meta.id == "100"]
    view = LibraryView.current(s)
    bank = load_bank(Path(s.corpus_dir), docs, extra_dirs=[view.bank_dir])
    mine = [e for e in bank.entries if e.doc_id == "100"]
    assert len(mine) == len(rows) and not [p for p in bank.problems if "100" in p]
    assert "Atbildes termiņš" in {e.title for e in mine}
    # and the index routes with it
    r = get_retriever(s)
    assert any(e.doc_id == "100" for e in r.bank_entries)


def test_llm_failing_still_adds_the_document(built, tmp_path, llm_url):
    FakeLLM.fail = True
    try:
        s = replace(built, llm_base_url=llm_url, llm_model="fake-model", llm_timeout=5.0)
        src = tmp_path / "kartiba.md"
        src.write_text(GUIDE_MD, encoding="utf-8")
        rep = DocumentLibrary(s).add(src)
    finally:
        FakeLLM.fail = False
    assert rep["bank_questions"] == 0 and rep["bank_problems"] and "LLM" in rep["bank_problems"][0]
    assert not (documents_dir(s) / "question_bank" / "100.jsonl").exists()
    assert _top_doc(s, "līdz cikiem strādā klientu centrs piektdienās") == rep["source_file"]


def test_without_llm_there_is_no_bank(built, tmp_path):
    src = tmp_path / "kartiba.md"
    src.write_text(GUIDE_MD, encoding="utf-8")
    rep = DocumentLibrary(built).add(src)
    assert rep["bank_questions"] == 0 and not (documents_dir(built) / "question_bank" / "100.jsonl").exists()


def test_serving_process_keeps_answering_and_picks_up_the_new_document(built, tmp_path):
    """A serving app (background reload): queries from another thread never fail while a document is added and
    removed, and the document is searchable as soon as add() returns."""
    s = built
    get_retriever(s)
    src = tmp_path / "kartiba.md"
    src.write_text(GUIDE_MD, encoding="utf-8")
    errors: list[BaseException] = []
    n = [0]
    stop = threading.Event()

    def client() -> None:
        while not stop.is_set():
            try:
                assert get_retriever(s).run("kas ir pakalpojums", top_k=3)
                n[0] += 1
            except BaseException as exc:  # noqa: BLE001 - the test counts every failure
                errors.append(exc)
            time.sleep(0.01)

    index_mod.serve_in_background(True)
    t = threading.Thread(target=client)
    t.start()
    try:
        rep = DocumentLibrary(s).add(src)
        assert _top_doc(s, "līdz cikiem strādā klientu centrs piektdienās") == rep["source_file"]
        DocumentLibrary(s).remove(rep["id"])
        assert all(h.chunk.doc != rep["source_file"] for h in get_retriever(s).run("klientu centrs piektdienās", top_k=10))
    finally:
        stop.set()
        t.join()
        index_mod.serve_in_background(False)
    assert errors == [] and n[0] > 10


def test_searchable_first_then_complete(built, tmp_path):
    """A build that defers the new chunks' vectors: open and searchable (lexically) at once; readers accept it,
    an explicit build computes the vectors."""
    from assistant.index import build_index, open_retriever
    from assistant.library import LibraryView

    s = built
    lib = DocumentLibrary(s)
    src = tmp_path / "kartiba.md"
    src.write_text(GUIDE_MD + f"\nDokumenta kods {uuid.uuid4().hex}.\n", encoding="utf-8")
    # the title is part of every chunk's indexed text: a new title makes all of them new to the shared cache
    entry = {"id": "100", "source_file": "100_x.md", "title": f"Kārtība {uuid.uuid4().hex[:8]}", "ocr": False}
    (documents_dir(s)).mkdir(parents=True, exist_ok=True)
    (documents_dir(s) / "100_x.md").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    view = LibraryView(root=documents_dir(s), entries=(entry,), bank_dir=documents_dir(s) / "question_bank")
    from assistant.library import manifest_text

    stats = build_index(
        s, view=view, defer_new=True,
        on_commit=lambda: (documents_dir(s) / "manifest.toml").write_text(manifest_text([entry]), encoding="utf-8"),
    )
    assert stats["deferred"] == stats["chunks"] - 188 >= 3 and stats["embedded"] == 0
    r = open_retriever(s)
    new = {c.chunk_id for c in r.chunks if c.doc == "100_x.md"}
    assert new and all(h.chunk.doc != "100_x.md" for h in r.run("klientu centrs piektdienās", top_k=20, mode="dense"))
    assert r.run("līdz cikiem strādā klientu centrs piektdienās", top_k=3)[0].chunk.doc == "100_x.md"
    assert build_index(s, wait=False)["changed"] is False  # a reader takes it as it is
    full = build_index(s)  # an explicit build completes it
    assert full["changed"] and full["deferred"] == 0 and full["embedded"] == stats["deferred"]
    r = open_retriever(s)
    assert any(h.chunk.doc == "100_x.md" for h in r.run("klientu centrs piektdienās", top_k=5, mode="dense"))
    assert [e["id"] for e in lib.entries()] == ["100"]


def test_a_killed_upload_leaves_the_previous_state(built, tmp_path):
    """``corpus add`` killed (SIGKILL) while it reads a scanned PDF: the manifest and the index are as before, the
    lock is free for the next operation, and the orphaned file is swept."""
    import os
    import signal
    import subprocess
    import sys

    from ocr_fixtures import poor_scan

    s = built
    page = render_page()
    pdf = image_pdf([page, poor_scan(page), page, poor_scan(page, seed=2)] * 2, tmp_path / "garš.pdf")
    before = _state(s)
    env = dict(os.environ, PALIGS_DATA_DIR=str(s.data_dir))
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "corpus", "add", str(pdf)],
        cwd=str(Path(__file__).resolve().parent.parent), env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    root = documents_dir(s)
    t0 = time.monotonic()
    while not list(root.glob("1*_*.pdf")) and time.monotonic() - t0 < 60 and proc.poll() is None:
        time.sleep(0.05)  # the copy is in place: it is reading the pages now
    time.sleep(0.5)
    assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    after = _state(s)
    assert after["current"] == before["current"] and after["manifest"] == before["manifest"]
    assert DocumentLibrary(s).entries() == []
    orphans = list(root.glob("1*_*.pdf"))
    assert orphans  # left by the killed process, referenced by nothing
    # the next operation is not blocked (the lock died with the process) and sweeps what is old enough
    for p in orphans:
        os.utime(p, (time.time() - 7200, time.time() - 7200))
    src = tmp_path / "kartiba.md"
    src.write_text(GUIDE_MD, encoding="utf-8")
    rep = DocumentLibrary(s).add(src)
    assert rep["id"] == "100" and not any(p.exists() for p in orphans)
