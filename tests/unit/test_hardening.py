"""Small hardening of issue 15: the debugger never on a network address, and province shapes in
either winding drawn right."""

from __future__ import annotations

import json
import shutil

import pytest
import shapely
from shapely.geometry import shape
from shapely.geometry.polygon import orient

from kansenkaart.dataset import load_dataset
from kansenkaart.settings import load_settings
from tests.conftest import DATA_DIR


def test_debug_on_a_network_address_refuses_to_start():
    with pytest.raises(SystemExit, match=r"DEBUG=1 with HOST=0\.0\.0\.0"):
        load_settings({"DEBUG": "1", "HOST": "0.0.0.0"})
    assert load_settings({"DEBUG": "1", "HOST": "127.0.0.1"}).debug is True


def exterior_rings(geojson: dict):
    for feature in geojson["features"]:
        geometry = shape(feature["geometry"])
        for part in getattr(geometry, "geoms", [geometry]):
            yield part.exterior


@pytest.fixture
def rfc_twin(tmp_path):
    """The shipped data with the province rings in RFC 7946 order (counter-clockwise)."""
    folder = tmp_path / "rfc"
    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns("*.md", "sources"))
    geojson = json.loads((folder / "provinces.geojson").read_text())
    for feature in geojson["features"]:
        geometry = shape(feature["geometry"])
        parts = [orient(p, sign=1.0) for p in getattr(geometry, "geoms", [geometry])]
        turned = parts[0] if len(parts) == 1 else shapely.geometry.MultiPolygon(parts)
        feature["geometry"] = shapely.geometry.mapping(turned)
    (folder / "provinces.geojson").write_text(json.dumps(geojson))
    assert all(ring.is_ccw for ring in exterior_rings(geojson))
    return folder


def test_either_winding_loads_clockwise_for_drawing(rfc_twin):
    shipped, twin = load_dataset(DATA_DIR), load_dataset(rfc_twin)
    for data in (shipped, twin):
        assert not any(ring.is_ccw for ring in exterior_rings(data.geojson))
    first = shape(twin.geojson["features"][0]["geometry"])
    assert first.area < 1.0  # a province, not the globe minus it (plotly's fill follows the ring)
