"""The shipped data files load, and every validation rule rejects a bad row with its message."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from kansenkaart.__main__ import main as cli
from kansenkaart.dataset import COASTAL_TOLERANCE_M, load_dataset, outside_province, validate
from kansenkaart.problems import DataError
from kansenkaart.registry import PROVINCE_CODES
from tests.conftest import DATA_DIR, fixture_records, write_data_dir


def test_shipped_data_is_valid_and_covers_every_province():
    data = load_dataset(DATA_DIR)
    counts = data.initiatives["province"].value_counts()
    assert len(data.initiatives) >= 60
    assert set(counts.index) == set(PROVINCE_CODES)
    assert counts.min() >= 3
    assert data.initiatives["source_url"].str.match(r"^https?://").all()
    assert data.province_name("PV21") == "Fryslân"
    assert data.provinces["population"].notna().all()


def test_shipped_data_has_the_northern_programmes():
    names = " | ".join(load_dataset(DATA_DIR).initiatives["name"])
    assert "Noordelijk Innovatielab Circulaire Economie" in names
    assert "Roadmap Circulaire Economie 2050" in names
    assert "icoonproject" in names.lower()


def _problems_for(tmp_path: Path, **changes: str) -> list[str]:
    records = fixture_records()
    records[1].update(changes)  # file line 3
    return [str(p) for p in validate(write_data_dir(tmp_path, records))]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"name": ""}, "initiatives.csv:3: name: is empty"),
        ({"summary": "  "}, "initiatives.csv:3: summary: is empty"),
        (
            {"province": "Drenthe"},
            "initiatives.csv:3: province: 'Drenthe' is not a CBS province code",
        ),
        ({"kind": "project"}, "initiatives.csv:3: kind: 'project' is not one of programme"),
        (
            {"themes": "climate;circularity"},
            "initiatives.csv:3: themes: 'circularity' is not one of",
        ),
        ({"themes": ""}, "initiatives.csv:3: themes: needs at least one theme"),
        ({"themes": "jobs;jobs"}, "initiatives.csv:3: themes: names a theme twice"),
        ({"status": "paused"}, "initiatives.csv:3: status: 'paused' is not one of ongoing"),
        ({"start_year": "1850"}, "initiatives.csv:3: start_year: 1850 is outside 1990..2030"),
        ({"start_year": "soon"}, "initiatives.csv:3: start_year: 'soon' is not a number"),
        ({"lat": "48.85"}, "initiatives.csv:3: lat: '48.85' is outside the Netherlands"),
        ({"lon": "abc"}, "initiatives.csv:3: lon: 'abc' is not a number"),
        (
            {"source_url": "www.example.org"},
            "initiatives.csv:3: source_url: 'www.example.org' is not an http(s)",
        ),
        (
            {"source_url": "ftp://x.org/a"},
            "initiatives.csv:3: source_url: 'ftp://x.org/a' is not an http(s)",
        ),
        ({"id": "bad id!"}, "initiatives.csv:3: id: 'bad id!' must be letters"),
        ({"id": "T-1"}, "initiatives.csv:3: id: 'T-1' is used before, on line 2"),
        (
            {"lat": "53.219", "lon": "6.567"},
            "initiatives.csv:3: lat/lon: (53.219, 6.567) is not inside Drenthe: it lies in Groningen",
        ),
    ],
)
def test_each_rule_names_file_line_and_field(tmp_path, changes, expected):
    problems = _problems_for(tmp_path, **changes)
    assert any(p.startswith(expected) for p in problems), problems


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    records = fixture_records()
    records[0]["kind"] = "x"
    records[2]["status"] = "y"
    records[4]["lat"] = ""
    found = {(p.line, p.field) for p in validate(write_data_dir(tmp_path, records))}
    assert found == {(2, "kind"), (4, "status"), (6, "lat")}


def test_missing_column_is_reported_once(tmp_path):
    columns = [c for c in fixture_records()[0] if c != "themes"]
    problems = validate(write_data_dir(tmp_path, fixture_records(), columns))
    assert [str(p) for p in problems] == ["initiatives.csv:1: themes: required column is missing"]


def test_invalid_data_is_never_half_loaded(tmp_path):
    records = fixture_records()
    records[3]["kind"] = "x"
    with pytest.raises(DataError) as raised:
        load_dataset(write_data_dir(tmp_path, records))
    assert len(raised.value.problems) == 1


def test_broken_province_file_is_reported(tmp_path):
    folder = write_data_dir(tmp_path, fixture_records())
    (folder / "provinces.geojson").write_text(
        '{"type": "FeatureCollection", "features": [', "utf-8"
    )
    problems = [str(p) for p in validate(folder)]
    assert problems and problems[0].startswith("provinces.geojson:1: json: is not valid GeoJSON")


def test_validate_command_exit_codes(tmp_path, capsys):
    good = write_data_dir(tmp_path / "good", fixture_records())
    assert cli(["validate", str(good)]) == 0
    assert "OK, 6 initiatives" in capsys.readouterr().out
    records = fixture_records()
    records[0]["province"] = "PV99"
    bad = write_data_dir(tmp_path / "bad", records)
    assert cli(["validate", str(bad)]) == 1
    assert "initiatives.csv:2: province: 'PV99'" in capsys.readouterr().err


# --- location precision, same_as, indicators ---------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"location_precision": "city"},
            "initiatives.csv:3: location_precision: 'city' is not one of",
        ),
        ({"location_precision": ""}, "initiatives.csv:3: location_precision: '' is not one of"),
        ({"place": ""}, "initiatives.csv:3: place: is required for a place row"),
        ({"lon": ""}, "initiatives.csv:3: lon: is required for a place row"),
        (
            {"location_precision": "province", "place": ""},
            "initiatives.csv:3: lat: must be empty for a province row (no point), found 52.696",
        ),
        (
            {"location_precision": "province", "lat": "", "lon": ""},
            "initiatives.csv:3: place: must be empty for a province row, found 'Meppel'",
        ),
        ({"same_as": "T-2"}, "initiatives.csv:3: same_as: names the row itself"),
        ({"same_as": "DR-01"}, "initiatives.csv:3: same_as: 'DR-01' is not the id of a row"),
    ],
)
def test_location_and_same_as_rules(tmp_path, changes, expected):
    problems = _problems_for(tmp_path, **changes)
    assert any(p.startswith(expected) for p in problems), problems


def test_same_as_may_not_chain(tmp_path):
    records = fixture_records()
    records[1]["same_as"] = "T-1"
    records[2]["same_as"] = "T-2"
    problems = [str(p) for p in validate(write_data_dir(tmp_path, records))]
    assert problems == [
        "initiatives.csv:4: same_as: 'T-2' itself has same_as 'T-1'; name the main row directly"
    ]


def test_province_rows_load_without_a_point_and_same_as_counts_once(tmp_path):
    records = fixture_records()
    records[2].update(location_precision="province", place="", lat="", lon="", same_as="T-1")
    records[4].update(same_as="T-1")  # T-5 in Groningen names T-1 in Drenthe
    frame = load_dataset(write_data_dir(tmp_path, records)).initiatives.set_index("id")
    assert frame.loc["T-3", ["lat", "lon", "map_lat", "map_lon"]].isna().all()
    assert frame.drop(index="T-3")[["lat", "map_lat"]].notna().all().all()
    assert frame.loc[["T-1", "T-3", "T-5"], "count_key"].tolist() == [
        "T-1@PV22",
        "T-1@PV22",
        "T-1@PV20",
    ]


def test_a_coastal_place_just_outside_the_outline_is_accepted():
    """Bath (ZE-15) lies about 100 m outside the simplified Zeeland outline: within tolerance."""
    data = load_dataset(DATA_DIR)
    bath = data.initiatives.set_index("id").loc["ZE-15"]
    shapes = gpd.read_file(DATA_DIR / "provinces.geojson").set_index("statcode")
    assert not shapely.contains_xy(shapes.at["PV29", "geometry"], bath["lon"], bath["lat"])
    assert outside_province(shapes, "PV29", bath["lat"], bath["lon"]) is None
    assert COASTAL_TOLERANCE_M == 1000
    at_sea = outside_province(shapes, "PV29", 51.55, 3.35)
    assert at_sea and "it lies outside every province" in at_sea


def test_shipped_rows_per_precision_match_the_reference():
    raw = pd.read_csv(DATA_DIR / "initiatives.csv", dtype=str, keep_default_na=False)
    frame = load_dataset(DATA_DIR).initiatives
    assert frame["location_precision"].value_counts().to_dict() == (
        raw["location_precision"].value_counts().to_dict()
    )
    province_rows = frame["location_precision"] == "province"
    assert frame.loc[province_rows, "lat"].isna().all()
    assert frame.loc[~province_rows, "lat"].notna().all()
    assert frame["count_key"].nunique() < len(frame)


def test_indicator_problems_are_reported_with_the_others(tmp_path):
    folder = write_data_dir(tmp_path, fixture_records())
    text = (folder / "indicators.csv").read_text("utf-8").replace(",population,", ",populatoin,", 1)
    (folder / "indicators.csv").write_text(text, "utf-8")
    problems = [str(p) for p in validate(folder)]
    assert problems[0].startswith("indicators.csv:2: indicator: 'populatoin' is not a known")
    assert len(load_dataset(DATA_DIR).indicators) == 144


def test_validate_command_applies_the_apps_row_limit(tmp_path, capsys, monkeypatch):
    """`validate` says OK only for files the running app would serve, limits included."""
    good = write_data_dir(tmp_path / "good", fixture_records())
    monkeypatch.setenv("MAX_ROWS", "5")
    assert cli(["validate", str(good)]) == 1
    assert "MAX_ROWS" in capsys.readouterr().err
