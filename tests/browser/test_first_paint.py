"""A shared link paints its own view first: the first painted map holds the link's values, and the
title and `<html lang>` are the link's from the first frame (before any callback returns).

An init script records, as the page builds itself: the language and title when the HTML has been
read (DOMContentLoaded: the page's scripts have run, no callback has answered yet), and the map's
values, title, language and heading the moment the map's provinces first appear.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from playwright.sync_api import expect

from tests.browser.expected import counts_for, counts_of, filtered_ids
from tests.browser.mapreader import (
    GRAPH,
    VALUES_TRACE,
    settle,
    table_ids,
    wait_for_map,
    wait_for_table,
)
from tests.conftest import DATA_DIR

pytestmark = pytest.mark.browser

RECORD = """
(() => {
  window.__early = null;
  window.__first = null;
  document.addEventListener('DOMContentLoaded', () => {
    window.__early = {lang: document.documentElement.lang, title: document.title,
                      demo: document.documentElement.classList.contains('kk-demo')};
  });
  const snap = () => {
    const g = document.querySelector('__GRAPH__');
    if (window.__first || !g || !g._fullData || !g.querySelector('.choroplethlocation')) return;
    const t = g._fullData[__TRACE__];
    const page = document.getElementById('page');
    window.__first = {
      values: Object.fromEntries(Array.from(t.locations).map((loc, k) => [loc, t.z[k]])),
      title: document.title,
      lang: document.documentElement.lang,
      heading: (document.querySelector('h1') || {}).textContent,
      pageClass: page && page.className,
      tourShown: !!document.querySelector('#tour:not([hidden])'),
      cardShown: !!document.querySelector('#card:not([hidden]) .card-title'),
      caption: (document.getElementById('tour-caption') || {}).textContent,
      at: performance.now(),
    };
  };
  new MutationObserver(snap).observe(document, {childList: true, subtree: true});
})();
""".replace("__GRAPH__", GRAPH).replace("__TRACE__", str(VALUES_TRACE))


def first_paint(page, link: str) -> tuple[dict, dict, str]:
    """What the first frame and the first painted map showed, and the HTML as served."""
    page.add_init_script(RECORD)
    response = page.goto(page.base_url + "/" + link)
    page.wait_for_function("() => window.__first !== null", timeout=30_000)
    return page.evaluate("window.__early"), page.evaluate("window.__first"), response.text()


def per_100k(themes: list[str]) -> dict[str, float]:
    counts = counts_for(themes)
    table = pd.read_csv(DATA_DIR / "indicators.csv", dtype={"value": float})
    population = table[table["indicator"] == "population"].set_index("statcode")["value"]
    return {code: count * 100_000 / population[code] for code, count in counts.items()}


def close(values: dict, expected: dict) -> bool:
    return all(abs((values[code] or 0) - want) < 1e-3 for code, want in expected.items())


LINKS = [
    # link, lang, words the title holds, expected map values
    ("?lang=en", "en", ["CE Opportunity Map"], counts_for([])),
    ("?theme=energy", "nl", ["Kansenkaart CE", "energie"], counts_for(["energy"])),
    ("?metric=per100k&theme=climate&lang=en", "en", ["climate", "100,000"], per_100k(["climate"])),
    ("?province=PV22", "nl", ["Drenthe"], counts_for([])),
    ("?theme=jobs&match=all&q=afval", "nl", ["werkgelegenheid"], None),
]


@pytest.mark.parametrize(("link", "lang", "title_words", "values"), LINKS)
def test_a_link_paints_its_own_view_first(page, link, lang, title_words, values):
    early, first, html = first_paint(page, link)
    assert f'<html lang="{lang}"' in html
    assert early["lang"] == lang and first["lang"] == lang
    assert early["title"] == first["title"]
    for word in title_words:
        assert word.lower() in early["title"].lower(), early["title"]
    if values is None:
        values = counts_of(filtered_ids(themes=("jobs",), match="all", q="afval"))
    assert close(first["values"], values), first["values"]
    english = first["heading"] == "Circular Economy Opportunity Map"
    assert english == (lang == "en"), first["heading"]


def test_a_link_to_a_card_shows_it_with_the_first_map(page):
    _, first, _ = first_paint(page, "?initiative=DR-01")
    assert first["cardShown"]
    assert close(first["values"], counts_for([]))


def test_presentation_mode_is_laid_out_from_the_first_frame(page):
    early, first, html = first_paint(page, "?mode=demo&lang=en")
    assert '<html lang="en" class="kk-demo">' in html
    assert early["demo"] and early["lang"] == "en"
    assert first["pageClass"] == "page demo" and first["tourShown"]
    # the map's first paint is the tour's first step (the link's view with its first theme),
    # with its caption: the tour starts there and draws nothing anew after the load
    assert close(first["values"], counts_for(["climate"]))
    assert first["caption"]
    expect(page.locator(".controls")).to_be_hidden()
    expect(page).to_have_url(page.base_url + "/?lang=en&mode=demo")  # its canonical form


def test_the_table_loads_after_the_map_and_works(page):
    _, first, _ = first_paint(page, "?province=PV21")
    expected = filtered_ids(province="PV21")
    wait_for_table(page, expected)
    started = page.evaluate(
        "() => performance.getEntriesByType('resource')"
        ".filter(e => e.name.includes('dash_ag_grid')).map(e => e.startTime)"
    )
    assert started and min(started) >= first["at"]  # asked for only once the map was drawn
    # sorting by name, the quick filter, and a row opening its card
    page.locator(".ag-header-cell-text", has_text="Naam").click()
    page.wait_for_function("() => !!document.querySelector('.ag-header-cell[aria-sort=ascending]')")
    names = page.evaluate(
        """async () => {
            const api = await dash_ag_grid.getApiAsync('table');
            const names = [];
            api.forEachNodeAfterFilterAndSort(n => names.push(n.data.name));
            return names;
        }"""
    )
    assert names and names == sorted(names, key=lambda n: n.casefold())
    page.locator("#table-filter").fill(names[0][:12])
    page.wait_for_function(
        "() => document.querySelectorAll('#table .ag-center-cols-container .ag-row').length === 1"
    )
    only = table_ids(page)
    assert len(only) == 1
    page.locator(f".ag-row[row-id='{only[0]}'] .ag-cell").first.click()
    expect(page).to_have_url(f"{page.base_url}/?province=PV21&initiative={only[0]}")
    expect(page.locator("#card .card-title")).to_be_visible()


def answers_to_the_load(page, link: str) -> dict[str, int]:
    """The page's requests to the server while a link loads, by first output, with the status."""
    answers: dict[str, int] = {}

    def record(response):
        if "_dash-update-component" in response.url:
            output = json.loads(response.request.post_data or "{}").get("output", "")
            answers[output.strip(".").split("...")[0].split("@")[0]] = response.status

    page.on("response", record)
    page.goto(page.base_url + "/" + link)
    wait_for_map(page)
    settle(page)
    page.remove_listener("response", record)
    return answers


@pytest.mark.parametrize("link", ["", "?theme=energy&lang=en", "?province=PV22&metric=per100k"])
def test_a_links_load_asks_the_server_only_for_what_the_layout_lacks(page, link):
    """The layout is the link's view: the URL's callback answers nothing (204), the table's rows
    come, and nothing else is asked (the mode's switch runs in the browser)."""
    answers = answers_to_the_load(page, link)
    assert answers == {"url.search": 204, "table.rowData": 200}
    expect(page).to_have_url(page.base_url + "/" + link)


def test_the_demo_link_is_laid_out_on_its_tours_first_step(page):
    """Nothing is asked for the mode nor the first step: the layout holds both."""
    answers = answers_to_the_load(page, "?mode=demo")
    assert answers == {"url.search": 204, "table.rowData": 200}
    expect(page.locator("#tour")).to_be_visible()
    expect(page.locator("#tour-caption")).not_to_be_empty()
    expect(page).to_have_url(page.base_url + "/?mode=demo")


def test_a_reordered_or_bad_link_is_still_rewritten_and_named(page):
    answers = answers_to_the_load(page, "?lang=en&theme=energy")
    assert answers["url.search"] == 200
    expect(page).to_have_url(page.base_url + "/?theme=energy&lang=en")
    page.goto(page.base_url + "/?theme=sport")
    expect(page.locator("#notice")).to_be_visible()
    expect(page.locator("#notice-text")).to_contain_text("theme")
