"""Compare provinces (`compare=`): the view parameter, the reducer's events, the figures of
kansenkaart/comparison.py and the honesty rule (no order on too few cases, `>` only when tested)."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from kansenkaart.comparison import compare, province_codes
from kansenkaart.dataset import load_dataset
from kansenkaart.filtering import filter_initiatives
from kansenkaart.indicators import indicator_values, rank
from kansenkaart.metrics import count_by_province, lq_comparisons
from kansenkaart.state import (
    CompareChosen,
    CompareClosed,
    ProvinceClicked,
    UrlChanged,
    reduce,
)
from kansenkaart.statistics import Verdict
from kansenkaart.view import View
from tests.conftest import DATA_DIR, counted_records, write_data_dir

INDICATORS = ("population", "co2_per_inhabitant", "wind_onshore_capacity")


@pytest.fixture(scope="module")
def real():
    return load_dataset(DATA_DIR)


@pytest.fixture
def counted(tmp_path):
    """Synthetic (tests only). Drenthe 12: 10 climate; Groningen 12: 1 climate, 3 energy, 8 jobs;
    Fryslân 12: 1 climate, 3 energy, 8 innovation; Limburg 4 (too few for any LQ)."""
    cells = {
        "PV22": [("climate", 10), ("jobs", 2)],
        "PV20": [("climate", 1), ("energy", 3), ("jobs", 8)],
        "PV21": [("climate", 1), ("energy", 3), ("innovation", 8)],
        "PV31": [("climate", 4)],
    }
    return load_dataset(write_data_dir(tmp_path / "compare", counted_records(cells)))


# --- the view parameter ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "codes"),
    [
        ("PV22,PV28", ("PV22", "PV28")),
        ("PV28,PV22", ("PV22", "PV28")),  # CBS order, one link per comparison
        ("drenthe,Zuid-Holland", ("PV22", "PV28")),
        ("Fryslan,pv20,PV20,limburg,Zeeland", ("PV20", "PV21", "PV29", "PV31")),  # twice is once
    ],
)
def test_compare_takes_codes_or_names_and_writes_codes(raw, codes):
    view, problems = View.from_query({"compare": raw})
    assert problems == []
    assert view.compare == codes
    assert view.to_query() == "?compare=" + ",".join(codes)
    assert View.from_query(view.to_query())[0] == view


@pytest.mark.parametrize(
    ("raw", "nl", "en"),
    [
        ("PV22", "1 provincie(s) gekozen; vergelijk er 2 tot 4", "1 province(s) chosen"),
        ("PV20,PV21,PV22,PV23,PV24", "5 provincie(s) gekozen", "compare 2 to 4"),
        ("PV22,Atlantis", "'Atlantis' is geen provincie", "'Atlantis' is not a province"),
    ],
)
def test_a_bad_comparison_is_dropped_and_named_in_both_languages(raw, nl, en):
    view, problems = View.from_query({"compare": raw, "theme": "energy"})
    assert view.compare == ()
    assert view.theme == ("energy",)  # the rest of the link stays
    assert [p.param for p in problems] == ["compare"]
    assert nl in problems[0].text("nl")
    assert en in problems[0].text("en")


def test_an_empty_compare_means_no_comparison():
    view, problems = View(compare=("PV22", "PV28")).updated({"compare": ""})
    assert (view.compare, problems) == ((), [])


# --- the reducer ----------------------------------------------------------------------------


def test_compare_chosen_sets_the_comparison_and_keeps_the_rest():
    before = View(theme=("energy",), province="PV22", lang="en")
    after, problems = reduce(before, CompareChosen(("PV28", "PV22")))
    assert problems == []
    assert after == replace(before, compare=("PV22", "PV28"))


def test_one_province_is_no_comparison_and_the_last_one_stays():
    before = View(compare=("PV22", "PV28"))
    after, problems = reduce(before, CompareChosen(("PV20",)))
    assert after == before
    assert [p.param for p in problems] == ["compare"]


def test_compare_closed_and_a_province_click_leave_the_rest():
    before = View(compare=("PV22", "PV28"), theme=("climate",))
    assert reduce(before, CompareClosed()) == (View(theme=("climate",)), [])
    clicked, _ = reduce(before, ProvinceClicked("PV20"))
    assert clicked.compare == ("PV22", "PV28") and clicked.province == "PV20"


def test_a_compare_link_is_a_view():
    view, problems = reduce(View(), UrlChanged("?compare=PV21,PV20&lang=en"))
    assert (view.compare, view.lang, problems) == (("PV20", "PV21"), "en", [])


def test_province_codes_follow_compare_then_province():
    assert province_codes(View(compare=("PV22", "PV28"), province="PV20")) == ["PV22", "PV28"]
    assert province_codes(View(province="PV20")) == ["PV20"]
    assert len(province_codes(View())) == 12


# --- the comparison -------------------------------------------------------------------------


def test_no_comparison_without_compare(real):
    assert compare(real, View(), INDICATORS) is None


def test_indicators_are_the_published_values_with_rank_among_twelve_and_year(real):
    result = compare(real, View(compare=("PV22", "PV28")), INDICATORS)
    assert result is not None
    for row in result.indicators:
        values, places = (
            indicator_values(real.indicators, row.key),
            rank(indicator_values(real.indicators, row.key)),
        )
        assert row.year.isdigit() or "/" in row.year  # every value shown with its year
        for code in ("PV22", "PV28"):
            assert row.values[code] == pytest.approx(values[code])
            assert row.ranks[code] == int(places[code])
    population = result.indicators[0]
    assert population.year == "2024"
    assert population.ranks["PV28"] == 1  # Zuid-Holland has the most inhabitants


def test_counts_and_lists_follow_the_view_filters(real):
    view = View(compare=("PV22", "PV28"), theme=("environment",))
    result = compare(real, view, INDICATORS)
    assert result is not None
    counts = count_by_province(real.initiatives, view)
    for code in view.compare:
        assert result.counts[code] == counts[code]
        listed = filter_initiatives(real.initiatives, replace(view, province=code))
        assert list(result.initiatives[code]["id"]) == list(listed["id"])
        assert len(result.initiatives[code]) == result.counts[code]


def test_theme_cells_are_the_profile_verdicts(counted):
    result = compare(counted, View(compare=("PV20", "PV22")), INDICATORS)
    assert result is not None
    climate = next(row for row in result.themes if row.theme == "climate")
    expected = lq_comparisons(counted.initiatives, View(), ("climate",), "any")
    assert climate.cells == {code: expected[code] for code in ("PV20", "PV22")}
    assert climate.cells["PV22"].verdict is Verdict.STRENGTH


def test_too_few_cases_give_no_order_but_say_which(counted):
    result = compare(counted, View(compare=("PV22", "PV31")), INDICATORS)
    assert result is not None
    climate = next(row for row in result.themes if row.theme == "climate")
    assert climate.order == ()  # Limburg has 4 initiatives in all: below the minimum of 10
    assert climate.too_few == ("PV31",)
    assert climate.differs is False


def test_an_order_is_tested_before_it_is_called_a_difference(tmp_path):
    """Synthetic (tests only): climate in Drenthe 10/12, Overijssel 5/12, Flevoland 9/12."""
    cells = {
        "PV22": [("climate", 10), ("jobs", 2)],
        "PV23": [("climate", 5), ("jobs", 7)],
        "PV24": [("climate", 9), ("jobs", 3)],
    }
    data = load_dataset(write_data_dir(tmp_path / "ordered", counted_records(cells)))

    def climate(*codes: str):
        result = compare(data, View(compare=codes), INDICATORS)
        assert result is not None
        return next(row for row in result.themes if row.theme == "climate")

    apart = climate("PV22", "PV23")  # 10/12 against 5/12: Fisher p = 0.09 < 0.10
    assert (apart.order, apart.differs) == (("PV22", "PV23"), True)
    close = climate("PV22", "PV24")  # 10/12 against 9/12: no demonstrable difference
    assert (close.order, close.differs) == (("PV22", "PV24"), False)


def test_transition_profiles_per_province(real):
    result = compare(real, View(compare=("PV22", "PV28", "PV29")), INDICATORS)
    assert result is not None
    assert list(result.transition) == ["PV22", "PV28", "PV29"]
    for profile in result.transition.values():
        assert all(not math.isnan(q) for q in profile["quotient"])
