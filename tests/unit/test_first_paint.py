"""A shared link paints its own view first: the index HTML (lang, title, presentation mode) is
built for the page's query, and the layout Dash fetches for the same query (named in the Referer),
so map, texts and controls are the link's before any callback."""

from __future__ import annotations

import json
import re

from plotly.utils import PlotlyJSONEncoder

import app
from kansenkaart import runtime
from kansenkaart.metrics import metric_values
from kansenkaart.tour import first_step, tour_steps
from kansenkaart.view import View
from layers.highlight import HIGHLIGHT_WIDTH
from layers.map_figure import VALUES
from ui import lazy_table
from ui.layout import page
from ui.presenter import page_title
from ui.scripts import without_polyfill

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
    # the link stays the link; the map opens on the tour's first step (a tour shows no card)
    assert find(layout, "link-shown")["data"] == "?initiative=DR-01&mode=demo"
    assert find(layout, "view")["data"] == "?theme=climate&mode=demo"
    assert find(layout, "mode-store")["data"] == "demo"


def test_without_a_referer_or_from_elsewhere_the_default_view():
    assert find(layout_for(None), "view")["data"] == ""
    response = CLIENT.get("/_dash-layout", headers={"Referer": "http://evil.example/?theme=energy"})
    assert find(response.get_json(), "view")["data"] == ""


def test_bad_parameters_are_left_for_the_notice():
    layout = layout_for("?theme=energy,sport&initiative=ZZ-99")
    assert find(layout, "view")["data"] == "?theme=energy"


def index_for(link: str) -> str:
    response = CLIENT.get(f"/{link}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_index_html_has_the_links_language_and_title():
    html = index_for("?lang=en&theme=energy&province=PV21")
    assert '<html lang="en">' in html
    view = View(theme=("energy",), province="PV21", lang="en")
    assert f"<title>{page_title(runtime.data(), view)}</title>" in html
    assert "<title>CE Opportunity Map · Fryslân · energy · count</title>" in html
    dutch = index_for("")
    assert '<html lang="nl">' in dutch and "<title>Kansenkaart CE" in dutch


def test_presentation_mode_is_laid_out_from_the_server():
    assert '<html lang="nl" class="kk-demo">' in index_for("?mode=demo")
    layout = layout_for("?mode=demo")
    assert find(layout, "page")["className"] == "page demo"
    assert find(layout, "tour")["hidden"] is False
    assert find(layout_for(""), "page")["className"] == "page"
    assert find(layout_for(""), "tour")["hidden"] is True


def test_an_invalid_link_gets_the_default_head():
    html = index_for("?lang=xx&mode=party&initiative=ZZ-99")
    assert '<html lang="nl">' in html


def test_the_grid_is_served_but_not_in_the_first_load():
    html = index_for("")
    assert "dash_ag_grid.min.js" not in html and "dash_ag_grid.v" not in html  # not linked
    slot = find(layout_for(""), lazy_table.SLOT)
    grid = slot["children"]["props"]
    assert grid["id"] == "table" and grid["rowData"] == []  # in the layout from the start
    bundle = CLIENT.get(slot["data-src"])
    assert bundle.status_code == 200
    assert len(bundle.get_data()) > 100_000


def test_the_first_load_has_no_ie_polyfill_but_the_generator_runtime():
    """ui/scripts.py: core-js is left out; what Dash's bundles take from it is there, first."""
    html = index_for("")
    assert "/deps/polyfill@" not in html
    runtime_src = re.search(r'src="(/assets/vendor/regenerator-runtime-[^"]+)"', html)
    assert runtime_src is not None
    assert html.index(runtime_src.group(1)) < html.index("dash_renderer")
    body = CLIENT.get(runtime_src.group(1)).get_data(as_text=True)
    assert "regeneratorRuntime = runtime" in body


def test_only_the_polyfill_tag_is_taken_out():
    tags = (
        '<script src="/_dash-component-suites/dash/deps/polyfill@7.v4m1.12.1.min.js"></script>\n'
        '<script src="/_dash-component-suites/dash/deps/react@18.v4m1.3.1.min.js"></script>'
    )
    assert without_polyfill(tags) == tags.splitlines()[1]
    assert without_polyfill(tags.splitlines()[1]) == tags.splitlines()[1]


def test_the_datas_status_is_laid_out_with_the_page():
    """The poll no longer answers the load: a refused or pending update shows from the layout."""

    def laid_out(**notice: str) -> dict:
        return json.loads(json.dumps(page(runtime.data(), View(), **notice), cls=PlotlyJSONEncoder))

    quiet = laid_out()
    assert find(quiet, "data-notice")["hidden"] is True
    notice = "Nieuwe gegevens worden gecontroleerd"
    busy = laid_out(data_notice=notice)
    assert find(busy, "data-notice")["hidden"] is False
    assert find(busy, "data-notice")["children"] == notice
    assert find(layout_for(""), "data-notice")["hidden"] is True


def test_the_download_links_are_the_links_view_from_the_first_paint():
    """Their callback no longer answers the load: the layout's links carry the view."""
    layout = layout_for("?theme=energy&lang=en")
    assert find(layout, "download-csv")["href"] == "/export/initiatives.csv?theme=energy&lang=en"
    assert find(layout_for("?province=PV22"), "download-csv")["href"].endswith(
        "?province=PV22&dialect=excel-nl"
    )
    assert find(layout_for(""), "download-geojson")["href"] == "/export/initiatives.geojson"


def test_a_presentation_link_is_laid_out_on_its_tours_first_step():
    """The page opens where the tour starts: the map (with the caption's outlined provinces),
    the view stores and the caption of step 0, the timer running; the controls and the link
    stay the link's, as during the tour."""
    data = runtime.data()
    link = View(mode="demo")
    shown, caption = first_step(data, link)
    assert shown == tour_steps(data.initiatives, data.provinces["name"], link)[0].view
    assert shown.theme and shown != link
    layout = layout_for("?mode=demo")
    assert find(layout, "view")["data"] == find(layout, "view-shown")["data"] == shown.to_query()
    assert find(layout, "link-shown")["data"] == "?mode=demo"
    assert find(layout, "tour-caption")["children"] == caption.text
    assert find(layout, "tour-timer")["disabled"] is False
    assert find(layout, "theme-filter")["value"] == []
    # the downloads are of what the page shows, as they follow each step of the tour
    assert find(layout, "download-geojson")["href"] == "/export/initiatives.geojson" + (
        shown.to_query()
    )
    values = find(layout, "map")["figure"]["data"][VALUES]
    assert values["z"] == list(metric_values(data, shown).round(4)) or values["z"]["bdata"]
    widths = dict(zip(values["locations"], values["marker"]["line"]["width"], strict=True))
    assert {code for code, width in widths.items() if width == HIGHLIGHT_WIDTH} == set(
        caption.provinces
    )
    assert find(layout_for(""), "tour-timer")["disabled"] is True
