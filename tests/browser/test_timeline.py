"""The time view as a person uses it: the chart says how many have no start year, a click on a
year's bar sets `from`/`to` (in the URL and the year fields), in Dutch and in English."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from kansenkaart.dataset import load_dataset
from kansenkaart.timeline import year_counts
from kansenkaart.tour import tour_steps
from kansenkaart.view import View
from tests.browser.mapreader import tick, wait_for_map
from tests.conftest import DATA_DIR

pytestmark = pytest.mark.browser

CHART = "#year-chart .js-plotly-plot"


def click_year(page: Page, year: int) -> None:
    """A click in the middle of the year's column, low down (where a short bar still is)."""
    page.locator(CHART).scroll_into_view_if_needed()
    x, y = page.evaluate(
        """([sel, year]) => {
            const gd = document.querySelector(sel), l = gd._fullLayout;
            return [l.xaxis._offset + l.xaxis.l2p(year), l.yaxis._offset + l.yaxis.l2p(0.3)];
        }""",
        [CHART, year],
    )
    box = page.locator(CHART).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.mouse.click(box["x"] + x, box["y"] + y)


def open_page(page: Page, query: str) -> None:
    page.goto(page.base_url + query)  # type: ignore[attr-defined]
    wait_for_map(page)
    page.wait_for_selector(f"{CHART} .xtick")


@pytest.mark.parametrize(
    ("lang", "without", "chosen"),
    [
        ("nl", "zonder bekend startjaar", "Gekozen: 2018 t/m 2018"),
        ("en", "without a known start year", "Chosen: 2018 to 2018"),
    ],
)
def test_clicking_a_year_bar_sets_from_and_to(page, lang, without, chosen):
    counts = year_counts(load_dataset(DATA_DIR).initiatives, View(theme=("environment",)))
    open_page(page, f"/?theme=environment&lang={lang}")
    note = page.locator("#year-note")
    expect(note).to_contain_text(f"{counts.unknown} {without}")
    click_year(page, 2018)
    expect(page).to_have_url(re.compile(r"\?theme=environment&from=2018&to=2018"))
    expect(page.locator("#year-from")).to_have_value("2018")
    expect(page.locator("#year-to")).to_have_value("2018")
    expect(note).to_contain_text(chosen)
    in_2018 = counts.counts[counts.years.index(2018)]
    summary = "van" if lang == "nl" else "of"
    expect(page.locator("#summary")).to_have_text(re.compile(rf"^{in_2018} {summary} "))
    # the same year again clears the range
    click_year(page, 2018)
    expect(page).to_have_url(re.compile(r"\?theme=environment(&lang=en)?$"))
    expect(page.locator("#year-from")).to_have_value("")


def test_the_chart_follows_the_filters(page):
    open_page(page, "/")
    tick(page, "energie")
    counts = year_counts(load_dataset(DATA_DIR).initiatives, View(theme=("energy",)))
    expect(page.locator("#year-note")).to_contain_text(
        f"{counts.known} met een bekend startjaar; {counts.unknown} zonder"
    )


def test_the_presentation_tour_plays_the_years(page_factory):
    """On a projector: the step before the first is the tour's last, "up to" the last year."""
    page = page_factory(viewport={"width": 1280, "height": 720})
    data = load_dataset(DATA_DIR)
    steps = tour_steps(data.initiatives, data.provinces["name"], View(mode="demo"))
    last = steps[-1]
    assert last.view.year_to is not None and last.caption.startswith("Tot en met ")
    page.goto(page.base_url + "/?mode=demo")  # type: ignore[attr-defined]
    wait_for_map(page)
    expect(page.locator("#tour-caption")).to_have_text(steps[0].caption, timeout=15_000)
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#tour-caption")).to_have_text(last.caption, timeout=15_000)
    expect(page).to_have_url(re.compile(r"\?mode=demo$"))  # the link stays the tour's
