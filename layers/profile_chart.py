"""The province profile chart: location quotient per theme around the national average (1).

Drawn without a `bar` trace: the page ships plotly.js's geo bundle (`assets/vendor/`), which has
only the choropleth, scattergeo and scatter traces. Each bar is a rectangle shape from 1 to the
quotient on a numeric axis (one row per theme); one `scatter` trace in text mode writes the values
and carries the hover.
"""

from __future__ import annotations

import math

import pandas as pd

from kansenkaart.i18n import format_number, t
from kansenkaart.registry import LANGUAGE_REGISTRY
from layers.style import DIVERGING

STRENGTH_COLOUR = DIVERGING[-1][1]
GAP_COLOUR = DIVERGING[0][1]
#: Half the thickness of a bar, in rows.
HALF_BAR = 0.35


def profile_figure(profile: pd.DataFrame, lang: str) -> dict:
    """The initiatives' LQ per theme; a suppressed LQ (too few initiatives) gets no bar."""
    themes = [t(f"theme.{k}", lang) for k in profile.index]
    lq = [None if math.isnan(v) else float(v) for v in profile["lq"]]
    return quotient_figure(themes, lq, t("profile_lq", lang), t("verdict.too_few", lang), lang)


def transition_figure(profile: pd.DataFrame, lang: str) -> dict:
    """The specialisation quotient per transition agenda (share of the province's material
    environmental cost against the national share)."""
    labels = list(profile[f"label_{lang}"])
    values = [None if math.isnan(v) else float(v) for v in profile["quotient"]]
    return quotient_figure(labels, values, t("transition_axis", lang), t("no_data", lang), lang)


def quotient_figure(
    themes: list[str], lq: list[float | None], axis_title: str, missing: str, lang: str
) -> dict:
    """Horizontal bars of a quotient around 1: right of the line above the national share, left
    below; no value, no bar."""
    labels = [missing if v is None else format_number(v, lang, 2) for v in lq]
    rows = list(range(len(themes)))
    bars = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "y",
            "x0": 1,
            "x1": value,
            "y0": row - HALF_BAR,
            "y1": row + HALF_BAR,
            "fillcolor": STRENGTH_COLOUR if value >= 1 else GAP_COLOUR,
            "line": {"width": 0},
        }
        for row, value in zip(rows, lq, strict=True)
        if value is not None
    ]
    average = {
        "type": "line",
        "x0": 1,
        "x1": 1,
        "yref": "paper",
        "y0": 0,
        "y1": 1,
        "line": {"color": "#333", "width": 1},
    }
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "text",
                # The value sits at the line, on the side away from its bar, so it never covers
                # a bar or an axis label whatever the bar's length; 'no data' right of the line.
                "x": [1] * len(rows),
                "y": rows,
                "text": labels,
                "textposition": [
                    "middle left" if v is not None and v >= 1 else "middle right" for v in lq
                ],
                "customdata": themes,
                "cliponaxis": False,
                "hovertemplate": "%{customdata}: %{text}<extra></extra>",
                "showlegend": False,
            }
        ],
        "layout": {
            "template": "none",
            "separators": LANGUAGE_REGISTRY[lang].plotly_separators,
            "height": 170,
            "margin": {"l": 110, "r": 40, "t": 8, "b": 28},
            # Hovering anywhere in a theme's row shows its value.
            "hovermode": "y",
            "xaxis": {
                "title": {"text": axis_title},
                "zeroline": False,
                # 1 in the middle unless a quotient is above 2.
                "range": [0, max([2.0] + [v * 1.05 for v in lq if v is not None])],
                "automargin": True,
            },
            "yaxis": {
                "tickmode": "array",
                "tickvals": rows,
                "ticktext": themes,
                "range": [len(rows) - 0.5, -0.5],  # first theme on top
                "showgrid": False,
                "zeroline": False,
                "automargin": True,
            },
            "shapes": [*bars, average],
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
            "font": {"family": "system-ui, sans-serif", "size": 12},
        },
    }
