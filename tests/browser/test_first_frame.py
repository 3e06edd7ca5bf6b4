"""The server-rendered first frame (issue 16): what a person sees before any script has run is
the link's page, and the app takes its place without anything moving.

Without JavaScript the page shows only the server's copy, so these tests read it as a person
who sees the first frame would; with JavaScript they check the take-over."""

from __future__ import annotations

import pytest

from tests.browser.expected import _frame
from tests.browser.mapreader import wait_for_map
from tests.browser.test_layout_shift import MOST, RECORD

pytestmark = pytest.mark.browser

ENERGY_IN_FRYSLAN_EN = "?lang=en&theme=energy&province=PV21"
CARD_NL = "?theme=climate&initiative=DR-01"
DEMO = "?mode=demo"
FIRST_CAPTION = """
new MutationObserver((_, observer) => {
  const caption = document.getElementById('tour-caption');
  if (caption && caption.textContent) {
    window.__firstCaption = caption.textContent;
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true, characterData: true});
"""
#: Elements whose place a person follows: the copy's must be where the app's will be.
LANDMARKS = (
    "title",
    "coverage-note",
    "demo-start",
    "filters-heading",
    "match-legend",
    "province-label",
    "kind-label",
    "years-legend",
    "summary",
    "map-legend",
    "ranking-heading",
    "details-hint",
    "card",
)


def first_frame(page_factory, link: str, **options):
    page = page_factory(java_script_enabled=False, **options)
    page.goto(page.base_url + "/" + link)
    return page


def taken_over(page_factory, link: str, **options):
    page = page_factory(**options)
    page.add_init_script(RECORD)
    page.goto(page.base_url + "/" + link)
    wait_for_map(page)
    page.wait_for_selector("#kk-first-frame", state="detached")
    page.wait_for_load_state("networkidle")
    return page


def texts(page, selector: str) -> list[str]:
    return [text.strip() for text in page.locator(selector).all_inner_texts()]


def test_without_scripts_an_english_link_shows_its_view(page_factory):
    page = first_frame(page_factory, ENERGY_IN_FRYSLAN_EN)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Circular Economy Opportunity Map"
    assert page.locator("input[value=energy]").is_checked()
    assert not page.locator("input[value=climate]").is_checked()
    assert page.locator("input[value=en]").is_checked()
    assert "Fryslân" in page.locator(".select-filter").first.inner_text()
    assert page.locator(".summary").inner_text().endswith("initiatives")
    assert page.locator(".map-legend .legend-title").inner_text().strip() != ""
    assert page.locator(".map-legend .legend-item").count() >= 6  # the kinds and "no data"
    assert page.locator(".ranking-list li").count() == 12
    assert page.locator(".profile").is_visible()  # the province's profile is open


def test_without_scripts_a_dutch_card_link_shows_the_card(page_factory):
    page = first_frame(page_factory, CARD_NL)
    name = _frame().set_index("id").loc["DR-01", "name"]
    assert page.locator("h1").inner_text() == "Kansenkaart Circulaire Economie"
    assert page.locator("input[value=climate]").is_checked()
    assert page.locator("input[value=nl]").is_checked()
    assert page.locator(".card-title").inner_text() == name
    assert page.locator(".card").is_visible()
    assert page.locator(".ranking-list li").count() == 12


def test_the_copy_says_what_the_app_then_says(page_factory):
    copy = first_frame(page_factory, ENERGY_IN_FRYSLAN_EN)
    app = taken_over(page_factory, ENERGY_IN_FRYSLAN_EN)
    for selector in (".summary", ".map-legend", ".ranking-list li", ".coverage", ".controls h2"):
        assert texts(copy, selector) == texts(app, selector), selector


def test_nothing_in_the_copy_takes_the_keyboard(page_factory):
    page = first_frame(page_factory, CARD_NL)
    for _ in range(5):  # a scrolling panel may take focus (to scroll it), no control does
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.tagName")
        assert focused not in ("A", "BUTTON", "INPUT", "SUMMARY", "SELECT", "TEXTAREA"), focused
    assert page.locator("#kk-first-frame").count() == 1
    assert page.locator("#kk-first-frame [id]").count() == 0  # the app's ids are the app's


def test_presentation_mode_opens_on_its_tours_first_caption(page_factory):
    copy = first_frame(page_factory, DEMO)
    caption = copy.locator(".tour-caption").inner_text()
    assert caption != ""
    assert not copy.locator(".masthead").is_visible()
    app = page_factory()
    app.add_init_script(FIRST_CAPTION)  # the tour steps on: its first caption is the one
    app.goto(app.base_url + "/" + DEMO)
    app.wait_for_function("() => window.__firstCaption")
    assert app.evaluate("window.__firstCaption") == caption


@pytest.mark.parametrize("link", ["", CARD_NL, DEMO, "?embed=1"])
def test_the_app_takes_over_without_moving(page_factory, link):
    before = first_frame(page_factory, link)
    boxes = {name: before.locator(f'[data-kk-id="{name}"]').bounding_box() for name in LANDMARKS}
    page = taken_over(page_factory, link)
    assert page.locator("#kk-first-frame").count() == 0
    assert page.locator("[data-kk-id]").count() == 0
    duplicated = page.evaluate(
        """() => { const seen = {};
            for (const e of document.querySelectorAll('[id]')) seen[e.id] = (seen[e.id] || 0) + 1;
            return Object.keys(seen).filter(id => seen[id] > 1); }"""
    )
    assert duplicated == []
    shifts = page.evaluate("window.__shifts")
    assert sum(s["value"] for s in shifts) < MOST, shifts
    for name, box in boxes.items():
        after = page.locator(f"#{name}").bounding_box()
        assert (box is None) == (after is None), name  # shown in both or in neither
        if box and after:  # the same top, and the same left or right edge (a count may
            # change a box's width: presentation mode's tour shows its first step)
            left = abs(box["x"] - after["x"])
            right = abs(box["x"] + box["width"] - after["x"] - after["width"])
            assert abs(box["y"] - after["y"]) <= 2 and min(left, right) <= 2, (name, box, after)
