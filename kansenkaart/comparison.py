"""Two to four provinces side by side (`compare=PV22,PV28`): the figures the profile shows for one.

Pure and built from the same functions as the single profile (indicators, transition agendas,
`lq_comparisons`), so a compared province reads the same numbers as its own profile and the API.
The honesty rule of the profile holds: a theme is called sterkte or kans only when Fisher's test
finds a difference from the rest of the country; the compared provinces are put in an order for a
theme only when every one of them has enough initiatives for an LQ (otherwise the comparison says
it rests on too few cases instead of ranking them), and called different only when Fisher's test
on the highest and the lowest of them finds it (docs/methodology.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd
from scipy.stats import fisher_exact

from kansenkaart.dataset import DataSet
from kansenkaart.filtering import filter_initiatives
from kansenkaart.indicators import indicator_meta, indicator_values, rank, transition_profile
from kansenkaart.metrics import count_by_province, lq_comparisons
from kansenkaart.registry import FILTER_THEMES, PROVINCE_CODES
from kansenkaart.statistics import ALPHA, Comparison, Verdict
from kansenkaart.view import View


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator for the compared provinces: value and rank among all twelve, and its year."""

    key: str
    year: str
    values: dict[str, float]  # province -> value; NaN where the file has none
    ranks: dict[str, int | None]  # 1 = highest of the twelve; None without a value


@dataclass(frozen=True)
class ThemeRow:
    """One theme: each compared province against the country, and their order when it holds."""

    theme: str
    cells: dict[str, Comparison]
    #: The compared provinces by LQ, highest first; () when any rests on too few initiatives.
    order: tuple[str, ...]
    #: Whether the highest and the lowest of `order` differ by Fisher's test (ALPHA): only then
    #: may the page say one stands above the other.
    differs: bool = False

    @property
    def too_few(self) -> tuple[str, ...]:
        """The provinces whose LQ is not shown (why: `cells[code].reason`)."""
        return tuple(c for c, cell in self.cells.items() if cell.verdict is Verdict.TOO_FEW)


@dataclass(frozen=True)
class ProvinceComparison:
    provinces: tuple[str, ...]
    names: dict[str, str]
    counts: dict[str, int]  # initiatives of the view in each province
    indicators: list[IndicatorRow]
    transition: dict[str, pd.DataFrame]  # province -> its transition-agenda profile
    themes: list[ThemeRow]
    initiatives: dict[str, pd.DataFrame]  # province -> its initiatives in the view


def province_codes(view: View) -> list[str]:
    """The provinces a province table or /api/provinces lists for a view: the compared ones, else
    the selected one, else all twelve."""
    if view.compare:
        return list(view.compare)
    return [view.province] if view.province else list(PROVINCE_CODES)


def compare(data: DataSet, view: View, indicators: tuple[str, ...]) -> ProvinceComparison | None:
    """The comparison the view asks for (with the `indicators` the profile lists), or None."""
    if not view.compare:
        return None
    codes = view.compare
    counts = count_by_province(data.initiatives, view)
    return ProvinceComparison(
        provinces=codes,
        names={code: data.province_name(code) for code in codes},
        counts={code: int(counts[code]) for code in codes},
        indicators=[indicator_row(data.indicators, key, codes) for key in indicators],
        transition={code: transition_profile(data.indicators, code) for code in codes},
        themes=theme_rows(data.initiatives, view, codes),
        initiatives={code: initiatives_in(data, view, code) for code in codes},
    )


def initiatives_in(data: DataSet, view: View, code: str) -> pd.DataFrame:
    """The province's initiatives that pass the view's other filters (id, name, has_point)."""
    shown = filter_initiatives(data.initiatives, replace(view, province=code))
    return shown[["id", "name", "has_point"]]


def indicator_row(frame: pd.DataFrame, key: str, codes: tuple[str, ...]) -> IndicatorRow:
    """Values and ranks among the twelve (published for all twelve, so a rank means something)."""
    values = indicator_values(frame, key)
    places = rank(values)
    year, _, _ = indicator_meta(frame, key)
    return IndicatorRow(
        key=key,
        year=year,
        values={code: float(values[code]) for code in codes},
        ranks={code: None if math.isnan(places[code]) else int(places[code]) for code in codes},
    )


def theme_rows(frame: pd.DataFrame, view: View, codes: tuple[str, ...]) -> list[ThemeRow]:
    """Per theme, as the profile counts it: the view's filters but theme and province, each
    province's share of its initiatives in the theme against the country's."""
    base = view.without("theme", "province")
    rows = []
    for theme in FILTER_THEMES:
        compared = lq_comparisons(frame, base, (theme,), "any")
        cells = {code: compared[code] for code in codes}
        order = ranked(cells)
        rows.append(ThemeRow(theme, cells, order, bool(order) and differ(cells, order)))
    return rows


def ranked(cells: dict[str, Comparison]) -> tuple[str, ...]:
    """The provinces by LQ, highest first, only when every LQ is shown: one that rests on too few
    initiatives cannot be placed, so neither can the others against it."""
    if any(cell.lq is None for cell in cells.values()):
        return ()
    return tuple(sorted(cells, key=lambda code: (-(cells[code].lq or 0.0), code)))


def differ(cells: dict[str, Comparison], order: tuple[str, ...]) -> bool:
    """Fisher's exact test (two-sided) on the highest and the lowest province's shares: whether
    the spread between the compared provinces is more than chance at the profile's level."""
    high, low = cells[order[0]], cells[order[-1]]
    table = [[high.hits, high.total - high.hits], [low.hits, low.total - low.hits]]
    return bool(fisher_exact(table, alternative="two-sided").pvalue < ALPHA)
