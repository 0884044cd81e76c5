"""The lazy per-session block configurations: applied to the installed Gradio, same values as Gradio's own."""

from __future__ import annotations

from copy import copy

import gradio as gr
from gradio import state_holder

from assistant.config import Settings
from webui.gradio_patches import LazyConfigs, lazy_session_configs
from webui.app import build_app


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
    # one block read directly (not the first), then everything through `components` (what deep links iterate):
    # same values, same order as Gradio's eager dict
    some = list(eager)[len(eager) // 2]
    assert session.config_values[some] == eager[some]
    assert list(session.components) == [c for c in eager.values() if c]
    assert list(session.config_values.items()) == list(eager.items())
    assert session.config_values == eager and not (session.config_values != eager)


def test_updates_land_in_the_session_copy_only(tmp_path) -> None:
    lazy_session_configs()
    demo = build_app(Settings(data_dir=tmp_path))
    a, b = state_holder.SessionState(demo), state_holder.SessionState(demo)
    key = next(k for k, blk in demo.blocks.items() if isinstance(blk, gr.Textbox))
    a._update_value_in_config(key, "jauna vērtība")
    assert a.config_values[key]["props"]["value"] == "jauna vērtība"
    assert b.config_values[key]["props"].get("value") != "jauna vērtība"
    assert key in a.config_values and -1 not in a.config_values


def test_concurrent_render_never_loses_an_update(tmp_path) -> None:
    # Gradio's deep-link route renders a session's configs in a worker thread while the event loop updates values
    import threading

    lazy_session_configs()
    demo = build_app(Settings(data_dir=tmp_path))
    keys = [k for k, blk in demo.blocks.items() if isinstance(blk, gr.components.Component)]
    assert len(keys) >= 20
    for round_ in range(20):
        session = state_holder.SessionState(demo)
        start = threading.Barrier(2)

        def deep_link(session=session, start=start) -> None:
            start.wait()
            list(session.components)

        t = threading.Thread(target=deep_link)
        t.start()
        start.wait()
        for k in keys:
            session._update_value_in_config(k, f"v{round_}-{k}")
        t.join()
        assert all(session.config_values[k]["props"]["value"] == f"v{round_}-{k}" for k in keys)
