"""The one map-update format: (trace index or LAYOUT, dotted property path) -> new value.

`write_into` is its only interpreter. `apply` writes into a figure dict (image exports, a new
page, tests); the page's callbacks write the same updates into a `dash.Patch`
(callbacks/map_patch.py), so only these values travel and both paths agree by construction.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

#: The "trace index" of an update to the figure's layout.
LAYOUT = None

Updates = dict[tuple[int | None, str], object]


def write_into(
    figure: Any,
    updates: Mapping[tuple[int | None, str], object],
    descend: Callable[[Any, str], Any],
) -> Any:
    """Write every update into `figure` (a dict or a dash.Patch); `descend` steps one key down,
    creating the level where a dict lacks it."""
    for (index, path), value in updates.items():
        target = figure["layout"] if index is LAYOUT else figure["data"][index]
        *parents, last = path.split(".")
        for key in parents:
            target = descend(target, key)
        target[last] = value
    return figure


def apply(figure: dict, updates: Mapping[tuple[int | None, str], object]) -> dict:
    """A copy of the figure dict with the updates written in, as a Patch does in the browser."""
    return write_into(
        copy.deepcopy(figure), updates, lambda target, key: target.setdefault(key, {})
    )
