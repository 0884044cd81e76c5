"""The lazy per-session block configurations: applied to the installed Gradio, same values as Gradio's own."""

from __future__ import annotations

from copy import copy

import gradio as gr
from gradio import state_holder

from assistant.config import Settings
from webui.gradio_patches import LazyConfigs, lazy_session_configs
from webui.ui import build_app


def _eager(demo: gr.Blocks) -> dict:
    bc = copy(demo.default_config)
    return {k: bc.config_for_block(k, [], v) for k, v in bc.blocks.items() if k in demo.blocks}


def test_patch_applies_to_the_installed_gradio(tmp_path) -> None:
    # a Gradio upgrade that changes SessionState makes this fail, so the patch gets reviewed, not silently dropped
    assert lazy_session_configs() is True
    demo = build_app(Settings(data_dir=tmp_path))
    session = state_holder.SessionState(demo)
    assert isinstance(session.config_values, LazyConfigs)
    assert dict.__len__(session.config_values) == 0  # nothing rendered for a call that never reads it


def test_lazy_configs_equal_gradios_own(tmp_path) -> None:
    lazy_session_configs()
    demo = build_app(Settings(data_dir=tmp_path))
    eager = _eager(demo)
    assert len(eager) > 50
    session = state_holder.SessionState(demo)
    # one block read directly, then everything through `components` (what deep links iterate)
    some = next(iter(eager))
    assert session.config_values[some] == eager[some]
    assert list(session.components) == [c for c in eager.values() if c]
    assert dict(session.config_values.items()) == eager


def test_updates_land_in_the_session_copy_only(tmp_path) -> None:
    lazy_session_configs()
    demo = build_app(Settings(data_dir=tmp_path))
    a, b = state_holder.SessionState(demo), state_holder.SessionState(demo)
    key = next(k for k, blk in demo.blocks.items() if isinstance(blk, gr.Textbox))
    a._update_value_in_config(key, "jauna vērtība")
    assert a.config_values[key]["props"]["value"] == "jauna vērtība"
    assert b.config_values[key]["props"].get("value") != "jauna vērtība"
    assert key in a.config_values and -1 not in a.config_values
