"""The time view follows the view; a click on a year's bar sets `from`/`to` through the URL
(the reducer's `YearClicked`), which the event callback shows like any link and writes into
the year fields."""

from __future__ import annotations

from collections.abc import Mapping

from dash import Input, Output, State, callback, no_update

from kansenkaart import runtime
from kansenkaart.state import YearClicked, reduce
from ui import ids, timeline
from ui.timeline import present_timeline


@callback(
    output={
        "heading": Output(timeline.HEADING, "children"),
        "figure": Output(timeline.CHART, "figure"),
        "note": Output(timeline.NOTE, "children"),
    },
    # The link's view, not the view store: the presentation tour writes the store on every step,
    # and the panel need not follow it (one request less per step on a projector's laptop).
    inputs={"query": Input(ids.LINK_SHOWN, "data"), "version": Input(ids.DATA_VERSION, "data")},
    prevent_initial_call=True,  # the layout is built for the link's view
)
def update_timeline(query, version):
    return vars(present_timeline(runtime.data(), runtime.view_of(query)))


@callback(
    Output(ids.URL, "search", allow_duplicate=True),
    Input(timeline.CHART, "clickData"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def year_clicked(click, search):
    year = clicked_year(click)
    if year is None:
        return no_update
    view, _ = reduce(runtime.view_of(search), YearClicked(year))
    return view.to_query(runtime.settings().default_lang)


def clicked_year(click: Mapping | None) -> int | None:
    """The year of a click on the chart (its column's point), or None."""
    points = (click or {}).get("points") or []
    year = points[0].get("x") if points else None
    return int(year) if isinstance(year, int | float) else None
