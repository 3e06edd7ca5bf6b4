"""The OpenAPI document and the server agree both ways, schemathesis-style: requests generated
from each operation's parameter schemas in /api/openapi.json. A request whose every value fits
its schema is answered (2xx); one value that breaks its schema is refused with 400 naming that
parameter; nothing is ever a 5xx. (schemathesis itself would pull in a large tree; the document's
schemas are simple enough for hypothesis alone.)"""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import app

CLIENT = app.app.server.test_client()
DOCUMENT = CLIENT.get("/api/openapi.json").get_json()
PARAMETERS = DOCUMENT["components"]["parameters"]
#: Map images take Chromium a few hundred ms each: their parameters are the page's, as below.
OPERATIONS = {
    path: [p["$ref"].rsplit("/", 1)[1] for p in item["get"].get("parameters", [])]
    for path, item in DOCUMENT["paths"].items()
    if not path.startswith("/export/map.")
}
FAST = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def valid_value(schema: dict) -> st.SearchStrategy[str]:
    """A query value the schema allows (form style: a list is comma-separated)."""
    if schema.get("type") == "array":
        items = schema["items"]["enum"]
        return st.lists(
            st.sampled_from(items),
            min_size=schema.get("minItems", 0),
            max_size=schema.get("maxItems"),
            unique=True,
        ).map(",".join)
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if schema.get("type") == "integer":
        return st.integers(schema.get("minimum", 0), schema.get("maximum", 10**6)).map(str)
    low, high = schema.get("minLength", 0), schema.get("maxLength", 50)
    text = st.text(min_size=low, max_size=min(high, 50))
    if "pattern" in schema:
        text = st.from_regex(schema["pattern"], fullmatch=True).filter(
            lambda s: low <= len(s) <= high
        )
    return text


def invalid_value(schema: dict) -> st.SearchStrategy[str]:
    """A query value the schema refuses."""
    wrong = [st.just("")]  # an empty value is not a value (allowEmptyValue is false)
    if schema.get("type") == "array":
        items = schema["items"]["enum"]
        wrong += [
            st.sampled_from(items).map(lambda i: f"{i},{i}"),  # uniqueItems
            st.sampled_from(items).map(lambda i: f"{i},"),  # an empty item
            st.text(min_size=1, max_size=12).filter(lambda s: s not in items and "," not in s),
        ]
        low, high = schema.get("minItems", 1), schema.get("maxItems")
        if low > 1:  # too few
            wrong.append(
                st.lists(st.sampled_from(items), max_size=low - 1, min_size=1, unique=True).map(
                    ",".join
                )
            )
        if high is not None and high < len(items):  # too many
            wrong.append(
                st.lists(st.sampled_from(items), min_size=high + 1, unique=True).map(",".join)
            )
    elif "enum" in schema:
        wrong.append(st.text(min_size=1, max_size=12).filter(lambda s: s not in schema["enum"]))
    elif schema.get("type") == "integer":
        low, high = schema.get("minimum"), schema.get("maximum")
        wrong.append(st.text(string.ascii_letters, min_size=1, max_size=6))
        if low is not None:
            wrong.append(st.integers(max_value=low - 1, min_value=low - 10**6).map(str))
        if high is not None:
            wrong.append(st.integers(min_value=high + 1, max_value=high + 10**6).map(str))
    else:
        if "maxLength" in schema:
            wrong.append(st.just("x" * (schema["maxLength"] + 1)))
        if "pattern" in schema:
            pattern = re.compile(schema["pattern"])
            control = st.sampled_from(["\x00", "\x01", "\t", "\n", "\x1f", "\x7f", "\x85"])
            wrong.append(
                st.tuples(st.text(max_size=5), control, st.text(max_size=5))
                .map("".join)
                .filter(lambda s: not pattern.search(s))
            )
    return st.one_of(wrong)


def request(path: str, query: list[tuple[str, str]]):
    return CLIENT.get(path, query_string=query)


@st.composite
def valid_requests(draw) -> tuple[str, list[tuple[str, str]]]:
    path = draw(st.sampled_from(sorted(OPERATIONS)))
    names = draw(st.lists(st.sampled_from(OPERATIONS[path] or ["-"]), unique=True, max_size=5))
    names = [n for n in names if n in PARAMETERS]
    return path, [(n, draw(valid_value(PARAMETERS[n]["schema"]))) for n in names]


@st.composite
def invalid_requests(draw) -> tuple[str, list[tuple[str, str]], str]:
    path = draw(st.sampled_from(sorted(p for p, names in OPERATIONS.items() if names)))
    broken = draw(st.sampled_from(OPERATIONS[path]))
    others = draw(st.lists(st.sampled_from(OPERATIONS[path]), unique=True, max_size=3))
    query = [(n, draw(valid_value(PARAMETERS[n]["schema"]))) for n in others if n != broken]
    query.append((broken, draw(invalid_value(PARAMETERS[broken]["schema"]))))
    return path, query, broken


@FAST
@given(valid_requests())
def test_what_the_document_allows_is_answered(case):
    path, query = case
    reply = request(path, query)
    assert reply.status_code == 200, (path, query, reply.get_data(as_text=True)[:300])


@FAST
@given(invalid_requests())
def test_what_the_document_forbids_is_refused_naming_the_parameter(case):
    path, query, broken = case
    reply = request(path, query)
    assert reply.status_code == 400, (path, query, reply.get_data(as_text=True)[:300])
    assert broken in [p["param"] for p in reply.get_json()["problems"]]


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("theme=", "theme"),  # empty: accepted before, the schema forbids it
        ("kind=network,network", "kind"),  # a duplicate item: accepted before
        ("status=ongoing,", "status"),
        ("q=water%01", "q"),  # refused before too, now also by the schema
        ("q=water%09kracht", "q"),
        ("province=drenthe", "province"),
        ("initiative=%C3%A9", "initiative"),
    ],
)
def test_the_examples_of_issue_15_are_refused_by_both(query, param):
    reply = CLIENT.get(f"/api/initiatives?{query}")
    assert reply.status_code == 400
    assert [p["param"] for p in reply.get_json()["problems"]] == [param]


def test_the_schema_forbids_control_characters_in_q():
    pattern = re.compile(PARAMETERS["q"]["schema"]["pattern"])
    assert not pattern.search("water\x01") and not pattern.search("a\tb")
    assert pattern.search("Fryslân water")


def test_a_year_range_the_wrong_way_round_is_read_as_the_page_reads_it():
    """The schema cannot forbid from > to (two parameters), so the server accepts it, as the
    page does: the same link gives the same rows everywhere."""
    swapped = CLIENT.get("/api/provinces?from=2020&to=2010").get_json()
    assert swapped["query"] == "?from=2010&to=2020"
    straight = CLIENT.get("/api/provinces?from=2010&to=2020").get_json()
    assert swapped["provinces"] == straight["provinces"]
