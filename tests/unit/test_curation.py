"""scripts/curate_initiatives.py: reproducible, every place found in a gazetteer, every point in
its province, no capital stand-ins, province-wide rows without a point."""

from __future__ import annotations

import importlib.util
import shutil

import geopandas as gpd
import pandas as pd
import pytest

from kansenkaart.dataset import outside_province
from tests.conftest import DATA_DIR, ROOT


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


curation = load_script("curate_initiatives")
SOURCES = DATA_DIR / "sources"


@pytest.fixture(scope="module")
def curated() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "initiatives.csv", dtype=str, keep_default_na=False)


def test_two_runs_give_the_same_bytes_as_the_shipped_file(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    curation.main(["--out", str(first)])
    curation.main(["--out", str(second)])
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == (DATA_DIR / "initiatives.csv").read_bytes(), "re-run the script"


def test_admin1_codes_are_read_from_the_capitals():
    tables = curation.read_sources(SOURCES)
    mapping = curation.admin1_by_province(tables["geonames"], tables["facts"])
    assert (mapping["PV22"], mapping["PV21"], mapping["PV23"], mapping["PV28"]) == (
        "1",
        "2",
        "15",
        "11",
    )


def test_province_rows_have_no_point_and_others_have_one(curated):
    province_rows = curated["location_precision"] == "province"
    assert (curated.loc[province_rows, ["lat", "lon", "place"]] == "").all().all()
    assert (curated.loc[~province_rows, ["lat", "lon", "place"]] != "").all().all()


def test_every_point_lies_in_its_province(curated):
    shapes = gpd.read_file(DATA_DIR / "provinces.geojson").set_index("statcode")
    placed = curated.loc[curated["lat"] != ""]
    outside = [
        (row.id, message)
        for row in placed.itertuples()
        if (message := outside_province(shapes, row.province, float(row.lat), float(row.lon)))
    ]
    assert outside == []


def test_no_point_sits_on_a_capital_unless_the_place_is_that_capital(curated):
    tables = curation.read_sources(SOURCES)
    facts = tables["facts"]
    admin1 = curation.admin1_by_province(tables["geonames"], facts)
    spelled = curation.geonames_names(tables["geonames"])
    capitals = {}
    for code, name, capital in facts[["statcode", "name", "capital"]].itertuples(index=False):
        lat, lon, _ = curation.find_place(
            capital, admin1[code], spelled, tables["supplement"], name
        )
        capitals[(lat, lon)] = capital
    on_capital = curated.loc[
        [(lat, lon) in capitals for lat, lon in zip(curated["lat"], curated["lon"], strict=True)]
    ]
    assert len(on_capital) > 0, "some rows really are in a capital"
    wrong = on_capital.loc[
        on_capital["place"]
        != [capitals[p] for p in zip(on_capital["lat"], on_capital["lon"], strict=True)]
    ]
    assert wrong.empty, wrong[["id", "place"]]


def test_coord_basis_names_the_gazetteer_entry(curated):
    placed = curated.loc[curated["lat"] != "", "coord_basis"]
    assert placed.str.match(r"^(GeoNames \d+ \S|places_supplement: \S+.* \(https?://)").all()


def test_a_place_found_nowhere_stops_the_script_naming_the_row(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    reference = pd.read_csv(sources / curation.REFERENCE, dtype=str, keep_default_na=False)
    row = reference.index[reference["location_precision"] == "site"][0]
    reference.loc[row, "place"] = "Nergenshuizen"
    reference.to_csv(sources / curation.REFERENCE, index=False)
    with pytest.raises(SystemExit) as stopped:
        curation.main(["--sources", str(sources), "--out", str(tmp_path / "out.csv")])
    message = str(stopped.value)
    assert reference.loc[row, "id"] in message and "'Nergenshuizen'" in message
    assert not (tmp_path / "out.csv").exists()
