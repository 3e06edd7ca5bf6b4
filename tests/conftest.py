"""Shared fixtures: paths to the real data and a helper that writes a small test data folder."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from kansenkaart.schema import CSV_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"

#: A small, hand-checked fixture (synthetic, for tests only): points are real city centres.
FIXTURE_ROWS = [
    # id, province, lat, lon, kind, themes, status, start_year, name
    (
        "T-1",
        "PV22",
        52.993,
        6.564,
        "roadmap",
        "climate;jobs",
        "ongoing",
        "2018",
        "Test roadmap Assen",
    ),
    ("T-2", "PV22", 52.696, 6.194, "network", "innovation", "completed", "2016", "Test lab Meppel"),
    (
        "T-3",
        "PV22",
        52.785,
        6.897,
        "initiative",
        "energy;climate",
        "planned",
        "",
        "Test Emmen energie",
    ),
    (
        "T-4",
        "PV20",
        53.219,
        6.567,
        "programme",
        "jobs;energy",
        "ongoing",
        "2021",
        "Test Groningen banen",
    ),
    (
        "T-5",
        "PV20",
        53.219,
        6.567,
        "result",
        "environment",
        "unknown",
        "2019",
        "Test Fryslân-achtig",
    ),
    (
        "T-6",
        "PV31",
        50.851,
        5.691,
        "initiative",
        "innovation;energy",
        "ongoing",
        "2020",
        "Test Maastricht",
    ),
]
COLUMNS = list(CSV_COLUMNS)
PLACES = {
    "T-1": "Assen",
    "T-2": "Meppel",
    "T-3": "Emmen",
    "T-4": "Groningen",
    "T-5": "Groningen",
    "T-6": "Maastricht",
}


def fixture_records() -> list[dict[str, str]]:
    records = []
    for id_, prov, lat, lon, kind, themes, status, year, name in FIXTURE_ROWS:
        records.append(
            {
                "id": id_,
                "name": name,
                "province": prov,
                "municipality": "Testgemeente",
                "lat": str(lat),
                "lon": str(lon),
                "coord_basis": "synthetic test row",
                "kind": kind,
                "themes": themes,
                "status": status,
                "start_year": year,
                "organisations": "Testorganisatie",
                "summary": f"Synthetic test row {id_}.",
                "source_url": "https://example.org/test",
                "location_precision": "place",
                "place": PLACES[id_],
                "same_as": "",
            }
        )
    return records


def write_data_dir(
    target: Path, records: list[dict[str, str]], columns: list[str] = COLUMNS
) -> Path:
    """A data folder with the real provinces and indicators and the given initiative rows."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA_DIR / "provinces.geojson", target / "provinces.geojson")
    shutil.copy(DATA_DIR / "indicators.csv", target / "indicators.csv")
    with open(target / "initiatives.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(records)
    return target


@pytest.fixture
def fixture_dir(tmp_path: Path) -> Path:
    return write_data_dir(tmp_path / "data", fixture_records())


def counted_records(cells: dict[str, list[tuple[str, int]]]) -> list[dict[str, str]]:
    """Synthetic province-wide rows (no point needed) from {province: [(themes, how many)]},
    for tests whose figures depend on counts (location quotients, the test, the tour)."""
    records = []
    for province, groups in cells.items():
        for themes, count in groups:
            for _ in range(count):
                ident = f"S-{len(records) + 1:04d}"
                records.append(
                    {
                        "id": ident,
                        "name": f"Synthetic {ident}",
                        "province": province,
                        "municipality": "",
                        "lat": "",
                        "lon": "",
                        "coord_basis": "synthetic test row",
                        "kind": "programme",
                        "themes": themes,
                        "status": "ongoing",
                        "start_year": "2020",
                        "organisations": "",
                        "summary": f"Synthetic test row {ident}.",
                        "source_url": "https://example.org/test",
                        "location_precision": "province",
                        "place": "",
                        "same_as": "",
                    }
                )
    return records
