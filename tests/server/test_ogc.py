"""OGC API - Features with a real GIS client: GDAL's OAPIF driver (what QGIS uses) against the app
under gunicorn, and paging by `next` links over HTTP. scripts/test installs gdal-bin."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from urllib.parse import urlsplit

import pytest

from tests.server.conftest import Gunicorn

pytestmark = pytest.mark.slow

OGRINFO = shutil.which("ogrinfo")


def ogrinfo(*args: str) -> str:
    assert OGRINFO, "ogrinfo is missing: apt-get install -y gdal-bin (scripts/test does, as root)"
    result = subprocess.run(
        [OGRINFO, "-ro", *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def feature_count(output: str) -> int:
    match = re.search(r"^Feature Count: (\d+)$", output, re.MULTILINE)
    assert match, output
    return int(match.group(1))


def test_gdal_lists_both_layers(gunicorn: Gunicorn):
    output = ogrinfo("-so", f"OAPIF:{gunicorn.url}/ogc")
    assert re.search(r"^\d+: initiatives\b", output, re.MULTILINE), output
    assert re.search(r"^\d+: provinces\b", output, re.MULTILINE), output


def test_gdal_counts_the_initiatives_of_the_api(gunicorn: Gunicorn):
    expected = len(gunicorn.get("/api/initiatives").json()["features"])  # type: ignore[index]
    output = ogrinfo("-al", "-so", f"OAPIF:{gunicorn.url}/ogc", "initiatives")
    assert feature_count(output) == expected
    assert "Geometry: Point" in output


def test_gdal_reads_every_initiative_and_province(gunicorn: Gunicorn):
    """Not only the count: GDAL pages through every feature (null geometries included)."""
    expected = len(gunicorn.get("/api/initiatives").json()["features"])  # type: ignore[index]
    output = ogrinfo("-al", "-q", f"OAPIF:{gunicorn.url}/ogc", "initiatives")
    assert output.count("OGRFeature(initiatives)") == expected
    provinces = ogrinfo("-al", "-q", f"OAPIF:{gunicorn.url}/ogc", "provinces")
    assert provinces.count("OGRFeature(provinces)") == 12
    assert "MULTIPOLYGON" in provinces and "statcode (String) = PV22" in provinces


def test_gdal_spatial_filter_is_sent_as_bbox(gunicorn: Gunicorn):
    wanted = gunicorn.get("/ogc/collections/initiatives/items?bbox=6,52.5,7,53&limit=1000").json()
    output = ogrinfo(
        "-al", "-q", "-spat", "6", "52.5", "7", "53", f"OAPIF:{gunicorn.url}/ogc", "initiatives"
    )
    assert output.count("OGRFeature(initiatives)") == wanted["numberMatched"]  # type: ignore[index]


def test_next_links_over_http_visit_every_initiative_once(gunicorn: Gunicorn):
    expected = [f["id"] for f in gunicorn.get("/api/initiatives").json()["features"]]  # type: ignore[index]
    seen: list[str] = []
    url: str | None = f"{gunicorn.url}/ogc/collections/initiatives/items?limit=25"
    while url:
        parts = urlsplit(url)
        assert f"{parts.scheme}://{parts.netloc}" == gunicorn.url  # links point back here
        reply = gunicorn.get(f"{parts.path}?{parts.query}")
        assert reply.status == 200
        document = json.loads(reply.body)
        seen += [f["id"] for f in document["features"]]
        url = next((x["href"] for x in document["links"] if x["rel"] == "next"), None)
    assert seen == expected


def test_html_pages_carry_the_content_security_policy(gunicorn: Gunicorn):
    for path in ("/ogc?f=html", "/ogc/collections/initiatives/items?f=html&limit=3"):
        reply = gunicorn.get(path)
        assert reply.status == 200 and "<script" not in reply.text
        assert "script-src 'self'" in reply.headers["Content-Security-Policy"]
