"""The answer path's thresholds and weights: one table, read from ``thresholds.toml`` beside this module.

Every value there names the set it was calibrated on and the date (see that file); nothing here is tuned.

Example:
    THRESHOLDS.w_bank_dense, THRESHOLDS.min_support
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

_PATH = Path(__file__).with_name("thresholds.toml")


@dataclass(frozen=True)
class Thresholds:
    # route: channel weights and the bank cosine scale
    w_passages: float = 1.0
    w_bank_lexical: float = 0.5
    w_bank_dense: float = 1.0
    w_bank_ask: float = 1.0
    w_definition: float = 2.0
    dense_max_words: int = 20
    bank_cos_low: float = 0.80
    bank_cos_high: float = 0.92
    # select/compose
    answer_words: int = 120
    w_window_cov: float = 0.4
    hard_max_words: int = 220
    min_second_gain: float = 0.2
    second_route_share: float = 0.6
    # judge
    min_support: float = 0.40
    w_cov: float = 0.5
    w_ask: float = 0.0
    w_section: float = 0.0
    w_route: float = 0.5


def _load() -> Thresholds:
    try:
        data = tomllib.loads(_PATH.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Thresholds()
    known = {f.name: f.type for f in fields(Thresholds)}
    values = {}
    for section in data.values():
        if not isinstance(section, dict):
            continue
        for k, v in section.items():
            if k in known and isinstance(v, int | float):
                values[k] = type(getattr(Thresholds(), k))(v)
    return Thresholds(**values)


THRESHOLDS = _load()

__all__ = ["THRESHOLDS", "Thresholds"]
