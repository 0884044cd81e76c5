"""``python -m assistant corpus add|replace|remove|list``: the documents administrators add beside the corpus.

The shipped ``corpus/`` stays read-only; added documents live under ``<data_dir>/documents/`` and the index follows
every change (only new text is embedded; readers keep the previous index until the new one is complete).
"""

from __future__ import annotations

import argparse
import json
import sys
import time


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "corpus",
        help="pievienot, aizstāt, izņemt dokumentus / add, replace, remove documents",
        description="Dokumenti, ko pievieno administrators (datu mapē) / documents administrators add (in the data dir)",
    )
    cmds = p.add_subparsers(dest="corpus_command", metavar="ACTION")
    add = cmds.add_parser(
        "add",
        help="pievienot dokumentu (ar esoša id: aizstāt) / add a document (with an existing id: replace it)",
        description="PDF (arī skenēts: latviešu OCR), DOCX, HTML, Markdown vai teksts / PDF (scans too: Latvian "
        "OCR), DOCX, HTML, Markdown or text. Nenorādītie lauki tiek uzminēti no faila / fields not given are "
        "guessed from the file.",
    )
    add.add_argument("path", help="fails / file")
    _meta_flags(add)
    add.add_argument("--id", dest="doc_id", help="dokumenta id (esošs: aizstāt) / document id (existing: replace)")
    add.add_argument("--json", action="store_true", help="rezultāts JSON formātā / result as JSON")
    add.set_defaults(func=run_add)
    rep = cmds.add_parser("replace", help="jauna dokumenta versija / a new version of a document")
    rep.add_argument("doc_id", metavar="ID")
    rep.add_argument("path", help="fails / file")
    _meta_flags(rep)
    rep.add_argument("--json", action="store_true", help="rezultāts JSON formātā / result as JSON")
    rep.set_defaults(func=run_replace)
    rm = cmds.add_parser("remove", help="izņemt pievienotu dokumentu / remove an added document")
    rm.add_argument("doc_id", metavar="ID")
    rm.add_argument("--json", action="store_true", help="rezultāts JSON formātā / result as JSON")
    rm.set_defaults(func=run_remove)
    ls = cmds.add_parser("list", help="visi dokumenti un to statuss / every document and its status")
    ls.add_argument("--json", action="store_true", help="JSON formātā / as JSON")
    ls.set_defaults(func=run_list)
    p.set_defaults(func=lambda args, settings: _no_action(p))


def _no_action(p: argparse.ArgumentParser) -> int:
    p.print_help(sys.stderr)
    return 2


def _meta_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--title", help="nosaukums / title")
    p.add_argument("--issuer", help="izdevējs / issuer")
    p.add_argument("--year", help="gads / year")
    p.add_argument("--kind", help="veids / kind (guideline, regulation, FAQ, presentation, template, report, …)")
    p.add_argument("--language", help="valoda / language (lv, en, …)")
    p.add_argument("--notes", help="piezīmes / notes")


class _Progress:
    """One line on stderr, rewritten in place on a terminal, a line per step otherwise."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.last = ""
        self.t = 0.0

    def __call__(self, frac: float, msg: str) -> None:
        now = time.monotonic()
        line = f"[{frac * 100:5.1f} %] {msg}"
        if self.tty:
            print("\r" + line[:100].ljust(100), end="", file=sys.stderr, flush=True)
        elif msg != self.last and (now - self.t > 1.0 or frac >= 1.0):
            print(line, file=sys.stderr, flush=True)
            self.t = now
        self.last = msg

    def done(self) -> None:
        if self.tty:
            print("\r" + " " * 100 + "\r", end="", file=sys.stderr, flush=True)


def _meta(args: argparse.Namespace) -> dict:
    return {k: getattr(args, k, None) for k in ("title", "issuer", "year", "kind", "language", "notes")}


def _report(rep: dict, as_json: bool) -> int:
    if as_json:
        print(json.dumps(rep, ensure_ascii=False))
        return 0
    action = {"added": "pievienots / added", "replaced": "aizstāts / replaced", "removed": "izņemts / removed"}
    idx = rep.get("index") or {}
    print(f"Dokuments {rep['id']} {action.get(rep['action'], rep['action'])}: „{rep.get('title')}” ({rep['seconds']} s)")
    if rep["action"] != "removed":
        pages = f"{rep['pages']} lapas / pages, " if rep.get("pages") else ""
        print(
            f"  {pages}{rep.get('chars')} rakstzīmes / characters; "
            f"indekss / index: {idx.get('chunks')} fragmenti / chunks, {idx.get('embedded', 0)} jauni vektori / "
            f"new vectors, {idx.get('reused', 0)} no kešatmiņas / cached"
        )
        if rep.get("ocr_pages"):
            print(
                f"  OCR lapas / OCR pages: {_pages(rep['ocr_pages'])} (vidējā ticamība / mean confidence "
                f"{rep.get('ocr_confidence')})"
            )
        if rep.get("low_confidence_pages"):
            print(
                f"  Pārbaudiet / check: zema OCR ticamība lapās / low OCR confidence on pages "
                f"{_pages(rep['low_confidence_pages'])}",
                file=sys.stderr,
            )
        if rep.get("bank_questions"):
            print(f"  Jautājumu banka / question bank: {rep['bank_questions']} jautājumi / questions (LLM)")
        for p in rep.get("bank_problems") or []:
            print(f"Brīdinājums / Warning: {p}", file=sys.stderr)
    return 0


def _pages(ns: list[int]) -> str:
    return ", ".join(str(n) for n in ns[:30]) + (" …" if len(ns) > 30 else "")


def run_add(args: argparse.Namespace, settings) -> int:
    from ..library import DocumentLibrary

    prog = _Progress()
    try:
        rep = DocumentLibrary(settings).add(args.path, doc_id=args.doc_id, progress=prog, user=_user(), **_meta(args))
    finally:
        prog.done()
    return _report(rep, args.json)


def run_replace(args: argparse.Namespace, settings) -> int:
    from ..library import DocumentLibrary

    prog = _Progress()
    try:
        rep = DocumentLibrary(settings).replace(args.doc_id, args.path, progress=prog, user=_user(), **_meta(args))
    finally:
        prog.done()
    return _report(rep, args.json)


def run_remove(args: argparse.Namespace, settings) -> int:
    from ..library import DocumentLibrary

    prog = _Progress()
    try:
        rep = DocumentLibrary(settings).remove(args.doc_id, progress=prog, user=_user())
    finally:
        prog.done()
    return _report(rep, args.json)


STATUS_LV = {"indexed": "indeksā", "pending": "gaida indeksu", "problem": "problēma"}


def run_list(args: argparse.Namespace, settings) -> int:
    from ..library import DocumentLibrary

    docs = DocumentLibrary(settings).list()
    if args.json:
        print(json.dumps(docs, ensure_ascii=False))
        return 0
    print("ID    Izcelsme  Statuss        Gads  Veids         Nosaukums / ID Origin Status Year Kind Title")
    for d in docs:
        origin = "korpuss" if d["origin"] == "corpus" else "pievienots"
        status = STATUS_LV.get(d.get("status", ""), d.get("status", ""))
        print(
            f"{str(d['id'])[:5]:<5} {origin:<9} {status:<14} {d.get('year') or ''!s:<5} "
            f"{str(d.get('kind') or '')[:12]:<13} {d.get('title')}"
        )
        extra = []
        if d.get("ocr_pages"):
            extra.append(f"OCR lapas / pages {_pages(d['ocr_pages'])} (ticamība / confidence {d.get('ocr_confidence')})")
        if d.get("low_confidence_pages"):
            extra.append(f"zema ticamība / low confidence: {_pages(d['low_confidence_pages'])}")
        if d.get("problem"):
            extra.append(str(d["problem"]))
        for e in extra:
            print(f"{'':<31}{e}")
    return 0


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is no problem
        return ""
