"""The shipped data files load, and every validation rule rejects a bad row with its message."""

from __future__ import annotations

from pathlib import Path

import pytest

from kansenkaart.__main__ import main as cli
from kansenkaart.dataset import load_dataset, validate
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
