"""The province profile chart: location quotient per theme around the national average (1)."""

from __future__ import annotations

import math

import pandas as pd

from kansenkaart.i18n import format_number, t
from layers.style import DIVERGING

STRENGTH_COLOUR = DIVERGING[-1][1]
GAP_COLOUR = DIVERGING[0][1]


def profile_figure(profile: pd.DataFrame, lang: str) -> dict:
    """Horizontal bars of LQ - 1: right of the line is a strength, left a gap; no data, no bar."""
    themes = [t(f"theme.{k}", lang) for k in profile.index]
    lq = [None if math.isnan(v) else float(v) for v in profile["lq"]]
    offsets = [None if v is None else v - 1 for v in lq]
    labels = [t("no_data", lang) if v is None else format_number(v, lang, 2) for v in lq]
    colours = [STRENGTH_COLOUR if (o or 0) >= 0 else GAP_COLOUR for o in offsets]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": themes,
                "x": offsets,
                "base": 1,
                "text": labels,
                "textposition": "outside",
                "cliponaxis": False,
                "marker": {"color": colours},
                "hovertemplate": "%{y}: %{text}<extra></extra>",
            }
        ],
        "layout": {
            "template": "none",
            "height": 170,
            "margin": {"l": 110, "r": 40, "t": 8, "b": 28},
            "xaxis": {
                "title": {"text": t("profile_lq", lang)},
                "zeroline": False,
                "rangemode": "tozero",
                "automargin": True,
            },
            "yaxis": {"autorange": "reversed", "automargin": True},
            "shapes": [
                {
                    "type": "line",
                    "x0": 1,
                    "x1": 1,
                    "yref": "paper",
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": "#333", "width": 1},
                }
            ],
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
            "font": {"family": "system-ui, sans-serif", "size": 12},
        },
    }
