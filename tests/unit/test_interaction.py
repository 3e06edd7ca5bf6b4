"""Issue 13's defects that the state model and the presenter decide, tested without a browser."""

from __future__ import annotations

import json

import pytest

import app
from callbacks.events import chosen_trigger
from kansenkaart import runtime
from kansenkaart.display import kind_text
from kansenkaart.i18n import tn
from kansenkaart.metrics import metric_values
from kansenkaart.registry import KINDS
from kansenkaart.view import View
from layers.map_figure import VALUES, build_figure, view_ranges
from layers.profile_chart import profile_figure
from tests.unit.dash_calls import fire
from ui import ids
from ui.details import present_details
from ui.layout import page
from ui.presenter import page_title, present_table

DASH = app.app


@pytest.fixture(scope="module")
def data():
    return runtime.data()


def find(node, ident: str):
    """The component with this id in a layout tree, or None."""
    if getattr(node, "id", None) == ident:
        return node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str):
            found = find(child, ident)
            if found is not None:
                return found
    return None


def test_result_line_and_message_sit_above_the_map_not_under_the_filters(data):
    layout = page(data, View(q="zzzz"))
    panel = next(c for c in layout.children[-2].children if "map-panel" in c.className)
    assert find(panel, ids.SUMMARY) is not None and find(panel, ids.MESSAGE) is not None
    controls = next(c for c in layout.children[-2].children if "controls" in c.className)
    assert find(controls, ids.SUMMARY) is None
    # the first paint already says why the map is empty
    assert "Geen initiatieven" in repr(find(panel, ids.MESSAGE).children)


def test_the_empty_table_text_follows_the_language(data):
    grid = find(page(data, View()), ids.TABLE)
    assert (
        grid.dashGridOptions["localeText"]["noRowsToShow"] == "Geen initiatieven in deze weergave"
    )
    sent = fire(DASH, "translate_table", "lang-store.data", {"lang-store.data": "en"})
    assert "No initiatives in this view" in json.dumps(sent)


def test_a_province_click_closes_a_card_from_another_province():
    click = {"points": [{"curveNumber": 1, "location": "PV26"}]}
    values = {
        "url.search": "?initiative=DR-01",
        "view.data": "?initiative=DR-01",
        "map.clickData": click,
    }
    sent = fire(DASH, "on_view_event", "map.clickData", values)
    assert sent["url"]["search"] == "?province=PV26"
    own = {"points": [{"curveNumber": 1, "location": "PV22"}]}
    sent = fire(DASH, "on_view_event", "map.clickData", {**values, "map.clickData": own})
    assert sent["url"]["search"] == "?province=PV22&initiative=DR-01"


def test_a_card_outside_the_filters_says_so(data):
    outside = present_details(data, View(theme=("energy",), initiative="GR-01"))
    assert "buiten de huidige filters" in repr(outside.card)
    inside = present_details(data, View(initiative="GR-01"))
    assert "buiten de huidige filters" not in repr(inside.card)


def test_selecting_a_province_zooms_the_map_to_it(data):
    country = view_ranges(data, View())
    drenthe = view_ranges(data, View(province="PV22"))
    (w, e), (s, n) = drenthe[(None, "geo.lonaxis.range")], drenthe[(None, "geo.lataxis.range")]
    (cw, ce), (cs, cn) = country[(None, "geo.lonaxis.range")], country[(None, "geo.lataxis.range")]
    assert (e - w) < (ce - cw) / 2 and (n - s) < (cn - cs) / 2  # much closer than the country
    assert w < 6.56 < e and s < 52.99 < n  # around Drenthe (Assen is at 6.56 E, 52.99 N)
    assert build_figure(data, View(province="PV22"))["layout"]["geo"]["lonaxis"]["range"] == [w, e]


def test_markers_take_the_pointer_only_when_under_it(data):
    assert build_figure(data, View())["layout"]["hoverdistance"] <= 5


def test_the_colour_scale_spans_the_values_shown(data):
    figure = build_figure(data, View())
    values = metric_values(data, View())
    assert figure["data"][VALUES]["zmin"] == values.min() > 0
    assert figure["data"][VALUES]["zmax"] == values.max()


def test_a_ranking_of_the_twelve_provinces_in_the_maps_order(data):
    items = present_table(data, View(metric="co2_per_inhabitant")).ranking
    assert len(items) == 12
    assert items[0].children.startswith("Zeeland: ")  # the highest CO2 per inhabitant
    lq = present_table(data, View(metric="lq", theme=("climate",))).ranking
    missing = [item.children for item in lq if getattr(item, "className", None) == "missing"]
    assert missing and all("te weinig" in text for text in missing)


def test_every_kind_has_a_one_line_explanation():
    for kind in KINDS:
        for lang in ("nl", "en"):
            label, explanation = kind_text(kind, lang).split(": ", 1)
            assert label and len(explanation) > 20


def test_the_tab_title_follows_view_and_language(data):
    assert page_title(data, View()) == "Kansenkaart CE · aantal"
    assert page_title(data, View(province="PV22", theme=("energy",), lang="en")) == (
        "CE Opportunity Map · Drenthe · energy · count"
    )
    sent = fire(DASH, "on_view_event", None, {"url.search": "?province=PV21"})
    assert sent["tab-title"]["data"].startswith("Kansenkaart CE · Fryslân")


def test_profile_chart_numbers_use_the_pages_separators(data):
    profile = present_details(data, View(province="PV21")).chart
    assert profile["layout"]["separators"] == ",."
    english = profile_figure(
        __import__("kansenkaart.metrics", fromlist=["x"]).theme_profile(
            data.initiatives, View(lang="en"), "PV21"
        ),
        "en",
    )
    assert english["layout"]["separators"] == ".,"


def test_dutch_grammar_for_one():
    assert tn("empty_because", 1, "nl", filter="de zoekterm") == "Zonder de zoekterm zou er 1 zijn."
    assert tn("empty_because", 2, "nl", filter="de zoekterm") == (
        "Zonder de zoekterm zouden er 2 zijn."
    )
    assert (
        tn("empty_because", 1, "en", filter="the search") == "Without the search there would be 1."
    )


def test_english_summaries_are_labelled_in_the_dutch_interface(data):
    card = repr(present_details(data, View(initiative="DR-01")).card)
    assert "Samenvatting (in het Engels)" in card and "lang='en'" in card


def test_the_app_has_its_own_favicon():
    response = DASH.server.test_client().get("/assets/favicon.ico")
    assert response.status_code == 200 and response.data[:4] == b"\x00\x00\x01\x00"


def test_a_click_goes_before_a_search_committed_in_the_same_moment():
    """Dash sends a search committed on blur and the reset click in one request."""
    fired = [
        {"prop_id": "search.value", "value": "water"},
        {"prop_id": "reset-filters.n_clicks", "value": 1},
    ]
    assert chosen_trigger(fired) == ("reset-filters", 1)
    listed = [
        {"prop_id": "theme-filter.value", "value": ["energy"]},
        {"prop_id": '{"index":"DR-01","type":"open-initiative"}.n_clicks', "value": 1},
    ]
    assert chosen_trigger(listed) == ({"index": "DR-01", "type": "open-initiative"}, 1)
    assert chosen_trigger([{"prop_id": ".", "value": None}]) == (None, None)


def test_a_list_drawn_anew_does_not_hide_a_table_click_in_the_same_request():
    fired = [
        {"prop_id": '{"index":"FR-01","type":"open-initiative"}.n_clicks', "value": 0},
        {"prop_id": "table.selectedRows", "value": [{"id": "FR-02"}]},
    ]
    assert chosen_trigger(fired) == ("table", [{"id": "FR-02"}])
