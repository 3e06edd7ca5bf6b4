"""Where a marker is drawn: rows that share a point (often several sites in one town) are spread
on a small ring, so every marker can be hovered and clicked. Data coordinates are left untouched.
Rows without a point (province-wide rows) get no marker position either."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

RING_DEGREES = 0.018  # about 2 km: visible at national zoom, well inside a province


def spread_shared_points(lat: pd.Series, lon: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Display positions: the first row at a point stays, the others circle around it; NaN stays."""
    map_lat = pd.Series(np.nan, index=lat.index, dtype=float)
    map_lon = pd.Series(np.nan, index=lon.index, dtype=float)
    has_point = lat.notna() & lon.notna()
    if not has_point.any():
        return map_lat, map_lon
    plat, plon = lat[has_point].astype(float), lon[has_point].astype(float)
    key = plat.round(4).astype(str) + "," + plon.round(4).astype(str)
    rank = key.groupby(key).cumcount()
    size = key.map(key.value_counts())
    angle = 2 * math.pi * (rank - 1) / (size - 1).clip(lower=1)
    ring = RING_DEGREES * (1 + (rank - 1) // 12)
    moved = rank > 0
    # A degree of longitude is shorter than one of latitude at 52°N; keep the ring round.
    map_lat[has_point] = plat + (ring * angle.map(math.sin)).where(moved, 0.0)
    map_lon[has_point] = plon + (ring * angle.map(math.cos) / math.cos(math.radians(52))).where(
        moved, 0.0
    )
    return map_lat, map_lon
