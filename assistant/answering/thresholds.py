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
    """The defaults are the calibrated table's values (a missing or broken table changes nothing)."""

    # route: channel weights and the bank cosine scale
    w_passages: float = 0.5
    w_bank_lexical: float = 0.5
    w_bank_ask: float = 1.0
    w_bank_dense: float = 3.0
    w_definition: float = 2.0
    dense_max_words: int = 20
    bank_cos_low: float = 0.85
    bank_cos_high: float = 0.97
    # select/compose
    answer_words: int = 120
    w_window_cov: float = 0.4
    hard_max_words: int = 220
    min_second_gain: float = 0.1
    second_route_share: float = 0.6
    near_tie_share: float = 99.0  # a second section routed at least this share of the lead's score is shown too
    # judge
    min_support: float = 0.44
    w_cov: float = 0.3
    w_ask: float = 0.0
    w_section: float = 0.0
    w_route: float = 0.7


PROBLEMS: list[str] = []  # what was wrong with thresholds.toml (reported by `python -m assistant index`)


def _load(path: Path = _PATH) -> Thresholds:
    """The table's values over the defaults; an unreadable file, an unknown key or a value of the wrong type is
    reported (Latvian / English) and leaves that value at its default."""
    problems: list[str] = []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Thresholds()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        PROBLEMS.append(
            f"sliekšņu tabula {path.name} nav nolasāma ({exc}): izmantotas noklusējuma vērtības / "
            f"the thresholds table {path.name} cannot be read ({exc}): defaults used"
        )
        return Thresholds()
    known = {f.name: f for f in fields(Thresholds)}
    values: dict[str, float | int] = {}
    for section in data.values():
        if not isinstance(section, dict):
            continue
        for k, v in section.items():
            want = type(getattr(Thresholds(), k)) if k in known else None
            if want is None:
                problems.append(f"{path.name}: nezināma atslēga {k!r} / unknown key {k!r}")
            elif isinstance(v, bool) or not isinstance(v, int | float) or (want is int and not isinstance(v, int)):
                problems.append(f"{path.name}: {k} = {v!r} nav skaitlis / {k} = {v!r} is not a number")
            else:
                values[k] = want(v)
    PROBLEMS.extend(problems)
    return Thresholds(**values)


THRESHOLDS = _load()

__all__ = ["PROBLEMS", "THRESHOLDS", "Thresholds"]
