"""Reading the map as the browser holds it (plotly's own computed data)."""

from __future__ import annotations

import time

from playwright.sync_api import Page, expect

GRAPH = "#map .js-plotly-plot"
VALUES_TRACE = 1


#: In-page: resolves once, for three frames in a row, dash-renderer has held no callback in flight
#: and no graph has a draw pending (dcc.Graph queues its draws and marks the graph meanwhile).
CALM_JS = """
() => new Promise((resolve) => {
  const busy = () => {
    const c = window.store.getState().callbacks;
    return ['requested', 'prioritized', 'blocked', 'executing', 'watched', 'executed']
      .some((k) => c[k].length) || document.querySelector('.dash-graph--pending') !== null;
  };
  let calm = 0;
  const step = () => {
    calm = busy() ? 0 : calm + 1;
    if (calm >= 3) resolve(true); else requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})
"""


def settle(page: Page) -> None:
    """Until the page's requests are answered and drawn.

    Network idle alone is not enough on a slow machine: rendering can outlast its 500 ms, and
    dcc.Graph's queued draws of answers to the page's load then come after it (a CI run at
    d9ab458 saw two such draws after "idle"; reproduced with the CPU slowed 4x).
    """
    page.wait_for_load_state("networkidle")
    page.evaluate(CALM_JS)


def tick(page: Page, label: str, on: bool = True) -> None:
    """Click a theme's or a filter's box as a person does and wait for its tick.

    Not Playwright's `check()`: that reads the box in the click's own task, and the page gives a
    box its tick in the frame after the map's fast lane has painted (assets/map_first.js).
    """
    box = page.get_by_label(label)
    if box.is_checked() != on:
        box.click()
    expect(box).to_be_checked(checked=on)


def wait_for_map(page: Page) -> None:
    page.wait_for_selector(f"{GRAPH} .choroplethlocation", timeout=30_000)


def province_values(page: Page) -> dict[str, float | None]:
    return page.evaluate(
        """([sel, i]) => {
            const t = document.querySelector(sel)._fullData[i];
            return Object.fromEntries(t.locations.map((loc, k) => [loc, t.z[k]]));
        }""",
        [GRAPH, VALUES_TRACE],
    )


def wait_for_values(page: Page, expected: dict[str, float]) -> None:
    """Wait until the map holds exactly `expected` (fails with the last values on time-out)."""
    try:
        page.wait_for_function(
            """([sel, i, want]) => {
                const g = document.querySelector(sel);
                if (!g || !g._fullData) return false;
                const t = g._fullData[i];
                return t.locations.every((loc, k) => t.z[k] === want[loc]);
            }""",
            arg=[GRAPH, VALUES_TRACE, expected],
            timeout=15_000,
        )
    except Exception:
        assert province_values(page) == expected
        raise


def marker_ids(page: Page) -> list[str]:
    """Ids of the markers drawn (a point without a latitude is in the trace but not drawn)."""
    return page.evaluate(
        """(sel) => document.querySelector(sel)._fullData
                .filter(t => t.type === 'scattergeo' && t.name === 'initiatives')
                .flatMap(t => Array.from(t.customdata || [])
                    .filter((id, i) => t.lat[i] !== null && t.lat[i] !== undefined
                                        && !Number.isNaN(t.lat[i]) && i < t.lon.length))""",
        GRAPH,
    )


def click_province(page: Page, code: str) -> None:
    """Click a spot inside the province's shape, away from every marker."""
    page.mouse.click(*free_spot(page, code))


def hover_province(page: Page, code: str) -> str:
    """Hover a free spot of the province; the text of the hover label plotly then shows."""
    page.mouse.move(*free_spot(page, code))
    label = page.locator(f"{GRAPH} .hoverlayer .hovertext")
    label.first.wait_for(timeout=10_000)
    return label.first.text_content() or ""


def free_spot(page: Page, code: str) -> tuple[float, float]:
    """A spot inside the province's shape, as far from every marker as can be.

    Plotly's geo paths take no pointer events (it hit-tests the geometry itself), so the spot is
    found with the path's own fill test rather than elementFromPoint.
    """
    point = page.evaluate(
        """([sel, code]) => {
            const gd = document.querySelector(sel);
            const path = [...gd.querySelectorAll('.choroplethlocation')]
                .filter(p => p.__data__ && p.__data__.loc === code).pop();
            const markers = [...gd.querySelectorAll('.scattergeo .point')].map(m => {
                const b = m.getBoundingClientRect(); return [b.left + b.width / 2, b.top + b.height / 2];
            });
            const toLocal = path.getScreenCTM().inverse();
            const box = path.getBoundingClientRect();
            let best = null, bestGap = 0;  // the spot farthest from every marker
            for (let fy = 0.05; fy < 0.95; fy += 0.03) {
                for (let fx = 0.05; fx < 0.95; fx += 0.03) {
                    const x = box.left + fx * box.width, y = box.top + fy * box.height;
                    if (!path.isPointInFill(new DOMPoint(x, y).matrixTransform(toLocal))) continue;
                    const gap = Math.min(...markers.map(([mx, my]) => Math.hypot(mx - x, my - y)), 1e9);
                    if (gap > bestGap) { best = [x, y]; bestGap = gap; }
                }
            }
            if (best && bestGap > 30) return best;
            return null;
        }""",
        [GRAPH, code],
    )
    assert point, f"no free spot found inside {code}"
    return point[0], point[1]


def click_first_marker(page: Page) -> str:
    """Click the first marker that stands apart from the others; return its initiative id."""
    found = page.evaluate(
        """(sel) => {
            const gd = document.querySelector(sel);
            const points = [...gd.querySelectorAll('.scattergeo .point')].filter(path =>
                path.closest('.trace').__data__[0].trace.name === 'initiatives'
            ).map(path => {
                const b = path.getBoundingClientRect();
                const trace = path.closest('.trace').__data__[0].trace;
                return [b.left + b.width / 2, b.top + b.height / 2, trace.customdata[path.__data__.i]];
            });
            return points.find(([x, y], k) =>
                points.every(([ox, oy], j) => j === k || Math.hypot(ox - x, oy - y) > 12)) || null;
        }""",
        GRAPH,
    )
    assert found, "no clickable marker"
    page.mouse.click(found[0], found[1])
    return found[2]


def table_ids(page: Page) -> list[str]:
    """Ids of the rows the table displays (after sorting and quick filter)."""
    return page.evaluate(
        """async () => {
            if (!window.dash_ag_grid?.getApiAsync) return [];  // the grid loads after the map
            const api = await dash_ag_grid.getApiAsync('table');
            const ids = [];
            api.forEachNodeAfterFilterAndSort(n => ids.push(n.data.id));
            return ids;
        }"""
    )


def wait_for_table(page: Page, expected: list[str], timeout_s: float = 15) -> None:
    """Wait until the table shows exactly these ids (it follows the map by one round trip)."""
    deadline = time.monotonic() + timeout_s
    while sorted(table_ids(page)) != sorted(expected) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert sorted(table_ids(page)) == sorted(expected)
