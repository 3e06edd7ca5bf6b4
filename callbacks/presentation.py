"""Presentation mode: large type, controls hidden, and a tour that steps through the data.

The tour shows each step by writing the view store directly, not the URL, so the browser's
history is not filled with one entry per step; leaving the mode returns to the URL's view.
Pausing (any key or click) and Escape are handled in assets/presentation.js.
"""

from __future__ import annotations

from dash import Input, Output, State, callback, clientside_callback, no_update

from callbacks.map_view import MAP_OUTPUTS, map_outputs
from kansenkaart import runtime
from kansenkaart.tour import tour_steps
from kansenkaart.view import View
from ui import ids


@callback(
    Output(ids.PAGE, "className"),
    Output(ids.TOUR, "hidden"),
    Output(ids.TOUR_TIMER, "disabled"),
    Output(ids.TOUR_TIMER, "n_intervals"),
    Input(ids.MODE_STORE, "data"),
)
def switch_mode(mode: str | None):
    """Entering the mode starts the tour at its first step; leaving stops it."""
    demo = mode == "demo"
    return ("page demo" if demo else "page"), not demo, not demo, 0


@callback(
    Output(ids.VIEW, "data", allow_duplicate=True),
    Output(ids.TOUR_CAPTION, "children"),
    *MAP_OUTPUTS,
    Input(ids.TOUR_TIMER, "n_intervals"),
    State(ids.URL, "search"),
    State(ids.VIEW, "data"),
    State(ids.TABLE_FOR, "data"),
    prevent_initial_call=True,
)
def tour_step(
    n_intervals: int | None, search: str | None, shown_query: str | None, table_for: dict | None
):
    lang = runtime.settings().default_lang
    base, _ = View.from_query(search or "", lang)
    if base.mode != "demo":
        return (no_update,) * (2 + len(MAP_OUTPUTS))
    data = runtime.data()
    steps = tour_steps(data.initiatives, data.provinces["name"], base)
    step = steps[(n_intervals or 0) % len(steps)]
    query = step.view.to_query(lang)
    return query, step.caption, *map_outputs(step.view, query, shown_query, table_for)


# The map fills the screen in the mode: let plotly measure its new size once the layout changed.
clientside_callback(
    """function (className) {
        setTimeout(function () { window.dispatchEvent(new Event("resize")); }, 60);
        return window.dash_clientside.no_update;
    }""",
    Output(ids.TOUR, "title"),
    Input(ids.PAGE, "className"),
    prevent_initial_call=True,
)
