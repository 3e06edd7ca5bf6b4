"""Presentation mode: large type, controls hidden, and a tour that steps through the data.

The tour shows each step by writing the view store directly, not the URL, so the browser's
history is not filled with one entry per step; leaving the mode returns to the URL's view.
Pausing (any key or click) and Escape are handled in assets/presentation.js.
"""

from __future__ import annotations

from dash import Input, Output, State, callback, clientside_callback, no_update

from callbacks.outputs import map_outputs
from callbacks.view_events import MAP_OUTPUTS
from kansenkaart import runtime
from kansenkaart.state import TourStepped, reduce
from kansenkaart.tour import tour_step_for
from ui import ids
from ui.presenter import present_map


@callback(
    Output(ids.PAGE, "className"),
    Output(ids.TOUR, "hidden"),
    Output(ids.TOUR_TIMER, "disabled"),
    Output(ids.TOUR_TIMER, "n_intervals"),
    Input(ids.MODE_STORE, "data"),
)
def switch_mode(mode: str | None) -> tuple[str, bool, bool, int]:
    """Entering the mode starts the tour at its first step; leaving stops it."""
    demo = mode == "demo"
    return ("page demo" if demo else "page"), not demo, not demo, 0


@callback(
    output={
        "view": Output(ids.VIEW, "data", allow_duplicate=True),
        "caption": Output(ids.TOUR_CAPTION, "children"),
        **MAP_OUTPUTS,
    },
    inputs={"step": Input(ids.TOUR_TIMER, "n_intervals")},
    state={"search": State(ids.URL, "search"), "shown": State(ids.VIEW, "data")},
    prevent_initial_call=True,
)
def tour_step(step, search, shown):
    base = runtime.view_of(search)
    if base.mode != "demo":
        return {"view": no_update, "caption": no_update, **{k: no_update for k in MAP_OUTPUTS}}
    data = runtime.data()
    current = tour_step_for(data.initiatives, data.provinces["name"], base, step or 0)
    view, _ = reduce(base, TourStepped(current.view))
    shown_view = runtime.view_of(shown) if shown is not None else None
    query = view.to_query(runtime.settings().default_lang)
    return {
        "view": query,
        "caption": current.caption,
        **map_outputs(present_map(data, view, shown_view)),
    }


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
