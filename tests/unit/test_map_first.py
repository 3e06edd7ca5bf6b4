"""The fast lane's map (ui/map_first.py, POST /_map-first) is the map of the view the page's own
callback makes of the same event, and a request the page could not have sent is a short 400."""

from __future__ import annotations

import json
import typing

import pytest

import app
from callbacks import map_first as lane
from kansenkaart import runtime
from layers.figure_patch import LAYOUT, apply
from layers.map_figure import base_figure, build_figure
from tests.unit.dash_calls import fire
from ui.controls import control_values

DASH = app.app
CLIENT = DASH.server.test_client()

PROVINCE_CLICK = {"points": [{"curveNumber": 1, "location": "PV21"}]}
MARKER_CLICK = {"points": [{"curveNumber": 2, "customdata": "DR-01"}]}
BADGE_CLICK = {"points": [{"curveNumber": 4, "customdata": "PV22"}]}
CLUSTER_CLICK = {"points": [{"curveNumber": 3}]}

#: (the URL when it happened, what fired, its value): the events the lane sends.
EVENTS = [
    ("", "theme-filter", ["energy"]),
    ("?theme=energy", "theme-filter", ["energy", "climate"]),
    ("?theme=climate,energy", "match-mode", "all"),
    ("?theme=climate,energy&match=all", "metric", "per100k"),
    ("?metric=lq", "theme-filter", ["jobs"]),
    ("?theme=jobs", "kind-filter", ["project"]),
    ("?theme=jobs&lang=en", "status-filter", ["lopend"]),
    ("", "province-select", "PV27"),
    ("?theme=energy", "map", PROVINCE_CLICK),
    ("?theme=energy&province=PV21", "map", PROVINCE_CLICK),  # the selected one: deselects
    ("?initiative=DR-01", "map", PROVINCE_CLICK),  # a card elsewhere closes
    ("", "map", MARKER_CLICK),
    ("", "map", BADGE_CLICK),
    ("?theme=jobs&q=x&metric=lq", "reset-filters", 1),
    ("?theme=jobs&province=PV22", "clear-province", 1),
    ("?initiative=DR-01&theme=energy", "close-card", 1),
]


def page_answer(search: str, trigger: str, value: object) -> str:
    """The URL the page's own view callback writes for the event."""
    view = runtime.view_of(search)
    values: dict[str, object] = {"url.search": search, "view.data": search}
    values.update({f"{control}.value": shown for control, shown in control_values(view).items()})
    if trigger == "map":
        fired = "map.clickData"
        values[fired] = value
    elif trigger in lane.SENT_CONTROLS or trigger in ("metric", "province-select"):
        fired = f"{trigger}.value"
        values[fired] = value
    else:
        fired = f"{trigger}.n_clicks"
        values[fired] = 1
    sent = fire(DASH, "on_view_event", fired, values)
    return str(sent.get("url", {}).get("search", search))


def lane_answer(body: dict) -> dict:
    response = CLIENT.post("/_map-first", json=body)
    assert response.status_code == 200, response.get_json()
    assert response.headers["Cache-Control"] == "no-store"
    return response.get_json()


@pytest.mark.parametrize(("search", "trigger", "value"), EVENTS)
def test_the_lane_draws_the_view_the_page_makes_of_the_same_event(search, trigger, value):
    answer = lane_answer({"search": search, "trigger": trigger, "value": value})
    assert answer["query"] == page_answer(search, trigger, value)
    # Its layers are the whole map of that view, shapes aside.
    data = runtime.data()
    updates = {(LAYOUT, path): v for path, v in answer["layout"].items()}
    for index, paths in answer["traces"].items():
        updates.update({(int(index), path): v for path, v in paths.items()})
    expected = json.loads(
        json.dumps(build_figure(data, runtime.view_of(answer["query"])), default=str)
    )
    drawn = json.loads(json.dumps(apply(base_figure(data.geojson), updates), default=str))
    assert drawn == expected


def test_back_and_forward_draw_the_link_moved_to():
    answer = lane_answer({"search": "?province=noord-holland&theme=energy", "trigger": "url"})
    assert answer["query"] == "?theme=energy&province=PV27"


def test_the_checkboxes_as_shown_go_with_an_event():
    """Two quick clicks: the second leaves before the page has written the first to the URL,
    and the boxes on the page hold both (as the page's own request does)."""
    body = {
        "search": "",
        "trigger": "match-mode",
        "value": "all",
        "controls": {"theme-filter": ["energy", "jobs"], "match-mode": "any"},
    }
    assert lane_answer(body)["query"] == "?theme=jobs,energy&match=all"  # the registry's order


def test_a_click_that_selects_nothing_draws_nothing():
    answer = lane_answer({"search": "?theme=jobs", "trigger": "map", "value": CLUSTER_CLICK})
    assert answer == {"query": None, "traces": {}, "layout": {}}


def test_a_missing_value_is_null_in_valid_json():
    """lq needs a theme with enough cases; provinces without a value travel as null."""
    response = CLIENT.post(
        "/_map-first", json={"search": "?metric=lq&theme=energy", "trigger": "url"}
    )
    text = response.get_data(as_text=True)
    assert "NaN" not in text
    assert json.loads(text)["query"] == "?theme=energy&metric=lq"


def test_the_triggers_named_twice_agree():
    assert typing.get_args(lane.Trigger) == lane.TRIGGERS
    sent = typing.get_args(
        typing.get_args(lane.MapFirstRequest.model_fields["controls"].annotation)[0]
    )
    assert sent == lane.SENT_CONTROLS


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"search": "", "trigger": "lang-toggle", "value": "en"}, "trigger"),
        ({"search": "", "trigger": "theme-filter", "value": {"x": 1}}, "value"),
        ({"search": "x" * 3000, "trigger": "url"}, "search"),
        ({"search": "", "trigger": "url", "extra": 1}, "extra"),
        ({"search": "", "trigger": "map", "value": {"points": [{"curveNumber": 99}]}}, "value"),
        ({"search": "", "trigger": "theme-filter", "controls": {"search": "x"}}, "controls"),
        ([], "body"),
    ],
)
def test_a_request_the_page_could_not_send_is_a_400_naming_the_field(body, named):
    response = CLIENT.post("/_map-first", json=body)
    assert response.status_code == 400
    answer = response.get_json()
    assert answer["error"] == "bad request"
    assert answer["message"].startswith(named) or named in answer["message"].split(":")[0]
    assert "Traceback" not in response.get_data(as_text=True)


def test_only_json_posts_are_read():
    assert CLIENT.get("/_map-first").status_code == 405
    assert CLIENT.post("/_map-first", data="x", content_type="text/plain").status_code == 415
    deep = "[" * 200 + "]" * 200
    response = CLIENT.post("/_map-first", data=deep, content_type="application/json")
    assert response.status_code == 400
    assert "deeper" in response.get_json()["message"]
