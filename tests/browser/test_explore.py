"""A policymaker explores: provinces, initiative cards, filters, language, keyboard, links."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.expected import TOTAL, counts_of, filtered_ids, point_ids, row
from tests.browser.mapreader import (
    click_first_marker,
    click_province,
    marker_ids,
    table_ids,
    tick,
    wait_for_map,
    wait_for_table,
    wait_for_values,
)

pytestmark = pytest.mark.browser

THEME_NL = {
    "climate": "klimaat",
    "jobs": "werkgelegenheid",
    "innovation": "innovatie",
    "energy": "energie",
    "environment": "milieu",
}


def open_map(page, query: str = "") -> None:
    page.goto(page.base_url + "/" + query)
    wait_for_map(page)


def test_clicking_a_province_opens_its_profile(page):
    open_map(page)
    click_province(page, "PV22")
    expect(page).to_have_url(re.compile(r"province=PV22"))
    profile = page.locator("#profile")
    expect(profile).to_be_visible()
    expect(profile.locator("h2")).to_have_text("Krachtenkaart Drenthe")
    drenthe = filtered_ids(province="PV22")
    expect(profile).to_contain_text(f"Initiatieven in deze weergave: {len(drenthe)}")
    rows = profile.locator("#profile-on-map .profile-table tbody tr")
    for index, theme in enumerate(THEME_NL):
        expected = len(filtered_ids(province="PV22", themes=(theme,)))
        expect(rows.nth(index).locator("td").nth(0)).to_have_text(THEME_NL[theme])
        expect(rows.nth(index).locator("td").nth(1)).to_have_text(str(expected))
    # markers and table narrow to the province; the choropleth still shows the country
    page.wait_for_function(
        "() => document.querySelectorAll('#profile .initiative-list li').length > 0"
    )
    assert sorted(marker_ids(page)) == sorted(point_ids(drenthe))
    wait_for_table(page, drenthe)
    # clicking it again deselects
    click_province(page, "PV22")
    expect(profile).to_be_hidden()
    expect(page).not_to_have_url(re.compile(r"province="))


def test_clicking_a_marker_opens_the_right_card(page):
    open_map(page, "?theme=energy")
    ident = click_first_marker(page)
    expected = row(ident)
    card = page.locator("#card")
    expect(card).to_be_visible()
    expect(card.locator("h2")).to_have_text(expected["name"])
    expect(card).to_contain_text(expected["summary"])
    link = card.locator("a.source-link")
    expect(link).to_have_attribute("href", expected["source_url"])
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", re.compile(r"noopener"))
    expect(page).to_have_url(re.compile(rf"initiative={re.escape(ident)}"))
    # the marker is highlighted: drawn larger than every other marker
    page.wait_for_function(
        """(id) => {
            const sizes = document.querySelector('#map .js-plotly-plot')._fullData
                .filter(t => t.type === 'scattergeo' && t.name === 'initiatives')
                .flatMap(t => Array.from(t.customdata || []).map((c, i) => [c, t.marker.size[i]]));
            const mine = sizes.filter(([c]) => c === id).map(([, s]) => s);
            const rest = sizes.filter(([c]) => c !== id).map(([, s]) => s);
            return mine.length === 1 && rest.every(s => s < mine[0]);
        }""",
        arg=ident,
    )
    page.get_by_role("button", name="Sluiten").click()
    expect(card).to_be_hidden()


def test_table_row_selects_the_initiative(page):
    open_map(page, "?province=PV21")
    wait_for_table(page, filtered_ids(province="PV21"))
    first = table_ids(page)[0]
    page.locator(f".ag-row[row-id='{first}'] .ag-cell").first.click()
    expect(page.locator("#card h2")).to_have_text(row(first)["name"])
    expect(page).to_have_url(re.compile(rf"initiative={first}"))


def assert_view_consistent(page, expected_ids: list[str]) -> None:
    wait_for_values(page, counts_of(expected_ids))
    page.wait_for_function(
        "(n) => { const g = document.querySelector('#summary'); return g && g.textContent.startsWith(n + ' van'); }",
        arg=str(len(expected_ids)),
    )
    wait_for_table(page, expected_ids)
    assert sorted(marker_ids(page)) == sorted(point_ids(expected_ids))


def test_each_filter_narrows_table_and_map_alike(page):
    open_map(page)
    tick(page, "innovatie")
    assert_view_consistent(page, filtered_ids(themes=("innovation",)))

    tick(page, "klimaat")
    tick(page, "alle thema's")
    assert_view_consistent(page, filtered_ids(themes=("climate", "innovation"), match="all"))
    tick(page, "een van de thema's")
    tick(page, "klimaat", on=False)

    page.locator("#kind-filter").click()
    page.get_by_role("option", name="programma").click()
    page.keyboard.press("Escape")
    assert_view_consistent(page, filtered_ids(themes=("innovation",), kinds=("programme",)))

    page.locator("#status-filter").click()
    page.get_by_role("option", name="lopend").click()
    page.keyboard.press("Escape")
    assert_view_consistent(
        page, filtered_ids(themes=("innovation",), kinds=("programme",), statuses=("ongoing",))
    )

    page.get_by_role("button", name="Alle filters wissen").click()
    assert_view_consistent(page, filtered_ids())

    page.locator("#year-from").fill("2018")
    page.locator("#year-to").fill("2020")
    page.locator("#year-to").press("Enter")
    assert_view_consistent(page, filtered_ids(year_from=2018, year_to=2020))

    page.get_by_role("button", name="Alle filters wissen").click()
    page.locator("#search").fill("chemport")
    assert_view_consistent(page, filtered_ids(q="chemport"))


def test_empty_result_says_which_filter_excludes_everything(page):
    open_map(page, "?q=zzzz-no-such-thing&theme=energy")
    expect(page.locator("#message")).to_contain_text("Geen initiatieven passen bij deze filters.")
    expect(page.locator("#message")).to_contain_text(
        f"Zonder de zoekterm zouden er {len(filtered_ids(themes=('energy',)))} zijn."
    )
    assert page.locator("#map .choroplethlocation").count() == 12  # the map stays drawn


def test_language_toggle_changes_the_interface(page):
    open_map(page)
    page.get_by_label("EN", exact=True).check()
    expect(page.locator("h1")).to_have_text("Circular Economy Opportunity Map")
    expect(page.get_by_label("climate")).to_be_visible()
    expect(page.locator("#summary")).to_have_text(f"{TOTAL} of {TOTAL} initiatives")
    expect(page.locator(".ag-header-cell-text").first).to_have_text("Name")
    expect(page.get_by_role("button", name="Reset all filters")).to_be_visible()
    expect(page.locator("#map-legend")).to_contain_text("Kind")
    expect(page.locator("#map-legend")).to_contain_text("programme (")
    expect(page).to_have_url(re.compile(r"lang=en"))
    page.get_by_label("NL", exact=True).check()
    expect(page.locator("h1")).to_have_text("Kansenkaart Circulaire Economie")


def test_keyboard_only_sets_a_theme_and_a_province(page):
    open_map(page)
    for _ in range(10):  # past the presentation button and the language switch
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.value") == "jobs":
            break
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"theme=jobs"))
    while page.evaluate("document.activeElement.id") != "province-select":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".dash-dropdown-search")).to_be_focused()
    page.keyboard.type("Frys")
    expect(page.get_by_role("option", name="Fryslân")).to_be_visible()
    # The list has filtered (on a loaded machine the arrow could come first and pick Groningen).
    expect(page.get_by_role("option", name="Groningen")).to_have_count(0)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"province=PV21"))
    expect(page.locator("#profile h2")).to_have_text("Krachtenkaart Fryslân")


def test_a_link_with_every_parameter_reopens_the_view(page):
    query = (
        "?lang=en&theme=innovation,jobs&match=all&province=PV22&kind=network,result"
        "&status=ongoing,completed&from=2015&to=2022&q=nice&metric=lq&initiative=DR-01"
    )
    open_map(page, query)
    expect(page.locator("h1")).to_have_text("Circular Economy Opportunity Map")
    expect(page.get_by_label("innovation")).to_be_checked()
    expect(page.get_by_label("jobs")).to_be_checked()
    expect(page.get_by_label("energy")).not_to_be_checked()
    expect(page.get_by_label("all themes")).to_be_checked()
    expect(page.locator("#province-select")).to_contain_text("Drenthe")
    expect(page.locator("#kind-filter")).to_contain_text("network")
    expect(page.locator("#status-filter")).to_contain_text("completed")
    expect(page.locator("#year-from")).to_have_value("2015")
    expect(page.locator("#year-to")).to_have_value("2022")
    expect(page.locator("#search")).to_have_value("nice")
    expect(page.locator("#metric")).to_contain_text("location quotient")
    expect(page.locator("#card h2")).to_have_text(row("DR-01")["name"])
    expect(page.locator("#profile h2")).to_have_text("Strengths of Drenthe")
    shown = filtered_ids(
        themes=("innovation", "jobs"),
        match="all",
        province="PV22",
        kinds=("network", "result"),
        statuses=("ongoing", "completed"),
        year_from=2015,
        year_to=2022,
        q="nice",
    )
    page.wait_for_function(
        "(n) => document.querySelector('#summary').textContent.startsWith(n + ' of')",
        arg=str(len(shown)),
    )
    wait_for_table(page, shown)
    assert params(page.url) == params(query)  # the URL keeps the view (in canonical order)


def params(url: str) -> dict[str, set[str]]:
    query = urlsplit(url).query or url.lstrip("?")
    return {key: set(value.split(",")) for key, value in parse_qsl(query)}
