"""Ring order, decided once: plotly's geo drawing (d3) wants exterior rings clockwise, RFC 7946
(exports, the OGC layer) counter-clockwise; a file may come in either."""

from __future__ import annotations

from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

CLOCKWISE, COUNTER_CLOCKWISE = -1.0, 1.0


def oriented_parts(geometry: dict | BaseGeometry, sign: float) -> list[Polygon]:
    """The polygons of a (Multi)Polygon with exterior rings turned one way (`sign` as shapely's
    `orient`: -1 clockwise, 1 counter-clockwise) and holes the other."""
    shapes = shape(geometry) if isinstance(geometry, dict) else geometry
    parts = list(shapes.geoms) if isinstance(shapes, MultiPolygon) else [shapes]
    return [orient(part, sign=sign) for part in parts if isinstance(part, Polygon)]


def oriented(geometry: dict | BaseGeometry, sign: float) -> Polygon | MultiPolygon:
    """One polygon stays a Polygon, several become a MultiPolygon."""
    parts = oriented_parts(geometry, sign)
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)
