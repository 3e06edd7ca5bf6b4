"""A shared link with mistakes in it: what can be kept is kept, the rest is named in the page's
language, and the year inputs show the years whole."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.mapreader import wait_for_map

pytestmark = pytest.mark.browser

LINK = "/?theme=climate,foo&province=Fryslan&from=2022&to=2015"


def open_map(page: Page, query: str) -> None:
    page.goto(page.base_url + query)
    wait_for_map(page)


def years_shown_whole(page: Page) -> None:
    for control, year in (("#year-from", "2015"), ("#year-to", "2022")):
        field = page.locator(control)
        expect(field).to_have_value(year)
        scroll, client = field.evaluate("el => [el.scrollWidth, el.clientWidth]")
        assert 0 < scroll <= client, f"{control} cuts its year short ({scroll} > {client} px)"


def test_a_link_with_mistakes_keeps_what_it_can_and_says_so_in_dutch(page):
    open_map(page, LINK)
    expect(page.get_by_label("klimaat")).to_be_checked()
    expect(page.get_by_label("energie")).not_to_be_checked()
    expect(page.locator("#profile h2")).to_have_text("Krachtenkaart Fryslân")
    notice = page.locator("#notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Deze delen van de link zijn aangepast of genegeerd")
    expect(notice).to_contain_text("'foo' is geen thema")
    expect(notice).to_contain_text("de jaren zijn omgewisseld, nu 2015 tot en met 2022")
    years_shown_whole(page)
    # the page writes the link back as it understood it: the code, the years in order
    expect(page).to_have_url(re.compile(r"\?theme=climate&province=PV21&from=2015&to=2022$"))


def test_the_same_link_in_english_gives_an_english_notice(page):
    open_map(page, LINK + "&lang=en")
    expect(page.get_by_label("climate", exact=True)).to_be_checked()
    expect(page.locator("#profile h2")).to_contain_text("Fryslân")
    notice = page.locator("#notice")
    expect(notice).to_contain_text("These parts of the link were adjusted or ignored")
    expect(notice).to_contain_text("'foo' is not a theme")
    expect(notice).to_contain_text("the years were swapped, now 2015 to 2022")
    years_shown_whole(page)


def test_years_show_whole_on_a_laptop_screen(page_factory):
    page = page_factory(viewport={"width": 1366, "height": 768})
    open_map(page, "/?from=2015&to=2022")
    years_shown_whole(page)


def test_a_year_out_of_range_names_the_range(page):
    open_map(page, "/?from=1800")
    expect(page.locator("#notice")).to_contain_text(
        "1800 valt buiten de jaren van deze kaart: kies een jaar van 1990 tot en met 2030"
    )
