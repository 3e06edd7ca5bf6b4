"""The page draws with plotly.js's geo bundle from /assets, never with Dash's full plotly.js.

Sizes and times of the first load are measured in docs/performance.md ("First load"), not here.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from plotly.offline import get_plotlyjs_version

from tests.browser.mapreader import GRAPH, wait_for_map
from ui.plotly_bundle import BUNDLE

pytestmark = pytest.mark.browser

BUNDLE_PATH = "/assets/vendor/" + BUNDLE.name
FULL_PLOTLY = "package_data/plotly.min.js"
PROFILE_GRAPH = "#profile-chart .js-plotly-plot"


def record_requests(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def test_first_load_draws_the_map_with_the_geo_bundle(page):
    urls = record_requests(page)
    page.goto(page.base_url + "/")
    wait_for_map(page)
    page.wait_for_load_state("networkidle")
    paths = [re.sub(r"^https?://[^/]+", "", url) for url in urls]
    assert any(path.split("?")[0] == BUNDLE_PATH for path in paths), paths
    assert not [path for path in paths if FULL_PLOTLY in path]
    assert page.evaluate("window.Plotly.version") == get_plotlyjs_version()
    # The bundle is a plain script before Dash's renderer, so it has run before any graph renders.
    sources = page.evaluate("Array.from(document.scripts, s => s.getAttribute('src') || '')")
    bundle = next(i for i, src in enumerate(sources) if src.startswith(BUNDLE_PATH))
    renderer = next(i for i, src in enumerate(sources) if "dash_renderer" in src)
    assert bundle < renderer
    assert page.locator(f"{GRAPH} .choroplethlocation").count() > 0
    assert page.locator(f"{GRAPH} .scattergeo").count() > 0


def test_profile_chart_draws_without_bar_traces(page):
    urls = record_requests(page)
    page.goto(page.base_url + "/?province=PV22")
    wait_for_map(page)
    expect(page.locator("#profile h2")).to_have_text("Krachtenkaart Drenthe")
    page.wait_for_function(
        f"() => {{ const g = document.querySelector('{PROFILE_GRAPH}');"
        " return g && g._fullData && g._fullData.length === 1; }"
    )
    chart = page.evaluate(
        f"""() => {{
            const g = document.querySelector('{PROFILE_GRAPH}');
            return {{
                types: g._fullData.map(t => t.type),
                labels: Array.from(g._fullData[0].text),
                bars: g._fullLayout.shapes.filter(s => s.type === 'rect').length,
                drawnBars: g.querySelectorAll('.shapelayer path').length,
                ticks: Array.from(g.querySelectorAll('.ytick text'), e => e.textContent),
            }};
        }}"""
    )
    assert chart["types"] == ["scatter"]
    # One bar per theme with data, labelled with the quotient the table shows.
    table = "#profile-on-map .profile-table tbody tr"
    cells = page.locator(f"{table} td:nth-child(3)").all_inner_texts()
    themes = page.locator(f"{table} td:nth-child(1)").all_inner_texts()
    assert chart["ticks"] == themes
    assert all(cell.startswith(label) for cell, label in zip(cells, chart["labels"], strict=True))
    with_data = sum(1 for label in chart["labels"] if label != "te weinig initiatieven")
    assert chart["bars"] == with_data
    assert chart["drawnBars"] == with_data + 1  # and the line at 1
    assert not [url for url in urls if FULL_PLOTLY in url]


def test_the_map_downloads_as_png_without_plotlys_mode_bar(page):
    """The mode bar is gone (English-only tab stops, issue 13.4); the map's image is the
    "Kaart (PNG)" download, drawn on the server from the same figure."""
    page.goto(page.base_url + "/?theme=energy")
    wait_for_map(page)
    assert page.locator(f"{GRAPH} .modebar").count() == 0
    with page.expect_download() as info:
        page.locator("#download-png").click()
    download = info.value
    assert re.fullmatch(r"kansenkaart_\d{4}-\d{2}-\d{2}_energie\.png", download.suggested_filename)
    with open(download.path(), "rb") as file:
        assert file.read(8) == b"\x89PNG\r\n\x1a\n"
