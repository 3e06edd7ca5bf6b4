"""The cluster layer: at national zoom, many thousands of markers become one circle per grid
cell, sized by how many initiatives it holds. Province values stay exact; only markers are
aggregated, because SVG cannot draw 100,000 markers at a usable speed."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from kansenkaart.i18n import t

#: Grid cell in degrees (about 22 x 23 km at 52°N): at national zoom a circle of MAX_SIZE px
#: fills a cell without covering its neighbours, and a redraw at 10,000 initiatives styles about
#: 100 circles instead of 330 (plotly styles each point on its own: 18 of a redraw's 47 ms of script).
CELL_LAT = 0.2
CELL_LON = 0.34
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
    )


def cluster_updates(lat: np.ndarray, lon: np.ndarray, lang: str) -> dict:
    """One circle per occupied cell, at the mean position of its initiatives (those with a
    point: province-wide rows are counted by the provinces' badges instead), cells in the order
    of their first initiative. Plain arrays, not a frame: at 10,000 initiatives copying the shown
    rows of the frame cost more than the grouping."""
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    has_point = ~np.isnan(lat)
    lat, lon = lat[has_point], lon[has_point]
    cells = np.stack([np.floor(lat / CELL_LAT), np.floor(lon / CELL_LON)], axis=1)
    _, first, which = np.unique(cells, axis=0, return_index=True, return_inverse=True)
    which = which.reshape(-1)
    counts = np.bincount(which, minlength=len(first))
    means_lat = np.bincount(which, weights=lat, minlength=len(first)) / np.maximum(counts, 1)
    means_lon = np.bincount(which, weights=lon, minlength=len(first)) / np.maximum(counts, 1)
    order = np.argsort(first, kind="stable")  # as the initiatives come, like groupby(sort=False)
    counts, means_lat, means_lon = counts[order], means_lat[order], means_lon[order]
    top = counts.max() if len(counts) else 1
    sizes = MIN_SIZE + (MAX_SIZE - MIN_SIZE) * np.sqrt(counts / top)
    return {
        "lat": np.round(means_lat, 3).tolist(),
        "lon": np.round(means_lon, 3).tolist(),
        "marker.size": np.round(sizes, 1).tolist(),
        "customdata": counts.tolist(),
        "hovertemplate": hover_template(lang),
    }


def hover_template(lang: str) -> str:
    """The count is written by plotly with the page's separators (`layout.separators`), so a
    view change sends one number per cluster instead of a sentence (22 of 30 KB at 10,000)."""
    return t("cluster_hover", lang, count="%{customdata:,}") + "<extra></extra>"


def no_clusters(lang: str) -> dict:
    return {
        "lat": [],
        "lon": [],
        "marker.size": [],
        "customdata": [],
        "hovertemplate": hover_template(lang),
    }
