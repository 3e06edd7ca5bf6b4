"""Reading the map as the browser holds it (plotly's own computed data)."""

from __future__ import annotations

from playwright.sync_api import Page

GRAPH = "#map .js-plotly-plot"
VALUES_TRACE = 1


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
    return page.evaluate(
        """(sel) => document.querySelector(sel)._fullData
                .filter(t => t.type === 'scattergeo')
                .flatMap(t => Array.from(t.customdata || []))""",
        GRAPH,
    )
