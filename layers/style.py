"""Colours and symbols shared by the layers: colour-blind safe (ColorBrewer, Okabe-Ito)."""

from __future__ import annotations

from typing import Final

#: Sequential ColorBrewer YlGn: colour-blind safe, light at zero so markers stay visible.
SEQUENTIAL: Final = [
    [0.0, "#f7fcb9"],
    [0.25, "#c2e699"],
    [0.5, "#78c679"],
    [0.75, "#31a354"],
    [1.0, "#006837"],
]
#: Diverging ColorBrewer PuOr around 1 for location quotients: orange below, purple above.
DIVERGING: Final = [
    [0.0, "#b35806"],
    [0.25, "#f1a340"],
    [0.5, "#f7f7f7"],
    [0.75, "#998ec3"],
    [1.0, "#542788"],
]
NO_DATA_FILL: Final = "#d9d9d9"
#: Provinces whose value would rest on too few initiatives: pale sand, apart from any scale.
TOO_FEW_FILL: Final = "#efe3c2"
BORDER: Final = "#4d4d4d"
SELECTED_BORDER: Final = "#000000"

#: Okabe-Ito colours plus a distinct symbol, so kinds differ without relying on colour.
KIND_STYLE: Final = {
    "programme": ("#0072B2", "circle"),
    "initiative": ("#D55E00", "diamond"),
    "result": ("#CC79A7", "square"),
    "icoonproject": ("#000000", "star"),
    "network": ("#E69F00", "triangle-up"),
    "roadmap": ("#56B4E9", "pentagon"),
}
