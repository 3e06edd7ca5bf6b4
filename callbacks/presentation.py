"""Presentation mode: large type, controls hidden, and a tour that steps through the data.

The tour shows each step by writing the view store directly, not the URL, so the browser's
history is not filled with one entry per step; leaving the mode returns to the URL's view.
Pausing (any key or click) and Escape are handled in assets/presentation.js.
"""

from __future__ import annotations

from dash import Input, Output, State, callback, clientside_callback, no_update

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
    Input(ids.TOUR_TIMER, "n_intervals"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def tour_step(n_intervals: int | None, search: str | None):
    base, _ = View.from_query(search or "", runtime.settings().default_lang)
    if base.mode != "demo":
        return no_update, no_update
    data = runtime.data()
    steps = tour_steps(data.initiatives, data.provinces["name"], base)
    step = steps[(n_intervals or 0) % len(steps)]
    return step.view.to_query(runtime.settings().default_lang), step.caption


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
