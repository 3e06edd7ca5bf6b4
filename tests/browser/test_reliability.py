"""Stewards edit the data while the app runs; hostile links arrive: the page keeps working."""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AppServer
from tests.browser.expected import TOTAL
from tests.browser.mapreader import marker_ids, wait_for_map
from tests.conftest import DATA_DIR

pytestmark = pytest.mark.browser


def test_script_in_a_search_term_stays_text(page):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    term = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    page.goto(page.base_url + "/?q=" + term.replace("<", "%3C").replace(">", "%3E"))
    wait_for_map(page)
    expect(page.locator("#search")).to_have_value(term)
    expect(page.locator("#message")).to_contain_text("Geen initiatieven passen bij deze filters.")
    # a bad parameter value is echoed in the notice, as text
    page.goto(page.base_url + "/?theme=%3Cb%3Ebold%3C%2Fb%3E")
    expect(page.locator("#notice")).to_contain_text("'<b>bold</b>' is geen thema")
    assert page.locator("#notice b").count() == 0
    page.wait_for_timeout(500)
    assert dialogs == []


@pytest.fixture
def live_data(tmp_path) -> Iterator[tuple[str, Path]]:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns("*.md"))
    server = AppServer(folder, DATA_CHECK_SECONDS="0.5")
    yield server.url, folder / "initiatives.csv"
    server.stop()


def rewrite(path: Path, rows: list[dict]) -> None:
    """Write beside and rename, as an editor's 'save' does (a reader never sees half a file)."""
    temporary = path.with_suffix(".tmp")
    with open(temporary, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    temporary.replace(path)


def test_the_page_follows_data_edits_and_survives_bad_ones(page_factory, live_data):
    url, csv_path = live_data
    with open(csv_path, encoding="utf-8") as handle:
        original = list(csv.DictReader(handle))
    page = page_factory(base_url=url)
    page.goto(url + "/")
    wait_for_map(page)
    full, fewer = f"{TOTAL} van {TOTAL} initiatieven", f"{TOTAL - 1} van {TOTAL - 1} initiatieven"
    expect(page.locator("#summary")).to_have_text(full)

    # a valid edit: one initiative (with a place, linked to no other row) fewer, without a reload
    linked = {row["same_as"] for row in original} | {r["id"] for r in original if r["same_as"]}
    victim = next(
        r for r in original if r["location_precision"] != "province" and r["id"] not in linked
    )
    assert victim["id"] in marker_ids(page)
    rewrite(csv_path, [r for r in original if r is not victim])
    expect(page.locator("#summary")).to_have_text(fewer, timeout=20_000)
    assert victim["id"] not in marker_ids(page)

    # an invalid edit: the last good data stays, and a quiet notice names the problem
    broken = [dict(row) for row in original]
    broken[13]["lat"] = "52,x"
    rewrite(csv_path, broken)
    notice = page.locator("#data-notice")
    expect(notice).to_be_visible(timeout=20_000)
    # visible from "update pending"; the rejection naming the row follows once it was read
    expect(notice).to_contain_text(re.compile(r"initiatives\.csv.*15"), timeout=20_000)
    expect(page.locator("#summary")).to_have_text(fewer)

    # fixed again: all are back and the notice goes away
    rewrite(csv_path, original)
    expect(page.locator("#summary")).to_have_text(full, timeout=20_000)
    expect(notice).to_be_hidden()
