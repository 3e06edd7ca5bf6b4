"""Malformed requests are a client's mistake: a 4xx with a short message, never a 5xx, never a
traceback in the log. Random JSON, mutations of the bodies the running layout makes, and random
query strings go through Flask's test client (in-process: hypothesis runs hundreds of them)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import app

CALLBACK = "/_dash-update-component"
SERVER = app.app.server
CHECKLIST = "theme-filter"  # a dcc.Checklist: its value is a list


@pytest.fixture
def client():
    return SERVER.test_client()


@pytest.fixture
def quiet_log(caplog) -> Iterator[None]:
    """After the test: nothing at WARNING or above, no traceback anywhere in the log."""
    caplog.set_level(logging.INFO)
    yield
    records = caplog.get_records("call")  # in teardown, `caplog.records` is teardown's own
    loud = [r for r in records if r.levelno >= logging.WARNING or r.exc_info]
    assert loud == [], [r.getMessage() for r in loud]
    assert not any("Traceback" in r.getMessage() for r in records)


def post(client, body: object, raw: bytes | None = None, content_type="application/json"):
    data = raw if raw is not None else json.dumps(body)
    return client.post(CALLBACK, data=data, content_type=content_type)


# --- bodies the running layout makes ----------------------------------------------------------


def layout_values() -> dict[tuple[str, str], object]:
    """(id, property) -> value for every component with a string id in /_dash-layout."""
    values: dict[tuple[str, str], object] = {}
    stack = [SERVER.test_client().get("/_dash-layout").get_json()]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict) and "props" in item and "type" in item:
            props = item["props"]
            if isinstance(props.get("id"), str):
                values |= {(props["id"], name): value for name, value in props.items()}
            stack.extend(props.values())
    return values


def page_bodies() -> list[dict]:
    """One first-call body per callback, with the layout's values, as dash-renderer sends it
    when the page loads (pattern-matching inputs have no buttons yet: empty lists)."""
    values = layout_values()
    dependencies = SERVER.test_client().get("/_dash-dependencies").get_json()

    def entry(item: dict) -> object:
        if item["id"].startswith("{"):
            return []
        return {**item, "value": values.get((item["id"], item["property"]))}

    bodies = []
    for callback in dependencies:
        if callback.get("clientside_function"):
            continue  # runs in the browser
        key = callback["output"]
        parts = key[2:-2].split("...") if key.startswith("..") else [key]
        outputs = [
            {"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]}
            for p in parts
            if not p.startswith("{")
        ]
        if len(outputs) != len(parts):
            continue  # a pattern-matching output: the renderer fills its ids from the page
        body = {
            "output": key,
            "outputs": outputs if key.startswith("..") else outputs[0],
            "inputs": [entry(i) for i in callback["inputs"]],
            "changedPropIds": [],
        }
        if callback["state"]:
            body["state"] = [entry(s) for s in callback["state"]]
        bodies.append(body)
    return bodies


PAGE_BODIES = page_bodies()


def view_event_body() -> dict:
    """A fresh copy of the request the filters send (tests change their copy)."""
    body = next(
        b for b in PAGE_BODIES if any(i.get("id") == CHECKLIST for i in b["inputs"] if i != [])
    )
    return json.loads(json.dumps(body))


def test_the_page_s_own_requests_are_answered(client, quiet_log):
    assert len(PAGE_BODIES) >= 10
    for body in PAGE_BODIES:
        reply = post(client, body)
        assert reply.status_code in (200, 204), (body["output"], reply.get_data(as_text=True))


# --- the examples of issue 15 (each a 500 with a traceback before) ---------------------------


def with_checklist_value(value: object) -> dict:
    body = view_event_body()
    body["inputs"] = [
        {**i, "value": value} if i != [] and i["id"] == CHECKLIST else i for i in body["inputs"]
    ]
    return body


EXAMPLES = {
    "inputs holds a number": lambda: {**view_event_body(), "inputs": [1]},
    "outputs holds a number": lambda: {**view_event_body(), "outputs": [1]},
    "a null changed id": lambda: {**view_event_body(), "changedPropIds": [None]},
    "a list body": lambda: [view_event_body()],
    "an unknown output id": lambda: {
        **view_event_body(),
        "outputs": [{"id": "nope", "property": "children"}, *view_event_body()["outputs"][1:]],
    },
    "a string where the checklist sends a list": lambda: with_checklist_value("energy"),
    "a number in the checklist's list": lambda: with_checklist_value([{"x": 1}]),
    "a changed id that is no input": lambda: {**view_event_body(), "changedPropIds": ["x.y"]},
    "state missing": lambda: {k: v for k, v in view_event_body().items() if k != "state"},
    "a callback that runs in the browser": lambda: {
        "output": "card.title",
        "outputs": {"id": "card", "property": "title"},
        "inputs": [{"id": "card-body", "property": "children", "value": None}],
    },
}


@pytest.mark.parametrize("name", EXAMPLES)
def test_malformed_callback_bodies_are_400(client, quiet_log, name):
    reply = post(client, EXAMPLES[name]())
    assert reply.status_code == 400, reply.get_data(as_text=True)
    answer = reply.get_json()
    assert answer["error"] == "bad request" and 0 < len(answer["message"]) <= 300
    assert "Traceback" not in reply.get_data(as_text=True)


@pytest.mark.parametrize(
    ("raw", "content_type", "status"),
    [
        (b"[" * 5000 + b"]" * 5000, "application/json", 400),  # 10 KB, 5,000 deep
        (b'{"a":' * 40 + b"1" + b"}" * 40, "application/json", 400),
        (b"{not json", "application/json", 400),
        (b"\xff\xfe", "application/json", 400),
        (b'{"output": "x"}', "text/plain", 415),
        (b"", "application/json", 400),
    ],
)
def test_unreadable_callback_bodies_are_4xx(client, quiet_log, raw, content_type, status):
    reply = post(client, None, raw=raw, content_type=content_type)
    assert reply.status_code == status
    assert reply.get_json()["error"] == "bad request"


#: Values of every JSON kind, and texts the page never holds (a language, a query).
OTHER_VALUES = [
    123,
    -1,
    1e308,
    True,
    "",
    "zzz",
    "?theme=zz&lang=de",
    ["x"],
    [None],
    [1, 2],
    {"a": 1},
    None,
]


def test_every_input_with_a_value_of_another_kind_is_answered_or_refused(client, quiet_log):
    """Each input and state of each page request in turn gets each of OTHER_VALUES: a 2xx, or a
    400 naming it; never a 5xx and never a failing callback (which logs an error). Before, a
    number in the view store or an unknown language failed inside the callbacks."""
    refused = 0
    for body in PAGE_BODIES:
        for field in ("inputs", "state"):
            for index, item in enumerate(body.get(field, [])):
                if item == []:
                    continue
                for value in OTHER_VALUES:
                    changed = json.loads(json.dumps(body))
                    changed[field][index]["value"] = value
                    reply = post(client, changed)
                    assert reply.status_code in (200, 204, 400), (item, value)
                    if reply.status_code == 400:
                        refused += 1
                        assert f"{field}.{index}" in reply.get_json()["message"]
    assert refused > 0


# --- random bodies ---------------------------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
KEYS = ["output", "outputs", "inputs", "state", "changedPropIds", "parsedChangedPropsIds"]
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(body=JSON | st.fixed_dictionaries({}, optional=dict.fromkeys(KEYS, JSON)))
def test_random_json_is_never_a_server_error(client, quiet_log, body):
    assert post(client, body).status_code < 500


def paths(value: object, prefix: tuple = ()) -> list[tuple]:
    """Every place in a JSON value (as a path of keys and indices)."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths(child, (*prefix, index))
    return found


def replaced(value: object, path: tuple, new: object) -> object:
    if not path:
        return new
    copy = value.copy() if isinstance(value, dict | list) else value
    copy[path[0]] = replaced(copy[path[0]], path[1:], new)  # type: ignore[index]
    return copy


@FUZZ
@given(data=st.data())
def test_mutated_page_requests_are_never_a_server_error(client, quiet_log, data):
    """One place of a real body replaced by random JSON, or a key dropped: what a broken proxy,
    an old page after a deploy or a curious person sends."""
    body = data.draw(st.sampled_from(PAGE_BODIES))
    if data.draw(st.booleans()):
        path = data.draw(st.sampled_from(paths(body)))
        body = replaced(body, path, data.draw(JSON))
    else:
        body = {k: v for k, v in body.items() if k != data.draw(st.sampled_from(KEYS))}
    assert post(client, body).status_code < 500


# --- the API, the exports and OGC with random query strings ---------------------------------

ROUTES = [
    "/api/initiatives",
    "/api/provinces",
    "/export/initiatives.csv",
    "/export/provinces.csv",
    "/export/initiatives.geojson",
    "/ogc/collections/initiatives/items",
    "/ogc/collections/provinces/items",
    "/ogc/collections",
]
PARAMETER_NAMES = [
    "theme", "match", "province", "kind", "status", "from", "to", "q", "metric", "lang",
    "initiative", "mode", "limit", "offset", "dialect", "bbox", "f", "x",
]  # fmt: skip
VALUES = st.text(max_size=30) | st.sampled_from(
    ["climate", "energy,climate", "PV22", "2019", "-1", "1e9", "", ",", "0,0,1,1", "nan"]
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    route=st.sampled_from(ROUTES),
    query=st.lists(
        st.tuples(st.sampled_from(PARAMETER_NAMES) | st.text(max_size=8), VALUES), max_size=5
    ),
)
def test_random_query_strings_are_never_a_server_error(client, quiet_log, route, query):
    reply = client.get(route, query_string=query)
    assert reply.status_code < 500, (route, query, reply.get_data(as_text=True)[:300])
    if reply.status_code >= 400:
        assert "Traceback" not in reply.get_data(as_text=True)
