"""The map, the summary and the empty-result message for a view.

`map_outputs` is called by the callback that changes the view (callbacks/url_state.py and the
tour), so a click reaches the map in one round trip; the map gets a Patch with only what
differs from the view it showed before. New data on disk redraws the whole map here.
"""

from __future__ import annotations

from dash import Input, Output, Patch, State, callback, html

from kansenkaart import runtime
from kansenkaart.filtering import counts_without_each_filter
from kansenkaart.i18n import format_number, t
from kansenkaart.view import View
from layers.map_figure import (
    LAYOUT,
    Markers,
    Updates,
    build_figure,
    marker_strategy,
    shown_count,
    view_updates,
)
from ui import ids

MAP_OUTPUTS = (
    Output(ids.MAP, "figure", allow_duplicate=True),
    Output(ids.SUMMARY, "children", allow_duplicate=True),
    Output(ids.MESSAGE, "children", allow_duplicate=True),
)


def map_outputs(view: View, previous: View | None) -> tuple[Patch, str, list]:
    """The map patch (from the previous view to this one), the summary and the message."""
    data = runtime.data()
    shown = shown_count(data, view)
    total = len(data.initiatives)
    summary = t(
        "summary",
        view.lang,
        shown=format_number(shown, view.lang),
        total=format_number(total, view.lang),
    )
    return as_patch(view_updates(data, view, previous)), summary, _message(view, shown)


@callback(
    *MAP_OUTPUTS,
    Input(ids.DATA_VERSION, "data"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def redraw_for_new_data(_version: str | None, query: str | None):
    """New data on disk (the shapes may differ too): the whole map for the view shown."""
    view = runtime.view_of(query)
    _, summary, message = map_outputs(view, None)
    return build_figure(runtime.data(), view), summary, message


def as_patch(updates: Updates) -> Patch:
    """The figure updates as a Patch: only these values travel to the browser."""
    patch = Patch()
    for (index, path), value in updates.items():
        target = patch["layout"] if index is LAYOUT else patch["data"][index]
        *parents, last = path.split(".")
        for key in parents:
            target = target[key]
        target[last] = value
    return patch


def _message(view: View, shown: int) -> list:
    """Why the map is empty (which filter keeps everything out), why the metric fell back,
    or that markers are grouped."""
    lang = view.lang
    lines = []
    if view.metric == "lq" and not view.theme:
        lines.append(html.P(t("lq_needs_theme", lang), className="hint"))
    data = runtime.data()
    if marker_strategy(data, shown) is Markers.CLUSTERS:
        count = format_number(shown, lang)
        lines.append(html.P(t("clustered_note", lang, count=count), className="hint"))
    if shown == 0:
        lines.append(html.P(t("empty_results", lang), className="empty"))
        for group, count in counts_without_each_filter(data.initiatives, view).items():
            if count:
                text = t("empty_because", lang, filter=t(f"filter.{group}", lang), count=count)
                lines.append(html.P(text, className="hint"))
    return lines
