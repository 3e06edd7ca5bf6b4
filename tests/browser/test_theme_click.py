"""A theme click redraws the map before the server answers, and never shows a stale view.

The server's answers are held back while the map is read: the map must already show the
clicked selection (drawn in the browser from the page's theme table), and once the answers
arrive everything agrees with the CSV, also after other filters changed the table.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser.expected import counts_of, filtered_ids
from tests.browser.mapreader import marker_ids, wait_for_map, wait_for_values

pytestmark = pytest.mark.browser

UPDATES = re.compile(r"/_dash-update-component(\?|$)")  # Dash adds ?endId=...


class HeldAnswers:
    """Keeps the page's callback requests waiting until `release`."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.routes: list[Route] = []
        self.holding = True
        page.route(UPDATES, self._hold)

    def _hold(self, route: Route) -> None:
        if self.holding:
            self.routes.append(route)
        else:
            route.fallback()

    def release(self) -> None:
        self.holding = False
        for route in self.routes:
            route.fallback()  # on to the page's guard, which lets requests to the app through


def settle(page: Page) -> None:
    page.wait_for_load_state("networkidle")


def expect_map(page: Page, **view) -> None:
    """Province values and markers as the CSV gives them for this view (the choropleth keeps
    counting every province while one is selected; the markers show only that one)."""
    wait_for_values(page, counts_of(filtered_ids(**{**view, "province": None})))
    assert sorted(marker_ids(page)) == sorted(filtered_ids(**view))


def test_theme_click_draws_the_map_while_the_server_has_not_answered(page):
    page.goto(page.base_url + "/")
    wait_for_map(page)
    settle(page)
    held = HeldAnswers(page)
    page.get_by_label("energie").check()
    expect_map(page, themes=["energy"])
    page.get_by_label("klimaat").check()
    expect_map(page, themes=["climate", "energy"])
    assert held.routes, "the clicks were answered by the server, not drawn from the table"
    expect(page).not_to_have_url(re.compile(r"theme="))  # the server's part is still waiting

    held.release()
    expect(page).to_have_url(re.compile(r"\?theme=climate,energy$"))
    shown = len(filtered_ids(themes=["climate", "energy"]))
    expect(page.locator("#summary")).to_have_text(f"{shown} van 144 initiatieven")
    expect_map(page, themes=["climate", "energy"])


def test_theme_table_follows_the_other_filters_and_the_match_mode(page):
    page.goto(page.base_url + "/?kind=programme,roadmap&metric=count")
    wait_for_map(page)
    settle(page)
    kinds = ["programme", "roadmap"]
    expect_map(page, kinds=kinds)

    held = HeldAnswers(page)
    page.get_by_label("klimaat").check()
    page.get_by_label("werkgelegenheid").check()
    expect_map(page, themes=["climate", "jobs"], kinds=kinds)
    held.release()
    settle(page)

    # The match mode comes from the same table; the server's answer then agrees with it.
    page.get_by_label("alle thema's").check()
    expect_map(page, themes=["climate", "jobs"], match="all", kinds=kinds)
    settle(page)
    expect_map(page, themes=["climate", "jobs"], match="all", kinds=kinds)


def test_theme_click_after_a_province_or_search_uses_a_fresh_table(page):
    page.goto(page.base_url + "/?province=PV22")
    wait_for_map(page)
    settle(page)
    page.get_by_label("energie").check()
    expect_map(page, themes=["energy"], province="PV22")
    settle(page)
    page.get_by_label("Zoeken").fill("warmte")
    settle(page)
    page.get_by_label("energie").uncheck()
    expect_map(page, province="PV22", q="warmte")
    settle(page)
    expect_map(page, province="PV22", q="warmte")


def test_rapid_theme_clicks_end_on_the_last_selection(page):
    page.goto(page.base_url + "/")
    wait_for_map(page)
    settle(page)
    order = ["climate", "energy", "innovation", "climate", "jobs", "energy"]
    # All in one go, faster than any person: every click is sent before the first answer.
    page.evaluate(
        """(order) => order.forEach(v =>
            document.querySelector(`#theme-filter input[value="${v}"]`).click())""",
        order,
    )
    settle(page)
    final = ["innovation", "jobs"]
    expect(page).to_have_url(re.compile(r"\?theme=jobs,innovation$"))
    expect_map(page, themes=final)
    shown = len(filtered_ids(themes=final))
    expect(page.locator("#summary")).to_have_text(f"{shown} van 144 initiatieven")
