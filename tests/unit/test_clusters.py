"""The cluster layer: one circle per occupied grid cell, as a plain grouping of the shown rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from layers.clusters import CELL_LAT, CELL_LON, cluster_updates


def grouped_by_pandas(lat: np.ndarray, lon: np.ndarray) -> pd.DataFrame:
    """The same grouping written the obvious way (the layer's first version)."""
    frame = pd.DataFrame({"lat": lat, "lon": lon}).dropna()
    frame["row"] = np.floor(frame["lat"] / CELL_LAT)
    frame["col"] = np.floor(frame["lon"] / CELL_LON)
    return frame.groupby(["row", "col"], sort=False).agg(
        lat=("lat", "mean"), lon=("lon", "mean"), count=("lat", "size")
    )


def test_cells_counts_and_positions_match_a_plain_grouping() -> None:
    rng = np.random.default_rng(7)
    lat = rng.uniform(50.8, 53.5, 5_000)
    lon = rng.uniform(3.4, 7.2, 5_000)
    lat[::17] = np.nan  # province-wide rows: no point, not clustered
    drawn = cluster_updates(lat, lon, "nl")
    expected = grouped_by_pandas(lat, lon)
    assert len(drawn["lat"]) == len(expected)
    assert np.allclose(drawn["lat"], expected["lat"].round(3), atol=1e-3)
    assert np.allclose(drawn["lon"], expected["lon"].round(3), atol=1e-3)
    counts = drawn["customdata"]
    assert counts == expected["count"].tolist()
    assert sum(counts) == int((~np.isnan(lat)).sum())


def test_the_largest_cell_gets_the_largest_circle() -> None:
    lat = np.array([52.01, 52.02, 52.03, 51.01])
    lon = np.array([5.01, 5.02, 5.03, 4.01])
    drawn = cluster_updates(lat, lon, "en")
    assert drawn["marker.size"][0] == max(drawn["marker.size"])
    assert drawn["lat"] == [52.02, 51.01]


def test_no_shown_initiative_draws_no_circle() -> None:
    drawn = cluster_updates(np.array([]), np.array([]), "nl")
    assert (drawn["lat"], drawn["customdata"]) == ([], [])


def test_the_hover_names_the_count_with_the_pages_separators() -> None:
    drawn = cluster_updates(np.array([52.01, 52.02]), np.array([5.01, 5.02]), "nl")
    assert drawn["customdata"] == [2]
    assert drawn["hovertemplate"].startswith("%{customdata:,} initiatieven in dit gebied")
