"""The provinces a presentation caption singles out, drawn with the selected province's border."""

from __future__ import annotations

from collections.abc import Iterable

from kansenkaart.registry import PROVINCE_CODES
from layers.figure_patch import Updates
from layers.map_figure import VALUES
from layers.style import BORDER, SELECTED_BORDER

WIDTH, HIGHLIGHT_WIDTH = 0.8, 2.6  # as layers/provinces.py draws a selected province


def highlight_updates(provinces: Iterable[str]) -> Updates:
    """The values layer's borders: thick and black for `provinces`, the usual grey elsewhere."""
    chosen = frozenset(provinces)
    return {
        (VALUES, "marker.line.width"): [
            HIGHLIGHT_WIDTH if code in chosen else WIDTH for code in PROVINCE_CODES
        ],
        (VALUES, "marker.line.color"): [
            SELECTED_BORDER if code in chosen else BORDER for code in PROVINCE_CODES
        ],
    }
