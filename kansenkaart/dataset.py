"""Load and validate the data files into one immutable DataSet, or nothing at all.

A DataSet is built only when every row of every file passed; otherwise DataError carries the
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
import shapely.geometry

from kansenkaart.counting import count_keys
from kansenkaart.csv_reading import read_csv_file
from kansenkaart.geometry import CLOCKWISE, oriented
from kansenkaart.indicators import load_indicators
from kansenkaart.placement import spread_shared_points
from kansenkaart.problems import DataError, Problem
from kansenkaart.registry import PROVINCE_CODES, THEMES
from kansenkaart.schema import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, InitiativeRow, parse_row
from kansenkaart.settings import Settings

PROVINCES_FILE = "provinces.geojson"
INITIATIVES_FILE = "initiatives.csv"
INDICATORS_FILE = "indicators.csv"
PROVINCE_PROPERTIES = ("statcode", "name")
#: How far outside its province outline a point may lie. The outline is simplified (0.001°
#: vertices, no tidal water), so real coastal places such as Bath (Zeeland, ~410 m) fall just
#: outside it; 1 km accepts those and still catches a point in the wrong province.
COASTAL_TOLERANCE_M = 1000.0
#: Rijksdriehoeksstelsel: metres, for the distance to a province outline.
METRIC_CRS = "EPSG:28992"


@dataclass(frozen=True)
class DataSet:
    """Everything the app shows, validated, for one version of the data files."""

    initiatives: pd.DataFrame
    provinces: pd.DataFrame
    indicators: pd.DataFrame
    geojson: dict
    version: str
    warnings: list[Problem] = field(default_factory=list)

    @cached_property
    def initiative_ids(self) -> frozenset[str]:
        """Every id in the data, for checking one from a link."""
        return frozenset(self.initiatives["id"])

    def province_of(self, initiative: str) -> str | None:
        """The province of an initiative's row, or None for an id not in the data."""
        rows = self.initiatives.loc[self.initiatives["id"] == initiative, "province"]
        return str(rows.iloc[0]) if len(rows) else None

    def province_name(self, code: str) -> str:
        return str(self.provinces.at[code, "name"])


@dataclass(frozen=True)
class Limits:
    """The largest data accepted (settings MAX_ROWS and MAX_BYTES): checked on the file sizes and
    a line count, before anything is parsed, so a huge file costs neither time nor memory."""

    max_rows: int = Settings.max_rows
    max_bytes: int = Settings.max_bytes


#: The settings' defaults, for callers without settings (the validate command, tests).
DEFAULT_LIMITS = Limits()


def size_problems(data_dir: Path, limits: Limits) -> list[Problem]:
    """Each data file over MAX_BYTES, named with its size and the limit."""
    problems = []
    for name in (PROVINCES_FILE, INITIATIVES_FILE, INDICATORS_FILE):
        try:
            size = (data_dir / name).stat().st_size
        except OSError:
            continue  # reported by the reader, with the reason
        if size > limits.max_bytes:
            message = (
                f"is {size:,} bytes, more than the limit of {limits.max_bytes:,} "
                "(setting MAX_BYTES); raise MAX_BYTES or shorten the file"
            )
            problems.append(Problem(name, 0, "bytes", message))
    return problems


def load_dataset(data_dir: Path, limits: Limits = DEFAULT_LIMITS) -> DataSet:
    """Read, validate and index the files; raise DataError listing every problem found."""
    too_big = size_problems(data_dir, limits)
    if too_big:
        raise DataError(too_big)
    raw_geojson, geo_bytes, problems = _read_geojson(data_dir / PROVINCES_FILE)
    provinces = _province_frame(raw_geojson, problems) if raw_geojson else None
    table = read_csv_file(
        data_dir / INITIATIVES_FILE, REQUIRED_COLUMNS, OPTIONAL_COLUMNS, limits.max_rows
    )
    problems.extend(table.problems)
    rows: list[tuple[int, InitiativeRow]] = []
    # Each raw row is let go once parsed: a lower peak, and no million-object free at the end.
    raw_rows, table.rows = table.rows[::-1], []
    while raw_rows:
        line, raw = raw_rows.pop()
        row, row_problems = parse_row(raw, INITIATIVES_FILE, line)
        problems.extend(row_problems)
        if row is not None:
            rows.append((line, row))
    problems.extend(_duplicate_ids(rows))
    problems.extend(same_as_problems(rows))
    if provinces is not None:
        problems.extend(_points_outside_province(rows, provinces))
    indicators, indicator_problems = load_indicators(data_dir / INDICATORS_FILE)
    problems.extend(indicator_problems)
    if problems:
        raise DataError(problems)
    assert raw_geojson is not None and provinces is not None  # else a problem was raised
    csv_bytes = (data_dir / INITIATIVES_FILE).read_bytes()
    indicator_bytes = (data_dir / INDICATORS_FILE).read_bytes()
    version = hashlib.sha256(geo_bytes + csv_bytes + indicator_bytes).hexdigest()[:12]
    models = [r for _, r in rows]
    drop_gradually(rows)
    initiatives = initiative_frame(models)
    drop_gradually(models)
    return DataSet(
        initiatives=initiatives,
        provinces=provinces.drop(columns="geometry"),
        indicators=indicators,
        geojson=clockwise(raw_geojson),
        version=version,
        warnings=table.warnings,
    )


#: Objects freed per step by `drop_gradually`: a few milliseconds of work each.
DROP_CHUNK = 5_000


def drop_gradually(items: list) -> None:
    """Empty a long list a chunk at a time. Freeing 200,000 rows at once is one C call that
    holds the interpreter lock for about a second; in chunks, a reload running in a background
    thread lets the request threads (/healthz) in between."""
    while items:
        del items[-DROP_CHUNK:]


def clockwise(geojson: dict) -> dict:
    """The shapes with exterior rings clockwise, as plotly's geo drawing (d3) needs them, whatever
    the file's winding: an RFC 7946 file (counter-clockwise) would otherwise paint each province
    as the whole globe minus the province. Exports write RFC 7946 order themselves."""
    features = [
        {**f, "geometry": shapely.geometry.mapping(oriented(f["geometry"], CLOCKWISE))}
        for f in geojson["features"]
    ]
    return {**geojson, "features": features}


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
    if "population" not in frame.columns:
        frame["population"] = np.nan
    frame["population"] = pd.to_numeric(frame["population"], errors="coerce")
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


def same_as_problems(rows: list[tuple[int, InitiativeRow]]) -> list[Problem]:
    """`same_as` names another existing row that is itself a main row: one level, no chains."""
    by_id = {row.id: row for _, row in rows}
    problems = []
    for line, row in rows:
        target = row.same_as
        if not target:
            continue
        if target == row.id:
            message = "names the row itself"
        elif target not in by_id:
            message = f"'{target}' is not the id of a row in this file"
        elif by_id[target].same_as:
            message = (
                f"'{target}' itself has same_as '{by_id[target].same_as}'; "
                "name the main row directly"
            )
        else:
            continue
        problems.append(Problem(INITIATIVES_FILE, line, "same_as", message))
    return problems


def _points_outside_province(
    rows: list[tuple[int, InitiativeRow]], provinces: pd.DataFrame
) -> list[Problem]:
    problems = []
    for line, row in rows:
        if row.lat is None or row.lon is None or row.province not in provinces.index:
            continue
        message = outside_province(provinces, row.province, row.lat, row.lon)
        if message:
            problems.append(Problem(INITIATIVES_FILE, line, "lat/lon", message))
    return problems


def outside_province(provinces: pd.DataFrame, code: str, lat: float, lon: float) -> str | None:
    """Why (lat, lon) does not belong to province `code`, or None when it lies inside the outline
    or within COASTAL_TOLERANCE_M of it. `provinces`: indexed by statcode, `name`, `geometry`."""
    shape = provinces.at[code, "geometry"]
    if shapely.contains_xy(shape, lon, lat):
        return None
    distance = distance_to_shape_m(shape, lat, lon)
    if distance <= COASTAL_TOLERANCE_M:
        return None
    inside = [c for c, g in provinces.geometry.items() if shapely.contains_xy(g, lon, lat)]
    where = (
        f"it lies in {provinces.at[inside[0], 'name']!s}"
        if inside
        else "it lies outside every province"
    )
    name = str(provinces.at[code, "name"])
    return f"({lat}, {lon}) is not inside {name}: {where}, {distance / 1000:.1f} km from {name}"


def distance_to_shape_m(shape: shapely.Geometry, lat: float, lon: float) -> float:
    """Metres from the point to the WGS84 shape, measured in the Dutch national grid."""
    projected = gpd.GeoSeries([shape, shapely.Point(lon, lat)], crs="EPSG:4326").to_crs(METRIC_CRS)
    return float(projected.iloc[0].distance(projected.iloc[1]))


def initiative_frame(rows: list[InitiativeRow]) -> pd.DataFrame:
    """Rows as a frame with one boolean column per theme and a folded search text, for fast filters."""
    records = [r.model_dump() for r in rows]
    frame = pd.DataFrame(records, columns=list(InitiativeRow.model_fields))
    drop_gradually(records)
    frame["start_year"] = frame["start_year"].astype("Int64")
    # Province rows have no point: NaN, never a stand-in such as the capital.
    frame["lat"] = pd.to_numeric(frame["lat"], errors="coerce").astype(float)
    frame["lon"] = pd.to_numeric(frame["lon"], errors="coerce").astype(float)
    frame["count_key"] = count_keys(frame["id"], frame["same_as"], frame["province"])
    theme_sets = frame["themes"].str.split(";")
    for theme in THEMES:
        frame[f"theme_{theme}"] = theme_sets.map(lambda ts, t=theme: t in ts).astype(bool)
    text = frame["name"] + " " + frame["summary"] + " " + frame["organisations"]
    frame["search_text"] = text.map(fold_text)
    frame["map_lat"], frame["map_lon"] = spread_shared_points(frame["lat"], frame["lon"])
    frame["has_point"] = frame["map_lat"].notna().to_numpy()
    # Integer codes of the counting key and main rows first: a filter keeps one row per key fast.
    frame["count_code"] = pd.factorize(frame["count_key"])[0]
    frame["is_main"] = frame["same_as"].fillna("").astype(str).eq("").to_numpy()
    return frame.reset_index(drop=True)


def fold_text(text: str) -> str:
    """Lower case without accents, so 'fryslan' finds 'Fryslân'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
