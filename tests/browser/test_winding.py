"""Province shapes in either winding draw right in the browser and export as RFC 7946 (issue 15,
item 4): the shipped file (clockwise rings) and its RFC 7946 twin (counter-clockwise), made here
from the shipped file. Drawn wrong, a province covers the whole map (the globe minus itself)."""

from __future__ import annotations

import json
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import shapely
from playwright.sync_api import Page
from shapely.geometry import shape
from shapely.geometry.polygon import orient

from tests.browser.conftest import AppServer
from tests.browser.mapreader import GRAPH, wait_for_map
from tests.conftest import DATA_DIR

#: The largest province (Gelderland or Fryslân with its water) spans well under half the map's
#: width and height; a path drawn as "the globe minus the province" spans all of it.
MAX_SHARE = 0.5


def polygons(geometry: dict) -> list[shapely.Polygon]:
    geom = shape(geometry)
    return list(getattr(geom, "geoms", [geom]))


def rfc_twin(folder: Path) -> Path:
    """The shipped data with every ring in RFC 7946 order (exteriors counter-clockwise)."""
    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns("*.md", "sources"))
    geojson = json.loads((folder / "provinces.geojson").read_text())
    for feature in geojson["features"]:
        parts = [orient(p, sign=1.0) for p in polygons(feature["geometry"])]
        turned = parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
        feature["geometry"] = shapely.geometry.mapping(turned)
    (folder / "provinces.geojson").write_text(json.dumps(geojson))
    return folder


@pytest.fixture(scope="module", params=["shipped", "rfc7946"])
def winding_app(request, tmp_path_factory) -> Iterator[tuple[str, str]]:
    folder = tmp_path_factory.mktemp(request.param) / "data"
    if request.param == "shipped":
        shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns("*.md", "sources"))
    else:
        rfc_twin(folder)
    rings = [
        p.exterior.is_ccw
        for f in json.loads((folder / "provinces.geojson").read_text())["features"]
        for p in polygons(f["geometry"])
    ]
    assert all(rings) if request.param == "rfc7946" else not any(rings), "the file's winding"
    server = AppServer(folder)
    yield request.param, server.url
    server.stop()


def path_boxes(page: Page) -> dict[str, list[float]]:
    """Each province's drawn path: [left, top, width, height] on the screen."""
    return page.evaluate(
        """(sel) => Object.fromEntries(
            [...document.querySelector(sel).querySelectorAll('.choroplethlocation')]
                .filter(p => p.__data__ && p.__data__.loc)
                .map(p => {
                    const b = p.getBoundingClientRect();
                    return [p.__data__.loc, [b.left, b.top, b.width, b.height]];
                }))""",
        GRAPH,
    )


def test_each_province_path_covers_only_its_province(winding_app, page_factory):
    winding, url = winding_app
    page = page_factory(base_url=url)
    page.goto(url + "/")
    wait_for_map(page)
    boxes = path_boxes(page)
    assert len(boxes) == 12, winding
    map_box = page.locator(f"{GRAPH} .geo .bglayer rect, {GRAPH} .main-svg").first.bounding_box()
    assert map_box is not None
    for code, (_, _, width, height) in boxes.items():
        assert width < MAX_SHARE * map_box["width"], (winding, code, width, map_box)
        assert height < MAX_SHARE * map_box["height"], (winding, code, height, map_box)
    centres = {(round(x + w / 2), round(y + h / 2)) for x, y, w, h in boxes.values()}
    assert len(centres) == 12, "twelve provinces in twelve places"


def test_the_province_geojson_export_is_rfc_7946(winding_app):
    winding, url = winding_app
    with urllib.request.urlopen(url + "/export/provinces.geojson", timeout=30) as response:
        collection = json.loads(response.read())
    assert len(collection["features"]) == 12
    for feature in collection["features"]:
        for polygon in polygons(feature["geometry"]):
            assert polygon.exterior.is_ccw, (winding, feature["properties"])
            assert not any(ring.is_ccw for ring in polygon.interiors), winding
            assert polygon.area < 1.0, "a province, not the globe minus it"
