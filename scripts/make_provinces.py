"""Regenerate data/provinces.geojson from the CBS/PDOK boundaries and the province facts.

Run from the repository root:  python scripts/make_provinces.py [SOURCES_DIR]
SOURCES_DIR defaults to data/sources (copies of ../shared, see data/README.md). The geometry is
cartomap/nl's mapshaper simplification of CBS/PDOK's provinces 2023. The facts' land area is
left out on purpose: its 2017 figures predate Vijfheerenlanden's move to Utrecht (about 100 km²
off for Utrecht and Zuid-Holland), and nothing shows it.
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


def build(sources: Path) -> dict:
    shapes = gpd.read_file(sources / "cbs_provincie_2023_wgs84.geojson")
    # CBS's Zeeland polygon self-intersects; "structure" repairs it without stray lines.
    shapes["geometry"] = shapely.make_valid(shapes.geometry.values, method="structure")
    shapes["geometry"] = shapely.set_precision(shapes.geometry.values, 10**-DECIMALS)
    facts = pd.read_csv(sources / "province_facts.csv", dtype={"statcode": str})
    facts["ce_programme_source"] = facts["source_url"].str.split(" | ", regex=False).str[2]
    merged = shapes[["statcode", "name", "geometry"]].merge(
        facts[
            [
                "statcode",
                "capital",
                "population",
                "population_date",
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
    sources = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "sources"
    out = ROOT / "data" / "provinces.geojson"
    out.write_text(
        json.dumps(build(sources), ensure_ascii=False, separators=(",", ":")) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {out.relative_to(ROOT)} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
