"""The app's document panel (webui/documents.py): handlers called as the app calls them, the admin gate on the
server, and the panel present in the app."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.index import build_test_index
from webui import documents as docs_ui

TEXT = (
    "# Sociālā dienesta pieņemšanas laiki\n\nSociālais dienests pieņem apmeklētājus otrdienās un ceturtdienās no "
    "plkst. 9 līdz 12, iepriekš piesakoties pa tālruni. Pārējās dienās dienests atbild uz e-pasta vēstulēm.\n"
)


@pytest.mark.parametrize(
    ("auth", "admins", "host", "user", "allowed"),
    [
        ("anna:x", "anna, peteris", "0.0.0.0", "anna", True),
        ("anna:x", "anna, peteris", "0.0.0.0", "zane", False),
        ("anna:x", "", "127.0.0.1", "anna", False),  # a login without admins: nobody
        ("anna:x", "*", "0.0.0.0", "zane", True),
        ("anna:x", "anna", "0.0.0.0", None, False),
        ("", "", "127.0.0.1", None, True),  # no login, loopback only: the machine's own user
        ("", "", "0.0.0.0", None, False),  # no login on the network: nobody
    ],
)
def test_admin_gate(auth, admins, host, user, allowed):
    from assistant.config import Settings

    s = replace(Settings(), auth=auth, admins=admins, host=host)
    assert docs_ui.is_admin(s, user) is allowed
    if not allowed:
        with pytest.raises(InputError, match="tikai administratori"):
            docs_ui.require_admin(s, user)


def test_non_admin_calls_change_nothing(tmp_path):
    s = replace(build_test_index(tmp_path / "data"), auth="anna:x", admins="anna", host="0.0.0.0")
    src = tmp_path / "laiki.md"
    src.write_text(TEXT, encoding="utf-8")
    current = (Path(s.data_dir) / "index" / "CURRENT").read_text()
    for call in (
        lambda: docs_ui.upload(s, "zane", str(src), title="X"),
        lambda: docs_ui.remove(s, "zane", "100", True),
        lambda: docs_ui.guess(s, None, str(src)),
    ):
        with pytest.raises(InputError, match="tikai administratori"):
            call()
    assert (Path(s.data_dir) / "index" / "CURRENT").read_text() == current
    assert not (Path(s.data_dir) / "documents" / "manifest.toml").exists()


def test_admin_uploads_sees_status_and_removes(tmp_path):
    s = replace(build_test_index(tmp_path / "data"), auth="anna:x", admins="anna", host="0.0.0.0")
    src = tmp_path / "laiki.md"
    src.write_text(TEXT, encoding="utf-8")
    g = docs_ui.guess(s, "anna", str(src))
    assert g["title"] == "Sociālā dienesta pieņemšanas laiki"
    seen: list[tuple[float, str]] = []
    msg, rows = docs_ui.upload(
        s, "anna", str(src), title=g["title"], year="2025", kind="regulation",
        progress=lambda f, desc="": seen.append((f, desc)),
    )
    assert "pievienots" in msg and seen and seen[-1][0] == 1.0
    row = next(r for r in rows if r[0] == "100")
    assert row[1] == "Sociālā dienesta pieņemšanas laiki" and row[3] == 2025 and row[5] == "pievienots"
    assert row[6] == "indeksā" and row[4] == "normatīvs akts / noteikumi"
    assert any(r[5] == "piegādāts" for r in rows)
    # every kind staff see is Latvian, the shipped corpus's "slides" / "FAQ" / "guideline" too
    assert {r[4] for r in rows} <= {lv for lv, _code in docs_ui.KIND_CHOICES} | {"prezentācijas slaidi"}
    with pytest.raises(InputError, match="apstipriniet"):
        docs_ui.remove(s, "anna", "100", False)
    msg, rows = docs_ui.remove(s, "anna", "100", True)
    assert "izņemts" in msg and all(r[0] != "100" for r in rows)


def test_report_flags_low_confidence_pages():
    md = docs_ui.report_md(
        {"id": "101", "action": "added", "title": "Skenēts", "seconds": 9.1, "pages": 3, "chars": 5000,
         "ocr_pages": [1, 2, 3], "ocr_confidence": 88.0, "low_confidence_pages": [3], "index": {"chunks": 200}}
    )
    assert "Pārbaudiet lapas 3" in md and "Skenētās lapas (atpazītas ar OCR): 1, 2, 3" in md
    assert "(9,10 s)" in md and "ticamība 88,0" in md and "200 fragmenti" in md and "(0 jauni vektori" in md


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "1 jauns vektors"), (21, "21 jauns vektors"), (11, "11 jauni vektori"), (3, "3 jauni vektori"), (0, "0 jauni vektori")],
)
def test_counts_take_the_latvian_number(n, text):
    from assistant.lvformat import count_lv

    assert count_lv(n, "jauns vektors", "jauni vektori") == text


def test_the_app_has_the_documents_panel(tmp_path):
    from assistant.config import Settings
    from webui.app import build_app

    demo = build_app(replace(Settings(), data_dir=tmp_path / "d"))
    ids = {getattr(b, "elem_id", None) for b in demo.blocks.values()}
    # document management sits in the administrators' tab
    assert {"tab-admin", "pp-doc-upload", "pp-doc-remove", "pp-docs-admin"} <= ids
