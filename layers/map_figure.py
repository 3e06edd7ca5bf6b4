"""The map: province layers and marker layers composed into one figure.

The figure is built once with the shapes; every view change is a set of `updates`
(trace index, property path) -> value. The page sends those as a `dash.Patch`, and
`build_figure` applies the very same updates to a fresh figure, so both paths agree.
"""

from __future__ import annotations

import copy

import plotly.graph_objects as go

from kansenkaart.dataset import DataSet
from kansenkaart.filtering import filter_initiatives
from kansenkaart.i18n import t
from kansenkaart.metrics import metric_values
from kansenkaart.view import View
from layers.initiatives import MARKER_SIZE, kind_traces, kind_updates
from layers.provinces import outline_trace, outline_update, values_trace, values_update

OUTLINE, VALUES, FIRST_KIND = 0, 1, 2
#: Presentation mode draws markers and type this much larger.
DEMO_SCALE = 1.8
LAYOUT = None  # trace index used for layout updates

Updates = dict[tuple[int | None, str], object]


def base_figure(geojson: dict) -> dict:
    """Shapes, styles and layout: what stays the same for every view."""
    figure = go.Figure([outline_trace(geojson), values_trace(geojson), *kind_traces()])
    figure.update_geos(
        visible=False,
        fitbounds="locations",
        projection_type="mercator",
        scope="europe",
        bgcolor="rgba(0,0,0,0)",
    )
    figure.update_layout(
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="rgba(0,0,0,0)",
        legend={
            "x": 1,
            "xanchor": "right",
            "y": 0.02,
            "yanchor": "bottom",
            "bgcolor": "rgba(255,255,255,0.85)",
            "font": {"size": 13},
        },
        hoverlabel={"font": {"size": 14}},
        template="none",  # the default template alone is 8 KB of unused styles
        uirevision="map",
        dragmode=False,
        font={"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"},
    )
    return figure.to_plotly_json()


def view_updates(data: DataSet, view: View) -> Updates:
    """What the figure shows for this view: province values, hover texts and markers."""
    frame = data.initiatives
    names = data.provinces["name"]
    values = metric_values(frame, view, data.provinces["population"])
    metric = view.metric if (view.metric != "lq" or view.theme) else "count"
    updates: Updates = {(LAYOUT, "legend.title.text"): t("legend_kinds", view.lang)}
    for path, value in values_update(values, names, metric, view.lang, view.province).items():
        updates[(VALUES, path)] = value
    for path, value in outline_update(names, metric, view.lang).items():
        updates[(OUTLINE, path)] = value
    updates.update(presentation_updates(view.mode == "demo"))
    shown = filter_initiatives(frame, view)
    size = MARKER_SIZE * (DEMO_SCALE if view.mode == "demo" else 1)
    for offset, kind_update in enumerate(kind_updates(shown, view.lang, view.initiative, size)):
        for path, value in kind_update.items():
            updates[(FIRST_KIND + offset, path)] = value
    return updates


def presentation_updates(demo: bool) -> Updates:
    """Type and legend sizes readable from the back of a room in presentation mode."""
    scale = DEMO_SCALE if demo else 1
    return {
        (LAYOUT, "font.size"): round(12 * scale),
        (LAYOUT, "legend.font.size"): round(13 * scale),
        (LAYOUT, "hoverlabel.font.size"): round(14 * scale),
        (VALUES, "colorbar.thickness"): round(14 * scale),
    }


def apply_updates(figure: dict, updates: Updates) -> dict:
    """Write the updates into a figure dict (a copy), the way a Patch does in the browser."""
    figure = copy.deepcopy(figure)
    for (index, path), value in updates.items():
        target = figure["layout"] if index is LAYOUT else figure["data"][index]
        *parents, last = path.split(".")
        for key in parents:
            target = target.setdefault(key, {})
        target[last] = value
    return figure


def build_figure(data: DataSet, view: View) -> dict:
    """The complete figure for a view, shapes included."""
    return apply_updates(base_figure(data.geojson), view_updates(data, view))
