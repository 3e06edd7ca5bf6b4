"""Compare provinces as a person uses it: a compare link shows both provinces with the numbers of
/api/provinces, the chooser makes the link, it reads in English, and a phone and a projector show
the panel without sideways scrolling."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from kansenkaart.i18n import format_number
from kansenkaart.indicators import INDICATORS
from tests.browser.mapreader import wait_for_map
from ui.details import PROFILE_INDICATORS

pytestmark = pytest.mark.browser

LINK = "/?compare=PV22,PV28"


def api(page: Page, query: str) -> dict:
    with urllib.request.urlopen(page.base_url + "/api/provinces" + query) as response:  # type: ignore[attr-defined]
        return json.load(response)


def cell(page: Page, code: str, key: str) -> str:
    return page.locator(f'#compare-body td[data-province="{code}"][data-key="{key}"]').inner_text()


def open_link(page: Page, query: str) -> None:
    page.goto(page.base_url + query)  # type: ignore[attr-defined]
    wait_for_map(page)
    expect(page.locator("#compare-body .compare-title")).to_be_visible()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_compare_link_shows_both_profiles_with_the_numbers_of_the_api(page, lang):
    open_link(page, f"{LINK}&lang={lang}")
    title = (
        "Vergelijking: Drenthe en Zuid-Holland"
        if lang == "nl"
        else "Comparison: Drenthe and Zuid-Holland"
    )
    expect(page.locator("#compare-body .compare-title")).to_have_text(title)
    body = api(page, f"?compare=PV22,PV28&lang={lang}")
    assert [p["statcode"] for p in body["provinces"]] == ["PV22", "PV28"]
    for row in body["provinces"]:
        code = row["statcode"]
        assert cell(page, code, "count") == format_number(row["count"], lang)
        for key in PROFILE_INDICATORS:
            value = format_number(row["indicators"][key], lang, INDICATORS[key].decimals)
            shown = cell(page, code, key)
            assert shown.startswith(value), (key, shown, value)
        for theme, verdict in row["lq_verdict"].items():
            shown = cell(page, code, f"theme.{theme}")
            if verdict == "too_few":
                assert ("te weinig" if lang == "nl" else "too few") in shown
            else:
                assert format_number(row["lq"][theme], lang, 2) in shown
    # each indicator with its year, and the agenda profiles of both on one chart
    year_of_population = page.locator(
        "#compare-body tr", has_text=re.compile("Inwoners|Inhabitants")
    )
    expect(year_of_population.first).to_contain_text("2024")
    names = page.evaluate(
        "() => document.querySelector('#compare-chart .js-plotly-plot')._fullData.map(t => t.name)"
    )
    assert names == ["Drenthe", "Zuid-Holland"]
    expect(page.locator('.compare-list[data-province="PV22"] h4')).to_have_text(
        re.compile(rf"^Drenthe \({body['provinces'][0]['count']}\)$")
    )


def test_choosing_provinces_makes_the_link_and_one_is_not_enough(page):
    open_link_plain = page.base_url + "/?province=PV22"  # type: ignore[attr-defined]
    page.goto(open_link_plain)
    wait_for_map(page)
    chooser = page.locator("#compare-select")
    expect(chooser).to_contain_text("Drenthe")  # starts from the selected province
    page.locator("#compare-go").click()
    expect(page.locator("#compare-message")).to_contain_text("1 provincie(s) gekozen")
    chooser.click()
    page.keyboard.type("Zuid-Holland")
    # Picked from the filtered list: Enter before the list had filtered (a loaded CI machine)
    # toggled the highlighted first option, Drenthe, off instead.
    page.get_by_role("option", name="Zuid-Holland").click()
    page.keyboard.press("Escape")
    expect(chooser).to_contain_text("Zuid-Holland")
    expect(chooser).to_contain_text("Drenthe")
    page.locator("#compare-go").click()
    expect(page).to_have_url(re.compile(r"\?province=PV22&compare=PV22,PV28$"))
    expect(page.locator("#compare-body .compare-title")).to_have_text(
        "Vergelijking: Drenthe en Zuid-Holland"
    )
    page.locator("#compare-close").click()
    expect(page).to_have_url(re.compile(r"\?province=PV22$"))
    expect(page.locator("#compare-body")).to_be_empty()


def test_a_bad_compare_link_is_named_in_the_notice(page):
    page.goto(page.base_url + "/?compare=PV22&lang=en")  # type: ignore[attr-defined]
    wait_for_map(page)
    expect(page.locator("#notice")).to_contain_text("1 province(s) chosen; compare 2 to 4")


@pytest.mark.parametrize(
    ("viewport", "query"),
    [
        ({"width": 375, "height": 667}, "/?compare=PV20,PV22,PV28,PV31"),
        ({"width": 1280, "height": 720}, "/?compare=PV22,PV28&mode=demo"),
    ],
    ids=["phone", "projector"],
)
def test_the_panel_fits_a_phone_and_a_projector_without_sideways_scrolling(
    page_factory, viewport, query
):
    page = page_factory(viewport=viewport)
    open_link(page, query)
    panel = page.locator("#compare")
    panel.scroll_into_view_if_needed()
    expect(panel).to_be_visible()
    wide, screen = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert wide <= screen, f"the page scrolls sideways: {wide} > {screen} px"
    box = panel.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= screen
    tables = page.evaluate(
        """() => Array.from(document.querySelectorAll('#compare .table-scroll'))
                .map(el => [el.scrollWidth, el.clientWidth])"""
    )
    assert tables and all(scroll <= client + 1 for scroll, client in tables), tables
