"""Accessibility as axe-core (a vendored, offline copy) judges it: contrast, labels, names."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.mapreader import wait_for_map

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        })"""
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize(
    "query", ["", "?lang=en&province=PV21&initiative=FR-01&theme=energy&metric=lq"]
)
def test_page_meets_wcag_aa(page_factory, query):
    # The app's Content-Security-Policy (rightly) refuses the injected axe script; bypass it here.
    page = page_factory(bypass_csp=True)
    page.goto(page.base_url + "/" + query)
    wait_for_map(page)
    page.wait_for_selector(".ag-row")
    violations = serious_violations(page)
    assert violations == [], "\n".join(violations)
