"""The choropleth layer: an outline of all provinces and the metric values on top."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from kansenkaart.i18n import format_number, t
from kansenkaart.registry import PROVINCE_CODES
from layers.style import BORDER, DIVERGING, NO_DATA_FILL, SELECTED_BORDER, SEQUENTIAL

FEATURE_KEY = "properties.statcode"
DECIMALS = {"count": 0, "per100k": 1, "lq": 2}


def outline_trace(geojson: dict) -> go.Choropleth:
    """Grey provinces under the values, so a province without a value is still drawn."""
    return go.Choropleth(
        geojson=geojson,
        featureidkey=FEATURE_KEY,
        locations=list(PROVINCE_CODES),
        z=[0] * len(PROVINCE_CODES),
        colorscale=[[0, NO_DATA_FILL], [1, NO_DATA_FILL]],
        showscale=False,
        marker={"line": {"color": BORDER, "width": 0.8}},
        hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
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
        hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
        name="provinces",
        showlegend=False,
    )


def values_update(
    values: pd.Series, names: pd.Series, metric: str, lang: str, selected: str | None
) -> dict:
    """Everything of the two choropleth traces that depends on the view, as plain data."""
    finite = [v for v in values if not math.isnan(v)]
    diverging = metric == "lq"
    high = max(finite, default=0.0)
    label = t(f"metric.{metric}", lang)
    title = f"{label}<br><sup>{t('unit.lq', lang)}</sup>" if diverging else label
    no_data = t("no_data", lang)
    shown = [
        format_number(v, lang, DECIMALS[metric]) if not math.isnan(v) else no_data for v in values
    ]
    unit = f" ({t('unit.lq', lang)})" if diverging else ""
    if diverging:
        spread = max([abs(v - 1) for v in finite] + [0.5])
        zmin, zmax = 1 - spread, 1 + spread
    else:
        zmin, zmax = 0.0, max(high, 1.0)  # readable when every value is zero
    return {
        "z": [None if math.isnan(v) else round(float(v), 4) for v in values],
        "zmin": zmin,
        "zmax": zmax,
        "colorscale": DIVERGING if diverging else SEQUENTIAL,
        "customdata": [[n, f"{label}: {s}{unit}"] for n, s in zip(names, shown, strict=True)],
        "colorbar.title.text": title,
        # whole numbers on the scale of a count; plotly chooses the steps otherwise
        "colorbar.dtick": max(1, math.ceil(zmax / 5)) if metric == "count" else None,
        "marker.line.width": [2.6 if c == selected else 0.8 for c in PROVINCE_CODES],
        "marker.line.color": [SELECTED_BORDER if c == selected else BORDER for c in PROVINCE_CODES],
    }


def outline_update(names: pd.Series, metric: str, lang: str) -> dict:
    """Hover text of the grey outline: shown only where the values layer has no value."""
    label = t(f"metric.{metric}", lang)
    return {"customdata": [[n, f"{label}: {t('no_data', lang)}"] for n in names]}
