"""Nothing moves after the first paint: what arrives later (the map, the lists' scripts, the table's
grid, the tour's caption) has its place kept. A PerformanceObserver records every layout shift from
the page's start until the map is drawn, the table has loaded and the network is quiet."""

from __future__ import annotations

import pytest

from tests.browser.mapreader import wait_for_map

pytestmark = pytest.mark.browser

#: Well under Lighthouse's "good" (0.1): a shift a person would notice is larger than this.
MOST = 0.02

RECORD = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__shifts.push({value: entry.value, what: (entry.sources || []).map(s =>
      s.node ? (s.node.id || s.node.className || s.node.nodeName) : '?')});
  }
}).observe({type: 'layout-shift', buffered: true});
"""

PHONE = {"viewport": {"width": 412, "height": 823}, "is_mobile": True, "has_touch": True}


def shifts_after_load(page, link: str, table: bool) -> list[dict]:
    page.add_init_script(RECORD)
    page.goto(page.base_url + "/" + link)
    wait_for_map(page)
    if table:
        page.wait_for_selector("#table .ag-row", timeout=30_000)
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__shifts")


@pytest.mark.parametrize(
    ("link", "table"), [("", True), ("?theme=energy&province=PV22&initiative=DR-01", True)]
)
def test_the_page_does_not_move_after_the_first_paint(page, link, table):
    shifts = shifts_after_load(page, link, table)
    assert sum(s["value"] for s in shifts) < MOST, shifts


def test_presentation_mode_does_not_move_after_the_first_paint(page):
    shifts = shifts_after_load(page, "?mode=demo", table=False)
    page.wait_for_function("() => document.querySelector('#tour-caption').textContent !== ''")
    shifts = page.evaluate("window.__shifts")
    assert sum(s["value"] for s in shifts) < MOST, shifts


@pytest.mark.parametrize("link", ["", "?mode=demo"])
def test_on_a_phone_nothing_moves_either(page_factory, link):
    page = page_factory(**PHONE)
    page.add_init_script(RECORD)
    page.goto(page.base_url + "/" + link)
    wait_for_map(page)
    page.wait_for_load_state("networkidle")
    if link:
        page.wait_for_function("() => document.querySelector('#tour-caption').textContent !== ''")
    shifts = page.evaluate("window.__shifts")
    assert sum(s["value"] for s in shifts) < MOST, shifts
