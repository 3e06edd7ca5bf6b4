"""The demo on a projector: a tour through themes and provinces, pause, Escape, nothing outside."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AppServer
from tests.browser.expected import counts_for, named_leaders_pass_the_test, tour_province_captions
from tests.browser.mapreader import wait_for_map, wait_for_values

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
    expect(demo.locator("#tour-caption")).not_to_be_empty()
    demo.keyboard.press("p")
    expect(demo.locator("#tour-paused")).to_be_visible()
    held = caption(demo)
    demo.wait_for_timeout(STEP_SECONDS * 3 * 1000)
    assert caption(demo) == held
    demo.get_by_role("button", name="Verder").click()
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
