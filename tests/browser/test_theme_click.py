"""Theme clicks: however fast they come, the page ends on the last selection, and the map, the
URL and the summary agree with the CSV."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.expected import counts_of, filtered_ids, point_ids
from tests.browser.mapreader import marker_ids, wait_for_map, wait_for_values

pytestmark = pytest.mark.browser


def settle(page: Page) -> None:
    page.wait_for_load_state("networkidle")


def expect_map(page: Page, **view) -> None:
    """Province values and markers as the CSV gives them for this view (the choropleth keeps
    counting every province while one is selected; the markers show only that one)."""
    wait_for_values(page, counts_of(filtered_ids(**{**view, "province": None})))
    assert sorted(marker_ids(page)) == sorted(point_ids(filtered_ids(**view)))


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
    expect(page.locator("#summary")).to_have_text(re.compile(rf"^{shown} van \d+ initiatieven$"))
