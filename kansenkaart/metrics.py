"""Per-province figures: counts, counts per 100,000 inhabitants and location quotients."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Final

import numpy as np
import pandas as pd

from kansenkaart.coverage import COLLECTED_UNTIL
from kansenkaart.dataset import DataSet
from kansenkaart.filtering import view_mask
from kansenkaart.i18n import t
from kansenkaart.indicators import (
    INDICATORS,
    Indicator,
    indicator_meta,
    indicator_values,
    province_note,
    source_names,
)
from kansenkaart.registry import FILTER_THEMES, METRICS, PROVINCE_CODES
from kansenkaart.statistics import Comparison, compare_provinces
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


def theme_counts(
    frame: pd.DataFrame, view: View, themes: tuple[str, ...], match: str
) -> tuple[np.ndarray, np.ndarray]:
    """Per province: initiatives in the themes (hits) and initiatives passing every filter but
    theme and province (the total a share is taken of)."""
    # Each through the whole filter: one row per initiative is chosen after the theme test, so
    # an initiative whose second row alone has the theme still counts (filtering.py).
    hits = view_mask(frame, replace(view, theme=themes, match=match), province=False)
    return _per_province(frame, hits), _per_province(
        frame, view_mask(frame, view, theme=False, province=False)
    )


def lq_comparisons(
    frame: pd.DataFrame, view: View, themes: tuple[str, ...] | None = None, match: str | None = None
) -> dict[str, Comparison]:
    """Each province's share in the themes against the country's: LQ (or why it is not shown),
    Fisher's test and the verdict (kansenkaart/statistics.py, docs/methodology.md)."""
    hits, totals = theme_counts(
        frame,
        view,
        view.theme if themes is None else themes,
        view.match if match is None else match,
    )
    return dict(zip(PROVINCE_CODES, compare_provinces(hits, totals), strict=True))


def too_few_for_lq(frame: pd.DataFrame, view: View) -> frozenset[str]:
    """Provinces whose LQ for the view's themes is not shown because it rests on too few
    initiatives (the map draws them in their own style, not as "no data")."""
    if shown_metric(view) != "lq":
        return frozenset()
    return frozenset(
        code
        for code, c in lq_comparisons(frame, view).items()
        if c.reason in ("too_few_total", "too_few_selected")
    )


def location_quotient(
    frame: pd.DataFrame, view: View, themes: tuple[str, ...] | None = None, match: str | None = None
) -> pd.Series:
    """(province's share of its initiatives in the themes) / (national share), per province.

    NaN where it would rest on too few initiatives (fewer than 5 in the themes or 10 in all) or
    the country has none in the themes: see `lq_comparisons` for the reason.
    """
    comparisons = lq_comparisons(frame, view, themes, match)
    values = [np.nan if c.lq is None else c.lq for c in comparisons.values()]
    return pd.Series(values, index=_PROVINCES, dtype=float, name="lq")


def _count(data: DataSet, view: View) -> pd.Series:
    return count_by_province(data.initiatives, view).astype(float)


def _per_100k(data: DataSet, view: View) -> pd.Series:
    return per_100k(count_by_province(data.initiatives, view), data.provinces["population"])


def _lq(data: DataSet, view: View) -> pd.Series:
    return location_quotient(data.initiatives, view)


@dataclass(frozen=True)
class Metric:
    """One way to colour the map. An initiative metric's labels are `metric.<key>`,
    `metric.short.<key>` and `unit.<key>` in kansenkaart/i18n.py (adding one touches this
    registry and that table); an indicator's come with it from kansenkaart/indicators.py."""

    key: str
    values: Callable[[DataSet, View], pd.Series]
    #: plotly's d3 number format for hover texts
    hover_format: str
    #: "initiatives" (counted from the collection) or "indicators" (a published figure)
    group: str = "initiatives"
    #: centred on 1 (a ratio to the national figure) rather than counting up from 0
    diverging: bool = False
    #: a metric that means nothing without a theme selection falls back to the count
    needs_theme: bool = False
    indicator: Indicator | None = None

    def label(self, lang: str) -> str:
        return self.indicator.label[lang] if self.indicator else t(f"metric.{self.key}", lang)

    def short(self, lang: str) -> str:
        return self.indicator.label[lang] if self.indicator else t(f"metric.short.{self.key}", lang)

    @property
    def decimals(self) -> int:
        """Decimals to write a value with, as its hover format does."""
        return int(self.hover_format.rsplit(".", 1)[1].rstrip("f"))

    def unit(self, lang: str) -> str:
        return self.indicator.unit[lang] if self.indicator else t(f"unit.{self.key}", lang)


def _indicator_metric(indicator: Indicator) -> Metric:
    return Metric(
        indicator.key,
        lambda data, view: indicator_values(data.indicators, indicator.key),
        f",.{indicator.decimals}f",
        group="indicators",
        indicator=indicator,
    )


METRIC_REGISTRY: Final[dict[str, Metric]] = {
    m.key: m
    for m in (
        Metric("count", _count, ",.0f"),
        Metric("per100k", _per_100k, ",.1f"),
        Metric("lq", _lq, ".2f", diverging=True, needs_theme=True),
        *(_indicator_metric(i) for i in INDICATORS.values()),
    )
}
assert tuple(METRIC_REGISTRY) == METRICS, "registry.METRICS lists the metrics in this order"
METRIC_GROUPS: Final = ("initiatives", "indicators")


def shown_metric(view: View) -> str:
    """The metric the map really shows: one that needs a theme falls back to the count."""
    if METRIC_REGISTRY[view.metric].needs_theme and not view.theme:
        return "count"
    return view.metric


def metric_values(data: DataSet, view: View) -> pd.Series:
    """The choropleth's value per province for the metric the view shows."""
    return METRIC_REGISTRY[shown_metric(view)].values(data, view)


@dataclass(frozen=True)
class MetricSource:
    """Where a metric's figures come from, for the colour bar, the hover and every export."""

    year: str
    sources: list[str]
    urls: list[str]
    notes: dict[str, str]  # per province, e.g. a wind value from a secondary source

    def line(self, lang: str) -> str:
        """'2017 · Klimaatmonitor (Rijkswaterstaat)', or the collection's coverage."""
        return " · ".join([self.year, *self.sources]) if self.year else ", ".join(self.sources)


#: MetricSource per (data version, metric, language): an indicator's twelve province notes cost
#: about 4 ms, and the map's layers and the line above it both ask on every view change.
_SOURCES: dict[tuple[str, str, str], MetricSource] = {}


def metric_source(data: DataSet, key: str, lang: str) -> MetricSource:
    """Where `key`'s figures come from (read-only: it is shared per data version)."""
    cache_key = (data.version, key, lang)
    known = _SOURCES.get(cache_key)
    if known is None:
        if len(_SOURCES) > 4 * len(METRIC_REGISTRY):  # earlier data versions' entries
            _SOURCES.clear()
        known = _SOURCES[cache_key] = _metric_source(data, key, lang)
    return known


def _metric_source(data: DataSet, key: str, lang: str) -> MetricSource:
    metric = METRIC_REGISTRY[key]
    if metric.indicator is None:
        until = COLLECTED_UNTIL
        population = [t("source_population", lang)] if key == "per100k" else []
        return MetricSource("", [t("source_initiatives", lang, until=until), *population], [], {})
    year, urls, _ = indicator_meta(data.indicators, key)
    notes = {code: province_note(data.indicators, key, code) for code in PROVINCE_CODES}
    return MetricSource(year, source_names(key), urls, {c: n for c, n in notes.items() if n})


def theme_profile(frame: pd.DataFrame, view: View, province: str) -> pd.DataFrame:
    """Per filter theme for one province: count, LQ (NaN when suppressed), the test's verdict
    and, when suppressed, why (the krachtenkaart of the initiatives on the map)."""
    base_view = view.without("theme", "province")
    rows = []
    for theme in FILTER_THEMES:
        comparison = lq_comparisons(frame, base_view, (theme,), "any")[province]
        rows.append(
            {
                "theme": theme,
                "count": comparison.hits,
                "total": comparison.total,
                "lq": np.nan if comparison.lq is None else comparison.lq,
                "p_value": np.nan if comparison.p_value is None else comparison.p_value,
                "verdict": str(comparison.verdict),
                "reason": comparison.reason,
            }
        )
    return pd.DataFrame(rows).set_index("theme")


def metric_line(data: DataSet, metric_key: str, lang: str) -> str:
    """What the map is coloured by, with the figure's year and source: beside the page's map, on
    the map image and in the about sheet. The unit is left out where the label already says it
    ('Aantal initiatieven', not 'Aantal initiatieven (initiatieven)')."""
    metric = METRIC_REGISTRY[metric_key]
    label, unit = metric.label(lang), metric.unit(lang)
    named = label if unit.casefold() in label.casefold() else f"{label} ({unit})"
    return f"{named}: {metric_source(data, metric_key, lang).line(lang)}"
