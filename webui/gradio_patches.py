"""A measured fix for Gradio's per-call session cost on API calls.

Every API call (``gradio_client``, ``curl``) arrives with a fresh session, and Gradio's ``SessionState.__init__``
renders the configuration of *every* block of the app at once (``config_for_block`` → ``get_config`` →
``inspect.signature`` for each of our ~90 blocks): 6.9 ms of CPU per call that a stateless ``/ask`` never reads. Those
per-session configurations are only read for deep links and for blocks a handler updates, so
:func:`lazy_session_configs` makes them lazy: a block's configuration is rendered the first time something asks for
it, and all of them when Gradio iterates over ``components`` (deep links). What Gradio gets back is unchanged.

The patch applies only when ``SessionState`` still looks the way it was written against (checked by the attribute
names its ``__init__`` sets); otherwise Gradio is left alone and the reason is logged. ``tests/test_gradio_patches.py``
checks both that it applies to the installed Gradio and that the configurations it yields equal Gradio's own.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from copy import copy
from typing import Any

log = logging.getLogger("paligs.app")

# the attribute names Gradio 6's SessionState.__init__ reads and sets (co_names of the function we replace)
_EXPECTED_NAMES = {
    "copy",
    "default_config",
    "blocks_config",
    "blocks",
    "items",
    "config_values",
    "state_data",
    "_state_ttl",
    "is_closed",
    "os",
    "getenv",
    "STATE_TTL_WHEN_CLOSED",
}


class LazyConfigs(dict):
    """``{block id: block config}`` rendered on demand from a session's ``blocks_config``.

    Behaves as the eager dict Gradio builds: missing keys of known blocks are rendered on first read, and iteration
    renders everything first, in the blocks' own order. Keys Gradio sets itself (after an update) are stored as
    given and never overwritten by a later render. A lock makes check-render-insert one step: Gradio's deep-link
    route reads a session's configurations from a worker thread while the event loop updates them.
    """

    def __init__(self, blocks_config: Any, wanted: set[int]) -> None:
        super().__init__()
        self._bc = blocks_config
        self._pending = set(wanted)
        self._lock = threading.RLock()

    def _render(self, key: Any) -> None:
        if key not in self._pending:  # cheap unlocked test; re-checked under the lock
            return
        with self._lock:
            if key in self._pending:
                block = self._bc.blocks.get(key)
                if block is not None:
                    dict.setdefault(self, key, self._bc.config_for_block(key, [], block))
                self._pending.discard(key)

    def _render_all(self) -> None:
        with self._lock:
            if self._pending:
                for key in list(self._bc.blocks):
                    self._render(key)
                for key in list(self._pending):  # ids no longer among the blocks: nothing to render
                    self._render(key)

    def __getitem__(self, key: int) -> Any:
        self._render(key)
        return dict.__getitem__(self, key)

    def __setitem__(self, key: int, value: Any) -> None:
        with self._lock:
            self._pending.discard(key)
            dict.__setitem__(self, key, value)

    def __contains__(self, key: object) -> bool:
        self._render(key)
        return dict.__contains__(self, key)

    def get(self, key: int, default: Any = None) -> Any:
        self._render(key)
        return dict.get(self, key, default)

    def _ordered(self) -> list[int]:
        """All keys, rendered, in the blocks' own order (as Gradio's eager dict has them)."""
        self._render_all()
        with self._lock:
            order = [k for k in self._bc.blocks if dict.__contains__(self, k)]
            seen = set(order)
            return order + [k for k in dict.keys(self) if k not in seen]

    def __iter__(self) -> Iterator[int]:
        return iter(self._ordered())

    def __len__(self) -> int:
        self._render_all()
        return dict.__len__(self)

    # snapshots, not live views: another thread may add a key while the caller iterates
    def keys(self):  # type: ignore[override]
        return self._ordered()

    def values(self):  # type: ignore[override]
        with self._lock:
            return [dict.__getitem__(self, k) for k in self._ordered()]

    def items(self):  # type: ignore[override]
        with self._lock:
            return [(k, dict.__getitem__(self, k)) for k in self._ordered()]

    def __eq__(self, other: object) -> bool:
        self._render_all()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = None  # type: ignore[assignment]


def _lazy_init(self: Any, blocks: Any) -> None:
    import os

    self.blocks_config = copy(blocks.default_config)
    wanted = {k for k in self.blocks_config.blocks if k in blocks.blocks}
    self.config_values = LazyConfigs(self.blocks_config, wanted)
    self.state_data = {}
    self._state_ttl = {}
    self.is_closed = False
    self.STATE_TTL_WHEN_CLOSED = 1 if os.getenv("GRADIO_IS_E2E_TEST", None) else 3600


_applied: bool | None = None


def lazy_session_configs() -> bool:
    """Install the lazy per-session configurations once; returns whether the patch is active."""
    global _applied
    if _applied is not None:
        return _applied
    try:
        from gradio import state_holder

        init = state_holder.SessionState.__init__
        names = set(init.__code__.co_names)
    except Exception as exc:  # noqa: BLE001 - any change in Gradio's layout: leave it alone
        log.info("Gradio session patch not applied: %s", exc)
        _applied = False
        return False
    if names != _EXPECTED_NAMES:
        log.info("Gradio session patch not applied: SessionState changed (%s)", sorted(names ^ _EXPECTED_NAMES))
        _applied = False
        return False
    state_holder.SessionState.__init__ = _lazy_init  # type: ignore[method-assign]
    _applied = True
    return True
