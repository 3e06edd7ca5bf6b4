"""Every interaction people make, action to painted map, in both apps side by side.

A round, from a fresh page: a theme click (energy), a second theme (climate), another filter (the
match switch to "all"), a metric change (to per 100,000), a click on a province (Fryslân), back,
forward. The time starts at the browser event of the action (`mouseup`/`click`, or the call of
`history.back()`/`forward()`) and ends one animation frame after the map last changed (the
choropleth values and borders, the drawn points, the geo view): the map is watched frame by
frame from before the action until the page is quiet, and the time is that of the map as it
ended, so a map drawn early and then drawn differently counts to its last change. It includes
the server's answer, dash-renderer and plotly's redraw. Rounds start on a finished page (the
optimised app's table grid loaded; that loading is Lighthouse's to measure). The naive app
(bench/naive_app.py) has the same controls (the metric as a radio instead of a list) and keeps the
view in the URL with `dcc.Location`, rebuilding the whole figure on every change.
"""

from __future__ import annotations

import statistics
import time

from playwright.sync_api import Browser, Page

from tests.browser.mapreader import free_spot

GRAPH = "#map .js-plotly-plot"
STEPS = ("theme", "theme 2", "another filter", "metric", "province", "back", "forward")
PROVINCE = "PV21"

#: In-page: the map's state as one string (values, drawn points, the geo view).
SIGNATURE_JS = """
() => {
  const g = document.querySelector('__GRAPH__');
  if (!g || !g._fullData || !g._fullLayout) return '';
  const parts = [];
  for (const tr of g._fullData) {
    if (tr.type === 'choropleth' && tr.z) parts.push(Array.from(tr.z).map(Number).join(','));
    // the selected province's border (the optimised app draws it thick)
    if (tr.type === 'choropleth' && tr.marker && tr.marker.line)
      parts.push(JSON.stringify(tr.marker.line.width));
    if (tr.type === 'scattergeo' && tr.visible === true && tr.lat)
      parts.push(Array.from(tr.lat).filter(v => v !== null && Number.isFinite(Number(v))).length);
  }
  const geo = g._fullLayout.geo || {};
  parts.push(JSON.stringify([geo.center, geo.projection && geo.projection.scale,
                             geo.lonaxis && geo.lonaxis.range, geo.lataxis && geo.lataxis.range]));
  return parts.join('|');
}
""".replace("__GRAPH__", GRAPH)

#: In-page: remember the map as it is and the time of the next user event (or now), and watch
#: the map frame by frame from then on: every change, with the time of the frame that painted it.
#: Watching starts before the action, so the time does not depend on when the harness's next
#: call reaches a busy page.
ARM_JS = """
(now) => {
  const signature = __SIG__;
  if (window.__kk) window.__kk.stop = true;  // a watch armed before (the metric list's opening)
  const kk = window.__kk = {before: signature(), t0: now ? performance.now() : null,
                            changes: [], stop: false};
  const mark = e => { if (kk.t0 === null) kk.t0 = e.timeStamp; };
  for (const type of ['mouseup', 'click']) document.addEventListener(type, mark, {capture: true, once: true});
  const frame = () => new Promise(r => requestAnimationFrame(() => r()));
  kk.watch = (async () => {
    let last = kk.before, pending = null;
    const start = performance.now();
    while (!kk.stop && performance.now() - start < 60000) {
      await frame();
      if (pending) { pending.painted = performance.now(); pending = null; }  // the frame after
      const now = signature();
      if (now !== last) { pending = {seen: performance.now(), signature: now}; kk.changes.push(pending); last = now; }
    }
  })();
}
""".replace("__SIG__", SIGNATURE_JS.strip())

#: In-page: wait until the map has changed (or the time is up).
WAIT_JS = """
async (timeoutMs) => {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    const kk = window.__kk;
    if (kk.t0 !== null && kk.changes.length && kk.changes[0].painted) return true;
    await new Promise(r => setTimeout(r, 10));
  }
  return false;
}
"""

#: In-page, once the page is quiet: the time to the map as it ended (its last change, which must
#: be the map shown now), to its first change, and how many times it changed.
RESULT_JS = """
() => {
  const signature = __SIG__;
  const kk = window.__kk;
  kk.stop = true;
  const changes = kk.changes.filter(c => c.painted);
  if (kk.t0 === null || !changes.length) return {ok: false};
  const last = changes[changes.length - 1];
  if (last.signature !== signature()) return {ok: false};
  return {ok: true, ms: last.painted - kk.t0, first: changes[0].painted - kk.t0, changes: changes.length};
}
""".replace("__SIG__", SIGNATURE_JS.strip())


#: In-page: the page has finished loading (the naive app has no deferred table).
LOADED_JS = (
    "() => !document.getElementById('table-slot') || !!document.querySelector('#table.table-ready')"
)


def _act(page: Page, step: str, naive: bool) -> None:
    """Do one interaction as a person would (history steps by the page's own call)."""
    if step == "theme":
        page.locator("#theme-filter input[value=energy]").click()
    elif step == "theme 2":
        page.locator("#theme-filter input[value=climate]").click()
    elif step == "another filter":
        page.locator("#match-mode input[value=all]").click()
    elif step == "metric" and naive:
        page.locator("#metric input[value=per100k]").click()
    elif step == "metric":
        page.locator("#metric").click()
        page.locator("[role=option]", has_text="per 100.000").first.wait_for()
        page.evaluate(ARM_JS, False)  # the list's opening is not the change
        page.locator("[role=option]", has_text="per 100.000").first.click()
    elif step == "province":
        # The metric list sits below the map: opening it scrolled the map (partly) out of the
        # window, and a click at a spot outside the window reaches nothing.
        page.locator(GRAPH).scroll_into_view_if_needed()
        spot = free_spot(page, PROVINCE)
        page.mouse.move(*spot)  # as a hand does: the pointer rests on the province, then clicks
        page.wait_for_timeout(100)
        page.mouse.click(*spot)
    elif step in ("back", "forward"):
        page.evaluate("(s) => s === 'back' ? history.back() : history.forward()", step)


#: In-page: resolves once the page has been quiet for `ms`: no request finished and no frame
#: came late (a long task) in that time. Playwright's "networkidle" is reached once per page
#: load and not waited for again, so a step could start while the one before was still being
#: drawn (its panels, a province's list), in either app.
QUIET_JS = """
async (ms) => {
  performance.setResourceTimingBufferSize(1000000);
  const frame = () => new Promise(r => requestAnimationFrame(() => r()));
  const start = performance.now();
  let count = performance.getEntriesByType('resource').length, since = start, last = start;
  while (performance.now() - start < 15000) {
    await frame();
    const now = performance.now();
    const n = performance.getEntriesByType('resource').length;
    if (n !== count || now - last > 50) { count = n; since = now; }
    last = now;
    if (now - since >= ms) return true;
  }
  return false;
}
"""


def _quiet(page: Page, ms: int = 300) -> None:
    """Let the responses that follow the map (table, details) arrive and be drawn before the
    next step."""
    page.wait_for_load_state("networkidle")
    page.evaluate(QUIET_JS, ms)


def one_round(page: Page, url: str, naive: bool, timeout_ms: float) -> dict[str, float | None]:
    page.goto(url)
    page.wait_for_selector(f"{GRAPH} .choroplethlocation", timeout=60_000)
    # A finished page: the optimised app loads its table's grid once the map is drawn and the
    # person pauses (assets/lazy_table.js); its loading is Lighthouse's to measure, not a click's.
    page.wait_for_function(LOADED_JS, timeout=60_000)
    _quiet(page)
    times: dict[str, float | None] = {}
    for step in STEPS:
        page.evaluate(ARM_JS, step in ("back", "forward"))
        _act(page, step, naive)
        page.evaluate(WAIT_JS, timeout_ms)
        _quiet(page)
        result = page.evaluate(RESULT_JS)
        times[step] = round(result["ms"], 1) if result.get("ok") else None
        if result.get("ok"):
            times[f"{step}: first change"] = round(result["first"], 1)
            times[f"{step}: changes"] = result["changes"]
    return times


def run(browser: Browser, url: str, naive: bool, rounds: int, budget_s: float) -> dict:
    """`rounds` rounds (fewer when the time budget runs out); per step the times and median."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="nl-NL")
    page = context.new_page()
    begin, results = time.monotonic(), []
    try:
        for _ in range(rounds):
            if time.monotonic() - begin > budget_s:
                break
            results.append(one_round(page, url, naive, 20_000))
    finally:
        context.close()
    summary = {}
    for step in STEPS:
        values = [r[step] for r in results if r.get(step) is not None]
        summary[step] = {
            "times": values,
            "median": statistics.median(values) if values else None,
            "failed": sum(1 for r in results if r.get(step) is None),
        }
    return {"rounds": len(results), "steps": summary}
