"""Issue 17 items 2, 4 and 5 as a person meets them: a provincial site frames the map (only when
FRAME_ANCESTORS names it), a card's "report a correction" link carries the initiative and the
view, and the province profile prints on one A4 page."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import AppServer, free_port
from tests.browser.mapreader import click_province, wait_for_map

pytestmark = pytest.mark.browser

FEEDBACK_URL = "mailto:kaart@example.nl"
#: The province with the most initiatives in the shipped data: the longest profile to print.
LONGEST_PROFILE = "PV21"


class ProvincialSite:
    """A page on another loopback origin that puts the map in an iframe, as a province's website
    would, and notes when the frame has loaded (whatever it shows)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.frame_src = ""
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = (
                    "<!DOCTYPE html><html><body><h1>Provincie</h1>"
                    f'<iframe id="kaart" src="{site.frame_src}" width="640" height="560" '
                    'title="Kansenkaart" onload="window.frameLoaded = true"></iframe>'
                    "</body></html>"
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def site() -> Iterator[ProvincialSite]:
    site = ProvincialSite()
    yield site
    site.stop()


@pytest.fixture(scope="module")
def configured_app(site: ProvincialSite) -> Iterator[AppServer]:
    """The app as a province would run it: its site may frame the map, feedback goes by mail."""
    server = AppServer(FRAME_ANCESTORS=site.origin, FEEDBACK_URL=FEEDBACK_URL)
    yield server
    server.stop()


def framed(browser: Browser, site: ProvincialSite, app: str, query: str) -> Page:
    """The provincial site's page with the map in its iframe, once the frame has loaded."""
    site.frame_src = f"{app}/{query}"
    page = browser.new_context(viewport={"width": 900, "height": 700}).new_page()
    page.goto(site.origin + "/")
    page.wait_for_function("() => window.frameLoaded === true", timeout=60_000)
    return page


# --- embed ----------------------------------------------------------------------------------


def test_an_allowed_site_frames_the_map_with_a_link_to_the_full_view(
    browser: Browser, site: ProvincialSite, configured_app: AppServer
):
    page = framed(browser, site, configured_app.url, "?embed=1&theme=energy&lang=en")
    frame = page.frame_locator("#kaart")
    expect(frame.locator("#map .choroplethlocation").first).to_be_attached(timeout=60_000)
    assert frame.locator("#map .choroplethlocation").count() == 12
    expect(frame.locator("#map-legend")).to_be_visible()
    link = frame.locator("#embed-full-map")
    expect(link).to_be_visible()
    expect(link).to_have_text(re.compile("Open the full map"))
    assert link.get_attribute("href") == "/?theme=energy&lang=en"
    assert link.get_attribute("target") == "_blank"
    for hidden in (".controls", ".table-panel", ".masthead", ".details"):
        expect(frame.locator(hidden)).to_be_hidden()
    page.context.close()


def test_the_full_view_link_follows_a_click_in_the_embedded_map(page_factory, app_url: str):
    page = page_factory()
    page.goto(app_url + "/?embed=1&lang=en")
    wait_for_map(page)
    link = page.locator("#embed-full-map")
    assert link.get_attribute("href") == "/?lang=en"
    click_province(page, "PV22")
    expect(link).to_have_attribute("href", "/?province=PV22&lang=en")
    expect(link).to_have_text(re.compile("Open the full map"))


def test_a_site_not_named_in_frame_ancestors_is_refused(
    browser: Browser, site: ProvincialSite, app_url: str
):
    # app_url: the app with today's settings (FRAME_ANCESTORS empty)
    page = framed(browser, site, app_url, "?embed=1")
    frame = next(f for f in page.frames if f != page.main_frame)
    assert not frame.url.startswith(app_url)  # Chromium shows its error page instead
    assert page.frame_locator("#kaart").locator("#map").count() == 0
    page.context.close()


# --- report a correction --------------------------------------------------------------------


def test_a_cards_correction_link_carries_the_id_and_the_views_link(
    page_factory, configured_app: AppServer
):
    page = page_factory(base_url=configured_app.url)
    page.goto(configured_app.url + "/?province=PV22&initiative=DR-01")
    wait_for_map(page)
    link = page.locator("#card a.feedback-link")
    expect(link).to_have_text("Meld een correctie")
    # the page fills in its own address for the view's link (PUBLIC_URL is not set here)
    expect(link).not_to_have_attribute("href", re.compile("%7Borigin%7D"))
    href = link.get_attribute("href") or ""
    assert href.startswith(FEEDBACK_URL + "?")
    fields = parse_qs(urlsplit(href).query)
    assert "DR-01" in fields["subject"][0]
    assert f"{configured_app.url}/?province=PV22&initiative=DR-01" in fields["body"][0]
    missing = page.locator("#feedback-missing")
    expect(missing).to_be_visible()
    expect(missing).to_have_text("Mis je een initiatief?")


def test_without_a_feedback_address_there_is_no_link(page: Page):
    page.goto(page.base_url + "/?province=PV22&initiative=DR-01")  # FEEDBACK_URL empty
    wait_for_map(page)
    expect(page.locator("#card .source-link")).to_be_visible()
    assert page.locator("#card a.feedback-link").count() == 0
    expect(page.locator("#feedback-missing")).to_be_hidden()


# --- the printed province profile -----------------------------------------------------------


def test_print_shows_the_profile_hides_the_controls_and_fills_one_a4_page(page: Page):
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    page.goto(page.base_url + f"/?province={LONGEST_PROFILE}")
    wait_for_map(page)
    button = page.locator("#print-profile")
    expect(button).to_have_text("Profiel afdrukken")
    button.click()
    page.wait_for_function("() => window.printed === 1")

    # Chromium's own print path (beforeprint, then print media): the map is redrawn at its print
    # size before the page is laid out, and the longest profile fills exactly one A4 page
    page.evaluate(
        """() => window.addEventListener("beforeprint", () => {
            window.printedMapWidth = document.querySelector("#map .main-svg").getAttribute("width");
        })"""
    )
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    assert page.evaluate("() => window.printedMapWidth") == "290"  # assets/print.js PRINT_MAP

    page.emulate_media(media="print")
    expect(page.locator("#profile h2")).to_be_visible()
    expect(page.locator("#profile-list .initiative-list").first).to_be_visible()
    expect(page.locator("#map")).to_be_visible()
    for hidden in (".controls", ".table-panel", "#print-profile", ".lang-switch", "#demo-start"):
        expect(page.locator(hidden)).to_be_hidden()
    # each initiative's source address is printed after its name
    after = page.locator("#profile-list .link-button").first.evaluate(
        "el => getComputedStyle(el, '::after').content"
    )
    assert re.search(r"\(\w[\w.-]+\.\w+", after), after
