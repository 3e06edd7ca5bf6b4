"""Curate data/initiatives.csv from the researched reference list, placing every site and place
row by a gazetteer lookup of its `place` and giving province-wide rows no point at all.

Run from the repository root:  python scripts/curate_initiatives.py [--sources DIR] [--out FILE]
DIR defaults to data/sources (copies of ../shared, see data/README.md), so the output can be
reproduced from the repository alone. The output is deterministic: same input, same bytes.

Points come from GeoNames (`geonames_nl_places.csv`: name, asciiname or an alternate name, in
the row's province, most populous first) and, for places GeoNames lacks, from
`places_supplement.csv` (each point with its source page). A place found in neither stops the
script with the row's id: there is no fallback to a capital or any other stand-in point.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from kansenkaart.dataset import outside_province  # noqa: E402
from kansenkaart.schema import CSV_COLUMNS, POINT_PRECISIONS  # noqa: E402

REFERENCE = "ce_initiatives_reference.csv"
GEONAMES = "geonames_nl_places.csv"
SUPPLEMENT = "places_supplement.csv"
FACTS = "province_facts.csv"
PROVINCE_ROW_BASIS = "province-wide: no point"


def read_sources(sources: Path) -> dict[str, pd.DataFrame]:
    """The four input tables, every field as text (no float round trips)."""
    names = {"reference": REFERENCE, "geonames": GEONAMES, "supplement": SUPPLEMENT, "facts": FACTS}
    return {
        key: pd.read_csv(sources / name, dtype=str, keep_default_na=False)
        for key, name in names.items()
    }


def geonames_names(geonames: pd.DataFrame) -> pd.DataFrame:
    """One row per (name, GeoNames row): the name, asciiname and each alternate name."""
    spelled = geonames.assign(
        spelling=(
            geonames["name"] + "," + geonames["asciiname"] + "," + geonames["alternatenames"]
        ).str.split(",")
    ).explode("spelling")
    spelled = spelled.loc[spelled["spelling"] != ""]
    return spelled.drop_duplicates(["geonameid", "spelling"])


def admin1_by_province(geonames: pd.DataFrame, facts: pd.DataFrame) -> dict[str, str]:
    """GeoNames' admin1 code per CBS statcode, read off where each province's capital lies
    (the most populous GeoNames place of that name); checked to be one-to-one."""
    spelled = geonames_names(geonames)
    mapping = {}
    for statcode, capital in zip(facts["statcode"], facts["capital"], strict=True):
        found = _most_populous(spelled.loc[spelled["spelling"] == capital])
        if found is None:
            raise SystemExit(f"capital {capital!r} of {statcode} is not in {GEONAMES}")
        mapping[statcode] = found["admin1code"]
    if len(set(mapping.values())) != len(mapping):
        raise SystemExit(f"admin1 codes per province are not one-to-one: {mapping}")
    return mapping


def _most_populous(candidates: pd.DataFrame) -> pd.Series | None:
    if candidates.empty:
        return None
    ordered = candidates.assign(
        pop=candidates["population"].replace("", "0").astype(int),
        gid=candidates["geonameid"].astype(int),
    ).sort_values(["pop", "gid"], ascending=[False, True])
    return ordered.iloc[0]


def find_place(
    place: str, admin1: str, spelled: pd.DataFrame, supplement: pd.DataFrame, province: str
) -> tuple[str, str, str] | None:
    """(lat, lon, coord_basis) for a place in a province, or None when neither gazetteer has it."""
    hit = _most_populous(
        spelled.loc[(spelled["spelling"] == place) & (spelled["admin1code"] == admin1)]
    )
    if hit is not None:
        return hit["latitude"], hit["longitude"], f"GeoNames {hit['geonameid']} {hit['name']}"
    rows = supplement.loc[(supplement["place"] == place) & (supplement["province"] == province)]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return row["lat"], row["lon"], f"places_supplement: {place} ({row['source_url']})"


def curate(sources: Path, provinces_file: Path) -> pd.DataFrame:
    """The reference rows with CBS codes and gazetteer points, checked against the provinces."""
    tables = read_sources(sources)
    reference, facts = tables["reference"], tables["facts"]
    codes = dict(zip(facts["name"], facts["statcode"], strict=True))
    admin1 = admin1_by_province(tables["geonames"], facts)
    spelled = geonames_names(tables["geonames"])
    shapes = gpd.read_file(provinces_file).set_index("statcode")
    frame = reference.copy()
    frame["province_name"] = frame["province"]
    frame["province"] = frame["province"].map(codes)
    unknown = frame.loc[frame["province"].isna(), "id"].tolist()
    if unknown:
        raise SystemExit(f"rows {unknown}: the province name has no CBS code in {FACTS}")
    frame["status"] = frame["status"].replace("", "unknown")
    for index, row in frame.iterrows():
        frame.loc[index, ["lat", "lon", "coord_basis"]] = _point_for(
            row, admin1, spelled, tables["supplement"], shapes
        )
    return frame[list(CSV_COLUMNS)]


def _point_for(
    row: pd.Series,
    admin1: dict[str, str],
    spelled: pd.DataFrame,
    supplement: pd.DataFrame,
    shapes: pd.DataFrame,
) -> list[str]:
    if row["location_precision"] not in POINT_PRECISIONS:
        if row["place"]:
            raise SystemExit(f"{row['id']}: a province row names a place ({row['place']!r})")
        return ["", "", PROVINCE_ROW_BASIS]
    place = row["place"]
    found = find_place(place, admin1[row["province"]], spelled, supplement, row["province_name"])
    if found is None:
        raise SystemExit(
            f"{row['id']}: place {place!r} ({row['province_name']}) is in neither {GEONAMES} "
            f"nor {SUPPLEMENT}; add it to the supplement with its source"
        )
    lat, lon, basis = found
    problem = outside_province(shapes, row["province"], float(lat), float(lon))
    if problem:
        raise SystemExit(f"{row['id']}: place {place!r}: {problem}")
    if row["location_precision"] == "site":
        basis += "; the place's point, the site itself is not geocoded"
    return [lat, lon, basis]


def write(frame: pd.DataFrame, out: Path) -> None:
    frame.to_csv(out, index=False, encoding="utf-8", lineterminator="\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sources", type=Path, default=ROOT / "data" / "sources")
    parser.add_argument("--provinces", type=Path, default=ROOT / "data" / "provinces.geojson")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "initiatives.csv")
    args = parser.parse_args(argv)
    frame = curate(args.sources, args.provinces)
    write(frame, args.out)
    counts = frame["location_precision"].value_counts().to_dict()
    print(f"wrote {args.out} ({len(frame)} rows; {counts})")


if __name__ == "__main__":
    main()
