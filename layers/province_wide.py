"""Province-wide initiatives: programmes, networks and funds that have no single place.

They are never drawn as a site (version 1 put most of them on the capital's point). Each
province instead shows one badge at its label point with how many of the shown initiatives work
province-wide; a click on it selects the province, whose profile lists them under their own
heading.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import shapely
from shapely.geometry import shape
from shapely.ops import polylabel

from kansenkaart.dataset import DataSet
from kansenkaart.i18n import format_number, t
from kansenkaart.registry import PROVINCE_CODES

BADGE_SIZE = 24
BADGE_FILL = "#ffffff"
BADGE_LINE = "#4d4d4d"

_label_cache: dict[str, tuple[list[float], list[float]]] = {}


def province_wide_trace() -> go.Scattergeo:
    return go.Scattergeo(
        lat=[],
        lon=[],
        mode="markers+text",
        name="province-wide",
        showlegend=False,
        marker={
            "size": BADGE_SIZE,
            "symbol": "square",
            "color": BADGE_FILL,
            "opacity": 0.92,
            "line": {"color": BADGE_LINE, "width": 1.2},
        },
        textfont={"size": 12, "color": "#1a1a1a"},
        textposition="middle center",
        hovertemplate="%{hovertext}<extra></extra>",
    )


def label_points(data: DataSet) -> tuple[list[float], list[float]]:
    """Latitudes and longitudes of each province's label point (inside its largest part, as far
    from the border as can be: the pole of inaccessibility), in CBS order."""
    if data.version not in _label_cache:
        by_code = {
            f["properties"]["statcode"]: shape(f["geometry"]) for f in data.geojson["features"]
        }
        lats, lons = [], []
        for code in PROVINCE_CODES:
            geometry = by_code[code]
            parts = list(getattr(geometry, "geoms", [geometry]))
            largest = max(parts, key=lambda p: p.area)
            point = (
                polylabel(largest, tolerance=0.005)
                if largest.is_valid
                else shapely.point_on_surface(largest)
            )
            lats.append(round(point.y, 4))
            lons.append(round(point.x, 4))
        _label_cache.clear()
        _label_cache[data.version] = (lats, lons)
    return _label_cache[data.version]


def province_wide_counts(data: DataSet, mask: np.ndarray) -> np.ndarray:
    """Shown initiatives without a point, per province in CBS order."""
    frame = data.initiatives
    wide = mask & ~frame["has_point"].to_numpy()
    position = np.searchsorted(PROVINCE_CODES, frame["province"].to_numpy()[wide])
    return np.bincount(position, minlength=len(PROVINCE_CODES))


def province_wide_static(data: DataSet) -> dict:
    """Positions and the province each badge selects (sent with the whole figure)."""
    _, lons = label_points(data)
    return {"lon": lons, "customdata": list(PROVINCE_CODES)}


def province_wide_update(data: DataSet, mask: np.ndarray, lang: str) -> dict:
    """Counts as the badges' text; a province with none shows no badge (latitude None)."""
    lats, _ = label_points(data)
    counts = province_wide_counts(data, mask)
    names = data.provinces["name"]
    return {
        "lat": [lat if n else None for lat, n in zip(lats, counts, strict=True)],
        "text": [str(int(n)) if n else "" for n in counts],
        "hovertext": [
            t("province_wide_hover", lang, province=names[code], count=format_number(int(n), lang))
            for code, n in zip(PROVINCE_CODES, counts, strict=True)
        ],
    }
