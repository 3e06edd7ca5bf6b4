"""The time view: the initiatives of a view by start year, and how many have no known start year.

Counted as the map and the summary count (one row per initiative and province, `view_mask`), with
the view's year range left out: the chart shows the whole span so a reader sees where a range
sits and can click any year. Initiatives without a start year are never drawn at a guessed year;
their number is always stated beside the chart.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kansenkaart.filtering import view_mask
from kansenkaart.view import View


@dataclass(frozen=True)
class YearCounts:
    #: Every year from the first to the last known start year (gaps as 0, so the axis is even).
    years: tuple[int, ...]
    counts: tuple[int, ...]
    #: Initiatives of the view without a known start year (not in `counts`).
    unknown: int

    @property
    def known(self) -> int:
        return sum(self.counts)

    def up_to(self, year: int) -> int:
        """Initiatives with a known start year up to and including `year`."""
        return sum(c for y, c in zip(self.years, self.counts, strict=True) if y <= year)


def year_counts(frame: pd.DataFrame, view: View) -> YearCounts:
    """Initiatives of `view` (its year range left out) per start year."""
    mask = view_mask(frame, view.without("year_from", "year_to"))
    years = frame["start_year"].to_numpy(dtype=float, na_value=np.nan)[mask]
    known = years[~np.isnan(years)].astype(int)
    unknown = int(np.count_nonzero(np.isnan(years)))
    if known.size == 0:
        return YearCounts((), (), unknown)
    first, last = int(known.min()), int(known.max())
    counts = np.bincount(known - first, minlength=last - first + 1)
    return YearCounts(tuple(range(first, last + 1)), tuple(int(c) for c in counts), unknown)


def cumulative_years(counts: YearCounts, steps: int) -> tuple[int, ...]:
    """Up to `steps` years at which an "up to year Y" sequence stops: where the running count
    first reaches each equal share of the known start years, so every step adds about as many
    initiatives; the last is the last known year. Fewer when years coincide."""
    if not counts.years:
        return ()
    running = np.cumsum(counts.counts)
    total = int(running[-1])
    stops = []
    for step in range(1, steps + 1):
        target = total * step / steps
        stops.append(counts.years[int(np.searchsorted(running, target - 1e-9))])
    return tuple(dict.fromkeys(stops))
