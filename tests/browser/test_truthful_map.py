"""The map tells the truth (issue 12), read from the page as a person reads it: every indicator
with its year and source, too few initiatives shown as such, province-wide initiatives without a
fake point, and a coverage note in view."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from playwright.sync_api import expect

from tests.browser.expected import counts_for, filtered_ids, point_ids
from tests.browser.mapreader import (
    GRAPH,
    hover_province,
    marker_ids,
    province_values,
    wait_for_map,
)
from tests.conftest import DATA_DIR

pytestmark = pytest.mark.browser

INDICATORS = pd.read_csv(DATA_DIR / "indicators.csv", dtype={"value": float, "year": "Int64"})
SOURCES = {  # who publishes each file's figures, as the colour bar and hover name them
    "population": "CBS StatLine",
    "wind_onshore_capacity": "CBS StatLine",
    "icer": "geoFluxus, ICER 2023 (PBL)",
    "mki": "geoFluxus, ICER 2023 (PBL)",
    "co2": "Klimaatmonitor (Rijkswaterstaat)",
    "other": "Klimaatmonitor (Rijkswaterstaat)",
}


def source_of(key: str) -> str:
    return next(name for prefix, name in SOURCES.items() if key.startswith(prefix))


@pytest.mark.parametrize("key", sorted(INDICATORS["indicator"].unique()))
def test_each_indicator_shows_the_files_values_with_year_and_source(page, key):
    page.goto(page.base_url + f"/?metric={key}")
    wait_for_map(page)
    rows = INDICATORS[INDICATORS["indicator"] == key]
    expected = dict(zip(rows["statcode"], rows["value"].round(4), strict=True))
    page.wait_for_function(
        "([sel, want]) => { const t = document.querySelector(sel)._fullData[1];"
        " return t.locations.every((loc, k) => t.z[k] === want[loc]); }",
        arg=[GRAPH, {c: (None if math.isnan(v) else v) for c, v in expected.items()}],
    )
    year = str(rows["year"].dropna().iloc[0])
    label = hover_province(page, "PV26")  # Utrecht: a compact province with few markers
    assert year in label and source_of(key) in label, label
    # the line above the map says what the colours are, with the year and source
    expect(page.locator("#map-source")).to_contain_text(year)
    expect(page.locator("#map-source")).to_contain_text(source_of(key))


def test_a_province_with_three_climate_initiatives_is_drawn_as_too_few(page):
    counts = counts_for(["climate"])
    three = next(code for code, n in counts.items() if n == 3)
    page.goto(page.base_url + "/?metric=lq&theme=climate")
    wait_for_map(page)
    assert province_values(page)[three] is None  # no LQ drawn for it
    too_few = page.evaluate(
        "(sel) => { const t = document.querySelector(sel)._fullData[0];"
        " return Object.fromEntries(t.locations.map((loc, k) => [loc, t.z[k]])); }",
        GRAPH,
    )
    assert too_few[three] == 1  # the sand "too few" style, not the grey "no data"
    assert "te weinig initiatieven" in hover_province(page, three)
    expect(page.locator("#map-legend")).to_contain_text("te weinig initiatieven")


def test_a_province_wide_initiative_is_listed_not_drawn_at_the_capital(page):
    csv = pd.read_csv(DATA_DIR / "initiatives.csv", dtype=str, keep_default_na=False)
    groningen = filtered_ids(province="PV20")
    wide = [i for i in groningen if i not in point_ids(groningen)]
    name = csv.set_index("id").at[wide[0], "name"]
    page.goto(page.base_url + "/?province=PV20")
    wait_for_map(page)
    heading = page.locator("#profile-list h4", has_text="Provinciebreed")
    expect(heading).to_have_text(f"Provinciebreed ({len(wide)})")
    expect(page.locator("#profile-list")).to_contain_text(name)
    assert wide[0] not in marker_ids(page)
    # what is drawn is exactly the rows that have a place of their own
    assert sorted(marker_ids(page)) == sorted(point_ids(groningen))
    badge = page.evaluate(
        "(sel) => { const t = document.querySelector(sel)._fullData"
        ".find(x => x.name === 'province-wide'); return t.text[t.customdata.indexOf('PV20')]; }",
        GRAPH,
    )
    assert badge == str(len(wide))


def test_the_coverage_note_is_in_view_at_1366_by_768(page_factory):
    page = page_factory(viewport={"width": 1366, "height": 768})
    page.goto(page.base_url + "/")
    wait_for_map(page)
    note = page.locator("#coverage-note")
    expect(note).to_contain_text("geen volledige telling")
    box = note.bounding_box()
    assert box and box["y"] + box["height"] <= 768
    page.get_by_role("link", name="Hoe de cijfers gemaakt zijn").click()
    expect(page.locator("h1")).to_have_text("Methodology")
