"""The strict Content-Security-Policy leaves the page fully working in a real browser."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


def test_page_works_under_the_csp_without_violations(gunicorn):
    # In its own thread: the browser tests' session-wide Playwright owns this thread's loop.
    with ThreadPoolExecutor(1) as pool:
        violations, csp_console, injected_ran = pool.submit(load_page, gunicorn.url).result()
    assert violations == [] and csp_console == [], (violations, csp_console)
    assert not injected_ran


def load_page(url: str) -> tuple[list[str], list[str], bool]:
    """Open the page, wait for the map; the CSP violations and console lines seen meanwhile."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        page.add_init_script(RECORD_VIOLATIONS)
        page.goto(url + "/?theme=energy")
        page.wait_for_selector("#map .js-plotly-plot .choroplethlocation", timeout=90_000)
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__csp")
        csp_console = [m for m in console if "Content Security Policy" in m]
        # The listener really hears violations: an injected inline script is one.
        with pytest.raises(PlaywrightError, match="Content Security Policy"):
            page.add_script_tag(content="window.__injected = true;")
        page.wait_for_function("window.__csp.length > 0")
        injected_ran = page.evaluate("window.__injected === true")
        browser.close()
    return violations, csp_console, injected_ran
