"""Minimum counts, Fisher's test and the Wilson interval against hand-computed numbers.

Arrays are per province; the national share is over their sum, the "rest" is sum minus the
province. Fisher p-values are checked against a hypergeometric sum written out with math.comb.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kansenkaart.statistics import (
    ALPHA,
    MIN_SELECTED,
    MIN_TOTAL,
    Verdict,
    compare_provinces,
    lq_values,
    may_name_leader,
    suppressed_reason,
)

Z_95 = 1.6448536269514722  # standard normal 95th percentile: a 90% two-sided interval


def fisher_two_sided(hits: int, total: int, rest_hits: int, rest_total: int) -> float:
    """Fisher's exact two-sided p, independently: with the margins fixed, the province's hits X
    are hypergeometric; sum P(X = x) over every x no more likely than the observed one."""
    n_all, k_all = total + rest_total, hits + rest_hits
    support = range(max(0, total - (n_all - k_all)), min(total, k_all) + 1)
    prob = {
        x: math.comb(k_all, x) * math.comb(n_all - k_all, total - x) / math.comb(n_all, total)
        for x in support
    }
    return sum(p for p in prob.values() if p <= prob[hits] * (1 + 1e-7))


def wilson(hits: int, total: int, z: float = Z_95) -> tuple[float, float]:
    """(p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)."""
    p = hits / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    return centre - half, centre + half


# --- the minimum counts -------------------------------------------------------------------


def test_the_floors_are_the_issues():
    assert (MIN_SELECTED, MIN_TOTAL, ALPHA) == (5, 10, 0.10)


def test_exactly_at_the_floor_is_shown():
    # province 5/10, rest 20/90: national 25/100 = 0.25, LQ = 0.5 / 0.25 = 2.0
    first = compare_provinces(np.array([5, 20]), np.array([10, 90]))[0]
    assert first.reason is None
    assert first.lq == pytest.approx(2.0)
    assert first.share == pytest.approx(0.5)
    assert first.national_share == pytest.approx(0.25)
    assert first.verdict is not Verdict.TOO_FEW


def test_one_hit_under_the_floor_is_suppressed():
    # 4 of 10: the denominator is enough, the selection is not
    first = compare_provinces(np.array([4, 20]), np.array([10, 90]))[0]
    assert (first.lq, first.p_value, first.verdict) == (None, None, Verdict.TOO_FEW)
    assert first.reason == "too_few_selected"


def test_one_initiative_under_the_total_floor_is_suppressed():
    # 5 of 9: enough hits, but 9 < 10 initiatives passing the other filters
    first = compare_provinces(np.array([5, 20]), np.array([9, 90]))[0]
    assert (first.lq, first.verdict, first.reason) == (None, Verdict.TOO_FEW, "too_few_total")


def test_suppressed_reason_checks_the_total_first():
    assert suppressed_reason(5, 10) is None
    assert suppressed_reason(4, 10) == "too_few_selected"
    assert suppressed_reason(5, 9) == "too_few_total"
    assert suppressed_reason(4, 9) == "too_few_total"
    assert suppressed_reason(0, 0) == "too_few_total"


def test_a_suppressed_province_keeps_its_share_and_interval():
    # the table may still show 4/10 = 0.4 with its (wide) interval
    first = compare_provinces(np.array([4, 20]), np.array([10, 90]))[0]
    assert first.share == pytest.approx(0.4)
    assert (first.ci_low, first.ci_high) == pytest.approx(wilson(4, 10))


# --- the test -----------------------------------------------------------------------------


def test_a_clear_strength():
    # province 9/10, rest 20/100. Margins: N = 110, K = 29 hits, n = 10 in the province.
    # P(X = x) = C(29, x) * C(81, 10 - x) / C(110, 10), C(110, 10) = 46_897_636_623_981.
    # P(9)  = C(29, 9) * 81 / C(110, 10) = 10_015_005 * 81 / ... = 811_215_405 / ... = 1.7298e-05
    # P(10) = C(29, 10) / C(110, 10)     = 20_030_010 / ...                          = 4.2710e-07
    # Every x <= 8 is more likely (P(8) = 13_906_549_800 / ... = 2.965e-04), so
    # p = P(9) + P(10) = 831_245_415 / 46_897_636_623_981 = 1.7725e-05
    hand = (math.comb(29, 9) * 81 + math.comb(29, 10)) / math.comb(110, 10)
    assert hand == pytest.approx(1.7725e-05, rel=1e-4)
    assert fisher_two_sided(9, 10, 20, 100) == pytest.approx(hand, rel=1e-12)

    first, rest = compare_provinces(np.array([9, 20]), np.array([10, 100]))
    assert first.p_value == pytest.approx(hand, rel=1e-9)
    assert first.p_value < ALPHA
    assert first.verdict is Verdict.STRENGTH
    assert may_name_leader(first)
    # national 29/110 = 0.263636..., LQ = 0.9 / 0.263636... = 3.41379...
    assert first.lq == pytest.approx(0.9 * 110 / 29)
    # the same table seen from the other side: same p, share 0.2 below 0.9 -> gap
    assert rest.p_value == pytest.approx(hand, rel=1e-9)
    assert rest.verdict is Verdict.GAP
    assert not may_name_leader(rest)


def test_a_strength_at_ten_percent_that_five_percent_would_miss():
    # province 9/20 = 0.45, rest 50/200 = 0.25: p = 0.0656, a strength at 10% two-sided
    hand = fisher_two_sided(9, 20, 50, 200)
    assert 0.05 < hand < ALPHA
    first = compare_provinces(np.array([9, 50]), np.array([20, 200]))[0]
    assert first.p_value == pytest.approx(hand, rel=1e-9)
    assert first.verdict is Verdict.STRENGTH


def test_an_lq_above_one_that_is_not_a_strength():
    # province 101/200 = 0.505, rest 99/200: national 200/400 = 0.5, LQ = 0.505 / 0.5 = 1.01
    first = compare_provinces(np.array([101, 99]), np.array([200, 200]))[0]
    assert first.lq == pytest.approx(1.01)
    assert first.p_value == pytest.approx(fisher_two_sided(101, 200, 99, 200), rel=1e-9)
    assert first.p_value > 0.9
    assert first.verdict is Verdict.AVERAGE
    assert not may_name_leader(first)


def test_a_small_province_above_average_is_average():
    # province 6/10 = 0.6 vs rest 50/100 = 0.5: LQ = 0.6 / (56/110) = 1.1786, not distinguishable
    first = compare_provinces(np.array([6, 50]), np.array([10, 100]))[0]
    assert first.lq == pytest.approx(0.6 * 110 / 56)
    assert first.verdict is Verdict.AVERAGE


def test_a_clear_gap():
    # province 5/25 = 0.2, rest 110/220 = 0.5: national 115/245, LQ = 0.2 * 245 / 115 = 0.4261
    first = compare_provinces(np.array([5, 110]), np.array([25, 220]))[0]
    hand = fisher_two_sided(5, 25, 110, 220)
    assert hand == pytest.approx(0.005288, rel=1e-3)
    assert first.p_value == pytest.approx(hand, rel=1e-9)
    assert first.verdict is Verdict.GAP
    assert first.lq == pytest.approx(0.2 * 245 / 115)


# --- degenerate data ----------------------------------------------------------------------


def test_no_hits_anywhere_has_no_lq():
    # national share 0/50: an LQ would divide by zero
    comparisons = compare_provinces(np.array([0, 0]), np.array([20, 30]))
    assert [c.reason for c in comparisons] == ["no_national", "no_national"]
    assert all(c.lq is None and c.verdict is Verdict.TOO_FEW for c in comparisons)
    assert comparisons[0].national_share == 0.0


def test_a_province_without_initiatives():
    comparisons = compare_provinces(np.array([0, 10]), np.array([0, 20]))
    empty = comparisons[0]
    assert (empty.reason, empty.share, empty.ci_low, empty.ci_high) == (
        "too_few_total",
        None,
        None,
        None,
    )
    # the other province is the whole country: LQ 1, nothing to compare with
    assert comparisons[1].lq == pytest.approx(1.0)
    assert comparisons[1].verdict is Verdict.AVERAGE


def test_no_initiatives_anywhere():
    comparisons = compare_provinces(np.zeros(12), np.zeros(12))
    assert len(comparisons) == 12
    assert all(c.reason == "no_national" and c.national_share is None for c in comparisons)


def test_lq_values_are_nan_where_suppressed():
    # 9/10 shown (3.4138), 4/10 too few hits, 5/9 too few in all, 20/100 shown (0.2 / (38/129))
    values = lq_values(np.array([9, 4, 5, 20]), np.array([10, 10, 9, 100]))
    national = 38 / 129
    assert values[0] == pytest.approx(0.9 / national)
    assert np.isnan(values[1]) and np.isnan(values[2])
    assert values[3] == pytest.approx(0.2 / national)


@pytest.mark.parametrize(
    ("hits", "totals"),
    [([1, 2], [3]), ([5, -1], [10, 10]), ([11], [10]), ([1.5], [10]), ([np.nan], [10])],
)
def test_nonsense_counts_are_refused(hits, totals):
    with pytest.raises(ValueError):
        compare_provinces(np.array(hits), np.array(totals))


# --- the interval -------------------------------------------------------------------------


def test_wilson_interval_by_hand():
    # 9/10, z = 1.64485, z² = 2.70554: denominator 1.270554, centre (0.9 + 0.135277) / 1.270554
    # = 0.814823, half 1.64485 / 1.270554 * sqrt(0.009 + 0.0067639) = 0.162542
    # -> (0.652281, 0.977365)
    first = compare_provinces(np.array([9, 20]), np.array([10, 100]))[0]
    assert (first.ci_low, first.ci_high) == pytest.approx((0.652281, 0.977365), abs=1e-6)
    assert (first.ci_low, first.ci_high) == pytest.approx(wilson(9, 10), rel=1e-12)


def test_wilson_interval_at_zero_hits_is_not_empty():
    # 0/10: centre = half = 0.135277 / 1.270554 = 0.106471 -> (0, 0.212942)
    empty = compare_provinces(np.array([0, 20]), np.array([10, 100]))[0]
    assert empty.ci_low == pytest.approx(0.0, abs=1e-12)
    assert empty.ci_high == pytest.approx(0.212942, abs=1e-6)


# --- properties ---------------------------------------------------------------------------

counts = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 30)).map(lambda ht: (min(ht), max(ht))),
    min_size=2,
    max_size=12,
)


@given(counts)
def test_shown_exactly_above_the_floors_and_named_only_when_tested(pairs):
    hits = np.array([h for h, _ in pairs])
    totals = np.array([t for _, t in pairs])
    for i, c in enumerate(compare_provinces(hits, totals)):
        shown = hits.sum() > 0 and hits[i] >= MIN_SELECTED and totals[i] >= MIN_TOTAL
        assert (c.lq is not None) == shown
        assert (c.verdict is Verdict.TOO_FEW) == (not shown)
        assert (c.reason is None) == shown
        if c.verdict in (Verdict.STRENGTH, Verdict.GAP):
            assert c.p_value is not None and c.p_value < ALPHA
            rest_share = (hits.sum() - hits[i]) / (totals.sum() - totals[i])
            assert (c.share > rest_share) == (c.verdict is Verdict.STRENGTH)
        if c.verdict is Verdict.AVERAGE:
            assert c.p_value is not None and c.p_value >= ALPHA
