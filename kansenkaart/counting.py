"""Counting initiatives, not rows: a row with `same_as` is another phase or partner of the row it
names. It counts once with that row in the same province, and once in its own province when the
programme also works there. The key for that is the frame's `count_key` column."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def count_keys(ids: pd.Series, same_as: pd.Series, provinces: pd.Series) -> pd.Series:
    """`main-id@province`: equal for rows of one initiative in one province."""
    main = same_as.where(same_as.fillna("").astype(str) != "", ids)
    return main.astype(str) + "@" + provinces.astype(str)


def distinct_per_province(
    frame: pd.DataFrame, mask: pd.Series | np.ndarray, province_codes: Sequence[str]
) -> np.ndarray:
    """Initiatives among the masked rows per province, in the order of `province_codes`."""
    chosen = frame.loc[np.asarray(mask, dtype=bool), ["province", "count_key"]]
    counts = chosen.groupby("province")["count_key"].nunique()
    return counts.reindex(list(province_codes), fill_value=0).to_numpy(dtype=int)


def distinct_total(frame: pd.DataFrame, mask: pd.Series | np.ndarray) -> int:
    """Initiatives among the masked rows, counted once per province they work in."""
    return int(frame.loc[np.asarray(mask, dtype=bool), "count_key"].nunique())


def related_rows(frame: pd.DataFrame, row_id: str) -> list[str]:
    """Ids of the other rows of the same initiative: its phases and partners, or, for such a row,
    the main row first and then its siblings. Empty when the row stands alone or is unknown."""
    found = frame.loc[frame["id"] == row_id, "same_as"]
    if found.empty:
        return []
    main = str(found.iloc[0] or "") or row_id
    linked = frame.loc[(frame["same_as"] == main) & (frame["id"] != row_id), "id"].tolist()
    return ([main] if main != row_id else []) + linked
