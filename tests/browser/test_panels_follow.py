"""The map goes first; the table, the profile, the time view and the links follow every view
change one painted frame later, also on back and forward (callbacks/after_paint.py)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.expected import counts_of, filtered_ids
from tests.browser.mapreader import (
    GRAPH,
    click_province,
    wait_for_map,
    wait_for_table,
    wait_for_values,
)

pytestmark = pytest.mark.browser

#: In-page: the animation frames from now on, the first in which the map's values differ from
#: now, and the start of every callback request whose outputs include the table's rows.
WATCH_JS = """
(sel) => {
  const values = () => Array.from(document.querySelector(sel)._fullData[1].z).join(',');
  const before = values();
  window.__kkOrder = {mapFrame: null, frames: [], tableRequests: []};
  const onFrame = () => {
    const now = performance.now();
    window.__kkOrder.frames.push(now);
    if (window.__kkOrder.mapFrame === null && values() !== before) window.__kkOrder.mapFrame = now;
    if (window.__kkOrder.frames.length < 600) requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  const fetch = window.fetch;
  window.fetch = function (url, options) {
    if (String(url).includes('_dash-update-component') && options
        && String(options.body).includes('table.rowData'))
      window.__kkOrder.tableRequests.push(performance.now());
    return fetch.apply(this, arguments);
  };
}
"""


def settle(page: Page) -> None:
    page.wait_for_load_state("networkidle")


def expect_panels(page: Page, *, themes: list[str], province: str | None) -> None:
    wait_for_table(page, filtered_ids(themes=tuple(themes), province=province))
    profile = page.locator("#profile")
    if province:
        expect(profile).to_be_visible()
        expect(page.locator("#profile h2")).to_contain_text("Fryslân")
    else:
        expect(profile).to_be_hidden()


def test_the_panels_follow_every_change_and_back_and_forward(page):
    page.goto(page.base_url + "/")
    wait_for_map(page)
    settle(page)
    note = page.locator("#year-note")
    page.locator("#theme-filter input[value=energy]").click()
    wait_for_values(page, counts_of(filtered_ids(themes=("energy",))))
    expect_panels(page, themes=["energy"], province=None)
    settle(page)
    national = note.text_content()
    click_province(page, "PV21")
    expect(page).to_have_url(re.compile(r"province=PV21"))
    expect_panels(page, themes=["energy"], province="PV21")
    expect(note).not_to_have_text(national or "")
    settle(page)
    frisian = note.text_content() or ""
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?theme=energy$"))
    expect_panels(page, themes=["energy"], province=None)
    expect(note).to_have_text(national or "")
    settle(page)
    page.go_forward()
    expect(page).to_have_url(re.compile(r"province=PV21"))
    expect_panels(page, themes=["energy"], province="PV21")
    expect(note).to_have_text(frisian)


def test_the_table_is_asked_for_only_after_the_map_has_painted(page):
    """Not in the task that draws the map, nor right after its frame: the map's frame and the
    one after it (in which a person sees the map) pass before the table's request is made."""
    page.goto(page.base_url + "/")
    wait_for_map(page)
    settle(page)
    for theme in ("climate", "energy"):
        page.evaluate(WATCH_JS, GRAPH)
        page.locator(f"#theme-filter input[value={theme}]").click()
        page.wait_for_function("() => window.__kkOrder.tableRequests.length > 0")
        settle(page)
        order = page.evaluate("window.__kkOrder")
        assert order["mapFrame"] is not None
        asked = min(order["tableRequests"])
        frames_between = [t for t in order["frames"] if order["mapFrame"] < t < asked]
        assert len(frames_between) >= 2, order


@pytest.mark.parametrize("link", ["/?province=PV22", "/?theme=energy&lang=en"])
def test_a_link_is_not_drawn_again_right_after_the_load(page: Page, link: str) -> None:
    """The comparison and the time view are built with the page for its link; the URL
    component's first report of that same link must not draw them anew (it reset a comparison
    being chosen meanwhile). (The table and the card are asked for once on load by design.)"""
    asked: list[str] = []

    def note(request) -> None:
        if "_dash-update-component" in request.url and request.post_data:
            asked.append(request.post_data)

    page.on("request", note)
    page.goto(page.base_url + link)  # type: ignore[attr-defined]
    wait_for_map(page)
    settle(page)
    panels = ("compare-select.value", "year-chart.figure")
    redrawn = [p for p in panels if any(p in body for body in asked)]
    assert redrawn == [], redrawn
