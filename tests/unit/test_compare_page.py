"""Compare and the time view on the page and over HTTP: /api/provinces and the province exports
take `compare`, every indicator value comes with its year, the panel shows the API's numbers,
and the callbacks (fired in-process) write the URL through the reducer."""

from __future__ import annotations

import csv
import io
import logging

import pytest

import app
from kansenkaart import runtime
from kansenkaart.i18n import format_number
from kansenkaart.indicators import INDICATORS, indicator_meta
from kansenkaart.view import View
from tests.unit.dash_calls import fire
from ui.compare import present_compare
from ui.details import PROFILE_INDICATORS

DASH = app.app


@pytest.fixture(scope="module")
def client():
    return app.server.test_client()


@pytest.fixture
def errors(caplog):
    caplog.set_level(logging.ERROR)
    return lambda: [r for r in caplog.records if r.levelno >= logging.ERROR]


# --- HTTP -----------------------------------------------------------------------------------


def test_api_provinces_returns_just_the_compared_ones(client):
    body = client.get("/api/provinces?compare=PV28,PV22").get_json()
    assert [p["statcode"] for p in body["provinces"]] == ["PV22", "PV28"]
    assert body["query"] == "?compare=PV22,PV28"


@pytest.mark.parametrize("raw", ["PV22", "PV22,PV23,PV24,PV25,PV26", "PV22,PV99"])
def test_a_bad_compare_is_a_400_naming_it(client, raw):
    response = client.get(f"/api/provinces?compare={raw}")
    assert response.status_code == 400
    problems = response.get_json()["problems"]
    assert [p["param"] for p in problems] == ["compare"]


def test_every_indicator_value_has_its_year(client):
    data = runtime.data()
    for row in client.get("/api/provinces").get_json()["provinces"]:
        assert set(row["indicator_years"]) == set(row["indicators"]) == set(INDICATORS)
        for key, year in row["indicator_years"].items():
            assert year == indicator_meta(data.indicators, key)[0]
    assert row["indicator_years"]["population"] == "2024"


def test_the_province_export_takes_compare(client):
    response = client.get("/export/provinces.csv?compare=PV29,PV20&dialect=standard")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [r["statcode"] for r in rows] == ["PV20", "PV29"]


def test_openapi_names_compare(client):
    document = client.get("/api/openapi.json").get_json()
    parameters = document["paths"]["/api/provinces"]["get"]["parameters"]
    found = [
        p
        for p in parameters
        if p.get("name") == "compare"
        or p.get("$ref", "").endswith("/compare")  # shared components are referenced
    ]
    assert found, "the OpenAPI document does not name compare"
    schema = document["components"]["parameters"]["compare"]["schema"]
    assert (schema["minItems"], schema["maxItems"]) == (2, 4)


# --- the panel ------------------------------------------------------------------------------


def cells_of(component: object, key: str) -> dict[str, str]:
    """The panel's cells for a figure (`data-key`), by province, as their text."""
    found: dict[str, str] = {}

    def walk(node: object) -> None:
        if node is None or isinstance(node, str | int | float):
            return
        if isinstance(node, list | tuple):
            for child in node:
                walk(child)
            return
        props = getattr(node, "__dict__", {})
        if props.get("data-key") == key:
            found[props["data-province"]] = text_of(node)
        walk(getattr(node, "children", None))

    walk(component)
    return found


def text_of(node: object) -> str:
    if node is None:
        return ""
    if isinstance(node, str | int | float):
        return str(node)
    if isinstance(node, list | tuple):
        return " ".join(text_of(child) for child in node)
    return text_of(getattr(node, "children", None))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_panel_shows_the_numbers_of_the_api(client, lang):
    body = client.get(f"/api/provinces?compare=PV22,PV28&lang={lang}").get_json()
    shown = present_compare(runtime.data(), View(compare=("PV22", "PV28"), lang=lang))
    for row in body["provinces"]:
        code = row["statcode"]
        assert cells_of(shown.body, "count")[code] == format_number(row["count"], lang)
        for key in PROFILE_INDICATORS:
            value = format_number(row["indicators"][key], lang, INDICATORS[key].decimals)
            assert cells_of(shown.body, key)[code].startswith(value), key
        for theme, verdict in row["lq_verdict"].items():
            cell = cells_of(shown.body, f"theme.{theme}")[code]
            count = cell.split(" · ")[0]
            assert count.isdigit()
            if verdict == "too_few":
                assert ("te weinig" if lang == "nl" else "too few") in cell
            else:
                assert format_number(row["lq"][theme], lang, 2) in cell


def test_the_panel_is_a_chooser_without_compare_and_starts_from_the_province():
    shown = present_compare(runtime.data(), View(province="PV21"))
    assert (shown.body, shown.chart_hidden, shown.close_hidden) == ([], True, True)
    assert shown.chosen == ["PV21"]
    assert shown.class_name == "compare-panel"


def test_the_chart_has_one_group_per_province():
    shown = present_compare(runtime.data(), View(compare=("PV20", "PV22", "PV28", "PV31")))
    (graph,) = shown.chart
    assert [trace["name"] for trace in graph.figure["data"]] == [
        "Groningen",
        "Drenthe",
        "Zuid-Holland",
        "Limburg",
    ]
    assert shown.class_name == "compare-panel open"
    # Without a comparison there is no chart to draw (ui/charts.py), not an empty one.
    assert present_compare(runtime.data(), View()).chart == []


# --- callbacks, in-process ------------------------------------------------------------------


def test_compare_button_writes_the_url(errors):
    sent = fire(
        DASH,
        "choose",
        "compare-go.n_clicks",
        {
            "compare-go.n_clicks": 1,
            "compare-select.value": ["PV28", "PV22"],
            "url.search": "?lang=en",
        },
    )
    assert sent["url"]["search"] == "?lang=en&compare=PV22,PV28"
    assert sent["compare-message"]["children"] == ""
    assert errors() == []


def test_one_province_says_why_and_leaves_the_url(errors):
    sent = fire(
        DASH,
        "choose",
        "compare-go.n_clicks",
        {"compare-go.n_clicks": 1, "compare-select.value": ["PV28"], "url.search": ""},
    )
    assert "url" not in sent
    assert "1 provincie(s) gekozen" in sent["compare-message"]["children"]


def test_close_drops_compare(errors):
    sent = fire(
        DASH,
        "choose",
        "compare-close.n_clicks",
        {"compare-close.n_clicks": 1, "url.search": "?theme=energy&compare=PV22,PV28"},
    )
    assert sent["url"]["search"] == "?theme=energy"


def test_panels_follow_the_view(errors):
    sent = fire(
        DASH, "update_compare", "link-shown.data", {"link-shown.data": "?compare=PV22,PV28&lang=en"}
    )
    assert sent["compare-heading"]["children"] == "Compare provinces"
    assert sent["compare-chart-box"]["hidden"] is False
    assert sent["compare-chart-box"]["children"][0]["props"]["id"] == "compare-chart"
    sent = fire(DASH, "update_timeline", "link-shown.data", {"link-shown.data": "?province=PV22"})
    assert "zonder bekend startjaar" in str(sent["year-note"]["children"])
    assert errors() == []


def test_a_year_click_writes_from_and_to(errors):
    sent = fire(
        DASH,
        "year_clicked",
        "year-chart.clickData",
        {"year-chart.clickData": {"points": [{"x": 2019}]}, "url.search": "?theme=energy"},
    )
    assert sent["url"]["search"] == "?theme=energy&from=2019&to=2019"
    assert fire(DASH, "year_clicked", "year-chart.clickData", {"url.search": ""}) == {}
    assert errors() == []
