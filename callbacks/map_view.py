"""The map, the summary and the empty-result message for a view.

`map_outputs` is called by the callbacks that change the view (callbacks/url_state.py and the
tour), so a click reaches the map in one round trip; the map gets a Patch with only what
differs from the view it showed before. A theme click does not even wait for that: the page
holds every theme selection's map values (layers/theme_table.py) and assets/theme_table.js
draws the clicked one at once, so the server then leaves those values alone. New data on disk
redraws the whole map here.
"""

from __future__ import annotations

from dash import Input, Output, Patch, State, callback, html, no_update

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
from layers.theme_table import (
    entry_for,
    left_after_drawing,
    table_for,
    table_view,
    theme_table,
)
from ui import ids

MAP_OUTPUTS = (
    Output(ids.MAP, "figure", allow_duplicate=True),
    Output(ids.SUMMARY, "children", allow_duplicate=True),
    Output(ids.MESSAGE, "children", allow_duplicate=True),
    Output(ids.THEME_TABLE, "data", allow_duplicate=True),
    Output(ids.TABLE_FOR, "data", allow_duplicate=True),
)


def map_outputs(
    view: View,
    query: str,
    shown_query: str | None,
    shown_table_for: dict | None,
    theme_click: bool = False,
) -> tuple:
    """The map patch (from the view shown to this one), the summary, the message, and the theme
    table with what it was made for (each `no_update` when the browser has it already).

    `theme_click`: the theme controls changed, so the browser has drawn this view's selection
    from its table if that table still belongs to the view shown (the same test as in
    assets/theme_table.js).
    """
    data = runtime.data()
    previous = runtime.view_of(shown_query) if shown_query is not None else None
    updates = view_updates(data, view, previous)
    table = theme_table(data, view)
    table_kept = (
        table is not None
        and previous is not None
        and shown_table_for == table_for(data, shown_query)
        and table_view(previous) == table_view(view)
    )
    if table_kept and theme_click:
        updates = left_after_drawing(updates, table)
    elif table is not None and not table_kept:
        # In full: the browser may have drawn another selection from the table it had.
        updates.update(entry_for(table, view))
    new_for = table_for(data, query) if table is not None else None
    return (
        as_patch(updates) if updates else no_update,
        *_texts(view),
        no_update if table_kept else table,
        no_update if new_for == shown_table_for else new_for,
    )


def _texts(view: View) -> tuple[str, list]:
    """The summary line and the message under the map."""
    data = runtime.data()
    shown = shown_count(data, view)
    summary = t(
        "summary",
        view.lang,
        shown=format_number(shown, view.lang),
        total=format_number(len(data.initiatives), view.lang),
    )
    return summary, _message(view, shown)


@callback(
    *MAP_OUTPUTS,
    Input(ids.DATA_VERSION, "data"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def redraw_for_new_data(_version: str | None, query: str | None):
    """New data on disk (the shapes may differ too): the whole map for the view shown."""
    view = runtime.view_of(query)
    # As from no view shown: texts, and the table with what it is for, all sent afresh.
    _, *texts_and_table = map_outputs(view, query or "", None, None)
    return build_figure(runtime.data(), view), *texts_and_table


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
