"""The marker layer: every initiative in one trace, its kind shown by colour and symbol.

One trace rather than one per kind: plotly recalculates every changed trace on each redraw, and
a theme change should redraw as little as possible. The legend that explains colour and symbol
is HTML beside the map (ui/legend.py).

Two ways to fill it, chosen by layers.map_figure:
- `markers_static` + `markers_visibility`: every initiative is in the figure once (positions,
  ids, hover texts, styles); a view change then sends only `lat`, with None for the hidden ones
  (a point without a latitude is neither drawn nor hoverable). Small data sets, smallest patches.
- `markers_rows`: only the shown initiatives, in full; for large data sets with few shown.
"""

from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kansenkaart.dataset import DataSet
from kansenkaart.i18n import t
from kansenkaart.registry import KINDS
from layers.style import KIND_STYLE

MARKER_SIZE = 10
HIGHLIGHT = 1.8

_hover_cache: dict[tuple[str, str], pd.Series] = {}


def initiatives_trace() -> go.Scattergeo:
    """The empty, styled trace; the update functions fill it."""
    return go.Scattergeo(
        lat=[],
        lon=[],
        mode="markers",
        name="initiatives",
        showlegend=False,
        marker={"size": MARKER_SIZE, "line": {"color": "#ffffff", "width": 1}, "opacity": 0.95},
        hovertemplate="%{hovertext}<extra></extra>",
    )


def hover_texts(data: DataSet, lang: str) -> pd.Series:
    """Name, kind and themes per initiative, built once per data version and language.

    Data text is escaped because Plotly renders hover text as HTML.
    """
    key = (data.version, lang)
    if key not in _hover_cache:
        frame = data.initiatives
        kinds = frame["kind"].map({k: t(f"kind.{k}", lang) for k in KINDS})
        themes = frame["themes"].map({ts: _theme_list(ts, lang) for ts in frame["themes"].unique()})
        label = t("hover_themes", lang)
        _hover_cache.clear()  # one data version and language at a time is plenty
        _hover_cache[key] = (
            "<b>" + frame["name"].map(escape) + "</b><br>" + kinds + "<br>" + label + ": " + themes
        )
    return _hover_cache[key]


def _theme_list(themes: str, lang: str) -> str:
    return ", ".join(t(f"theme.{x}", lang) for x in themes.split(";"))


def _sizes(ids: pd.Series, highlighted: str | None, size: float) -> list[float]:
    return np.where(ids.to_numpy() == highlighted, size * HIGHLIGHT, size).tolist()


def _style(kinds: pd.Series) -> dict:
    return {
        "marker.color": kinds.map({k: s[0] for k, s in KIND_STYLE.items()}).tolist(),
        "marker.symbol": kinds.map({k: s[1] for k, s in KIND_STYLE.items()}).tolist(),
    }


def markers_static(data: DataSet, lang: str) -> dict:
    """Every initiative's longitude, id, hover text and style (sent once per language)."""
    frame = data.initiatives
    return {
        "lon": frame["map_lon"].round(4).astype(object).where(frame["has_point"], None).tolist(),
        "customdata": frame["id"].tolist(),
        "hovertext": hover_texts(data, lang).tolist(),
        **_style(frame["kind"]),
    }


def markers_visibility(
    data: DataSet, mask: np.ndarray, highlighted: str | None, size: float | None
) -> dict:
    """Latitudes with None where hidden, and (when asked) the sizes."""
    frame = data.initiatives
    # None: not drawn, not hoverable
    lat = frame["map_lat"].round(4).to_numpy(dtype=object)
    # Province-wide rows have no point: never a marker (the province's badge counts them).
    drawn = mask & frame["has_point"].to_numpy()
    update: dict = {"lat": np.where(drawn, lat, np.array(None, dtype=object)).tolist()}
    if size is not None:
        update["marker.size"] = _sizes(frame["id"], highlighted, size)
    return update


def markers_rows(
    data: DataSet, mask: np.ndarray, lang: str, highlighted: str | None, size: float
) -> dict:
    """Positions, ids, hover texts, styles and sizes of the shown initiatives only."""
    drawn = mask & data.initiatives["has_point"].to_numpy()
    shown = data.initiatives[drawn]
    return {
        "lat": shown["map_lat"].round(4).tolist(),
        "lon": shown["map_lon"].round(4).tolist(),
        "customdata": shown["id"].tolist(),
        "hovertext": hover_texts(data, lang)[drawn].tolist(),
        "marker.size": _sizes(shown["id"], highlighted, size),
        **_style(shown["kind"]),
    }


def markers_hidden() -> dict:
    """No points: the clusters stand in."""
    return {"lat": [], "lon": [], "customdata": [], "hovertext": []}


def legend_traces(lang: str, counts: dict[str, int]) -> list[dict]:
    """One legend-only trace per kind (a point without a position is listed, not drawn)."""
    return [
        go.Scattergeo(
            lat=[None],
            lon=[None],
            mode="markers",
            name=f"{t(f'kind.{kind}', lang)} ({counts.get(kind, 0)})",
            marker={"size": MARKER_SIZE, "color": colour, "symbol": symbol},
            hoverinfo="skip",
        ).to_plotly_json()
        for kind, (colour, symbol) in KIND_STYLE.items()
    ]


def hover_text(row, lang: str) -> str:
    """One initiative's hover text (as `hover_texts` builds it for all)."""
    return (
        f"<b>{escape(row.name)}</b><br>{t(f'kind.{row.kind}', lang)}"
        f"<br>{t('hover_themes', lang)}: {_theme_list(row.themes, lang)}"
    )
