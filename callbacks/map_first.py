"""The map drawn first: the page's fast lane for a person's event (assets/map_first.js).

A person's click reaches the view callback (callbacks/view_events.py) through dash-renderer,
which spends about 12 ms preparing the request and about 25 ms applying the answer to its store
before plotly draws. The page's script sends the same event to `POST /_map-first` at the moment
of the click (or of back/forward) and draws the answer with plotly directly; the page's own
answer follows and sets everything else (controls, link, panels), the map's figure included,
with the same values.

Same event, same view, same layers: the event is read by `callbacks.events.event_for` and the
view made by `reduce_in`, as in the callback, and the layers are `view_updates` from the empty
figure (complete, so the answer is right whatever the map showed before). Should the page's view
differ all the same, its figure is drawn again (the clientside callback below): the page's
answer has the last word. A body the page could not have sent is a short 400 naming the field,
as for Dash's own callback requests (server/callback_requests.py).
"""

from __future__ import annotations

from typing import Annotated, Literal

from dash import Input, Output, State, clientside_callback
from flask import Blueprint, Response, request
from plotly.io.json import to_json_plotly
from pydantic import Field, ValidationError

from callbacks.events import event_for
from kansenkaart import runtime
from kansenkaart.dataset import DataSet
from kansenkaart.state import Nothing, reduce_in
from kansenkaart.view import View
from layers.figure_patch import LAYOUT
from layers.map_figure import view_updates
from server.api import ANY_METHOD, error_response
from server.callback_requests import BadCallbackRequest, StrictBody, first_error, read_body
from ui import ids
from ui.controls import CONTROLS, control_values

#: The events the fast lane sends: back/forward (the URL), the controls a click changes, a click
#: on the map, and the buttons that only narrow or widen the view. The language, presentation
#: mode and typed text stay with the page: they change far more than the map.
TRIGGERS = (
    ids.URL,
    ids.THEMES,
    ids.MATCH,
    ids.KINDS,
    ids.STATUSES,
    ids.METRIC,
    ids.PROVINCE,
    ids.MAP,
    ids.RESET,
    ids.CLEAR_PROVINCE,
    ids.CLOSE_CARD,
)
Trigger = Literal[
    "url",
    "theme-filter",
    "match-mode",
    "kind-filter",
    "status-filter",
    "metric",
    "province-select",
    "map",
    "reset-filters",
    "clear-province",
    "close-card",
]
#: The controls whose current values the browser sends with every event (the ones it can read
#: from the page as they are: checkboxes and radio buttons).
SENT_CONTROLS = (ids.THEMES, ids.MATCH, ids.KINDS, ids.STATUSES)

Text = Annotated[str, Field(max_length=200)]
ControlValue = Text | Annotated[list[Text], Field(max_length=20)] | None
SentControl = Literal["theme-filter", "match-mode", "kind-filter", "status-filter"]


class ClickedPoint(StrictBody):
    """What plotly reports of a clicked point, as dcc.Graph's clickData has it."""

    curveNumber: int = Field(ge=0, le=10)  # plotly's name
    location: Text | None = None
    customdata: Text | int | None = None


class MapClick(StrictBody):
    points: Annotated[list[ClickedPoint], Field(max_length=1)]


class MapFirstRequest(StrictBody):
    """An event as the page saw it: the URL's query when it happened (for back/forward: the
    query it moved to), what fired, its value, and the checkbox and radio controls as shown."""

    search: Annotated[str, Field(max_length=2_000)] = ""
    trigger: Trigger
    value: ControlValue | MapClick | Annotated[int, Field(ge=0, le=1_000_000)] = None
    controls: dict[SentControl, ControlValue] = Field(default_factory=dict)


def map_first(data: DataSet, sent: MapFirstRequest, default_lang: str) -> dict[str, object]:
    """The view after the event (`query`, as the page will write it) and the map's layers for it,
    by trace index and for the layout. `query` None: the event changes nothing (no drawing)."""
    base, _ = View.from_query(sent.search, default_lang)  # the view callback's base too
    controls: dict[str, object] = control_values(base)
    for control, value in sent.controls.items():  # the boxes as the page shows them
        controls[control] = value
    if sent.trigger in CONTROLS:
        controls[sent.trigger] = sent.value
    click = sent.value.model_dump() if isinstance(sent.value, MapClick) else None
    event = event_for(
        sent.trigger,
        sent.value if sent.trigger in CONTROLS else 1,  # a button's click, as n_clicks
        search=sent.search,
        controls=controls,
        map_click=click,
        rows=None,
        default_lang=default_lang,
    )
    if isinstance(event, Nothing):
        return {"query": None, "traces": {}, "layout": {}}
    view, _ = reduce_in(data, base, event)
    traces: dict[int, dict[str, object]] = {}
    layout: dict[str, object] = {}
    for (index, path), layer in view_updates(data, view).items():
        if index is LAYOUT:
            layout[path] = layer
        else:
            traces.setdefault(index, {})[path] = layer
    return {"query": view.to_query(default_lang), "traces": traces, "layout": layout}


# --- the route ----------------------------------------------------------------------------

blueprint = Blueprint("map_first", __name__)

PATH = "/_map-first"


@blueprint.route(PATH, methods=ANY_METHOD)
def answer() -> Response:
    if request.method != "POST":
        response = error_response(405, "method not allowed", f"{request.method}: send a POST")
        response.headers["Allow"] = "POST"
        return response
    try:
        body = read_body(request.get_data(cache=True), request.mimetype)
        event = MapFirstRequest.model_validate(body)
    except BadCallbackRequest as problem:
        return error_response(problem.status, "bad request", problem.message)
    except ValidationError as error:
        # The field, not pydantic's name for the member of a union it tried last.
        return error_response(400, "bad request", first_error(error, depth=1))
    answered = map_first(runtime.data(), event, runtime.settings().default_lang)
    # plotly's encoder, as Dash's: numpy values and NaN (a province without a value: null).
    response = Response(to_json_plotly(answered), mimetype="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response


# --- the last word --------------------------------------------------------------------------

# The page's answer has the last word: every answer of the view callback sets the tab's title;
# if the view it answered is not the one the lane drew, the page's figure is handed to the map again.
clientside_callback(
    """
    function (_title, view, figure) {
      var lane = window.kkMapFirst;
      var drawn = lane ? lane.drawn : null;
      if (lane) lane.drawn = null;
      if (drawn === null || drawn === (view || '') || !figure) {
        return window.dash_clientside.no_update;
      }
      lane.corrected = (lane.corrected || 0) + 1;
      return Object.assign({}, figure);
    }
    """,
    Output(ids.MAP, "figure", allow_duplicate=True),
    Input(ids.TITLE, "data"),
    State(ids.VIEW, "data"),
    State(ids.MAP, "figure"),
    prevent_initial_call=True,
)
