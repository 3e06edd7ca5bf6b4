"""Synthetic data sets of N initiatives for benchmarks: never shipped, always labelled synthetic.

Points are uniform inside their province polygon (rejection sampling with shapely), provinces are
weighted by population, and every other field is drawn from the allowed values, so the folder
passes `kansenkaart.dataset.load_dataset` like the real data does. As in data version 2, about half
the rows are province-wide (no point, empty lat/lon) and a few name an earlier row of their
province in `same_as`; the real indicators and province shapes are copied alongside.

    .venv/bin/python -m bench.generate 10000          # -> bench/out/data-10000/
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
REAL_DATA = ROOT / "data"
COORD_DECIMALS = 5

#: Closed vocabularies, copied from data/README.md (the benchmark must not depend on app code
#: that is being edited; load_dataset checks that these still agree).
THEMES = ("climate", "jobs", "innovation", "energy", "environment")
THEME_P = (0.45, 0.35, 0.55, 0.35, 0.85)
KINDS = ("programme", "initiative", "result", "icoonproject", "network", "roadmap")
KIND_P = (0.15, 0.45, 0.15, 0.08, 0.12, 0.05)
STATUSES = ("ongoing", "completed", "planned", "unknown")
STATUS_P = (0.5, 0.2, 0.1, 0.2)
#: Shares of data/initiatives.csv version 2 (90 site, 34 place, 129 province rows of 253).
PRECISIONS = ("site", "place", "province")
PRECISION_P = (0.36, 0.13, 0.51)
#: About one row in twelve is a phase or partner of another (21 of 253 in the real data).
SAME_AS_SHARE = 0.08
#: Written into `.complete`: a folder made by an older generator is made again.
FORMAT = "data version 2"
#: Real files copied unchanged next to the synthetic initiatives.
COPIED_FILES = ("provinces.geojson", "indicators.csv")


def data_dir(n: int, seed: int = 1) -> Path:
    """Where the data set of n initiatives lives."""
    return OUT / f"data-{n}" if seed == 1 else OUT / f"data-{n}-seed{seed}"


def _provinces() -> tuple[list[str], list[str], np.ndarray, list]:
    features = json.loads((REAL_DATA / "provinces.geojson").read_text())["features"]
    codes = [f["properties"]["statcode"] for f in features]
    names = [f["properties"]["name"] for f in features]
    population = np.array([float(f["properties"].get("population") or 1) for f in features])
    shapes = [shape(f["geometry"]) for f in features]
    for geom in shapes:
        shapely.prepare(geom)
    return codes, names, population / population.sum(), shapes


def _points_in(geom, count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """`count` points uniform inside `geom`, rounded as written, each still inside after rounding."""
    west, south, east, north = geom.bounds
    lons: list[np.ndarray] = []
    lats: list[np.ndarray] = []
    found = 0
    while found < count:
        batch = max(64, int((count - found) * 3))
        lon = np.round(rng.uniform(west, east, batch), COORD_DECIMALS)
        lat = np.round(rng.uniform(south, north, batch), COORD_DECIMALS)
        inside = shapely.contains_xy(geom, lon, lat)
        lons.append(lon[inside])
        lats.append(lat[inside])
        found += int(inside.sum())
    return np.concatenate(lats)[:count], np.concatenate(lons)[:count]


def _themes(count: int, rng: np.random.Generator) -> list[str]:
    chosen = rng.random((count, len(THEMES))) < np.array(THEME_P)
    empty = ~chosen.any(axis=1)
    chosen[empty, rng.integers(0, len(THEMES), int(empty.sum()))] = True
    return [";".join(t for t, on in zip(THEMES, row, strict=True) if on) for row in chosen]


def _coordinates(
    province_index: np.ndarray, has_point: np.ndarray, shapes: list, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Points for the rows that have one, NaN (an empty cell) for province-wide rows."""
    lat = np.full(len(province_index), np.nan)
    lon = np.full(len(province_index), np.nan)
    for index, geom in enumerate(shapes):
        rows = np.flatnonzero((province_index == index) & has_point)
        if len(rows):
            lat[rows], lon[rows] = _points_in(geom, len(rows), rng)
    return lat, lon


def _same_as(ids: list[str], province_index: np.ndarray, rng: np.random.Generator) -> list[str]:
    """A few rows name the last main row of their own province: one level, no chains."""
    linked = rng.random(len(ids)) < SAME_AS_SHARE
    same_as = [""] * len(ids)
    last_main: dict[int, str] = {}
    for row, province in enumerate(province_index.tolist()):
        if linked[row] and province in last_main:
            same_as[row] = last_main[province]
        else:
            last_main[province] = ids[row]
    return same_as


def synthetic_frame(n: int, seed: int = 1) -> pd.DataFrame:
    """n synthetic initiatives as the columns of initiatives.csv."""
    rng = np.random.default_rng(seed)
    codes, names, weights, shapes = _provinces()
    province_index = rng.choice(len(codes), size=n, p=weights)
    precision = rng.choice(PRECISIONS, size=n, p=PRECISION_P)
    has_point = precision != "province"
    lat, lon = _coordinates(province_index, has_point, shapes, rng)
    years = rng.integers(1990, 2031, n).astype(object)
    years[rng.random(n) < 0.2] = ""
    ids = [f"SYN-{i:06d}" for i in range(1, n + 1)]
    province_names = np.array(names)[province_index]
    return pd.DataFrame(
        {
            "id": ids,
            "name": [
                f"Synthetic initiative {i} ({p})" for i, p in zip(ids, province_names, strict=True)
            ],
            "province": np.array(codes)[province_index],
            "municipality": "",
            "lat": lat,
            "lon": lon,
            "coord_basis": np.where(
                has_point,
                "synthetic: uniform random point inside the province",
                "province-wide: no point",
            ),
            "kind": rng.choice(KINDS, size=n, p=KIND_P),
            "themes": _themes(n, rng),
            "status": rng.choice(STATUSES, size=n, p=STATUS_P),
            "start_year": years,
            "organisations": [f"Synthetic organisation {k}" for k in rng.integers(1, 500, n)],
            "summary": "Synthetic benchmark row generated by bench/generate.py; not a real initiative.",
            "source_url": [f"https://example.org/synthetic/{i}" for i in ids],
            "location_precision": precision,
            "place": [
                f"Synthetic place {i}" if p else "" for i, p in zip(ids, has_point, strict=True)
            ],
            "same_as": _same_as(ids, province_index, rng),
        }
    )


def generate(n: int, seed: int = 1, *, force: bool = False) -> Path:
    """Write (once per FORMAT) a data folder of n synthetic initiatives plus the real province
    shapes and indicators."""
    folder = data_dir(n, seed)
    done = folder / ".complete"
    if not force and done.exists() and done.read_text().startswith(FORMAT):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for name in COPIED_FILES:
        shutil.copyfile(REAL_DATA / name, folder / name)
    frame = synthetic_frame(n, seed)
    frame.to_csv(folder / "initiatives.csv", index=False, float_format=f"%.{COORD_DECIMALS}f")
    done.write_text(f"{FORMAT}: {n} synthetic initiatives, seed {seed}\n")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="+", type=int, help="numbers of initiatives")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--force", action="store_true", help="regenerate existing folders")
    parser.add_argument("--validate", action="store_true", help="check with load_dataset")
    args = parser.parse_args()
    for n in args.sizes:
        folder = generate(n, args.seed, force=args.force)
        print(folder)
        if args.validate:
            from kansenkaart.dataset import load_dataset

            data = load_dataset(folder)
            print(f"  valid: {len(data.initiatives)} initiatives, version {data.version}")


if __name__ == "__main__":
    main()
