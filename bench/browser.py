"""Headless Chromium measurements: first load, click-to-map, and the bytes each click triggers.

The page is driven as a person would: a click on a theme checkbox (`#theme-filter`). The map is
read from plotly's own state (`#map .js-plotly-plot`._fullData): a theme change has reached the
map when a choropleth trace holds the expected count per province and, when at most
`MARKER_CHECK_LIMIT` initiatives are shown (drawn one by one in both apps), the scattergeo traces
draw exactly one point per shown initiative and province with a point (a row with `same_as` in
the province of its main row is the same initiative: one point; a province's badge of
province-wide initiatives is not an initiative's point); it is on screen one frame later. Every POST to
/_dash-update-component after the click is recorded (request body for the replays, response bytes
raw / on the wire / gzip, and the size of each output in it: the map's own part, `map.figure`,
is measured apart from the rest of the response that carries it).
"""

from __future__ import annotations

import contextlib
import gzip
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from playwright.sync_api import Browser, Page, Request, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
GRAPH = "#map .js-plotly-plot"
UPDATE = "/_dash-update-component"
FILTER_THEMES = ("climate", "jobs", "innovation", "energy")
LABELS = {
    "climate": "klimaat",
    "jobs": "werkgelegenheid",
    "innovation": "innovatie",
    "energy": "energie",
}
#: Each click toggles one theme; the selection walks through 8 different states and back to none.
CLICK_CYCLE = ("climate", "energy", "climate", "jobs", "energy", "innovation", "jobs", "innovation")

#: Up to this many shown initiatives both apps draw every one as a point (the optimised app
#: groups more than 1,500 into clusters), so the click check also counts the drawn points.
MARKER_CHECK_LIMIT = 1_500

#: In-page: true when a choropleth trace shows `want` (province code -> count) and, when
#: `want.__markers` is a number, the scattergeo traces draw exactly that many points (a point
#: with a null / non-finite latitude is not drawn).
MATCH_JS = """
(want) => {
  const gd = document.querySelector('__GRAPH__');
  if (!gd || !gd._fullData) return false;
  const markers = want.__markers;
  const codes = Object.keys(want).filter(c => c !== '__markers');
  let values = false;
  for (const tr of gd._fullData) {
    if (tr.type !== 'choropleth' || !tr.locations || !tr.z) continue;
    const locs = Array.from(tr.locations), z = Array.from(tr.z);
    if (!codes.every(c => locs.includes(c))) continue;
    if (locs.every((c, k) => !codes.includes(c) ||
                   (z[k] !== null && Math.abs(z[k] - want[c]) < 1e-6))) { values = true; break; }
  }
  if (!values) return false;
  if (typeof markers !== 'number') return true;
  let drawn = 0;
  for (const tr of gd._fullData) {
    // a province's badge of province-wide initiatives is not an initiative's point
    if (tr.type !== 'scattergeo' || tr.visible !== true || !tr.lat || tr.name === 'province-wide') continue;
    for (const v of Array.from(tr.lat)) if (v !== null && Number.isFinite(Number(v))) drawn++;
  }
  return drawn === markers;
}
""".replace("__GRAPH__", GRAPH)

#: In-page: click, then wait frame by frame until the map shows `want`, then one painted frame.
CLICK_JS = (
    """
async ({selector, label, want, timeoutMs}) => {
  const matches = __MATCH__;
  const frame = () => new Promise(r => requestAnimationFrame(() => r()));
  performance.clearResourceTimings();
  performance.setResourceTimingBufferSize(100000);
  let el = document.querySelector(selector);
  if (!el) {
    const lab = [...document.querySelectorAll('#theme-filter label')]
      .find(l => l.textContent.trim().toLowerCase() === label);
    el = lab && (lab.querySelector('input') || lab);
  }
  if (!el) return {ok: false, error: 'no checkbox ' + selector};
  const gd = document.querySelector('__GRAPH__');
  let afterplot = null, t0 = 0;
  const onAfter = () => { if (afterplot === null && matches(want)) afterplot = performance.now(); };
  if (gd && gd.on) gd.on('plotly_afterplot', onAfter);
  t0 = performance.now();
  el.click();
  let tData = null;
  while (performance.now() - t0 < timeoutMs) {
    await frame();
    if (matches(want)) { tData = performance.now(); break; }
  }
  if (gd && gd.removeListener) gd.removeListener('plotly_afterplot', onAfter);
  if (tData === null) return {ok: false, error: 'timed out', t0};
  await frame();
  const tPaint = performance.now();
  const res = performance.getEntriesByType('resource')
    .filter(e => e.name.includes('__UPDATE__') && e.startTime >= t0 - 1 && e.responseEnd <= tData);
  const netEnd = res.length ? Math.max(...res.map(e => e.responseEnd)) : null;
  const firstStart = res.length ? Math.min(...res.map(e => e.startTime)) : null;
  return {ok: true, t0, tData, tPaint, afterplot, netEnd, firstStart, before: res.length};
}
""".replace("__MATCH__", MATCH_JS.strip())
    .replace("__GRAPH__", GRAPH)
    .replace("__UPDATE__", UPDATE)
)

#: In-page, right after navigation: wait until the map first shows `want` and is painted.
FIRST_DRAW_JS = """
async ({want, timeoutMs}) => {
  const matches = __MATCH__;
  const frame = () => new Promise(r => requestAnimationFrame(() => r()));
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    if (matches(want)) { await frame(); return {ok: true, tPaint: performance.now()}; }
    await new Promise(r => setTimeout(r, 5));
  }
  return {ok: false, error: 'timed out'};
}
""".replace("__MATCH__", MATCH_JS.strip())


def read_rows(data_dir: Path) -> tuple[pd.DataFrame, list[str]]:
    """Province, themes, id, `same_as` and latitude of every row, and the province codes, read
    straight from the files (not through app code, so the benchmark checks the app rather than
    trusting it)."""
    columns = ["id", "province", "themes", "same_as", "lat"]
    frame = pd.read_csv(
        data_dir / "initiatives.csv", usecols=columns, dtype=str, keep_default_na=False
    )
    features = json.loads((data_dir / "provinces.geojson").read_text())["features"]
    return frame, [f["properties"]["statcode"] for f in features]


def counts_for(frame: pd.DataFrame, selected: frozenset[str], codes: list[str]) -> dict[str, int]:
    """Initiatives per province with any selected theme (none selected: all), an initiative
    with several rows (`same_as`) once per province (data/README.md); `__markers`: the rows with
    a point (a province-wide row has none)."""
    if selected:
        sets = frame["themes"].str.split(";")
        keep = sets.map(lambda ts: bool(selected.intersection(ts)))
        frame = frame[keep]
    initiative = frame["same_as"].where(frame["same_as"] != "", frame["id"])
    counts = Counter(set(zip(initiative, frame["province"], strict=True)))
    by_province = Counter(province for _, province in counts)
    want: dict = {c: int(by_province.get(c, 0)) for c in codes}
    drawn = one_row_per_initiative(frame, initiative)
    if len(drawn) <= MARKER_CHECK_LIMIT:
        want["__markers"] = int((drawn["lat"] != "").sum())
    return want


def one_row_per_initiative(frame: pd.DataFrame, initiative: pd.Series) -> pd.DataFrame:
    """The rows a map draws: one per initiative and province, its main row when that passed,
    else the first of its `same_as` rows in file order (data/README.md)."""
    keyed = frame.assign(_key=initiative + "@" + frame["province"], _other=frame["same_as"] != "")
    return keyed.sort_values("_other", kind="stable").drop_duplicates("_key")


@dataclass
class Recorder:
    """Every request the page makes, in order, with the moment it finished."""

    requests: list[Request] = field(default_factory=list)
    pending: set[int] = field(default_factory=set)
    last_activity: float = field(default_factory=time.monotonic)

    def attach(self, page: Page) -> None:
        page.on("request", self._started)
        page.on("requestfinished", self._finished)
        page.on("requestfailed", self._finished)

    def _started(self, request: Request) -> None:
        self.requests.append(request)
        self.pending.add(id(request))
        self.last_activity = time.monotonic()

    def _finished(self, request: Request) -> None:
        self.pending.discard(id(request))
        self.last_activity = time.monotonic()

    def wait_quiet(self, page: Page, quiet: float = 0.25, timeout: float = 60.0) -> bool:
        """Wait until no request is open and none started for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            page.wait_for_timeout(40)
            if not self.pending and time.monotonic() - self.last_activity >= quiet:
                return True
        return False


def _compact_len(value: object) -> int:
    return len(json.dumps(value, separators=(",", ":")).encode())


def describe_update(request: Request) -> dict:
    """Sizes of one callback response, and which outputs it carried."""
    response = request.response()
    body = response.body() if response else b""
    wire = request.sizes()["responseBodySize"] if response else 0
    outputs: list[str] = []
    sizes: dict[str, int] = {}
    map_raw = map_gzip = 0
    if body:
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = {}
        returned = parsed.get("response", {}) if isinstance(parsed, dict) else {}
        if not isinstance(returned, dict):
            returned = {}
        outputs = [f"{c}.{p}" for c, props in returned.items() for p in props]
        # Raw bytes of each output's value (compact JSON, as Dash writes it).
        sizes = {
            f"{c}.{p}": _compact_len(v)
            for c, props in returned.items()
            if isinstance(props, dict)
            for p, v in props.items()
        }
        # The map's own part: the value of `map.figure` (the Patch or the whole figure), apart
        # from the other outputs the same response carries (URL, view store, summary, ...).
        figure = (
            returned.get("map", {}).get("figure") if isinstance(returned.get("map"), dict) else None
        )
        if figure is not None:
            part = json.dumps(figure, separators=(",", ":")).encode()
            map_raw, map_gzip = len(part), len(gzip.compress(part, 6))
    return {
        "post": request.post_data or "",
        "accept_encoding": request.headers.get("accept-encoding", ""),
        "status": response.status if response else 0,
        "raw": len(body),
        "gzip": len(gzip.compress(body, 6)) if body else 0,
        "wire": wire,
        "outputs": outputs,
        "output_sizes": sizes,
        "has_map": bool(map_raw),
        "map_raw": map_raw,
        "map_gzip": map_gzip,
    }


def launch(playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def first_load(browser: Browser, url: str, want: dict[str, int], timeout_s: float) -> dict:
    """Cold load (fresh context, no cache): time to the drawn map, bytes of every request."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    recorder = Recorder()
    recorder.attach(page)
    try:
        page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        drawn = page.evaluate(FIRST_DRAW_JS, {"want": want, "timeoutMs": timeout_s * 1000})
        # The first load is what the page asked for until its map was drawn; what it asks for
        # later (the table's grid, ui/lazy_table.py) is counted apart.
        before_map = len(recorder.requests)
        recorder.wait_quiet(page, quiet=0.5, timeout=timeout_s)
        raw = wire = later = 0
        for index, request in enumerate(recorder.requests):
            response = request.response()
            if response is None:
                continue
            size = request.sizes()["responseBodySize"]
            if index >= before_map:
                later += size
                continue
            with contextlib.suppress(Exception):  # a redirect or an aborted request has no body
                raw += len(response.body())
            wire += size
        return {
            "ok": bool(drawn.get("ok")),
            "map_ms": drawn.get("tPaint"),
            "requests": before_map,
            "raw": raw,
            "wire": wire,
            "wire_after_map": later,
        }
    finally:
        context.close()


def click_run(
    browser: Browser,
    url: str,
    frame: pd.DataFrame,
    codes: list[str],
    *,
    clicks: int,
    click_timeout_s: float,
    budget_s: float,
) -> dict:
    """`clicks` theme changes in one page; per click the timings and every callback response."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    recorder = Recorder()
    recorder.attach(page)
    results: list[dict] = []
    note = ""
    begin = time.monotonic()
    try:
        page.goto(url, wait_until="commit", timeout=click_timeout_s * 1000)
        selected: frozenset[str] = frozenset()
        drawn = page.evaluate(
            FIRST_DRAW_JS,
            {"want": counts_for(frame, selected, codes), "timeoutMs": click_timeout_s * 1000},
        )
        if not drawn.get("ok"):
            return {"clicks": [], "note": "map never drawn"}
        recorder.wait_quiet(page, quiet=0.5, timeout=click_timeout_s)
        for n in range(clicks):
            if n >= 5 and time.monotonic() - begin > budget_s:
                note = f"stopped after {n} clicks (time budget {budget_s:.0f} s)"
                break
            theme = CLICK_CYCLE[n % len(CLICK_CYCLE)]
            before = counts_for(frame, selected, codes)
            selected = selected ^ {theme}
            want = counts_for(frame, selected, codes)
            start_index = len(recorder.requests)
            timing = page.evaluate(
                CLICK_JS,
                {
                    "selector": f'#theme-filter input[value="{theme}"]',
                    "label": LABELS[theme],
                    "want": want,
                    "timeoutMs": click_timeout_s * 1000,
                },
            )
            recorder.wait_quiet(page, timeout=click_timeout_s)
            updates = [
                describe_update(r)
                for r in recorder.requests[start_index:]
                if UPDATE in r.url and r.method == "POST"
            ]
            results.append(
                {
                    "theme": theme,
                    "selected": sorted(selected),
                    "ambiguous": want == before,
                    **timing,
                    "updates": updates,
                }
            )
            if not timing.get("ok"):
                note = f"click {n + 1} timed out after {click_timeout_s:.0f} s"
                break
        return {"clicks": results, "note": note}
    finally:
        context.close()


def cpu_profile_click(
    browser: Browser, url: str, frame: pd.DataFrame, codes: list[str], timeout_s: float
) -> dict:
    """One theme change under Chrome's sampling profiler and timeline trace, summarised."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        page.evaluate(
            FIRST_DRAW_JS,
            {"want": counts_for(frame, frozenset(), codes), "timeoutMs": timeout_s * 1000},
        )
        page.wait_for_timeout(1000)
        cdp = context.new_cdp_session(page)
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": 200})
        browser.start_tracing(
            page=page, categories=["devtools.timeline", "v8", "blink.user_timing"]
        )
        cdp.send("Profiler.start")
        theme = "climate"
        timing = page.evaluate(
            CLICK_JS,
            {
                "selector": f'#theme-filter input[value="{theme}"]',
                "label": LABELS[theme],
                "want": counts_for(frame, frozenset({theme}), codes),
                "timeoutMs": timeout_s * 1000,
            },
        )
        profile = cdp.send("Profiler.stop")["profile"]
        trace = json.loads(browser.stop_tracing())
        return {
            "timing": timing,
            "js": summarise_profile(profile),
            "timeline": summarise_trace(trace, timing),
        }
    finally:
        context.close()


def summarise_profile(profile: dict, top: int = 14) -> list[dict]:
    """Self time per JS function (name, script, line) from a V8 CPU profile."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    self_us: Counter = Counter()
    for sample, delta in zip(profile["samples"], profile["timeDeltas"], strict=False):
        call = nodes[sample]["callFrame"]
        script = call.get("url", "").rsplit("/", 1)[-1].split("?")[0]
        key = (
            f"{call.get('functionName') or '(anonymous)'} [{script}:{call.get('lineNumber', 0) + 1}]"
            if script
            else call.get("functionName") or "(anonymous)"
        )
        self_us[key] += delta
    total = sum(self_us.values()) or 1
    return [
        {"function": key, "ms": round(us / 1000, 1), "share": round(us / total, 3)}
        for key, us in self_us.most_common(top)
    ]


#: Renderer main-thread events worth naming (nested events are counted in their parents too).
TIMELINE_EVENTS = (
    "FunctionCall",
    "EventDispatch",
    "TimerFire",
    "FireAnimationFrame",
    "v8.callFunction",
    "ParseHTML",
    "EvaluateScript",
    "UpdateLayoutTree",
    "Layout",
    "PrePaint",
    "Paint",
    "Layerize",
    "Commit",
    "MajorGC",
    "MinorGC",
    "V8.GC_MARK_COMPACTOR",
    "ResourceReceivedData",
)


def summarise_trace(trace: dict, timing: dict) -> list[dict]:
    """Total duration per event name on the renderer main thread during the click."""
    events = trace.get("traceEvents", trace if isinstance(trace, list) else [])
    main = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"
    }
    totals: Counter = Counter()
    for event in events:
        if (event.get("pid"), event.get("tid")) in main and event.get("ph") == "X":
            name = event.get("name", "")
            if name in TIMELINE_EVENTS:
                totals[name] += event.get("dur", 0)
    return [{"event": name, "ms": round(us / 1000, 1)} for name, us in totals.most_common()]


def open_playwright():
    """The sync Playwright context manager (one per run)."""
    return sync_playwright()


#: Before any page script: record the first non-empty map (its choropleth values) and the title
#: and language at that moment and when the HTML had been read.
FIRST_PAINT_INIT = """
(() => {
  window.__kkFirst = null;
  window.__kkEarly = null;
  document.addEventListener('DOMContentLoaded', () => {
    window.__kkEarly = {lang: document.documentElement.lang, title: document.title};
  });
  new MutationObserver(() => {
    const g = document.querySelector('__GRAPH__');
    if (window.__kkFirst || !g || !g._fullData || !g.querySelector('.choroplethlocation')) return;
    const tr = g._fullData.find(t => t.type === 'choropleth' && t.z && t.z.length);
    if (!tr) return;
    window.__kkFirst = {values: Object.fromEntries(Array.from(tr.locations)
                          .map((loc, k) => [loc, Number(tr.z[k])])),
                        title: document.title, lang: document.documentElement.lang};
  }).observe(document, {childList: true, subtree: true});
})();
""".replace("__GRAPH__", GRAPH)


def first_paint(browser: Browser, url: str, want: dict[str, int], timeout_s: float) -> dict:
    """Does the first map painted for a shared link show the link's values (not the default
    view's, corrected later)? Also the title and `lang` of the first frame."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(FIRST_PAINT_INIT)
        page.goto(url, timeout=timeout_s * 1000)
        page.wait_for_function("() => window.__kkFirst !== null", timeout=timeout_s * 1000)
        first, early = page.evaluate("window.__kkFirst"), page.evaluate("window.__kkEarly")
    except Exception as error:
        return {"ok": False, "error": str(error).splitlines()[0]}
    finally:
        context.close()
    values = first["values"]
    equal = all(
        abs(values.get(code, -1) - count) < 1e-6
        for code, count in want.items()
        if not code.startswith("__")  # `__markers`: the points, not a province
    )
    return {"ok": True, "link_values_first": equal, "first": first, "early": early}
