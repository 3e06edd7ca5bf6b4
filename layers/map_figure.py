"""The map: province layers, marker layers and clusters composed into one figure.

The figure is built once with the shapes; every view change is a set of `updates`
(trace index, property path) -> value. The page sends those as a `dash.Patch`, and
`build_figure` applies the very same updates to a fresh figure, so both paths agree
(tests/unit/test_map_updates.py checks that for many views).

Given the view the browser shows now (`previous`), `view_updates` leaves out what that view
already put there: for a theme change on the real data only province values and marker
latitudes travel.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterable
from enum import Enum

import numpy as np
import plotly.graph_objects as go
import shapely
from shapely.geometry import shape

from kansenkaart.dataset import DataSet
from kansenkaart.filtering import view_mask
from kansenkaart.i18n import format_number, t
from kansenkaart.metrics import (
    METRIC_REGISTRY,
    metric_source,
    metric_values,
    shown_metric,
    too_few_for_lq,
)
from kansenkaart.registry import LANGUAGE_REGISTRY, PROVINCE_CODES
from kansenkaart.view import View
from layers.clusters import cluster_trace, cluster_updates, no_clusters
from layers.figure_patch import LAYOUT, Updates, apply
from layers.initiatives import (
    MARKER_SIZE,
    hover_texts,
    initiatives_trace,
    legend_traces,
    markers_hidden,
    markers_rows,
    markers_static,
    markers_visibility,
)
from layers.province_wide import (
    label_points,
    province_wide_static,
    province_wide_trace,
    province_wide_update,
)
from layers.provinces import (
    outline_trace,
    outline_update,
    values_trace,
    values_update,
)

OUTLINE, VALUES, MARKERS, CLUSTERS, PROVINCE_WIDE = 0, 1, 2, 3, 4
#: Presentation mode draws markers and type this much larger.
DEMO_SCALE = 1.8
#: Up to this many initiatives in the data, all of them live in the figure (smallest patches).
STATIC_LIMIT = 2_000
#: Above this many shown initiatives, markers are grouped into clusters.
MAX_MARKERS = 1_500


class Markers(Enum):
    STATIC = "static"  # all initiatives in the figure, a change sends latitudes
    ROWS = "rows"  # only the shown initiatives, in full
    CLUSTERS = "clusters"  # too many to draw one by one


def base_figure(geojson: dict) -> dict:
    """Shapes, styles and layout: what stays the same for every view."""
    traces = [
        outline_trace(geojson),
        values_trace(geojson),
        initiatives_trace(),
        cluster_trace(),
        province_wide_trace(),
    ]
    figure = go.Figure(traces)
    # Fixed ranges rather than fitbounds: plotly would otherwise refit the map on every change.
    (west, south, east, north), pad = geojson_bounds(geojson), 0.08
    figure.update_geos(
        visible=False,
        projection_type="mercator",
        scope="europe",
        lonaxis_range=[west - pad, east + pad],
        lataxis_range=[south - pad, north + pad],
        bgcolor="rgba(0,0,0,0)",
    )
    figure.update_layout(
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="rgba(0,0,0,0)",
        showlegend=False,  # the kind legend is HTML beside the map (ui/legend.py)
        hoverlabel={"font": {"size": 14}},
        template="none",  # the default template alone is 8 KB of unused styles
        uirevision="map",
        dragmode=False,
        # A marker takes the hover and the click only right under the pointer; elsewhere the
        # province's area does (13.3).
        hoverdistance=4,
        font={"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"},
    )
    return figure.to_plotly_json()


#: Degrees around the shown area; a province gets more room, so its neighbours give context.
COUNTRY_PAD, PROVINCE_PAD = 0.08, 0.25


def view_ranges(data: DataSet, view: View) -> Updates:
    """The map's extent: the whole country, or the selected province with a margin (a province
    selection zooms the map to it)."""
    (west, south, east, north), pad = extent(data, view.province)
    return {
        (LAYOUT, "geo.lonaxis.range"): [round(float(west) - pad, 4), round(float(east) + pad, 4)],
        (LAYOUT, "geo.lataxis.range"): [round(float(south) - pad, 4), round(float(north) + pad, 4)],
    }


_extents: dict[str, dict[str, tuple[float, float, float, float]]] = {}


def extent(data: DataSet, province: str | None) -> tuple[tuple[float, float, float, float], float]:
    """West, south, east, north of the province (or the country) and the margin around it.
    The shapes change only with the data, so they are measured once per data version (every
    view change asks twice: it took 40 of a theme click's 52 ms on the server)."""
    if data.version not in _extents:
        _extents.clear()
        _extents[data.version] = feature_bounds(data.geojson)
    bounds = _extents[data.version]
    if province:
        return bounds[province], PROVINCE_PAD
    return country_bounds(bounds.values()), COUNTRY_PAD


def feature_bounds(geojson: dict) -> dict[str, tuple[float, float, float, float]]:
    """West, south, east, north of each province, by its code."""
    return {
        f["properties"]["statcode"]: tuple(shapely.bounds(shape(f["geometry"])).tolist())
        for f in geojson["features"]
    }


def country_bounds(
    parts: Iterable[tuple[float, float, float, float]],
) -> tuple[float, float, float, float]:
    """The extent around all parts (the union's bounds, without making the union)."""
    wests, souths, easts, norths = zip(*parts, strict=True)
    return min(wests), min(souths), max(easts), max(norths)


def geojson_bounds(geojson: dict) -> tuple[float, float, float, float]:
    """West, south, east, north of all features."""
    return country_bounds(feature_bounds(geojson).values())


def warm(data: DataSet, lang: str) -> None:
    """Build what each data version computes once (the shapes' extents, every initiative's hover
    text) before the first view asks: at 10,000 rows the hover texts take 23 ms, which the first
    province click of every worker paid. Called where the data is first loaded, in gunicorn's
    master, so forked workers inherit it."""
    extent(data, None)
    hover_texts(data, lang)


def marker_strategy(data: DataSet, shown: int) -> Markers:
    if len(data.initiatives) <= STATIC_LIMIT:
        return Markers.STATIC
    return Markers.ROWS if shown <= MAX_MARKERS else Markers.CLUSTERS


def view_updates(data: DataSet, view: View, previous: View | None = None) -> Updates:
    """What changes on the map from `previous` (None: from the empty base figure) to `view`."""
    updates = province_updates(data, view)
    if previous is not None:
        updates = only_changed(updates, province_updates(data, previous))
    if previous is None or previous.mode != view.mode:
        updates.update(presentation_updates(view.mode == "demo"))
    markers = remembered(data, view, "markers", marker_updates)
    if previous is not None:  # e.g. a metric change leaves every point and badge as it is
        markers = only_changed(markers, remembered(data, previous, "markers", marker_updates))
    updates.update(markers)
    return updates


def only_changed(updates: Updates, before: Updates) -> Updates:
    return {key: value for key, value in updates.items() if before.get(key) != value}


#: The layers of recent views: a view change needs those of the view before it too, which the
#: request before it made (in the same worker, mostly).
_recent: dict[tuple[str, str, View], Updates] = {}
RECENT_VIEWS = 64


def remembered(
    data: DataSet, view: View, kind: str, make: Callable[[DataSet, View], Updates]
) -> Updates:
    """`make(data, view)`, kept for the recent views (a copy: callers change it)."""
    key = (kind, data.version, view)
    if key not in _recent:
        if len(_recent) >= RECENT_VIEWS:
            del _recent[next(iter(_recent))]  # the oldest
        _recent[key] = make(data, view)
    return copy.deepcopy(_recent[key])  # a figure built from it must not share its lists


def province_updates(data: DataSet, view: View) -> Updates:
    """The province layers and the texts around them, complete."""
    return remembered(data, view, "provinces", _province_updates)


def _province_updates(data: DataSet, view: View) -> Updates:
    names = data.provinces["name"]
    values = metric_values(data, view)
    metric = METRIC_REGISTRY[shown_metric(view)]
    source = metric_source(data, metric.key, view.lang)
    updates: Updates = {(LAYOUT, "separators"): LANGUAGE_REGISTRY[view.lang].plotly_separators}
    updates.update(view_ranges(data, view))
    changes = values_update(values, names, metric, source, view.lang, view.province)
    for path, value in changes.items():
        updates[(VALUES, path)] = value
    too_few = too_few_for_lq(data.initiatives, view)
    for path, value in outline_update(values, names, metric, view.lang, too_few).items():
        updates[(OUTLINE, path)] = value
    return updates


def marker_updates(data: DataSet, view: View) -> Updates:
    """The marker layers (points, clusters, badges) in full for `view`; `view_updates` sends
    only what differs from the view shown."""
    mask = view_mask(data.initiatives, view)
    size = MARKER_SIZE * (DEMO_SCALE if view.mode == "demo" else 1)
    strategy = marker_strategy(data, int(mask.sum()))
    if strategy is Markers.STATIC:
        markers = {
            **markers_static(data, view.lang),
            **markers_visibility(data, mask, view.initiative, size),
        }
        clusters = no_clusters(view.lang)
    elif strategy is Markers.ROWS:
        markers = markers_rows(data, mask, view.lang, view.initiative, size)
        clusters = no_clusters(view.lang)
    else:
        markers = markers_hidden()
        frame = data.initiatives
        lat, lon = frame["lat"].to_numpy()[mask], frame["lon"].to_numpy()[mask]
        clusters = cluster_updates(lat, lon, view.lang)
    updates: Updates = {(MARKERS, path): value for path, value in markers.items()}
    updates.update({(CLUSTERS, path): value for path, value in clusters.items()})
    badges = {**province_wide_update(data, mask, view.lang), **province_wide_static(data)}
    updates.update({(PROVINCE_WIDE, path): value for path, value in badges.items()})
    return updates


def presentation_updates(demo: bool) -> Updates:
    """Type and legend sizes readable from the back of a room in presentation mode."""
    scale = DEMO_SCALE if demo else 1
    return {
        (LAYOUT, "font.size"): round(12 * scale),
        (LAYOUT, "hoverlabel.font.size"): round(14 * scale),
        (PROVINCE_WIDE, "marker.size"): round(24 * scale),
        (PROVINCE_WIDE, "textfont.size"): round(12 * scale),
        (VALUES, "colorbar.thickness"): round(14 * scale),
    }


def build_figure(data: DataSet, view: View) -> dict:
    """The complete figure for a view, shapes included."""
    return apply(base_figure(data.geojson), view_updates(data, view))


def shown_count(data: DataSet, view: View) -> int:
    return int(np.count_nonzero(view_mask(data.initiatives, view)))


#: Degrees a province's name sits north of its badge (about 6 km; clear at national scale).
LABEL_LIFT = 0.055


def province_labels(data: DataSet, view: View) -> dict:
    """Each province's name and value, written on the map: an image cannot be hovered (the
    badge of province-wide initiatives sits just below at the same point)."""
    lats, lons = label_points(data)
    metric = METRIC_REGISTRY[shown_metric(view)]
    values = metric_values(data, view)
    texts = [
        f"<b>{data.province_name(code)}</b><br>"
        + (
            t("no_data", view.lang)
            if math.isnan(values[code])
            else format_number(values[code], view.lang, metric.decimals)
        )
        for code in PROVINCE_CODES
    ]
    return go.Scattergeo(
        lat=[lat + LABEL_LIFT for lat in lats],  # above the badge at the same point
        lon=lons,
        mode="text",
        text=texts,
        textposition="top center",
        textfont={"size": 12, "color": "#1a1a1a"},
        hoverinfo="skip",
        showlegend=False,
        name="labels",
    ).to_plotly_json()


def image_figure(data: DataSet, view: View) -> dict:
    """The map for an image export: on paper there is no HTML legend, so plotly draws one."""
    figure = build_figure(data, view)
    shown = data.initiatives[view_mask(data.initiatives, view)]
    counts = shown["kind"].value_counts()
    figure["data"] = [
        *figure["data"],
        province_labels(data, view),
        *legend_traces(view.lang, {str(k): int(v) for k, v in counts.items()}),
    ]
    figure["layout"] = {
        **figure["layout"],
        "showlegend": True,
        "legend": {
            "title": {"text": t("legend_kinds", view.lang)},
            "x": 1,
            "xanchor": "right",
            "y": 0.02,
            "yanchor": "bottom",
            "bgcolor": "rgba(255,255,255,0.85)",
        },
    }
    return figure
