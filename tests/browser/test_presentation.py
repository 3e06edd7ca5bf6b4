"""The demo on a projector: a tour through themes and provinces, pause, Escape, nothing outside."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from kansenkaart.dataset import load_dataset
from kansenkaart.registry import PROVINCE_CODES
from kansenkaart.tour import caption_for, tour_steps
from kansenkaart.view import View
from tests.browser.conftest import AppServer
from tests.browser.expected import (
    counts_for,
    counts_of,
    filtered_ids,
    named_leaders_pass_the_test,
    tour_province_captions,
)
from tests.browser.mapreader import click_province, wait_for_map, wait_for_values
from tests.conftest import DATA_DIR

pytestmark = pytest.mark.browser

STEP_SECONDS = 1.5


@pytest.fixture(scope="module")
def demo_url() -> Iterator[str]:
    server = AppServer(TOUR_STEP_SECONDS=str(STEP_SECONDS))
    yield server.url
    server.stop()


@pytest.fixture
def demo(page_factory, demo_url):
    """A demo page with every outside request blocked and recorded (the fixture fails the test on
    any); the CSP is bypassed so the page's own attempts reach the guard instead of stopping early."""
    page = page_factory(base_url=demo_url, bypass_csp=True)
    page.goto(demo_url + "/")
    wait_for_map(page)
    return page


def caption(page) -> str:
    return page.locator("#tour-caption").inner_text()


def test_the_tour_steps_through_themes_then_provinces(demo):
    demo.get_by_role("button", name="Presentatie").click()
    expect(demo).to_have_url(re.compile(r"\?mode=demo$"))
    expect(demo.locator(".controls")).to_be_hidden()
    themes = {
        "climate": "Klimaat",
        "jobs": "Werkgelegenheid",
        "innovation": "Innovatie",
        "energy": "Energie",
        "environment": "Milieu",
    }
    seen = []
    for theme, label in themes.items():
        count = int(sum(counts_for([theme]).values()))
        expect(demo.locator("#tour-caption")).to_contain_text(
            f"{label}: {count} initiatieven", timeout=10_000
        )
        seen.append(caption(demo))
        wait_for_values(demo, counts_for([theme]))
    # a caption names a leader only when the test says its share stands out (else counts)
    assert all(named_leaders_pass_the_test(text) for text in seen), seen
    for text in tour_province_captions():  # "Drenthe: 16 initiatieven, sterk in ..."
        expect(demo.locator("#tour-caption")).to_contain_text(text, timeout=10_000)
    # and it loops back to the first theme
    expect(demo.locator("#tour-caption")).to_have_text(seen[0], timeout=10_000)
    # the URL keeps the view the tour started from: no history entry per step
    expect(demo).to_have_url(re.compile(r"\?mode=demo$"))


def test_a_key_pauses_the_tour_and_resume_goes_on(demo):
    demo.goto(demo.base_url + "/?mode=demo")
    wait_for_map(demo)
    # the caption describes the map from the start; wait for the tour's first step
    expect(demo.locator("#tour-caption")).to_have_text(STEPS[0].caption, timeout=10_000)
    demo.keyboard.press("p")
    expect(demo.locator("#tour-paused")).to_be_visible()
    held = caption(demo)
    demo.wait_for_timeout(STEP_SECONDS * 3 * 1000)
    assert caption(demo) == held
    demo.get_by_role("button", name="Verder").click()  # the pause button, now pressed
    expect(demo.locator("#tour-paused")).to_be_hidden()
    expect(demo.locator("#tour-caption")).not_to_have_text(held, timeout=10_000)


def test_a_click_pauses_too(demo):
    demo.goto(demo.base_url + "/?mode=demo")
    wait_for_map(demo)
    expect(demo.locator("#tour-caption")).not_to_be_empty()
    demo.locator("#tour-caption").click()
    expect(demo.locator("#tour-paused")).to_be_visible()


def test_escape_leaves_the_mode(demo):
    demo.goto(demo.base_url + "/?theme=energy&mode=demo")
    wait_for_map(demo)
    expect(demo.locator("#tour-caption")).not_to_be_empty()
    demo.keyboard.press("Escape")
    expect(demo).to_have_url(re.compile(r"\?theme=energy$"))
    expect(demo.locator(".controls")).to_be_visible()
    expect(demo.locator("#tour")).to_be_hidden()
    wait_for_values(demo, counts_for(["energy"]))


# --- issue 13.1: a presenter's clicker, one caption bar, the caption follows the map ---------


@pytest.fixture(scope="module")
def held_url() -> Iterator[str]:
    """A tour whose timer never fires during a test: only the presenter moves it."""
    server = AppServer(TOUR_STEP_SECONDS="600")
    yield server.url
    server.stop()


@pytest.fixture
def projector(page_factory, held_url):
    """The demo at a projector's 1280x720, on the first step."""
    page = page_factory(base_url=held_url, viewport={"width": 1280, "height": 720})
    page.goto(held_url + "/?mode=demo")
    wait_for_map(page)
    expect(page.locator("#tour-caption")).to_have_text(STEPS[0].caption, timeout=10_000)
    return page


def _steps(search: str = "") -> list:
    data = load_dataset(DATA_DIR)
    view = View.from_query(search + "&mode=demo")[0]
    return tour_steps(data.initiatives, data.provinces["name"], view)


STEPS = _steps()


def test_the_clicker_steps_forward_and_back_without_scrolling(projector):
    for key, index in (("ArrowRight", 1), ("PageDown", 2), (" ", 3), ("ArrowLeft", 2)):
        projector.keyboard.press(key)
        expect(projector.locator("#tour-caption")).to_have_text(STEPS[index].caption)
        assert projector.evaluate("window.scrollY") == 0
    projector.keyboard.press("PageUp")
    expect(projector.locator("#tour-caption")).to_have_text(STEPS[1].caption)
    projector.keyboard.press("PageUp")
    expect(projector.locator("#tour-caption")).to_have_text(STEPS[0].caption)
    projector.keyboard.press("ArrowLeft")  # from the first step back to the last
    expect(projector.locator("#tour-caption")).to_have_text(STEPS[-1].caption)
    # the last step plays the years: up to the last start year, counted independently
    last_year = STEPS[-1].view.year_to
    wait_for_values(projector, counts_of(filtered_ids(year_to=last_year)))
    assert projector.evaluate("window.scrollY") == 0


def test_the_caption_bar_keeps_its_height_and_the_map_stays_on_screen(projector):
    bar = projector.locator("#tour")
    height = bar.bounding_box()["height"]
    projector.evaluate(
        """() => { document.getElementById('tour-caption').textContent =
            'Een heel lange ondertitel '.repeat(12); }"""
    )
    assert bar.bounding_box()["height"] == height
    projector.evaluate("() => { document.getElementById('tour-caption').textContent = 'Kort'; }")
    assert bar.bounding_box()["height"] == height
    projector.get_by_role("button", name="Pauze").click()
    expect(projector.locator("#tour-paused")).to_be_visible()
    assert bar.bounding_box()["height"] == height
    box = projector.locator("#map").bounding_box()
    assert box["y"] + box["height"] <= 720
    assert box["width"] >= 1280 - 40  # the map uses the screen's width
    assert projector.evaluate("window.scrollY") == 0


def test_pause_and_resume_are_one_button(projector):
    button = projector.locator("#tour-pause")
    expect(button).to_have_accessible_name("Pauze")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_accessible_name("Verder")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(projector.locator("#tour-paused")).to_be_visible()
    button.click()
    expect(button).to_have_accessible_name("Pauze")
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(projector.locator("#tour-paused")).to_be_hidden()


def test_a_map_click_during_the_tour_gets_the_clicked_provinces_caption(projector):
    data = load_dataset(DATA_DIR)
    drenthe = caption_for(data, View(mode="demo", province="PV22")).text
    click_province(projector, "PV22")
    expect(projector.locator("#tour-caption")).to_have_text(drenthe, timeout=10_000)
    expect(projector.locator("#tour-paused")).to_be_visible()  # the click paused the tour
    # the map outlines the province the caption names
    widths = projector.evaluate(
        "() => document.querySelector('#map .js-plotly-plot')._fullData[1].marker.line.width"
    )
    assert widths[PROVINCE_CODES.index("PV22")] > max(
        w for i, w in enumerate(widths) if i != PROVINCE_CODES.index("PV22")
    )


def test_the_tour_of_a_themed_link_stays_on_its_theme(page_factory, held_url):
    page = page_factory(base_url=held_url, viewport={"width": 1280, "height": 720})
    page.goto(held_url + "/?theme=energy&mode=demo")
    wait_for_map(page)
    steps = _steps("?theme=energy")
    expect(page.locator("#tour-caption")).to_have_text(steps[0].caption, timeout=10_000)
    page.keyboard.press("ArrowRight")
    expect(page.locator("#tour-caption")).to_have_text(steps[1].caption)
    wait_for_values(page, counts_for(["energy"]))
