"""Per-province figures: counts, counts per 100,000 inhabitants and location quotients."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Final

import numpy as np
import pandas as pd

from kansenkaart.filtering import theme_mask, view_mask
from kansenkaart.registry import FILTER_THEMES, METRICS, PROVINCE_CODES
from kansenkaart.view import View

_PROVINCES = pd.Index(PROVINCE_CODES, name="province")


def count_by_province(frame: pd.DataFrame, view: View) -> pd.Series:
    """Matching initiatives per province, every province present; the province filter is ignored
    so the choropleth keeps showing the whole country while one province is selected."""
    counts = _per_province(frame, view_mask(frame, view, province=False))
    return pd.Series(counts, index=_PROVINCES, name="count")


def _per_province(frame: pd.DataFrame, mask: np.ndarray) -> np.ndarray:
    """How many rows of the mask each province has, in CBS order (a theme click counts 27 times:
    numpy's bincount, not a pandas group-by)."""
    position = _PROVINCES.get_indexer(frame["province"].to_numpy()[mask])  # -1: not a province
    return np.bincount(position[position >= 0], minlength=len(_PROVINCES))


def per_100k(counts: pd.Series, population: pd.Series) -> pd.Series:
    """Counts per 100,000 inhabitants; NaN where the population is unknown."""
    population = population.reindex(counts.index).astype(float)
    return (counts / population * 100_000).where(population > 0)


def location_quotient(
    frame: pd.DataFrame, view: View, themes: tuple[str, ...] | None = None, match: str | None = None
) -> pd.Series:
    """(province's share of its initiatives in the themes) / (national share), per province.

    Both shares are over the initiatives that pass every filter except theme and province.
    NaN where a province has no initiatives (no data, not 0) or the nation has none in the themes.
    """
    themes = view.theme if themes is None else themes
    match = view.match if match is None else match
    base = view_mask(frame, view, theme=False, province=False)
    totals = pd.Series(_per_province(frame, base), index=_PROVINCES, dtype=float)
    hits = pd.Series(
        _per_province(frame, base & theme_mask(frame, themes, match)), index=_PROVINCES, dtype=float
    )
    national = hits.sum() / totals.sum() if totals.sum() else np.nan
    share = (hits / totals).where(totals > 0)
    return (share / national) if national and national > 0 else share * np.nan


def _count(frame: pd.DataFrame, view: View, population: pd.Series) -> pd.Series:
    return count_by_province(frame, view).astype(float)


def _per_100k(frame: pd.DataFrame, view: View, population: pd.Series) -> pd.Series:
    return per_100k(count_by_province(frame, view), population)


def _lq(frame: pd.DataFrame, view: View, population: pd.Series) -> pd.Series:
    return location_quotient(frame, view)


@dataclass(frozen=True)
class Metric:
    """One way to colour the map. Its labels are `metric.<key>`, `metric.short.<key>` and
    `unit.<key>` in kansenkaart/i18n.py: adding a metric touches this registry and that table."""

    key: str
    values: Callable[[pd.DataFrame, View, pd.Series], pd.Series]
    #: plotly's d3 number format for hover texts
    hover_format: str
    #: centred on 1 (a ratio to the national figure) rather than counting up from 0
    diverging: bool = False
    #: a metric that means nothing without a theme selection falls back to the count
    needs_theme: bool = False


METRIC_REGISTRY: Final[dict[str, Metric]] = {
    m.key: m
    for m in (
        Metric("count", _count, ",.0f"),
        Metric("per100k", _per_100k, ",.1f"),
        Metric("lq", _lq, ".2f", diverging=True, needs_theme=True),
    )
}
assert tuple(METRIC_REGISTRY) == METRICS, "registry.METRICS lists the metrics in this order"


def shown_metric(view: View) -> str:
    """The metric the map really shows: one that needs a theme falls back to the count."""
    if METRIC_REGISTRY[view.metric].needs_theme and not view.theme:
        return "count"
    return view.metric


def metric_values(frame: pd.DataFrame, view: View, population: pd.Series) -> pd.Series:
    """The choropleth's value per province for the metric the view shows."""
    return METRIC_REGISTRY[shown_metric(view)].values(frame, view, population)


def theme_profile(frame: pd.DataFrame, view: View, province: str) -> pd.DataFrame:
    """Per filter theme for one province: count and location quotient (the krachtenkaart)."""
    base_view = view.without("theme", "province")
    rows = []
    for theme in FILTER_THEMES:
        themed = replace(base_view, theme=(theme,))
        count = int(count_by_province(frame, themed)[province])
        lq = location_quotient(frame, base_view, (theme,), "any")[province]
        rows.append({"theme": theme, "count": count, "lq": lq})
    return pd.DataFrame(rows).set_index("theme")
