"""Honest comparisons of a province's theme share with the country's.

A province holds 15-26 initiatives and a province x theme cell often 0-5, so a location quotient
alone ranks noise. Here an LQ is shown only above a minimum count, and a province is called a
strength or a gap only when Fisher's exact test (province vs the rest of the country) says its
share differs at 10% two-sided. See docs/methodology.md.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from typing import Final

import numpy as np
import numpy.typing as npt
from scipy.stats import binomtest, fisher_exact

#: Fewest initiatives in the selected themes (the LQ's numerator) for an LQ to be shown.
MIN_SELECTED: Final = 5
#: Fewest initiatives passing the other filters (the LQ's denominator) for an LQ to be shown.
MIN_TOTAL: Final = 10
#: Two-sided significance level of the test; 10% because the counts are small.
ALPHA: Final = 0.10
#: Confidence level of the Wilson interval shown with a share (matches ALPHA).
CONFIDENCE: Final = 1 - ALPHA


class Verdict(StrEnum):
    """What the page may say about a province's share."""

    STRENGTH = "strength"  # share above the rest of the country, p < ALPHA
    GAP = "gap"  # share below the rest of the country, p < ALPHA
    AVERAGE = "average"  # shown, but not distinguishable from the rest of the country
    TOO_FEW = "too_few"  # suppressed: see Comparison.reason


@dataclass(frozen=True)
class Comparison:
    """One province against the country; `reason` is a machine key the page translates."""

    hits: int
    total: int
    lq: float | None  # None when suppressed
    p_value: float | None  # None when suppressed (no test is run on too few cases)
    verdict: Verdict
    share: float | None  # hits / total; None without initiatives
    national_share: float | None  # over the sum of all provinces; None when no initiatives
    ci_low: float | None  # Wilson interval of `share`, also given when the LQ is suppressed
    ci_high: float | None
    reason: str | None  # "no_national", "too_few_total", "too_few_selected"; None when shown


def suppressed_reason(hits_i: int, total_i: int) -> str | None:
    """Why one province's LQ is not shown, or None; the denominator is checked first because
    a province with few initiatives at all has nothing to compare in any theme."""
    if total_i < MIN_TOTAL:
        return "too_few_total"
    if hits_i < MIN_SELECTED:
        return "too_few_selected"
    return None


def compare_provinces(hits: npt.ArrayLike, totals: npt.ArrayLike) -> list[Comparison]:
    """A Comparison per province, in the order of the arrays.

    `hits[i]`: province i's initiatives in the selected themes; `totals[i]`: its initiatives
    passing the other filters. The national share is over the sum of all provinces; Fisher's
    test compares province i with that sum minus province i.
    """
    hit_counts, total_counts = _counts(hits, totals)
    national_hits, national_total = int(hit_counts.sum()), int(total_counts.sum())
    national_share = national_hits / national_total if national_total else None
    return [
        _compare(int(h), int(t), national_hits, national_total, national_share)
        for h, t in zip(hit_counts, total_counts, strict=True)
    ]


def lq_values(hits: npt.ArrayLike, totals: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """The LQ per province for the choropleth, NaN where it is suppressed."""
    return np.array(
        [np.nan if c.lq is None else c.lq for c in compare_provinces(hits, totals)], dtype=float
    )


def may_name_leader(comparison: Comparison) -> bool:
    """Whether the tour may say the province "leads" in the theme: only a tested strength,
    never merely the highest LQ, which with these counts is often chance."""
    return comparison.verdict is Verdict.STRENGTH


def _compare(
    hits: int, total: int, national_hits: int, national_total: int, national_share: float | None
) -> Comparison:
    """One province; suppressed rows keep their share and interval so a table can show them."""
    share = hits / total if total else None
    ci_low, ci_high = _wilson(hits, total)
    suppressed = Comparison(
        hits=hits,
        total=total,
        lq=None,
        p_value=None,
        verdict=Verdict.TOO_FEW,
        share=share,
        national_share=national_share,
        ci_low=ci_low,
        ci_high=ci_high,
        reason=None,
    )
    reason = "no_national" if national_hits == 0 else suppressed_reason(hits, total)
    if reason is not None or share is None or national_share is None:
        return replace(suppressed, reason=reason or "no_national")
    rest_hits, rest_total = national_hits - hits, national_total - total
    p_value = _fisher_p(hits, total, rest_hits, rest_total)
    verdict = Verdict.AVERAGE
    if p_value < ALPHA and rest_total > 0:
        verdict = Verdict.STRENGTH if share > rest_hits / rest_total else Verdict.GAP
    return replace(suppressed, lq=share / national_share, p_value=p_value, verdict=verdict)


@lru_cache(maxsize=4096)
def _fisher_p(hits: int, total: int, rest_hits: int, rest_total: int) -> float:
    """Two-sided p of Fisher's exact test on (province, rest) x (hits, non-hits): exact, so
    it holds for cells of 0-5 where a chi-square approximation does not."""
    table = [[hits, total - hits], [rest_hits, rest_total - rest_hits]]
    return float(fisher_exact(table, alternative="two-sided").pvalue)


@lru_cache(maxsize=4096)
def _wilson(hits: int, total: int) -> tuple[float | None, float | None]:
    """Wilson interval of hits / total; unlike the normal approximation it stays in [0, 1]
    and is not zero-width at 0 or all hits."""
    if total <= 0:
        return None, None
    ci = binomtest(hits, total).proportion_ci(confidence_level=CONFIDENCE, method="wilson")
    return float(ci.low), float(ci.high)


def _counts(
    hits: npt.ArrayLike, totals: npt.ArrayLike
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Both arrays as whole counts; a mismatch is a caller's bug, so it raises."""
    hit_values = np.asarray(hits, dtype=float).ravel()
    total_values = np.asarray(totals, dtype=float).ravel()
    if hit_values.shape != total_values.shape:
        raise ValueError(f"hits and totals differ: {hit_values.size} != {total_values.size}")
    both = np.concatenate([hit_values, total_values])
    if not np.all(np.isfinite(both)) or np.any(both < 0) or np.any(both != np.round(both)):
        raise ValueError("hits and totals must be non-negative whole numbers")
    if np.any(hit_values > total_values):
        raise ValueError("a province has more hits than initiatives")
    return hit_values.astype(np.int64), total_values.astype(np.int64)


__all__ = [
    "ALPHA",
    "CONFIDENCE",
    "MIN_SELECTED",
    "MIN_TOTAL",
    "Comparison",
    "Verdict",
    "compare_provinces",
    "lq_values",
    "may_name_leader",
    "suppressed_reason",
]
