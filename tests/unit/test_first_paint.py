"""A shared link paints its own view first: the layout Dash fetches is built for the page's
query (named in the Referer), so map, texts and controls are the link's before any callback."""

from __future__ import annotations

import app
from kansenkaart import runtime
from kansenkaart.metrics import metric_values
from kansenkaart.view import View

CLIENT = app.app.server.test_client()


def layout_for(link: str | None) -> dict:
    headers = {"Referer": f"http://localhost/{link}"} if link is not None else {}
    response = CLIENT.get("/_dash-layout", headers=headers)
    assert response.status_code == 200
    return response.get_json()


def find(node, ident: str):
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == ident:
            return node["props"]
        for value in node.get("props", {}).values():
            found = find(value, ident)
            if found is not None:
                return found
    elif isinstance(node, list):
        for child in node:
            found = find(child, ident)
            if found is not None:
                return found
    return None


def test_the_first_layout_is_the_links_view():
    layout = layout_for("?lang=en&theme=energy&province=PV21&metric=per100k")
    assert find(layout, "title")["children"] == "Circular Economy Opportunity Map"
    assert find(layout, "theme-filter")["value"] == ["energy"]
    assert find(layout, "province-select")["value"] == "PV21"
    assert find(layout, "view")["data"] == "?theme=energy&province=PV21&metric=per100k&lang=en"
    z = find(layout, "map")["figure"]["data"][1]["z"]
    view = View(theme=("energy",), province="PV21", metric="per100k", lang="en")
    expected = metric_values(runtime.data(), view).round(4)
    assert z == list(expected) or z["bdata"]  # plotly may send typed arrays
    assert find(layout, "profile")["hidden"] is not None


def test_a_link_with_a_card_and_the_demo_mode():
    layout = layout_for("?initiative=DR-01&mode=demo")
    assert find(layout, "view")["data"] == "?initiative=DR-01&mode=demo"
    assert find(layout, "mode-store")["data"] == "demo"


def test_without_a_referer_or_from_elsewhere_the_default_view():
    assert find(layout_for(None), "view")["data"] == ""
    response = CLIENT.get("/_dash-layout", headers={"Referer": "http://evil.example/?theme=energy"})
    assert find(response.get_json(), "view")["data"] == ""


def test_bad_parameters_are_left_for_the_notice():
    layout = layout_for("?theme=energy,sport&initiative=ZZ-99")
    assert find(layout, "view")["data"] == "?theme=energy"
