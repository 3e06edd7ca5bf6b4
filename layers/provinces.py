"""The choropleth layers: the metric values, and grey shapes for provinces without a value.

Only the provinces without a value are in the grey layer (usually none): plotly redraws every
shape of the map on each change, so a full outline under the values would double that work.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from kansenkaart.i18n import t
from kansenkaart.metrics import Metric, MetricSource
from kansenkaart.registry import PROVINCE_CODES
from layers.style import (
    BORDER,
    DIVERGING,
    NO_DATA_FILL,
    SELECTED_BORDER,
    SEQUENTIAL,
    TOO_FEW_FILL,
)

FEATURE_KEY = "properties.statcode"


def outline_trace(geojson: dict) -> go.Choropleth:
    """Grey provinces where the values layer has none, so the map always shows all twelve."""
    return go.Choropleth(
        geojson=geojson,
        featureidkey=FEATURE_KEY,
        locations=[],
        z=[],
        # 0: no data (grey), 1: too few initiatives for the metric (hatched-looking sand)
        colorscale=[[0, NO_DATA_FILL], [0.5, NO_DATA_FILL], [0.5, TOO_FEW_FILL], [1, TOO_FEW_FILL]],
        zmin=0,
        zmax=1,
        showscale=False,
        marker={"line": {"color": BORDER, "width": 0.8}},
        name="outline",
        showlegend=False,
    )


def values_trace(geojson: dict) -> go.Choropleth:
    """The metric layer; its values, colours and texts come from `values_update`."""
    return go.Choropleth(
        geojson=geojson,
        featureidkey=FEATURE_KEY,
        locations=list(PROVINCE_CODES),
        marker={"line": {"color": BORDER, "width": 0.8}},
        colorbar={
            "thickness": 14,
            "len": 0.55,
            "x": 0.0,
            "xanchor": "left",
            "y": 0.98,
            "yanchor": "top",
            "outlinewidth": 0,
        },
        name="provinces",
        showlegend=False,
    )


def values_update(
    values: pd.Series,
    names: pd.Series,
    metric: Metric,
    source: MetricSource,
    lang: str,
    selected: str | None,
) -> dict:
    """Everything of the value choropleth that depends on the view, as plain data.

    The hover text is a template over the value itself (`%{z}`), so a filter change sends the
    twelve numbers and nothing else of this trace. The hover names the figure's year and source
    (and the line above the map, ui.presenter); a province's own note (a secondary source) is in
    its hover.
    """
    finite = [v for v in values if not math.isnan(v)]
    label, unit = metric.label(lang), metric.unit(lang)
    cite = source.line(lang)
    if metric.diverging:
        spread = max([abs(v - 1) for v in finite] + [0.5])
        zmin, zmax = 1 - spread, 1 + spread
    else:
        # The scale spans the values shown (all twelve may lie between 10 and 16); one value
        # alone, or none, gets a scale of width 1 so the colours still read.
        zmin, zmax = min(finite, default=0.0), max(finite, default=0.0)
        if zmax - zmin < 1e-9:
            zmin, zmax = max(zmin - 0.5, 0.0), max(zmin - 0.5, 0.0) + 1.0
    shown_unit = f" ({unit})" if metric.diverging else f" {unit}"
    return {
        "z": [None if math.isnan(v) else round(float(v), 4) for v in values],
        "zmin": zmin,
        "zmax": zmax,
        "colorscale": DIVERGING if metric.diverging else SEQUENTIAL,
        "customdata": [[str(names[code]), source.notes.get(code, "")] for code in PROVINCE_CODES],
        "hovertemplate": (
            f"<b>%{{customdata[0]}}</b><br>{label}: %{{z:{metric.hover_format}}}{shown_unit}"
            f"<br><i>{cite}</i><br>%{{customdata[1]}}<extra></extra>"
        ),
        # The label only: the unit, year and source are in the line above the map (page) and the
        # credit (image). In the colour bar they ran past a phone's screen in presentation mode.
        "colorbar.title.text": label,
        # whole numbers on the scale of a count; plotly chooses the steps otherwise
        "colorbar.dtick": max(1, math.ceil((zmax - zmin) / 5)) if metric.key == "count" else None,
        "marker.line.width": [2.6 if c == selected else 0.8 for c in PROVINCE_CODES],
        "marker.line.color": [SELECTED_BORDER if c == selected else BORDER for c in PROVINCE_CODES],
    }


def outline_update(
    values: pd.Series,
    names: pd.Series,
    metric: Metric,
    lang: str,
    too_few: frozenset[str] = frozenset(),
) -> dict:
    """The provinces without a value: grey for "no data", a style of their own (and a legend
    entry) where a location quotient would rest on too few initiatives."""
    missing = [
        code for code, value in zip(PROVINCE_CODES, values, strict=True) if math.isnan(value)
    ]
    label = metric.label(lang)
    why = {
        code: t("map_too_few", lang) if code in too_few else t("no_data", lang) for code in missing
    }
    return {
        "locations": missing,
        "z": [1 if code in too_few else 0 for code in missing],
        "customdata": [[str(names[code]), why[code]] for code in missing],
        "hovertemplate": f"<b>%{{customdata[0]}}</b><br>{label}: %{{customdata[1]}}<extra></extra>",
    }
