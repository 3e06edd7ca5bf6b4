"""Presentation mode: large type, controls hidden, and a tour that steps through the data.

The tour shows each step by writing the view store directly, not the URL, so the browser's
history is not filled with one entry per step; leaving the mode returns to the URL's view.
The caption and the map's outlined provinces follow the view store, whoever wrote it (the
timer, next/previous, or a click on the map), so they always describe the map shown.
Pausing (any key or click), the clicker's keys and Escape are handled in assets/presentation.js.
"""

from __future__ import annotations

from dash import Input, Output, State, callback, clientside_callback, ctx, no_update

from callbacks.map_patch import as_patch
from callbacks.outputs import map_outputs
from callbacks.view_events import MAP_OUTPUTS
from kansenkaart import runtime
from kansenkaart.state import TourStepped, reduce
from kansenkaart.tour import caption_for, remembered_steps, stepped, tour_step_for
from layers.highlight import highlight_updates
from ui import ids
from ui.presenter import present_map

# Entering the mode starts the tour at its first step (the timer's count set to 0 fires
# tour_step); leaving stops it. In the browser, and only what the page does not have yet: the
# layout is built in the link's mode (ui/layout.py), a presentation link's on the tour's first
# step with its timer running, so a page load changes nothing and asks the server nothing.
clientside_callback(
    """function (mode, className, hidden, disabled) {
        var nu = window.dash_clientside.no_update;
        var demo = mode === "demo";
        var cls = demo ? "page demo" : "page";
        function wanted(now, value) { return now === value ? nu : value; }
        return [
            wanted(className, cls),
            wanted(hidden, !demo),
            wanted(disabled, !demo),
            demo && className !== cls ? 0 : nu
        ];
    }""",
    Output(ids.PAGE, "className"),
    Output(ids.TOUR, "hidden"),
    Output(ids.TOUR_TIMER, "disabled"),
    Output(ids.TOUR_TIMER, "n_intervals"),
    Input(ids.MODE_STORE, "data"),
    State(ids.PAGE, "className"),
    State(ids.TOUR, "hidden"),
    State(ids.TOUR_TIMER, "disabled"),
)


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
        "caption": current.caption,  # with its map, in the same response
        **map_outputs(present_map(data, view, shown_view)),
    }


@callback(
    Output(ids.TOUR_CAPTION, "children", allow_duplicate=True),
    Output(ids.MAP, "figure", allow_duplicate=True),
    Input(ids.VIEW_SHOWN, "data"),
    prevent_initial_call=True,
)
def caption_of_view(shown):
    """The caption and outlines of the view the map shows (in the mode; else nothing)."""
    view = runtime.view_of(shown or "")
    if view.mode != "demo":
        return no_update, no_update
    caption = caption_for(runtime.data(), view)
    return caption.text, as_patch(highlight_updates(caption.provinces))


@callback(
    Output(ids.TOUR_TIMER, "n_intervals", allow_duplicate=True),
    Input(ids.TOUR_PREVIOUS, "n_clicks"),
    Input(ids.TOUR_NEXT, "n_clicks"),
    State(ids.TOUR_TIMER, "n_intervals"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def step_by_hand(_previous, _next, step, search):
    """The presenter's next and previous (buttons or clicker keys), paused or not."""
    data = runtime.data()
    steps = remembered_steps(data.initiatives, data.provinces["name"], runtime.view_of(search))
    count = len(steps)
    return stepped(step, 1 if ctx.triggered_id == ids.TOUR_NEXT else -1, count)


# The map fills the screen in the mode: let plotly measure its new size once the layout changed;
# the root's class (set before the first paint from the URL, see presentation.js) follows. The
# mode's callback answers the load with the class the page already has: no resize then (each
# graph would measure and lay itself out again in the middle of the load).
clientside_callback(
    """function (className) {
        var demo = (className || "").split(" ").indexOf("demo") >= 0;
        var root = document.documentElement.classList;
        if (root.contains("kk-demo") === demo) return window.dash_clientside.no_update;
        root.toggle("kk-demo", demo);
        setTimeout(function () { window.dispatchEvent(new Event("resize")); }, 60);
        return window.dash_clientside.no_update;
    }""",
    Output(ids.TOUR, "title"),
    Input(ids.PAGE, "className"),
    prevent_initial_call=True,
)
