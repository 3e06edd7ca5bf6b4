"""A person opens the map, clicks a theme, opens a link: the map shows the CSV's numbers."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from playwright.sync_api import expect

from tests.browser.expected import TOTAL, counts_for, filtered_ids, point_ids
from tests.browser.mapreader import (
    GRAPH,
    marker_ids,
    province_values,
    tick,
    wait_for_map,
    wait_for_values,
)
from tests.conftest import DATA_DIR

pytestmark = pytest.mark.browser


def test_page_draws_the_twelve_provinces(page):
    page.goto(page.base_url + "/")
    wait_for_map(page)
    values = province_values(page)
    assert sorted(values) == [f"PV{n}" for n in range(20, 32)]
    # one shape per province (no province lacks a count, so the grey no-data layer is empty)
    assert page.locator(f"{GRAPH} .choroplethlocation").count() == 12
    wait_for_values(page, counts_for([]))
    expect(page.locator("#summary")).to_have_text(f"{TOTAL} van {TOTAL} initiatieven")
    assert sorted(marker_ids(page)) == sorted(point_ids(filtered_ids()))


def test_choosing_a_theme_recolours_the_map_with_the_csv_counts(page):
    page.goto(page.base_url + "/")
    wait_for_map(page)
    tick(page, "energie")
    expected = counts_for(["energy"])
    wait_for_values(page, expected)
    shown = int(sum(expected.values()))
    expect(page.locator("#summary")).to_have_text(f"{shown} van {TOTAL} initiatieven")
    assert sorted(marker_ids(page)) == sorted(point_ids(filtered_ids(themes=("energy",))))
    expect(page).to_have_url(re.compile(r"\?theme=energy$"))
    # the kind legend counts what is shown
    frame = pd.read_csv(DATA_DIR / "initiatives.csv", dtype=str)
    energy = frame[frame["id"].isin(filtered_ids(themes=("energy",)))]
    expect(page.locator("#map-legend")).to_contain_text(
        f"initiatief ({(energy['kind'] == 'initiative').sum()})"
    )

    tick(page, "klimaat")
    wait_for_values(page, counts_for(["climate", "energy"]))
    expect(page).to_have_url(re.compile(r"\?theme=climate,energy$"))


def test_a_link_reopens_the_energy_view(page):
    page.goto(page.base_url + "/?theme=energy")
    wait_for_map(page)
    wait_for_values(page, counts_for(["energy"]))
    expect(page.get_by_label("energie")).to_be_checked()
    expect(page.get_by_label("klimaat")).not_to_be_checked()


def test_nothing_is_requested_outside_the_app(page_factory, outside_requests):
    # Without the CSP's help: the page itself must not reach out, and the guard must catch it.
    page = page_factory(bypass_csp=True)
    page.goto(page.base_url + "/?theme=innovation")
    wait_for_map(page)
    tick(page, "werkgelegenheid")
    wait_for_values(page, counts_for(["jobs", "innovation"]))
    page.mouse.move(700, 450)  # hover the map: tooltips must not fetch anything either
    page.wait_for_timeout(300)
    assert outside_requests == []
    # The guard itself works: a request elsewhere is caught (and then cleared for teardown).
    page.evaluate("fetch('http://example.invalid/x').catch(() => null)")
    page.wait_for_timeout(300)
    assert outside_requests == ["http://example.invalid/x"]
    outside_requests.clear()


def test_a_geo_graph_without_its_own_config_draws_from_this_server(page_factory, outside_requests):
    # plotly.js's default base-map address is a CDN; assets/offline.js points it here instead.
    page = page_factory(bypass_csp=True)  # without the CSP's help, as above
    page.goto(page.base_url + "/")
    wait_for_map(page)
    with page.expect_response(re.compile(r"/assets/topojson/europe_110m\.json$")) as response:
        page.evaluate(
            """() => {
                const div = document.createElement('div');
                document.body.appendChild(div);
                return Plotly.newPlot(div, [{type: 'scattergeo', lat: [52], lon: [5]}],
                                      {geo: {scope: 'europe'}});
            }"""
        )
    assert response.value.ok
    assert outside_requests == []
