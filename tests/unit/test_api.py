"""The read-only API: figures equal the domain's metrics, errors name the parameter, no 5xx."""

from __future__ import annotations

import math
from unittest import mock
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import app
from kansenkaart import exports, runtime
from kansenkaart.dataset import load_dataset
from kansenkaart.filtering import filter_initiatives
from kansenkaart.metrics import count_by_province, location_quotient, per_100k
from kansenkaart.registry import FILTER_THEMES, PROVINCE_CODES
from kansenkaart.settings import load_settings
from kansenkaart.view import PARAMETERS, View
from server.links import site_url
from tests.conftest import fixture_records, write_data_dir

#: Links in answers and files start here (the settings' address, never the Host header).
SITE = site_url(load_settings())

QUERIES = [
    "",
    "theme=energy",
    "theme=climate,innovation&match=all",
    "kind=programme&status=ongoing",
    "from=2016&to=2021",
    "q=water",
    "theme=jobs&province=PV21",
]
READ_ENDPOINTS = [
    "/api/initiatives",
    "/api/provinces",
    "/export/initiatives.csv",
    "/export/initiatives.xlsx",
    "/export/initiatives.geojson",
    "/export/provinces.csv",
    "/export/provinces.xlsx",
    "/export/provinces.geojson",
]
IMAGE_ENDPOINTS = ["/export/map.png", "/export/map.svg"]


@pytest.fixture(scope="module")
def client():
    return app.server.test_client()


def view_of(query: str) -> View:
    view, problems = View.from_query(query)
    assert not problems
    return view


def same_number(got: float | None, expected: float) -> bool:
    if math.isnan(expected):
        return got is None
    return got == pytest.approx(expected, rel=1e-6)


# --- /api/provinces -------------------------------------------------------------------------


@pytest.mark.parametrize("query", QUERIES)
def test_province_figures_equal_the_metrics(client, query):
    data, view = runtime.data(), view_of(query)
    body = client.get(f"/api/provinces?{query}").get_json()
    counts = count_by_province(data.initiatives, view)
    rates = per_100k(counts, data.provinces["population"])
    expected_codes = [view.province] if view.province else list(PROVINCE_CODES)
    assert [p["statcode"] for p in body["provinces"]] == expected_codes
    for row in body["provinces"]:
        code = row["statcode"]
        assert row["name"] == data.province_name(code)
        assert row["population"] == data.provinces.at[code, "population"] > 0
        assert row["count"] == counts[code]
        assert same_number(row["per_100k"], rates[code])
        for theme in FILTER_THEMES:
            lq = location_quotient(data.initiatives, view, (theme,), "any")[code]
            assert same_number(row["lq"][theme], lq), (code, theme)


def test_province_counts_add_up_to_the_filtered_rows(client):
    for query in QUERIES:
        body = client.get(f"/api/provinces?{query}").get_json()
        view = view_of(query)
        shown = filter_initiatives(runtime.data().initiatives, view)
        assert sum(p["count"] for p in body["provinces"]) == len(shown), query


def test_location_quotient_is_null_with_a_reason_on_too_few(client, tmp_path, monkeypatch):
    """The small fixture has 0-3 initiatives per province: every LQ rests on too few."""
    dataset = load_dataset(write_data_dir(tmp_path / "data", fixture_records()))
    monkeypatch.setattr(runtime, "data", lambda: dataset)
    body = client.get("/api/provinces").get_json()
    rows = {p["statcode"]: p for p in body["provinces"]}
    assert rows["PV27"]["count"] == 0 and set(rows["PV27"]["lq"].values()) == {None}
    assert rows["PV27"]["lq_null_reason"]["climate"] == "too_few_total"
    assert rows["PV22"]["lq"]["climate"] is None
    assert rows["PV22"]["lq_verdict"]["climate"] == "too_few"
    assert body["lq_rule"]["min_selected"] == 5 and body["lq_rule"]["min_total"] == 10


def test_the_real_data_shows_lq_with_a_verdict_where_counts_allow(client):
    rows = client.get("/api/provinces").get_json()["provinces"]
    shown = [(r["statcode"], t) for r in rows for t, v in r["lq"].items() if v is not None]
    assert shown, "some province x theme cell has 5 or more initiatives"
    for code, theme in shown:
        row = next(r for r in rows if r["statcode"] == code)
        assert row["lq_verdict"][theme] in ("strength", "gap", "average")
        assert row["lq_null_reason"][theme] is None


def test_provinces_name_the_metric_its_year_and_source_and_the_coverage(client):
    body = client.get("/api/provinces?metric=co2_total_known_klimaatmonitor").get_json()
    assert body["metric"]["year"] == "2017"
    assert body["metric"]["sources"] == ["Klimaatmonitor (Rijkswaterstaat)"]
    assert body["coverage"]["complete"] is False and body["coverage"]["collected_until"]
    data = runtime.data()
    expected = data.indicators.query("indicator == 'co2_total_known_klimaatmonitor'")
    by_code = dict(zip(expected["statcode"], expected["value"], strict=True))
    assert {r["statcode"]: r["value"] for r in body["provinces"]} == by_code


# --- /api/initiatives -----------------------------------------------------------------------


@pytest.mark.parametrize("query", QUERIES)
def test_initiatives_are_the_filtered_rows(client, query):
    response = client.get(f"/api/initiatives?{query}")
    assert response.mimetype == "application/geo+json"
    ids = [f["id"] for f in response.get_json(force=True)["features"]]
    expected = filter_initiatives(runtime.data().initiatives, view_of(query))
    assert ids == expected["id"].tolist()


def test_api_initiatives_equals_the_geojson_export(client):
    query = "theme=energy&province=PV22"
    answer = client.get(f"/api/initiatives?{query}").get_json(force=True)
    export = client.get(f"/export/initiatives.geojson?{query}").get_json(force=True)
    assert answer["features"] == export["features"]  # one page holds them all
    assert answer["numberMatched"] == answer["numberReturned"] == len(export["features"])


def follow_pages(client, address: str) -> tuple[list[str], list[dict]]:
    """Every feature id, following `next` from the first page to the last, and the pages."""
    ids, pages = [], []
    while address:
        response = client.get(address.removeprefix(SITE))
        assert response.status_code == 200, response.data[:300]
        page = response.get_json(force=True)
        pages.append(page)
        ids += [feature["id"] for feature in page["features"]]
        following = [link["href"] for link in page["links"] if link["rel"] == "next"]
        assert len(following) <= 1
        address = following[0] if following else ""
    return ids, pages


@pytest.mark.parametrize(
    ("query", "limit"), [("", 7), ("", 1000), ("theme=energy&q=a", 5), ("province=PV24", 1)]
)
def test_paging_visits_every_row_exactly_once(client, query, limit):
    ids, pages = follow_pages(client, f"/api/initiatives?{query}&limit={limit}")
    expected = filter_initiatives(runtime.data().initiatives, view_of(query))["id"].tolist()
    assert ids == expected  # each once, in file order
    assert len(pages) == max(1, -(-len(expected) // limit))
    assert all(page["numberMatched"] == len(expected) for page in pages)
    assert [page["numberReturned"] for page in pages] == [len(p["features"]) for p in pages]
    assert all(len(page["features"]) == limit for page in pages[:-1])
    last_links = {link["rel"] for link in pages[-1]["links"]}
    assert "next" not in last_links and "self" in last_links


def test_next_keeps_the_filters_and_the_default_page_is_1000(client):
    first = client.get("/api/initiatives?theme=energy&limit=2").get_json(force=True)
    following = next(link["href"] for link in first["links"] if link["rel"] == "next")
    assert following == SITE + "/api/initiatives?theme=energy&limit=2&offset=2"
    whole = client.get("/api/initiatives").get_json(force=True)
    assert whole["numberReturned"] == min(1000, whole["numberMatched"])
    beyond = client.get("/api/initiatives?offset=100000").get_json(force=True)
    assert beyond["features"] == [] and beyond["numberReturned"] == 0
    assert beyond["numberMatched"] == whole["numberMatched"]


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("limit=0", "limit"),
        ("limit=5001", "limit"),
        ("limit=ten", "limit"),
        ("limit=", "limit"),
        ("offset=-1", "offset"),
        ("offset=1.5", "offset"),
        ("offset=%D9%A3", "offset"),  # an Arabic-Indic digit is not an ASCII number
        ("limit=1&limit=2", "limit"),
        ("dialect=excel-nl", "dialect"),  # a parameter of the CSV exports, not of the API
    ],
)
def test_bad_paging_is_refused_naming_the_parameter(client, query, param):
    response = client.get(f"/api/initiatives?{query}")
    assert response.status_code == 400
    assert [p["param"] for p in response.get_json()["problems"]] == [param]


@pytest.mark.parametrize("path", ["/export/initiatives.csv", "/export/provinces.csv"])
@pytest.mark.parametrize("value", ["excel", "EXCEL-NL", "", "semicolon"])
def test_a_bad_dialect_is_refused_by_name(client, path, value):
    response = client.get(f"{path}?dialect={value}&theme=energy")
    assert response.status_code == 400
    assert [p["param"] for p in response.get_json()["problems"]] == ["dialect"]


def test_paging_is_not_a_parameter_of_the_exports(client):
    response = client.get("/export/initiatives.csv?limit=5")
    assert response.status_code == 400
    assert [p["param"] for p in response.get_json()["problems"]] == ["limit"]


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("theme=recycling", "theme"),
        ("theme=energy,recycling", "theme"),
        ("match=some", "match"),
        ("province=PV99", "province"),
        ("kind=factory", "kind"),
        ("status=done", "status"),
        ("from=abc", "from"),
        ("to=99999999999999999999999", "to"),
        ("q=" + "x" * 500, "q"),
        ("metric=max", "metric"),
        ("lang=de", "lang"),
        ("initiative=<script>", "initiative"),
        ("colour=red", "colour"),
        ("theme=energy&theme=climate", "theme"),
    ],
)
@pytest.mark.parametrize("path", READ_ENDPOINTS + IMAGE_ENDPOINTS)
def test_invalid_parameters_answer_400_naming_them(client, path, query, param):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"] == "invalid parameters"
    assert param in [p["param"] for p in body["problems"]]
    assert all(p["message"] for p in body["problems"])
    assert response.headers["Cache-Control"] == "no-store"


def test_every_problem_is_reported_at_once(client):
    body = client.get("/api/provinces?theme=x&province=y&from=z&foo=1").get_json()
    assert {p["param"] for p in body["problems"]} == {"theme", "province", "from", "foo"}


@pytest.mark.parametrize(
    "path",
    ["/api", "/api/", "/api/nothing", "/api/initiatives/", "/export/", "/export/initiatives.pdf"],
)
def test_unknown_paths_answer_404_json(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.get_json()["error"] == "not found"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/initiatives", "/api/provinces", "/export/initiatives.csv"])
def test_writing_methods_answer_405_json(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert response.get_json()["error"] == "method not allowed"
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"


def test_head_and_options(client):
    assert client.head("/api/provinces?theme=energy").status_code == 200
    options = client.options("/api/provinces")
    assert options.status_code == 204 and "GET" in options.headers["Allow"]


# --- caching and CORS -----------------------------------------------------------------------


def test_answers_are_cacheable_and_readable_from_any_origin(client):
    for path in [*READ_ENDPOINTS, "/api/openapi.json"]:
        response = client.get(f"{path}?theme=energy" if "openapi" not in path else path)
        assert response.status_code == 200, path
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert response.headers["Cache-Control"].startswith("public, max-age=")
        assert response.headers["ETag"]


def test_unchanged_answer_is_304(client):
    first = client.get("/api/provinces?theme=energy")
    again = client.get(
        "/api/provinces?theme=energy", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304
    other = client.get(
        "/api/provinces?theme=jobs", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert other.status_code == 200


def test_the_page_is_not_given_api_headers(client):
    assert "Access-Control-Allow-Origin" not in client.get("/").headers


# --- OpenAPI --------------------------------------------------------------------------------


def served_paths() -> set[str]:
    """Every path the blueprint answers with data, formats spelled out."""
    paths: set[str] = set()
    for rule in app.server.url_map.iter_rules():
        path = rule.rule
        if not rule.endpoint.startswith("api.") or "<path:" in path:
            continue
        if path.rstrip("/") in ("/api", "/export"):
            continue
        if "<file_format>" in path:
            paths |= {f.path for f in exports.EXPORT_FORMATS.values()}
        else:
            paths.add(path)
    return paths


def test_openapi_describes_every_endpoint_and_parameter(client):
    document = client.get("/api/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == served_paths()
    parameters = document["components"]["parameters"]
    assert set(parameters) == {*PARAMETERS, "limit", "offset", "dialect"}
    assert not {"limit", "offset", "dialect"} & set(PARAMETERS)  # not the page's View
    own = {
        path: {p["$ref"].rsplit("/", 1)[1] for p in item["get"].get("parameters", [])}
        - set(PARAMETERS)
        for path, item in document["paths"].items()
    }
    assert own["/api/initiatives"] == {"limit", "offset"}
    assert own["/export/initiatives.csv"] == own["/export/provinces.csv"] == {"dialect"}
    assert parameters["dialect"]["schema"]["enum"] == ["standard", "excel-nl"]
    assert parameters["limit"]["schema"]["maximum"] == 5000
    assert parameters["theme"]["schema"]["items"]["enum"] == list(FILTER_THEMES)
    assert parameters["province"]["schema"]["enum"] == list(PROVINCE_CODES)
    for path, item in document["paths"].items():
        assert "400" in item["get"]["responses"], path


# --- never a 5xx ----------------------------------------------------------------------------

KEYS = st.one_of(
    st.sampled_from(
        [
            *PARAMETERS,
        ]
    ),
    st.text(max_size=12),
)
VALUES = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        [
            "",
            "energy",
            "climate,jobs",
            "PV21",
            "pv21",
            "2018",
            "all",
            "nl",
            "Fryslân",
            "%",
            "%ff",
            "\x00",
            "🧪",
            ",,,",
            "1e309",
            "NaN",
        ]
    ),
)
PAIRS = st.lists(st.tuples(KEYS, VALUES), max_size=5)


def as_query(pairs: list[tuple[str, str]], raw: bool) -> str:
    """Well-formed (percent-encoded) or raw, as a careless script would send it."""
    if raw:
        return "&".join(f"{k}={v}" for k, v in pairs)
    return "&".join(f"{quote(k, safe='')}={quote(v, safe=',')}" for k, v in pairs)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(READ_ENDPOINTS + IMAGE_ENDPOINTS),
    pairs=PAIRS,
    raw=st.booleans(),
)
def test_no_query_string_causes_a_server_error(client, path, pairs, raw):
    # The browser is replaced for speed; everything up to it (parsing, filtering, figure) runs.
    with mock.patch.object(exports.renderer, "render", return_value=b"image"):
        response = client.get(path, query_string=as_query(pairs, raw))
    assert response.status_code < 500, response.data[:300]
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.get_json()["problems"]
