"""Load and validate the two data files into one immutable DataSet, or nothing at all.

A DataSet is built only when every row of both files passed; otherwise DataError carries the
full list of problems, so a caller never works with half-loaded data.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from kansenkaart.csv_reading import read_csv_file
from kansenkaart.placement import spread_shared_points
from kansenkaart.problems import DataError, Problem
from kansenkaart.registry import PROVINCE_CODES, THEMES
from kansenkaart.schema import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, InitiativeRow, parse_row

PROVINCES_FILE = "provinces.geojson"
INITIATIVES_FILE = "initiatives.csv"
PROVINCE_PROPERTIES = ("statcode", "name")


@dataclass(frozen=True)
class DataSet:
    """Everything the app shows, validated, for one version of the data files."""

    initiatives: pd.DataFrame
    provinces: pd.DataFrame
    geojson: dict
    version: str
    warnings: list[Problem] = field(default_factory=list)

    @cached_property
    def initiative_ids(self) -> frozenset[str]:
        """Every id in the data, for checking one from a link."""
        return frozenset(self.initiatives["id"])

    def province_name(self, code: str) -> str:
        return str(self.provinces.at[code, "name"])


def load_dataset(data_dir: Path) -> DataSet:
    """Read, validate and index both files; raise DataError listing every problem found."""
    raw_geojson, geo_bytes, problems = _read_geojson(data_dir / PROVINCES_FILE)
    provinces = _province_frame(raw_geojson, problems) if raw_geojson else None
    table = read_csv_file(data_dir / INITIATIVES_FILE, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
    problems.extend(table.problems)
    rows: list[tuple[int, InitiativeRow]] = []
    for line, raw in table.rows:
        row, row_problems = parse_row(raw, INITIATIVES_FILE, line)
        problems.extend(row_problems)
        if row is not None:
            rows.append((line, row))
    problems.extend(_duplicate_ids(rows))
    if provinces is not None:
        problems.extend(_points_outside_province(rows, provinces))
    if problems:
        raise DataError(problems)
    assert raw_geojson is not None and provinces is not None  # else a problem was raised
    csv_bytes = (data_dir / INITIATIVES_FILE).read_bytes()
    version = hashlib.sha256(geo_bytes + csv_bytes).hexdigest()[:12]
    return DataSet(
        initiatives=initiative_frame([r for _, r in rows]),
        provinces=provinces.drop(columns="geometry"),
        geojson=raw_geojson,
        version=version,
        warnings=table.warnings,
    )


def validate(data_dir: Path) -> list[Problem]:
    """Every problem in the data folder; empty when the app would start."""
    try:
        load_dataset(data_dir)
    except DataError as error:
        return error.problems
    return []


def _read_geojson(path: Path) -> tuple[dict | None, bytes, list[Problem]]:
    try:
        raw = path.read_bytes()
        return json.loads(raw), raw, []
    except OSError as error:
        return None, b"", [Problem(path.name, 0, "file", f"cannot be read: {error.strerror}")]
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        line = getattr(error, "lineno", 0)
        return None, b"", [Problem(path.name, line, "json", f"is not valid GeoJSON: {error}")]


def _province_frame(geojson: dict, problems: list[Problem]) -> pd.DataFrame | None:
    """The 12 provinces with their facts and shapes, checked against the CBS codes."""
    name = PROVINCES_FILE
    features = geojson.get("features") if isinstance(geojson, dict) else None
    if not isinstance(features, list):
        problems.append(Problem(name, 0, "features", "no FeatureCollection found"))
        return None
    try:
        frame = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        problems.append(Problem(name, 0, "features", f"cannot be read as shapes: {error}"))
        return None
    for column in PROVINCE_PROPERTIES:
        if column not in frame.columns:
            problems.append(Problem(name, 0, column, "property is missing from the features"))
            return None
    codes = sorted(frame["statcode"].astype(str))
    if codes != sorted(PROVINCE_CODES):
        problems.append(
            Problem(name, 0, "statcode", f"expected the 12 codes PV20..PV31, found {codes}")
        )
        return None
    invalid = frame.loc[~frame.geometry.is_valid, "statcode"].tolist()
    if invalid:
        problems.append(Problem(name, 0, "geometry", f"invalid shapes for {invalid}"))
        return None
    frame = frame.set_index("statcode").loc[list(PROVINCE_CODES)]
    for column in ("population", "land_area_km2"):
        if column not in frame.columns:
            frame[column] = np.nan
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    for column in ("capital", "ce_programme", "ce_programme_source"):
        if column not in frame.columns:
            frame[column] = ""
        frame[column] = frame[column].fillna("").astype(str)
    return frame


def _duplicate_ids(rows: list[tuple[int, InitiativeRow]]) -> list[Problem]:
    first_seen: dict[str, int] = {}
    problems = []
    for line, row in rows:
        if row.id in first_seen:
            message = f"'{row.id}' is used before, on line {first_seen[row.id]}"
            problems.append(Problem(INITIATIVES_FILE, line, "id", message))
        else:
            first_seen[row.id] = line
    return problems


def _points_outside_province(
    rows: list[tuple[int, InitiativeRow]], provinces: pd.DataFrame
) -> list[Problem]:
    problems = []
    for line, row in rows:
        shape = provinces.at[row.province, "geometry"]
        if not shapely.contains_xy(shape, row.lon, row.lat):
            inside = [
                c for c, g in provinces.geometry.items() if shapely.contains_xy(g, row.lon, row.lat)
            ]
            where = (
                f"it lies in {provinces.at[inside[0], 'name']!s}"
                if inside
                else "it lies outside every province"
            )
            message = f"({row.lat}, {row.lon}) is not inside {provinces.at[row.province, 'name']!s}: {where}"
            problems.append(Problem(INITIATIVES_FILE, line, "lat/lon", message))
    return problems


def initiative_frame(rows: list[InitiativeRow]) -> pd.DataFrame:
    """Rows as a frame with one boolean column per theme and a folded search text, for fast filters."""
    frame = pd.DataFrame([r.model_dump() for r in rows], columns=list(InitiativeRow.model_fields))
    frame["start_year"] = frame["start_year"].astype("Int64")
    theme_sets = frame["themes"].str.split(";")
    for theme in THEMES:
        frame[f"theme_{theme}"] = theme_sets.map(lambda ts, t=theme: t in ts).astype(bool)
    text = frame["name"] + " " + frame["summary"] + " " + frame["organisations"]
    frame["search_text"] = text.map(fold_text)
    frame["map_lat"], frame["map_lon"] = spread_shared_points(frame["lat"], frame["lon"])
    return frame.reset_index(drop=True)


def fold_text(text: str) -> str:
    """Lower case without accents, so 'fryslan' finds 'Fryslân'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
