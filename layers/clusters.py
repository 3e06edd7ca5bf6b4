"""The cluster layer: at national zoom, many thousands of markers become one circle per grid
cell, sized by how many initiatives it holds. Province values stay exact; only markers are
aggregated, because SVG cannot draw 100,000 markers at a usable speed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kansenkaart.i18n import format_number, t

#: Grid cell in degrees (about 11 x 12 km at 52°N).
CELL_LAT = 0.1
CELL_LON = 0.17
MIN_SIZE, MAX_SIZE = 7, 34


def cluster_trace() -> go.Scattergeo:
    return go.Scattergeo(
        lat=[],
        lon=[],
        mode="markers",
        name="clusters",
        showlegend=False,
        marker={
            "color": "rgba(40, 40, 40, 0.55)",
            "line": {"color": "#ffffff", "width": 1},
            "sizemode": "diameter",
        },
        hovertemplate="%{hovertext}<extra></extra>",
    )


def cluster_updates(shown: pd.DataFrame, lang: str) -> dict:
    """One circle per occupied cell, at the mean position of its initiatives (those with a
    point: province-wide rows are counted by the provinces' badges instead)."""
    shown = shown[shown["lat"].notna()]
    cells = pd.DataFrame(
        {
            "row": np.floor(shown["lat"].to_numpy() / CELL_LAT),
            "col": np.floor(shown["lon"].to_numpy() / CELL_LON),
            "lat": shown["lat"].to_numpy(),
            "lon": shown["lon"].to_numpy(),
        }
    )
    grouped = cells.groupby(["row", "col"], sort=False).agg(
        lat=("lat", "mean"), lon=("lon", "mean"), count=("lat", "size")
    )
    counts = grouped["count"].to_numpy()
    top = counts.max() if len(counts) else 1
    sizes = MIN_SIZE + (MAX_SIZE - MIN_SIZE) * np.sqrt(counts / top)
    return {
        "lat": grouped["lat"].round(3).tolist(),
        "lon": grouped["lon"].round(3).tolist(),
        "marker.size": sizes.round(1).tolist(),
        "hovertext": [t("cluster_hover", lang, count=format_number(c, lang)) for c in counts],
    }


def no_clusters() -> dict:
    return {"lat": [], "lon": [], "marker.size": [], "hovertext": []}
