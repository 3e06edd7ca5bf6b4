"""Regenerate data/provinces.geojson from the CBS/PDOK boundaries and the province facts.

Run from the repository root:  python scripts/make_provinces.py [SHARED_DIR]
SHARED_DIR defaults to ../shared. The app itself never reads SHARED_DIR.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parent.parent
DECIMALS = 5  # about 1 m; the source is generalised far beyond that


def build(shared: Path) -> dict:
    shapes = gpd.read_file(shared / "data" / "cbs_provincie_2023_wgs84.geojson")
    # CBS's Zeeland polygon self-intersects; "structure" repairs it without stray lines.
    shapes["geometry"] = shapely.make_valid(shapes.geometry.values, method="structure")
    shapes["geometry"] = shapely.set_precision(shapes.geometry.values, 10**-DECIMALS)
    facts = pd.read_csv(shared / "reference" / "province_facts.csv", dtype={"statcode": str})
    facts["ce_programme_source"] = facts["source_url"].str.split(" | ", regex=False).str[2]
    merged = shapes[["statcode", "name", "geometry"]].merge(
        facts[
            [
                "statcode",
                "capital",
                "population",
                "population_date",
                "land_area_km2",
                "ce_programme",
                "ce_programme_source",
            ]
        ],
        on="statcode",
        how="left",
        validate="one_to_one",
    )
    assert (merged["name"] == shapes["name"]).all()
    merged = merged.sort_values("statcode")
    geojson = json.loads(merged.to_json(drop_id=True, na="null"))
    for feature in geojson["features"]:
        feature["id"] = feature["properties"]["statcode"]
    geojson.pop("crs", None)
    return geojson


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
    out = ROOT / "data" / "provinces.geojson"
    out.write_text(
        json.dumps(build(shared), ensure_ascii=False, separators=(",", ":")) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {out.relative_to(ROOT)} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
