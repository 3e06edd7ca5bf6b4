"""The side charts (a province's two profile charts, the comparison's) drawn only with data.

plotly.js draws even an empty figure in full (axes, layers: 10-50 ms each on the bench machine),
and dcc.Graph draws on mount whether its panel is hidden or not. On most first loads these panels
are hidden, so each chart sits in a slot that holds its Graph only when there is something to
show: the layout and the callbacks fill the slot, not the Graph's figure.
"""

from __future__ import annotations

from typing import Any

from dash import dcc

#: No mode bar on the charts beside the map, the year chart too (the map's images are the PNG/SVG downloads).
CONFIG: Any = {"displayModeBar": False, "responsive": True}  # dcc.Graph types config narrowly


def chart(chart_id: str, figure: dict, class_name: str, height: str | None = None) -> list:
    """The slot's children: the chart, or nothing while its figure has no traces."""
    if not figure.get("data"):
        return []
    # No style=None: dcc.Graph reads the style's height.
    sized: dict[str, Any] = {"style": {"height": height}} if height else {}
    return [dcc.Graph(id=chart_id, figure=figure, config=CONFIG, className=class_name, **sized)]


def profile_chart(chart_id: str, figure: dict) -> list:
    """A quotient chart of the profile (filled by the details callback)."""
    return chart(chart_id, figure, "profile-chart", "170px")
