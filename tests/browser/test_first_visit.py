"""What a first-time visitor meets on a laptop, a phone, a keyboard and paper (issue 13)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.expected import TOTAL, filtered_ids
from tests.browser.mapreader import GRAPH, free_spot, table_ids, wait_for_map, wait_for_table

pytestmark = pytest.mark.browser


def test_the_empty_result_message_is_in_view_at_1366_by_768(page_factory):
    page = page_factory(viewport={"width": 1366, "height": 768})
    page.goto(page.base_url + "/?q=zzzzzz")
    wait_for_map(page)
    message = page.locator("#message")
    expect(message).to_contain_text("Geen initiatieven passen bij deze filters.")
    box = message.bounding_box()
    assert box and box["y"] + box["height"] <= 768
    summary = page.locator("#summary").bounding_box()
    assert summary and summary["y"] + summary["height"] <= 768
    # the grid loads after the map (ui/lazy_table.py): a few seconds on a busy machine
    expect(page.locator(".ag-overlay-no-rows-center")).to_have_text(
        "Geen initiatieven in deze weergave", timeout=20_000
    )


def test_tab_leaves_the_table_and_an_opened_card_takes_the_focus(page):
    page.goto(page.base_url + "/")
    wait_for_map(page)
    wait_for_table(page, filtered_ids())  # the table fills one round trip after the map
    first = table_ids(page)[0]
    page.locator(f".ag-row[row-id='{first}'] .ag-cell").first.click()
    expect(page.locator("#card")).to_be_visible()
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.matches('#card .card-title')"
    )
    # back into the table, then Tab: the focus leaves it instead of walking its cells
    page.locator(f".ag-row[row-id='{first}'] .ag-cell").nth(1).click()
    page.keyboard.press("Tab")
    inside = page.evaluate("() => !!document.activeElement.closest('#table')")
    assert inside is False


def test_the_dropdowns_have_the_same_focus_ring(page):
    page.goto(page.base_url + "/")
    wait_for_map(page)
    page.locator("#search").focus()
    page.keyboard.press("Tab")  # to the metric list, a Dash dropdown
    width = page.evaluate("() => getComputedStyle(document.activeElement).outlineWidth")
    assert width == "3px"


def test_no_mode_bar_and_a_title_that_follows_the_view(page):
    page.goto(page.base_url + "/?province=PV22&theme=energy")
    wait_for_map(page)
    assert page.locator(f"{GRAPH} .modebar").count() == 0
    expect(page).to_have_title("Kansenkaart CE · Drenthe · energie · aantal")
    page.get_by_label("EN", exact=True).check()
    expect(page).to_have_title("CE Opportunity Map · Drenthe · energy · count")


def test_a_phone_shows_legend_beside_not_over_the_map_and_brings_the_profile_into_view(
    page_factory,
):
    page = page_factory(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page.goto(page.base_url + "/")
    wait_for_map(page)
    plot = page.locator(f"{GRAPH} .geolayer").first.bounding_box()
    legend = page.locator("#map-legend").bounding_box()
    assert plot and legend and legend["y"] >= plot["y"] + plot["height"] - 1
    x, y = free_spot(page, "PV21")
    page.mouse.click(x, y)
    expect(page).to_have_url(re.compile(r"province=PV21"))
    page.wait_for_function(
        "() => { const b = document.getElementById('profile').getBoundingClientRect();"
        " return b.top >= -2 && b.top < window.innerHeight; }"
    )
    expect(page.locator("#summary")).to_contain_text(f"van {TOTAL} initiatieven")


def test_a_print_shows_map_result_and_profile_not_the_controls(page):
    page.goto(page.base_url + "/?province=PV22")
    wait_for_map(page)
    page.emulate_media(media="print")
    expect(page.locator(".controls")).to_be_hidden()
    expect(page.locator("#map")).to_be_visible()
    expect(page.locator("#summary")).to_be_visible()
    expect(page.locator("#profile")).to_be_visible()


def test_a_search_typed_just_before_reset_does_not_come_back(page):
    page.goto(page.base_url + "/?theme=energy")
    wait_for_map(page)
    page.locator("#search").fill("water")
    page.get_by_role("button", name="Alle filters wissen").click()
    expect(page).not_to_have_url(re.compile(r"theme="))
    page.wait_for_timeout(1000)  # longer than the search box's 0.4 s debounce
    expect(page.locator("#search")).to_have_value("")
    assert "q=" not in page.url


def test_the_kind_menu_opens_over_the_map_not_under_it(page_factory):
    page = page_factory(viewport={"width": 1366, "height": 768})
    page.goto(page.base_url + "/")
    wait_for_map(page)
    page.locator("#kind-filter").click()
    option = page.get_by_role("option", name="icoonproject")
    expect(option).to_be_visible()
    box = option.bounding_box()
    assert box
    on_top = page.evaluate(
        "([x, y]) => !!document.elementFromPoint(x, y).closest('[role=listbox], [role=option]')",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert on_top  # the option itself is what a click there reaches, not the map panel


def test_a_phone_can_leave_the_presentation_by_touch(page_factory):
    page = page_factory(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page.goto(page.base_url + "/?mode=demo")
    wait_for_map(page)
    leave = page.locator("#demo-exit")
    expect(leave).to_be_visible()
    box = leave.bounding_box()
    assert box and box["x"] + box["width"] <= 390 and box["y"] + box["height"] <= 844
    assert box["height"] >= 44  # a touch target
    leave.tap()
    expect(page).not_to_have_url(re.compile(r"mode=demo"))


def test_the_map_image_link_says_it_is_being_made(page):
    page.goto(page.base_url + "/?theme=energy")
    wait_for_map(page)
    link = page.locator("#download-svg")
    label = link.inner_text()
    with page.expect_download() as info:
        link.click()
        expect(link).to_have_attribute("aria-busy", "true")
        expect(link).to_have_text("Kaart wordt gemaakt…")
    assert info.value.suggested_filename.endswith(".svg")
    expect(link).to_have_text(label)
