"""An analyst shares links, steps back and forward, and downloads exactly what the view shows."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest
from playwright.sync_api import expect

from tests.browser.expected import counts_for, filtered_ids
from tests.browser.mapreader import tick, wait_for_map, wait_for_table, wait_for_values

pytestmark = pytest.mark.browser


def open_map(page, query: str = "") -> None:
    page.goto(page.base_url + "/" + query)
    wait_for_map(page)


def test_back_and_forward_step_through_views(page):
    open_map(page)
    tick(page, "energie")
    wait_for_values(page, counts_for(["energy"]))
    # The map follows a theme click before the server has answered; the URL (the history
    # entry to go back to) comes with the answer.
    expect(page).to_have_url(re.compile(r"\?theme=energy$"))
    tick(page, "klimaat")
    wait_for_values(page, counts_for(["climate", "energy"]))
    expect(page).to_have_url(re.compile(r"\?theme=climate,energy$"))

    page.go_back()
    wait_for_values(page, counts_for(["energy"]))
    expect(page.get_by_label("klimaat")).not_to_be_checked()
    expect(page.get_by_label("energie")).to_be_checked()
    page.go_back()
    wait_for_values(page, counts_for([]))
    expect(page.get_by_label("energie")).not_to_be_checked()
    page.go_forward()
    wait_for_values(page, counts_for(["energy"]))
    expect(page.get_by_label("energie")).to_be_checked()


def test_invalid_parameters_are_dropped_with_a_dismissable_notice(page):
    open_map(page, "?theme=energy,plastic&metric=best&colour=red&province=PV22")
    notice = page.locator("#notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Deze delen van de link zijn genegeerd")
    for param in ("theme", "metric", "colour"):
        expect(notice.locator("code", has_text=param)).to_be_visible()
    # the valid parts still apply (energy of theme=energy,plastic too); the bad ones are gone
    expect(page.locator("#profile h2")).to_have_text("Krachtenkaart Drenthe")
    expect(page).to_have_url(re.compile(r"/\?theme=energy&province=PV22$"))
    expect(notice.locator("li", has_text="theme")).to_contain_text("plastic")
    page.get_by_role("button", name="Melding sluiten").click()
    expect(notice).to_be_hidden()


QUERY = "?theme=energy,innovation&kind=initiative,result,programme"
EXPECTED = filtered_ids(
    themes=("energy", "innovation"), kinds=("initiative", "result", "programme")
)


def download(page, link_id: str):
    with page.expect_download() as info:
        page.locator(f"#{link_id}").click()
    result = info.value
    return result.suggested_filename, open(result.path(), "rb").read()


def test_download_buttons_give_the_rows_of_the_view(page):
    open_map(page, QUERY)
    page.wait_for_function(
        "(n) => document.querySelector('#summary').textContent.startsWith(n + ' van')",
        arg=str(len(EXPECTED)),
    )
    wait_for_table(page, EXPECTED)

    name, body = download(page, "download-csv")
    assert re.fullmatch(r"kansenkaart_\d{4}-\d{2}-\d{2}_.*\.csv", name)
    assert body.startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads UTF-8
    # the Dutch page offers the CSV for Excel with Dutch settings: ';' between fields
    frame = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", dtype=str, sep=";")
    assert frame["id"].tolist() == EXPECTED

    name, body = download(page, "download-provinces_csv")
    provinces = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", dtype=str, sep=";")
    assert len(provinces) == 12 and "lq_energy_verdict" in provinces.columns

    name, body = download(page, "download-xlsx")
    assert name.endswith(".xlsx")
    assert pd.read_excel(io.BytesIO(body), dtype=str)["id"].tolist() == EXPECTED

    name, body = download(page, "download-geojson")
    assert name.endswith(".geojson")
    features = json.loads(body)["features"]
    assert [f["properties"]["id"] for f in features] == EXPECTED


def test_map_image_downloads(page):
    open_map(page, "?theme=energy")
    name, body = download(page, "download-svg")
    assert name.endswith(".svg") and b"<svg" in body[:2000]
    name, body = download(page, "download-png")
    assert name.endswith(".png") and body.startswith(b"\x89PNG")
