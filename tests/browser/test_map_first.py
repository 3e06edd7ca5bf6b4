"""The fast lane (assets/map_first.js, callbacks/map_first.py) as a person meets it: a click is
drawn from the lane's answer before the page's own, with the very values the page then sets; a
lane that fails or answers wrong never leaves the map wrong."""

from __future__ import annotations

import json

from playwright.sync_api import Page, Route, expect

from tests.browser.mapreader import GRAPH, click_province, settle, wait_for_map

#: The map as plotly holds it: values, colours, points, texts and the geo view.
STATE_JS = """
(sel) => {
  const g = document.querySelector(sel);
  const keep = ['z', 'locations', 'lat', 'lon', 'text', 'hovertext', 'customdata', 'visible',
                'zmin', 'zmax', 'colorscale'];
  const traces = g._fullData.map(t => {
    const out = {};
    for (const k of keep) if (t[k] !== undefined) out[k] = Array.isArray(t[k]) || ArrayBuffer.isView(t[k]) ? Array.from(t[k]) : t[k];
    out.line = t.marker && t.marker.line ? t.marker.line.width : null;
    out.size = t.marker ? t.marker.size : null;
    return out;
  });
  const geo = g._fullLayout.geo;
  return JSON.stringify({traces, geo: [geo.lonaxis.range, geo.lataxis.range], sep: g._fullLayout.separators});
}
"""
LANE = "window.kkMapFirst"
#: In-page: the moments the map is drawn (with the control's state then) and the page first asks
#: for a view (not its other requests, such as the data version's poll).
ORDER_JS = """
() => {
  const order = window.__order = [];
  const react = window.Plotly.react;
  window.Plotly.react = function () {
    order.push(__DRAWN__);
    return react.apply(this, arguments);
  };
  const fetch = window.fetch;
  window.fetch = function (resource, init) {
    const url = typeof resource === 'string' ? resource : resource.url;
    const outputs = url.includes('/_dash-update-component') ? [].concat(JSON.parse(init.body).outputs) : [];
    const asksView = outputs.some((o) => o.id === 'view' && o.property === 'data');
    if (asksView && !order.includes('page asks')) order.push('page asks');
    return fetch.apply(this, arguments);
  };
}
"""
LIST_ORDER_JS = ORDER_JS.replace(
    "__DRAWN__", "document.querySelector('[role=option]') ? 'drawn, list open' : 'drawn'"
)
BOX_ORDER_JS = ORDER_JS.replace(
    "__DRAWN__",
    "document.querySelector('#theme-filter input[value=energy]').checked"
    " ? 'drawn, ticked' : 'drawn, not ticked'",
)
THEME = "#theme-filter label:has(input[value=energy])"


def drawn_before_asking(order: list[str], state: str) -> bool:
    """The lane drew first, in `state`, and the map was drawn in no other state before the page
    asked (a late answer to the page's load may redraw the same map meanwhile: the CI run at
    eb57a2c saw two draws, both unticked, before the page's request)."""
    if "page asks" not in order or not order or order[0] != state:
        return False
    return all(entry == state for entry in order[: order.index("page asks")])


def map_state(page: Page) -> str:
    return page.evaluate(STATE_JS, GRAPH)


def settled(page: Page, search: str) -> None:
    page.wait_for_function("(s) => window.location.search === s", arg=search)
    settle(page)


def wait_for_state(page: Page, expected: str) -> None:
    """Until the map holds `expected` (a history step changes the URL before any answer)."""
    page.wait_for_function(
        f"([sel, want]) => ({STATE_JS.strip()})(sel) === want", arg=[GRAPH, expected]
    )


def open_quiet(page: Page, query: str = "") -> None:
    page.goto(page.base_url + "/" + query)
    wait_for_map(page)
    settle(page)


def choose(page: Page, list_id: str, option: str) -> None:
    """Open a list and click one of its options, as a hand does."""
    page.locator(f"#{list_id}").click()
    page.get_by_role("option", name=option).click()


def test_a_click_is_drawn_first_with_the_values_the_page_sets(page: Page):
    open_quiet(page)
    before = map_state(page)
    held: list[Route] = []
    holding = [True]

    def hold(route: Route) -> None:  # the page's own requests wait until the lane has drawn
        if holding[0]:
            held.append(route)
        else:
            route.fallback()

    page.route("**/_dash-update-component*", hold)
    page.locator(THEME).click()
    page.wait_for_function(f"() => {LANE}.drawnCount === 1")
    drawn = map_state(page)
    assert drawn != before
    assert page.evaluate("() => window.location.search") == ""  # the page has not answered yet
    holding[0] = False
    for route in held:
        route.fallback()
    settled(page, "?theme=energy")
    assert map_state(page) == drawn
    assert page.evaluate(f"() => {LANE}.corrected || 0") == 0


def test_back_and_forward_and_a_province_click_are_drawn_first(page: Page):
    page.goto(page.base_url + "/?theme=climate,energy")
    wait_for_map(page)
    page.locator("#match-mode label:has(input[value=all])").click()
    settled(page, "?theme=climate,energy&match=all")
    after = map_state(page)
    page.evaluate("() => history.back()")
    page.wait_for_function(f"() => {LANE}.drawnCount === 2")
    first = map_state(page)
    page.evaluate("() => history.forward()")
    wait_for_state(page, after)
    assert after != first
    click_province(page, "PV27")
    settled(page, "?theme=climate,energy&match=all&province=PV27")
    assert page.evaluate(f"() => {LANE}.drawnCount") == 4  # switch, back, forward, province


def test_a_wrong_answer_from_the_lane_is_drawn_over_by_the_page(page_factory):
    """Should the lane ever make another view of an event than the page, the page's figure
    wins; and with the lane gone (offline, a failing server) the page draws the map alone."""
    wrong = page_factory()

    def tampered(route: Route) -> None:
        answer = route.fetch().json()
        answer["query"] = "?theme=climate"
        answer["traces"]["1"]["z"] = [0] * len(answer["traces"]["1"]["z"])
        route.fulfill(status=200, content_type="application/json", body=json.dumps(answer))

    wrong.route("**/_map-first", tampered)
    wrong.goto(wrong.base_url + "/")
    wait_for_map(wrong)
    settle(wrong)
    wrong.locator(THEME).click()
    settled(wrong, "?theme=energy")
    wrong.wait_for_function(f"() => {LANE}.corrected === 1")
    wrong.wait_for_function(  # the page's figure drawn again over the lane's zeros
        "(sel) => document.querySelector(sel)._fullData[1].z.some(v => v > 0)", arg=GRAPH
    )

    alone = page_factory()
    alone.route("**/_map-first", lambda route: route.abort())
    alone.goto(alone.base_url + "/")
    wait_for_map(alone)
    settle(alone)
    alone.locator(THEME).click()
    settled(alone, "?theme=energy")
    assert alone.evaluate(f"() => {LANE}.drawnCount") == 0
    wait_for_state(alone, map_state(wrong))


def test_a_metric_chosen_from_its_list_is_drawn_first_then_the_list_closes(page: Page):
    """The list's own handling of the choice waits for the lane's map: while the page's own
    requests are held, the map already shows the new metric and the list is still open; then
    the list closes and the page takes the choice as a plain click would have given it."""
    open_quiet(page)
    before = map_state(page)
    page.evaluate(LIST_ORDER_JS)
    choose(page, "metric", "per 100.000 inwoners")
    page.wait_for_function(f"() => {LANE}.drawnCount === 1")
    drawn = map_state(page)
    assert drawn != before
    settled(page, "?metric=per100k")
    assert map_state(page) == drawn
    assert page.get_by_role("option").count() == 0  # the list closed
    assert "100.000" in page.locator("#metric").inner_text()
    assert page.evaluate(f"() => {LANE}.corrected || 0") == 0
    # The lane drew while the list was still open, before the page asked for the new view.
    # (The page's answer then sets the map's figure again, with the same values.)
    assert drawn_before_asking(page.evaluate("() => window.__order"), "drawn, list open")


def test_a_province_chosen_from_its_list_opens_its_profile(page: Page):
    open_quiet(page)
    choose(page, "province-select", "Drenthe")
    settled(page, "?province=PV22")
    assert page.evaluate(f"() => {LANE}.drawnCount") == 1
    page.locator("#profile h2").filter(has_text="Drenthe").wait_for()
    assert page.get_by_role("option").count() == 0


def test_a_choice_from_a_list_still_counts_when_the_lane_is_down(page: Page):
    page.route("**/_map-first", lambda route: route.abort())
    open_quiet(page)
    choose(page, "metric", "per 100.000 inwoners")
    settled(page, "?metric=per100k")
    assert page.evaluate(f"() => {LANE}.drawnCount") == 0
    assert page.get_by_role("option").count() == 0


def test_a_theme_is_drawn_first_then_its_box_ticks(page: Page):
    open_quiet(page)
    before = map_state(page)
    page.evaluate(BOX_ORDER_JS)
    page.locator(THEME).click()
    page.wait_for_function(f"() => {LANE}.drawnCount === 1")
    drawn = map_state(page)
    assert drawn != before
    energy = page.locator("#theme-filter input[value=energy]")
    expect(energy).to_be_checked()
    settled(page, "?theme=energy")
    assert map_state(page) == drawn
    assert page.evaluate(f"() => {LANE}.corrected || 0") == 0
    # The lane drew before the box's own handling ran: the tick and the page's request after it.
    assert drawn_before_asking(page.evaluate("() => window.__order"), "drawn, not ticked")


def test_a_theme_box_by_keyboard_and_twice_quickly(page: Page):
    open_quiet(page)
    energy = page.locator("#theme-filter input[value=energy]")
    energy.focus()
    page.keyboard.press("Space")
    expect(energy).to_be_checked()
    settled(page, "?theme=energy")
    expect(energy).to_be_focused()
    # Two themes in quick succession, the second while the first is still held: both count.
    page.locator("#theme-filter label:has(input[value=climate])").click()
    page.locator("#theme-filter label:has(input[value=jobs])").click()
    settled(page, "?theme=climate,jobs,energy")
    for value in ("energy", "climate", "jobs"):
        expect(page.locator(f"#theme-filter input[value={value}]")).to_be_checked()
    assert page.locator("#theme-filter input:checked").count() == 3


def test_a_theme_box_still_counts_when_the_lane_is_down(page: Page):
    page.route("**/_map-first", lambda route: route.abort())
    open_quiet(page)
    page.locator(THEME).click()
    settled(page, "?theme=energy")
    expect(page.locator("#theme-filter input[value=energy]")).to_be_checked()
    assert page.evaluate(f"() => {LANE}.drawnCount") == 0
