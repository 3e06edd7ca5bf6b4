"""The callbacks, fired in-process as the browser would fire them: each input reaches the right
event, the page gets the view's outputs, and nothing raises (the blocker of the profile list)."""

from __future__ import annotations

import json
import logging

import pytest

import app
from kansenkaart import runtime
from kansenkaart.filtering import filter_initiatives
from kansenkaart.tour import tour_steps
from kansenkaart.view import View
from tests.unit.dash_calls import fire

DASH = app.app


def pattern(ident: str) -> str:
    return json.dumps({"index": ident, "type": "open-initiative"}, separators=(",", ":"))


@pytest.fixture
def errors(caplog):
    """Every error the app logs during a test (a failing callback logs one)."""
    caplog.set_level(logging.ERROR)
    return lambda: [r for r in caplog.records if r.levelno >= logging.ERROR]


def view_event(triggered, values, listed=None):
    return fire(DASH, "on_view_event", triggered, values, listed)


def test_first_load_sets_every_control_from_the_link(errors):
    sent = view_event(None, {"url.search": "?theme=energy,climate&province=PV22&lang=en"})
    assert sent["theme-filter"]["value"] == ["climate", "energy"]
    assert sent["province-select"]["value"] == "PV22"
    assert sent["lang-store"]["data"] == "en"
    assert sent["url"]["search"] == "?theme=climate,energy&province=PV22&lang=en"
    data = runtime.data()
    count = len(
        filter_initiatives(data.initiatives, View(theme=("climate", "energy"), province="PV22"))
    )
    assert sent["summary"]["children"].startswith(f"{count} of ")
    assert errors() == []


def test_a_bad_link_names_the_parameter_in_the_notice():
    sent = view_event(None, {"url.search": "?theme=sport", "notice.hidden": True})
    assert sent["notice"]["hidden"] is False
    assert "theme" in repr(sent["notice-text"]["children"])


def test_clicking_an_item_of_the_province_list_opens_its_card(errors):
    """The blocker: the pattern-matching id is a dict, and the callback raised on it."""
    data = runtime.data()
    listed = list(data.initiatives.loc[data.initiatives["province"] == "PV22", "id"])
    values = {
        "url.search": "?province=PV22",
        "view.data": "?province=PV22",
        f"{listed[1]}.n_clicks": 1,
    }
    sent = view_event(f"{pattern(listed[1])}.n_clicks", values, listed)
    assert sent["url"]["search"] == f"?province=PV22&initiative={listed[1]}"
    assert errors() == []


def test_the_list_drawn_anew_changes_nothing(errors):
    """Dash fires when the list's buttons appear (n_clicks 0): that is not a click."""
    values = {
        "url.search": "?province=PV22",
        "view.data": "?province=PV22",
        "notice.hidden": True,
        "lang-store.data": "nl",
        "mode-store.data": "",
    }
    sent = view_event(f"{pattern('DR-01')}.n_clicks", values, ["DR-01", "DR-02"])
    assert sent == {}  # nothing at all: during the tour the map shows a step, not the URL's view
    assert errors() == []


def test_a_marker_click_opens_the_card_and_a_province_click_selects():
    marker = {"points": [{"curveNumber": 2, "customdata": "DR-01"}]}
    sent = view_event("map.clickData", {"url.search": "", "view.data": "", "map.clickData": marker})
    assert sent["url"]["search"] == "?initiative=DR-01"
    province = {"points": [{"curveNumber": 1, "location": "PV26"}]}
    sent = view_event(
        "map.clickData", {"url.search": "", "view.data": "", "map.clickData": province}
    )
    assert sent["url"]["search"] == "?province=PV26"
    assert "figure" in sent["map"]  # a patch: the selected border changes
    cluster = {"points": [{"curveNumber": 3}]}
    sent = view_event(
        "map.clickData", {"url.search": "", "view.data": "", "map.clickData": cluster}
    )
    assert "url" not in sent


def test_a_table_row_opens_its_card():
    rows = [{"id": "GR-01", "name": "x"}]
    sent = view_event(
        "table.selectedRows", {"url.search": "?theme=jobs", "table.selectedRows": rows}
    )
    assert sent["url"]["search"] == "?theme=jobs&initiative=GR-01"


def test_a_control_change_writes_the_url_from_all_controls():
    values = {
        "url.search": "",
        "view.data": "",
        "theme-filter.value": ["energy"],
        "match-mode.value": "any",
        "metric.value": "lq",
        "lang-toggle.value": "nl",
        "search.value": "water",
    }
    sent = view_event("theme-filter.value", values)
    assert sent["url"]["search"] == "?theme=energy&q=water&metric=lq"
    assert "theme-filter" not in sent  # the control shows it already


@pytest.mark.parametrize(
    ("button", "search", "expected"),
    [
        ("reset-filters", "?theme=jobs&q=x&metric=lq&lang=en", "?metric=lq&lang=en"),
        ("clear-province", "?theme=jobs&province=PV22", "?theme=jobs"),
        ("close-card", "?initiative=DR-01", ""),
        ("demo-start", "?theme=jobs", "?theme=jobs&mode=demo"),
        ("demo-exit", "?theme=jobs&mode=demo", "?theme=jobs"),
    ],
)
def test_buttons(button, search, expected):
    sent = view_event(
        f"{button}.n_clicks", {"url.search": search, "view.data": search, f"{button}.n_clicks": 1}
    )
    assert sent["url"]["search"] == expected


def test_an_initiative_not_in_the_data_is_dropped_and_named():
    sent = view_event(None, {"url.search": "?initiative=ZZ-99"})
    assert sent["url"]["search"] == ""
    assert "ZZ-99" in repr(sent["notice-text"]["children"])


def test_close_notice():
    assert fire(DASH, "close_notice", "notice-close.n_clicks", {"notice-close.n_clicks": 1}) == {
        "notice": {"hidden": True}
    }


def test_a_full_tour_loop_logs_no_error(errors):
    """Every step of the tour, then a list redrawn by a province step: no exception anywhere."""
    data = runtime.data()
    base = View(mode="demo")
    steps = tour_steps(data.initiatives, data.provinces["name"], base)
    shown = ""
    for number, step in enumerate(steps):
        sent = fire(
            DASH,
            "tour_step",
            "tour-timer.n_intervals",
            {"tour-timer.n_intervals": number, "url.search": "?mode=demo", "view.data": shown},
        )
        assert sent["tour-caption"]["children"] == step.caption
        shown = sent["view"]["data"]
        assert runtime.view_of(shown) == step.view
        details = fire(DASH, "update_details", "view-shown.data", {"view-shown.data": shown})
        listed = button_ids(details.get("profile-list", {}).get("children"))
        view_event(
            f"{pattern(listed[0])}.n_clicks" if listed else None,
            {"url.search": "?mode=demo", "view.data": shown, "notice.hidden": True},
            listed,
        )
    assert errors() == []


def button_ids(tree: object, kind: str = "open-initiative") -> list[str]:
    """The initiative ids of every button of `kind` in a rendered component tree (JSON)."""
    found: list[str] = []
    if isinstance(tree, list):
        for child in tree:
            found += button_ids(child, kind)
    elif isinstance(tree, dict):
        props = tree.get("props", {})
        ident = props.get("id")
        if isinstance(ident, dict) and ident.get("type") == kind:
            found.append(ident["index"])
        found += button_ids(props.get("children"), kind)
    return found


def test_the_tour_does_nothing_outside_presentation_mode():
    assert (
        fire(
            DASH,
            "tour_step",
            "tour-timer.n_intervals",
            {"tour-timer.n_intervals": 2, "url.search": ""},
        )
        == {}
    )


def test_the_load_of_a_valid_link_in_its_own_form_sends_nothing():
    """The layout was built for the link: the load's call answers nothing (no title, summary or
    map text drawn again); the same link in another order is rewritten, as a bad one is."""
    link = "?theme=climate,energy&province=PV22&lang=en"
    assert view_event(None, {"url.search": link, "view.data": link, "notice.hidden": True}) == {}
    assert view_event(None, {"url.search": "", "view.data": "", "notice.hidden": True}) == {}
    # as the browser sends it: the URL component reports the link it mounted with
    mounted = {"url.search": link, "view.data": link, "notice.hidden": True}
    assert view_event("url.search", mounted) == {}
    swapped = "?lang=en&province=PV22&theme=energy,climate"
    sent = view_event(None, {"url.search": swapped, "view.data": link, "notice.hidden": True})
    assert sent == {"url": {"search": link}}  # only its canonical form: the page shows it
    # a presentation link: the map shows the tour's first step, the link stays the link
    demo = {"url.search": "?mode=demo", "view.data": "?theme=climate&mode=demo"}
    assert view_event("url.search", {**demo, "link-shown.data": "?mode=demo"}) == {}
    assert view_event("url.search", {**demo, "link-shown.data": "?theme=energy&mode=demo"})
    # a valid link whose view the page does not hold (a layout of other data) is drawn
    other = view_event(None, {"url.search": link, "view.data": "", "notice.hidden": True})
    assert other["view"]["data"] == link and "figure" in other["map"]


def test_the_tables_load_sends_its_rows_and_leaves_the_laid_out_panels():
    first = fire(DASH, "update_rows", None, {"view-shown.data": "?theme=energy"})
    assert set(first) == {"table", "table-note"} and first["table"]["rowData"]
    later = fire(DASH, "update_rows", "view-shown.data", {"view-shown.data": "?theme=energy"})
    assert {"map-legend", "coverage-note", "ranking"} <= set(later)


def test_details_show_the_card_and_the_profile():
    sent = fire(
        DASH,
        "update_details",
        "view-shown.data",
        {"view-shown.data": "?province=PV22&initiative=DR-01"},
    )
    assert sent["card"]["hidden"] is False and sent["profile"]["hidden"] is False
    assert sent["details-hint"]["hidden"] is True
    assert "Drenthe" in json.dumps(sent["profile-body"]["children"])
    empty = fire(DASH, "update_details", "view-shown.data", {"view-shown.data": ""})
    assert empty["card"]["hidden"] is True and empty["details-hint"]["hidden"] is False
    # the hidden panels keep their buttons: Dash would re-fire the event callback without a
    # trigger if every pattern-matching button went away (read as a page load)
    assert "profile-list" not in empty and "children" not in empty.get("card-body", {})


def test_table_rows_follow_the_view():
    sent = fire(DASH, "update_rows", "view-shown.data", {"view-shown.data": "?theme=energy"})
    data = runtime.data()
    expected = set(filter_initiatives(data.initiatives, View(theme=("energy",)))["id"])
    assert {row["id"] for row in sent["table"]["rowData"]} == expected
    patch = fire(DASH, "quick_filter", "table-filter.value", {"table-filter.value": "wind"})
    assert "wind" in json.dumps(patch)


def test_new_data_redraws_the_whole_map():
    sent = fire(
        DASH,
        "redraw_for_new_data",
        "data-version.data",
        {"data-version.data": "x", "view.data": "?theme=jobs"},
    )
    figure = sent["map"]["figure"]
    assert len(figure["data"]) == 5 and "url" not in sent  # a whole figure; the view stays


def test_new_data_closes_a_card_that_left_the_data():
    sent = fire(
        DASH,
        "redraw_for_new_data",
        "data-version.data",
        {"data-version.data": "x", "view.data": "?initiative=ZZ-99"},
    )
    assert sent["url"]["search"] == ""


def test_data_status_and_language():
    status = fire(DASH, "check_data", "data-poll.n_intervals", {"data-poll.n_intervals": 1})
    assert status["data-notice"]["hidden"] is True
    texts = fire(DASH, "translate", "lang-store.data", {"lang-store.data": "en"})
    assert texts["title"]["children"] == "Circular Economy Opportunity Map"
