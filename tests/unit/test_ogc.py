"""OGC API - Features under /ogc, through Flask's test client: the same initiatives as /api for
every filter, paging that visits each feature once, bbox, single items, 400s that name the
parameter, counter-clockwise province rings, and HTML without scripts."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from shapely.geometry import shape

import app
from kansenkaart import runtime
from kansenkaart.metrics import count_by_province, per_100k
from kansenkaart.registry import PROVINCE_CODES
from kansenkaart.settings import load_settings
from kansenkaart.view import View
from server.links import site_url

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
ITEMS = "/ogc/collections/initiatives/items"
PROVINCES = "/ogc/collections/provinces/items"


@pytest.fixture(scope="module")
def client():
    return app.server.test_client()


def local(href: str) -> str:
    """A link's path and query, for the test client."""
    parts = urlsplit(href)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def all_pages(client, first: str) -> tuple[list[dict], int]:
    """Every feature reached by following `next` links from `first`, and the pages taken."""
    features, url, pages = [], first, 0
    while url:
        reply = client.get(url)
        assert reply.status_code == 200, reply.get_data(as_text=True)
        document = reply.get_json()
        features += document["features"]
        pages += 1
        assert document["numberReturned"] == len(document["features"])
        url = next((local(x["href"]) for x in document["links"] if x["rel"] == "next"), None)
    return features, pages


def test_landing_page_links_conformance_data_and_api_definition(client):
    document = client.get("/ogc").get_json()
    rels = {x["rel"] for x in document["links"]}
    assert {"self", "alternate", "conformance", "data", "service-desc"} <= rels
    for x in document["links"]:
        assert client.get(local(x["href"])).status_code == 200, x
    conformance = client.get("/ogc/conformance").get_json()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conformance
    api = client.get("/ogc/api")
    assert api.get_json()["openapi"].startswith("3.0")
    assert {p["name"] for p in api.get_json()["paths"]["/collections/initiatives/items"]["get"]["parameters"]} >= {
        "limit", "offset", "bbox", "theme", "match", "province", "kind", "status", "from", "to", "q"
    }  # fmt: skip


def test_collections_list_both_with_extent_and_items_links(client):
    document = client.get("/ogc/collections").get_json()
    by_id = {c["id"]: c for c in document["collections"]}
    assert set(by_id) == {"initiatives", "provinces"}
    for collection in by_id.values():
        west, south, east, north = collection["extent"]["spatial"]["bbox"][0]
        assert 3 < west < east < 7.3 and 50.7 < south < north < 53.6
        assert any(x["rel"] == "items" for x in collection["links"])
        assert (
            client.get(f"/ogc/collections/{collection['id']}").get_json()["id"] == collection["id"]
        )


@pytest.mark.parametrize("query", QUERIES)
def test_initiatives_are_those_of_the_api_for_the_page_filters(client, query):
    expected = client.get(f"/api/initiatives?{query}").get_json()["features"]
    got = client.get(f"{ITEMS}?{query}&limit=1000").get_json()
    assert got["numberMatched"] == len(expected)
    assert got["features"] == expected
    assert client.get(f"{ITEMS}?{query}").headers["Content-Type"] == "application/geo+json"


@pytest.mark.parametrize("query", ["", "theme=energy&", "bbox=4,51.5,6,53&"])
@pytest.mark.parametrize("limit", [1, 7, 100])
def test_paging_by_next_links_visits_every_feature_once(client, query, limit):
    everything = client.get(f"{ITEMS}?{query}limit=1000").get_json()
    features, pages = all_pages(client, f"{ITEMS}?{query}limit={limit}")
    ids = [f["id"] for f in features]
    assert len(ids) == len(set(ids)) == everything["numberMatched"]
    assert ids == [f["id"] for f in everything["features"]]
    assert pages == max(1, -(-len(ids) // limit))


def test_limit_above_the_maximum_is_served_as_the_maximum(client):
    document = client.get(f"{ITEMS}?limit=100000").get_json()
    assert document["numberReturned"] == min(1000, document["numberMatched"])


def test_bbox_keeps_the_points_inside_and_drops_province_wide_rows(client):
    everything = client.get(f"{ITEMS}?limit=1000").get_json()["features"]
    west, south, east, north = 5.0, 51.8, 6.5, 53.0
    inside = [
        f["id"]
        for f in everything
        if f["geometry"]
        and west <= f["geometry"]["coordinates"][0] <= east
        and south <= f["geometry"]["coordinates"][1] <= north
    ]
    got = client.get(f"{ITEMS}?bbox={west},{south},{east},{north}&limit=1000").get_json()
    assert [f["id"] for f in got["features"]] == inside
    assert any(f["geometry"] is None for f in everything)  # there are some to drop
    assert all(f["geometry"] is not None for f in got["features"])


def test_bbox_on_provinces_keeps_those_it_touches(client):
    got = client.get(f"{PROVINCES}?bbox=6.4,52.7,6.6,52.9").get_json()  # inside Drenthe
    assert [f["id"] for f in got["features"]] == ["PV22"]


@pytest.mark.parametrize(
    ("query", "params"),
    [
        ("theme=recycling", {"theme"}),
        ("provnce=PV22", {"provnce"}),
        ("from=2020&to=abc", {"to"}),
        ("limit=0", {"limit"}),
        ("limit=ten", {"limit"}),
        ("offset=-1", {"offset"}),
        ("bbox=1,2,3", {"bbox"}),
        ("bbox=4,53,6,51", {"bbox"}),
        ("f=xml", {"f"}),
        ("theme=energy&theme=jobs", {"theme"}),
        ("limit=5&limit=6", {"limit"}),
        ("theme=nope&limit=0&colour=red", {"theme", "limit", "colour"}),
    ],
)
def test_bad_parameters_are_answered_400_naming_each(client, query, params):
    for path in (ITEMS, PROVINCES):
        reply = client.get(f"{path}?{query}")
        assert reply.status_code == 400
        body = reply.get_json()
        assert {p["param"] for p in body["problems"]} == params
        assert body["code"] == "InvalidParameterValue"
        assert all(name in body["description"] for name in params)


def test_single_items_by_id(client):
    initiative = client.get(f"{ITEMS}/DR-01")
    assert initiative.status_code == 200
    assert initiative.headers["Content-Type"] == "application/geo+json"
    feature = initiative.get_json()
    assert feature["type"] == "Feature" and feature["id"] == "DR-01"
    assert feature["properties"]["province"] == "PV22"
    province = client.get(f"{PROVINCES}/PV22").get_json()
    assert province["properties"]["name"] == "Drenthe"
    assert province["geometry"]["type"] == "MultiPolygon"
    assert client.get(f"{ITEMS}/XX-99").status_code == 404
    assert client.get(f"{PROVINCES}/PV99").status_code == 404
    assert client.get("/ogc/collections/rivers/items").status_code == 404
    assert client.get(f"{ITEMS}/DR-01?theme=jobs").status_code == 400  # an id, not a filter
    assert client.get("/ogc/nothing/here").status_code == 404


def test_province_wide_initiative_has_null_geometry(client):
    features = client.get(f"{ITEMS}?limit=1000").get_json()["features"]
    wide = next(f for f in features if f["geometry"] is None)
    assert client.get(f"{ITEMS}/{wide['id']}").get_json()["geometry"] is None


@pytest.mark.parametrize("query", QUERIES)
def test_provinces_carry_the_counts_of_the_view(client, query):
    data = runtime.data()
    view, problems = View.from_query(query)
    assert not problems
    counts = count_by_province(data.initiatives, view)
    rates = per_100k(counts, data.provinces["population"])
    features = client.get(f"{PROVINCES}?{query}").get_json()["features"]
    expected_codes = [view.province] if view.province else list(PROVINCE_CODES)
    assert [f["id"] for f in features] == expected_codes
    for feature in features:
        props = feature["properties"]
        assert set(props) == {"statcode", "name", "population", "count", "per_100k"}
        assert props["count"] == counts[props["statcode"]]
        assert props["per_100k"] == pytest.approx(rates[props["statcode"]])
        assert props["population"] > 0


def test_province_exterior_rings_are_counter_clockwise(client):
    features = client.get(PROVINCES).get_json()["features"]
    assert len(features) == 12
    for feature in features:
        for polygon in shape(feature["geometry"]).geoms:
            assert polygon.exterior.is_ccw, feature["id"]
            assert not any(ring.is_ccw for ring in polygon.interiors), feature["id"]


@pytest.mark.parametrize(
    "path",
    [
        "/ogc",
        "/ogc/conformance",
        "/ogc/collections",
        "/ogc/collections/initiatives",
        ITEMS,
        f"{ITEMS}?theme=energy&limit=5&offset=5",
        f"{ITEMS}/DR-01",
        PROVINCES,
        f"{PROVINCES}/PV22",
    ],
)
def test_html_pages_answer_without_scripts(client, path):
    for reply in (
        client.get(path + ("&" if "?" in path else "?") + "f=html"),
        client.get(path, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}),
    ):
        assert reply.status_code == 200
        assert reply.mimetype == "text/html"
        text = reply.get_data(as_text=True)
        assert text.startswith("<!DOCTYPE html>")
        assert "<script" not in text and SITE + "/ogc" in text
        assert "Content-Security-Policy" in reply.headers


def test_items_html_links_each_feature_and_the_next_page(client):
    text = client.get(f"{ITEMS}?limit=5&f=html").get_data(as_text=True)
    assert 'rel="next"' in text
    assert "/ogc/collections/initiatives/items/DR-01?f=html" in client.get(
        f"{ITEMS}?province=PV22&limit=1000&f=html"
    ).get_data(as_text=True)


def test_read_only_and_open_to_other_origins(client):
    assert client.post(ITEMS).status_code == 405
    reply = client.get(ITEMS)
    assert reply.headers["Access-Control-Allow-Origin"] == "*"
    assert "Accept" in reply.headers["Vary"].split(", ")


def test_api_definition_describes_every_ogc_route(client):
    """A route added under /ogc without a line in /ogc/api fails here."""
    described = set(client.get("/ogc/api").get_json()["paths"])
    served = set()
    for rule in app.server.url_map.iter_rules():
        if not rule.endpoint.startswith("ogc.") or "<path:" in rule.rule:
            continue
        path = rule.rule.removeprefix("/ogc") or "/"
        if path == "/api":
            continue
        path = path.replace("<feature_id>", "{featureId}")
        for collection in ("initiatives", "provinces"):
            served.add(path.replace("<collection_id>", collection))
    assert described == served


def test_json_and_html_of_one_address_have_different_etags(client):
    as_json = client.get(ITEMS)
    as_html = client.get(ITEMS, headers={"Accept": "text/html"})
    assert as_json.headers["ETag"] != as_html.headers["ETag"]
    again = client.get(ITEMS, headers={"If-None-Match": as_json.headers["ETag"]})
    assert again.status_code == 304
    other = client.get(
        ITEMS, headers={"Accept": "text/html", "If-None-Match": as_json.headers["ETag"]}
    )
    assert other.status_code == 200 and other.mimetype == "text/html"
