"""The time view's bar chart: initiatives per start year, the view's range in a darker colour.

The page's plotly.js geo bundle has no `bar` trace (ui/plotly_bundle.py), so as in the profile
chart each bar is a rectangle shape; one `scatter` trace carries a point per year at the bar's top
with the hover, and with `hovermode: "x"` a click anywhere in a year's column reports that year
(`clickData.points[0].x`), so a short bar is as easy to hit as a tall one.
"""

from __future__ import annotations

from kansenkaart.i18n import t
from kansenkaart.registry import LANGUAGE_REGISTRY
from kansenkaart.timeline import YearCounts

#: Bars inside the view's year range, and those outside it.
IN_RANGE = "#006837"  # the darkest of the map's sequential scale (layers/style.py)
OUT_OF_RANGE = "#c2e699"
HALF_BAR = 0.4


def year_figure(
    counts: YearCounts, lang: str, year_from: int | None = None, year_to: int | None = None
) -> dict:
    """Bars of `counts`; with a range, the years in it dark and the others light."""
    ranged = year_from is not None or year_to is not None

    def colour(year: int) -> str:
        inside = (year_from is None or year >= year_from) and (year_to is None or year <= year_to)
        return IN_RANGE if inside or not ranged else OUT_OF_RANGE

    bars = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "y",
            "x0": year - HALF_BAR,
            "x1": year + HALF_BAR,
            "y0": 0,
            "y1": count,
            "fillcolor": colour(year),
            "line": {"width": 0},
        }
        for year, count in zip(counts.years, counts.counts, strict=True)
        if count
    ]
    top = max(counts.counts, default=0)
    unit = t("timeline_axis", lang)
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "markers",
                "x": list(counts.years),
                "y": list(counts.counts),
                "marker": {"size": 4, "color": "rgba(0,0,0,0)"},
                "hovertemplate": f"%{{x}}: %{{y}} {unit}<extra></extra>",
                "showlegend": False,
            }
        ],
        "layout": {
            "template": "none",
            "separators": LANGUAGE_REGISTRY[lang].plotly_separators,
            "height": 150,
            "margin": {"l": 32, "r": 8, "t": 8, "b": 24},
            "hovermode": "x",
            "dragmode": False,
            "xaxis": {
                "range": [
                    (counts.years[0] if counts.years else 2000) - 0.6,
                    (counts.years[-1] if counts.years else 2001) + 0.6,
                ],
                "tickformat": "d",
                "showgrid": False,
                "zeroline": False,
                "fixedrange": True,
            },
            "yaxis": {
                "range": [0, max(1, top) * 1.08],
                "rangemode": "tozero",
                "tickformat": "d",
                "fixedrange": True,
                "automargin": True,
            },
            "shapes": bars,
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
            "font": {"family": "system-ui, sans-serif", "size": 12},
        },
    }
