"""The marker layer: one trace per kind of initiative, so the legend explains colour and symbol.

Two ways to fill it, chosen by layers.map_figure:
- `kind_static` + `kind_visibility`: every initiative is in the figure once (positions, ids,
  hover texts); a view change then sends only `lat`, with None for the hidden ones (a point
  without a latitude is neither drawn nor hoverable). Small data sets, smallest patches.
- `kind_rows`: only the shown initiatives, in full; for large data sets with few shown.
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


def kind_traces() -> list[go.Scattergeo]:
    """Empty, styled traces in KINDS order; the update functions fill them."""
    traces = []
    for kind in KINDS:
        colour, symbol = KIND_STYLE[kind]
        traces.append(
            go.Scattergeo(
                lat=[],
                lon=[],
                mode="markers",
                name=kind,
                legendgroup=kind,
                marker={
                    "size": MARKER_SIZE,
                    "color": colour,
                    "symbol": symbol,
                    "line": {"color": "#ffffff", "width": 1},
                    "opacity": 0.95,
                },
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    return traces


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


def kind_static(data: DataSet, lang: str) -> list[dict]:
    """Per kind: every initiative's longitude, id and hover text (sent once per language)."""
    frame, hover = data.initiatives, hover_texts(data, lang)
    updates = []
    for kind in KINDS:
        rows = frame["kind"] == kind
        updates.append(
            {
                "lon": frame.loc[rows, "map_lon"].round(4).tolist(),
                "customdata": frame.loc[rows, "id"].tolist(),
                "hovertext": hover[rows].tolist(),
            }
        )
    return updates


def kind_visibility(
    data: DataSet, mask: np.ndarray, lang: str, highlighted: str | None, size: float | None
) -> list[dict]:
    """Per kind: latitudes with None where hidden, the legend entry, and (when asked) sizes."""
    frame = data.initiatives
    lat = pd.Series(np.where(mask, frame["map_lat"].round(4).to_numpy(), None), index=frame.index)
    updates = []
    for kind in KINDS:
        rows = (frame["kind"] == kind).to_numpy()
        update = {
            "lat": lat[rows].tolist(),  # None: not drawn, not hoverable
            "name": f"{t(f'kind.{kind}', lang)} ({int(mask[rows].sum())})",
        }
        if size is not None:
            update["marker.size"] = _sizes(frame.loc[rows, "id"], highlighted, size)
        updates.append(update)
    return updates


def kind_rows(
    data: DataSet, mask: np.ndarray, lang: str, highlighted: str | None, size: float
) -> list[dict]:
    """Per kind: positions, ids, hover texts and sizes of the shown initiatives only."""
    frame, hover = data.initiatives, hover_texts(data, lang)
    updates = []
    for kind in KINDS:
        rows = mask & (frame["kind"] == kind).to_numpy()
        shown = frame[rows]
        updates.append(
            {
                "lat": shown["map_lat"].round(4).tolist(),
                "lon": shown["map_lon"].round(4).tolist(),
                "customdata": shown["id"].tolist(),
                "hovertext": hover[rows].tolist(),
                "name": f"{t(f'kind.{kind}', lang)} ({len(shown)})",
                "marker.size": _sizes(shown["id"], highlighted, size),
            }
        )
    return updates


def kind_hidden(lang: str, counts: dict[str, int]) -> list[dict]:
    """Per kind: no points (the clusters stand in), the legend still counting what matches."""
    return [
        {
            "lat": [],
            "lon": [],
            "customdata": [],
            "hovertext": [],
            "name": f"{t(f'kind.{kind}', lang)} ({counts.get(kind, 0)})",
        }
        for kind in KINDS
    ]


def hover_text(row, lang: str) -> str:
    """One initiative's hover text (as `hover_texts` builds it for all)."""
    return (
        f"<b>{escape(row.name)}</b><br>{t(f'kind.{row.kind}', lang)}"
        f"<br>{t('hover_themes', lang)}: {_theme_list(row.themes, lang)}"
    )
